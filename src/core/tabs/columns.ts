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

/**
 * Finds (or recreates) the tab and locates every layout column, adding back missing headers at the
 * right. `introduced`: headers a tab may lack because it predates them; adding those needs no message.
 */
export function prepareTab(port: TabPort, target: TabTarget, columns: LayoutColumn[], introduced: readonly string[] = []): PreparedTab {
  const messages: string[] = [];
  let tab = port.findTab(target.sheetId, target.name);
  if (!tab) {
    tab = port.createTab(target.name);
    if (target.sheetId !== null) messages.push(`The tab "${target.name}" was not found (deleted?), so Sheetgram created it again.`);
  } else if (target.sheetId !== null && tab.sheetId === target.sheetId && tab.name !== target.name) {
    messages.push(`The tab "${target.name}" is now called "${tab.name}"; Sheetgram keeps writing there.`);
  }

  const header = port.readHeader(tab);
  const formats: { column: number; format: string }[] = [];
  const formatFor = (column: number, type: FieldType) => {
    const format = NUMBER_FORMATS[type];
    if (format) formats.push({ column, format });
  };

  let columnOf: number[];
  const added: number[] = [];
  if (header.every((h) => normal(h) === '')) {
    columnOf = columns.map((_, i) => i + 1);
    port.writeRows(tab, 1, columnOf, [columns.map((c) => c.header)]);
    columns.forEach((c, i) => formatFor(i + 1, c.type));
    port.freezeHeader(tab);
  } else {
    const index = new Map<string, number>();
    header.forEach((h, i) => {
      if (normal(h) !== '' && !index.has(normal(h))) index.set(normal(h), i + 1);
    });
    let next = header.length + 1;
    columnOf = columns.map((c) => {
      const found = index.get(normal(c.header));
      if (found) return found;
      const column = next++;
      added.push(columns.indexOf(c));
      if (!introduced.includes(c.header)) messages.push(`Column "${c.header}" was not found (renamed or deleted?), so Sheetgram added it back at column ${column}.`);
      return column;
    });
    if (added.length) port.writeRows(tab, 1, added.map((i) => columnOf[i]), [added.map((i) => columns[i].header)]);
    columns.forEach((c, i) => {
      // New columns get every format; existing text columns get '@' again so ids can never turn into numbers.
      if (added.includes(i) || TEXT_TYPES.has(c.type)) formatFor(columnOf[i], c.type);
    });
  }
  if (formats.length) port.setColumnFormats(tab, formats);
  return { tab, columnOf, added: added.map((i) => columns[i].header), messages };
}
