// What a person asked for in the sidebar, checked and turned into a saved configuration. Every refusal
// is a sentence that says what to change, in the person's words (no API values or permission ids), and
// names the field it is about where there is one, so the editor shows it beside that control.
import type { ConnectedAccount } from '../accounts/types';
import { missingScopes } from '../accounts/scopes';
import { parseIsoDate } from '../reports/dates';
import { getReportOrNull } from '../reports/registry';
import type { ConfigurationInput, InputField } from '../../contract/sidebar';
import type { ReportConfiguration, ReportDefinition, ReportSettings, WriteMode } from '../reports/types';
import { checkSchedule } from '../schedule/schedule';
import { checkTarget } from '../bigquery/target';
import { tabRefusal, type TabDescription } from './tab-choice';
import { MAX_TAB_NAME, sheetgramTab } from './tab-names';
import { permissionAdvice, permissionText } from './permission-words';

/** What the sidebar sends (the RPC contract); every part is checked again here. */
export type { ConfigurationInput } from '../../contract/sidebar';

/**
 * A refusal in plain words; field names the part of the input it is about (rpc.ts InputField), so the
 * sidebar shows the sentence beside that control. toSidebarError carries it as "[field:<field>]".
 */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(message: string, readonly field?: InputField) {
    super(message);
  }
}

const MODES: readonly WriteMode[] = ['append', 'replace', 'update'];
/** The demographics periods Meta offers, as the sidebar's menu names them. */
const TIMEFRAMES: Record<string, string> = { this_month: 'This month', this_week: 'This week' };
const TIMEFRAME_CHOICE = `Choose ${Object.values(TIMEFRAMES).map((t) => `"${t}"`).join(' or ')}: the period Meta counts the audience over.`;

/** A JSON object (not null, not an array): what the sidebar sends for the input and its settings. */
function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function list(text: string, strip: RegExp): string[] {
  return [...new Set(text.split(/[\s,;]+/).map((t) => t.replace(strip, '').trim()).filter(Boolean))];
}

/** An IANA zone's shape: Area/City (up to three parts) or a bare name such as UTC; no offsets like +01:00. */
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+){0,2}$/;

/**
 * The IANA time zone as given, or null for anything else. Its capitals are fixed when the runtime spells
 * the same name (europe/lisbon -> Europe/Lisbon); a link stays as given (the runtime may prefer an older
 * spelling, America/Buenos_Aires for America/Argentina/Buenos_Aires).
 */
function timeZoneName(zone: string): string | null {
  if (!ZONE_NAME.test(zone)) return null;
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
    return resolved.toLowerCase() === zone.toLowerCase() ? resolved : zone;
  } catch {
    return null;
  }
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * What to say about "Posts since" typed as day and month with slashes or dots (01/03/2026): which days
 * it could be, since Sheetgram cannot know the order the person meant.
 */
function slashDateRefusal(text: string): string | null {
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (!m) return null;
  const [a, b, year] = [Number(m[1]), Number(m[2]), m[3]];
  const readings = [[a, b], [b, a]].filter(([day, month]) => month >= 1 && month <= 12 && day >= 1 && day <= 31).map(([day, month]) => `${day} ${MONTHS[month - 1]} ${year}`);
  const unique = [...new Set(readings)];
  if (unique.length === 2) return `"${text}" could be ${unique[0]} or ${unique[1]}: pick the day in the calendar.`;
  return `Pick the day in the calendar${unique.length ? ` (${unique[0]}?)` : ''}: Sheetgram reads dates written like 2026-01-31.`;
}

/** 2026-02-30 has the shape of a date but is not on the calendar. */
function isCalendarDate(date: { year: number; month: number; day: number }): boolean {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day));
  return d.getUTCFullYear() === date.year && d.getUTCMonth() === date.month - 1 && d.getUTCDate() === date.day;
}

