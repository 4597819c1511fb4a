// Load jobs from an uploaded newline-delimited JSON blob (Jobs.insert with mediaData): checked when
// inserted, run when their time has come, all or nothing. A partition decorator (t$YYYYMMDD) makes
// the load write that day only: WRITE_TRUNCATE replaces just that partition.
import { BQ_ERRORS, BigQueryError } from './errors';
import { readNdjson } from './ndjson';
import { checkTableId, duckTable, splitDecorator, tableName, type TableRef } from './names';
import { MB } from './settings';
import type { BigQueryState } from './state';
import { DUCK_TYPES, findField, normalizeSchema, type Field } from './types';
import { applySchemaChanges, clearForWrite, columnList, commitRecord, compareSchemas, finishWrite, newTable, readWriteConfig, recreate, type WriteConfig } from './writes';

export interface LoadPlan {
  /** The destination without decorator, and the day the decorator names. */
  ref: TableRef;
  partition?: string;
  location: string;
  durationMs: number;
  run: (at: number) => { statistics: Record<string, unknown>; warnings?: { reason: string; message: string }[] };
}

const STAGE = '__bq_load_stage';

/** Checks a load configuration (request errors throw); runtime failures surface when the job runs. */
export function planLoad(state: BigQueryState, user: string, projectId: string, load: any, bytes: Uint8Array | undefined): LoadPlan {
  const format = load?.sourceFormat === undefined ? undefined : String(load.sourceFormat).toUpperCase();
  if (format !== 'NEWLINE_DELIMITED_JSON') throw BQ_ERRORS.notImplemented(`sourceFormat ${format ?? 'CSV (the API\'s default when sourceFormat is not set)'}; load NEWLINE_DELIMITED_JSON`);
  if (Array.isArray(load?.sourceUris) && load.sourceUris.length) throw BQ_ERRORS.notImplemented('loads from Cloud Storage (sourceUris); upload the data as mediaData');
  if (load?.autodetect === true) throw BQ_ERRORS.notImplemented('schema auto-detection (autodetect); give a schema');
  if (load?.encoding !== undefined && String(load.encoding).toUpperCase() !== 'UTF-8') throw BQ_ERRORS.notImplemented(`encoding ${load.encoding}`);
  if (!bytes) throw BQ_ERRORS.invalid('Load configuration must specify at least one source URI');
  if (bytes.byteLength > state.settings.limits.mediaUploadBytes) throw BQ_ERRORS.requestTooLarge(state.settings.limits.mediaUploadBytes);
  const dest = load?.destinationTable;
  if (!dest?.tableId || !dest?.datasetId) throw BQ_ERRORS.invalid('Required parameter is missing: destinationTable');
  const config = readWriteConfig(load);
  const { tableId, partition } = splitDecorator(String(dest.tableId));
  const ref: TableRef = { projectId: dest.projectId ?? projectId, datasetId: String(dest.datasetId), tableId: checkTableId(tableId, state.settings.limits.tableIdBytes) };
  if (config.schemaUpdateOptions.length && !(config.writeDisposition === 'WRITE_APPEND' || (config.writeDisposition === 'WRITE_TRUNCATE' && partition))) {
    throw BQ_ERRORS.invalid('Schema update options should only be specified with WRITE_APPEND disposition, or with WRITE_TRUNCATE disposition on a table partition.');
  }
  const schema = load?.schema ? normalizeSchema(load.schema, state.settings.limits) : undefined;
  const maxBadRecords = Math.max(0, Number(load?.maxBadRecords ?? 0));
  const ignoreUnknownValues = load?.ignoreUnknownValues === true;
  const dataset = state.dataset(ref.projectId, ref.datasetId);
  const durationMs = state.settings.times.loadBaseMs + (state.settings.times.loadPerMbMs * bytes.byteLength) / MB;
  return {
    ref,
    partition,
    location: dataset?.location ?? 'US',
    durationMs,
    run: (at) => {
      if (ref.projectId !== projectId) state.access(ref.projectId, user, () => BQ_ERRORS.tableDenied(ref.projectId, ref.datasetId, ref.tableId, 'bigquery.tables.updateData'));
      return runLoad(state, { ref, partition, config, schema, maxBadRecords, ignoreUnknownValues, bytes }, at);
    },
  };
}

