// Datasets and tables: datasets.get/insert/list, tables.get/insert/patch/remove/list, with BigQuery's
// checks (ids, schemas, partitioning, clustering), the sandbox's 60-day expirations, and the table
// update rate. Views are DuckDB views over their translated GoogleSQL.
import { addColumnSql, createTableSql, createViewSql, relaxColumnSql } from './ddl';
import { BQ_ERRORS, type BigQueryError } from './errors';
import { checkDatasetId, checkTableId, datasetKey, duckTable, tableKey, tableName, type TableRef } from './names';
import { translateView } from './query';
import type { BigQueryState, DatasetRecord, TableRecord } from './state';
import { bqTypeOfDuck, fieldsOut, findField, normalizeSchema, type Field } from './types';

/** "us" -> "US", "EU" -> "EU", regions lower-case, as BigQuery reports locations. */
export function normalizeLocation(location: unknown): string {
  const text = String(location ?? 'US').trim();
  return /^(us|eu)$/i.test(text) ? text.toUpperCase() : text.toLowerCase();
}

const ms = (n: number | undefined) => (n === undefined ? undefined : String(n));
const optionalMs = (value: unknown, what: string): number | undefined => {
  if (value === undefined || value === null) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw BQ_ERRORS.invalid(`Invalid value for ${what}: ${value}`);
  return n;
};

export class Resources {
  constructor(private readonly state: BigQueryState) {}

  private get limits() {
    return this.state.settings.limits;
  }

  // ---- datasets -----------------------------------------------------------------------------

  datasetView(d: DatasetRecord) {
    return {
      kind: 'bigquery#dataset',
      id: `${d.projectId}:${d.datasetId}`,
      datasetReference: { projectId: d.projectId, datasetId: d.datasetId },
      location: d.location,
      creationTime: String(d.creationTime),
      lastModifiedTime: String(d.lastModifiedTime),
      type: 'DEFAULT',
      ...(d.defaultTableExpirationMs !== undefined ? { defaultTableExpirationMs: ms(d.defaultTableExpirationMs) } : {}),
      ...(d.defaultPartitionExpirationMs !== undefined ? { defaultPartitionExpirationMs: ms(d.defaultPartitionExpirationMs) } : {}),
      ...(d.description !== undefined ? { description: d.description } : {}),
      ...(d.friendlyName !== undefined ? { friendlyName: d.friendlyName } : {}),
      ...(d.labels ? { labels: { ...d.labels } } : {}),
    };
  }

  getDataset(user: string, projectId: string, datasetId: string) {
    this.state.access(projectId, user, () => BQ_ERRORS.datasetDenied(projectId, datasetId, 'bigquery.datasets.get'));
    const d = this.state.dataset(projectId, datasetId);
    if (!d) throw BQ_ERRORS.datasetNotFound(projectId, datasetId);
    return this.datasetView(d);
  }

  insertDataset(user: string, resource: any, projectId: string) {
    const project = this.state.access(projectId, user, () => BQ_ERRORS.projectDenied(projectId, 'bigquery.datasets.create'));
    const ref = resource?.datasetReference ?? {};
    if (ref.projectId !== undefined && ref.projectId !== projectId) throw BQ_ERRORS.invalid(`Invalid project ID '${ref.projectId}': it does not match the project of the request (${projectId})`);
    const datasetId = checkDatasetId(ref.datasetId, this.limits.datasetIdLength);
    if (this.state.dataset(projectId, datasetId)) throw BQ_ERRORS.datasetExists(projectId, datasetId);
    const now = this.state.clock.now();
    const sandbox = this.limits.sandboxExpirationMs;
    const record: DatasetRecord = {
      projectId,
      datasetId,
      location: normalizeLocation(resource?.location),
      creationTime: now,
      lastModifiedTime: now,
      defaultTableExpirationMs: optionalMs(resource?.defaultTableExpirationMs, 'defaultTableExpirationMs'),
      defaultPartitionExpirationMs: optionalMs(resource?.defaultPartitionExpirationMs, 'defaultPartitionExpirationMs'),
    };
    // The sandbox gives every dataset 60-day table and partition expirations, and no longer ones.
    if (!project.billing) {
      record.defaultTableExpirationMs = Math.min(record.defaultTableExpirationMs ?? sandbox, sandbox);
      record.defaultPartitionExpirationMs = Math.min(record.defaultPartitionExpirationMs ?? sandbox, sandbox);
    }
    if (typeof resource?.description === 'string') record.description = resource.description;
    if (typeof resource?.friendlyName === 'string') record.friendlyName = resource.friendlyName;
    if (resource?.labels && typeof resource.labels === 'object') record.labels = { ...resource.labels };
    this.state.ensureSchema(projectId, datasetId);
    this.state.datasets.set(datasetKey(projectId, datasetId), record);
    return this.datasetView(record);
  }

