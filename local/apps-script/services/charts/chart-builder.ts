// Charts.newLineChart() and Charts.newColumnChart(): the builders and the Chart they build, whose
// getAs('image/png') / getBlob() render it to a real PNG (render.ts, png.ts). Every call is a
// counted service call; rendering costs virtual time (costs.ts, chartsRender). Members not written
// here (setDataSourceUrl, text styles, useLogScale, Chart.getOptions...) throw through guarded().
import { enterService, GOOGLE_ERRORS, guarded, type Platform } from '../../platform';
import { typeNameOf } from '../spreadsheet/access';
import { SPREADSHEET_ERRORS } from '../spreadsheet/messages';
import { createResponseBlob } from '../url-fetch/blob';
import { tableDataOf } from './data-table';
import { encodePng } from './png';
import { parseCssColor } from './raster';
import {
  checkDrawable, copySpec, CURVE_STYLES, LEGEND_POSITIONS, MAX_SIDE, newChartSpec, POINT_STYLES, renderChart,
  type ChartKind, type ChartSpec, type LegendPosition,
} from './render';

const CLASS_NAMES: Record<ChartKind, string> = { LINE: 'LineChartBuilder', COLUMN: 'ColumnChartBuilder' };

/** What Chart.getAs accepts on Google ("application/pdf" or an image type); only PNG is drawn here. */
const GOOGLE_CHART_TYPES = ['application/pdf', 'image/bmp', 'image/gif', 'image/jpeg', 'image/png'];

/** The PNG bytes of a chart (for tests and tools that want them without a script). */
export function chartPng(spec: ChartSpec): Buffer {
  const raster = renderChart(spec);
  return encodePng(raster.width, raster.height, raster.pixels);
}

