// The custom functions' logic: answers from what Sheetgram's runs stored in the document (the report
// tabs), so recalculating a sheet full of formulas calls Instagram zero times. The profile functions
// may fill in once from Instagram when nothing is stored yet (see liveProfile).
import { RUN_DATE_FIELD } from '../reports/catalog/common-fields';
import { ACCOUNT_INSIGHTS, MEDIA_INSIGHTS, RECENT_MEDIA, USER_INFORMATION } from '../reports/catalog/own-account';
import { addDays, calendarDateIn, dateCell, isoDate, parseIsoDate } from '../reports/dates';
import { FOLLOWER_SOURCES } from '../reports/follower-history';
import type { FieldDefinition, ReportDefinition } from '../reports/types';
import { accountArgument, dateArgument, FunctionArgumentError, isBlank, scalar, textArgument, wholeNumber } from './arguments';
import { column, hasReport, reportTable, type AccountRef, type Cell, type FunctionSources, type Table } from './tables';

export interface FunctionDeps extends FunctionSources {
  /**
   * The account's current profile from Instagram when no User's Information row exists: at most one
   * call per account per hour, cached for the other cells; null when not allowed or not possible.
   */
  liveProfile?(account: AccountRef): Record<string, unknown> | null;
}

type Answer = Cell | Cell[][];

const PROFILE_FIELDS = USER_INFORMATION.fields;

function fieldOf(report: ReportDefinition, name: string): FieldDefinition | undefined {
  const wanted = name.trim().toLowerCase().replace(/\s+/g, '_');
  return report.fields.find((f) => f.id === wanted || f.header.toLowerCase().replace(/\s+/g, '_') === wanted);
}

function dayOf(value: Cell, timeZone: string): string | null {
  return value instanceof Date ? isoDate(calendarDateIn(value.getTime(), timeZone)) : typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null;
}

/** Rows of a dated tab as [day, row], oldest first. */
function dated(table: Table, dateHeader: string, timeZone: string): [string, Cell[]][] {
  const at = column(table, dateHeader);
  if (at < 0) return [];
  return table.rows.map((r): [string | null, Cell[]] => [dayOf(r[at], timeZone), r])
    .filter((e): e is [string, Cell[]] => e[0] !== null)
    .sort((a, b) => a[0].localeCompare(b[0]));
}

const noReport = (account: AccountRef, report: ReportDefinition) =>
  `No ${report.title} data for @${account.username} yet: add ${/^[AEIO]/i.test(report.title) ? 'an' : 'a'} ${report.title} report in Extensions > Sheetgram > Open sidebar.`;

const noColumn = (account: AccountRef, report: ReportDefinition, header: string) =>
  `The ${report.title} tab of @${account.username} has no "${header}" column: tick it in the report's fields.`;

function noDay(day: string, days: string[], what: string): string {
  if (!days.length) return `No data for ${day}: no ${what} is stored yet.`;
  if (day < days[0]) return `No data for ${day}: daily snapshots start on ${days[0]}.`;
  if (day > days[days.length - 1]) return `No data for ${day} yet: the latest is from ${days[days.length - 1]}.`;
  return `No data for ${day}: no run stored that day.`;
}

function value(cell: Cell | undefined): Cell {
  return cell === undefined || cell === null ? '' : cell;
}

/** A profile field now (latest User's Information row), or on a date. */
export function profileValue(deps: FunctionDeps, field: FieldDefinition, accountArg: unknown, dateArg?: unknown): Answer {
  const account = accountArgument(accountArg, deps);
  if (typeof account === 'string') return account;
  const day = dateArgument(dateArg, 'date', deps.timeZone());
  const table = reportTable(deps, account, 'user_information');
  const rows = table ? dated(table, RUN_DATE_FIELD.header, deps.timeZone()) : [];
  const at = table ? column(table, field.header) : -1;
  if (!table || at < 0 || !rows.length) {
    if (day) return noDay(isoDate(day), [], USER_INFORMATION.title);
    const live = deps.liveProfile?.(account);
    if (live && live[field.id] !== undefined) return live[field.id] as Cell;
    return table && at < 0 ? noColumn(account, USER_INFORMATION, field.header) : noReport(account, USER_INFORMATION);
  }
  if (!day) return value(rows[rows.length - 1][1][at]);
  const wanted = isoDate(day);
  const found = rows.find(([d]) => d === wanted);
  return found ? value(found[1][at]) : noDay(wanted, rows.map(([d]) => d), 'daily snapshot');
}

