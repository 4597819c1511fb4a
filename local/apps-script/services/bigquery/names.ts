// Names: BigQuery's rules for dataset, table and column ids, partition decorators, and the DuckDB
// names datasets and tables live under. DuckDB matches identifiers without regard to case even when
// quoted, and BigQuery dataset and table ids are case-sensitive, so upper-case letters are written
// as "^" and the letter ("^" is in no BigQuery id): "Sales" and "sales" stay two tables.
import { BQ_ERRORS } from './errors';

export interface TableRef {
  projectId: string;
  datasetId: string;
  tableId: string;
}

const DATASET_ID = /^[A-Za-z0-9_]+$/;
// Table ids: letters, marks, numbers, connectors, dashes and spaces (Unicode categories L, M, N, Pc, Pd, Zs).
const TABLE_ID = /^[\p{L}\p{M}\p{N}\p{Pc}\p{Pd}\p{Zs}]+$/u;
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
// Prefixes BigQuery keeps for its own columns.
const RESERVED_FIELD_PREFIXES = ['_TABLE_', '_FILE_', '_PARTITION', '_ROW_TIMESTAMP', '__ROOT__', '_COLIDENTIFIER'];

export function checkDatasetId(datasetId: unknown, maxLength: number): string {
  const id = String(datasetId ?? '');
  if (!DATASET_ID.test(id) || id.length > maxLength) throw BQ_ERRORS.invalidDatasetId(id);
  return id;
}

export function checkTableId(tableId: unknown, maxBytes: number): string {
  const id = String(tableId ?? '');
  if (!TABLE_ID.test(id) || Buffer.byteLength(id) > maxBytes) throw BQ_ERRORS.invalidTableId(id);
  return id;
}

export function checkFieldName(name: unknown, maxLength: number): string {
  const n = String(name ?? '');
  const upper = n.toUpperCase();
  if (!FIELD_NAME.test(n) || n.length > maxLength || RESERVED_FIELD_PREFIXES.some((p) => upper.startsWith(p))) throw BQ_ERRORS.invalidFieldName(n);
  return n;
}

/** "t$20260105" -> the table and the partition day (ISO date); "t" -> no partition. */
export function splitDecorator(tableId: string): { tableId: string; partition?: string; decorator?: string } {
  const at = tableId.indexOf('$');
  if (at < 0) return { tableId };
  const decorator = tableId.slice(at + 1);
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(decorator);
  const day = match ? `${match[1]}-${match[2]}-${match[3]}` : '';
  if (!match || Number.isNaN(Date.parse(`${day}T00:00:00Z`)) || new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day) {
    // Hourly, monthly and yearly decorators belong to other partitionings; "$__NULL__" to NULL rows.
    throw BQ_ERRORS.invalid(`Invalid partition decorator "${decorator}" in table ${tableId}: the local BigQuery knows daily partitions ($YYYYMMDD) only`);
  }
  return { tableId: tableId.slice(0, at), partition: day, decorator };
}

const caseSafe = (id: string) => Array.from(id, (c) => (c !== c.toLowerCase() ? `^${c.toLowerCase()}` : c)).join('');
export const quoteIdent = (id: string) => `"${id.replace(/"/g, '""')}"`;

/** DuckDB schema of a dataset, quoted. */
export function duckSchema(projectId: string, datasetId: string): string {
  return quoteIdent(`${caseSafe(projectId)}.${caseSafe(datasetId)}`);
}

/** DuckDB name of a table or view, schema-qualified and quoted. */
export function duckTable(ref: TableRef): string {
  return `${duckSchema(ref.projectId, ref.datasetId)}.${quoteIdent(caseSafe(ref.tableId))}`;
}

/** Back from DuckDB's names (in its error messages) to "p:d.t". */
export function bigQueryNameOf(duckName: string): string {
  const plain = duckName.replace(/\^(.)/gu, (_m, c: string) => c.toUpperCase());
  const dot = plain.indexOf('.');
  return dot < 0 ? plain : `${plain.slice(0, dot)}:${plain.slice(dot + 1)}`;
}

export const tableName = (ref: TableRef) => `${ref.projectId}:${ref.datasetId}.${ref.tableId}`;
export const tableKey = (ref: TableRef) => `${ref.projectId}\u0000${ref.datasetId}\u0000${ref.tableId}`;
export const datasetKey = (projectId: string, datasetId: string) => `${projectId}\u0000${datasetId}`;
