// An in-memory spreadsheet implementing TabPort for tests. It counts range writes the way Sheets would
// see them (one per run of adjacent columns) and behaves like Sheets on reads: a leading apostrophe
// on text is not part of the value read back.
import type { CellValue, TabPort, TabRef } from '../../../src/core/tabs/tab-port';

export interface MemorySheet {
  sheetId: number;
  name: string;
  cells: CellValue[][];
  formats: Map<number, string>;
  frozenRows: number;
  hidden: boolean;
}

export class MemoryTabs implements TabPort {
  readonly sheets: MemorySheet[] = [];
  rangeWrites = 0;
  deletes = 0;
  private nextId = 1000;

  addSheet(name: string, rows: CellValue[][] = []): MemorySheet {
    const sheet = { sheetId: this.nextId++, name, cells: rows.map((r) => [...r]), formats: new Map(), frozenRows: 0, hidden: false };
    this.sheets.push(sheet);
    return sheet;
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
  }

  findTab(sheetId: number | null, name: string): TabRef | null {
    const s = (sheetId !== null ? this.sheets.find((x) => x.sheetId === sheetId) : undefined) ?? this.sheets.find((x) => x.name === name);
    return s ? { sheetId: s.sheetId, name: s.name } : null;
  }
  createTab(name: string): TabRef {
    if (this.sheets.some((s) => s.name === name)) throw new Error(`A sheet named ${name} already exists`);
    const s = this.addSheet(name);
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
    const out: CellValue[][] = [];
    for (let r = firstRow; r <= lastRow; r++) out.push(columns.map((c) => readBack(s.cells[r - 1]?.[c - 1])));
    return out;
  }
  writeRows(tab: TabRef, startRow: number, columns: number[], rows: CellValue[][]): void {
    const s = this.sheet(tab);
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
    this.sheet(tab).cells.splice(startRow - 1, count);
  }
  setColumnFormats(tab: TabRef, formats: { column: number; format: string }[]): void {
    for (const f of formats) this.sheet(tab).formats.set(f.column, f.format);
  }
  freezeHeader(tab: TabRef): void {
    this.sheet(tab).frozenRows = 1;
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
