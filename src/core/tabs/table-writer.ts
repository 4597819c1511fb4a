// Writes a block of rows into a tab in Append, Replace or Update mode, touching only Sheetgram's own
// columns, by key and never by position (the person may sort, filter, insert or delete rows between
// runs), and idempotently: writing the same block twice changes nothing. Several accounts may share a
// tab: every row names its account, and a run touches only the rows of its own accounts.
import type { WriteMode } from '../reports/types';
import { calendarDateIn, isoDate } from '../reports/dates';
import { safeText, TEXT_TYPES, toCell, type TextEscaping } from './cell-values';
import { applyTab, locateTab, prepareTab, type LayoutColumn, type TabTarget } from './columns';
import { ensureRoom } from './spreadsheet-cells';
import type { CellValue, TabPort, TabRef } from './tab-port';
import { cellText } from './cell-text';

export interface TableLayout {
  columns: LayoutColumn[];
  /** Headers whose values identify a row (the account id first; Append includes the run date). */
  keyHeaders: string[];
  /** The columns that say whose row it is; absent: every row of the tab belongs to the run. */
  owner?: { idHeader: string; nameHeader: string };
  /**
   * Key headers that name the same item on every run date (Append: the keys without the run date). A new
   * row of an item the tab already has gets the person's columns from the item's latest row.
   */
  sameItem?: string[];
}

/** An account whose rows a run writes. */
export interface RowOwner {
  id: string;
  username: string;
}

export interface WriteBlock {
  target: TabTarget;
  layout: TableLayout;
  mode: WriteMode;
  /** Raw typed values, one array per row, aligned with layout.columns. */
  rows: unknown[][];
  isFirst: boolean;
  isLast: boolean;
  /** Replace: the result is known to be short (Instagram ended a list early), so no old row is removed. */
  keepStale?: boolean;
  /** The run's accounts: Replace removes rows of these only; rows of other accounts are never touched. */
  owners: RowOwner[];
  /**
   * Whose the rows are that a tab from before rows named their account already holds: the account of the
   * configuration that wrote them. Absent (a tab the person made, or one another account's report also
   * writes), such rows stay as they are.
   */
  legacyOwner?: () => RowOwner | undefined;
  /**
   * Replace runs that span several blocks keep their new rows in this hidden tab of Sheetgram's until
   * the last block, then swap them in at once: the person's tab keeps its old rows meanwhile.
   * rows: how many rows earlier blocks of this run staged there.
   */
  staging?: { name: string; rows: number };
  timeZone: string;
  /** Default 'apostrophe'; the add-on passes its setting. */
  escaping?: TextEscaping;
  /**
   * A cell the block leaves empty keeps what the tab holds (a repair: Instagram no longer gives every value
   * it once did, such as new followers after 30 days, and the sheet is the archive).
   */
  keepWhereEmpty?: boolean;
}

export interface WriteOutcome {
  /** The person's tab as found or recreated; absent when the block only went to the staging tab. */
  tab?: TabRef;
  rowsAdded: number;
  rowsUpdated: number;
  /** Replace: rows of the run's accounts that are no longer in the result. */
  rowsRemoved: number;
  messages: string[];
  /** Rows held in the staging tab after this block (Replace over several blocks). */
  staged?: number;
}

const KEY_SEPARATOR = '\u241f';

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

/** Where each layout role sits: key columns, and the owner's id and name (layout indexes, -1 when absent). */
interface Roles {
  keys: number[];
  ownerId: number;
  ownerName: number;
  /** Columns the person fills (layout indexes). */
  person: number[];
  /** Positions within `keys` that name the item across run dates (all of them when absent). */
  item: number[];
}

function rolesOf(layout: TableLayout): Roles {
  const at = (h: string) => layout.columns.findIndex((c) => c.header === h);
  const keys = layout.keyHeaders.map(at);
  if (keys.some((i) => i < 0)) throw new Error(`Key column missing from layout: ${layout.keyHeaders.join(', ')}`);
  const ownerId = layout.owner ? at(layout.owner.idHeader) : -1;
  const ownerName = layout.owner ? at(layout.owner.nameHeader) : -1;
  if (layout.owner && (ownerId < 0 || ownerName < 0 || !keys.includes(ownerId))) throw new Error('The owner columns must be in the layout, the id among the keys');
  const person = layout.columns.flatMap((c, i) => (c.person ? [i] : []));
  const item = layout.sameItem ? layout.keyHeaders.flatMap((h, k) => (layout.sameItem!.includes(h) ? [k] : [])) : layout.keyHeaders.map((_, k) => k);
  return { keys, ownerId, ownerName, person, item };
}

