// What the sidebar shows, built from what Sheetgram stores: the person's accounts with their sign-in
// status, the report catalogue (from the registry), the document's configurations with last and next
// run, each account's calls this hour and in the last 24 hours, and a setup problem when the deployer has not finished.
import type { AccountView, Configuration, ConnectOption, MailSettingsView, QuotaView, ReportView, SidebarState } from '../../contract/sidebar';
import { CREDENTIAL_PROPERTY } from '../config/app-settings';
import { mailSummary, type MailSettings } from '../accounts/mail-settings';
import { missingScopes } from '../accounts/scopes';
import { TOKEN_POLICY, tokenStatus, USER_TOKEN_REPORTS_TEXT } from '../accounts/token-policy';
import type { ConnectedAccount, LoginFlow } from '../accounts/types';
import { nextDueAt, waitIsOver, type AccountStanding, type ConfigurationStatus } from '../configurations/status';
import { calendarDateIn, isoDate } from '../reports/dates';
import { REPORTS } from '../reports/registry';
import type { ReportConfiguration } from '../reports/types';
import { nextRunAt } from '../schedule/schedule';
import { tabSuggestions } from '../configurations/tab-names';
import { cellsView, type LogLine } from '../tabs/cells-outlook';
import { bigqueryStatusView } from '../bigquery/status-view';
import { loadsIntoBigQuery } from '../bigquery/target';
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
    needsPermission: r.loginFlows.filter((flow) => (r.requiredScopes[flow] ?? []).length > 0),
  }));
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const FLOW_WORDS: Record<LoginFlow, string> = { instagram: 'Instagram', facebook: 'Facebook' };
const DAY = 86_400_000;

/** "12 Sep" in the spreadsheet's time zone (with the year when it is not this year's). */
function dayText(at: number, now: number, timeZone: string): string {
  const date = calendarDateIn(at, timeZone);
  const year = date.year === calendarDateIn(now, timeZone).year ? '' : ` ${date.year}`;
  return `${date.day} ${MONTHS[date.month - 1]}${year}`;
}

/**
 * The sign-in and its expiry in a sentence a person reads next to the account: whether Sheetgram keeps it
 * alive, until when it works and what to do before then, or that it stopped.
 */
