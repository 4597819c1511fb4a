// A recording, in-memory BigQuery behind the BigQueryPort, for tests of src/core/bigquery. Projects hold
// datasets (location, default expiry), datasets hold tables (columns, partitioning, rows) and views.
// Load jobs check every JSON value against its column's type as BigQuery does (one bad value fails the
// whole load). Of SQL it knows the two statement shapes of statements.ts only, recognised by regex and
// applied to the rows: the MERGE that replaces one account's days (delete those days of that account,
// insert the staged rows) and the query whose rows replace one day's partition ($YYYYMMDD destination).
// Anything else throws. Every call is recorded before it runs; a call can be told to fail with
// BigQuery's code, reason and message; a sandbox project refuses DML with BigQuery's own words.
import { BigQueryFailure } from '../../../src/core/bigquery/errors';
import type { BigQueryPort, Column, DatasetInfo, QueryParameter, TableExpiry, TableSpec } from '../../../src/core/bigquery/port';

export type Value = string | number | boolean | null;
export type Row = Record<string, Value>;

export interface FakeTable {
  columns: Column[];
  /** Absent for a table a load job made (the staging table). */
  spec?: TableSpec;
  rows: Row[];
  /** When BigQuery would remove it by itself (expireTable, or the dataset's default expiry). */
  expiresAt?: number;
  /** How long its partitions are kept (the dataset's default expiry). */
  partitionExpirationMs?: number;
}

export interface FakeView {
  query: string;
  description: string;
}

export interface FakeDataset {
  location: string;
  defaultTableExpirationMs?: number;
  description?: string;
  tables: Map<string, FakeTable>;
  views: Map<string, FakeView>;
}

interface FakeProject {
  /** No billing account: DML is refused and new datasets expire their tables after 60 days. */
  sandbox: boolean;
  datasets: Map<string, FakeDataset>;
}

export type Method = keyof BigQueryPort;

export interface Call {
  method: Method;
  args: unknown[];
}

/** BigQuery's answer to a DML statement in a sandbox project (reason billingNotEnabled). */
export const SANDBOX_DML_MESSAGE = 'Billing has not been enabled for this project. Enable billing at https://console.cloud.google.com/billing. DML queries are not allowed in the free tier. Set up a billing account to remove this restriction.';
/** The default table expiry BigQuery gives a sandbox's datasets. */
export const SANDBOX_EXPIRY_MS = 60 * 86_400_000;
/** What Apps Script throws when the person did not grant the BigQuery scope. */
export const NO_SCOPE_MESSAGE = 'Specified permissions are not sufficient to call BigQuery.Datasets.get. Required permissions: https://www.googleapis.com/auth/bigquery';

export interface FailureSpec {
  code: number;
  reason: string;
  message: string;
}

interface Planned {
  method: Method;
  failure: FailureSpec;
  match?: (args: unknown[]) => boolean;
  times: number;
}

const invalid = (message: string) => new BigQueryFailure(message, 400, 'invalid');
const invalidQuery = (message: string) => new BigQueryFailure(`Query error: ${message}`, 400, 'invalidQuery');

/** project.dataset.table, the project possibly domain-scoped ("example.com:proj"). */
function splitPath(path: string): { projectId: string; datasetId: string; tableId: string } {
  const m = /^(.+)\.([A-Za-z0-9_]+)\.([A-Za-z0-9_]+)$/.exec(path);
  if (!m) throw invalidQuery(`Invalid table name: ${path}`);
  return { projectId: m[1], datasetId: m[2], tableId: m[3] };
}

