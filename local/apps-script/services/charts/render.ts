// Draws a standalone line or column chart into a Raster: white (or set) background, horizontal
// gridlines at "nice" steps, the two axes, one polyline (or one set of bars) per data column in
// Google Charts' default colours unless setColors gave others, and a legend of colour swatches.
// No text is drawn (no title, labels or legend names): the space Google gives them is kept empty,
// so the plot sits about where Google's would.
import { GOOGLE_ERRORS } from '../../platform';
import { Raster, type Rect, type Rgb } from './raster';
import type { TableData } from './data-table';

export type ChartKind = 'LINE' | 'COLUMN';
export type LegendPosition = 'TOP' | 'RIGHT' | 'BOTTOM' | 'NONE';
export const LEGEND_POSITIONS: readonly LegendPosition[] = ['TOP', 'RIGHT', 'BOTTOM', 'NONE'];
export const CURVE_STYLES = ['NORMAL', 'SMOOTH'] as const;
export const POINT_STYLES = ['NONE', 'TINY', 'MEDIUM', 'LARGE', 'HUGE'] as const;

/**
 * Size when setDimensions is not called. Google documents none (its examples all call
 * setDimensions); 600 x 400 is a guess.
 */
export const DEFAULT_WIDTH = 600;
export const DEFAULT_HEIGHT = 400;
/** Local guard against huge buffers; Google's own maximum is not documented. */
export const MAX_SIDE = 4096;

/** Google Charts' default series colours, in order. */
export const DEFAULT_COLORS: readonly Rgb[] = [
  '#3366cc', '#dc3912', '#ff9900', '#109618', '#990099', '#0099c6', '#dd4477', '#66aa00', '#b82e2e', '#316395',
].map((hex) => [parseInt(hex.slice(1, 3), 16), parseInt(hex.slice(3, 5), 16), parseInt(hex.slice(5, 7), 16)] as const);

/** Point radius per PointStyle; Gviz point sizes are not documented for these names: a guess. */
const POINT_RADIUS: Record<(typeof POINT_STYLES)[number], number> = { NONE: 0, TINY: 1.5, MEDIUM: 3.5, LARGE: 7, HUGE: 10 };

const GRID: Rgb = [0xcc, 0xcc, 0xcc];
const AXIS: Rgb = [0x33, 0x33, 0x33];

/** Everything a builder collects; the Chart keeps a copy. */
export interface ChartSpec {
  kind: ChartKind;
  table: TableData | null;
  title: string | null;
  xAxisTitle: string | null;
  yAxisTitle: string | null;
  width: number | null;
  height: number | null;
  legend: LegendPosition;
  colors: Rgb[] | null;
  background: Rgb;
  curve: (typeof CURVE_STYLES)[number];
  point: (typeof POINT_STYLES)[number];
  /** setOption('pointSize'): a diameter that overrides `point`. */
  pointSize: number | null;
  lineWidth: number;
  viewMin: number | null;
  viewMax: number | null;
  reverse: boolean;
  stacked: boolean;
}

export function newChartSpec(kind: ChartKind): ChartSpec {
  return {
    kind, table: null, title: null, xAxisTitle: null, yAxisTitle: null, width: null, height: null,
    legend: 'RIGHT', colors: null, background: [255, 255, 255], curve: 'NORMAL', point: 'NONE', pointSize: null,
    lineWidth: 2, viewMin: null, viewMax: null, reverse: false, stacked: false,
  };
}

export function copySpec(spec: ChartSpec): ChartSpec {
  return {
    ...spec,
    colors: spec.colors ? spec.colors.map((c) => [...c] as unknown as Rgb) : null,
    // Tables are never changed after they are built: sharing one is safe.
    table: spec.table,
  };
}

/** What build() refuses (strict: Google may only fail when the chart is drawn). */
export function checkDrawable(spec: ChartSpec): void {
  const table = spec.table;
  if (!table) throw new Error(GOOGLE_ERRORS.chartNoData);
  if (table.columns.length < 2) throw new Error(GOOGLE_ERRORS.chartTooFewColumns);
  for (const column of table.columns.slice(1)) if (column.type !== 'NUMBER') throw new Error(GOOGLE_ERRORS.chartSeriesType(column.type));
}

/** "Nice" gridline step (1, 2 or 5 times a power of ten) for a span of about five steps. */
function niceStep(span: number): number {
  const rough = span / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const f = rough / power;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power;
}

