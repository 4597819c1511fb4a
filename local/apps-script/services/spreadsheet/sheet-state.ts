// The persistent state of one tab: size, sparse rows of cells, frozen rows, visibility, widths.
// Structural edits (insert/delete/move rows and columns, sort) live here; limits are checked by the Workbook.
import { hasContent, isEmptyCell, type Cell, type Row } from './cell';
import type { GridRect } from './a1';
import type { ChartState } from './chart-state';

export const NEW_SHEET_ROWS = 1000;
export const NEW_SHEET_COLUMNS = 26;
/** Sheets' default sizes in pixels (getColumnWidth/getRowHeight of an untouched column or row). */
export const DEFAULT_COLUMN_WIDTH = 100;
export const DEFAULT_ROW_HEIGHT = 21;

/** A conditional format rule as a tab keeps it (conditional-format.ts builds and reads them). */
export interface ConditionalRuleState {
  /** Rectangles of this tab the rule applies to. */
  rects: GridRect[];
  /** SpreadsheetApp.BooleanCriteria name, e.g. NUMBER_GREATER_THAN, and its values. */
  criteria: string;
  values: (string | number)[];
  format: { background?: string; fontColor?: string; bold?: boolean; italic?: boolean; strikethrough?: boolean; underline?: boolean };
}

/** Moves the keys of a per-row or per-column map when rows or columns are inserted or deleted. */
function shiftKeys(map: Map<number, number>, at: number, inserted: number, deleted: number): void {
  const entries = [...map];
  map.clear();
  for (const [k, v] of entries) {
    if (k < at) map.set(k, v);
    else if (deleted > 0 && k < at + deleted) continue;
    else map.set(k + inserted - deleted, v);
  }
}

export class SheetState {
  rows: (Row | undefined)[] = [];
  maxRows = NEW_SHEET_ROWS;
  maxColumns = NEW_SHEET_COLUMNS;
  frozenRows = 0;
  frozenColumns = 0;
  hidden = false;
  deleted = false;
  /** Pixels, by 1-based column; absent = DEFAULT_COLUMN_WIDTH. */
  readonly columnWidths = new Map<number, number>();
  /** Pixels, by 1-based row; absent = DEFAULT_ROW_HEIGHT. */
  readonly rowHeights = new Map<number, number>();
  /** setConditionalFormatRules replaces the whole list, in priority order. */
  conditionalFormats: ConditionalRuleState[] = [];
  /** Set when a formula is stored here; lets reads of formula-free tabs skip looking for formulas. */
  mayHoldFormulas = false;
  /** Embedded charts anchored on this tab; they go when the tab goes. */
  readonly charts: ChartState[] = [];

  constructor(
    public name: string,
    readonly id: number,
  ) {}

  cellAt(row: number, column: number): Cell | undefined {
    return this.rows[row - 1]?.cells[column - 1];
  }

  cellFor(row: number, column: number): Cell {
    let r = this.rows[row - 1];
    if (!r) r = this.rows[row - 1] = { cells: [] };
    let c = r.cells[column - 1];
    if (!c) c = r.cells[column - 1] = {};
    return c;
  }

  /** Drops a cell that no longer holds anything, keeping the grid sparse. */
  tidy(row: number, column: number): void {
    const r = this.rows[row - 1];
    const c = r?.cells[column - 1];
    if (r && c && isEmptyCell(c)) delete r.cells[column - 1];
  }

  lastRow(): number {
    for (let i = Math.min(this.rows.length, this.maxRows) - 1; i >= 0; i--) {
      const r = this.rows[i];
      if (r && r.cells.some(hasContent)) return i + 1;
    }
    return 0;
  }

  lastColumn(): number {
    let last = 0;
    for (const r of this.rows) {
      if (!r) continue;
      for (let j = r.cells.length - 1; j >= last; j--) {
        if (hasContent(r.cells[j])) {
          last = j + 1;
          break;
        }
      }
    }
    return last;
  }

  insertRows(beforeRow: number, count: number): void {
    if (this.rows.length >= beforeRow) this.rows.splice(beforeRow - 1, 0, ...new Array<Row | undefined>(count));
    this.maxRows += count;
    shiftKeys(this.rowHeights, beforeRow, count, 0);
  }

  deleteRows(row: number, count: number): void {
    this.rows.splice(row - 1, count);
    this.maxRows -= count;
    shiftKeys(this.rowHeights, row, 0, count);
  }

  insertColumns(beforeColumn: number, count: number): void {
    for (const r of this.rows) if (r && r.cells.length >= beforeColumn) r.cells.splice(beforeColumn - 1, 0, ...new Array<Cell | undefined>(count));
    this.maxColumns += count;
    shiftKeys(this.columnWidths, beforeColumn, count, 0);
  }

  deleteColumns(column: number, count: number): void {
    for (const r of this.rows) if (r) r.cells.splice(column - 1, count);
    this.maxColumns -= count;
    shiftKeys(this.columnWidths, column, 0, count);
  }

  /** Moves one column so that it ends up at position `to` (1-based, in the final layout). */
  moveColumn(from: number, to: number): void {
    for (const r of this.rows) {
      if (!r) continue;
      while (r.cells.length < Math.max(from, to)) r.cells.push(undefined);
      const [cell] = r.cells.splice(from - 1, 1);
      r.cells.splice(to - 1, 0, cell);
    }
  }

  /** Cells of a rectangle, row by row, `undefined` where nothing is stored. */
  takeRect(rect: GridRect): (Cell | undefined)[][] {
    const out: (Cell | undefined)[][] = [];
    for (let i = 0; i < rect.numRows; i++) {
      const r = this.rows[rect.row - 1 + i];
      out.push(Array.from({ length: rect.numColumns }, (_, j) => r?.cells[rect.column - 1 + j]));
    }
    return out;
  }

  putRect(rect: GridRect, cells: (Cell | undefined)[][]): void {
    cells.forEach((rowCells, i) => {
      let r = this.rows[rect.row - 1 + i];
      if (!r) r = this.rows[rect.row - 1 + i] = { cells: [] };
      rowCells.forEach((c, j) => {
        if (c) r.cells[rect.column - 1 + j] = c;
        else delete r.cells[rect.column - 1 + j];
      });
    });
  }
}