export function followers(deps: FunctionDeps, account: unknown, date: unknown): Answer {
  return profileValue(deps, fieldOf(USER_INFORMATION, 'followers_count')!, account, date);
}

export function profile(deps: FunctionDeps, fieldArg: unknown, account: unknown): Answer {
  const name = textArgument(fieldArg, 'field');
  const field = fieldOf(USER_INFORMATION, name);
  if (!field) throw new FunctionArgumentError(`Unknown profile field "${name}". Use one of: ${PROFILE_FIELDS.map((f) => f.id).join(', ')}.`);
  return profileValue(deps, field, account);
}

/** Where a daily metric lives: the profile snapshots (followers...) or the account insights (reach...). */
function metricSource(name: string): { report: ReportDefinition; field: FieldDefinition; dateHeader: string } {
  const insight = fieldOf(ACCOUNT_INSIGHTS, name);
  if (insight && insight.id !== 'date' && insight.id !== 'provisional') return { report: ACCOUNT_INSIGHTS, field: insight, dateHeader: 'Date' };
  const own = fieldOf(USER_INFORMATION, name);
  if (own && own.type === 'integer') return { report: USER_INFORMATION, field: own, dateHeader: RUN_DATE_FIELD.header };
  const names = [...USER_INFORMATION.fields.filter((f) => f.type === 'integer'), ...ACCOUNT_INSIGHTS.fields.filter((f) => f.type === 'integer')].map((f) => f.id);
  throw new FunctionArgumentError(`Unknown metric "${name}". Use one of: ${names.join(', ')}.`);
}

/** [date, value] rows of a daily metric between two dates (inclusive), with a header row, for charts. */
export function history(deps: FunctionDeps, metricArg: unknown, startArg: unknown, endArg: unknown, accountArg: unknown): Answer {
  const source = metricSource(textArgument(metricArg, 'metric'));
  const tz = deps.timeZone();
  const start = dateArgument(startArg, 'start', tz);
  const end = dateArgument(endArg, 'end', tz);
  if (start && end && isoDate(start) > isoDate(end)) throw new FunctionArgumentError('start must not be after end.');
  const account = accountArgument(accountArg, deps);
  if (typeof account === 'string') return account;
  const table = reportTable(deps, account, source.report.id);
  if (!table) return noReport(account, source.report);
  const at = column(table, source.field.header);
  if (at < 0) return noColumn(account, source.report, source.field.header);
  const rows = dated(table, source.dateHeader, tz).filter(([d, r]) => (!start || d >= isoDate(start)) && (!end || d <= isoDate(end)) && !rebuiltWithout(table, r, at));
  if (!rows.length) return `No ${source.field.header} data for @${account.username} in that period.`;
  // One row per day: the last written wins (Append mode may hold a day once per run date only).
  const byDay = new Map(rows.map(([d, r]) => [d, r[at]]));
  return [['Date', source.field.header], ...[...byDay].map(([d, v]): Cell[] => [dateCell(parseIsoDate(d)!, tz), value(v)])];
}

const REBUILT = new Set<string>([FOLLOWER_SOURCES.rebuilt, FOLLOWER_SOURCES.estimate]);
const SOURCE_HEADER = fieldOf(USER_INFORMATION, 'source')!.header;

/** A day a first run rebuilt (Followers only) has no value in the other columns: no point in a chart's series. */
function rebuiltWithout(table: Table, row: Cell[], at: number): boolean {
  const source = column(table, SOURCE_HEADER);
  return source >= 0 && REBUILT.has(String(row[source] ?? '')) && (row[at] === '' || row[at] === null || row[at] === undefined);
}

