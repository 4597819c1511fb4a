// The playground's local BigQuery: two demo projects seeded in the runtime (one with billing, one a
// sandbox), what the BigQuery panel lists (each dataset's tables and views with their rows) and its
// query box: a GoogleSQL SELECT through the runtime's own query(), answered as text for the page.
import type { BigQueryState, ProjectSeed } from '../apps-script/services/bigquery';
import { tokenize } from '../apps-script/services/bigquery/sql/lexer';
import type { BigQueryView, QueryView } from './views';

export const DEMO_PROJECTS: ProjectSeed[] = [
  { projectId: 'sheetgram-demo', billing: true },
  { projectId: 'sheetgram-sandbox', billing: false },
];

/** Rows the page gets at most: a query over a big table still answers quickly. */
export const MAX_QUERY_ROWS = 500;

const pathOf = (t: { projectId: string; datasetId: string; tableId: string }) => `${t.projectId}.${t.datasetId}.${t.tableId}`;
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function bigQueryView(state: BigQueryState): BigQueryView {
  const tables = state.tables();
  const datasets = [...state.datasets.values()]
    .map((d) => ({
      projectId: d.projectId, datasetId: d.datasetId, location: d.location,
      tables: tables.filter((t) => t.projectId === d.projectId && t.datasetId === d.datasetId)
        .sort((a, b) => a.tableId.localeCompare(b.tableId))
        .map((t) => ({ tableId: t.tableId, path: pathOf(t), type: t.type, ...(t.type === 'TABLE' ? { rows: t.numRows } : viewRows(state, pathOf(t))) })),
    }))
    .sort((a, b) => `${a.projectId}.${a.datasetId}`.localeCompare(`${b.projectId}.${b.datasetId}`));
  return { projects: [...state.projects.values()].map((p) => ({ projectId: p.projectId, sandbox: !p.billing })), datasets };
}

/** A view has no rows of its own: the rows its query gives now (or why it gives none). */
function viewRows(state: BigQueryState, path: string): { rows: number | null; note?: string } {
  try {
    return { rows: Number(state.query(`SELECT COUNT(*) AS n FROM \`${path}\``)[0]?.n ?? 0) };
  } catch (error) {
    return { rows: null, note: message(error) };
  }
}

function cellText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Words that change data: DuckDB would also run them after a WITH, which GoogleSQL itself never allows. */
const WRITES = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE', 'CREATE', 'DROP', 'ALTER', 'TRUNCATE', 'COPY', 'ATTACH', 'DETACH', 'INSTALL', 'LOAD', 'PRAGMA', 'EXPORT', 'IMPORT', 'CALL', 'SET']);

/** Runs a SELECT; a statement that names a write (MERGE, DELETE...) is refused, so the panel only ever reads. */
export function runQuery(state: BigQueryState, sql: unknown, defaultProject = DEMO_PROJECTS[0].projectId): QueryView {
  if (typeof sql !== 'string' || !sql.trim()) return { ok: false, error: 'Type a GoogleSQL SELECT, such as SELECT * FROM `sheetgram-demo.sheetgram.user_information`.' };
  try {
    // Unquoted words only: a `delete` in backticks or 'merge' in quotes is a name or text.
    const write = tokenize(sql).find((t) => t.k === 'ident' && WRITES.has(t.upper));
    if (write?.k === 'ident') return { ok: false, error: `The panel only reads: ${write.upper} changes data, which only Sheetgram's loads do. Write a SELECT.` };
    const rows = state.query(sql, { defaultProject });
    const columns = rows.length ? Object.keys(rows[0]) : [];
    return {
      ok: true, columns, total: rows.length,
      rows: rows.slice(0, MAX_QUERY_ROWS).map((r) => columns.map((c) => ({ text: cellText(r[c]), number: typeof r[c] === 'number' }))),
    };
  } catch (error) {
    return { ok: false, error: message(error) };
  }
}
