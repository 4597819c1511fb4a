// Query statements: parameters read and checked, GoogleSQL translated with every table checked
// (project, access, dataset location, existence), the statement bound and planned by DuckDB before
// the job starts (so mistakes fail fast, as in BigQuery), then run when the job's time has come.
import { EngineError, type EngineParam, type EngineResult, type EngineStep } from './engine';
import { BigQueryError, BQ_ERRORS } from './errors';
import { duckTable, tableName, type TableRef } from './names';
import { fromEngine } from './sql/engine-errors';
import { translate, type DeclaredParam, type Translation } from './sql/translate';
import type { BigQueryState, QueryResultData } from './state';
import { bqTypeOfDuck, type Field } from './types';
import { datetimeLiteral, parseDate, parseDatetime, parseTimestamp, timestampLiteral, type EngineValue } from './values';

const PARAM_TYPES: Record<string, string> = {
  STRING: 'VARCHAR',
  INT64: 'BIGINT',
  FLOAT64: 'DOUBLE',
  BOOL: 'BOOLEAN',
  NUMERIC: 'DECIMAL(38,9)',
  DATE: 'DATE',
  TIMESTAMP: 'TIMESTAMPTZ',
  DATETIME: 'TIMESTAMP',
};
const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A parameter's text as DuckDB reads its type, or BigQuery's refusal. */
function paramText(name: string, type: string, value: unknown, path: string): string | null {
  if (value === undefined || value === null) return null;
  // The API field is a string; a JavaScript number would not get through Google's JSON parser.
  if (typeof value !== 'string') throw BQ_ERRORS.invalid(`Invalid JSON payload received. Invalid value at '${path}' (TYPE_STRING), ${JSON.stringify(value)}`);
  const bad = () => BQ_ERRORS.badParameter(name, type, value);
  switch (type) {
    case 'STRING':
      return value;
    case 'INT64': {
      if (!/^[+-]?\d+$/.test(value.trim())) throw bad();
      const n = BigInt(value.trim());
      if (n < -(2n ** 63n) || n >= 2n ** 63n) throw bad();
      return n.toString();
    }
    case 'FLOAT64':
      if (!NUMBER_TEXT.test(value.trim()) && !/^[+-]?(nan|inf|infinity)$/i.test(value.trim())) throw bad();
      return value.trim();
    case 'NUMERIC':
      if (!NUMBER_TEXT.test(value.trim())) throw bad();
      return value.trim();
    case 'BOOL':
      if (!/^(true|false)$/i.test(value.trim())) throw bad();
      return value.trim().toLowerCase();
    case 'DATE': {
      const day = parseDate(value.trim());
      if (!day) throw bad();
      return day;
    }
    case 'TIMESTAMP': {
      const micros = parseTimestamp(value);
      if (micros === null) throw bad();
      return timestampLiteral(micros);
    }
    case 'DATETIME': {
      const micros = parseDatetime(value);
      if (micros === null) throw bad();
      return datetimeLiteral(micros);
    }
    default:
      throw bad();
  }
}

export interface BoundParams {
  declared: Map<string, DeclaredParam>;
  values: Map<string, EngineParam>;
}

/** queryParameters ([{ name, parameterType: { type, arrayType }, parameterValue: { value, arrayValues } }]). */
export function readParams(mode: unknown, parameters: unknown, at: string): BoundParams {
  const declared = new Map<string, DeclaredParam>();
  const values = new Map<string, EngineParam>();
  if (parameters === undefined || parameters === null) return { declared, values };
  if (!Array.isArray(parameters)) throw BQ_ERRORS.invalid(`Invalid JSON payload received. Invalid value at '${at}'`);
  if (parameters.length && mode !== undefined && String(mode).toUpperCase() !== 'NAMED') {
    throw BQ_ERRORS.notImplemented(`parameterMode ${mode}; use NAMED parameters (@name)`);
  }
  parameters.forEach((p: any, n) => {
    const path = `${at}[${n}]`;
    const name = String(p?.name ?? '');
    if (!name) throw BQ_ERRORS.notImplemented('positional (unnamed) query parameters; give every parameter a name');
    const type = String(p?.parameterType?.type ?? '').toUpperCase();
    let duckType: string;
    let value: EngineParam;
    if (type === 'ARRAY') {
      const inner = String(p?.parameterType?.arrayType?.type ?? '').toUpperCase();
      if (!PARAM_TYPES[inner]) throw inner === 'STRUCT' ? BQ_ERRORS.notImplemented('STRUCT query parameters') : BQ_ERRORS.invalidQuery(`Invalid query parameter type: ARRAY<${inner}>`);
      duckType = `${PARAM_TYPES[inner]}[]`;
      const items = p?.parameterValue?.arrayValues;
      if (items !== undefined && !Array.isArray(items)) throw BQ_ERRORS.invalid(`Invalid JSON payload received. Invalid value at '${path}.parameter_value.array_values'`);
      value = { list: true, value: (items ?? []).map((item: any, k: number) => paramText(name, inner, item?.value, `${path}.parameter_value.array_values[${k}].value`)) };
    } else {
      if (!PARAM_TYPES[type]) throw type === 'STRUCT' ? BQ_ERRORS.notImplemented('STRUCT query parameters') : BQ_ERRORS.invalidQuery(`Invalid query parameter type: ${type || '(none)'}`);
      duckType = PARAM_TYPES[type];
      value = { list: false, value: paramText(name, type, p?.parameterValue?.value, `${path}.parameter_value.value`) };
    }
    const key = name.toLowerCase();
    if (declared.has(key)) throw BQ_ERRORS.invalidQuery(`Duplicate query parameter name: ${name}`);
    declared.set(key, { name, duckType });
    values.set(key, value);
  });
  return { declared, values };
}