/** An account insight for one day (default: the latest complete day stored). */
export function metric(deps: FunctionDeps, metricArg: unknown, dateArg: unknown, accountArg: unknown): Answer {
  const source = metricSource(textArgument(metricArg, 'metric'));
  const tz = deps.timeZone();
  const day = dateArgument(dateArg, 'date', tz);
  const account = accountArgument(accountArg, deps);
  if (typeof account === 'string') return account;
  const table = reportTable(deps, account, source.report.id);
  if (!table) return noReport(account, source.report);
  const at = column(table, source.field.header);
  if (at < 0) return noColumn(account, source.report, source.field.header);
  const rows = dated(table, source.dateHeader, tz);
  if (!rows.length) return noDay(day ? isoDate(day) : isoDate(addDays(calendarDateIn(deps.now(), tz), -1)), [], source.field.header);
  if (!day) return value(rows[rows.length - 1][1][at]);
  const found = rows.find(([d]) => d === isoDate(day));
  return found ? value(found[1][at]) : noDay(isoDate(day), rows.map(([d]) => d), source.field.header);
}

const DEFAULT_POST_FIELDS = ['timestamp', 'media_type', 'caption', 'permalink', 'like_count', 'comments_count'];

/** The latest posts as a table (header first), from the Recent Media tab. */
export function posts(deps: FunctionDeps, countArg: unknown, fieldsArg: unknown, accountArg: unknown): Answer {
  const count = wholeNumber(countArg, 'count', 10, 1, 500);
  const raw = scalar(fieldsArg, 'fields');
  const names = isBlank(raw) ? DEFAULT_POST_FIELDS : String(raw).split(/[,;]/).map((f) => f.trim()).filter(Boolean);
  const fields = names.map((n) => {
    const f = fieldOf(RECENT_MEDIA, n);
    if (!f) throw new FunctionArgumentError(`Unknown post field "${n}". Use some of: ${RECENT_MEDIA.fields.map((x) => x.id).join(', ')}.`);
    return f;
  });
  const account = accountArgument(accountArg, deps);
  if (typeof account === 'string') return account;
  const table = reportTable(deps, account, 'recent_media');
  if (!table) return noReport(account, RECENT_MEDIA);
  const postedAt = column(table, 'Posted at');
  const columns = fields.map((f) => column(table, f.header));
  const missing = fields.filter((_, i) => columns[i] < 0);
  if (missing.length) return `The ${RECENT_MEDIA.title} tab of @${account.username} has no ${missing.map((f) => `"${f.header}"`).join(', ')} column: tick it in the report's fields.`;
  const time = (r: Cell[]) => (r[postedAt] instanceof Date ? (r[postedAt] as Date).getTime() : 0);
  const latest = [...table.rows].filter((r) => r.some((c) => c !== '' && c !== null)).sort((a, b) => time(b) - time(a)).slice(0, count);
  return [fields.map((f) => f.header), ...latest.map((r) => columns.map((c) => value(r[c])))];
}

/**
 * Interactions on the posts of the last `days` days divided by the followers now: Total interactions
 * from Media Insights when that tab exists, else likes plus comments from Recent Media.
 */
export function engagementRate(deps: FunctionDeps, daysArg: unknown, accountArg: unknown): Answer {
  const days = wholeNumber(daysArg, 'days', 30, 1, 365);
  const account = accountArgument(accountArg, deps);
  if (typeof account === 'string') return account;
  const now = followers(deps, account.id, '');
  if (typeof now !== 'number' || now <= 0) return typeof now === 'string' ? now : `No follower count for @${account.username} yet.`;
  const since = deps.now() - days * 86_400_000;
  const fromInsights = reportTable(deps, account, 'media_insights');
  const source = fromInsights ? { table: fromInsights, columns: ['Total interactions'] } : { table: reportTable(deps, account, 'recent_media'), columns: ['Like count', 'Comment count'] };
  if (!source.table) return noReport(account, hasReport(deps, account, 'recent_media') ? RECENT_MEDIA : MEDIA_INSIGHTS);
  const postedAt = column(source.table, 'Posted at');
  const at = source.columns.map((h) => column(source.table!, h));
  if (postedAt < 0 || at.some((i) => i < 0)) return `The tab of @${account.username} needs the columns Posted at and ${source.columns.join(' and ')}.`;
  let total = 0;
  for (const row of source.table.rows) {
    const when = row[postedAt];
    if (!(when instanceof Date) || when.getTime() < since) continue;
    for (const i of at) total += typeof row[i] === 'number' ? (row[i] as number) : 0;
  }
  return total / now;
}