/** The data rows (row 2 down): each row's key ('' for a row without one), owner id and owner name. */
interface Scan {
  keys: string[];
  owners: string[];
  names: CellValue[];
  /** Each row's cells of the person's columns (roles.person order). */
  person: CellValue[][];
  /** Each row's item (its key without the run date) and where it stands among the item's rows (its run date). */
  items: string[];
  orders: string[];
  /** The last row holding one of our keys (1 when none). */
  lastDataRow: number;
}

const NO_ROWS: Scan = { keys: [], owners: [], names: [], person: [], items: [], orders: [], lastDataRow: 1 };

/** `width`: the tab's grid columns when columns beyond it are still to be added (they read as empty). */
function scanRows(port: TabPort, tab: TabRef, columnOf: number[], roles: Roles, timeZone: string, width = Infinity): Scan {
  const last = port.lastRow(tab);
  const named = roles.ownerName >= 0 ? 1 : 0;
  /** Some columns of every data row; those beyond the grid read as empty. */
  const readAll = (read: number[]): CellValue[][] => {
    const inGrid = read.filter((c) => c <= width);
    const got = last >= 2 && inGrid.length ? port.readColumns(tab, inGrid, 2, last) : [];
    return inGrid.length === read.length ? got
      : Array.from({ length: Math.max(0, last - 1) }, (_, r) => read.map((c) => (c <= width ? got[r]?.[inGrid.indexOf(c)] ?? '' : '')));
  };
  const keyed = readAll([...roles.keys, ...(named ? [roles.ownerName] : [])].map((i) => columnOf[i]));
  // The person's columns apart: one read over keys and label together would span every column between
  // them (a caption on each of 100,000 rows).
  const person = roles.person.length ? readAll(roles.person.map((i) => columnOf[i])) : [];
  const values = keyed.map((row, r) => [...row, ...(person[r] ?? roles.person.map(() => ''))]);
  const ownerAt = roles.keys.indexOf(roles.ownerId);
  const scan: Scan = { keys: [], owners: [], names: [], person: [], items: [], orders: [], lastDataRow: 1 };
  values.forEach((row, i) => {
    const keyParts = row.slice(0, roles.keys.length);
    // A row counts as ours when a key part other than the owner is filled: a row of a tab made before
    // rows named their account has its keys but no owner yet.
    const others = keyParts.filter((_, k) => k !== ownerAt);
    const filled = (others.length ? others : keyParts).some((v) => keyPart(v, timeZone) !== '');
    scan.keys.push(filled ? keyParts.map((v) => keyPart(v, timeZone)).join(KEY_SEPARATOR) : '');
    scan.owners.push(filled && ownerAt >= 0 ? keyPart(keyParts[ownerAt], timeZone) : '');
    scan.names.push(named ? row[roles.keys.length] : '');
    scan.person.push(row.slice(roles.keys.length + named));
    const parts = keyParts.map((v) => keyPart(v, timeZone));
    scan.items.push(filled ? roles.item.map((k) => parts[k]).join(KEY_SEPARATOR) : '');
    scan.orders.push(parts.filter((_, k) => !roles.item.includes(k)).join(KEY_SEPARATOR));
    if (filled) scan.lastDataRow = i + 2;
  });
  return scan;
}

