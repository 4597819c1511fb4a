/// <reference lib="dom" />
// The BigQuery panel at the bottom of the page: the local BigQuery's demo projects, each dataset's tables and
// views with their rows, and a query box whose GoogleSQL SELECT the server runs (rt.bigquery.query).
// The list follows the server's data while the panel is open (counting a view's rows runs its query,
// so a folded panel asks for nothing); every name, value and error is text.
import { postJson, type BigQueryView, type QueryView } from './api';
import { panelData, type PanelData } from './panel-data';
import { byId, clear, el } from './dom';

const panel = () => byId<HTMLDetailsElement>('bigquery');

let data: PanelData | null = null;

export function attachBigQuery(): void {
  data = panelData<BigQueryView>(panel, '/api/bigquery', drawList);
  const form = byId<HTMLFormElement>('bq-query');
  const sql = byId<HTMLTextAreaElement>('bq-sql');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void run(sql.value);
  });
  // Ctrl+Enter (or Cmd+Enter) runs the query, as in BigQuery's console; Enter alone is a new line.
  sql.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
}

/** Told the server's data version at every poll: the list is fetched again when it moved. */
export function followBigQuery(version: number): void {
  // A folded panel's count would be stale: it comes back with the list when the panel opens.
  if (!panel().open && !data?.shows(version)) byId('bq-count').textContent = '';
  data?.follow(version);
}

function drawList(view: BigQueryView): void {
  byId('bq-projects').textContent = `Projects: ${view.projects.map((p) => (p.sandbox ? `${p.projectId} (a sandbox: no billing, tables expire after 60 days)` : `${p.projectId} (with billing)`)).join(', ')}.`;
  const tables = view.datasets.reduce((n, d) => n + d.tables.length, 0);
  byId('bq-count').textContent = view.datasets.length ? `${plural(view.datasets.length, 'dataset')}, ${plural(tables, 'table or view', 'tables and views')}` : 'no dataset yet';
  const host = byId('bq-tables');
  clear(host);
  if (!view.datasets.length) {
    host.append(el('p', { class: 'hint' }, 'No dataset yet. In the sidebar\'s report editor choose "This spreadsheet and BigQuery", type a project above, Check access, Save and Run now.'));
    return;
  }
  host.append(el('table', { class: 'bq-table', id: 'bq-table-list', 'aria-labelledby': 'bq-tables-label' },
    el('thead', {}, el('tr', {}, ...['Dataset', 'Name', 'Kind', 'Rows', ''].map((h) => el('th', { scope: 'col' }, h || el('span', { class: 'visually-hidden' }, 'Query'))))),
    el('tbody', {}, ...view.datasets.flatMap((d) => (d.tables.length ? d.tables.map((t) => tableRow(d, t)) : [emptyDataset(d)])))));
}

type Dataset = BigQueryView['datasets'][number];

function tableRow(d: Dataset, t: Dataset['tables'][number]): HTMLTableRowElement {
  const query = el('button', { type: 'button', 'aria-label': `Query ${t.path}` }, 'Query');
  query.addEventListener('click', () => {
    const sql = byId<HTMLTextAreaElement>('bq-sql');
    sql.value = `SELECT * FROM \`${t.path}\` LIMIT 100`;
    void run(sql.value);
  });
  return el('tr', { 'data-table': t.path },
    el('td', {}, `${d.projectId}.${d.datasetId}`),
    el('th', { scope: 'row' }, t.tableId),
    el('td', {}, t.type === 'VIEW' ? 'View' : 'Table'),
    el('td', { class: 'number', title: t.note ?? null }, t.rows === null ? 'unknown' : t.rows.toLocaleString('en-US')),
    el('td', {}, query));
}

function emptyDataset(d: Dataset): HTMLTableRowElement {
  return el('tr', {}, el('td', {}, `${d.projectId}.${d.datasetId}`), el('td', { colspan: 4, class: 'hint' }, `No tables yet (${d.location}): they come with the first run that loads.`));
}

let asked = 0;

async function run(sql: string): Promise<void> {
  const ticket = ++asked;
  const status = byId('bq-result-status');
  const result = byId('bq-result');
  status.classList.remove('error');
  status.textContent = 'Running the query…';
  result.setAttribute('aria-busy', 'true');
  let answer: QueryView;
  try {
    answer = await postJson<QueryView>('/api/bigquery/query', { sql });
  } catch (error) {
    answer = { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  // A newer query wins over one still running.
  if (ticket !== asked) return;
  result.removeAttribute('aria-busy');
  clear(result);
  if (!answer.ok) {
    status.classList.add('error');
    status.textContent = `The query failed: ${answer.error}`;
    return;
  }
  const shown = answer.rows.length;
  status.textContent = answer.total === 0 ? 'The query returned no rows.'
    : shown < answer.total ? `${plural(answer.total, 'row')}; the first ${shown.toLocaleString('en-US')} shown.` : `${plural(answer.total, 'row')}.`;
  if (!shown) return;
  result.append(el('table', { class: 'bq-table', id: 'bq-rows', 'aria-label': 'Query result' },
    el('thead', {}, el('tr', {}, ...answer.columns.map((c) => el('th', { scope: 'col' }, c)))),
    el('tbody', {}, ...answer.rows.map((row) => el('tr', {}, ...row.map((cell) => (cell.text === null
      ? el('td', { class: 'null' }, 'NULL')
      : el('td', { class: cell.number ? 'number' : null }, cell.text))))))));
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
