// What load jobs and query jobs with a destination share when they write a table: creating it,
// comparing schemas the way BigQuery does, replacing a table or one partition, counting partitions
// against the per-job and per-table limits, and charging the table's quotas. Callers run all of it
// inside one transaction, so a write that fails changes nothing.
import { addColumnSql, createTableSql, dropSql, partitionDaySql, relaxColumnSql } from './ddl';
import { BQ_ERRORS, type BigQueryError } from './errors';
import { duckTable, quoteIdent, tableKey, tableName, type TableRef } from './names';
import { applyLayout } from './resources';
import type { BigQueryState, DatasetRecord, TableRecord } from './state';
import { findField, type Field } from './types';

export interface WriteConfig {
  writeDisposition: 'WRITE_APPEND' | 'WRITE_TRUNCATE' | 'WRITE_EMPTY';
  createDisposition: 'CREATE_IF_NEEDED' | 'CREATE_NEVER';
  timePartitioning?: unknown;
  clustering?: unknown;
  schemaUpdateOptions: string[];
}

export function readWriteConfig(config: any): WriteConfig {
  const writeDisposition = String(config?.writeDisposition ?? 'WRITE_APPEND').toUpperCase();
  const createDisposition = String(config?.createDisposition ?? 'CREATE_IF_NEEDED').toUpperCase();
  if (!['WRITE_APPEND', 'WRITE_TRUNCATE', 'WRITE_EMPTY'].includes(writeDisposition)) throw BQ_ERRORS.invalid(`Invalid value for writeDisposition: ${config?.writeDisposition}`);
  if (!['CREATE_IF_NEEDED', 'CREATE_NEVER'].includes(createDisposition)) throw BQ_ERRORS.invalid(`Invalid value for createDisposition: ${config?.createDisposition}`);
  const options = Array.isArray(config?.schemaUpdateOptions) ? config.schemaUpdateOptions.map((o: unknown) => String(o).toUpperCase()) : [];
  for (const o of options) if (o !== 'ALLOW_FIELD_ADDITION' && o !== 'ALLOW_FIELD_RELAXATION') throw BQ_ERRORS.invalid(`Invalid value for schemaUpdateOptions: ${o}`);
  return { writeDisposition: writeDisposition as WriteConfig['writeDisposition'], createDisposition: createDisposition as WriteConfig['createDisposition'], timePartitioning: config?.timePartitioning, clustering: config?.clustering, schemaUpdateOptions: options };
}

/** A new table for a write (not registered until the write commits). */
export function newTable(state: BigQueryState, ref: TableRef, fields: Field[], config: WriteConfig, dataset: DatasetRecord, at: number, needsPartitioning: boolean): TableRecord {
  const project = state.projects.get(ref.projectId)!;
  const record: TableRecord = { ref, type: 'TABLE', fields, creationTime: at, lastModifiedTime: at };
  if (dataset.defaultTableExpirationMs !== undefined) record.expirationTime = at + dataset.defaultTableExpirationMs;
  if (!project.billing) record.expirationTime = Math.min(record.expirationTime ?? Infinity, at + state.settings.limits.sandboxExpirationMs);
  applyLayout(state, record, { timePartitioning: config.timePartitioning, clustering: config.clustering }, dataset);
  if (needsPartitioning && !record.partitionField) throw BQ_ERRORS.partitioningNeeded();
  state.sql([{ sql: createTableSql(ref, fields) }], at);
  return record;
}

/**
 * Incoming fields against the table's: same types, same modes unless relaxed, new fields only
 * with ALLOW_FIELD_ADDITION (and NULLABLE), every REQUIRED table field present. Query results carry
 * no modes of their own (`modes` false): a NULL in a REQUIRED column fails when the rows go in.
 */
export function compareSchemas(table: Field[], incoming: Field[], refuse: (why: string) => BigQueryError, options: string[], modes = true): { added: Field[]; relaxed: Field[] } {
  const added: Field[] = [];
  const relaxed: Field[] = [];
  for (const f of incoming) {
    const old = findField(table, f.name);
    if (!old) {
      if (!options.includes('ALLOW_FIELD_ADDITION')) throw refuse(`Cannot add fields (field: ${f.name})`);
      if (f.mode === 'REQUIRED') throw refuse(`Cannot add required fields to an existing schema. (field: ${f.name})`);
      added.push(f);
      continue;
    }
    if (old.type !== f.type) throw refuse(`Field ${old.name} has changed type from ${old.type} to ${f.type}`);
    if (!modes) continue;
    if (old.mode === 'NULLABLE' && f.mode === 'REQUIRED') throw refuse(`Field ${old.name} has changed mode from NULLABLE to REQUIRED`);
    if (old.mode === 'REQUIRED' && f.mode === 'NULLABLE') {
      if (!options.includes('ALLOW_FIELD_RELAXATION')) throw refuse(`Field ${old.name} has changed mode from REQUIRED to NULLABLE`);
      relaxed.push(old);
    }
  }
  for (const old of table) if (!findField(incoming, old.name) && old.mode === 'REQUIRED') throw refuse(`Field ${old.name} is missing in new schema`);
  return { added, relaxed };
}

