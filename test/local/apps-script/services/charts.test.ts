// The Charts service's standalone charts: data tables and their type checks, line and column
// charts rendered to real PNGs (decoded here with node:zlib and checked pixel by pixel), what is not
// implemented, auth modes, call counts and the render cost.
import * as zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DEFAULT_COSTS } from '../../../../local/apps-script/costs';
import { createCharts } from '../../../../local/apps-script/services/charts';
import { crc32 } from '../../../../local/apps-script/services/charts/png';
import { newPlatform, runAs } from '../support';

type Charts = GoogleAppsScript.Charts.Charts;

interface Png {
  width: number;
  height: number;
  /** RGB, row by row. */
  pixels: Uint8Array;
  pixel(x: number, y: number): [number, number, number];
  row(y: number): Buffer;
}

/** A small PNG reader: checks signature and CRCs, inflates IDAT, undoes the five filter types. */
function decodePng(bytes: Buffer): Png {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  const types: string[] = [];
  const nodeCrc = (zlib as unknown as { crc32?: (data: Buffer) => number }).crc32;
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    const crc = bytes.readUInt32BE(offset + 8 + length);
    const typeAndData = bytes.subarray(offset + 4, offset + 8 + length);
    expect(crc, `${type} CRC`).toBe(crc32(typeAndData));
    if (nodeCrc) expect(crc, `${type} CRC (node:zlib)`).toBe(nodeCrc(typeAndData));
    types.push(type);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([data[8], data[9], data[10], data[11], data[12]]).toEqual([8, 2, 0, 0, 0]); // 8-bit RGB
    }
    if (type === 'IDAT') idat.push(Buffer.from(data));
    offset += 12 + length;
  }
  expect(types[0]).toBe('IHDR');
  expect(types[types.length - 1]).toBe('IEND');
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * 3;
  expect(raw.length).toBe((stride + 1) * height);
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    expect(filter, `row ${y}: filter type`).toBeLessThanOrEqual(4);
    for (let i = 0; i < stride; i++) {
      const x = raw[y * (stride + 1) + 1 + i];
      const a = i >= 3 ? pixels[y * stride + i - 3] : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + i] : 0;
      const c = i >= 3 && y > 0 ? pixels[(y - 1) * stride + i - 3] : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter];
      pixels[y * stride + i] = (x + predictor) & 0xff;
    }
  }
  return {
    width,
    height,
    pixels,
    pixel: (x, y) => [pixels[(y * width + x) * 3], pixels[(y * width + x) * 3 + 1], pixels[(y * width + x) * 3 + 2]],
    row: (y) => Buffer.from(pixels.subarray(y * stride, (y + 1) * stride)),
  };
}

const pngOf = (blob: GoogleAppsScript.Base.Blob) => decodePng(Buffer.from(blob.getBytes()));

/** Pixels of exactly this colour. */
function count(png: Png, rgb: [number, number, number], area?: { x0: number; y0: number; x1: number; y1: number }): number {
  const { x0, y0, x1, y1 } = area ?? { x0: 0, y0: 0, x1: png.width, y1: png.height };
  let n = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) {
    const [r, g, b] = png.pixel(x, y);
    if (r === rgb[0] && g === rgb[1] && b === rgb[2]) n++;
  }
  return n;
}

/** Rows (top to bottom) holding the colour in the given column band. */
function rowsWith(png: Png, rgb: [number, number, number], x0 = 0, x1 = png.width): number[] {
  const rows: number[] = [];
  for (let y = 0; y < png.height; y++) if (count(png, rgb, { x0, y0: y, x1, y1: y + 1 }) > 0) rows.push(y);
  return rows;
}

const RED: [number, number, number] = [255, 0, 0];
const BLUE: [number, number, number] = [0, 0, 255];

function setup() {
  const platform = newPlatform();
  return { platform, Charts: createCharts(platform), run: <T>(fn: () => T) => runAs(platform, fn) };
}

/** A DataTable is a DataTableSource on Google; @types/google-apps-script 2.0.13 declares it empty. */
const source = (table: GoogleAppsScript.Charts.DataTable) => table as GoogleAppsScript.Charts.DataTable & GoogleAppsScript.Charts.DataTableSource;

