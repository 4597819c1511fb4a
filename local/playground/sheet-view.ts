// What the page's grid shows: the tabs, and one page of rows at a time of what a person sees in them
// (display values, formulas and their spills evaluated by the workbook's engine in one read), so a
// 10,000-row tab costs only the rows on screen. Typing into a cell goes through the Workbook's
// person-facing typeInto, parsed as Sheets parses what a person types.
import { columnToLetters } from '../apps-script/services/spreadsheet/a1';
import type { Workbook } from '../apps-script/services/spreadsheet';
import type { CellView, RowsView, TabView } from './views';

export type { CellView, RowsView, TabView } from './views';

type Sheet = Workbook['sheets'][number];

/** Rows per request at most: a screenful or two. */
export const MAX_ROWS_PER_PAGE = 500;

export function tabViews(workbook: Workbook): TabView[] {
  return workbook.reading(() => workbook.sheets.map((sheet) => tabView(workbook, sheet)));
}

/** Spilled values count as content, as in Sheets. */
function tabView(workbook: Workbook, sheet: Sheet): TabView {
  return { name: sheet.name, rows: workbook.lastRowOf(sheet), columns: workbook.lastColumnOf(sheet), frozenRows: sheet.frozenRows, hidden: sheet.hidden };
}

function cellView(workbook: Workbook, sheet: Sheet, row: number, column: number): CellView {
  const formula = sheet.cellAt(row, column)?.formula;
  let text: string;
  try {
    text = workbook.displayAt(sheet, row, column);
  } catch (error) {
    // The local runtime says when it cannot show a cell as Sheets would. A number format it cannot
    // render: the plain value, marked as such (as the .xlsx export does). Anything else: the error.
    const note = error instanceof Error ? error.message : String(error);
    const plain = /number format/.test(note) ? plainText(workbook, sheet, row, column) : undefined;
    if (plain !== undefined) return { text: plain, note: `Shown without its number format: ${note}`, unformatted: true, ...(formula === undefined ? {} : { formula }) };
    return { text: '#ERROR!', note, ...(formula === undefined ? {} : { formula }) };
  }
  if (formula === undefined) return { text };
  // The note Sheets shows on an error cell (why a spill is blocked, an unknown function...).
  const error = workbook.formulaError(sheet.name, `${columnToLetters(column)}${row}`);
  return error ? { text, formula, note: error.message } : { text, formula };
}

/** The value in Sheets' General format, or undefined when even the value cannot be read. */
function plainText(workbook: Workbook, sheet: Sheet, row: number, column: number): string | undefined {
  try {
    const value = workbook.valueAt(sheet, row, column);
    if (typeof value === 'number') return String(Number(value.toPrecision(15)));
    if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
    return value instanceof Date ? value.toISOString() : String(value);
  } catch {
    return undefined;
  }
}

function rowsOf(workbook: Workbook, sheet: Sheet, from: number, count: number, columns: number): CellView[][] {
  const out: CellView[][] = [];
  for (let r = from; r < from + count; r++) {
    const row: CellView[] = [];
    for (let c = 1; c <= columns; c++) row.push(cellView(workbook, sheet, r, c));
    out.push(row);
  }
  return out;
}

export function rowsView(workbook: Workbook, tabName: string, from: number, count: number): RowsView | null {
  const sheet = workbook.sheetNamed(tabName);
  if (!sheet) return null;
  // One read: each formula is evaluated once for the whole page, spills included.
  return workbook.reading(() => pageOf(workbook, sheet, from, count));
}

function pageOf(workbook: Workbook, sheet: Sheet, from: number, count: number): RowsView {
  const tab = tabView(workbook, sheet);
  const first = Math.max(tab.frozenRows + 1, Math.floor(from) || 1);
  const last = Math.min(tab.rows, first + Math.min(MAX_ROWS_PER_PAGE, Math.max(0, Math.floor(count))) - 1);
  const widths: Record<number, number> = {};
  for (const [column, width] of sheet.columnWidths) if (column <= tab.columns) widths[column] = width;
  return {
    ...tab,
    from: first,
    cells: last >= first ? rowsOf(workbook, sheet, first, last - first + 1, tab.columns) : [],
    frozen: rowsOf(workbook, sheet, 1, Math.min(tab.frozenRows, tab.rows), tab.columns),
    widths,
  };
}

/** A person typing into a cell: text, a number, a date or a formula, parsed the way Sheets parses it. */
export function typeIntoCell(workbook: Workbook, tabName: string, a1: string, text: string): void {
  if (!/^[A-Za-z]{1,3}[1-9]\d{0,6}$/.test(a1)) throw new Error(`"${a1}" is not a cell address like B2`);
  workbook.typeInto(tabName, a1.toUpperCase(), text);
}
