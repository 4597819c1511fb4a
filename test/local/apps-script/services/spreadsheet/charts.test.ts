// Embedded charts: the builder, inserting, reading back, updating and removing charts, what Node
// reads of them (charts() and chartData()), the Charts enums, access rules and call counts, and
// charts staying in the document across executions of a bundle.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createRuntime } from '../../../../../local/apps-script/runtime';
import { createCharts } from '../../../../../local/apps-script/services/charts';
import { createTestPlatform, setup } from './test-platform';

const Charts = createCharts(createTestPlatform());
/** getId() is Apps Script's, missing from @types/google-apps-script 2.0.13. */
const idOf = (chart: GoogleAppsScript.Spreadsheet.EmbeddedChart) => (chart as unknown as { getId(): string | null }).getId();
const CHARTS_BUNDLE = fileURLToPath(new URL('../../fixtures/charts', import.meta.url));

function withData() {
  const t = setup();
  t.sheet.getRange('A1:C4').setValues([
    ['Day', 'Followers', 'Reach'],
    ['2026-01-03', 10, 100],
    ['2026-01-04', 12, 90],
    ['2026-01-05', '=B3+3', 120],
  ]);
  return t;
}

describe('building and inserting a chart', () => {
  it('builds a chart from ranges, position and options, and reads it back after insertChart', () => {
    const { sheet, workbook } = withData();
    const built = sheet.newChart()
      .setChartType(Charts.ChartType.LINE)
      .addRange(sheet.getRange('A1:A4'))
      .addRange(sheet.getRange('B1:B4'))
      .setPosition(6, 2, 10, 20)
      .setNumHeaders(1)
      .setOption('title', 'Followers')
      .setOption('hAxis', { title: 'Day' })
      .build();
    expect(built.getChartId()).toBeNull();
    expect(idOf(built)).toBeNull();
    sheet.insertChart(built);

    const [chart] = sheet.getCharts();
    expect(typeof chart.getChartId()).toBe('number');
    expect(typeof idOf(chart)).toBe('string');
    expect(idOf(chart)).not.toBe(String(chart.getChartId()));
    expect(chart.getRanges().map((r) => r.getA1Notation())).toEqual(['A1:A4', 'B1:B4']);
    expect(chart.getOptions().get('title')).toBe('Followers');
    expect(chart.getOptions().get('hAxis.title')).toBe('Day');
    expect(chart.getOptions().get('vAxis.title')).toBeNull();
    const info = chart.getContainerInfo();
    expect([info.getAnchorRow(), info.getAnchorColumn(), info.getOffsetX(), info.getOffsetY()]).toEqual([6, 2, 10, 20]);
    expect(chart.getNumHeaders()).toBe(1);
    expect(() => chart.getAs('image/png')).toThrow('not implemented in the local runtime: EmbeddedChart.getAs');

    expect(workbook.charts('Sheet1')).toEqual([{
      id: chart.getChartId(), type: 'LINE', ranges: ['Sheet1!A1:A4', 'Sheet1!B1:B4'],
      options: { title: 'Followers', hAxis: { title: 'Day' } }, position: { row: 6, column: 2, offsetX: 10, offsetY: 20 },
      numHeaders: 1, mergeStrategy: 'MERGE_COLUMNS', transpose: false,
    }]);
  });

  it('gives every inserted chart its own id, even two inserts of one built chart', () => {
    const { sheet } = withData();
    const built = sheet.newChart().setChartType(Charts.ChartType.COLUMN).addRange(sheet.getRange('A1:B4')).build();
    sheet.insertChart(built);
    sheet.insertChart(built);
    const ids = sheet.getCharts().map((c) => c.getChartId());
    expect(new Set(ids).size).toBe(2);
    expect(new Set(sheet.getCharts().map(idOf)).size).toBe(2);
  });

  it('sets the type with asLineChart() and friends, whose setters write Gviz options', () => {
    const { sheet, workbook } = withData();
    const builder = sheet.newChart().addRange(sheet.getRange('A1:B4')).asColumnChart().setTitle('Reach').setStacked().setXAxisTitle('Day');
    expect(builder.getChartType()).toBe('COLUMN');
    sheet.insertChart(builder.asPieChart().build());
    expect(workbook.charts('Sheet1')[0]).toMatchObject({ type: 'PIE', options: { title: 'Reach', isStacked: true, 'hAxis.title': 'Day' } });
    expect(() => (sheet.newChart() as any).setTitle('x')).toThrow('not implemented in the local runtime: EmbeddedChartBuilder.setTitle');
  });

  it('edits ranges with removeRange and clearRanges', () => {
    const { sheet } = withData();
    const builder = sheet.newChart().setChartType(Charts.ChartType.TABLE).addRange(sheet.getRange('A1:A4')).addRange(sheet.getRange('C1:C4'));
    builder.removeRange(sheet.getRange('A1:A4'));
    expect(builder.getRanges().map((r) => r.getA1Notation())).toEqual(['C1:C4']);
    builder.clearRanges();
    expect(builder.getRanges()).toEqual([]);
  });

  it('refuses a build without a type, an unknown type, a non-range and an anchor outside the grid', () => {
    const { sheet } = withData();
    expect(() => sheet.newChart().build()).toThrow('The chart type must be set');
    expect(() => sheet.newChart().setChartType('DONUT' as any)).toThrow("don't match the method signature for SpreadsheetApp.EmbeddedChartBuilder.setChartType");
    expect(() => sheet.newChart().addRange('A1:B2' as any)).toThrow("The parameters (String) don't match the method signature for SpreadsheetApp.EmbeddedChartBuilder.addRange.");
    expect(() => sheet.newChart().setPosition(0, 1, 0, 0)).toThrow('The starting row of the range is too small.');
    expect(() => sheet.insertChart({} as any)).toThrow("The parameters (Object) don't match the method signature for SpreadsheetApp.Sheet.insertChart.");
  });
});