  listDatasets(user: string, projectId: string, options: any = {}) {
    this.state.access(projectId, user, () => BQ_ERRORS.projectDenied(projectId, 'bigquery.datasets.list'));
    const all = [...this.state.datasets.values()].filter((d) => d.projectId === projectId).sort((a, b) => a.datasetId.localeCompare(b.datasetId));
    const { items, nextPageToken } = page(all, options);
    return {
      kind: 'bigquery#datasetList',
      ...(items.length
        ? { datasets: items.map((d) => ({ kind: 'bigquery#dataset', id: `${d.projectId}:${d.datasetId}`, datasetReference: { projectId: d.projectId, datasetId: d.datasetId }, location: d.location })) }
        : {}),
      ...(nextPageToken ? { nextPageToken } : {}),
    };
  }

  // ---- tables -------------------------------------------------------------------------------

  tableView(t: TableRecord) {
    const dataset = this.state.dataset(t.ref.projectId, t.ref.datasetId);
    const fields = t.type === 'VIEW' ? this.viewFields(t) : t.fields;
    const stats = t.type === 'TABLE' ? this.state.stats(t.ref) : undefined;
    return {
      kind: 'bigquery#table',
      id: tableName(t.ref),
      tableReference: { ...t.ref },
      schema: { fields: fieldsOut(fields) },
      ...(t.partitionField
        ? { timePartitioning: { type: 'DAY', field: t.partitionField, ...(t.partitionExpirationMs !== undefined ? { expirationMs: ms(t.partitionExpirationMs) } : {}) } }
        : {}),
      ...(t.clustering?.length ? { clustering: { fields: [...t.clustering] } } : {}),
      ...(stats ? { numRows: String(stats.rows), numBytes: String(stats.bytes) } : {}),
      creationTime: String(t.creationTime),
      lastModifiedTime: String(t.lastModifiedTime),
      ...(t.expirationTime !== undefined ? { expirationTime: String(t.expirationTime) } : {}),
      type: t.type,
      location: dataset?.location ?? 'US',
      ...(t.view ? { view: { query: t.view.query, useLegacySql: false } } : {}),
      ...(t.description !== undefined ? { description: t.description } : {}),
      ...(t.friendlyName !== undefined ? { friendlyName: t.friendlyName } : {}),
      ...(t.labels ? { labels: { ...t.labels } } : {}),
    };
  }

  private viewFields(t: TableRecord): Field[] {
    const result = this.state.sql([{ sql: `SELECT * FROM ${duckTable(t.ref)} LIMIT 0`, read: true }])[0];
    return result.columns.map((c) => ({ name: c.name, ...bqTypeOfDuck(c.type) }));
  }

  /** The dataset, after the access check for `permission` on it. */
  private datasetFor(user: string, projectId: string, datasetId: string, denied: () => BigQueryError): DatasetRecord {
    this.state.access(projectId, user, denied);
    const d = this.state.dataset(projectId, datasetId);
    if (!d) throw BQ_ERRORS.datasetNotFound(projectId, datasetId);
    return d;
  }