export function createChartBuilder(platform: Platform, kind: ChartKind): GoogleAppsScript.Charts.LineChartBuilder & GoogleAppsScript.Charts.ColumnChartBuilder {
  const className = CLASS_NAMES[kind];
  const spec = newChartSpec(kind);
  const begin = (method: string) => enterService(platform, className, method);
  const signature = (method: string, ...args: unknown[]) =>
    new Error(SPREADSHEET_ERRORS.methodSignature(`Charts.${className}.${method}`, args.map(typeNameOf).join(',')));
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  const side = (value: unknown, argument: string) => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw new Error(GOOGLE_ERRORS.invalidArgument(argument));
    if (value > MAX_SIDE) throw new Error(GOOGLE_ERRORS.notImplemented(`${className}.setDimensions over ${MAX_SIDE} pixels`));
    return value;
  };
  const colors = (values: unknown, method: string) => {
    if (!Array.isArray(values)) throw signature(method, values);
    return values.map((v, i) => parseCssColor(v, `cssValues[${i}]`));
  };

  /** setOption: the Gviz options the renderer honours; any other throws rather than being ignored. */
  const OPTIONS: Record<string, (value: unknown) => void> = {
    title: (v) => void (spec.title = text(v)),
    width: (v) => void (spec.width = side(v, 'value')),
    height: (v) => void (spec.height = side(v, 'value')),
    colors: (v) => void (spec.colors = colors(v, 'setOption')),
    backgroundColor: (v) => void (spec.background = parseCssColor(v, 'value')),
    'legend.position': (v) => {
      const position = String(v).toUpperCase() as LegendPosition;
      if (typeof v !== 'string' || !LEGEND_POSITIONS.includes(position)) throw new Error(GOOGLE_ERRORS.invalidArgument('value'));
      spec.legend = position;
    },
    'hAxis.title': (v) => void (spec.xAxisTitle = text(v)),
    'vAxis.title': (v) => void (spec.yAxisTitle = text(v)),
    'vAxis.viewWindow.min': (v) => void (spec.viewMin = finite(v)),
    'vAxis.viewWindow.max': (v) => void (spec.viewMax = finite(v)),
  };
  if (kind === 'LINE') {
    OPTIONS.curveType = (v) => {
      if (v !== 'none' && v !== 'function') throw new Error(GOOGLE_ERRORS.invalidArgument('value'));
      spec.curve = v === 'function' ? 'SMOOTH' : 'NORMAL';
    };
    OPTIONS.pointSize = (v) => void (spec.pointSize = nonNegative(v));
    OPTIONS.lineWidth = (v) => void (spec.lineWidth = nonNegative(v));
  } else {
    OPTIONS.isStacked = (v) => {
      if (typeof v !== 'boolean') throw new Error(GOOGLE_ERRORS.notImplemented(`${className}.setOption("isStacked", ${JSON.stringify(v)})`));
      spec.stacked = v;
    };
  }

  const builder: Record<string, (...args: any[]) => unknown> = {
    build() {
      begin('build');
      checkDrawable(spec);
      return createChart(platform, copySpec(spec));
    },
    reverseCategories() {
      begin('reverseCategories');
      spec.reverse = true;
      return self;
    },
    setBackgroundColor(cssValue: unknown) {
      begin('setBackgroundColor');
      spec.background = parseCssColor(cssValue, 'cssValue');
      return self;
    },
    setColors(cssValues: unknown) {
      begin('setColors');
      spec.colors = colors(cssValues, 'setColors');
      return self;
    },
    setDataTable(table: unknown) {
      begin('setDataTable');
      let data = tableDataOf(table);
      if (!data && table && typeof table === 'object') {
        // Any other DataTableSource (a Range...): its getDataTable(), which throws where not implemented.
        const getDataTable = (table as { getDataTable?: unknown }).getDataTable;
        if (typeof getDataTable === 'function') data = tableDataOf(getDataTable.call(table));
      }
      if (!data) throw signature('setDataTable', table);
      spec.table = data;
      return self;
    },
    setDimensions(width: unknown, height: unknown) {
      begin('setDimensions');
      spec.width = side(width, 'width');
      spec.height = side(height, 'height');
      return self;
    },
    setLegendPosition(position: unknown) {
      begin('setLegendPosition');
      if (typeof position !== 'string' || !LEGEND_POSITIONS.includes(position as LegendPosition)) throw signature('setLegendPosition', position);
      spec.legend = position as LegendPosition;
      return self;
    },
    setOption(option: unknown, value: unknown) {
      begin('setOption');
      if (typeof option !== 'string') throw signature('setOption', option, value);
      const set = Object.prototype.hasOwnProperty.call(OPTIONS, option) ? OPTIONS[option] : undefined;
      if (!set) throw new Error(GOOGLE_ERRORS.notImplemented(`${className}.setOption("${option}")`));
      set(value);
      return self;
    },
    setRange(start: unknown, end: unknown) {
      begin('setRange');
      if (typeof start !== 'number' || typeof end !== 'number') throw signature('setRange', start, end);
      if (!Number.isFinite(start)) throw new Error(GOOGLE_ERRORS.invalidArgument('start'));
      if (!Number.isFinite(end) || end <= start) throw new Error(GOOGLE_ERRORS.invalidArgument('end'));
      spec.viewMin = start;
      spec.viewMax = end;
      return self;
    },
    setTitle(chartTitle: unknown) {
      begin('setTitle');
      spec.title = text(chartTitle);
      return self;
    },
    setXAxisTitle(title: unknown) {
      begin('setXAxisTitle');
      spec.xAxisTitle = text(title);
      return self;
    },
    setYAxisTitle(title: unknown) {
      begin('setYAxisTitle');
      spec.yAxisTitle = text(title);
      return self;
    },
  };
  if (kind === 'LINE') {
    builder.setCurveStyle = (style: unknown) => {
      begin('setCurveStyle');
      if (typeof style !== 'string' || !(CURVE_STYLES as readonly string[]).includes(style)) throw signature('setCurveStyle', style);
      spec.curve = style as ChartSpec['curve'];
      return self;
    };
    builder.setPointStyle = (style: unknown) => {
      begin('setPointStyle');
      if (typeof style !== 'string' || !(POINT_STYLES as readonly string[]).includes(style)) throw signature('setPointStyle', style);
      spec.point = style as ChartSpec['point'];
      spec.pointSize = null;
      return self;
    };
  } else {
    builder.setStacked = () => {
      begin('setStacked');
      spec.stacked = true;
      return self;
    };
  }
  const self = guarded(className, builder) as unknown as GoogleAppsScript.Charts.LineChartBuilder & GoogleAppsScript.Charts.ColumnChartBuilder;
  return self;
}

function finite(v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(GOOGLE_ERRORS.invalidArgument('value'));
  return v;
}

function nonNegative(v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new Error(GOOGLE_ERRORS.invalidArgument('value'));
  return v;
}

/**
 * A built chart. Its blob has no name: what name Google gives a chart's blob is not documented
 * (getAs "adds the appropriate extension to the filename", of which a chart has none here).
 */
function createChart(platform: Platform, spec: ChartSpec): GoogleAppsScript.Charts.Chart {
  const png = () => createResponseBlob(new Uint8Array(chartPng(spec)), 'image/png', null);
  const chart = {
    getAs(contentType: unknown) {
      enterService(platform, 'Chart', 'getAs');
      if (typeof contentType !== 'string') throw new Error(SPREADSHEET_ERRORS.methodSignature('Charts.Chart.getAs', typeNameOf(contentType)));
      const type = contentType.split(';')[0].trim().toLowerCase();
      if (type === 'image/png') return png();
      if (GOOGLE_CHART_TYPES.includes(type)) throw new Error(GOOGLE_ERRORS.notImplemented(`Chart.getAs(${type})`));
      throw new Error(GOOGLE_ERRORS.invalidArgument('contentType'));
    },
    getBlob() {
      enterService(platform, 'Chart', 'getBlob');
      return png();
    },
  };
  return guarded('Chart', chart) as unknown as GoogleAppsScript.Charts.Chart;
}
