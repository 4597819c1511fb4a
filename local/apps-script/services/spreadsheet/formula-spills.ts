// Where a tab's formulas are and which of them spill, found once per read. An empty cell may hold
// a value spilled from a formula above or left of it; only formulas that can produce an array are
// asked, each once, in column buckets walked downwards as reads reach further rows.
import type { GridRect } from './a1';
import { hasContent } from './cell';
import { compileFormula } from './formula-compile';
import type { Formats, Grid, Scalar } from './formula-values';
import type { SheetState } from './sheet-state';

/** What a formula cell evaluates to. `value` is the anchor's own value (the first of a spill). */
export interface AnchorResult {
  value: Scalar;
  format?: string;
  spill?: { values: Grid; formats?: Formats };
}

interface Spilled {
  row: number;
  column: number;
  spill: NonNullable<AnchorResult['spill']>;
}

/** Evaluates the formula at (row, column) only to learn its spill; undefined when it cannot yet. */
export type SoftEvaluate = (row: number, column: number) => AnchorResult | undefined;

export class SheetFormulas {
  /** Formula cells by column, rows ascending. */
  readonly byColumn = new Map<number, number[]>();
  private readonly buckets: { column: number; rows: number[]; next: number }[] = [];
  private retry: { row: number; column: number }[] = [];
  private readonly spilled: Spilled[] = [];

  constructor(
    private readonly sheet: SheetState,
    private readonly evaluate: SoftEvaluate,
  ) {
    if (!sheet.mayHoldFormulas) return;
    const spilling = new Map<number, number[]>();
    let found = false;
    sheet.rows.forEach((row, r) => {
      row?.cells.forEach((cell, c) => {
        if (cell?.formula === undefined) return;
        found = true;
        const add = (m: Map<number, number[]>) => (m.get(c + 1) ?? m.set(c + 1, []).get(c + 1)!).push(r + 1);
        add(this.byColumn);
        if (compileFormula(cell.formula).maySpill) add(spilling);
      });
    });
    if (!found) sheet.mayHoldFormulas = false;
    this.buckets = [...spilling].sort(([a], [b]) => a - b).map(([column, rows]) => ({ column, rows, next: 0 }));
  }

  get maySpill(): boolean {
    return this.buckets.length > 0;
  }

  /** Learns which formulas at or above-left of (row, column) spill. */
  private resolve(row: number, column: number): void {
    const attempt = (a: { row: number; column: number }) => {
      const result = this.evaluate(a.row, a.column);
      if (!result) return false;
      if (result.spill) this.spilled.push({ row: a.row, column: a.column, spill: result.spill });
      return true;
    };
    for (const bucket of this.buckets) {
      if (bucket.column > column) break;
      while (bucket.next < bucket.rows.length && bucket.rows[bucket.next] <= row) {
        const a = { row: bucket.rows[bucket.next++], column: bucket.column };
        if (!attempt(a)) this.retry.push(a);
      }
    }
    if (this.retry.length) this.retry = this.retry.filter((a) => a.row > row || a.column > column || !attempt(a));
  }

  /** The spilled value covering an empty cell, if any (the first spill found wins). */
  cover(row: number, column: number): { value: Scalar; format?: string } | undefined {
    if (!this.maySpill) return undefined;
    this.resolve(row, column);
    for (const { row: r, column: c, spill } of this.spilled) {
      const i = row - r;
      const j = column - c;
      if (i >= 0 && j >= 0 && i < spill.values.length && j < spill.values[0].length && (i > 0 || j > 0)) {
        return { value: spill.values[i][j], format: spill.formats?.[i]?.[j] };
      }
    }
    return undefined;
  }

  /** Writes spilled values into a rectangle read for a formula (cells holding something keep theirs). */
  fill(rect: GridRect, values: Grid, setFormat: (i: number, j: number, f: string | undefined) => void): void {
    if (!this.maySpill) return;
    this.resolve(rect.row + rect.numRows - 1, rect.column + rect.numColumns - 1);
    for (const { row, column, spill } of this.spilled) {
      for (let i = 0; i < spill.values.length; i++) {
        const r = row + i;
        if (r < rect.row || r >= rect.row + rect.numRows) continue;
        for (let j = 0; j < spill.values[i].length; j++) {
          const c = column + j;
          if (c < rect.column || c >= rect.column + rect.numColumns || (i === 0 && j === 0) || hasContent(this.sheet.cellAt(r, c))) continue;
          values[r - rect.row][c - rect.column] = spill.values[i][j];
          setFormat(r - rect.row, c - rect.column, this.sheet.cellAt(r, c)?.format ?? spill.formats?.[i]?.[j]);
        }
      }
    }
  }

  /** Last row and column holding a spilled value (empty spilled cells do not count). */
  extent(): { rows: number; columns: number } {
    let rows = 0;
    let columns = 0;
    if (!this.maySpill) return { rows, columns };
    this.resolve(this.sheet.maxRows, this.sheet.maxColumns);
    for (const { row, column, spill } of this.spilled) {
      spill.values.forEach((r, i) => r.forEach((v, j) => {
        if (v === null || v === '') return;
        rows = Math.max(rows, row + i);
        columns = Math.max(columns, column + j);
      }));
    }
    return { rows, columns };
  }
}