function table(Charts: Charts, rows: unknown[][]) {
  const builder = Charts.newDataTable().addColumn(Charts.ColumnType.STRING, 'Day').addColumn(Charts.ColumnType.NUMBER, 'Followers');
  for (const row of rows) builder.addRow(row);
  return source(builder.build());
}

describe('Charts.newDataTable', () => {
  it('builds a table of DATE, NUMBER and STRING columns, with nulls for missing values', () => {
    const { Charts, run } = setup();
    run(() => {
      const data = Charts.newDataTable()
        .addColumn(Charts.ColumnType.DATE, 'Day')
        .addColumn(Charts.ColumnType.NUMBER, 'Reach')
        .addColumn(Charts.ColumnType.STRING, 'Note')
        .addRow([new Date('2026-01-05'), 10, 'a'])
        .addRow([new Date('2026-01-06'), null, null])
        .setValue(2, 1, 12)
        .build();
      // A DataTable has no member of its own ("This class intentionally has no methods"), only
      // DataTableSource's getDataTable(), which gives itself.
      expect(source(data).getDataTable()).toBe(data);
      expect(() => (data as unknown as { getNumberOfRows(): number }).getNumberOfRows()).toThrow('not implemented in the local runtime: DataTable.getNumberOfRows');
    });
  });

  it('refuses values that do not fit their column, rows of the wrong length and unknown column types', () => {
    const { Charts, run } = setup();
    run(() => {
      const builder = () => Charts.newDataTable().addColumn(Charts.ColumnType.STRING, 'Day').addColumn(Charts.ColumnType.NUMBER, 'Reach').addColumn(Charts.ColumnType.DATE, 'When');
      expect(() => builder().addRow(['Mon', '10', new Date()])).toThrow(/^Invalid argument: values \(column 1 "Reach" is NUMBER; got String "10"\)$/);
      expect(() => builder().addRow([5, 10, new Date()])).toThrow(/column 0 "Day" is STRING; got number 5/);
      expect(() => builder().addRow(['Mon', 10, '2026-01-05'])).toThrow(/column 2 "When" is DATE/);
      expect(() => builder().addRow(['Mon', NaN, new Date()])).toThrow(/column 1 "Reach" is NUMBER/);
      expect(() => builder().addRow(['Mon', 10, new Date('nonsense')])).toThrow(/an invalid Date/);
      expect(() => builder().addRow(['Mon', 10])).toThrow('Invalid argument: values (2 values for 3 columns)');
      expect(() => builder().addRow(['Mon', 10, null, 1])).toThrow('Invalid argument: values (4 values for 3 columns)');
      expect(() => builder().addRow('Mon' as unknown as unknown[])).toThrow("The parameters (String) don't match the method signature for Charts.DataTableBuilder.addRow.");
      expect(() => builder().setValue(0, 1, 'ten')).toThrow(/column 1 "Reach" is NUMBER/);
      expect(() => builder().setValue(-1, 1, 10)).toThrow('Invalid argument: row');
      expect(() => builder().setValue(0, 1.5, 10)).toThrow('Invalid argument: column');
      expect(() => Charts.newDataTable().addColumn('BOOLEAN' as unknown as GoogleAppsScript.Charts.ColumnType, 'x')).toThrow(
        "The parameters (String,String) don't match the method signature for Charts.DataTableBuilder.addColumn.",
      );
      builder().addRow(['Mon', 10, new Date()]).addRow([null, null, null]).build();
    });
  });

  it('keeps a value set before its column exists, checks it when the column comes, and drops it if it never does', () => {
    const { Charts, run } = setup();
    run(() => {
      expect(() => Charts.newDataTable().addColumn(Charts.ColumnType.STRING, 'Day').setValue(0, 1, 'x').addColumn(Charts.ColumnType.NUMBER, 'Reach')).toThrow(
        /column 1 "Reach" is NUMBER; got String "x"/,
      );
      Charts.newDataTable().addColumn(Charts.ColumnType.STRING, 'Day').setValue(0, 3, 'ignored').build();
      expect(() => Charts.newDataTable().build()).toThrow('Invalid argument: the data table has no columns.');
    });
  });

  it('is a counted service call, not allowed in custom functions or NONE', () => {
    const { platform, Charts, run } = setup();
    run(() => table(Charts, [['Mon', 1]]));
    expect(platform.counters.get('Charts', 'newDataTable')).toBe(1);
    expect(platform.counters.get('DataTableBuilder', 'addRow')).toBe(1);
    expect(() => runAs(platform, () => Charts.newDataTable(), { authMode: 'CUSTOM_FUNCTION' })).toThrow('You do not have permission to call Charts.newDataTable.');
    expect(() => runAs(platform, () => Charts.newLineChart(), { authMode: 'NONE' })).toThrow('You do not have permission to call Charts.newLineChart.');
    runAs(platform, () => table(Charts, [['Mon', 1]]), { authMode: 'LIMITED' });
    // Enums are no call: free in every mode.
    expect(runAs(platform, () => Charts.ColumnType.NUMBER, { authMode: 'NONE' })).toBe('NUMBER');
  });
});

