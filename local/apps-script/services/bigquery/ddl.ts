// DuckDB statements for the local BigQuery's datasets and tables: schemas, tables, views, columns,
// and the size BigQuery would bill a table at.
import { duckSchema, duckTable, quoteIdent, type TableRef } from './names';
import { DUCK_TYPES, type Field } from './types';

export const createSchemaSql = (projectId: string, datasetId: string) => `CREATE SCHEMA IF NOT EXISTS ${duckSchema(projectId, datasetId)}`;

/** REQUIRED columns are NOT NULL, so DML cannot break them either. */
export const columnSql = (f: Field) => `${quoteIdent(f.name)} ${DUCK_TYPES[f.type]}${f.mode === 'REQUIRED' ? ' NOT NULL' : ''}`;

export const createTableSql = (ref: TableRef, fields: Field[]) => `CREATE TABLE ${duckTable(ref)} (${fields.map(columnSql).join(', ')})`;

export const dropSql = (ref: TableRef, type: 'TABLE' | 'VIEW') => `DROP ${type} IF EXISTS ${duckTable(ref)}`;

export const addColumnSql = (ref: TableRef, f: Field) => `ALTER TABLE ${duckTable(ref)} ADD COLUMN ${quoteIdent(f.name)} ${DUCK_TYPES[f.type]}`;

export const relaxColumnSql = (ref: TableRef, f: Field) => `ALTER TABLE ${duckTable(ref)} ALTER COLUMN ${quoteIdent(f.name)} DROP NOT NULL`;

export const createViewSql = (ref: TableRef, duckSql: string, replace = false) => `CREATE ${replace ? 'OR REPLACE ' : ''}VIEW ${duckTable(ref)} AS ${duckSql}`;

/** The partition day (DATE) of a partitioning column's value, in UTC. */
export const partitionDaySql = (column: string, f: Field) => (f.type === 'DATE' ? quoteIdent(column) : `CAST(${quoteIdent(column)} AS DATE)`);

/**
 * Logical bytes, as BigQuery bills storage and scans: 8 for INT64, FLOAT64, DATE, TIMESTAMP and
 * DATETIME, 16 for NUMERIC, 1 for BOOL, 2 + the UTF-8 length for STRING, nothing for NULL.
 */
export function logicalBytesSql(ref: TableRef, fields: Field[]): string {
  const sizes = fields.map((f) => {
    const c = quoteIdent(f.name);
    const width = f.type === 'STRING' ? `2 + octet_length(encode(${c}))` : f.type === 'NUMERIC' ? '16' : f.type === 'BOOLEAN' ? '1' : '8';
    return `CASE WHEN ${c} IS NULL THEN 0 ELSE ${width} END`;
  });
  return `SELECT count(*) AS n, coalesce(sum(${sizes.length ? sizes.join(' + ') : '0'}), 0) AS bytes FROM ${duckTable(ref)}`;
}