function identifiers(list: string): string[] {
  return list.split(',').map((s) => s.trim()).filter(Boolean);
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function isDay(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DAY.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** A JSON value as BigQuery's JSON loader takes it for a column type, or an error in its words. */
function typed(value: unknown, column: Column): Value {
  if (value === null || value === undefined) {
    if (column.mode === 'REQUIRED') throw invalid(`Error while reading data, error message: JSON parsing error in row: Missing required field: ${column.name}.`);
    return null;
  }
  const refuse = () => invalid(`Error while reading data, error message: JSON parsing error in row: Could not convert value '${JSON.stringify(value)}' to ${column.type} for field: ${column.name}.`);
  switch (column.type) {
    case 'STRING':
      if (typeof value !== 'string') throw refuse();
      return value;
    case 'INT64':
      if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
      if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
      throw refuse();
    case 'FLOAT64':
      if (typeof value === 'number' && Number.isFinite(value)) return value;
      throw refuse();
    case 'BOOL':
      if (typeof value === 'boolean') return value;
      throw refuse();
    case 'DATE':
      if (isDay(value)) return value;
      throw refuse();
    case 'TIMESTAMP':
      if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/.test(value) && Number.isFinite(Date.parse(value))) return value;
      throw refuse();
  }
}

const MERGE = new RegExp([
  /^\s*MERGE\s+(?:INTO\s+)?`([^`]+)`\s+(?:AS\s+)?(\w+)\s+/.source,
  /USING\s+`([^`]+)`\s+(?:AS\s+)?(\w+)\s+/.source,
  /ON\s+FALSE\s+/.source,
  /WHEN\s+NOT\s+MATCHED\s+BY\s+SOURCE\s+AND\s+(\w+)\.account_id\s*=\s*@account_id\s+AND\s+(\w+)\.snapshot_date\s+IN\s+UNNEST\(\s*@snapshot_dates\s*\)\s+THEN\s+DELETE\s+/.source,
  /WHEN\s+NOT\s+MATCHED(?:\s+BY\s+TARGET)?\s+THEN\s+INSERT\s*(?:(ROW)|\(([^)]*)\)\s*VALUES\s*\(([^)]*)\))\s*;?\s*$/.source,
].join(''), 'i');

const REWRITE = new RegExp([
  /^\s*SELECT\s+([\w\s,]+?)\s+FROM\s+`([^`]+)`\s+WHERE\s+snapshot_date\s*=\s*@snapshot_date\s+AND\s+account_id\s*(?:!=|<>)\s*@account_id\s+/.source,
  /UNION\s+ALL\s+/.source,
  /SELECT\s+([\w\s,]+?)\s+FROM\s+`([^`]+)`\s+WHERE\s+snapshot_date\s*=\s*@snapshot_date\s*;?\s*$/.source,
].join(''), 'i');