export interface PreparedQuery {
  source: string;
  translation: Translation;
  params: Record<string, EngineParam>;
  location: string;
  bytes: number;
  dml: boolean;
  /** A SELECT's result columns, as planned (dry runs answer with them). */
  columns: { name: string; type: string }[];
}

export interface QueryRequest {
  query: unknown;
  useLegacySql: unknown;
  parameterMode?: unknown;
  queryParameters?: unknown;
  defaultDataset?: { projectId?: string; datasetId?: string };
  /** Where the job runs, when the caller says. */
  location?: string;
  /** The destination's dataset (its location decides the job's when nothing else does). */
  destination?: TableRef;
}

/** Everything BigQuery checks before a query job starts. Throws BigQueryError. */
export function prepareQuery(state: BigQueryState, user: string, projectId: string, request: QueryRequest, paramsAt: string): PreparedQuery {
  // The API's default is legacy SQL: a script that forgets useLegacySql: false runs legacy SQL.
  if (request.useLegacySql !== false) throw BQ_ERRORS.notImplemented('legacy SQL (set useLegacySql: false; the API runs legacy SQL when it is not set)', 'invalidQuery');
  if (typeof request.query !== 'string') throw BQ_ERRORS.invalid('Required parameter is missing: query');
  const source = request.query;
  if (source.length > state.settings.limits.queryCharacters) throw BQ_ERRORS.queryTooLarge();
  const { declared, values } = readParams(request.parameterMode, request.queryParameters, paramsAt);
  const requestBytes = Buffer.byteLength(source) + [...values.values()].reduce((sum, v) => sum + Buffer.byteLength(JSON.stringify(v.value)), 0);
  if (requestBytes > state.settings.limits.queryRequestBytes) throw BQ_ERRORS.requestTooLarge(state.settings.limits.queryRequestBytes);
  const refs: { ref: TableRef; role: 'read' | 'target' }[] = [];
  const translation = translate(source, {
    defaultProject: request.defaultDataset?.projectId ?? projectId,
    defaultDataset: request.defaultDataset?.datasetId,
    params: declared,
    resolve: (ref, role) => {
      refs.push({ ref, role });
      return duckTable(ref);
    },
  });
  const dml = translation.statementType !== 'SELECT';
  const location = jobLocation(state, request.location, [...refs.map((r) => r.ref), ...(request.destination ? [request.destination] : [])]);
  for (const { ref, role } of refs) checkTable(state, user, ref, role, location);
  const project = state.projects.get(projectId)!;
  if (dml && !project.billing) throw BQ_ERRORS.billingDml();
  const params = Object.fromEntries(translation.usedParams.map((key) => [key, values.get(key)!]));
  // Bind and plan now: unknown columns, grouping and type mistakes fail before the job runs.
  const check = dml ? `EXPLAIN ${translation.sql}` : `SELECT * FROM (${translation.sql}) AS q LIMIT 0`;
  const checked = run(state, source, [{ sql: check, params }])[0];
  const bytes = scannedBytes(state, translation.tables);
  return { source, translation, params, location, bytes, dml, columns: dml ? [] : checked.columns };
}

/** The job's location: the caller's, else the first dataset's it names, else US. */
function jobLocation(state: BigQueryState, given: string | undefined, refs: TableRef[]): string {
  if (given) return /^(us|eu)$/i.test(given) ? given.toUpperCase() : given.toLowerCase();
  for (const ref of refs) {
    const d = state.dataset(ref.projectId, ref.datasetId);
    if (d) return d.location;
  }
  return 'US';
}