export function writeBlock(port: TabPort, block: WriteBlock): WriteOutcome {
  const { layout, timeZone } = block;
  const escaping = block.escaping ?? 'apostrophe';
  const roles = rolesOf(layout);
  const keyOf = (row: readonly unknown[]) => roles.keys.map((i) => keyPart(row[i], timeZone)).join(KEY_SEPARATOR);

  // The last occurrence of a key wins; order of first appearance is kept.
  const byKey = new Map<string, CellValue[]>();
  const staged = block.mode === 'replace' && block.staging && !(block.isFirst && block.isLast) ? readStaged(port, block) : null;
  if (staged && !block.isLast) return stage(port, block, staged.rows);
  for (const row of staged?.rows ?? []) byKey.set(keyOf(row), row.map((v, i) => rewritable(v, layout.columns[i], escaping)));
  for (const raw of block.rows) byKey.set(keyOf(raw), layout.columns.map((c, i) => toCell(raw[i], c.type, escaping)));

  // Everything is read and counted before anything is written: a block that does not fit writes nothing.
  const located = locateTab(port, block.target, layout.columns, layout.owner ? [layout.owner.idHeader, layout.owner.nameHeader] : []);
  // Headers still to be added may lie beyond the grid: those columns read as empty until they exist.
  const width = located.gridColumns ?? Infinity;
  let scan = located.tab ? scanRows(port, located.tab, located.columnOf, roles, timeZone, width) : NO_ROWS;
  const known = new Set(scan.keys);
  // Rows a legacy tab is about to name may still match: counting them as new errs on the safe side.
  const appends = [...byKey.keys()].filter((k) => !known.has(k)).length;
  if (appends || located.added.length) {
    // Row 2 at least: the column formats start there.
    ensureRoom(port, { tab: located.tab, name: located.name, rows: Math.max(2, scan.lastDataRow + appends), columns: Math.max(...located.columnOf), rowsAdded: appends });
  }

  const prepared = applyTab(port, located, layout.columns);
  const { tab, columnOf } = prepared;
  const outcome: WriteOutcome = { tab, rowsAdded: 0, rowsUpdated: 0, rowsRemoved: 0, messages: prepared.messages };
  if (layout.owner) {
    const named = nameRows(port, tab, columnOf, layout, roles, scan, block, prepared.added, escaping);
    if (named.message) outcome.messages.push(named.message);
    if (named.rows) scan = scanRows(port, tab, columnOf, roles, timeZone);
  }

  if (roles.person.length) {
    carryPersonCells(byKey, scan, roles, layout, timeZone, escaping);
    // Before the rows go in: a carried label is in the list when its cell is written, and the rows the
    // grid grows by get the dropdown too.
    const known = new Set(scan.keys);
    keepDropdowns(port, tab, columnOf, layout, roles, located, scan, byKey, [...byKey.keys()].some((k) => !known.has(k)));
  }
  const rowOfKey = upsert(port, tab, columnOf, layout, [...byKey.entries()], scan, outcome, escaping, block.keepWhereEmpty === true);
  if (block.mode === 'replace' && block.isLast) {
    // Staged rows that went missing (the hidden tab deleted or cut) would make old rows look stale.
    if (staged && !staged.complete) {
      outcome.messages.push("Rows kept between this run's executions were changed, so this Replace removed no old rows; the next run does.");
    } else if (!block.keepStale) {
      removeStale(port, tab, scan, rowOfKey, new Set(block.owners.map((o) => o.id)), roles.ownerId >= 0, outcome);
    }
  }
  if (block.mode === 'replace' && block.isLast && block.staging) dropStaging(port, block);
  return outcome;
}

/**
 * Names the account on rows that lack it: a tab from before rows named their account gets the Account
 * ID of the configuration that wrote it on every keyed row, once, when that column is new; a row whose Account ID
 * is the run's own but whose Account is empty (the column deleted, a username unknown) gets the name.
 */