/** otherLoader (statements.ts): who else loaded the account's rows, and up to which day. */
const OTHER_LOADER = /^\s*SELECT\s+loaded_by\s*,\s*CAST\(\s*MAX\(\s*snapshot_date\s*\)\s+AS\s+STRING\s*\)\s+AS\s+last_day\s+FROM\s+`([^`]+)`\s+WHERE\s+account_id\s*=\s*@account_id\s+AND\s+loaded_by\s+IS\s+NOT\s+NULL\s+AND\s+loaded_by\s*!=\s*@loaded_by\s+GROUP\s+BY\s+loaded_by\s+LIMIT\s+20\s*;?\s*$/i;

export class FakeBigQuery implements BigQueryPort {
  readonly calls: Call[] = [];
  /** Whether the person granted the BigQuery scope. */
  consented = true;
  consentLink: string | null = 'https://accounts.google.com/o/oauth2/v2/auth?scope=https%3A%2F%2Fwww.googleapis.com%2Fauth%2Fbigquery';
  /** Called after each call is recorded and before it runs (for example to move a fake clock: jobs take time). */
  onCall?: (call: Call) => void;
  /** The time new tables' expiries count from (tests with a fake clock pass its now). */
  now: () => number = () => 0;
  private readonly projects = new Map<string, FakeProject>();
  private planned: Planned[] = [];

  constructor(projectIds: string[] = ['acme-marketing']) {
    for (const id of projectIds) this.addProject(id);
  }

  addProject(projectId: string, options: { sandbox?: boolean } = {}): this {
    this.projects.set(projectId, { sandbox: options.sandbox ?? false, datasets: new Map() });
    return this;
  }

  /** The project has no billing account: DML refused, new datasets' tables expire after 60 days. */
  sandbox(projectId: string): this {
    this.project(projectId).sandbox = true;
    return this;
  }

  /** A dataset someone made before (in the Cloud console). */
  addDataset(projectId: string, datasetId: string, info: DatasetInfo): this {
    this.project(projectId).datasets.set(datasetId, { ...info, tables: new Map(), views: new Map() });
    return this;
  }

  /** The next `times` calls of the method (that `match` their arguments) throw BigQuery's failure. */
  fail(method: Method, failure: FailureSpec, options: { match?: (args: unknown[]) => boolean; times?: number } = {}): this {
    this.planned.push({ method, failure, match: options.match, times: options.times ?? 1 });
    return this;
  }

  dataset(projectId: string, datasetId: string): FakeDataset | undefined {
    return this.projects.get(projectId)?.datasets.get(datasetId);
  }

  table(projectId: string, datasetId: string, tableId: string): FakeTable | undefined {
    return this.dataset(projectId, datasetId)?.tables.get(tableId);
  }

  /** A table's rows (every column present, NULL as null); [] for a missing table. */
  rows(projectId: string, datasetId: string, tableId: string): Row[] {
    return this.table(projectId, datasetId, tableId)?.rows ?? [];
  }

  callsOf(method: Method): Call[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** The statements run, with their parameters and destination. */
  statements(): { sql: string; params: QueryParameter[]; destination?: { datasetId: string; tableId: string } }[] {
    return this.callsOf('query').map((c) => ({
      sql: c.args[1] as string, params: c.args[2] as QueryParameter[], destination: c.args[3] as { datasetId: string; tableId: string } | undefined,
    }));
  }

  /** The rows each load job carried, parsed. */
  loads(): { tableId: string; rows: Row[]; disposition: string }[] {
    return this.callsOf('load').map((c) => ({
      tableId: c.args[2] as string,
      rows: (c.args[3] as string).split('\n').filter(Boolean).map((l) => JSON.parse(l) as Row),
      disposition: c.args[5] as string,
    }));
  }

  // ---- the port ----

  getDataset(projectId: string, datasetId: string): DatasetInfo | null {
    this.record('getDataset', [projectId, datasetId]);
    const dataset = this.project(projectId, true).datasets.get(datasetId);
    return dataset ? info(dataset) : null;
  }

  createDataset(projectId: string, datasetId: string, location: string, description: string): DatasetInfo {
    this.record('createDataset', [projectId, datasetId, location, description]);
    const project = this.project(projectId, true);
    if (!IDENTIFIER.test(datasetId.replace(/^[0-9]/, '_'))) throw invalid(`Invalid dataset ID "${datasetId}".`);
    if (project.datasets.has(datasetId)) throw new BigQueryFailure(`Already Exists: Dataset ${projectId}:${datasetId}`, 409, 'duplicate');
    const dataset: FakeDataset = {
      location, description, tables: new Map(), views: new Map(), ...(project.sandbox ? { defaultTableExpirationMs: SANDBOX_EXPIRY_MS } : {}),
    };
    project.datasets.set(datasetId, dataset);
    return info(dataset);
  }

  getTableColumns(projectId: string, datasetId: string, tableId: string): string[] | null {
    this.record('getTableColumns', [projectId, datasetId, tableId]);
    const dataset = this.existingDataset(projectId, datasetId);
    const table = dataset.tables.get(tableId);
    if (table) return table.columns.map((c) => c.name);
    // BigQuery's tables.get answers for a view too (its schema is the query's); the names do not matter here.
    return dataset.views.has(tableId) ? [] : null;
  }

  getTableExpiry(projectId: string, datasetId: string, tableId: string): TableExpiry | null {
    this.record('getTableExpiry', [projectId, datasetId, tableId]);
    const table = this.existingDataset(projectId, datasetId).tables.get(tableId);
    if (!table) return null;
    return { ...(table.expiresAt !== undefined ? { expiresAt: table.expiresAt } : {}), ...(table.partitionExpirationMs !== undefined ? { partitionExpirationMs: table.partitionExpirationMs } : {}) };
  }

  createTable(projectId: string, datasetId: string, tableId: string, spec: TableSpec): void {
    this.record('createTable', [projectId, datasetId, tableId, spec]);
    const dataset = this.existingDataset(projectId, datasetId);
    if (dataset.tables.has(tableId) || dataset.views.has(tableId)) throw new BigQueryFailure(`Already Exists: Table ${projectId}:${datasetId}.${tableId}`, 409, 'duplicate');
    const names = new Set<string>();
    for (const c of spec.columns) {
      if (!IDENTIFIER.test(c.name)) throw invalid(`Invalid field name "${c.name}". Fields must contain only letters, numbers, and underscores, start with a letter or underscore, and be at most 300 characters long.`);
      if (names.has(c.name.toLowerCase())) throw invalid(`Field ${c.name} already exists in schema`);
      names.add(c.name.toLowerCase());
    }
    const partition = spec.columns.find((c) => c.name === spec.partitionBy);
    if (!partition || (partition.type !== 'DATE' && partition.type !== 'TIMESTAMP')) throw invalid(`The field specified for partitioning must be a top-level DATE or TIMESTAMP field: ${spec.partitionBy}`);
    if (spec.clusterBy.length > 4) throw invalid('Too many clustering fields: 5, only 4 are allowed.');
    for (const c of spec.clusterBy) if (!names.has(c.toLowerCase())) throw invalid(`The field specified for clustering cannot be found in the schema. Invalid field: ${c}.`);
    // A dataset's default expiry (a sandbox's 60 days) goes to its new tables and their partitions.
    const expiry = dataset.defaultTableExpirationMs;
    dataset.tables.set(tableId, {
      columns: spec.columns.map((c) => ({ ...c })), spec, rows: [],
      ...(spec.expiresAt !== undefined ? { expiresAt: spec.expiresAt } : expiry !== undefined ? { expiresAt: this.now() + expiry } : {}),
      ...(expiry !== undefined ? { partitionExpirationMs: expiry } : {}),
    });
  }

  addColumns(projectId: string, datasetId: string, tableId: string, all: Column[]): void {
    this.record('addColumns', [projectId, datasetId, tableId, all]);
    const table = this.existingTable(projectId, datasetId, tableId);
    for (const column of all) {
      const had = table.columns.find((c) => c.name.toLowerCase() === column.name.toLowerCase());
      if (had) {
        if (had.type !== column.type) throw invalid(`Provided Schema does not match Table ${projectId}:${datasetId}.${tableId}. Field ${column.name} has changed type from ${had.type} to ${column.type}`);
        continue;
      }
      if (column.mode === 'REQUIRED') throw invalid(`Provided Schema does not match Table ${projectId}:${datasetId}.${tableId}. Cannot add required fields to an existing schema. (field: ${column.name})`);
      table.columns.push({ ...column });
      for (const row of table.rows) row[column.name] = null;
    }
  }

  expireTable(projectId: string, datasetId: string, tableId: string, at: number): void {
    this.record('expireTable', [projectId, datasetId, tableId, at]);
    const table = this.table(projectId, datasetId, tableId);
    if (table) table.expiresAt = at;
  }

  removeTable(projectId: string, datasetId: string, tableId: string): void {
    this.record('removeTable', [projectId, datasetId, tableId]);
    this.existingDataset(projectId, datasetId).tables.delete(tableId);
  }

  putView(projectId: string, datasetId: string, viewId: string, query: string, description: string): void {
    this.record('putView', [projectId, datasetId, viewId, query, description]);
    const dataset = this.existingDataset(projectId, datasetId);
    if (dataset.tables.has(viewId)) throw new BigQueryFailure(`Already Exists: Table ${projectId}:${datasetId}.${viewId}`, 409, 'duplicate');
    dataset.views.set(viewId, { query, description });
  }

  load(projectId: string, datasetId: string, tableId: string, ndjson: string, columns: Column[], disposition: 'WRITE_TRUNCATE' | 'WRITE_APPEND'): number {
    this.record('load', [projectId, datasetId, tableId, ndjson, columns, disposition]);
    const dataset = this.existingDataset(projectId, datasetId);
    const byName = new Map(columns.map((c) => [c.name, c]));
    const rows = ndjson.split('\n').filter((l) => l.trim() !== '').map((line) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        throw invalid(`Error while reading data, error message: JSON table encountered too many errors, giving up. Rows: 1; errors: 1. Malformed JSON: ${line.slice(0, 60)}`);
      }
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw invalid('Error while reading data, error message: JSON parsing error in row: a row is not an object.');
      const source = parsed as Record<string, unknown>;
      for (const key of Object.keys(source)) if (!byName.has(key)) throw invalid(`Error while reading data, error message: JSON parsing error in row: No such field: ${key}.`);
      return Object.fromEntries(columns.map((c) => [c.name, typed(source[c.name], c)])) as Row;
    });
    const existing = dataset.tables.get(tableId);
    if (!existing || disposition === 'WRITE_TRUNCATE') {
      dataset.tables.set(tableId, { columns: columns.map((c) => ({ ...c })), ...(existing?.spec ? { spec: existing.spec } : {}), rows });
    } else {
      for (const c of columns) {
        const had = existing.columns.find((x) => x.name === c.name);
        if (!had) throw invalid(`Provided Schema does not match Table ${projectId}:${datasetId}.${tableId}. Cannot add fields (field: ${c.name})`);
        if (had.type !== c.type) throw invalid(`Provided Schema does not match Table ${projectId}:${datasetId}.${tableId}. Field ${c.name} has changed type from ${had.type} to ${c.type}`);
      }
      for (const r of rows) existing.rows.push(Object.fromEntries(existing.columns.map((c) => [c.name, r[c.name] ?? null])) as Row);
    }
    return rows.length;
  }

  query(projectId: string, sql: string, params: QueryParameter[], destination?: { datasetId: string; tableId: string }): { rows: (string | null)[][]; affected: number } {
    this.record('query', [projectId, sql, params, destination]);
    const project = this.project(projectId, true);
    const merge = MERGE.exec(sql);
    if (merge) {
      if (destination) throw invalidQuery('Cannot set destination table in jobs with DML statements');
      if (project.sandbox) throw new BigQueryFailure(SANDBOX_DML_MESSAGE, 403, 'billingNotEnabled');
      return { rows: [], affected: this.merge(merge, params) };
    }
    const loader = OTHER_LOADER.exec(sql);
    if (loader) {
      const value = (name: string) => params.find((p) => p.name === name)?.value;
      const last = new Map<string, string>();
      for (const r of this.tableAt(loader[1]).rows) {
        const by = r.loaded_by as string | null;
        if (r.account_id !== value('account_id') || by === null || by === undefined || by === value('loaded_by')) continue;
        const day = String(r.snapshot_date);
        if (!last.has(by) || (last.get(by) as string) < day) last.set(by, day);
      }
      return { rows: [...last].slice(0, 20), affected: 0 };
    }
    const rewrite = REWRITE.exec(sql);
    if (rewrite) {
      if (!destination) throw new Error('FakeBigQuery: only the partition rewrite (with a $YYYYMMDD destination) is implemented of this SELECT');
      this.rewrite(projectId, rewrite, params, destination);
      return { rows: [], affected: 0 };
    }
    throw new Error(`FakeBigQuery: this statement is not implemented:\n${sql}`);
  }

  allowed(): boolean {
    this.record('allowed', [], false);
    return this.consented;
  }

  consentUrl(): string | null {
    this.record('consentUrl', [], false);
    return this.consentLink;
  }

  // ---- inside ----

  private record(method: Method, args: unknown[], needsScope = true): void {
    const call = { method, args };
    this.calls.push(call);
    this.onCall?.(call);
    const planned = this.planned.find((p) => p.method === method && (!p.match || p.match(args)));
    if (planned) {
      planned.times--;
      if (planned.times <= 0) this.planned.splice(this.planned.indexOf(planned), 1);
      throw new BigQueryFailure(planned.failure.message, planned.failure.code, planned.failure.reason);
    }
    if (needsScope && !this.consented) throw new BigQueryFailure(NO_SCOPE_MESSAGE, 0, '');
  }

  private project(projectId: string, asBigQuery = false): FakeProject {
    const project = this.projects.get(projectId);
    if (project) return project;
    if (asBigQuery) throw new BigQueryFailure(`Not found: Project ${projectId}`, 404, 'notFound');
    throw new Error(`FakeBigQuery: no project ${projectId} in this test`);
  }

  private existingDataset(projectId: string, datasetId: string): FakeDataset {
    const dataset = this.project(projectId, true).datasets.get(datasetId);
    if (!dataset) throw new BigQueryFailure(`Not found: Dataset ${projectId}:${datasetId}`, 404, 'notFound');
    return dataset;
  }

  private existingTable(projectId: string, datasetId: string, tableId: string): FakeTable {
    const table = this.existingDataset(projectId, datasetId).tables.get(tableId);
    if (!table) throw new BigQueryFailure(`Not found: Table ${projectId}:${datasetId}.${tableId}`, 404, 'notFound');
    return table;
  }

  private tableAt(path: string): FakeTable {
    const { projectId, datasetId, tableId } = splitPath(path);
    return this.existingTable(projectId, datasetId, tableId);
  }

  private merge(m: RegExpExecArray, params: QueryParameter[]): number {
    const [, targetPath, targetAlias, sourcePath, sourceAlias, accountAlias, dayAlias, insertRow, insertList, valueList] = m;
    const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
    if (!same(accountAlias, targetAlias) || !same(dayAlias, targetAlias)) throw invalidQuery(`Unrecognized name: ${same(accountAlias, targetAlias) ? dayAlias : accountAlias}`);
    const accountId = param(params, 'account_id', 'STRING', false) as string;
    const days = param(params, 'snapshot_dates', 'DATE', true) as string[];
    const target = this.tableAt(targetPath);
    const source = this.tableAt(sourcePath);
    const column = (table: FakeTable, name: string) => table.columns.find((c) => same(c.name, name));

    let pairs: [Column, Column][];
    if (insertRow) {
      if (source.columns.length !== target.columns.length) throw invalidQuery(`INSERT ROW requires the source to have as many columns as the target (${source.columns.length} vs ${target.columns.length})`);
      pairs = target.columns.map((c, i) => [c, source.columns[i]]);
    } else {
      const into = identifiers(insertList);
      const values = identifiers(valueList);
      if (into.length !== values.length) throw invalidQuery(`Inserted row has wrong column count; Has ${values.length}, expected ${into.length}`);
      pairs = into.map((name, i) => {
        const to = column(target, name);
        if (!to) throw invalidQuery(`Column ${name} is not present in table ${targetPath}`);
        const expr = values[i];
        const dotted = /^(\w+)\.(\w+)$/.exec(expr);
        let from: Column | undefined;
        if (dotted) {
          if (!same(dotted[1], sourceAlias)) throw invalidQuery(`Unrecognized name: ${dotted[1]}`);
          from = column(source, dotted[2]);
          if (!from) throw invalidQuery(`Name ${dotted[2]} not found inside ${sourceAlias}`);
        } else {
          // GoogleSQL: a range variable takes precedence over a column of the same name, so an unqualified
          // `source` is the whole staged row (a STRUCT), not its column (as BigQuery answers, see
          // GoogleCloudDataproc/spark-bigquery-connector#1476).
          if (same(expr, sourceAlias) || same(expr, targetAlias)) {
            throw invalidQuery(`Value has type STRUCT<${source.columns.map((c) => `${c.name} ${c.type}`).join(', ')}> which cannot be inserted into column ${to.name}, which has type ${to.type}`);
          }
          if (!IDENTIFIER.test(expr)) throw new Error(`FakeBigQuery: only column names are implemented in MERGE ... VALUES, not ${expr}`);
          from = column(source, expr);
          if (!from) throw invalidQuery(`Unrecognized name: ${expr}`);
        }
        return [to, from];
      });
    }
    for (const [to, from] of pairs) {
      if (to.type !== from.type) throw invalidQuery(`Value of type ${from.type} cannot be inserted into column ${to.name}, which has type ${to.type}`);
    }
    for (const c of target.columns) {
      if (c.mode === 'REQUIRED' && !pairs.some(([to]) => to === c)) throw invalidQuery(`Required field ${c.name} cannot be null`);
    }
    const kept = target.rows.filter((r) => !(r.account_id === accountId && days.includes(r.snapshot_date as string)));
    const deleted = target.rows.length - kept.length;
    const inserted = source.rows.map((r) => {
      const out: Row = Object.fromEntries(target.columns.map((c) => [c.name, null]));
      for (const [to, from] of pairs) out[to.name] = r[from.name] ?? null;
      for (const c of target.columns) if (c.mode === 'REQUIRED' && out[c.name] === null) throw new BigQueryFailure(`Required field ${c.name} cannot be null`, 400, 'invalidQuery');
      return out;
    });
    target.rows = [...kept, ...inserted];
    return deleted + inserted.length;
  }

  private rewrite(projectId: string, m: RegExpExecArray, params: QueryParameter[], destination: { datasetId: string; tableId: string }): void {
    const [, keptList, tablePath, stagedList, stagingPath] = m;
    const accountId = param(params, 'account_id', 'STRING', false) as string;
    const day = param(params, 'snapshot_date', 'DATE', false) as string;
    const table = this.tableAt(tablePath);
    const staging = this.tableAt(stagingPath);
    const kept = identifiers(keptList);
    const staged = identifiers(stagedList);
    if (kept.length !== staged.length) throw invalidQuery(`Queries in UNION ALL have mismatched column count; query 1 has ${kept.length} columns, query 2 has ${staged.length} columns`);
    const col = (t: FakeTable, name: string, path: string) => {
      const c = t.columns.find((x) => x.name.toLowerCase() === name.toLowerCase());
      if (!c) throw invalidQuery(`Unrecognized name: ${name} (in ${path})`);
      return c;
    };
    const keptColumns = kept.map((n) => col(table, n, tablePath));
    const stagedColumns = staged.map((n) => col(staging, n, stagingPath));
    keptColumns.forEach((c, i) => {
      if (c.type !== stagedColumns[i].type) throw invalidQuery(`Column ${i + 1} in UNION ALL has incompatible types: ${c.type}, ${stagedColumns[i].type}`);
    });

    const decorated = /^(\w+)\$(\d{4})(\d{2})(\d{2})$/.exec(destination.tableId);
    if (!decorated) throw new Error(`FakeBigQuery: only a destination with a $YYYYMMDD partition decorator is implemented, not ${destination.tableId}`);
    const dest = this.existingTable(projectId, destination.datasetId, decorated[1]);
    if (!dest.spec) throw invalid(`Partition decorators are only valid for partitioned tables: ${decorated[1]}`);
    const partitionDay = `${decorated[2]}-${decorated[3]}-${decorated[4]}`;
    const partitionColumn = dest.spec.partitionBy;

    const result: Row[] = [
      ...table.rows.filter((r) => r.snapshot_date === day && r.account_id !== accountId).map((r) => Object.fromEntries(kept.map((n, i) => [n, r[keptColumns[i].name] ?? null])) as Row),
      ...staging.rows.filter((r) => r.snapshot_date === day).map((r) => Object.fromEntries(kept.map((n, i) => [n, r[stagedColumns[i].name] ?? null])) as Row),
    ];
    // Written into the destination by column name; every row must belong to the decorated partition.
    for (const n of kept) {
      const to = dest.columns.find((c) => c.name === n);
      if (!to) throw invalid(`Provided Schema does not match Table ${projectId}:${destination.datasetId}.${decorated[1]}. Cannot add fields (field: ${n})`);
    }
    const rows = result.map((r) => {
      const out: Row = Object.fromEntries(dest.columns.map((c) => [c.name, r[c.name] ?? null]));
      for (const c of dest.columns) if (c.mode === 'REQUIRED' && out[c.name] === null) throw invalid(`Required field ${c.name} cannot be null`);
      if (out[partitionColumn] !== partitionDay) throw invalid(`Some rows belong to different partitions rather than destination partition ${decorated[2]}${decorated[3]}${decorated[4]}`);
      return out;
    });
    dest.rows = [...dest.rows.filter((r) => r[partitionColumn] !== partitionDay), ...rows];
  }
}

function info(dataset: FakeDataset): DatasetInfo {
  return { location: dataset.location, ...(dataset.defaultTableExpirationMs !== undefined ? { defaultTableExpirationMs: dataset.defaultTableExpirationMs } : {}) };
}

function param(params: QueryParameter[], name: string, type: QueryParameter['type'], list: boolean): string | string[] {
  const p = params.find((x) => x.name === name);
  if (!p) throw invalidQuery(`Query parameter '${name}' not found`);
  if (p.type !== type || Array.isArray(p.value) !== list) throw invalidQuery(`Query parameter '${name}' has type ${Array.isArray(p.value) ? `ARRAY<${p.type}>` : p.type}, expected ${list ? `ARRAY<${type}>` : type}`);
  if (type === 'DATE') for (const v of list ? (p.value as string[]) : [p.value as string]) if (!isDay(v)) throw invalidQuery(`Invalid DATE value in parameter '${name}': ${v}`);
  return p.value;
}