function valueRange(spec: ChartSpec, table: TableData): { lo: number; hi: number; step: number } {
  const values: number[] = [];
  for (const row of table.rows) {
    const cells = row.slice(1).filter((v): v is number => typeof v === 'number');
    if (spec.kind === 'COLUMN' && spec.stacked) {
      values.push(cells.filter((v) => v > 0).reduce((a, b) => a + b, 0), cells.filter((v) => v < 0).reduce((a, b) => a + b, 0));
    } else values.push(...cells);
  }
  if (spec.kind === 'COLUMN') values.push(0);
  let lo = values.length ? Math.min(...values) : 0;
  let hi = values.length ? Math.max(...values) : 1;
  if (lo === hi) {
    lo = lo === 0 ? 0 : lo - Math.abs(lo) / 2;
    hi = hi === 0 ? 1 : hi + Math.abs(hi) / 2;
  }
  const autoStep = niceStep(hi - lo);
  if (spec.viewMin === null) lo = Math.floor(lo / autoStep) * autoStep;
  if (spec.viewMax === null) hi = Math.ceil(hi / autoStep) * autoStep;
  lo = spec.viewMin ?? lo;
  hi = spec.viewMax ?? hi;
  if (hi <= lo) hi = lo + 1; // only one end set, beyond the data
  return { lo, hi, step: niceStep(hi - lo) };
}

export function renderChart(spec: ChartSpec): Raster {
  checkDrawable(spec);
  const table = spec.table!;
  const width = spec.width ?? DEFAULT_WIDTH;
  const height = spec.height ?? DEFAULT_HEIGHT;
  const raster = new Raster(width, height, spec.background);
  const seriesCount = table.columns.length - 1;
  const palette = spec.colors && spec.colors.length > 0 ? spec.colors : DEFAULT_COLORS;
  const colorOf = (s: number) => palette[s % palette.length];

  // Where Google puts the chart area: room for axis labels, titles and the legend.
  let left = Math.round(width * 0.1) + (spec.yAxisTitle ? Math.round(width * 0.03) : 0);
  let right = spec.legend === 'RIGHT' ? Math.round(width * 0.2) : Math.round(width * 0.05);
  let top = Math.round(height * 0.1) + (spec.title ? Math.round(height * 0.05) : 0) + (spec.legend === 'TOP' ? Math.round(height * 0.06) : 0);
  let bottom = Math.round(height * 0.1) + (spec.xAxisTitle ? Math.round(height * 0.05) : 0) + (spec.legend === 'BOTTOM' ? Math.round(height * 0.06) : 0);
  if (width - left - right < 2) left = right = 0;
  if (height - top - bottom < 2) top = bottom = 0;
  const plot: Rect = { x: left, y: top, width: width - left - right, height: height - top - bottom };

  const { lo, hi, step } = valueRange(spec, table);
  const yOf = (v: number) => plot.y + plot.height - ((v - lo) / (hi - lo)) * plot.height;

  // Gridlines at multiples of the step, then the axes (left, and the baseline at 0 or the bottom).
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) raster.line(plot.x, yOf(v), plot.x + plot.width, yOf(v), GRID);
  raster.line(plot.x, plot.y, plot.x, plot.y + plot.height, AXIS);
  const baseline = lo <= 0 && hi >= 0 ? yOf(0) : plot.y + plot.height;
  raster.line(plot.x, baseline, plot.x + plot.width, baseline, AXIS);

  // Category order, then x positions: discrete bands, or a continuous axis for a line chart whose
  // first column holds numbers or dates.
  const order = table.rows.map((_, i) => i);
  if (spec.reverse) order.reverse();
  const domain = table.columns[0].type;
  const continuous = spec.kind === 'LINE' && domain !== 'STRING';
  const xs = new Map<number, number>();
  if (continuous) {
    const key = (v: unknown) => (v instanceof Date || Object.prototype.toString.call(v) === '[object Date]' ? (v as Date).getTime() : (v as number | null));
    const keys = table.rows.map((r) => key(r[0]));
    const present = keys.filter((k): k is number => typeof k === 'number');
    const min = Math.min(...present);
    const max = Math.max(...present);
    keys.forEach((k, i) => {
      if (typeof k !== 'number') return; // no domain value: no point
      const t = max === min ? 0.5 : (k - min) / (max - min);
      xs.set(i, plot.x + (spec.reverse ? 1 - t : t) * plot.width);
    });
  } else {
    order.forEach((row, slot) => xs.set(row, plot.x + ((slot + 0.5) * plot.width) / Math.max(1, order.length)));
  }

  raster.setClip({ x: plot.x - spec.lineWidth, y: plot.y - spec.lineWidth, width: plot.width + 2 * spec.lineWidth, height: plot.height + 2 * spec.lineWidth });
  if (spec.kind === 'LINE') {
    const radius = spec.pointSize !== null ? spec.pointSize / 2 : POINT_RADIUS[spec.point];
    for (let s = 0; s < seriesCount; s++) {
      const color = colorOf(s);
      // Runs of points without a gap (a missing value breaks the line, as Gviz's interpolateNulls: false).
      const runs: [number, number][][] = [[]];
      for (const row of order) {
        const x = xs.get(row);
        const v = table.rows[row][s + 1];
        if (x === undefined || typeof v !== 'number') {
          if (runs[runs.length - 1].length) runs.push([]);
          continue;
        }
        runs[runs.length - 1].push([x, yOf(v)]);
      }
      for (const run of runs) {
        const path = spec.curve === 'SMOOTH' ? smooth(run) : run;
        if (spec.lineWidth > 0) for (let i = 1; i < path.length; i++) raster.line(path[i - 1][0], path[i - 1][1], path[i][0], path[i][1], color, spec.lineWidth);
        if (radius > 0) for (const [x, y] of run) raster.fillCircle(x, y, radius, color);
      }
    }
  } else {
    const band = plot.width / Math.max(1, order.length);
    const group = band * 0.618; // Gviz bar.groupWidth default, "61.8%"
    const base = Math.min(Math.max(0, lo), hi);
    order.forEach((row, slot) => {
      const center = plot.x + (slot + 0.5) * band;
      let up = 0;
      let down = 0;
      for (let s = 0; s < seriesCount; s++) {
        const v = table.rows[row][s + 1];
        if (typeof v !== 'number') continue;
        if (spec.stacked) {
          const from = v >= 0 ? up : down;
          const to = from + v;
          if (v >= 0) up = to;
          else down = to;
          raster.fillRect({ x: center - group / 2, y: yOf(to), width: group, height: yOf(from) - yOf(to) }, colorOf(s));
        } else {
          const barWidth = group / seriesCount;
          const x = center - group / 2 + s * barWidth;
          raster.fillRect({ x, y: yOf(v), width: Math.max(1, barWidth - (barWidth > 3 ? 1 : 0)), height: yOf(base) - yOf(v) }, colorOf(s));
        }
      }
    });
  }
  raster.setClip(null);
  drawLegend(raster, spec, plot, seriesCount, colorOf);
  return raster;
}

