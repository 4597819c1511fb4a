// An in-memory spreadsheet implementing TabPort for tests. It counts range writes the way Sheets would
// see them (one per run of adjacent columns) and behaves like Sheets on reads: a leading apostrophe
// on text is not part of the value read back. Each tab has a grid (Sheets' 1000 x 26 for a new one) that
// writes grow as the Apps Script adapter grows it, and, as in Sheets, growth past 10 million cells is refused.
import { NEW_TAB_GRID, SPREADSHEET_CELL_LIMIT } from '../../../src/core/tabs/spreadsheet-cells';
import type { WidthRun } from '../../../src/core/tabs/look';
import type { CellValue, GridSize, TabGrid, TabPort, TabRef } from '../../../src/core/tabs/tab-port';

/** Google's refusal, as Sheets words it. */
export const GOOGLE_TOO_MANY_CELLS = 'This action would increase the number of cells in the workbook above the limit of 10000000 cells.';

export interface MemorySheet {
  sheetId: number;
  name: string;
  cells: CellValue[][];
  formats: Map<number, string>;
  /** Pixels by column, where a width was set. */
  widths: Map<number, number>;
  /** Header cells styled (bold, background, no wrap), 0 when none. */
  styledHeader: number;
  frozenRows: number;
  hidden: boolean;
  grid: GridSize;
  /** List rules by column: the choices, on rows 2..toRow (the grid's end when set; rows grown later have none). */
  dropdowns: Map<number, { choices: string[]; toRow: number }>;
}

export class MemoryTabs implements TabPort {
  readonly sheets: MemorySheet[] = [];
  rangeWrites = 0;
  deletes = 0;
  /** setColumnWidths calls (one per run) and locale reads. */
  widthCalls = 0;
  localeReads = 0;
  /** setDropdown calls. */
  dropdownWrites = 0;
  /** The spreadsheet's locale, as getSpreadsheetLocale gives it. */
  spreadsheetLocale = 'en_US';
  /** Calls of grids(): the adapter measures the whole spreadsheet at most once per execution. */
  measures = 0;
  private nextId = 1000;

  /** A tab as a person made it: Sheets' default grid, or a bigger one (`grid`, e.g. a tab of a million rows). */
  addSheet(name: string, rows: CellValue[][] = [], grid?: Partial<GridSize>): MemorySheet {
    const widest = Math.max(0, ...rows.map((r) => r.length));
    const sheet = {
      sheetId: this.nextId++, name, cells: rows.map((r) => [...r]), formats: new Map(), widths: new Map(), styledHeader: 0, frozenRows: 0, hidden: false, dropdowns: new Map(),
      grid: { rows: Math.max(grid?.rows ?? NEW_TAB_GRID.rows, rows.length), columns: Math.max(grid?.columns ?? NEW_TAB_GRID.columns, widest) },
    };
    this.sheets.push(sheet);
    return sheet;
  }
  cellCount(): number {
    return this.sheets.reduce((n, s) => n + s.grid.rows * s.grid.columns, 0);
  }
  /** Sheets' check: growth that would pass the limit is refused before anything changes. */
  private roomFor(extra: number): void {
    if (this.cellCount() + extra > SPREADSHEET_CELL_LIMIT) throw new Error(GOOGLE_TOO_MANY_CELLS);
  }
  /** Grows a grid to at least rows x columns, as the adapter does before a write (insertRowsAfter, insertColumnsAfter). */
  private grow(s: MemorySheet, rows: number, columns: number): void {
    if (rows > s.grid.rows) {
      this.roomFor((rows - s.grid.rows) * s.grid.columns);
      // As the adapter: a dropdown over the whole grid reaches the rows it grows by.
      for (const rule of s.dropdowns.values()) if (rule.toRow === s.grid.rows) rule.toRow = rows;
      s.grid.rows = rows;
    }
    if (columns > s.grid.columns) {
      this.roomFor((columns - s.grid.columns) * s.grid.rows);
      s.grid.columns = columns;
    }
  }
  sheet(ref: { sheetId: number } | string): MemorySheet {
    const s = this.sheets.find((x) => (typeof ref === 'string' ? x.name === ref : x.sheetId === ref.sheetId));
    if (!s) throw new Error(`no sheet ${JSON.stringify(ref)}`);
    return s;
  }
  /** The grid as Sheets shows values, trailing empty rows dropped. */
  values(ref: { sheetId: number } | string): CellValue[][] {
    const s = this.sheet(ref);
    return s.cells.slice(0, this.lastRowOf(s)).map((r) => r.map((v) => (v === undefined ? '' : v)));
  }
  resetCounts(): void {
    this.rangeWrites = 0;
    this.deletes = 0;
    this.widthCalls = 0;
    this.localeReads = 0;
  }