  private tableFor(user: string, ref: TableRef, permission: string): TableRecord {
    this.datasetFor(user, ref.projectId, ref.datasetId, () => BQ_ERRORS.tableDenied(ref.projectId, ref.datasetId, ref.tableId, permission));
    const t = this.state.table(ref);
    if (!t) throw BQ_ERRORS.tableNotFound(ref.projectId, ref.datasetId, ref.tableId);
    return t;
  }

  getTable(user: string, projectId: string, datasetId: string, tableId: string) {
    return this.tableView(this.tableFor(user, { projectId, datasetId, tableId }, 'bigquery.tables.get'));
  }

  insertTable(user: string, resource: any, projectId: string, datasetId: string) {
    const dataset = this.datasetFor(user, projectId, datasetId, () => BQ_ERRORS.datasetDenied(projectId, datasetId, 'bigquery.tables.create'));
    const project = this.state.projects.get(projectId)!;
    const given = resource?.tableReference ?? {};
    if (given.projectId !== undefined && given.projectId !== projectId) throw BQ_ERRORS.invalid(`Invalid project ID '${given.projectId}' in tableReference`);
    if (given.datasetId !== undefined && given.datasetId !== datasetId) throw BQ_ERRORS.invalid(`Invalid dataset ID '${given.datasetId}' in tableReference`);
    const ref: TableRef = { projectId, datasetId, tableId: checkTableId(given.tableId, this.limits.tableIdBytes) };
    if (this.state.table(ref)) throw BQ_ERRORS.tableExists(projectId, datasetId, ref.tableId);
    const now = this.state.clock.now();
    const record: TableRecord = { ref, type: 'TABLE', fields: [], creationTime: now, lastModifiedTime: now };
    this.applyCommon(record, resource, dataset, project.billing, now);
    if (resource?.view) {
      if (resource.schema?.fields?.length) throw BQ_ERRORS.invalid('Schema field shouldn\'t be used as input with a view');
      const view = translateView(this.state, resource.view, ref);
      record.type = 'VIEW';
      record.view = { query: String(resource.view.query) };
      record.viewTables = view.tables;
      this.state.quotas.takeUpdate(tableName(ref), now, false);
      this.state.sql([{ sql: createViewSql(ref, view.sql) }]);
    } else {
      record.fields = resource?.schema ? normalizeSchema(resource.schema, this.limits) : [];
      applyLayout(this.state, record, resource, dataset);
      this.state.quotas.takeUpdate(tableName(ref), now, !!record.partitionField);
      this.state.sql([{ sql: createTableSql(ref, record.fields) }]);
    }
    this.state.tableRecords.set(tableKey(ref), record);
    return this.tableView(record);
  }

  /** expirationTime (the sandbox caps it at 60 days), description, friendlyName, labels. */
  private applyCommon(record: TableRecord, resource: any, dataset: DatasetRecord, billing: boolean, now: number): void {
    const explicit = optionalMs(resource?.expirationTime, 'expirationTime');
    const fromDataset = dataset.defaultTableExpirationMs !== undefined ? now + dataset.defaultTableExpirationMs : undefined;
    let expiration = explicit ?? fromDataset;
    if (!billing) expiration = Math.min(expiration ?? Infinity, record.creationTime + this.limits.sandboxExpirationMs);
    record.expirationTime = expiration;
    if (typeof resource?.description === 'string') record.description = resource.description;
    if (typeof resource?.friendlyName === 'string') record.friendlyName = resource.friendlyName;
    if (resource?.labels && typeof resource.labels === 'object') record.labels = { ...resource.labels };
  }

