// What the table writer needs from a spreadsheet, small enough for an Apps Script adapter over
// SpreadsheetApp to implement with few calls. Rows and columns are 1-based, as in Sheets. There is no
// "append": the writer appends below the last row of its own keys, which it finds itself.
import type { WidthRun } from './look';

export type CellValue = string | number | boolean | Date;

export interface TabRef {
  sheetId: number;
  name: string;
}

/** One tab's grid: max rows and max columns (Sheets counts every cell of it against its 10 million). */
export interface GridSize {
  rows: number;
  columns: number;
}

export interface TabGrid extends TabRef, GridSize {}

export interface TabPort {
  /** The tab with this sheet id (survives renames), else the tab with this name, else null. */
  findTab(sheetId: number | null, name: string): TabRef | null;
  /**
   * A new tab with `columns` columns: Sheets makes 26, and each empty one would hold a cell in every
   * row, so the ones Sheetgram does not write are removed (never columns of a tab it did not create).
   */
  createTab(name: string, columns: number): TabRef;
  /** Hides a tab of Sheetgram's own (where a Replace run keeps rows between executions). */
  hideTab(tab: TabRef): void;
  deleteTab(tab: TabRef): void;
  /** Row 1, trailing empty cells dropped; empty cells read as ''. */
  readHeader(tab: TabRef): string[];
  /** The last row holding any content (0 for an empty tab). */
  lastRow(tab: TabRef): number;
  /** Values of some columns for rows firstRow..lastRow, one array per row in the order of `columns`. */
  readColumns(tab: TabRef, columns: number[], firstRow: number, lastRow: number): CellValue[][];
  /**
   * Writes rows into the given columns starting at startRow. Columns need not be adjacent: each run
   * of adjacent columns is one range (an adapter may send all runs in one Sheets values batchUpdate).
   */
  writeRows(tab: TabRef, startRow: number, columns: number[], rows: CellValue[][]): void;
  deleteRows(tab: TabRef, startRow: number, count: number): void;
  /** Number formats for whole data columns (row 2 down), e.g. '@' for plain text. */
  setColumnFormats(tab: TabRef, formats: { column: number; format: string }[]): void;
  /** Freezes row 1 and styles its first `columns` cells: bold, a light background, no wrapping. */
  styleHeader(tab: TabRef, columns: number): void;
  /** Column widths in pixels: each run is one call (adjacent columns of one width). */
  setColumnWidths(tab: TabRef, runs: WidthRun[]): void;
  /**
   * The choices of the dropdown (a list data validation) on a column's data rows, read from row 2; null
   * when that cell has no list rule (none ever set, or the person removed it).
   */
  dropdownOf(tab: TabRef, column: number): string[] | null;
  /**
   * Sets a dropdown of these choices on the column's data rows (row 2 to the grid's end, and rows the grid
   * grows by later in the execution). A new one still accepts other values, with a warning mark (the
   * person may type a new choice); an existing one keeps the person's settings (reject input, help text).
   */
  setDropdown(tab: TabRef, column: number, choices: string[]): void;
  /** The spreadsheet's locale ('en_US'), for its date formats: read once per execution, when first asked. */
  locale(): string;
  /** The tab's grid now (this port's own changes included). */
  gridOf(tab: TabRef): GridSize;
  /** Every tab's grid: measured at the first call of an execution, then kept up to date with this port's changes. */
  grids(): TabGrid[];
}
