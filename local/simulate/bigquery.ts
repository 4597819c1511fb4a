// `npm run simulate -- --bigquery`: every saved configuration also loads into a BigQuery dataset of a
// seeded project, and after the run each BigQuery table is written out as a CSV beside the tabs'
// (bigquery/<dataset>.<table>.csv), read back with a plain GoogleSQL SELECT as a person would query it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BigQueryTarget } from '../../src/contract/sidebar';
import type { BigQueryState } from '../apps-script/services/bigquery';
import { csvField, csvFileNames } from '../export';
import type { Stack } from '../platform/stack';

export const SIMULATE_PROJECT = 'sheetgram-simulate';
export const SIMULATE_DATASET = 'sheetgram';
/** Folder inside --out that holds the tables' CSV files. */
export const BIGQUERY_FOLDER = 'bigquery';

export const SIMULATE_TARGET: BigQueryTarget = { projectId: SIMULATE_PROJECT, datasetId: SIMULATE_DATASET, location: 'US' };

export interface BigQueryTableOut {
  /** "project.dataset.table". */
  table: string;
  rows: number;
  columns: number;
  /** File name relative to --out, e.g. "bigquery/sheetgram.user_information.csv". */
  csv: string;
}

/** How one configuration's BigQuery side stood at the end, in the card's words. */
export interface BigQueryLoadOut {
  id: string;
  account: string;
  report: string;
  state: 'ok' | 'pending' | 'failed';
  table: string;
  text: string;
}

export interface BigQuerySummary {
  projectId: string;
  datasetId: string;
  /** What the sidebar's Check access said before the configurations were saved. */
  check: { ok: boolean; message: string };
  tables: BigQueryTableOut[];
  /** Views Sheetgram made ("project.dataset.view"): listed, not exported (they are queries over the tables). */
  views: string[];
  loads: BigQueryLoadOut[];
}

/** The seeded project with billing (MERGE allowed, nothing expires), added unless the caller seeded it. */
export function seedProject(state: BigQueryState): void {
  if (!state.projects.has(SIMULATE_PROJECT)) state.addProject({ projectId: SIMULATE_PROJECT });
}

/** A value of the query's answer as CSV text: NULL empty, booleans true/false, lists as JSON. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Every table (not the views), each ordered by all its columns so that two runs write the same file. */
export function exportBigQuery(state: BigQueryState, out: string): Pick<BigQuerySummary, 'tables' | 'views'> {
  const listed = state.tables().sort((a, b) => `${a.projectId}.${a.datasetId}.${a.tableId}`.localeCompare(`${b.projectId}.${b.datasetId}.${b.tableId}`));
  const tables = listed.filter((t) => t.type === 'TABLE');
  // One project per simulation, so the dataset and table name a file; the project only if several appear.
  const several = new Set(tables.map((t) => t.projectId)).size > 1;
  const files = csvFileNames(tables.map((t) => `${several ? `${t.projectId}.` : ''}${t.datasetId}.${t.tableId}`));
  if (tables.length) mkdirSync(join(out, BIGQUERY_FOLDER), { recursive: true });
  const written = tables.map((t, i) => {
    const path = `${t.projectId}.${t.datasetId}.${t.tableId}`;
    const fields = state.table(t)?.fields ?? [];
    // ORDER BY column positions: GoogleSQL cannot order by a list (REPEATED), so those are left out.
    const order = fields.map((f, n) => (f.mode === 'REPEATED' ? 0 : n + 1)).filter((n) => n > 0);
    const rows = state.query(`SELECT * FROM \`${path}\`${order.length ? ` ORDER BY ${order.join(', ')}` : ''}`);
    const header = fields.map((f) => f.name);
    const lines = [header, ...rows.map((r) => header.map((h) => cellText(r[h])))];
    writeFileSync(join(out, BIGQUERY_FOLDER, files[i]), `${lines.map((l) => l.map(csvField).join(',')).join('\r\n')}\r\n`, 'utf8');
    return { table: path, rows: rows.length, columns: header.length, csv: `${BIGQUERY_FOLDER}/${files[i]}` };
  });
  return { tables: written, views: listed.filter((t) => t.type === 'VIEW').map((t) => `${t.projectId}.${t.datasetId}.${t.tableId}`) };
}

interface CardView {
  id: string;
  accountId: string;
  reportId: string;
  bigqueryStatus?: { state: BigQueryLoadOut['state']; table: string; text: string };
}

/** What each configuration's card says about BigQuery at the end (the sidebar's own view). */
export function bigQueryLoads(stack: Stack): BigQueryLoadOut[] {
  const state = stack.rt.call('getSidebarState') as { accounts: { id: string; username: string }[]; configurations: CardView[] };
  const names = new Map(state.accounts.map((a) => [a.id, a.username]));
  return state.configurations.filter((c) => c.bigqueryStatus).map((c) => ({
    id: c.id, account: names.get(c.accountId) ?? c.accountId, report: c.reportId, ...c.bigqueryStatus!,
  }));
}