/** A swatch per series (no names: no text is drawn). */
function drawLegend(raster: Raster, spec: ChartSpec, plot: Rect, count: number, colorOf: (s: number) => Rgb): void {
  if (spec.legend === 'NONE') return;
  const swatch = (x: number, y: number, color: Rgb) => {
    if (spec.kind === 'LINE') raster.line(x, y, x + 16, y, color, 2);
    else raster.fillRect({ x, y: y - 5, width: 10, height: 10 }, color);
  };
  for (let s = 0; s < count; s++) {
    if (spec.legend === 'RIGHT') swatch(plot.x + plot.width + 12, plot.y + 10 + s * 20, colorOf(s));
    else {
      const y = spec.legend === 'TOP' ? plot.y - Math.max(8, Math.round(raster.height * 0.04)) : raster.height - Math.max(6, Math.round(raster.height * 0.03));
      swatch(plot.x + s * 80, y, colorOf(s));
    }
  }
}

/** Catmull-Rom through the points (CurveStyle.SMOOTH, Gviz curveType 'function'), 8 steps a segment. */
function smooth(points: [number, number][]): [number, number][] {
  if (points.length < 3) return points;
  const out: [number, number][] = [points[0]];
  for (let i = 0; i < points.length - 1; i++) {
    const p0 = points[Math.max(0, i - 1)];
    const p1 = points[i];
    const p2 = points[i + 1];
    const p3 = points[Math.min(points.length - 1, i + 2)];
    for (let k = 1; k <= 8; k++) {
      const t = k / 8;
      const t2 = t * t;
      const t3 = t2 * t;
      const at = (a: number, b: number, c: number, d: number) => 0.5 * (2 * b + (c - a) * t + (2 * a - 5 * b + 4 * c - d) * t2 + (3 * b - a - 3 * c + d) * t3);
      out.push([at(p0[0], p1[0], p2[0], p3[0]), at(p0[1], p1[1], p2[1], p3[1])]);
    }
  }
  return out;
}
