// The Charts service, as far as embedded charts need it: its enums (Charts.ChartType.LINE is "LINE").
// Reading an enum is not a service call, so it works in every auth mode. Standalone charts
// (Charts.newLineChart(), data tables) are not implemented and say so.
import { guarded } from '../platform';
import { CHART_TYPES, HIDDEN_DIMENSION_STRATEGIES, MERGE_STRATEGIES } from './spreadsheet/chart-state';

const enumOf = (names: readonly string[]) => Object.freeze(Object.fromEntries(names.map((n) => [n, n])));

export function createCharts(): GoogleAppsScript.Charts.Charts {
  const charts = {
    ChartType: enumOf(CHART_TYPES),
    ChartMergeStrategy: enumOf(MERGE_STRATEGIES),
    ChartHiddenDimensionStrategy: enumOf(HIDDEN_DIMENSION_STRATEGIES),
    Position: enumOf(['TOP', 'RIGHT', 'BOTTOM', 'NONE']),
    CurveStyle: enumOf(['NORMAL', 'SMOOTH']),
    PointStyle: enumOf(['NONE', 'TINY', 'MEDIUM', 'LARGE', 'HUGE']),
    ColumnType: enumOf(['DATE', 'NUMBER', 'STRING']),
  };
  return guarded('Charts', charts) as unknown as GoogleAppsScript.Charts.Charts;
}