interface LoadSpec {
  ref: TableRef;
  partition?: string;
  config: WriteConfig;
  schema?: Field[];
  maxBadRecords: number;
  ignoreUnknownValues: boolean;
  bytes: Uint8Array;
}

function runLoad(state: BigQueryState, spec: LoadSpec, at: number) {
  const { ref, partition, config, schema } = spec;
  const dataset = state.dataset(ref.projectId, ref.datasetId);
  if (!dataset) throw BQ_ERRORS.datasetNotFound(ref.projectId, ref.datasetId);
  const existing = state.table(ref);
  if (existing?.type === 'VIEW') throw BQ_ERRORS.invalid(`Cannot load data into a view: ${tableName(ref)}`);
  if (!existing && config.createDisposition === 'CREATE_NEVER') throw BQ_ERRORS.tableNotFound(ref.projectId, ref.datasetId, ref.tableId);
  if (!existing && !schema) throw BQ_ERRORS.noSchema();
  if (existing && partition && !existing.partitionField) throw BQ_ERRORS.notPartitioned(ref.projectId, ref.datasetId, ref.tableId);
  const refuse = (why: string) => BQ_ERRORS.schemaMismatch(ref.projectId, ref.datasetId, ref.tableId, why);
  const replacesSchema = !!existing && config.writeDisposition === 'WRITE_TRUNCATE' && !partition && !!schema;
  const changes = existing && schema && !replacesSchema ? compareSchemas(existing.fields, schema, refuse, config.schemaUpdateOptions) : { added: [], relaxed: [] };
  const fields = schema ?? existing!.fields;

  const parsed = readNdjson(spec.bytes, { fields, ignoreUnknownValues: spec.ignoreUnknownValues, maxBadRecords: spec.maxBadRecords, rowBytes: state.settings.limits.ndjsonRowBytes });
  if (parsed.failure) throw new BigQueryError(400, 'invalid', parsed.failure.errorResult.message, parsed.failure.errors);

  const statistics = state.transaction(() => {
    let record = existing ?? newTable(state, ref, fields, config, dataset, at, !!partition);
    if (replacesSchema) record = recreate(state, record, fields, at);
    else if (existing) record = { ...record, fields: applySchemaChanges(state, record, changes, at) };
    const partitionField = record.partitionField ? findField(fields, record.partitionField) : undefined;
    // The partition each row goes to: its UTC day (the texts are UTC), or NULL's own partition.
    const index = partitionField ? fields.indexOf(partitionField) : -1;
    const days = new Set(parsed.rows.map((r) => (index < 0 ? '' : (r[index]?.slice(0, 10) ?? '__NULL__'))));
    if (partition && [...days].some((d) => d !== partition)) throw BQ_ERRORS.wrongPartition(partition.replace(/-/g, ''));
    clearForWrite(state, record, config, partition, at);
    if (parsed.rows.length) {
      state.sql(
        [
          { sql: `CREATE TABLE main.${STAGE} (${fields.map((_, n) => `c${n} VARCHAR`).join(', ')})` },
          { append: { table: STAGE, rows: parsed.rows } },
          { sql: `INSERT INTO ${duckTable(ref)} (${columnList(fields)}) SELECT ${fields.map((f, n) => `CAST(c${n} AS ${DUCK_TYPES[f.type]})`).join(', ')} FROM main.${STAGE}` },
          { sql: `DROP TABLE main.${STAGE}` },
        ],
        at,
      );
    }
    finishWrite(state, record, record.partitionField ? (partition ? 1 : days.size) : 0, 'load job', at);
    commitRecord(state, record, at);
    const outputBytes = parsed.rows.reduce((sum, r) => sum + r.reduce((s, c) => s + (c === null ? 0 : c.length), 0), 0);
    return {
      load: {
        inputFiles: '1',
        inputFileBytes: String(spec.bytes.byteLength),
        outputRows: String(parsed.rows.length),
        outputBytes: String(outputBytes),
        badRecords: String(parsed.badRecords),
      },
    };
  });
  return { statistics, warnings: parsed.rowErrors.length ? parsed.rowErrors : undefined };
}
