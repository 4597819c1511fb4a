// What a person asked for in the sidebar, checked and turned into a saved configuration. Every refusal
// is a sentence that says what to change.
import type { ConnectedAccount } from '../accounts/types';
import { missingScopes } from '../accounts/scopes';
import { parseIsoDate } from '../reports/dates';
import { getReportOrNull } from '../reports/registry';
import type { ConfigurationInput } from '../../ui/rpc';
import type { ReportConfiguration, ReportSettings, WriteMode } from '../reports/types';
import { checkSchedule } from '../schedule/schedule';
import { tabRefusal, type TabDescription } from './tab-choice';
import { MAX_TAB_NAME } from './tab-names';

/** What the sidebar sends (the RPC contract); every part is checked again here. */
export type { ConfigurationInput } from '../../ui/rpc';

export class InputError extends Error {
  override readonly name = 'InputError';
}

const MODES: WriteMode[] = ['append', 'replace', 'update'];
const TIMEFRAMES = ['this_month', 'this_week'];

function list(text: string | undefined, strip: RegExp): string[] {
  return [...new Set((text ?? '').split(/[\s,;]+/).map((t) => t.replace(strip, '').trim()).filter(Boolean))];
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Report settings from the sidebar's text boxes; unknown keys are ignored. */
export function parseSettings(reportSettings: readonly { id: keyof ReportSettings }[], raw: Record<string, string> = {}): ReportSettings {
  const settings: ReportSettings = {};
  const allowed = new Set(reportSettings.map((s) => s.id));
  const value = (id: keyof ReportSettings) => (allowed.has(id) ? (raw[id] ?? '').trim() : '');
  const since = value('postsSince');
  if (since) {
    if (!parseIsoDate(since)) throw new InputError('Write "Posts since" as a date like 2026-01-31.');
    settings.postsSince = since;
  }
  const lookback = value('lookbackDays');
  if (lookback) {
    const days = Number(lookback);
    if (!Number.isInteger(days) || days < 1 || days > 365) throw new InputError('The lookback must be a whole number of days between 1 and 365.');
    settings.lookbackDays = days;
  }
  if (value('hashtags')) {
    const tags = list(value('hashtags'), /^#/).map((t) => t.toLowerCase());
    if (tags.length > 30) throw new InputError(`Instagram allows 30 different hashtags per 7 days; you listed ${tags.length}.`);
    if (tags.some((t) => !/^[\p{L}\p{N}_]+$/u.test(t))) throw new InputError('Hashtags may contain letters, digits and _ only (no spaces or emoji).');
    settings.hashtags = tags;
  }
  if (value('competitors')) {
    const names = list(value('competitors'), /^@/).map((n) => n.toLowerCase());
    if (names.length > 50) throw new InputError('Watch at most 50 competitors in one report.');
    if (names.some((n) => !/^[a-z0-9._]{1,30}$/.test(n))) throw new InputError('Instagram usernames have letters, digits, dots and underscores only (at most 30).');
    settings.competitors = names;
  }
  const timeframe = value('timeframe');
  if (timeframe) {
    if (!TIMEFRAMES.includes(timeframe)) throw new InputError(`The timeframe is one of: ${TIMEFRAMES.join(', ')}.`);
    settings.timeframe = timeframe;
  }
  const zone = value('insightDayTimeZone');
  if (zone) {
    if (!isTimeZone(zone)) throw new InputError(`"${zone}" is not a time zone name (for example America/Los_Angeles).`);
    settings.insightDayTimeZone = zone;
  }
  return settings;
}

export interface ConfigurationContext {
  account: ConnectedAccount;
  existing: ReportConfiguration | null;
  owner: string;
  now: number;
  newId: () => string;
  /** What writing this report into the named tab would do (tab-choice.ts); absent: not checked. */
  describeTab?: (tabName: string, reportId: string) => TabDescription;
}

/** The configuration to save, or an InputError saying what to fix. */
export function configurationFromInput(input: ConfigurationInput, ctx: ConfigurationContext): ReportConfiguration {
  const report = getReportOrNull(String(input.reportId));
  if (!report) throw new InputError('Choose a report.');
  const { account, existing } = ctx;
  if (!report.loginFlows.includes(account.flow)) {
    throw new InputError(`${report.title} needs an account connected with Facebook Login; @${account.username} is connected with Instagram Login.`);
  }
  const needed = missingScopes(report.requiredScopes[account.flow] ?? [], account.scopes);
  if (needed.length) throw new InputError(`${report.title} needs the permission ${needed.join(', ')}. Reconnect @${account.username} and allow it.`);
  const fields = report.fields.map((f) => f.id).filter((id) => (input.fields ?? []).includes(id));
  if (!fields.length) throw new InputError('Tick at least one field to collect.');
  const tabName = String(input.tabName ?? '').trim();
  if (!tabName) throw new InputError('Name the tab the rows go to.');
  if (tabName.length > MAX_TAB_NAME) throw new InputError(`Tab names have at most ${MAX_TAB_NAME} characters.`);
  // A configuration that keeps its report, account and tab is not asked again (it may predate the check).
  const keepsTab = existing && existing.reportId === report.id && existing.accountId === account.id && existing.tab.name === tabName;
  const refusal = ctx.describeTab && !keepsTab ? tabRefusal(ctx.describeTab(tabName, report.id), input.adoptTab === true) : null;
  if (refusal) throw new InputError(refusal);
  if (!MODES.includes(input.mode)) throw new InputError('Choose Append, Replace or Update.');
  const schedule = checkSchedule(input.schedule);
  if (typeof schedule === 'string') throw new InputError(schedule);
  const settings = parseSettings(report.settings, input.settings);
  if (report.id === 'competitors' && !settings.competitors?.length) throw new InputError('List at least one competitor username.');
  if (report.id === 'hashtags' && !settings.hashtags?.length) throw new InputError('List at least one hashtag.');

  // What was read before stays valid only if the same data still goes to the same place.
  const same = existing && existing.reportId === report.id && existing.accountId === account.id && existing.mode === input.mode
    && existing.tab.name === tabName && fields.every((f) => existing.fields.includes(f))
    && JSON.stringify(existing.settings) === JSON.stringify(settings);
  return {
    id: existing?.id ?? ctx.newId(),
    accountId: account.id,
    accountUsername: account.username,
    loginFlow: account.flow,
    reportId: report.id,
    fields,
    tab: existing && existing.tab.name === tabName ? existing.tab : { sheetId: null, name: tabName },
    mode: input.mode,
    schedule,
    settings,
    state: same ? existing.state : { hashtagSearches: existing?.state?.hashtagSearches, hashtagIds: existing?.state?.hashtagIds },
    // Whoever saves it runs it: the account's token is in their user properties.
    owner: ctx.owner,
    createdAt: existing?.createdAt ?? ctx.now,
  };
}