  patchTable(user: string, resource: any, projectId: string, datasetId: string, tableId: string) {
    const ref: TableRef = { projectId, datasetId, tableId };
    const record = this.tableFor(user, ref, 'bigquery.tables.update');
    const now = this.state.clock.now();
    this.state.quotas.takeUpdate(tableName(ref), now, !!record.partitionField);
    if (resource?.view !== undefined) {
      if (record.type !== 'VIEW') throw BQ_ERRORS.invalid(`Cannot change a table to a view: ${tableName(ref)}`);
      const view = translateView(this.state, resource.view, ref);
      this.state.sql([{ sql: createViewSql(ref, view.sql, true) }]);
      record.view = { query: String(resource.view.query) };
      record.viewTables = view.tables;
    }
    if (resource?.schema !== undefined && record.type === 'TABLE') this.patchSchema(record, normalizeSchema(resource.schema, this.limits));
    if (resource?.timePartitioning !== undefined) {
      const tp = resource.timePartitioning;
      if (!record.partitionField || (tp.field && String(tp.field).toLowerCase() !== record.partitionField.toLowerCase()) || String(tp.type ?? 'DAY').toUpperCase() !== 'DAY') {
        throw BQ_ERRORS.invalid('Cannot change partitioning/clustering spec for a partitioned/clustered table.');
      }
      record.partitionExpirationMs = optionalMs(tp.expirationMs, 'timePartitioning.expirationMs');
      record.expiredThroughDay = undefined;
    }
    if (resource?.clustering !== undefined) {
      const dataset = this.state.dataset(projectId, datasetId)!;
      const keep = record.partitionField;
      applyLayout(this.state, record, { clustering: resource.clustering }, dataset);
      record.partitionField = keep;
    }
    if (resource?.expirationTime !== undefined) {
      const project = this.state.projects.get(projectId)!;
      const wanted = optionalMs(resource.expirationTime, 'expirationTime');
      record.expirationTime = !project.billing ? Math.min(wanted ?? Infinity, record.creationTime + this.limits.sandboxExpirationMs) : wanted;
    }
    if (typeof resource?.description === 'string') record.description = resource.description;
    if (typeof resource?.friendlyName === 'string') record.friendlyName = resource.friendlyName;
    if (resource?.labels && typeof resource.labels === 'object') record.labels = { ...resource.labels };
    record.lastModifiedTime = now;
    return this.tableView(record);
  }

  /**
   * BigQuery changes a schema in place only by adding NULLABLE columns at the end or relaxing
   * REQUIRED to NULLABLE; anything else is refused with its "Provided Schema does not match" answer.
   */
  private patchSchema(record: TableRecord, next: Field[]): void {
    const { projectId, datasetId, tableId } = record.ref;
    const refuse = (why: string) => BQ_ERRORS.schemaMismatch(projectId, datasetId, tableId, why);
    record.fields.forEach((old, n) => {
      const now = findField(next, old.name);
      if (!now) throw refuse(`Field ${old.name} is missing in new schema`);
      if (now.type !== old.type) throw refuse(`Field ${old.name} has changed type from ${old.type} to ${now.type}`);
      if (old.mode === 'NULLABLE' && now.mode === 'REQUIRED') throw refuse(`Field ${old.name} has changed mode from NULLABLE to REQUIRED`);
      // 🟡 wording: BigQuery keeps column order; new columns go at the end.
      if (next[n].name.toLowerCase() !== old.name.toLowerCase()) throw refuse(`Field ${next[n].name} has changed position: new fields can only be added at the end`);
    });
    const added = next.slice(record.fields.length);
    for (const f of added) if (f.mode === 'REQUIRED') throw refuse(`Cannot add required fields to an existing schema. (field: ${f.name})`);
    const relaxed = record.fields.filter((old, n) => old.mode === 'REQUIRED' && next[n].mode === 'NULLABLE');
    this.state.sql([...relaxed.map((f) => ({ sql: relaxColumnSql(record.ref, f) })), ...added.map((f) => ({ sql: addColumnSql(record.ref, f) }))]);
    record.fields = next.map((f, n) => ({ ...f, name: n < record.fields.length ? record.fields[n].name : f.name }));
  }

  removeTable(user: string, projectId: string, datasetId: string, tableId: string): void {
    const record = this.tableFor(user, { projectId, datasetId, tableId }, 'bigquery.tables.delete');
    this.state.dropTable(record);
  }