describe('Charts.newLineChart', () => {
  it("renders getAs('image/png') as a valid PNG of the set dimensions", () => {
    const { Charts, run } = setup();
    const blob = run(() =>
      Charts.newLineChart()
        .setDataTable(table(Charts, [['Mon', 10], ['Tue', 12], ['Wed', 9]]))
        .setTitle('Followers')
        .setXAxisTitle('Day')
        .setYAxisTitle('Followers')
        .setDimensions(320, 200)
        .build()
        .getAs('image/png'),
    );
    expect(blob.getContentType()).toBe('image/png');
    expect(blob.getName()).toBeNull();
    const png = pngOf(blob);
    expect([png.width, png.height]).toEqual([320, 200]);
    // White background, Google's first series colour somewhere, dark axes.
    expect(png.pixel(0, 0)).toEqual([255, 255, 255]);
    expect(count(png, [0x33, 0x66, 0xcc])).toBeGreaterThan(50);
    expect(count(png, [0x33, 0x33, 0x33])).toBeGreaterThan(100);
  });

  it('is 600 x 400 without setDimensions (a guess), and getBlob() is the same PNG', () => {
    const { Charts, run } = setup();
    const [a, b] = run(() => {
      const chart = Charts.newLineChart().setDataTable(table(Charts, [['Mon', 1], ['Tue', 2]])).build();
      return [chart.getBlob(), chart.getAs('image/png')];
    });
    expect([pngOf(a).width, pngOf(a).height]).toEqual([600, 400]);
    expect(Buffer.from(a.getBytes()).equals(Buffer.from(b.getBytes()))).toBe(true);
  });

  it('draws each series in its colour (setColors honoured), and a rising series differently from a flat one', () => {
    const { Charts, run } = setup();
    const render = (values: number[], colors: string[]) =>
      run(() =>
        pngOf(
          Charts.newLineChart()
            .setDataTable(table(Charts, values.map((v, i) => [`d${i}`, v])))
            .setColors(colors)
            .setLegendPosition(Charts.Position.NONE)
            .setRange(0, 10)
            .setDimensions(200, 150)
            .build()
            .getAs('image/png'),
        ),
      );
    const flat = render([5, 5, 5, 5], ['#ff0000']);
    const rising = render([1, 3, 6, 9], ['#ff0000']);
    expect(count(flat, RED)).toBeGreaterThan(50);
    expect(count(rising, RED)).toBeGreaterThan(50);
    // Flat: a horizontal band of at most the line's width; rising: red on many rows, higher at the right.
    expect(rowsWith(flat, RED).length).toBeLessThanOrEqual(3);
    expect(rowsWith(rising, RED).length).toBeGreaterThan(30);
    expect(flat.pixels).not.toEqual(rising.pixels);
    const leftRows = rowsWith(rising, RED, 0, 100);
    const rightRows = rowsWith(rising, RED, 100, 200);
    expect(Math.min(...rightRows)).toBeLessThan(Math.min(...leftRows)); // y grows downwards
    // No default colour when colours are set.
    expect(count(rising, [0x33, 0x66, 0xcc])).toBe(0);
  });

  it('draws two series in two colours, the legend swatches included', () => {
    const { Charts, run } = setup();
    const png = run(() => {
      const data = Charts.newDataTable()
        .addColumn(Charts.ColumnType.STRING, 'Day')
        .addColumn(Charts.ColumnType.NUMBER, 'Reach')
        .addColumn(Charts.ColumnType.NUMBER, 'Likes')
        .addRow(['Mon', 1, 8])
        .addRow(['Tue', 2, 6])
        .addRow(['Wed', 3, 4]);
      return pngOf(Charts.newLineChart().setDataTable(data).setColors(['#ff0000', 'blue']).setPointStyle(Charts.PointStyle.MEDIUM).setCurveStyle(Charts.CurveStyle.SMOOTH).build().getBlob());
    });
    expect(count(png, RED)).toBeGreaterThan(50);
    expect(count(png, BLUE)).toBeGreaterThan(50);
    // The legend (right) holds a swatch of each colour, outside the plot.
    expect(count(png, RED, { x0: 480, y0: 0, x1: 600, y1: 400 })).toBeGreaterThan(0);
    expect(count(png, BLUE, { x0: 480, y0: 0, x1: 600, y1: 400 })).toBeGreaterThan(0);
  });

  it('takes a DataTableBuilder or any DataTableSource, and a DATE first column as a continuous axis', () => {
    const { Charts, run } = setup();
    const png = run(() => {
      const data = Charts.newDataTable()
        .addColumn(Charts.ColumnType.DATE, 'Day')
        .addColumn(Charts.ColumnType.NUMBER, 'Reach')
        .addRow([new Date('2026-01-01'), 1])
        .addRow([new Date('2026-01-02'), 2])
        .addRow([new Date('2026-01-31'), 3]);
      return pngOf(Charts.newLineChart().setDataTable(data).setColors(['#ff0000']).setDimensions(300, 200).build().getBlob());
    });
    expect(count(png, RED)).toBeGreaterThan(50);
    // Any DataTableSource: its getDataTable() is read.
    run(() => {
      const built = table(Charts, [['Mon', 1], ['Tue', 2]]);
      Charts.newLineChart().setDataTable({ getDataTable: () => built }).build();
      expect(() => Charts.newLineChart().setDataTable({ getDataTable: () => ({}) })).toThrow(/match the method signature for Charts.LineChartBuilder.setDataTable/);
    });
  });

  it('refuses build() without a data table, and tables it cannot draw', () => {
    const { Charts, run } = setup();
    run(() => {
      expect(() => Charts.newLineChart().build()).toThrow('The chart has no data: call setDataTable() before build().');
      const oneColumn = source(Charts.newDataTable().addColumn(Charts.ColumnType.STRING, 'Day').addRow(['Mon']).build());
      expect(() => Charts.newLineChart().setDataTable(oneColumn).build()).toThrow('Not enough columns given to draw the requested chart.');
      const text = source(Charts.newDataTable().addColumn(Charts.ColumnType.STRING, 'Day').addColumn(Charts.ColumnType.STRING, 'Note').addRow(['Mon', 'x']).build());
      expect(() => Charts.newLineChart().setDataTable(text).build()).toThrow('Data column(s) for axis #0 cannot be of type string');
      expect(() => Charts.newLineChart().setDataTable({} as GoogleAppsScript.Charts.DataTableSource)).toThrow(
        "The parameters (Object) don't match the method signature for Charts.LineChartBuilder.setDataTable.",
      );
    });
  });

  it('checks its arguments', () => {
    const { Charts, run } = setup();
    run(() => {
      const b = Charts.newLineChart();
      expect(() => b.setDimensions(0, 100)).toThrow('Invalid argument: width');
      expect(() => b.setDimensions(100, 10.5)).toThrow('Invalid argument: height');
      expect(() => b.setDimensions(5000, 100)).toThrow('not implemented in the local runtime: LineChartBuilder.setDimensions over 4096 pixels');
      expect(() => b.setColors(['not a colour!'])).toThrow('Invalid argument: cssValues[0]');
      expect(() => b.setColors(['rebeccapurple'])).toThrow(/not implemented in the local runtime: the CSS colour "rebeccapurple"/);
      expect(() => b.setLegendPosition('LEFT' as unknown as GoogleAppsScript.Charts.Position)).toThrow(/match the method signature for Charts.LineChartBuilder.setLegendPosition/);
      expect(() => b.setCurveStyle('WAVY' as unknown as GoogleAppsScript.Charts.CurveStyle)).toThrow(/setCurveStyle/);
      expect(() => b.setPointStyle('BIG' as unknown as GoogleAppsScript.Charts.PointStyle)).toThrow(/setPointStyle/);
      expect(() => b.setRange(10, 10)).toThrow('Invalid argument: end');
      b.setOption('lineWidth', 3).setOption('legend.position', 'bottom');
      expect(() => b.setOption('animation.duration', 500)).toThrow('not implemented in the local runtime: LineChartBuilder.setOption("animation.duration")');
    });
  });

  it('throws for what is not implemented: other content types, getOptions, other builders and members', () => {
    const { Charts, run } = setup();
    run(() => {
      const chart = Charts.newLineChart().setDataTable(table(Charts, [['Mon', 1]])).build();
      expect(() => chart.getAs('application/pdf')).toThrow('not implemented in the local runtime: Chart.getAs(application/pdf)');
      expect(() => chart.getAs('image/jpeg')).toThrow('not implemented in the local runtime: Chart.getAs(image/jpeg)');
      expect(() => chart.getAs('text/plain')).toThrow('Invalid argument: contentType');
      expect(() => chart.getOptions()).toThrow('not implemented in the local runtime: Chart.getOptions');
      expect(() => Charts.newLineChart().setDataSourceUrl('https://example.com')).toThrow('not implemented in the local runtime: LineChartBuilder.setDataSourceUrl');
      expect(() => Charts.newLineChart().useLogScale()).toThrow('not implemented in the local runtime: LineChartBuilder.useLogScale');
      expect(() => Charts.newPieChart()).toThrow('not implemented in the local runtime: Charts.newPieChart');
      expect(() => Charts.newTextStyle()).toThrow('not implemented in the local runtime: Charts.newTextStyle');
    });
  });

  it('costs chartsRender per rendering, and nothing to build', () => {
    const platform = newPlatform(undefined, { costs: true });
    const Charts = createCharts(platform);
    const duration = (fn: () => void) => {
      const before = platform.clock.now();
      runAs(platform, fn);
      return platform.clock.now() - before;
    };
    let chart: GoogleAppsScript.Charts.Chart | undefined;
    const startup = DEFAULT_COSTS.startup.perCall;
    expect(duration(() => void (chart = Charts.newLineChart().setDataTable(table(Charts, [['Mon', 1]])).build()))).toBe(startup);
    expect(duration(() => void chart!.getAs('image/png'))).toBe(startup + DEFAULT_COSTS.chartsRender.perCall);
    expect(duration(() => void (chart!.getBlob(), chart!.getBlob()))).toBe(startup + 2 * DEFAULT_COSTS.chartsRender.perCall);
    expect(platform.counters.get('Chart')).toBe(3);
  });
});

