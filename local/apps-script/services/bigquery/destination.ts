// A query job with a destination table: the rows are computed first, then written by the job's
// dispositions, all in one transaction. With a partition decorator (t$YYYYMMDD) and WRITE_TRUNCATE
// the rows replace exactly that day, and a row of any other day fails the job.
import { partitionDaySql } from './ddl';
import { BQ_ERRORS } from './errors';
import { duckTable, quoteIdent, type TableRef } from './names';
import { resultFields, run, type PreparedQuery } from './query';
import type { BigQueryState, QueryResultData } from './state';
import { findField } from './types';
import type { EngineValue } from './values';
import { applySchemaChanges, clearForWrite, columnList, commitRecord, compareSchemas, finishWrite, newTable, recreate, type WriteConfig } from './writes';

const RESULT = 'main.__bq_query_result';

export function writeDestination(state: BigQueryState, q: PreparedQuery, ref: TableRef, partition: string | undefined, config: WriteConfig, at: number): QueryResultData {
  const dataset = state.dataset(ref.projectId, ref.datasetId);
  if (!dataset) throw BQ_ERRORS.datasetNotFound(ref.projectId, ref.datasetId, q.location);
  const existing = state.table(ref);
  if (existing?.type === 'VIEW') throw BQ_ERRORS.invalid(`Cannot write query results to a view: ${ref.projectId}:${ref.datasetId}.${ref.tableId}`);
  if (!existing && config.createDisposition === 'CREATE_NEVER') throw BQ_ERRORS.tableNotFound(ref.projectId, ref.datasetId, ref.tableId);
  if (existing && partition && !existing.partitionField) throw BQ_ERRORS.notPartitioned(ref.projectId, ref.datasetId, ref.tableId);
  return state.transaction(() => {
    const computed = run(state, q.source, [{ sql: `CREATE TABLE ${RESULT} AS ${q.translation.sql}`, params: q.params }, { sql: `SELECT * FROM ${RESULT}`, read: true }], at)[1];
    const fields = resultFields(computed.columns);
    // Result columns named f0_ are renamed in the staged table so the insert can name them.
    computed.columns.forEach((c, n) => {
      if (c.name !== fields[n].name) state.sql([{ sql: `ALTER TABLE ${RESULT} RENAME COLUMN ${quoteIdent(c.name)} TO ${quoteIdent(fields[n].name)}` }], at);
    });
    let record = existing ?? newTable(state, ref, fields, config, dataset, at, !!partition);
    const wholeTruncate = !!existing && config.writeDisposition === 'WRITE_TRUNCATE' && !partition;
    if (wholeTruncate) record = recreate(state, record, fields, at);
    else if (existing) {
      const changes = compareSchemas(record.fields, fields, (why) => BQ_ERRORS.invalidSchemaUpdate(why), config.schemaUpdateOptions, false);
      record = { ...record, fields: applySchemaChanges(state, record, changes, at) };
    }
    let partitionsWritten = 0;
    if (record.partitionField) {
      const field = findField(fields, record.partitionField);
      if (!field) throw BQ_ERRORS.invalidSchemaUpdate(`Field ${record.partitionField} is missing in new schema`);
      const day = partitionDaySql(field.name, field);
      const [[n, outside]] = state.sql(
        [{ sql: `SELECT count(DISTINCT coalesce(CAST(${day} AS VARCHAR), '__NULL__')), count(*) FILTER (WHERE ${day} IS DISTINCT FROM DATE '${partition ?? '1970-01-01'}') FROM ${RESULT}`, read: true }],
        at,
      )[0].rows as string[][];
      if (partition && Number(outside) > 0) throw BQ_ERRORS.wrongPartition(partition.replace(/-/g, ''));
      partitionsWritten = partition ? 1 : Number(n);
    }
    clearForWrite(state, record, config, partition, at);
    state.sql([{ sql: `INSERT INTO ${duckTable(ref)} (${columnList(fields)}) SELECT ${columnList(fields)} FROM ${RESULT}` }, { sql: `DROP TABLE ${RESULT}` }], at);
    finishWrite(state, record, partitionsWritten, 'query', at);
    commitRecord(state, record, at);
    return { fields, rows: computed.rows as EngineValue[][] };
  });
}
