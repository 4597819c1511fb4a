// Finds Sheetgram's columns in a tab by header name, so users may reorder columns and add their own;
// writes the header of a new tab and puts back any of our headers a user renamed or deleted.
import type { FieldType } from '../reports/types';
import { NUMBER_FORMATS, TEXT_TYPES } from './cell-values';
import type { TabPort, TabRef } from './tab-port';

export interface LayoutColumn {
  header: string;
  type: FieldType;
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

const normal = (h: unknown) => String(h ?? '').trim().toLowerCase();

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
  if (header.every((h) => normal(h) === '')) {
    return { tab, name: tab?.name ?? target.name, columnOf: columns.map((_, i) => i + 1), added: columns.map((_, i) => i), fresh: true, messages };
  }
  const index = new Map<string, number>();
  header.forEach((h, i) => {
    if (normal(h) !== '' && !index.has(normal(h))) index.set(normal(h), i + 1);
  });
  let next = header.length + 1;
  const added: number[] = [];
  const columnOf = columns.map((c, i) => {
    const found = index.get(normal(c.header));
    if (found) return found;
    const column = next++;
    added.push(i);
    if (!introduced.includes(c.header)) messages.push(`Column "${c.header}" was not found (renamed or deleted?), so Sheetgram added it back at column ${column}.`);
    return column;
  });
  return { tab, name: tab?.name ?? target.name, columnOf, added, fresh: false, messages };
}

/** Writes what locateTab found missing: the tab, its header, its column formats. */
export function applyTab(port: TabPort, located: LocatedTab, columns: LayoutColumn[]): PreparedTab {
  const { columnOf, added } = located;
  const tab = located.tab ?? port.createTab(located.name, Math.max(...columnOf));
  const formats: { column: number; format: string }[] = [];
  const formatFor = (column: number, type: FieldType) => {
    const format = NUMBER_FORMATS[type];
    if (format) formats.push({ column, format });
  };
  if (added.length) port.writeRows(tab, 1, added.map((i) => columnOf[i]), [added.map((i) => columns[i].header)]);
  columns.forEach((c, i) => {
    // New columns get every format; existing text columns get '@' again so ids can never turn into numbers.
    if (added.includes(i) || TEXT_TYPES.has(c.type)) formatFor(columnOf[i], c.type);
  });
  if (located.fresh) port.freezeHeader(tab);
  if (formats.length) port.setColumnFormats(tab, formats);
  return { tab, columnOf, added: located.fresh ? [] : added.map((i) => columns[i].header), messages: located.messages };
}

/** Finds (or recreates) the tab and locates every layout column, adding back missing headers at the right. */
export function prepareTab(port: TabPort, target: TabTarget, columns: LayoutColumn[], introduced: readonly string[] = []): PreparedTab {
  return applyTab(port, locateTab(port, target, columns, introduced), columns);
}