describe('Charts.newColumnChart', () => {
  it('draws bars in the series colours, stacked or side by side', () => {
    const { Charts, run } = setup();
    const render = (stacked: boolean) =>
      run(() => {
        const data = Charts.newDataTable()
          .addColumn(Charts.ColumnType.STRING, 'Day')
          .addColumn(Charts.ColumnType.NUMBER, 'A')
          .addColumn(Charts.ColumnType.NUMBER, 'B')
          .addRow(['Mon', 3, 2])
          .addRow(['Tue', 5, 1]);
        const builder = Charts.newColumnChart().setDataTable(data).setColors(['#ff0000', '#0000ff']).setLegendPosition(Charts.Position.NONE).setDimensions(200, 150);
        return pngOf((stacked ? builder.setStacked() : builder).build().getAs('image/png'));
      });
    const side = render(false);
    const stacked = render(true);
    for (const png of [side, stacked]) {
      expect(count(png, RED)).toBeGreaterThan(100);
      expect(count(png, BLUE)).toBeGreaterThan(20);
    }
    expect(side.pixels).not.toEqual(stacked.pixels);
    // Monday's bars (the left half): side by side they share rows; stacked, blue sits on red.
    const blueRows = (png: typeof side) => rowsWith(png, BLUE, 0, png.width / 2);
    const redRows = (png: typeof side) => rowsWith(png, RED, 0, png.width / 2);
    expect(Math.max(...blueRows(stacked))).toBeLessThanOrEqual(Math.min(...redRows(stacked)) + 1);
    expect(Math.max(...blueRows(side))).toBeGreaterThan(Math.min(...redRows(side)) + 10);
    run(() => {
      expect(() => (Charts.newColumnChart() as unknown as { setCurveStyle(): void }).setCurveStyle()).toThrow('not implemented in the local runtime: ColumnChartBuilder.setCurveStyle');
    });
  });
});