function checkTable(state: BigQueryState, user: string, ref: TableRef, role: 'read' | 'target', location: string): void {
  const project = state.projects.get(ref.projectId);
  if (!project) throw BQ_ERRORS.projectNotFound(ref.projectId);
  // 🟡 "Access Denied: Table p:d.t: User does not have permission to query table p:d.t, or perhaps it does not exist."
  if (project.users && !project.users.includes(user)) {
    throw new BigQueryError(403, 'accessDenied', `Access Denied: Table ${tableName(ref)}: User does not have permission to query table ${tableName(ref)}, or perhaps it does not exist.`);
  }
  const dataset = state.dataset(ref.projectId, ref.datasetId);
  if (!dataset || dataset.location.toLowerCase() !== location.toLowerCase()) throw BQ_ERRORS.datasetNotFound(ref.projectId, ref.datasetId, location);
  const table = state.table(ref);
  if (!table) throw BQ_ERRORS.tableNotFound(ref.projectId, ref.datasetId, ref.tableId, location);
  if (role === 'target' && table.type === 'VIEW') throw BQ_ERRORS.invalidQuery(`Cannot modify view ${tableName(ref)}: DML statements apply to tables only`);
}

/** What the statement scans: the logical size of every table it reads (views: their tables). */
function scannedBytes(state: BigQueryState, tables: TableRef[]): number {
  return tables.reduce((sum, ref) => sum + state.stats(ref).bytes, 0);
}

/** Runs engine steps, DuckDB's errors turned into BigQuery's. */
export function run(state: BigQueryState, source: string, steps: EngineStep[], at?: number): EngineResult[] {
  try {
    return state.sql(steps, at);
  } catch (error) {
    if (error instanceof EngineError) throw fromEngine(error.message, source);
    throw error;
  }
}

/** Result columns as BigQuery names them: expressions without a name are f0_, f1_, ... */
export function resultFields(columns: { name: string; type: string }[]): Field[] {
  let anonymous = 0;
  const fields = columns.map((c) => ({ name: /^[A-Za-z_][A-Za-z0-9_]{0,299}$/.test(c.name) ? c.name : `f${anonymous++}_`, ...bqTypeOfDuck(c.type) }));
  const seen = new Set<string>();
  const duplicates = fields.filter((f) => (seen.has(f.name.toLowerCase()) ? true : (seen.add(f.name.toLowerCase()), false))).map((f) => f.name);
  if (duplicates.length) throw BQ_ERRORS.invalidQuery(`Duplicate column names in the result are not supported. Found duplicate(s): ${[...new Set(duplicates)].join(', ')}`);
  return fields;
}

export function executeSelect(state: BigQueryState, q: PreparedQuery, at: number): QueryResultData {
  const result = run(state, q.source, [{ sql: q.translation.sql, params: q.params, read: true }], at)[0];
  const fields = resultFields(result.columns);
  const size = result.rows.reduce<number>((sum, row) => sum + JSON.stringify(row).length, 0);
  if (size > state.settings.limits.queryResultBytes) throw BQ_ERRORS.responseTooLarge();
  return { fields, rows: result.rows as EngineValue[][] };
}

export function executeDml(state: BigQueryState, q: PreparedQuery, at: number): number {
  const target = state.table(q.translation.target!);
  const result = run(state, q.source, [{ sql: q.translation.sql, params: q.params }], at)[0];
  if (target) {
    target.lastModifiedTime = at;
    target.expiredThroughDay = undefined;
    // DML counts toward the table's update rate without being refused by it.
    state.quotas.takeUpdate(tableName(target.ref), at, !!target.partitionField, false);
  }
  return result.changed ?? 0;
}

/** A view's GoogleSQL, checked and translated (views are DuckDB views over it). */
export function translateView(state: BigQueryState, view: any, ref: TableRef): { sql: string; tables: TableRef[] } {
  if (view?.useLegacySql !== false) throw BQ_ERRORS.notImplemented('legacy SQL views (set view.useLegacySql: false; the API defaults to legacy SQL)', 'invalidQuery');
  if (typeof view?.query !== 'string') throw BQ_ERRORS.invalid('Required parameter is missing: view.query');
  const source = view.query;
  const translation = translate(source, {
    defaultProject: ref.projectId,
    resolve: (r) => {
      const dataset = state.dataset(r.projectId, r.datasetId);
      if (!dataset) throw BQ_ERRORS.datasetNotFound(r.projectId, r.datasetId);
      if (!state.table(r)) throw BQ_ERRORS.tableNotFound(r.projectId, r.datasetId, r.tableId);
      return duckTable(r);
    },
  });
  if (translation.statementType !== 'SELECT') throw BQ_ERRORS.invalidQuery('A view\'s query must be a SELECT statement');
  if (translation.usedParams.length) throw BQ_ERRORS.invalidQuery('Query parameters cannot be used in view definitions');
  run(state, source, [{ sql: `SELECT * FROM (${translation.sql}) AS q LIMIT 0` }]);
  return { sql: translation.sql, tables: translation.tables };
}
