// The Charts service: its enums (Charts.ChartType.LINE is "LINE"), used by embedded charts too, and
// standalone charts: Charts.newDataTable(), Charts.newLineChart(), Charts.newColumnChart(), whose
// Chart renders to a real PNG (getAs('image/png'), getBlob()). The parts live in ./charts/.
// Reading an enum is not a service call, so it works in every auth mode; building and rendering are
// counted calls, allowed where Google allows them (platform.ts SERVICE_AUTH_MODES: LIMITED, FULL),
// and rendering costs virtual time (costs.ts chartsRender). Other chart types (area, bar, pie,
// scatter, table), data view definitions and text styles throw "not implemented".
import { enterService, guarded, type Platform } from '../platform';
import { createChartBuilder } from './charts/chart-builder';
import { COLUMN_TYPES, createDataTableBuilder } from './charts/data-table';
import { CURVE_STYLES, LEGEND_POSITIONS, POINT_STYLES } from './charts/render';
import { CHART_TYPES, HIDDEN_DIMENSION_STRATEGIES, MERGE_STRATEGIES } from './spreadsheet/chart-state';

const enumOf = (names: readonly string[]) => Object.freeze(Object.fromEntries(names.map((n) => [n, n])));

export function createCharts(platform: Platform): GoogleAppsScript.Charts.Charts {
  const charts = {
    ChartType: enumOf(CHART_TYPES),
    ChartMergeStrategy: enumOf(MERGE_STRATEGIES),
    ChartHiddenDimensionStrategy: enumOf(HIDDEN_DIMENSION_STRATEGIES),
    Position: enumOf(LEGEND_POSITIONS),
    CurveStyle: enumOf(CURVE_STYLES),
    PointStyle: enumOf(POINT_STYLES),
    ColumnType: enumOf(COLUMN_TYPES),
    newDataTable() {
      enterService(platform, 'Charts', 'newDataTable');
      return createDataTableBuilder(platform);
    },
    newLineChart() {
      enterService(platform, 'Charts', 'newLineChart');
      return createChartBuilder(platform, 'LINE') as GoogleAppsScript.Charts.LineChartBuilder;
    },
    newColumnChart() {
      enterService(platform, 'Charts', 'newColumnChart');
      return createChartBuilder(platform, 'COLUMN') as GoogleAppsScript.Charts.ColumnChartBuilder;
    },
  };
  return guarded('Charts', charts) as unknown as GoogleAppsScript.Charts.Charts;
}