describe('changing and removing charts', () => {
  it('updates a chart from modify() under the same id, and removes it', () => {
    const { sheet, workbook } = withData();
    sheet.insertChart(sheet.newChart().setChartType(Charts.ChartType.LINE).addRange(sheet.getRange('A1:B4')).setOption('title', 'Old').build());
    const [chart] = sheet.getCharts();
    const id = chart.getChartId();
    const changed = chart.modify().setOption('title', 'New').setChartType(Charts.ChartType.BAR).build();
    expect(chart.getOptions().get('title')).toBe('Old');
    sheet.updateChart(changed);
    expect(sheet.getCharts().map((c) => [c.getChartId(), c.getOptions().get('title')])).toEqual([[id, 'New']]);
    expect(workbook.charts('Sheet1')[0].type).toBe('BAR');

    sheet.removeChart(sheet.getCharts()[0]);
    expect(sheet.getCharts()).toEqual([]);
    expect(() => sheet.removeChart(chart)).toThrow('The chart was not found on this sheet.');
    expect(() => sheet.updateChart(changed)).toThrow('The chart was not found on this sheet.');
  });

  it('goes with its tab; a chart over a deleted tab shows #REF! ranges', () => {
    const { ss, sheet, workbook } = withData();
    const other = ss.insertSheet('Data');
    other.getRange('A1:B2').setValues([['x', 1], ['y', 2]]);
    other.insertChart(other.newChart().setChartType(Charts.ChartType.PIE).addRange(other.getRange('A1:B2')).build());
    sheet.insertChart(sheet.newChart().setChartType(Charts.ChartType.PIE).addRange(other.getRange('A1:B2')).build());
    expect(workbook.charts('Data')).toHaveLength(1);
    ss.deleteSheet(other);
    expect(() => workbook.charts('Data')).toThrow('no sheet named "Data"');
    expect(workbook.charts('Sheet1')[0].ranges).toEqual(['#REF!']);
  });
});

describe('chart data for Node', () => {
  it('evaluates formulas and cuts whole columns at the rows in use', () => {
    const { sheet, workbook } = withData();
    sheet.insertChart(sheet.newChart().setChartType(Charts.ChartType.LINE).addRange(sheet.getRange('A:A')).addRange(sheet.getRange('C:C')).build());
    const [chart] = workbook.charts('Sheet1');
    expect(chart.ranges).toEqual(['Sheet1!A1:A1000', 'Sheet1!C1:C1000']);
    const data = workbook.chartData('Sheet1', chart.id);
    expect(data).toHaveLength(4);
    expect(data.map((r) => [r[0] instanceof Date ? (r[0] as Date).toISOString().slice(0, 10) : r[0], r[1]])).toEqual([
      ['Day', 'Reach'], ['2026-01-03', 100], ['2026-01-04', 90], ['2026-01-05', 120],
    ]);
  });

  it('stacks ranges with MERGE_ROWS, transposes, and reads spilled blocks', () => {
    const { sheet, workbook } = withData();
    sheet.getRange('F1').setFormula('=FILTER(B2:C4,C2:C4>95)');
    sheet.insertChart(sheet.newChart().setChartType(Charts.ChartType.COLUMN).addRange(sheet.getRange('F1:G10')).build());
    sheet.insertChart(sheet.newChart().setChartType(Charts.ChartType.COLUMN).addRange(sheet.getRange('B1:B2')).addRange(sheet.getRange('C1:C2'))
      .setMergeStrategy(Charts.ChartMergeStrategy.MERGE_ROWS).setTransposeRowsAndColumns(true).build());
    const [block, stacked] = workbook.charts('Sheet1');
    expect(workbook.chartData('Sheet1', block.id)).toEqual([[10, 100], [15, 120]]);
    expect(workbook.chartData('Sheet1', stacked.id)).toEqual([['Followers', 10, 'Reach', 100]]);
    expect(() => workbook.chartData('Sheet1', 1)).toThrow('no chart 1');
  });
});