  listTables(user: string, projectId: string, datasetId: string, options: any = {}) {
    this.datasetFor(user, projectId, datasetId, () => BQ_ERRORS.datasetDenied(projectId, datasetId, 'bigquery.tables.list'));
    const all = [...this.state.tableRecords.values()]
      .filter((t) => t.ref.projectId === projectId && t.ref.datasetId === datasetId)
      .sort((a, b) => (a.ref.tableId < b.ref.tableId ? -1 : a.ref.tableId > b.ref.tableId ? 1 : 0));
    const { items, nextPageToken } = page(all, options);
    return {
      kind: 'bigquery#tableList',
      ...(items.length
        ? {
            tables: items.map((t) => ({
              kind: 'bigquery#table',
              id: tableName(t.ref),
              tableReference: { ...t.ref },
              type: t.type,
              creationTime: String(t.creationTime),
              ...(t.expirationTime !== undefined ? { expirationTime: String(t.expirationTime) } : {}),
              ...(t.partitionField ? { timePartitioning: { type: 'DAY', field: t.partitionField } } : {}),
              ...(t.clustering?.length ? { clustering: { fields: [...t.clustering] } } : {}),
              ...(t.view ? { view: { useLegacySql: false } } : {}),
            })),
          }
        : {}),
      ...(nextPageToken ? { nextPageToken } : {}),
      totalItems: all.length,
    };
  }
}

/** timePartitioning (DAY on a DATE, TIMESTAMP or DATETIME column) and clustering (up to 4 columns). */
export function applyLayout(state: BigQueryState, record: TableRecord, resource: any, dataset: DatasetRecord): void {
  const limits = state.settings.limits;
  const tp = resource?.timePartitioning;
  if (tp) {
    const type = String(tp.type ?? 'DAY').toUpperCase();
    if (type !== 'DAY') throw BQ_ERRORS.notImplemented(`timePartitioning of type ${type} (daily partitions only)`);
    if (!tp.field) throw BQ_ERRORS.notImplemented('ingestion-time partitioning (timePartitioning without a field)');
    const field = findField(record.fields, String(tp.field));
    if (!field) throw BQ_ERRORS.partitionFieldMissing(String(tp.field));
    if (!['DATE', 'TIMESTAMP', 'DATETIME'].includes(field.type)) throw BQ_ERRORS.partitionFieldType(field.type);
    record.partitionField = field.name;
    const expiration = optionalMs(tp.expirationMs, 'timePartitioning.expirationMs') ?? dataset.defaultPartitionExpirationMs;
    const project = state.projects.get(record.ref.projectId);
    record.partitionExpirationMs = project && !project.billing ? Math.min(expiration ?? Infinity, limits.sandboxExpirationMs) : expiration;
  }
  const clustering = resource?.clustering?.fields;
  if (Array.isArray(clustering) && clustering.length) {
    if (clustering.length > limits.clusteringFields) throw BQ_ERRORS.tooManyClusteringFields(clustering.length, limits.clusteringFields);
    record.clustering = clustering.map((name: unknown) => {
      const field = findField(record.fields, String(name));
      if (!field) throw BQ_ERRORS.clusteringFieldMissing(String(name));
      if (field.type === 'FLOAT') throw BQ_ERRORS.invalid(`Field ${field.name} is of type FLOAT which is not supported for clustering`);
      return field.name;
    });
  }
}

/** A page of a listing: maxResults items from pageToken (an opaque offset). */
function page<T>(all: T[], options: any): { items: T[]; nextPageToken?: string } {
  const start = options?.pageToken ? Number(Buffer.from(String(options.pageToken), 'base64url').toString('utf8')) : 0;
  if (!Number.isInteger(start) || start < 0) throw BQ_ERRORS.invalid(`Invalid page token: ${options.pageToken}`);
  const size = options?.maxResults !== undefined ? Math.max(1, Number(options.maxResults)) : 50;
  const items = all.slice(start, start + size);
  return { items, nextPageToken: start + size < all.length ? Buffer.from(String(start + size)).toString('base64url') : undefined };
}