export function applySchemaChanges(state: BigQueryState, record: TableRecord, changes: { added: Field[]; relaxed: Field[] }, at: number): Field[] {
  if (!changes.added.length && !changes.relaxed.length) return record.fields;
  state.sql([...changes.relaxed.map((f) => ({ sql: relaxColumnSql(record.ref, f) })), ...changes.added.map((f) => ({ sql: addColumnSql(record.ref, f) }))], at);
  const relaxedNames = new Set(changes.relaxed.map((f) => f.name.toLowerCase()));
  return [...record.fields.map((f) => (relaxedNames.has(f.name.toLowerCase()) ? { ...f, mode: 'NULLABLE' as const } : f)), ...changes.added.map((f) => ({ ...f, mode: 'NULLABLE' as const }))];
}

/** Removes what the write replaces: every row (WRITE_TRUNCATE), or one partition's. */
export function clearForWrite(state: BigQueryState, record: TableRecord, config: WriteConfig, partition: string | undefined, at: number): void {
  const where = partition ? ` WHERE ${partitionDaySql(record.partitionField!, findField(record.fields, record.partitionField!)!)} = DATE '${partition}'` : '';
  if (config.writeDisposition === 'WRITE_EMPTY') {
    const [[n]] = state.sql([{ sql: `SELECT count(*) FROM ${duckTable(record.ref)}${where}`, read: true }], at)[0].rows as string[][];
    if (Number(n) > 0) throw BQ_ERRORS.tableExists(record.ref.projectId, record.ref.datasetId, record.ref.tableId);
  }
  if (config.writeDisposition === 'WRITE_TRUNCATE') state.sql([{ sql: `DELETE FROM ${duckTable(record.ref)}${where}` }], at);
}

/** WRITE_TRUNCATE of a whole table takes the new schema: the table is made again. */
export function recreate(state: BigQueryState, record: TableRecord, fields: Field[], at: number): TableRecord {
  state.sql([{ sql: dropSql(record.ref, 'TABLE') }, { sql: createTableSql(record.ref, fields) }], at);
  const next: TableRecord = { ...record, fields };
  if (next.partitionField && !findField(fields, next.partitionField)) next.partitionField = undefined;
  if (next.clustering) next.clustering = next.clustering.filter((c) => findField(fields, c));
  return next;
}

/**
 * After the rows are in: at most 4,000 partitions written by the job and 10,000 in the table, then
 * the table's quotas (partition modifications, table update rate).
 */
export function finishWrite(state: BigQueryState, record: TableRecord, partitionsWritten: number, kind: 'query' | 'load job', at: number): void {
  const { limits } = state.settings;
  const name = tableName(record.ref);
  if (record.partitionField) {
    if (partitionsWritten > limits.partitionsPerJob) throw BQ_ERRORS.partitionsPerJob(limits.partitionsPerJob, partitionsWritten, kind);
    const day = partitionDaySql(record.partitionField, findField(record.fields, record.partitionField)!);
    const [[n]] = state.sql([{ sql: `SELECT count(DISTINCT ${day}) FROM ${duckTable(record.ref)}`, read: true }], at)[0].rows as string[][];
    if (Number(n) > limits.partitionsPerTable) throw BQ_ERRORS.partitionsPerTable(record.ref.projectId, record.ref.datasetId, record.ref.tableId, limits.partitionsPerTable);
    state.quotas.takePartitions(name, at, partitionsWritten);
  }
  state.quotas.takeUpdate(name, at, !!record.partitionField);
}

/** Registers the table's new metadata once the write committed. */
export function commitRecord(state: BigQueryState, record: TableRecord, at: number): void {
  record.lastModifiedTime = at;
  record.expiredThroughDay = undefined;
  state.tableRecords.set(tableKey(record.ref), record);
}

export const columnList = (fields: Field[]) => fields.map((f) => quoteIdent(f.name)).join(', ');
