// A dashboard as data: the cells (values and formulas) and charts Sheetgram writes on its tab, notes
// where a chart or figure waits for data (and the reports whose rows it waits for), the widths of the
// label and figure columns, and the date formats of chart-data columns. A Canvas lays them out: figures
// on the left, charts in a grid below, chart-data blocks (spilling formulas the charts read) out of the
// way on the right. Every cell of a part (a figure, a chart with its block) carries the part's key, so
// a part that waited can be written later on its own, where it was planned.
import type { ReportId } from '../reports/types';
import { DEFAULT_COLUMN_WIDTH, ISO_DATES, textWidth, type DateFormats } from '../tabs/look';
import { cell, columnLetter, openRange } from './a1';

export type ChartKind = 'LINE' | 'COLUMN' | 'BAR' | 'TABLE' | 'GEO' | 'PIE';

export interface PlannedCell {
  row: number;
  column: number;
  value?: string | number;
  formula?: string;
  /** A number format, e.g. '0.00%', or '@' for text that must stay text. */
  format?: string;
  /** The figure or chart the cell belongs to; absent for the title and labels that never wait. */
  part?: string;
}

export interface PlannedChart {
  /** The chart's part: its chart-data block's cells carry the same key. */
  key: string;
  title: string;
  type: ChartKind;
  /** A1 ranges (on the dashboard's own tab: chart-data blocks); the first row of each is its header. */
  ranges: string[];
  row: number;
  column: number;
  options: Record<string, string | number | boolean>;
}

/** A part shown as a note for want of data, and the reports whose rows (or configuration) it waits for. */
export interface WaitingPart {
  part: string;
  reports: ReportId[];
}

export interface DashboardPlan {
  cells: PlannedCell[];
  charts: PlannedChart[];
  /** Charts or figures left out, and why, in the words written in their place. */
  notes: { key: string; text: string }[];
  /** Every part written as a note (charts and figures): what a later run's rows may complete. */
  waiting: WaitingPart[];
  /** Pixels for the label and figure columns, so no label is cut. */
  widths: { column: number; width: number }[];
  /** Date formats of chart-data columns, from `row` down to the tab's last row (their values spill there). */
  columnFormats: { part: string; column: number; row: number; format: string }[];
  /** The first column right of this plan's chart-data blocks. */
  nextBlockColumn: number;
}

const CHART_ROWS = 20;
/** Sheets' width of a new embedded chart; the right-hand charts start past it, with a gap. */
const CHART_WIDTH = 600;
const CHART_GAP = 20;
/** Chart-data blocks start here (column O), out of the way of the charts. */
export const FIRST_BLOCK_COLUMN = 15;
export const BLOCK_HEADER_ROW = 2;
/** A fixed block's rows below its header: Meta gives the top 45 values of a demographic breakdown. */
const BLOCK_ROWS = 46;

export interface Block {
  title: string;
  headers: string[];
  /**
   * Spilling formulas by column offset: one for the whole block, or one per column (given the block's first
   * column). Or, for a block of fixed rows, every cell below the header (a text starting with = is a formula).
   */
  formulas: string[] | ((firstColumn: number) => string[]) | { rows: (firstColumn: number) => (string | number)[][] };
  /** Reaches down to the sheet's last row, for series that gain a row a day. */
  grows?: boolean;
  /** Block columns (by offset) that hold days or timestamps: formatted as the report tabs' dates. */
  dates?: Partial<Record<number, 'date' | 'datetime'>>;
}

export interface CanvasOptions {
  /** Where chart-data blocks start: a later part's block goes right of every block already on the tab. */
  firstBlockColumn?: number;
  /** The spreadsheet's date formats (look.ts); ISO by default. */
  dates?: DateFormats;
  /**
   * Only these parts get columns for their blocks (a later write of parts that waited): the other parts'
   * blocks take none, and their cells are not to be written.
   */
  only?: ReadonlySet<string>;
}

export class Canvas {
  readonly plan: DashboardPlan;
  private slot = 0;
  private readonly dates: DateFormats;
  private readonly only: ReadonlySet<string> | undefined;
  /** The part the cells being written belong to. */
  private part: string | undefined;

  constructor(private readonly firstChartRow: number, options: CanvasOptions = {}) {
    const first = Math.max(FIRST_BLOCK_COLUMN, options.firstBlockColumn ?? FIRST_BLOCK_COLUMN);
    this.plan = { cells: [], charts: [], notes: [], waiting: [], widths: [], columnFormats: [], nextBlockColumn: first };
    this.dates = options.dates ?? ISO_DATES;
    this.only = options.only;
  }

