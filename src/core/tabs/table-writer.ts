// Writes a block of rows into a tab in Append, Replace or Update mode, touching only Sheetgram's own
// columns, in at most three range writes, and idempotently: writing the same block twice changes nothing.
import type { WriteMode } from '../reports/types';
import { calendarDateIn, isoDate } from '../reports/dates';
import { safeText, TEXT_TYPES, toCell, type TextEscaping } from './cell-values';
import { prepareTab, type LayoutColumn, type TabTarget } from './columns';
import type { CellValue, TabPort, TabRef } from './tab-port';

export interface TableLayout {
  columns: LayoutColumn[];
  /** Headers whose values identify a row (Append includes the run date). */
  keyHeaders: string[];
}

/** Replace runs that span several blocks keep the old rows until the last block is written. */
export interface ReplaceProgress {
  /** Data rows the tab held when the run began (rows 2..oldRows+1). */
  oldRows: number;
  /** Distinct new rows written so far in this run. */
  newRows: number;
}

export interface WriteBlock {
  target: TabTarget;
  layout: TableLayout;
  mode: WriteMode;
  /** Raw typed values, one array per row, aligned with layout.columns. */
  rows: unknown[][];
  isFirst: boolean;
  isLast: boolean;
  replace?: ReplaceProgress;
  timeZone: string;
  /** Default 'apostrophe'; the add-on passes its setting. */
  escaping?: TextEscaping;
}

export interface WriteOutcome {
  tab: TabRef;
  rowsAdded: number;
  rowsUpdated: number;
  messages: string[];
  replace?: ReplaceProgress;
}

/** A key part that reads the same from a fresh value and from a cell read back. */
function keyPart(value: unknown, timeZone: string): string {
  if (value instanceof Date) return isoDate(calendarDateIn(value.getTime(), timeZone));
  if (value === null || value === undefined) return '';
  const text = String(value).trim();
  return text.startsWith("'") ? text.slice(1) : text;
}

/** A value read back from one of our cells, made safe to write again (Sheets drops the apostrophe on read). */
function rewritable(value: CellValue, column: LayoutColumn, escaping: TextEscaping): CellValue {
  if (TEXT_TYPES.has(column.type) && typeof value === 'string' && value !== '' && !value.startsWith("'")) return safeText(value, escaping);
  return value;
}

/** Keys of the data rows (row 2 down) and the last row holding one of our keys. */
interface KeyScan {
  keys: string[];
  lastDataRow: number;
}

function scanKeys(port: TabPort, tab: TabRef, keyColumns: number[], timeZone: string): KeyScan {
  const last = port.lastRow(tab);
  const keys = last >= 2 ? port.readColumns(tab, keyColumns, 2, last).map((values) =>
    (values.some((v) => v !== '') ? values.map((v) => keyPart(v, timeZone)).join('\u241f') : '')) : [];
  let lastDataRow = 1;
  keys.forEach((k, i) => {
    if (k !== '') lastDataRow = i + 2;
  });
  return { keys, lastDataRow };
}

export function writeBlock(port: TabPort, block: WriteBlock): WriteOutcome {
  const { layout, timeZone } = block;
  const prepared = prepareTab(port, block.target, layout.columns);
  const { tab, columnOf } = prepared;
  const keyIndexes = keyIndexesOf(layout);
  const keyOf = (row: readonly unknown[]) => keyIndexes.map((i) => keyPart(row[i], timeZone)).join('\u241f');

  // The last occurrence of a key in a block wins; order of first appearance is kept.
  const byKey = new Map<string, CellValue[]>();
  const escaping = block.escaping ?? 'apostrophe';
  for (const raw of block.rows) byKey.set(keyOf(raw), layout.columns.map((c, i) => toCell(raw[i], c.type, escaping)));
  const cells = [...byKey.entries()];
  // Data ends at the last row with one of our keys, not at the last row with anything: a user's
  // formulas filled down their own column must not push new rows away or be counted as data.
  const scan = scanKeys(port, tab, keyIndexes.map((i) => columnOf[i]), timeZone);

  const outcome: WriteOutcome = { tab, rowsAdded: 0, rowsUpdated: 0, messages: prepared.messages };
  if (block.mode === 'replace' && block.isFirst && block.isLast) {
    replaceAtOnce(port, tab, columnOf, cells.map(([, row]) => row), scan, outcome);
    return outcome;
  }

  let minRow = 2;
  let replace = block.replace;
  if (block.mode === 'replace') {
    if (block.isFirst || !replace) replace = { oldRows: scan.lastDataRow - 1, newRows: 0 };
    minRow = replace.oldRows + 2;
  }
  upsert(port, tab, columnOf, layout, cells, scan, minRow, outcome, escaping);
  if (replace) outcome.replace = { ...replace, newRows: replace.newRows + outcome.rowsAdded };
  return outcome;
}

