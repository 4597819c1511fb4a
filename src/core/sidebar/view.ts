// What the sidebar shows, built from what Sheetgram stores: the person's accounts with their sign-in
// status, the report catalogue (from the registry), the document's configurations with last and next
// run, each account's calls this hour and in the last 24 hours, and a setup problem when the deployer has not finished.
import type { AccountView, Configuration, ConnectOption, QuotaView, ReportView, SidebarState } from '../../ui/rpc';
import { CREDENTIAL_PROPERTY } from '../config/app-settings';
import { tokenStatus } from '../accounts/token-policy';
import type { ConnectedAccount, LoginFlow } from '../accounts/types';
import { nextDueAt, type ConfigurationStatus } from '../configurations/status';
import { calendarDateIn, isoDate } from '../reports/dates';
import { REPORTS } from '../reports/registry';
import type { ReportConfiguration } from '../reports/types';
import { nextRunAt } from '../schedule/schedule';
import { tabSuggestions } from '../configurations/tab-names';
import { cellsView, type LogLine } from '../tabs/cells-outlook';
import type { TabGrid } from '../tabs/tab-port';

export const CONNECT_OPTIONS: Record<LoginFlow, Omit<ConnectOption, 'flow'>> = {
  instagram: {
    title: 'Instagram Login',
    gives: 'Business and Creator accounts, no Facebook Page needed: profile, posts, insights, audience, stories and comments.',
  },
  facebook: {
    title: 'Facebook Login',
    gives: 'Accounts linked to a Facebook Page. Adds competitors (Business Discovery), hashtags and posts that tag you.'
      + ' Facebook also asks for business_management and ads_read: without them it hides Pages owned through a business portfolio and their insights. Sheetgram only reads; it never manages your business or ads.',
  },
};

export function reportViews(): ReportView[] {
  return REPORTS.map((r) => ({
    id: r.id, title: r.title, description: r.description, loginFlows: [...r.loginFlows],
    fields: r.fields.map((f) => ({ id: f.id, header: f.header, description: f.description, default: f.default })),
    defaultMode: r.defaultMode, cadence: r.cadence.label.toLowerCase(),
    settings: r.settings.map((s) => ({ id: s.id, label: s.label, description: s.description })),
  }));
}

export function accountView(account: ConnectedAccount, now: number, timeZone: string): AccountView {
  return {
    id: account.id, username: account.username, accountType: account.accountType, flow: account.flow, scopes: [...account.scopes],
    tokenStatus: tokenStatus(account, now),
    expiresOn: account.tokenExpiresAt === null ? null : isoDate(calendarDateIn(account.tokenExpiresAt, timeZone)),
  };
}