  /** Writes the cells `write` makes as parts of `part`. */
  within<T>(part: string, write: () => T): T {
    const outer = this.part;
    this.part = part;
    try {
      return write();
    } finally {
      this.part = outer;
    }
  }

  text(row: number, column: number, value: string | number, format?: string): void {
    this.plan.cells.push({ row, column, value, ...(format ? { format } : {}), ...(this.part ? { part: this.part } : {}) });
  }

  formula(row: number, column: number, formula: string, format?: string): void {
    this.plan.cells.push({ row, column, formula, ...(format ? { format } : {}), ...(this.part ? { part: this.part } : {}) });
  }

  /** A column wide enough for every text given (labels, headers, figures), never narrower than Sheets' default. */
  fit(column: number, texts: string[], bold = false): void {
    const width = Math.ceil(Math.max(DEFAULT_COLUMN_WIDTH, ...texts.map((t) => textWidth(t, bold))) / 10) * 10;
    const known = this.plan.widths.find((w) => w.column === column);
    if (known) known.width = Math.max(known.width, width);
    else this.plan.widths.push({ column, width });
  }

  private widthOf(column: number): number {
    return this.plan.widths.find((w) => w.column === column)?.width ?? DEFAULT_COLUMN_WIDTH;
  }

  /** The first column right of a chart anchored in column 1: where the second chart of a row goes. */
  private secondChartColumn(): number {
    let column = 1;
    for (let left = 0; left < CHART_WIDTH + CHART_GAP; column++) left += this.widthOf(column);
    return column;
  }

  /** Writes a chart-data block (a title, a header row and its formulas) and returns its A1 range. */
  block(b: Block): string {
    const first = this.plan.nextBlockColumn;
    this.text(1, first, `Chart data: ${b.title}`);
    b.headers.forEach((h, i) => this.text(BLOCK_HEADER_ROW, first + i, h, '@'));
    let height = BLOCK_ROWS;
    if ('rows' in b.formulas) {
      const rows = b.formulas.rows(first);
      rows.forEach((cells, r) => cells.forEach((c, i) => {
        if (typeof c === 'string' && c.startsWith('=')) this.formula(BLOCK_HEADER_ROW + 1 + r, first + i, c);
        else this.text(BLOCK_HEADER_ROW + 1 + r, first + i, c);
      }));
      height = rows.length;
    } else {
      const formulas = typeof b.formulas === 'function' ? b.formulas(first) : b.formulas;
      formulas.forEach((f, i) => this.formula(BLOCK_HEADER_ROW + 1, first + i, f));
    }
    for (const [offset, kind] of Object.entries(b.dates ?? {})) {
      if (kind) this.plan.columnFormats.push({ part: this.part ?? '', column: first + Number(offset), row: BLOCK_HEADER_ROW + 1, format: this.dates[kind] });
    }
    if (!this.only || (this.part !== undefined && this.only.has(this.part))) this.plan.nextBlockColumn += b.headers.length + 1;
    return b.grows ? openRange(BLOCK_HEADER_ROW, first, b.headers.length)
      : `${cell(BLOCK_HEADER_ROW, first)}:${columnLetter(first + b.headers.length - 1)}${BLOCK_HEADER_ROW + height}`;
  }

  /**
   * The chart's ranges (made only when the data is there), or a note in the chart's place, waiting for
   * rows of `reports`. Two charts a row: the second starts right of the first, whatever the label widths.
   */
  chart(key: string, title: string, type: ChartKind, ranges: (() => string[]) | string, options: PlannedChart['options'] = {}, reports: ReportId[] = []): void {
    const row = this.firstChartRow + Math.floor(this.slot / 2) * CHART_ROWS;
    const column = this.slot % 2 === 0 ? 1 : this.secondChartColumn();
    this.slot++;
    this.within(key, () => {
      if (typeof ranges === 'string') {
        this.note(key, `${title}: ${ranges}`);
        this.wait(key, reports);
        this.text(row, column, `${title}: ${ranges}`);
        return;
      }
      this.plan.charts.push({ key, title, type, ranges: ranges(), row, column, options: { title, legend: 'bottom', ...options } });
    });
  }

  note(key: string, text: string): void {
    this.plan.notes.push({ key, text });
  }

  /** A part shown as a note until rows of these reports arrive. */
  wait(part: string, reports: ReportId[]): void {
    this.plan.waiting.push({ part, reports: [...new Set(reports)] });
  }
}