describe('the Charts service and the rules of every call', () => {
  it('has Apps Script\'s chart types as string-valued enum members', () => {
    expect(Object.keys(Charts.ChartType).sort()).toEqual([
      'AREA', 'BAR', 'BUBBLE', 'CANDLESTICK', 'COLUMN', 'COMBO', 'GAUGE', 'GEO', 'HISTOGRAM', 'LINE', 'ORG', 'PIE', 'RADAR',
      'SCATTER', 'SPARKLINE', 'STEPPED_AREA', 'TABLE', 'TIMELINE', 'TREEMAP', 'WATERFALL',
    ]);
    expect(String(Charts.ChartType.GEO)).toBe('GEO');
    // Standalone charts: line and column charts exist (test/local/apps-script/services/charts.test.ts), not the others.
    expect(() => (Charts as any).newPieChart()).toThrow('not implemented in the local runtime: Charts.newPieChart');
  });

  it('counts every builder and chart call', () => {
    const { sheet, platform } = withData();
    sheet.insertChart(sheet.newChart().setChartType(Charts.ChartType.LINE).addRange(sheet.getRange('A1:B4')).addRange(sheet.getRange('C1:C4')).build());
    sheet.getCharts()[0].getOptions().get('title');
    expect(platform.counters.get('Sheet', 'newChart')).toBe(1);
    expect(platform.counters.get('EmbeddedChartBuilder', 'addRange')).toBe(2);
    expect(platform.counters.get('EmbeddedChartBuilder', 'build')).toBe(1);
    expect(platform.counters.get('Sheet', 'insertChart')).toBe(1);
    expect(platform.counters.get('EmbeddedChart', 'getOptions')).toBe(1);
    expect(platform.counters.get('ChartOptions', 'get')).toBe(1);
  });

  it('refuses changing charts in a custom function, and everything in NONE mode', () => {
    const { sheet, platform } = withData();
    sheet.insertChart(sheet.newChart().setChartType(Charts.ChartType.LINE).addRange(sheet.getRange('A1:B4')).build());
    platform.run({ authMode: 'CUSTOM_FUNCTION' });
    expect(sheet.getCharts()).toHaveLength(1);
    const built = sheet.newChart().setChartType(Charts.ChartType.PIE).addRange(sheet.getRange('A1:B2')).build();
    expect(() => sheet.insertChart(built)).toThrow('You do not have permission to call Sheet.insertChart.');
    expect(() => sheet.removeChart(sheet.getCharts()[0])).toThrow('You do not have permission to call Sheet.removeChart.');
    platform.run({ authMode: 'NONE' });
    expect(() => sheet.newChart()).toThrow('You do not have permission to call Sheet.newChart.');
    expect(String(Charts.ChartType.LINE)).toBe('LINE');
  });
});

describe('charts in the runtime', () => {
  const runtime = () => createRuntime({ bundleDir: CHARTS_BUNDLE, start: Date.parse('2026-01-05T09:00:00Z') });

  it('keeps charts in the document from one execution to the next', () => {
    const rt = runtime();
    const id = rt.call('buildChart');
    expect(rt.call('listCharts')).toEqual([[id, `u${id}`, 'Followers', 'bottom', 6, 2, 'A1:B1000']]);
    expect(rt.workbook.charts('Sheet1')).toMatchObject([{ id, type: 'LINE', ranges: ['Sheet1!A1:B1000'], position: { row: 6, column: 2 } }]);
    expect(rt.workbook.chartData('Sheet1', id).map((r) => r[1])).toEqual(['Followers', 10, 12, 15]);

    expect(rt.call('retitle', ['Audience'])).toBe(id);
    expect(rt.call('listCharts')).toEqual([[id, `u${id}`, 'Audience', 'bottom', 2, 5, 'A1:B1000']]);
    expect(rt.call('removeCharts')).toBe(0);
    expect(rt.workbook.charts('Sheet1')).toEqual([]);
  });

  it('lets Charts enums be read in every mode but refuses a custom function that inserts a chart', () => {
    const rt = runtime();
    rt.call('buildChart');
    expect(rt.call('chartTypeName', [], { authMode: 'NONE' })).toBe('COLUMN');
    expect(rt.callCustomFunction('IG_CHART_COUNT')).toBe(1);
    expect(() => rt.callCustomFunction('IG_CHART')).toThrow('You do not have permission to call Sheet.insertChart.');
    expect(rt.workbook.charts('Sheet1')).toHaveLength(1);
  });
});
