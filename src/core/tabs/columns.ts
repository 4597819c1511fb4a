// Finds Sheetgram's columns in a tab by header name, so users may reorder columns and add their own;
// writes the header of a new tab and puts back any of our headers a user renamed or deleted. A tab's
// first fill also sets how it looks (look.ts): widths, formats, a frozen and styled header.
import type { FieldType } from '../reports/types';
import { TEXT_TYPES } from './cell-values';
import { columnWidth, dateFormatsFor, DEFAULT_COLUMN_WIDTH, ISO_DATES, numberFormatsFor, widthRuns } from './look';
import type { TabPort, TabRef } from './tab-port';
import { headerKey } from './cell-text';

export interface LayoutColumn {
  header: string;
  type: FieldType;
  /**
   * Only some sign-ins fill this column (a field of one login flow): a tab shared with accounts of the
   * other login lacks it without anyone having deleted it, so adding it needs no message.
   */
  someLogins?: boolean;
  /**
   * The person fills this column (a label): Sheetgram makes it with a dropdown of these choices, adds what
   * they type to the dropdown, and writes it only on new rows (from the same item's latest row in Append).
   */
  person?: { choices: string[] };
  /** An empty value keeps what the cell holds (the views of a day gone by, which no later run can read). */
  fillOnly?: boolean;
}

export interface TabTarget {
  sheetId: number | null;
  name: string;
}

export interface PreparedTab {
  tab: TabRef;
  /** The sheet column (1-based) of each layout column. */
  columnOf: number[];
  /** Headers this call added to a tab that already had a header row. */
  added: string[];
  messages: string[];
}

/** Where a block's columns are or will be, found by reading only: nothing is written yet. */
export interface LocatedTab {
  /** null: the tab is to be created. */
  tab: TabRef | null;
  name: string;
  /** The sheet column (1-based) of each layout column. */
  columnOf: number[];
  /** Layout indexes of the columns whose header is to be written (all of them on a tab without a header). */
  added: number[];
  /** The tab has no header row: the whole header is written and frozen. */
  fresh: boolean;
  /** An existing tab's grid columns before any header is added (read only when headers are to be added). */
  gridColumns?: number;
  messages: string[];
}

/**
 * Finds the tab and where every layout column is, adding missing headers at the right (on paper). `introduced`:
 * headers a tab may lack because it predates them; adding those needs no message.
 */
export function locateTab(port: TabPort, target: TabTarget, columns: LayoutColumn[], introduced: readonly string[] = []): LocatedTab {
  const messages: string[] = [];
  const tab = port.findTab(target.sheetId, target.name);
  if (!tab) {
    if (target.sheetId !== null) messages.push(`The tab "${target.name}" was not found (deleted?), so Sheetgram created it again.`);
  } else if (target.sheetId !== null && tab.sheetId === target.sheetId && tab.name !== target.name) {
    messages.push(`The tab "${target.name}" is now called "${tab.name}"; Sheetgram keeps writing there.`);
  }
  const header = tab ? port.readHeader(tab) : [];
  if (header.every((h) => headerKey(h) === '')) {
    const gridColumns = tab ? port.gridOf(tab).columns : undefined;
    return { tab, name: tab?.name ?? target.name, columnOf: columns.map((_, i) => i + 1), added: columns.map((_, i) => i), fresh: true, gridColumns, messages };
  }
  const index = new Map<string, number>();
  header.forEach((h, i) => {
    if (headerKey(h) !== '' && !index.has(headerKey(h))) index.set(headerKey(h), i + 1);
  });
  let next = header.length + 1;
  const added: number[] = [];
  const columnOf = columns.map((c, i) => {
    const found = index.get(headerKey(c.header));
    if (found) return found;
    const column = next++;
    added.push(i);
    if (!introduced.includes(c.header) && !c.someLogins) messages.push(`Column "${c.header}" was not found (renamed or deleted?), so Sheetgram added it back at column ${column}.`);
    return column;
  });
  const gridColumns = tab && added.length ? port.gridOf(tab).columns : undefined;
  return { tab, name: tab?.name ?? target.name, columnOf, added, fresh: false, gridColumns, messages };
}

export interface TabOptions {
  /** false: no styled header and no widths (a hidden tab of Sheetgram's own). Default true. */
  look?: boolean;
}

/**
 * Writes what locateTab found missing: the tab, its header, its column formats. On a tab's first fill
 * (a new tab, or one without a header) it also freezes and styles the header and sets every column's
 * width; later, only columns that did not exist before (added beyond the grid) get a width, so widths
 * the person set are never changed.
 */
export function applyTab(port: TabPort, located: LocatedTab, columns: LayoutColumn[], options: TabOptions = {}): PreparedTab {
  const { columnOf, added } = located;
  const look = options.look !== false;
  const tab = located.tab ?? port.createTab(located.name, Math.max(...columnOf));
  // The locale is asked only when a date column gets its format.
  const dated = added.some((i) => columns[i].type === 'date' || columns[i].type === 'datetime');
  const numberFormats = numberFormatsFor(dated ? dateFormatsFor(port.locale()) : ISO_DATES);
  const formats: { column: number; format: string }[] = [];
  const formatFor = (column: number, type: FieldType) => {
    const format = numberFormats[type];
    if (format) formats.push({ column, format });
  };
  if (added.length) port.writeRows(tab, 1, added.map((i) => columnOf[i]), [added.map((i) => columns[i].header)]);
  columns.forEach((c, i) => {
    // New columns get every format; existing text columns get '@' again so ids can never turn into numbers.
    if (added.includes(i) || TEXT_TYPES.has(c.type)) formatFor(columnOf[i], c.type);
  });
  if (formats.length) port.setColumnFormats(tab, formats);
  if (look) {
    const sized = added.filter((i) => located.fresh || (located.gridColumns !== undefined && columnOf[i] > located.gridColumns));
    // A tab made just now has Sheets' default width everywhere: a column that wants that costs no call.
    const widths = sized.map((i) => ({ column: columnOf[i], width: columnWidth(columns[i].header, columns[i].type) }))
      .filter((w) => located.tab !== null || w.width !== DEFAULT_COLUMN_WIDTH);
    if (located.fresh) port.styleHeader(tab, Math.max(...columnOf));
    if (widths.length) port.setColumnWidths(tab, widthRuns(widths));
  }
  return { tab, columnOf, added: located.fresh ? [] : added.map((i) => columns[i].header), messages: located.messages };
}

/** Finds (or recreates) the tab and locates every layout column, adding back missing headers at the right. */
export function prepareTab(port: TabPort, target: TabTarget, columns: LayoutColumn[], introduced: readonly string[] = [], options: TabOptions = {}): PreparedTab {
  return applyTab(port, locateTab(port, target, columns, introduced), columns, options);
}
