// Embedded charts: Sheet.newChart() builders and the EmbeddedChart objects they build. A chart
// object is a snapshot; insertChart / updateChart / removeChart change the document's copy (kept on
// the tab in the Workbook). Every call is counted and checked like the other facades: building is
// a read, changing the tab's charts a write (so a custom function cannot add one).
import { guarded } from '../../platform';
import { enter, typeNameOf, type FacadeContext } from './access';
import {
  CHART_TYPES, HIDDEN_DIMENSION_STRATEGIES, MERGE_STRATEGIES, copyChart, copyOption, newChartState, optionValue, type ChartState,
} from './chart-state';
import { SPREADSHEET_ERRORS } from './messages';
import { createRange } from './range';
import type { SheetState } from './sheet-state';

type Builder = GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder;
type Chart = GoogleAppsScript.Spreadsheet.EmbeddedChart;

/** Snapshots behind the EmbeddedChart objects handed to scripts. */
const snapshots = new WeakMap<object, ChartState>();

export function chartStateOf(chart: unknown): ChartState | undefined {
  return chart && typeof chart === 'object' ? snapshots.get(chart) : undefined;
}

const POSITIONS = ['TOP', 'RIGHT', 'BOTTOM', 'NONE'];

/** What the typed builders (asLineChart() ...) add, as Gviz options. */
const TYPED: Record<string, Record<string, (state: ChartState, arg: unknown) => void>> = {};
const option = (key: string) => (s: ChartState, v: unknown) => void (s.options[key] = copyOption(v));
const titled = { setTitle: option('title'), setBackgroundColor: option('backgroundColor'), setColors: option('colors') };
const legend = {
  setLegendPosition: (s: ChartState, p: unknown) => {
    if (!POSITIONS.includes(String(p))) throw new Error(SPREADSHEET_ERRORS.methodSignature('Charts.EmbeddedChartBuilder.setLegendPosition', typeNameOf(p)));
    s.options['legend.position'] = String(p).toLowerCase();
  },
};
const axes = { setXAxisTitle: option('hAxis.title'), setYAxisTitle: option('vAxis.title') };
const stacked = { setStacked: (s: ChartState) => void (s.options.isStacked = true) };
TYPED.LINE = { ...titled, ...legend, ...axes };
TYPED.COLUMN = { ...titled, ...legend, ...axes, ...stacked };
TYPED.BAR = { ...titled, ...legend, ...axes, ...stacked };
TYPED.AREA = { ...titled, ...legend, ...axes, ...stacked };
TYPED.PIE = { ...titled, ...legend, set3D: (s) => void (s.options.is3D = true) };
TYPED.TABLE = {
  enableSorting: (s, on) => void (s.options.sort = on ? 'enable' : 'disable'),
  enablePaging: (s, on) => void (s.options.page = on ? 'enable' : 'disable'),
  showRowNumberColumn: (s, on) => void (s.options.showRowNumber = !!on),
};
const AS: Record<string, string> = {
  asAreaChart: 'AREA', asBarChart: 'BAR', asColumnChart: 'COLUMN', asLineChart: 'LINE', asPieChart: 'PIE', asTableChart: 'TABLE',
};
const BUILDER_NAMES: Record<string, string> = {
  AREA: 'EmbeddedAreaChartBuilder', BAR: 'EmbeddedBarChartBuilder', COLUMN: 'EmbeddedColumnChartBuilder',
  LINE: 'EmbeddedLineChartBuilder', PIE: 'EmbeddedPieChartBuilder', TABLE: 'EmbeddedTableChartBuilder',
};