/** What to say when a setting arrives as something other than text (the sidebar sends text boxes' words). */
const NOT_TEXT: Record<keyof ReportSettings, string> = {
  postsSince: 'Write "Posts since" as a date like 2026-01-31.',
  lookbackDays: 'Lookback must be a number of days, typed as text such as "30".',
  postGrowthDays: 'Post growth must be a number of days, typed as text such as "30".',
  hashtags: 'List the hashtags as text, separated by commas.',
  competitors: 'List the competitors\' usernames as text, separated by commas.',
  timeframe: TIMEFRAME_CHOICE,
  insightDayTimeZone: 'Pick the time zone by its city, such as Los Angeles (America/Los_Angeles).',
};

/** The input field a setting's refusal is about. */
const setting = (id: keyof ReportSettings): InputField => `settings.${id}`;

/**
 * Report settings from the sidebar's text boxes: an object of strings by setting id. A setting of the
 * report that is not text is refused; ids the report does not have are ignored, whatever their value.
 */
export function parseSettings(reportSettings: readonly { id: keyof ReportSettings }[], raw: unknown = {}): ReportSettings {
  if (!isRecord(raw)) throw new InputError('The report\'s settings did not arrive as text boxes; open the report again and retype them.');
  const settings: ReportSettings = {};
  const allowed = new Set(reportSettings.map((s) => s.id));
  const value = (id: keyof ReportSettings): string => {
    if (!allowed.has(id) || raw[id] === undefined) return '';
    const text = raw[id];
    if (typeof text !== 'string') throw new InputError(NOT_TEXT[id], setting(id));
    return text.trim();
  };
  const since = value('postsSince');
  if (since) {
    const date = parseIsoDate(since);
    if (!date) throw new InputError(slashDateRefusal(since) ?? 'Write "Posts since" as a date like 2026-01-31.', setting('postsSince'));
    if (!isCalendarDate(date)) throw new InputError(`${since} is not a day on the calendar; write "Posts since" as a date like 2026-01-31.`, setting('postsSince'));
    settings.postsSince = since;
  }
  const lookback = value('lookbackDays');
  if (lookback) {
    const days = /^\d{1,3}$/.test(lookback) ? Number(lookback) : NaN;
    if (!(days >= 1 && days <= 365)) throw new InputError('The lookback must be a whole number of days between 1 and 365.', setting('lookbackDays'));
    settings.lookbackDays = days;
  }
  const growth = value('postGrowthDays');
  if (growth) {
    const days = /^\d{1,3}$/.test(growth) ? Number(growth) : NaN;
    if (!(days >= 0 && days <= 365)) throw new InputError('Post growth must be a whole number of days between 0 (none) and 365.', setting('postGrowthDays'));
    settings.postGrowthDays = days;
  }
  const hashtagText = value('hashtags');
  if (hashtagText) {
    const tags = list(hashtagText, /^#/).map((t) => t.toLowerCase());
    if (tags.length > 30) throw new InputError(`Instagram allows 30 different hashtags per 7 days; you listed ${tags.length}.`, setting('hashtags'));
    if (tags.some((t) => !/^[\p{L}\p{N}_]+$/u.test(t))) throw new InputError('Hashtags may contain letters, digits and _ only (no spaces or emoji).', setting('hashtags'));
    settings.hashtags = tags;
  }
  const competitorText = value('competitors');
  if (competitorText) {
    const names = list(competitorText, /^@/).map((n) => n.toLowerCase());
    if (names.length > 50) throw new InputError('Watch at most 50 competitors in one report.', setting('competitors'));
    if (names.some((n) => !/^[a-z0-9._]{1,30}$/.test(n))) throw new InputError('Instagram usernames have letters, digits, dots and underscores only (at most 30).', setting('competitors'));
    settings.competitors = names;
  }
  const timeframe = value('timeframe');
  if (timeframe) {
    if (!Object.prototype.hasOwnProperty.call(TIMEFRAMES, timeframe)) throw new InputError(TIMEFRAME_CHOICE, setting('timeframe'));
    settings.timeframe = timeframe;
  }
  const zone = value('insightDayTimeZone');
  if (zone) {
    const name = timeZoneName(zone);
    if (!name) throw new InputError(`"${zone.slice(0, 60)}" is not a time zone Sheetgram knows: pick a city from the list, such as Los Angeles (America/Los_Angeles).`, setting('insightDayTimeZone'));
    settings.insightDayTimeZone = name;
  }
  return settings;
}

/**
 * Line breaks, tabs and other control characters: a tab name is one line of visible text, as the Sheets
 * rename box types it (whether insertSheet itself refuses them is unverified, so Sheetgram refuses them
 * first). The local Spreadsheet fake refuses the same (local/apps-script/services/spreadsheet/workbook.ts),
 * and an empty name or one over MAX_TAB_NAME characters. Sheets takes every other character (quotes,
 * @, emoji, / : [ ] * ?, which Excel refuses), and so does Sheetgram.
 */
const CONTROL_CHARACTERS = /[\p{Cc}\u2028\u2029]/u;

/** The trimmed tab name, or an InputError saying what to change (Sheetgram's own tabs are checked on save). */
export function checkTabName(value: unknown): string {
  const name = typeof value === 'string' ? value.trim() : '';
  if (!name) throw new InputError('Name the tab the rows go to.', 'tabName');
  if (name.length > MAX_TAB_NAME) throw new InputError(`Tab names have at most ${MAX_TAB_NAME} characters; this one has ${name.length}.`, 'tabName');
  if (CONTROL_CHARACTERS.test(name)) throw new InputError('Type the tab name on one line: tab names cannot hold line breaks, tabs or other invisible characters.', 'tabName');
  return name;
}

/** The field ids asked for, in the report's order and once each; unknown ids are refused by name. */
function checkFields(report: ReportDefinition, value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0) throw new InputError('Tick at least one field to collect.', 'fields');
  const known = new Set(report.fields.map((f) => f.id));
  const unknown = [...new Set(value.filter((id) => typeof id !== 'string' || !known.has(id)).map((id) => (typeof id === 'string' ? id : JSON.stringify(id) ?? String(id))))];
  if (unknown.length) {
    const shown = unknown.slice(0, 5).map((id) => `"${id.length > 40 ? `${id.slice(0, 40)}...` : id}"`);
    const names = shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}` : shown[0];
    const more = unknown.length > shown.length ? ` (and ${unknown.length - shown.length} more)` : '';
    throw new InputError(`${report.title} has no field${unknown.length > 1 ? 's' : ''} ${names}${more}: tick fields from its list.`, 'fields');
  }
  return report.fields.map((f) => f.id).filter((id) => value.includes(id));
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

/**
 * The configuration to save, or an InputError saying what to fix. Every value is checked here, whatever
 * the browser sent (google.script.run can be called from the console with anything): the input is an
 * object; accountId names ctx.account; id, when present, is a string (that of ctx.existing); adoptTab,
 * when present, is a boolean; reportId a known report; fields the report's (unknown ones named,
 * duplicates folded); the tab name 1-100 characters on one line and not one of Sheetgram's own tabs;
 * mode, schedule (checkSchedule) and settings (parseSettings) as the sidebar offers them. Keys the
 * sidebar does not send are ignored.
 */
export function configurationFromInput(value: unknown, ctx: ConfigurationContext): ReportConfiguration {
  if (!isRecord(value)) throw new InputError('There is nothing to save: fill in the report form and click Save.');
  const input = value as Partial<Record<keyof ConfigurationInput, unknown>>;
  const { account, existing } = ctx;
  if (typeof input.accountId !== 'string' || input.accountId !== account.id) throw new InputError('Choose one of your connected accounts.', 'accountId');
  if (input.id !== undefined && (typeof input.id !== 'string' || (existing !== null && input.id !== existing.id))) {
    throw new InputError('This report could not be found: open it again from the list of reports.');
  }
  if (input.adoptTab !== undefined && typeof input.adoptTab !== 'boolean') throw new InputError('Tick "Use this tab anyway" again, or leave it unticked, and save.', 'adoptTab');
  const report = typeof input.reportId === 'string' ? getReportOrNull(input.reportId) : null;
  if (!report) throw new InputError('Choose a report.', 'reportId');
  if (!report.loginFlows.includes(account.flow)) {
    throw new InputError(`${report.title} needs an account connected with Facebook Login; @${account.username} is connected with Instagram Login.`, 'reportId');
  }
  // The account's sign-in lacks what the report needs: connecting it again is the fix, so the account is named.
  const needed = missingScopes(report.requiredScopes[account.flow] ?? [], account.scopes);
  if (needed.length) {
    throw new InputError(`${report.title} needs permission to ${permissionText(needed)}, which @${account.username} did not give. ${permissionAdvice(needed, account.username)}`, 'accountId');
  }
  const fields = checkFields(report, input.fields);
  const tabName = checkTabName(input.tabName);
  // A configuration that keeps its report, account and tab is not asked again (it may predate the check).
  const keepsTab = existing && existing.reportId === report.id && existing.accountId === account.id && existing.tab.name === tabName;
  if (!keepsTab) {
    const reserved = sheetgramTab(tabName);
    const refusal = ctx.describeTab ? tabRefusal(ctx.describeTab(tabName, report.id), input.adoptTab === true)
      : reserved ? `"${tabName}" is ${reserved}; reports cannot write there. Choose another tab.` : null;
    if (refusal) throw new InputError(refusal, 'tabName');
  }
  const mode = input.mode as WriteMode;
  if (!MODES.includes(mode)) throw new InputError('Choose Append, Replace or Update.', 'mode');
  const schedule = checkSchedule(input.schedule);
  if (typeof schedule === 'string') throw new InputError(schedule, 'schedule');
  const settings = parseSettings(report.settings, input.settings);
  if (report.id === 'competitors' && !settings.competitors?.length) throw new InputError('List at least one competitor username, such as rival.bakery.', setting('competitors'));
  if (report.id === 'hashtags' && !settings.hashtags?.length) throw new InputError('List at least one hashtag, such as sourdough.', setting('hashtags'));

  const destination = input.destination ?? 'sheet';
  if (destination !== 'sheet' && destination !== 'sheet_and_bigquery' && destination !== 'bigquery') {
    throw new InputError('Choose where the rows go: this spreadsheet, this spreadsheet and BigQuery, or BigQuery only.', 'destination');
  }
  // Update and Replace keep the current rows in the tab, which the next run refreshes: that is not history to move out.
  if (destination === 'bigquery' && mode !== 'append') {
    throw new InputError('"BigQuery only" keeps the history in BigQuery and only the newest day in the tab, so it needs Append (a row per day). '
      + 'In Update and Replace the tab holds the current rows, which each run refreshes: choose "This spreadsheet and BigQuery" for those.', 'destination');
  }
  let bigquery: ReportConfiguration['bigquery'];
  if (destination !== 'sheet') {
    const target = checkTarget(input.bigquery);
    if ('message' in target) throw new InputError(target.message, `bigquery.${target.field}`);
    bigquery = target;
  }

  // What was read before stays valid only if the same data still goes to the same place.
  const same = existing && existing.reportId === report.id && existing.accountId === account.id && existing.mode === mode
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
    mode,
    schedule,
    settings,
    state: same ? existing.state : { hashtagSearches: existing?.state?.hashtagSearches, hashtagIds: existing?.state?.hashtagIds },
    // Whoever saves it runs it: the account's token is in their user properties.
    owner: ctx.owner,
    createdAt: existing?.createdAt ?? ctx.now,
    ...(bigquery ? { destination, bigquery } : {}),
  };
}
