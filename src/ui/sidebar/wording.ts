// How the sidebar says things: account types, login flows, write modes, schedules, runs and times.
// Tables, so a wording change is one line.
import type { AccountChoice, Destination, LoginFlow, ReportView, RunStatus, RunSummary, Schedule, WriteMode } from '../../contract/sidebar';

export const FLOW_NAMES: Record<LoginFlow, string> = {
  instagram: 'Instagram Login',
  facebook: 'Facebook Login',
};

const ACCOUNT_TYPES: Record<string, string> = {
  BUSINESS: 'Business account',
  MEDIA_CREATOR: 'Creator account',
  CREATOR: 'Creator account',
};

/** "Competitors needs Facebook Login": why an account cannot have a report. */
export function needsLoginText(report: Pick<ReportView, 'title' | 'loginFlows'>): string {
  return `${report.title} needs ${report.loginFlows.map((f) => FLOW_NAMES[f]).join(' or ')}`;
}

/** "a", "a and b", "a, b and c". */
export function listText(parts: readonly string[]): string {
  return parts.length < 2 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** "@a", "@a and @b", "@a, @b and @c". */
export function accountListText(usernames: readonly string[]): string {
  return listText(usernames.map((u) => `@${u}`));
}

/** Who a report for several accounts covers, as a card's title says it: "all connected accounts", "3 accounts". */
export function groupScopeText(accounts: AccountChoice, members: number): string {
  return accounts.kind === 'all' ? 'all connected accounts' : countText(members, 'account', 'accounts');
}

/** Under the tab choice of a report for several accounts. */
export const GROUP_TAB_HINT = 'All accounts\' rows go into this one tab, each row naming its account.';

export function accountTypeText(type: string): string {
  return ACCOUNT_TYPES[type.toUpperCase()] ?? `${type} account`;
}

export const WRITE_MODES: Array<{ mode: WriteMode; label: string; line: string }> = [
  { mode: 'append', label: 'Append', line: 'Adds new rows below the old ones, so the tab keeps a history (one row per day for snapshots).' },
  { mode: 'replace', label: 'Replace', line: 'Each run writes the latest data and removes this report\'s older rows (only its accounts\' rows in a shared tab); your own columns stay.' },
  { mode: 'update', label: 'Update', line: 'Updates rows already in the tab (the same day or the same post) and adds new ones; no duplicates.' },
];

/** Apps Script's everyHours accepts only these. */
export const EVERY_HOURS = [1, 2, 4, 6, 8, 12];

export function hourText(hour: number): string {
  const next = (hour + 1) % 24;
  return `${String(hour).padStart(2, '0')}:00-${String(next).padStart(2, '0')}:00`;
}

export function scheduleText(schedule: Schedule): string {
  switch (schedule.kind) {
    case 'off': return 'Not scheduled: runs only when you click Run now';
    case 'daily': return `Daily, between ${hourText(schedule.hour)}`;
    case 'every_hours': return schedule.everyHours === 1 ? 'Every hour' : `Every ${schedule.everyHours} hours`;
  }
}

const RUN_STATUS: Record<RunStatus, string> = {
  ok: 'Finished',
  partial: 'Finished with some items skipped',
  incomplete: 'Incomplete: Instagram ended a list early; Sheetgram tries again at the next hourly run',
  continues: 'Paused at Google\'s six-minute limit; continues on the next hourly run',
  failed: 'Failed',
};

export function countText(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function resultText(run: Omit<RunSummary, 'at'>): string {
  const counts = `${countText(run.rowsAdded, 'row', 'rows')} added, ${run.rowsUpdated} updated, ${countText(run.callsUsed, 'call', 'calls')} used`;
  const message = run.message ? ` ${run.message}` : '';
  return `${RUN_STATUS[run.status]}: ${counts}.${message}`;
}

export function timeText(epochMs: number, timeZone: string): string {
  const options: Intl.DateTimeFormatOptions = { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false };
  try {
    return new Intl.DateTimeFormat('en-GB', { ...options, timeZone }).format(epochMs);
  } catch {
    // An unknown zone name must not break the sidebar; the browser's own zone is close enough.
    return new Intl.DateTimeFormat('en-GB', options).format(epochMs);
  }
}

/** The box a person ticks to let a report write into a tab of their own that holds data. */
export const ADOPT_TAB = 'Use this tab anyway: Sheetgram adds its own columns and never overwrites your cells';

/** A person's tab in a line: its first cells and how many rows hold something. */
export function tabContentsText(header: readonly string[], rows: number): string {
  const cells = header.map((c) => c || '(empty)').join(' | ');
  return `${cells ? `First row: ${cells}. ` : ''}${countText(rows, 'row', 'rows')} in all.`;
}

/** "Lisbon" for Europe/Lisbon, "Buenos Aires" for America/Argentina/Buenos_Aires, "UTC" for UTC. */
export function zoneCity(zone: string): string {
  return (zone.split('/').pop() ?? zone).replace(/_/g, ' ');
}

/** How the editor names a time zone: "Lisbon (Europe/Lisbon)"; a zone without a city stays as it is. */
export function zoneLabel(zone: string): string {
  return zone.includes('/') ? `${zoneCity(zone)} (${zone})` : zone;
}

/** A catalog line that says "the spreadsheet's time zone", naming it: "... (Lisbon)". */
export function withSheetZone(text: string, zone: string): string {
  return text.replace(/the spreadsheet's time zone/g, `the spreadsheet's time zone (${zoneCity(zone)})`);
}

/** The demographics periods, as the editor's menu offers them (the server accepts exactly these values). */
export const TIMEFRAME_CHOICES: ReadonlyArray<{ value: string; label: string }> = [
  { value: 'this_month', label: 'This month' },
  { value: 'this_week', label: 'This week' },
];

/** A saved value the menu no longer offers, in words: "last_30_days" -> "Last 30 days (no longer offered)". */
export function retiredChoiceText(value: string): string {
  const words = value.replace(/_/g, ' ').trim();
  return `${words.charAt(0).toUpperCase()}${words.slice(1)} (no longer offered)`;
}

/** "Tuesday, 3 March 2026" for 2026-03-03: a picked day in words, so 03/01 cannot be misread. */
export function dayText(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  return new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
    .format(Date.UTC(year, month - 1, day));
}

/** The alert's summary when Save is refused: the fields are marked, each with its own sentence. */
export function fieldsSummaryText(labels: readonly string[]): string {
  return `Could not save. Check the highlighted ${labels.length === 1 ? 'field' : 'fields'}: ${listText(labels.map((l) => `"${l}"`))}.`;
}

/** The editor's "Where rows go": the tab alone, the tab and BigQuery, or BigQuery with the newest day in the tab (contract Destination). */
export const DESTINATIONS: ReadonlyArray<{ value: Destination; label: string; line?: string }> = [
  { value: 'sheet', label: 'This spreadsheet' },
  {
    value: 'sheet_and_bigquery', label: 'This spreadsheet and BigQuery',
    line: 'Each run\'s rows are also loaded into a BigQuery table, one table per report, with the account and the day on every row. The tab stays as it is.',
  },
  {
    value: 'bigquery', label: 'BigQuery only',
    line: 'The history goes to BigQuery; the tab keeps the newest day, and any rows BigQuery does not have yet. For Append reports.',
  },
];

/** The link to Google's page where the person allows Sheetgram to use BigQuery. */
export const BIGQUERY_CONSENT = 'Allow Sheetgram to use BigQuery';

/** Said when the project is a BigQuery sandbox (no billing account). */
export const BIGQUERY_SANDBOX = 'This project is a BigQuery sandbox: tables in a BigQuery sandbox expire after 60 days. Add a billing account to the project to keep them longer; the tab keeps every row either way.';