  findTab(sheetId: number | null, name: string): TabRef | null {
    const s = (sheetId !== null ? this.sheets.find((x) => x.sheetId === sheetId) : undefined) ?? this.sheets.find((x) => x.name === name);
    return s ? { sheetId: s.sheetId, name: s.name } : null;
  }
  createTab(name: string, columns: number): TabRef {
    if (this.sheets.some((s) => s.name === name)) throw new Error(`A sheet named ${name} already exists`);
    this.roomFor(NEW_TAB_GRID.rows * NEW_TAB_GRID.columns);
    const s = this.addSheet(name);
    // The adapter removes the columns it will not write.
    s.grid.columns = Math.min(s.grid.columns, Math.max(1, columns));
    return { sheetId: s.sheetId, name: s.name };
  }
  hideTab(tab: TabRef): void {
    this.sheet(tab).hidden = true;
  }
  deleteTab(tab: TabRef): void {
    this.sheets.splice(this.sheets.indexOf(this.sheet(tab)), 1);
  }
  readHeader(tab: TabRef): string[] {
    const row = (this.sheet(tab).cells[0] ?? []).map((v) => (v === undefined ? '' : String(v)));
    while (row.length && row[row.length - 1] === '') row.pop();
    return row;
  }
  lastRow(tab: TabRef): number {
    return this.lastRowOf(this.sheet(tab));
  }
  readColumns(tab: TabRef, columns: number[], firstRow: number, lastRow: number): CellValue[][] {
    const s = this.sheet(tab);
    // As Sheets: no range outside the grid.
    if (lastRow > s.grid.rows || Math.max(...columns) > s.grid.columns) throw new Error('The coordinates of the range are outside the dimensions of the sheet.');
    const out: CellValue[][] = [];
    for (let r = firstRow; r <= lastRow; r++) out.push(columns.map((c) => readBack(s.cells[r - 1]?.[c - 1])));
    return out;
  }
  writeRows(tab: TabRef, startRow: number, columns: number[], rows: CellValue[][]): void {
    const s = this.sheet(tab);
    if (rows.length && columns.length) this.grow(s, startRow + rows.length - 1, Math.max(...columns));
    this.rangeWrites += runsOf(columns);
    rows.forEach((row, i) => {
      const r = startRow - 1 + i;
      s.cells[r] ??= [];
      columns.forEach((c, j) => {
        for (let k = s.cells[r].length; k < c - 1; k++) s.cells[r][k] = '';
        s.cells[r][c - 1] = row[j];
      });
    });
  }
  deleteRows(tab: TabRef, startRow: number, count: number): void {
    this.deletes++;
    const s = this.sheet(tab);
    const gone = Math.min(count, Math.max(0, s.grid.rows - startRow + 1));
    // As Sheets: a tab keeps at least one row below its frozen ones.
    if (s.grid.rows - gone - s.frozenRows <= 0) throw new Error('Sorry, it is not possible to delete all non-frozen rows.');
    s.cells.splice(startRow - 1, count);
    s.grid.rows -= gone;
    for (const rule of s.dropdowns.values()) rule.toRow -= Math.max(0, Math.min(gone, rule.toRow - startRow + 1));
  }
  setColumnFormats(tab: TabRef, formats: { column: number; format: string }[]): void {
    const s = this.sheet(tab);
    this.grow(s, 2, Math.max(...formats.map((f) => f.column)));
    for (const f of formats) s.formats.set(f.column, f.format);
  }
  styleHeader(tab: TabRef, columns: number): void {
    const s = this.sheet(tab);
    s.frozenRows = 1;
    s.styledHeader = columns;
  }
  setColumnWidths(tab: TabRef, runs: WidthRun[]): void {
    const s = this.sheet(tab);
    for (const run of runs) {
      // As Sheets: no column outside the grid.
      if (run.column + run.count - 1 > s.grid.columns) throw new Error('Those columns are out of bounds.');
      this.widthCalls++;
      for (let c = run.column; c < run.column + run.count; c++) s.widths.set(c, run.width);
    }
  }
  dropdownOf(tab: TabRef, column: number): string[] | null {
    const rule = this.sheet(tab).dropdowns.get(column);
    return rule && rule.toRow >= 2 ? [...rule.choices] : null;
  }
  setDropdown(tab: TabRef, column: number, choices: string[]): void {
    const s = this.sheet(tab);
    this.grow(s, 2, column);
    this.dropdownWrites++;
    s.dropdowns.set(column, { choices: [...choices], toRow: s.grid.rows });
  }
  /** The choices a person sees in that cell, or null without a dropdown there. */
  dropdownAt(ref: { sheetId: number } | string, column: number, row: number): string[] | null {
    const rule = this.sheet(ref).dropdowns.get(column);
    return rule && row >= 2 && row <= rule.toRow ? rule.choices : null;
  }
  locale(): string {
    this.localeReads++;
    return this.spreadsheetLocale;
  }
  gridOf(tab: TabRef): GridSize {
    return { ...this.sheet(tab).grid };
  }
  grids(): TabGrid[] {
    this.measures++;
    return this.sheets.map((s) => ({ sheetId: s.sheetId, name: s.name, ...s.grid }));
  }

  private lastRowOf(s: MemorySheet): number {
    for (let r = s.cells.length; r > 0; r--) if ((s.cells[r - 1] ?? []).some((v) => v !== '' && v !== undefined)) return r;
    return 0;
  }
}

function readBack(v: CellValue | undefined): CellValue {
  if (v === undefined) return '';
  return typeof v === 'string' && v.startsWith("'") ? v.slice(1) : v;
}

function runsOf(columns: number[]): number {
  const sorted = [...columns].sort((a, b) => a - b);
  return sorted.filter((c, i) => i === 0 || c !== sorted[i - 1] + 1).length;
}
