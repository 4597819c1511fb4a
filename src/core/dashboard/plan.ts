// A dashboard as data: the cells (values and formulas) and charts Sheetgram writes on its tab, and
// notes where a chart waits for data. A Canvas lays them out: figures on the left, charts in a grid
// below, chart-data blocks (spilling formulas the charts read) out of the way on the right.
import { cell, columnLetter, openRange } from './a1';

export type ChartKind = 'LINE' | 'COLUMN' | 'BAR' | 'TABLE' | 'GEO' | 'PIE';

export interface PlannedCell {
  row: number;
  column: number;
  value?: string | number;
  formula?: string;
  /** A number format, e.g. '0.00%', or '@' for text that must stay text. */
  format?: string;
}

export interface PlannedChart {
  key: string;
  title: string;
  type: ChartKind;
  /** A1 ranges (on the dashboard's own tab: chart-data blocks); the first row of each is its header. */
  ranges: string[];
  row: number;
  column: number;
  options: Record<string, string | number | boolean>;
}

export interface DashboardPlan {
  cells: PlannedCell[];
  charts: PlannedChart[];
  /** Charts or figures left out, and why, in the words written in their place. */
  notes: { key: string; text: string }[];
}

const CHART_ROWS = 20;
const CHART_COLUMNS = [1, 7];
/** Chart-data blocks start here (column O), out of the way of the charts. */
const FIRST_BLOCK_COLUMN = 15;
export const BLOCK_HEADER_ROW = 2;
/** A fixed block's rows below its header: Meta gives the top 45 values of a demographic breakdown. */
const BLOCK_ROWS = 46;

export interface Block {
  title: string;
  headers: string[];
  /** Spilling formulas by column offset: one for the whole block, or one per column (given the block's first column). */
  formulas: string[] | ((firstColumn: number) => string[]);
  /** Reaches down to the sheet's last row, for series that gain a row a day. */
  grows?: boolean;
}

export class Canvas {
  readonly plan: DashboardPlan = { cells: [], charts: [], notes: [] };
  private slot = 0;
  private blockColumn = FIRST_BLOCK_COLUMN;

  constructor(private readonly firstChartRow: number) {}

  text(row: number, column: number, value: string | number, format?: string): void {
    this.plan.cells.push({ row, column, value, ...(format ? { format } : {}) });
  }

  formula(row: number, column: number, formula: string, format?: string): void {
    this.plan.cells.push({ row, column, formula, ...(format ? { format } : {}) });
  }

  /** Writes a chart-data block (a title, a header row and its formulas) and returns its A1 range. */
  block(b: Block): string {
    const first = this.blockColumn;
    this.text(1, first, `Chart data: ${b.title}`);
    b.headers.forEach((h, i) => this.text(BLOCK_HEADER_ROW, first + i, h, '@'));
    const formulas = typeof b.formulas === 'function' ? b.formulas(first) : b.formulas;
    formulas.forEach((f, i) => this.formula(BLOCK_HEADER_ROW + 1, first + i, f));
    this.blockColumn += b.headers.length + 1;
    return b.grows ? openRange(BLOCK_HEADER_ROW, first, b.headers.length)
      : `${cell(BLOCK_HEADER_ROW, first)}:${columnLetter(first + b.headers.length - 1)}${BLOCK_HEADER_ROW + BLOCK_ROWS}`;
  }

  /** The chart's ranges (made only when the data is there), or a note in the chart's place. */
  chart(key: string, title: string, type: ChartKind, ranges: (() => string[]) | string, options: PlannedChart['options'] = {}): void {
    const row = this.firstChartRow + Math.floor(this.slot / CHART_COLUMNS.length) * CHART_ROWS;
    const column = CHART_COLUMNS[this.slot % CHART_COLUMNS.length];
    this.slot++;
    if (typeof ranges === 'string') {
      this.note(key, `${title}: ${ranges}`);
      this.text(row, column, `${title}: ${ranges}`);
      return;
    }
    this.plan.charts.push({ key, title, type, ranges: ranges(), row, column, options: { title, legend: 'bottom', ...options } });
  }

  note(key: string, text: string): void {
    this.plan.notes.push({ key, text });
  }
}