export function createChartBuilder(ctx: FacadeContext, home: SheetState, state: ChartState = newChartState()): Builder {
  const { workbook } = ctx;

  /** A facade over the one builder state; `kind` adds a typed builder's methods. */
  function facade(kind?: string): Builder {
    const className = kind ? BUILDER_NAMES[kind] : 'EmbeddedChartBuilder';
    const begin = (method: string) => enter(ctx, className, method, 'read');
    const signature = (method: string, arg: unknown) => new Error(SPREADSHEET_ERRORS.methodSignature(`SpreadsheetApp.${className}.${method}`, typeNameOf(arg)));
    const rangeState = (method: string, range: unknown) => {
      const found = range && typeof range === 'object' ? ctx.stateOfRange.get(range) : undefined;
      if (!found) throw signature(method, range);
      return found;
    };
    const methods: Record<string, (...args: any[]) => unknown> = {
      setChartType(type: unknown) {
        begin('setChartType');
        if (!CHART_TYPES.includes(String(type) as (typeof CHART_TYPES)[number]) || typeof type === 'object') throw signature('setChartType', type);
        state.type = String(type);
        return self;
      },
      getChartType: () => (begin('getChartType'), state.type ?? null),
      addRange(range: unknown) {
        begin('addRange');
        const { sheet, rect } = rangeState('addRange', range);
        state.ranges.push({ sheet, rect: { ...rect } });
        return self;
      },
      removeRange(range: unknown) {
        begin('removeRange');
        const { sheet, rect } = rangeState('removeRange', range);
        const same = (r: ChartState['ranges'][number]) => r.sheet === sheet && r.rect.row === rect.row && r.rect.column === rect.column && r.rect.numRows === rect.numRows && r.rect.numColumns === rect.numColumns;
        state.ranges = state.ranges.filter((r) => !same(r));
        return self;
      },
      clearRanges() {
        begin('clearRanges');
        state.ranges = [];
        return self;
      },
      getRanges: () => (begin('getRanges'), state.ranges.map((r) => createRange(ctx, r.sheet, r.rect))),
      setPosition(anchorRowPos: unknown, anchorColPos: unknown, offsetX: unknown, offsetY: unknown) {
        begin('setPosition');
        const numbers = [anchorRowPos, anchorColPos, offsetX, offsetY];
        if (!numbers.every((n) => typeof n === 'number' && Number.isFinite(n))) throw signature('setPosition', numbers.find((n) => typeof n !== 'number'));
        const [row, column, x, y] = numbers.map((n) => Math.trunc(n as number));
        workbook.assertInGrid(home, { row, column, numRows: 1, numColumns: 1 });
        state.position = { row, column, offsetX: x, offsetY: y };
        return self;
      },
      getContainer: () => (begin('getContainer'), containerInfo(ctx, state)),
      setOption(key: unknown, value: unknown) {
        begin('setOption');
        if (typeof key !== 'string') throw signature('setOption', key);
        state.options[key] = copyOption(value);
        return self;
      },
      setNumHeaders(headers: unknown) {
        begin('setNumHeaders');
        if (typeof headers !== 'number' || !Number.isInteger(headers)) throw signature('setNumHeaders', headers);
        state.numHeaders = headers;
        return self;
      },
      setMergeStrategy(strategy: unknown) {
        begin('setMergeStrategy');
        if (!(MERGE_STRATEGIES as readonly string[]).includes(String(strategy))) throw signature('setMergeStrategy', strategy);
        state.mergeStrategy = String(strategy);
        return self;
      },
      setHiddenDimensionStrategy(strategy: unknown) {
        begin('setHiddenDimensionStrategy');
        if (!(HIDDEN_DIMENSION_STRATEGIES as readonly string[]).includes(String(strategy))) throw signature('setHiddenDimensionStrategy', strategy);
        state.hiddenDimensionStrategy = String(strategy);
        return self;
      },
      setTransposeRowsAndColumns(transpose: unknown) {
        begin('setTransposeRowsAndColumns');
        if (typeof transpose !== 'boolean') throw signature('setTransposeRowsAndColumns', transpose);
        state.transpose = transpose;
        return self;
      },
      build() {
        begin('build');
        if (!state.type) throw new Error(SPREADSHEET_ERRORS.chartTypeMissing);
        return createEmbeddedChart(ctx, copyChart(state), home);
      },
    };
    for (const [method, type] of Object.entries(AS)) {
      methods[method] = () => {
        begin(method);
        state.type = type;
        return facade(type);
      };
    }
    for (const [method, apply] of Object.entries(kind ? (TYPED[kind] ?? {}) : {})) {
      methods[method] = (arg: unknown) => {
        begin(method);
        apply(state, arg);
        return self;
      };
    }
    const self = guarded(className, methods) as unknown as Builder;
    return self;
  }
  return facade();
}

function containerInfo(ctx: FacadeContext, state: ChartState): GoogleAppsScript.Spreadsheet.ContainerInfo {
  const p = { ...state.position };
  const read = (method: string, value: number) => (enter(ctx, 'ContainerInfo', method, 'read'), value);
  return guarded('ContainerInfo', {
    getAnchorRow: () => read('getAnchorRow', p.row),
    getAnchorColumn: () => read('getAnchorColumn', p.column),
    getOffsetX: () => read('getOffsetX', p.offsetX),
    getOffsetY: () => read('getOffsetY', p.offsetY),
  }) as unknown as GoogleAppsScript.Spreadsheet.ContainerInfo;
}

/** A chart as a script holds it: a snapshot (ids are null until it is inserted). */
export function createEmbeddedChart(ctx: FacadeContext, state: ChartState, home: SheetState): Chart {
  const begin = (method: string) => enter(ctx, 'EmbeddedChart', method, 'read');
  const chart = {
    // Unverified: the shape of getId(); a string that is not the numeric chart id.
    getId: () => (begin('getId'), state.id === undefined ? null : `u${state.id}`),
    getChartId: () => (begin('getChartId'), state.id ?? null),
    getRanges: () => (begin('getRanges'), state.ranges.map((r) => createRange(ctx, r.sheet, r.rect))),
    getOptions: () => {
      begin('getOptions');
      const options = copyOption(state.options) as Record<string, unknown>;
      return guarded('ChartOptions', { get: (key: string) => (enter(ctx, 'ChartOptions', 'get', 'read'), optionValue(options, String(key))) });
    },
    getContainerInfo: () => (begin('getContainerInfo'), containerInfo(ctx, state)),
    getNumHeaders: () => (begin('getNumHeaders'), state.numHeaders),
    getMergeStrategy: () => (begin('getMergeStrategy'), state.mergeStrategy),
    getHiddenDimensionStrategy: () => (begin('getHiddenDimensionStrategy'), state.hiddenDimensionStrategy),
    getTransposeRowsAndColumns: () => (begin('getTransposeRowsAndColumns'), state.transpose),
    modify: () => (begin('modify'), createChartBuilder(ctx, home, copyChart(state))),
  };
  const self = guarded('EmbeddedChart', chart) as unknown as Chart;
  snapshots.set(self, state);
  return self;
}