/** The settings as the sidebar's text boxes show them. */
function settingsText(config: ReportConfiguration): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(config.settings)) {
    if (value !== undefined) out[key] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

export function configurationView(config: ReportConfiguration, status: ConfigurationStatus, unfinished: boolean, now: number, timeZone: string): Configuration {
  const view: Configuration = {
    id: config.id, accountId: config.accountId, reportId: config.reportId, fields: [...config.fields], tabName: config.tab.name,
    mode: config.mode, schedule: config.schedule, settings: settingsText(config),
  };
  if (config.group) {
    view.group = { id: config.group.id, accounts: config.group.accounts };
    view.accounts = config.group.accounts;
  }
  if (status.lastRun) view.lastRun = status.lastRun;
  const scheduled = nextRunAt(config.schedule, status.lastRunAt, now, timeZone);
  // An unfinished run continues on the next hourly tick; a pause holds everything until it ends.
  const next = unfinished ? now : nextDueAt(scheduled, status);
  if (next !== null) view.nextRun = Math.max(next, status.resumeAt ?? 0, now);
  if (status.stoppedReason) view.lastError = `${status.stoppedReason} Scheduled runs are stopped until the report is saved again.`;
  else if (status.lastError) view.lastError = status.lastError;
  return view;
}

/** 12345 -> "12,345" (no locale data needed). */
function thousands(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

const BASIS_TEXT: Record<NonNullable<QuotaView['day']>['basis'], string> = {
  views: "Meta's limit for this account, from its views",
  reach: "Meta's limit for this account, from its reach",
  floor: "a cautious estimate of Meta's limit until an Account Insights report reads this account's views",
};

/** "@sunny.creates: 120 of 800 calls this hour, 1,300 of 19,200 today (Meta's limit for this account, from its views)". */
export function quotaSummary(username: string | undefined, quota: Omit<QuotaView, 'summary'>): string {
  const who = username ? `@${username}` : quota.accountId;
  const hour = `${thousands(quota.used)} of ${thousands(quota.limit)} calls this hour`;
  if (!quota.day) return `${who}: ${hour}`;
  return `${who}: ${hour}, ${thousands(quota.day.used)} of ${thousands(quota.day.limit)} today (${BASIS_TEXT[quota.day.basis]})`;
}

/** The quota as the sidebar shows it: numbers for the meters, and the sentence. */
export function quotaViews(quota: Omit<QuotaView, 'summary'>[], accounts: ConnectedAccount[]): QuotaView[] {
  return quota.map((q) => {
    const view: QuotaView = { accountId: q.accountId, used: q.used, limit: q.limit };
    if (q.day) view.day = { used: q.day.used, limit: q.day.limit, basis: q.day.basis };
    view.summary = quotaSummary(accounts.find((a) => a.id === q.accountId)?.username, view);
    return view;
  });
}

export interface SidebarInputs {
  accounts: ConnectedAccount[];
  configurations: { config: ReportConfiguration; status: ConfigurationStatus; unfinished: boolean }[];
  quota: Omit<QuotaView, 'summary'>[];
  tabs: string[];
  logTab: { name: string; url: string } | null;
  /** Flows whose Meta app credentials are set, and the names of those that are missing. */
  credentials: Record<LoginFlow, { ok: boolean; missing: string[] }>;
  now: number;
  timeZone: string;
  /** Every tab's grid and, when the spreadsheet nears the limit, the log's recent lines (for the pace). */
  cells?: { grids: TabGrid[]; lines: LogLine[] };
}

export function sidebarState(inputs: SidebarInputs): SidebarState {
  const flows = (Object.keys(CONNECT_OPTIONS) as LoginFlow[]).filter((f) => inputs.credentials[f].ok);
  const setupProblem = flows.length ? null
    : `Sheetgram is not set up yet: whoever deployed it must set the Script Properties ${CREDENTIAL_PROPERTY.instagram.clientId} and ${CREDENTIAL_PROPERTY.instagram.clientSecret} (Instagram Login), or ${CREDENTIAL_PROPERTY.facebook.clientId} and ${CREDENTIAL_PROPERTY.facebook.clientSecret} (Facebook Login). See docs/deploy.md.`;
  return {
    accounts: inputs.accounts.map((a) => accountView(a, inputs.now, inputs.timeZone)),
    reports: reportViews(),
    configurations: inputs.configurations.map(({ config, status, unfinished }) => configurationView(config, status, unfinished, inputs.now, inputs.timeZone)),
    quota: quotaViews(inputs.quota, inputs.accounts),
    connectOptions: flows.map((flow) => ({ flow, ...CONNECT_OPTIONS[flow] })),
    tabs: inputs.tabs,
    // Every tab and every configuration's tab counts as taken, so each account's default name is its own.
    tabSuggestions: tabSuggestions(inputs.accounts, REPORTS, [...inputs.tabs, ...inputs.configurations.map((c) => c.config.tab.name)]),
    logTab: inputs.logTab,
    timeZone: inputs.timeZone,
    setupProblem,
    cells: inputs.cells ? cellsView(inputs.cells.grids, inputs.cells.lines, inputs.now) : null,
  };
}
