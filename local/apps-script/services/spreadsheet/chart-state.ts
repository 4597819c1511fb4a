// An embedded chart as the document keeps it (per tab, across executions): its type, data ranges,
// Gviz options and anchor. The EmbeddedChart and builder facades copy from and into this.
import { rectToA1, type GridRect } from './a1';
import type { SheetState } from './sheet-state';

export const CHART_TYPES = [
  'AREA', 'BAR', 'BUBBLE', 'CANDLESTICK', 'COLUMN', 'COMBO', 'GAUGE', 'GEO', 'HISTOGRAM', 'LINE', 'ORG', 'PIE', 'RADAR',
  'SCATTER', 'SPARKLINE', 'STEPPED_AREA', 'TABLE', 'TIMELINE', 'TREEMAP', 'WATERFALL',
] as const;
export const MERGE_STRATEGIES = ['MERGE_COLUMNS', 'MERGE_ROWS'] as const;
export const HIDDEN_DIMENSION_STRATEGIES = ['IGNORE_BOTH', 'IGNORE_ROWS', 'IGNORE_COLUMNS', 'SHOW_BOTH'] as const;

export interface ChartRange {
  sheet: SheetState;
  rect: GridRect;
}

export interface ChartPosition {
  row: number;
  column: number;
  offsetX: number;
  offsetY: number;
}

export interface ChartState {
  /** Undefined until the chart is inserted into a sheet. */
  id?: number;
  type?: string;
  ranges: ChartRange[];
  options: Record<string, unknown>;
  position: ChartPosition;
  /** -1: Sheets decides whether the first row is a header. */
  numHeaders: number;
  mergeStrategy: string;
  hiddenDimensionStrategy: string;
  transpose: boolean;
}

/** What Node code (tests, the playground) reads about a chart. */
export interface ChartInfo {
  id: number;
  type: string;
  /** A1 notation with the sheet name, e.g. "'User''s Information'!A1:B1000". */
  ranges: string[];
  options: Record<string, unknown>;
  position: ChartPosition;
  numHeaders: number;
  mergeStrategy: string;
  transpose: boolean;
}

export function newChartState(): ChartState {
  return {
    ranges: [], options: {}, position: { row: 1, column: 1, offsetX: 0, offsetY: 0 },
    numHeaders: -1, mergeStrategy: 'MERGE_COLUMNS', hiddenDimensionStrategy: 'IGNORE_ROWS', transpose: false,
  };
}

/** Option values are plain data; copies keep a builder, a chart and the document apart. */
export function copyOption(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyOption);
  if (value instanceof Date) return new Date(value.getTime());
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copyOption(v)]));
  return value;
}

export function copyChart(state: ChartState): ChartState {
  return {
    ...state,
    ranges: state.ranges.map((r) => ({ sheet: r.sheet, rect: { ...r.rect } })),
    options: copyOption(state.options) as Record<string, unknown>,
    position: { ...state.position },
  };
}

export function quotedSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export function chartInfo(state: ChartState): ChartInfo {
  return {
    id: state.id as number,
    type: state.type as string,
    ranges: state.ranges.map((r) => (r.sheet.deleted ? '#REF!' : `${quotedSheetName(r.sheet.name)}!${rectToA1(r.rect)}`)),
    options: copyOption(state.options) as Record<string, unknown>,
    position: { ...state.position },
    numHeaders: state.numHeaders,
    mergeStrategy: state.mergeStrategy,
    transpose: state.transpose,
  };
}

/** Option lookup as ChartOptions.get does it: "hAxis.title" also finds { hAxis: { title } }. */
export function optionValue(options: Record<string, unknown>, key: string): unknown {
  if (key in options) return copyOption(options[key]);
  let node: unknown = options;
  for (const part of key.split('.')) {
    if (!node || typeof node !== 'object' || !(part in node)) return null;
    node = (node as Record<string, unknown>)[part];
  }
  return copyOption(node);
}