function nameRows(
  port: TabPort, tab: TabRef, columnOf: number[], layout: TableLayout, roles: Roles, scan: Scan, block: WriteBlock,
  added: string[], escaping: TextEscaping,
): { rows: number; message: string | null } {
  const owner = layout.owner!;
  // Asked only when the tab has just gained the column: finding out may cost a read.
  const adopt = added.includes(owner.idHeader) ? block.legacyOwner?.() ?? null : null;
  const names = new Map(block.owners.map((o) => [o.id, o.username]));
  const idOfName = new Map(block.owners.map((o) => [o.username, o.id]));
  const changes = new Map<number, [string, string]>();
  scan.keys.forEach((key, i) => {
    if (key === '') return;
    // Without an Account ID (a renamed or deleted column), the Account name says whose a row is; a row
    // that names nobody is the configuration's own only in a tab from before rows named their account.
    const named = String(scan.names[i] ?? '');
    const id = scan.owners[i] || (named ? idOfName.get(named) : adopt?.id);
    const name = id !== undefined ? names.get(id) : undefined;
    if (id === undefined || name === undefined) return;
    if (scan.owners[i] !== id || String(scan.names[i] ?? '') === '') changes.set(i + 2, [id, name]);
  });
  if (!changes.size) return { rows: 0, message: null };
  const rows = [...changes.keys()];
  const lo = Math.min(...rows);
  const hi = Math.max(...rows);
  const cols = [columnOf[roles.ownerId], columnOf[roles.ownerName]];
  const span = port.readColumns(tab, cols, lo, hi).map(([id, name]) => [
    rewritable(id, layout.columns[roles.ownerId], escaping), rewritable(name, layout.columns[roles.ownerName], escaping),
  ]);
  for (const [row, [id, name]] of changes) span[row - lo] = [toCell(id, 'id', escaping), toCell(name, 'text', escaping)];
  port.writeRows(tab, lo, cols, span);
  const named = [...changes.values()].map(([, name]) => `@${name}`);
  const message = adopt || added.includes(owner.nameHeader) || added.includes(owner.idHeader)
    ? `Rows already in "${tab.name}" now name their account (${[...new Set(named)].join(', ')}) in the ${owner.nameHeader} and ${owner.idHeader} columns.`
    : null;
  return { rows: changes.size, message };
}

/**
 * New rows of an item the tab already has (Append: a post's row of a new run date) take each person's
 * cell from the item's latest row where it is filled: a label given once, on any of the post's rows,
 * stays with the post.
 */
function carryPersonCells(byKey: Map<string, CellValue[]>, scan: Scan, roles: Roles, layout: TableLayout, timeZone: string, escaping: TextEscaping): void {
  const filled = (cell: CellValue | undefined) => cellText(cell) !== '';
  const latest = roles.person.map((_, p) => {
    const rowOf = new Map<string, number>();
    scan.items.forEach((item, i) => {
      const at = rowOf.get(item);
      if (item !== '' && filled(scan.person[i][p]) && (at === undefined || scan.orders[i] > scan.orders[at])) rowOf.set(item, i);
    });
    return rowOf;
  });
  const known = new Set(scan.keys);
  for (const [key, row] of byKey) {
    if (known.has(key)) continue;
    const item = roles.item.map((k) => keyPart(row[roles.keys[k]], timeZone)).join(KEY_SEPARATOR);
    roles.person.forEach((col, p) => {
      const from = latest[p].get(item);
      if (from !== undefined) row[col] = rewritable(scan.person[from][p], layout.columns[col], escaping);
    });
  }
}

/**
 * The dropdown of each person's column: made with the column, and grown with every value typed in it.
 * A dropdown the person removed stays removed; set again before rows are appended, so the rows the grid
 * grows by get it too (the port keeps the person's other settings of the rule).
 */
function keepDropdowns(
  port: TabPort, tab: TabRef, columnOf: number[], layout: TableLayout, roles: Roles, located: ReturnType<typeof locateTab>,
  scan: Scan, byKey: Map<string, CellValue[]>, appended: boolean,
): void {
  roles.person.forEach((col, p) => {
    const column = layout.columns[col];
    const made = located.fresh || located.added.includes(col);
    const current = made ? null : port.dropdownOf(tab, columnOf[col]);
    if (!made && current === null) return;
    const choices = [...(current ?? column.person!.choices)];
    const seen = new Set(choices);
    const typed = [...scan.person.map((cells) => cells[p]), ...[...byKey.values()].map((row) => row[col])];
    for (const cell of typed) {
      const text = cellText(cell);
      if (text !== '' && !seen.has(text)) {
        seen.add(text);
        choices.push(text);
      }
    }
    // Sheets refuses a list without items (the person emptied it and typed nothing).
    if (choices.length && (made || appended || choices.length > current!.length)) port.setDropdown(tab, columnOf[col], choices);
  });
}