export function signInText(account: ConnectedAccount, now: number, timeZone: string): string {
  const flow = FLOW_WORDS[account.flow];
  const expiresAt = account.tokenExpiresAt;
  const expired = expiresAt !== null && expiresAt <= now;
  if (account.reconnectReason) return `The ${flow} sign-in stopped working. ${account.reconnectReason.trim().replace(/([^.!?])$/, '$1.')} Reconnect to go on.`;
  if (expired && !account.pageToken) return `The ${flow} sign-in expired on ${dayText(expiresAt, now, timeZone)}; reconnect to go on.`;
  if (account.flow === 'instagram') return 'Signed in with Instagram; renews by itself.';
  if (expiresAt === null) return 'Signed in with Facebook; does not expire.';
  const soon = expiresAt - now <= TOKEN_POLICY.warnWithinMs;
  const days = Math.ceil((expiresAt - now) / DAY);
  const on = `${dayText(expiresAt, now, timeZone)}${soon && !expired ? ` (in ${days} day${days === 1 ? '' : 's'})` : ''}`;
  if (account.pageToken) {
    // The Page's own token keeps the account's reports going; only what needs the person's sign-in stops.
    if (expired) return `Signed in with Facebook; reports keep running, but ${USER_TOKEN_REPORTS_TEXT} stopped when the sign-in expired on ${on}: reconnect for them.`;
    return `Signed in with Facebook; reports keep running. ${capitalized(USER_TOKEN_REPORTS_TEXT)} need the sign-in, which expires on ${on}; reconnect before then.`;
  }
  return `Facebook sign-in expires on ${on}; reconnect before then.`;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The registry's reports this sign-in cannot serve for want of a permission, and whether a saved report
 * of the account (or one for all connected accounts, which leaves it out until then) needs one of them.
 */
export function lackingPermissions(account: ConnectedAccount, configurations: readonly ReportConfiguration[]): { reportIds: string[]; needed: boolean } | undefined {
  const reportIds = REPORTS
    .filter((r) => r.loginFlows.includes(account.flow) && missingScopes(r.requiredScopes[account.flow] ?? [], account.scopes).length > 0)
    .map((r) => r.id);
  if (!reportIds.length) return undefined;
  const needed = configurations.some((c) => reportIds.includes(c.reportId) && (c.accountId === account.id || c.group?.accounts.kind === 'all'));
  return { reportIds, needed };
}

export function accountView(account: ConnectedAccount, now: number, timeZone: string, configurations: readonly ReportConfiguration[] = []): AccountView {
  const view: AccountView = {
    id: account.id, username: account.username, accountType: account.accountType, flow: account.flow, scopes: [...account.scopes],
    tokenStatus: tokenStatus(account, now),
    expiresOn: account.tokenExpiresAt === null ? null : isoDate(calendarDateIn(account.tokenExpiresAt, timeZone)),
    signIn: signInText(account, now, timeZone),
  };
  const lacking = lackingPermissions(account, configurations);
  if (lacking) view.lacking = lacking;
  return view;
}

/** The person's e-mail settings as the sidebar shows them. */
export function mailView(settings: MailSettings, ownAddress: string): MailSettingsView {
  return { failures: settings.failures, signIns: settings.signIns, digest: settings.digest, to: [...settings.to], digestTo: [...settings.digestTo], ownAddress, summary: mailSummary(settings, ownAddress) };
}

/** The settings as the sidebar's text boxes show them. */
function settingsText(config: ReportConfiguration): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(config.settings)) {
    if (value !== undefined) out[key] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

/**
 * A configuration as its card shows it. standing: how its account stands for the person looking (absent:
 * taken as usable), so a report that waits for the person says so instead of a next run that will not come.
 */
export function configurationView(config: ReportConfiguration, status: ConfigurationStatus, unfinished: boolean, now: number, timeZone: string, standing?: AccountStanding): Configuration {
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
  const waits = !waitIsOver(status, standing ?? { usable: true, signedInAt: now });
  if (waits) view.waitsFor = status.waiting?.reason ?? 'permission';
  else if (next !== null) {
    view.nextRun = Math.max(next, status.resumeAt ?? 0, now);
    // Due: the next hourly run starts it (Google picks its minute), so no clock time is promised.
    if (view.nextRun <= now) view.dueNow = true;
  }
  if (loadsIntoBigQuery(config)) {
    view.destination = config.destination;
    view.bigquery = { ...config.bigquery };
    view.bigqueryStatus = bigqueryStatusView(config, status, now, timeZone);
  }
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
  /** The person's e-mail settings and own address. */
  mail?: { settings: MailSettings; ownAddress: string };
}

export function sidebarState(inputs: SidebarInputs): SidebarState {
  const flows = (Object.keys(CONNECT_OPTIONS) as LoginFlow[]).filter((f) => inputs.credentials[f].ok);
  const setupProblem = flows.length ? null
    : `Sheetgram is not set up yet: whoever deployed it must set the Script Properties ${CREDENTIAL_PROPERTY.instagram.clientId} and ${CREDENTIAL_PROPERTY.instagram.clientSecret} (Instagram Login), or ${CREDENTIAL_PROPERTY.facebook.clientId} and ${CREDENTIAL_PROPERTY.facebook.clientSecret} (Facebook Login). See docs/deploy.md.`;
  // A report waiting for its person waits until the account is usable again (see waitIsOver).
  const standingOf = (accountId: string): AccountStanding => {
    const account = inputs.accounts.find((a) => a.id === accountId);
    return { usable: Boolean(account && !account.reconnectReason), signedInAt: account?.tokenIssuedAt };
  };
  const state: SidebarState = {
    accounts: inputs.accounts.map((a) => accountView(a, inputs.now, inputs.timeZone, inputs.configurations.map((c) => c.config))),
    reports: reportViews(),
    configurations: inputs.configurations.map(({ config, status, unfinished }) => configurationView(config, status, unfinished, inputs.now, inputs.timeZone, standingOf(config.accountId))),
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
  if (inputs.mail) state.mail = mailView(inputs.mail.settings, inputs.mail.ownAddress);
  return state;
}
