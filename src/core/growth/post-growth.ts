// Post Growth: how each post's lifetime figures grow, one row per account, post and day since posting,
// taken from the Media Insights tab after each complete run of it. No call of its own: the run's
// lookback has just read those posts again, so the tab holds today's figures of every post young enough.
// A day without a complete run has no row (lifetime figures cannot be read for a past day).
// Kept from the day of posting (0) to N days after it, both included: "views on day 30" needs day 30.
import { dateCell, daysBetween, calendarDateIn, parseIsoDate, type CalendarDate } from '../reports/dates';
import { ACCOUNT_FIELD, ACCOUNT_ID_FIELD, RUN_DATE_FIELD } from '../reports/catalog/common-fields';
import type { FieldDefinition, ReportDefinition, ReportSettings } from '../reports/types';
import type { TextEscaping } from '../tabs/cell-values';
import type { CellValue, TabPort, TabRef } from '../tabs/tab-port';
import { writeBlock, type RowOwner, type TableLayout, type WriteOutcome } from '../tabs/table-writer';
import { headerKey, cellText } from '../tabs/cell-text';

export const POST_GROWTH_TAB = 'Post Growth';
/** Days after posting kept when the setting is empty. */
export const DEFAULT_POST_GROWTH_DAYS = 30;
/** The lookback when its setting is empty (plans/media.ts). */
const DEFAULT_LOOKBACK_DAYS = 30;

export const DAYS_SINCE_POSTING: FieldDefinition = {
  id: 'days_since_posting', header: 'Days since posting', type: 'integer', description: 'Whole days from the day of posting (0) to the run date, in the spreadsheet\'s time zone', default: true,
};

/** Post columns copied as they are (the label as it is that day), beside the metrics. */
const POST_COLUMNS = ['id', 'timestamp', 'posted_weekday', 'posted_hour', 'media_type', 'media_product_type', 'permalink', 'label'];
/** Media Insights columns that are neither: a long caption on every day's row, and what Post Growth itself gives. */
const NOT_COPIED = (id: string) => id === 'caption' || id.startsWith('views_day_');

/**
 * Days after posting that grow (day 0, the day of posting, to this day): the setting (when empty, 30 or the
 * refresh days if fewer). Media Insights reads
 * posts again that long even past its lookback (mediaRefreshDays), or their rows would repeat yesterday's.
 */
export function growthDays(settings: ReportSettings): number {
  // Left empty, never past the refresh days the person chose: a short lookback was chosen to save calls.
  return settings.postGrowthDays ?? Math.min(DEFAULT_POST_GROWTH_DAYS, settings.lookbackDays ?? DEFAULT_LOOKBACK_DAYS);
}

/**
 * How many days back Media Insights reads posts again: its lookback, or one day more than Post Growth keeps
 * (a post N calendar days old went out up to N + 1 days ago).
 */
export function mediaRefreshDays(settings: ReportSettings): number {
  const days = growthDays(settings);
  return Math.max(settings.lookbackDays ?? DEFAULT_LOOKBACK_DAYS, days > 0 ? days + 1 : 0);
}

/** The Post Growth tab's columns: run date, account, the post, days since posting, then the metrics the Media Insights tab has. */
export function growthFields(mediaInsights: ReportDefinition, header: string[]): FieldDefinition[] {
  const has = new Set(header.map(headerKey));
  const inTab = mediaInsights.fields.filter((f) => has.has(headerKey(f.header)));
  const post = POST_COLUMNS.map((id) => inTab.find((f) => f.id === id)).filter((f): f is FieldDefinition => f !== undefined);
  const metrics = inTab.filter((f) => !POST_COLUMNS.includes(f.id) && !NOT_COPIED(f.id));
  return [RUN_DATE_FIELD, ACCOUNT_FIELD, ACCOUNT_ID_FIELD, ...post, DAYS_SINCE_POSTING, ...metrics];
}

