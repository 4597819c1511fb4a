// Views that people and dashboards (Looker Studio) read instead of the snapshot tables: the latest
// snapshot of every row, and for posts, how each grew day by day after it was published.
import type { ReportDefinition } from '../reports/types';
import { ACCOUNT_ID_COLUMN, columnName, reportColumns, SNAPSHOT_COLUMN, tableIdOf } from './schema';

export interface ViewDefinition {
  id: string;
  description: string;
  query: string;
}

/** Reports whose rows are posts with a publishing time: their snapshots show how each post grew. */
const POST_TIME = 'timestamp';
const POST_ID = 'id';

/** timeZone: the spreadsheet's, in which snapshot days are counted (a post's day since posting is counted there too). */
export function viewsOf(report: ReportDefinition, dataset: string, timeZone: string): ViewDefinition[] {
  const table = `\`${dataset}.${tableIdOf(report)}\``;
  const keys = [ACCOUNT_ID_COLUMN, ...report.keyColumns.map(columnName).filter((k) => k !== ACCOUNT_ID_COLUMN)];
  const views: ViewDefinition[] = [{
    id: `${tableIdOf(report)}_latest`,
    description: `${report.title}: the latest snapshot of each ${keys.length > 1 ? `${report.keyColumns.join(', ')} of each account` : 'account'}.`,
    // WHERE TRUE: QUALIFY wants a WHERE, GROUP BY or HAVING beside it in some BigQuery versions.
    query: `SELECT * FROM ${table}\nWHERE TRUE\nQUALIFY ROW_NUMBER() OVER (PARTITION BY ${keys.join(', ')} ORDER BY ${SNAPSHOT_COLUMN} DESC) = 1`,
  }];
  const names = new Set(reportColumns(report).map((c) => c.name));
  // Rows keyed by the post alone (a hashtag's posts repeat per hashtag and list: no single growth line).
  if (report.keyColumns.length === 1 && report.keyColumns[0] === POST_ID && names.has(POST_TIME) && names.has('media_type')) {
    const metrics = reportColumns(report).filter((c) => (c.type === 'INT64' || c.type === 'FLOAT64')).map((c) => c.name);
    views.push({
      id: `${tableIdOf(report)}_growth`,
      description: `${report.title}: each post's figures on every day Sheetgram read them, by days since posting.`,
      query: [
        `SELECT ${ACCOUNT_ID_COLUMN}, account, ${POST_ID} AS media_id, ${POST_TIME} AS posted_at, ${SNAPSHOT_COLUMN},`,
        `  DATE_DIFF(${SNAPSHOT_COLUMN}, DATE(${POST_TIME}, '${timeZone.replace(/'/g, '')}'), DAY) AS days_since_posting${metrics.length ? `, ${metrics.join(', ')}` : ''}`,
        `FROM ${table}`,
        `WHERE ${POST_TIME} IS NOT NULL`,
      ].join('\n'),
    });
  }
  return views;
}