function keyIndexesOf(layout: TableLayout): number[] {
  const keyIndexes = layout.keyHeaders.map((h) => layout.columns.findIndex((c) => c.header === h));
  if (keyIndexes.some((i) => i < 0)) throw new Error(`Key column missing from layout: ${layout.keyHeaders.join(', ')}`);
  return keyIndexes;
}

function replaceAtOnce(port: TabPort, tab: TabRef, columnOf: number[], rows: CellValue[][], scan: KeyScan, outcome: WriteOutcome): void {
  const oldRows = scan.lastDataRow - 1;
  if (rows.length) port.writeRows(tab, 2, columnOf, rows);
  if (oldRows > rows.length) {
    // Only our columns are emptied: a user's own columns in those rows stay as they are.
    const blank = Array.from({ length: oldRows - rows.length }, () => columnOf.map(() => '' as CellValue));
    port.writeRows(tab, rows.length + 2, columnOf, blank);
  }
  outcome.rowsAdded = rows.length;
}

function upsert(
  port: TabPort, tab: TabRef, columnOf: number[], layout: TableLayout, cells: [string, CellValue[]][],
  scan: KeyScan, minRow: number, outcome: WriteOutcome, escaping: TextEscaping,
): void {
  const rowOfKey = new Map<string, number>();
  scan.keys.forEach((key, i) => {
    if (key !== '' && i + 2 >= minRow && !rowOfKey.has(key)) rowOfKey.set(key, i + 2);
  });
  const updates = new Map<number, CellValue[]>();
  const appends: CellValue[][] = [];
  for (const [key, row] of cells) {
    const at = rowOfKey.get(key);
    if (at === undefined) appends.push(row);
    else updates.set(at, row);
  }
  if (updates.size) {
    // One write over the span of matched rows: rows in between are rewritten with their own values.
    const rows = [...updates.keys()];
    const lo = Math.min(...rows);
    const hi = Math.max(...rows);
    const span = port.readColumns(tab, columnOf, lo, hi)
      .map((row) => row.map((v, i) => rewritable(v, layout.columns[i], escaping)));
    for (const [at, row] of updates) span[at - lo] = row;
    port.writeRows(tab, lo, columnOf, span);
  }
  if (appends.length) port.writeRows(tab, Math.max(minRow, scan.lastDataRow + 1), columnOf, appends);
  outcome.rowsUpdated = updates.size;
  outcome.rowsAdded = appends.length;
}

/**
 * Ends a Replace run that spanned several blocks: removes the old rows above the new ones. The runner
 * checkpoints before calling it, and it deletes only when the tab holds exactly the old rows plus this
 * run's rows, so calling it again after a crash never deletes new rows.
 */
export function finishReplace(port: TabPort, target: TabTarget, layout: TableLayout, replace: ReplaceProgress, timeZone: string): string[] {
  if (replace.oldRows === 0) return [];
  const { tab, columnOf } = prepareTab(port, target, layout.columns);
  const scan = scanKeys(port, tab, keyIndexesOf(layout).map((i) => columnOf[i]), timeZone);
  if (scan.lastDataRow - 1 !== replace.oldRows + replace.newRows) {
    return ['The previous rows were already removed or the tab changed during the run, so nothing was deleted.'];
  }
  port.deleteRows(tab, 2, replace.oldRows);
  return [];
}