function upsert(
  port: TabPort, tab: TabRef, columnOf: number[], layout: TableLayout, cells: [string, CellValue[]][],
  scan: Scan, outcome: WriteOutcome, escaping: TextEscaping, keepWhereEmpty = false,
): Map<string, number> {
  const rowOfKey = new Map<string, number>();
  scan.keys.forEach((key, i) => {
    if (key !== '' && !rowOfKey.has(key)) rowOfKey.set(key, i + 2);
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
    // The person's columns are theirs: never read back and written over (a formula there would be lost).
    const ours = layout.columns.flatMap((c, i) => (c.person ? [] : [i]));
    const columns = ours.map((i) => columnOf[i]);
    const rows = [...updates.keys()];
    const lo = Math.min(...rows);
    const hi = Math.max(...rows);
    const span = port.readColumns(tab, columns, lo, hi)
      .map((row) => row.map((v, j) => rewritable(v, layout.columns[ours[j]], escaping)));
    for (const [at, full] of updates) {
      const row = ours.map((i) => full[i]);
      span[at - lo] = row.map((v, j) => (v === '' && (keepWhereEmpty || layout.columns[ours[j]].fillOnly) ? span[at - lo][j] : v));
    }
    port.writeRows(tab, lo, columns, span);
  }
  if (appends.length) port.writeRows(tab, scan.lastDataRow + 1, columnOf, appends);
  outcome.rowsUpdated = updates.size;
  outcome.rowsAdded = appends.length;
  // Written rows, for Replace to tell which old rows are stale (appended rows lie below the scan).
  const written = new Map<string, number>();
  for (const [key] of cells) {
    const at = rowOfKey.get(key);
    if (at !== undefined) written.set(key, at);
  }
  return written;
}

/**
 * Replace: deletes the rows of the run's accounts that this result did not write (gone from Instagram,
 * or a second copy of a key), bottom up so the rows above keep their numbers. Rows of other accounts
 * and rows without a key (the person's own) stay.
 */
function removeStale(
  port: TabPort, tab: TabRef, scan: Scan, written: Map<string, number>, owners: Set<string>, byOwner: boolean, outcome: WriteOutcome,
): void {
  const stale: number[] = [];
  scan.keys.forEach((key, i) => {
    const row = i + 2;
    if (key === '' || (byOwner && !owners.has(scan.owners[i]))) return;
    if (written.get(key) !== row) stale.push(row);
  });
  for (let end = stale.length - 1; end >= 0;) {
    let start = end;
    while (start > 0 && stale[start - 1] === stale[start] - 1) start--;
    port.deleteRows(tab, stale[start], end - start + 1);
    end = start - 1;
  }
  outcome.rowsRemoved = stale.length;
}

/** What earlier blocks of this Replace run staged, and whether all of them are still there. */
function readStaged(port: TabPort, block: WriteBlock): { rows: CellValue[][]; complete: boolean } {
  const expected = block.isFirst ? 0 : block.staging!.rows;
  const tab = port.findTab(null, block.staging!.name);
  if (!tab || block.isFirst) {
    if (tab) port.deleteTab(tab); // a run that started over: what an abandoned one staged is not part of it
    return { rows: [], complete: expected === 0 };
  }
  const { columnOf } = prepareTab(port, { sheetId: tab.sheetId, name: tab.name }, block.layout.columns, [], { look: false });
  const last = port.lastRow(tab);
  const rows = last >= 2 ? port.readColumns(tab, columnOf, 2, last) : [];
  return { rows, complete: rows.length >= expected };
}

/** Keeps a block of a Replace run in the hidden staging tab; the person's tab is not touched. */
function stage(port: TabPort, block: WriteBlock, earlier: CellValue[][]): WriteOutcome {
  const name = block.staging!.name;
  const escaping = block.escaping ?? 'apostrophe';
  const existing = port.findTab(null, name);
  const width = block.layout.columns.length;
  ensureRoom(port, { tab: existing, name, rows: earlier.length + 1 + block.rows.length, columns: width, rowsAdded: block.rows.length });
  // A hidden tab of Sheetgram's own: no styled header, no widths.
  const { tab, columnOf } = prepareTab(port, { sheetId: null, name }, block.layout.columns, [], { look: false });
  if (!existing) port.hideTab(tab);
  const rows = block.rows.map((raw) => block.layout.columns.map((c, i) => toCell(raw[i], c.type, escaping)));
  port.writeRows(tab, earlier.length + 2, columnOf, rows);
  return { rowsAdded: 0, rowsUpdated: 0, rowsRemoved: 0, messages: [], staged: earlier.length + rows.length };
}

function dropStaging(port: TabPort, block: WriteBlock): void {
  const tab = port.findTab(null, block.staging!.name);
  if (tab) port.deleteTab(tab);
}