function dayOf(cell: CellValue | undefined, timeZone: string): CalendarDate | null {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : calendarDateIn(cell.getTime(), timeZone);
  if (typeof cell !== 'string' || !cell.trim()) return null;
  const text = cell.trim().replace(/^'/, '');
  // A day typed as text is that day, not midnight UTC.
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return parseIsoDate(text);
  const ms = Date.parse(text.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
  return Number.isFinite(ms) ? calendarDateIn(ms, timeZone) : null;
}

export interface GrowthInput {
  accountId: string;
  /** The run's date (YYYY-MM-DD, spreadsheet time zone): the day the figures are of. */
  runDate: string;
  days: number;
  timeZone: string;
}

/** The account's posts from the day of posting to `days` days after it, as Post Growth rows aligned with `fields`. */
export function growthRows(header: string[], cells: CellValue[][], fields: FieldDefinition[], input: GrowthInput): unknown[][] {
  const at = (h: string) => header.map(headerKey).indexOf(headerKey(h));
  const idAt = at(ACCOUNT_ID_FIELD.header);
  const postedAt = at('Posted at');
  // An Append tab has a row per post and run date: only the run's own rows are today's figures.
  const runDateAt = at(RUN_DATE_FIELD.header);
  const today = parseIsoDate(input.runDate);
  if (idAt < 0 || postedAt < 0 || !today || input.days <= 0) return [];
  const runDate = dateCell(today, input.timeZone);
  // Where each field's cell is, found once rather than per row.
  const fieldAt = fields.map((f) => at(f.header));
  const rows: unknown[][] = [];
  for (const row of cells) {
    if (cellText(row[idAt]) !== input.accountId) continue;
    if (runDateAt >= 0) {
      const day = dayOf(row[runDateAt], input.timeZone);
      if (!day || daysBetween(day, today) !== 0) continue;
    }
    const posted = dayOf(row[postedAt], input.timeZone);
    if (!posted) continue;
    const age = daysBetween(posted, today);
    if (age < 0 || age > input.days) continue;
    rows.push(fields.map((f, i) => {
      if (f === RUN_DATE_FIELD) return runDate;
      if (f === DAYS_SINCE_POSTING) return age;
      const cell = row[fieldAt[i]];
      // A text cell read back loses its escaping apostrophe: toCell escapes it again.
      return typeof cell === 'string' ? cell.replace(/^'/, '') : cell;
    }));
  }
  return rows;
}

export interface GrowthDeps {
  tab: TabPort;
  timeZone: string;
  escaping: TextEscaping;
}

/** Writes the account's rows of the run's day into the Post Growth tab (Update: a rerun that day refreshes them). */
export function writePostGrowth(mediaInsights: ReportDefinition, source: TabRef, owner: RowOwner, input: GrowthInput, deps: GrowthDeps): WriteOutcome & { rows: number } {
  const header = deps.tab.readHeader(source);
  const last = deps.tab.lastRow(source);
  const fields = growthFields(mediaInsights, header);
  // Only the columns Post Growth copies (a shared tab of many accounts is wide and long).
  const wanted = [ACCOUNT_ID_FIELD.header, RUN_DATE_FIELD.header, ...fields.map((f) => f.header)].map(headerKey);
  const columns = header.map((h, i) => (wanted.includes(headerKey(h)) ? i + 1 : 0)).filter((c) => c > 0);
  const read = columns.map((c) => header[c - 1]);
  const cells = last >= 2 && columns.length ? deps.tab.readColumns(source, columns, 2, last) : [];
  const rows = growthRows(read, cells, fields, input);
  if (!rows.length) return { rowsAdded: 0, rowsUpdated: 0, rowsRemoved: 0, messages: [], rows: 0 };
  const layout: TableLayout = {
    columns: fields.map((f) => ({ header: f.header, type: f.type })),
    keyHeaders: [ACCOUNT_ID_FIELD.header, 'Media ID', DAYS_SINCE_POSTING.header],
    owner: { idHeader: ACCOUNT_ID_FIELD.header, nameHeader: ACCOUNT_FIELD.header },
  };
  const out = writeBlock(deps.tab, {
    target: { sheetId: null, name: POST_GROWTH_TAB }, layout, mode: 'update', rows, isFirst: true, isLast: true, owners: [owner],
    timeZone: deps.timeZone, escaping: deps.escaping,
  });
  return { ...out, rows: rows.length };
}
