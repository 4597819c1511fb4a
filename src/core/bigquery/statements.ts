// The two GoogleSQL statements that put one account's days into a report's table, replacing those days
// of that account and nothing else (other accounts share the table and its day partitions).
// replaceDays: one MERGE (DML) for any number of days. rewritePartition: for projects without DML (the
// BigQuery sandbox), a query job whose rows replace one day's partition: that day's rows of every other
// account, kept, and the staged rows.
import type { QueryParameter } from './port';
import { ACCOUNT_ID_COLUMN, LOADED_BY_COLUMN, SNAPSHOT_COLUMN } from './schema';

const quoted = (path: string) => `\`${path}\``;
const TARGET = '_sheetgram_table';
const STAGED = '_sheetgram_staged';

export function replaceDays(table: string, staging: string, columns: string[], accountId: string, days: string[]): { sql: string; params: QueryParameter[] } {
  // Aliases no report column can have (User's Information has a column "source"), and qualified values:
  // in BigQuery an alias wins over a column of the same name.
  const list = columns.join(', ');
  const sql = [
    `MERGE ${quoted(table)} AS ${TARGET}`,
    `USING ${quoted(staging)} AS ${STAGED}`,
    'ON FALSE',
    `WHEN NOT MATCHED BY SOURCE AND ${TARGET}.${ACCOUNT_ID_COLUMN} = @account_id AND ${TARGET}.${SNAPSHOT_COLUMN} IN UNNEST(@snapshot_dates) THEN DELETE`,
    `WHEN NOT MATCHED THEN INSERT (${list}) VALUES (${columns.map((c) => `${STAGED}.${c}`).join(', ')})`,
  ].join('\n');
  return { sql, params: [{ name: 'account_id', type: 'STRING', value: accountId }, { name: 'snapshot_dates', type: 'DATE', value: days }] };
}

export function rewritePartition(table: string, staging: string, columns: string[], accountId: string, day: string): { sql: string; params: QueryParameter[]; decorator: string } {
  const list = columns.join(', ');
  const sql = [
    `SELECT ${list} FROM ${quoted(table)} WHERE ${SNAPSHOT_COLUMN} = @snapshot_date AND ${ACCOUNT_ID_COLUMN} != @account_id`,
    'UNION ALL',
    `SELECT ${list} FROM ${quoted(staging)} WHERE ${SNAPSHOT_COLUMN} = @snapshot_date`,
  ].join('\n');
  return {
    sql, decorator: `$${day.replace(/-/g, '')}`,
    params: [{ name: 'account_id', type: 'STRING', value: accountId }, { name: 'snapshot_date', type: 'DATE', value: day }],
  };
}

/**
 * The reports other than `loadedBy` that loaded the account's rows into the table, each with the newest
 * day it loaded (a handful at most). Rows loaded before the column existed (NULL) belong to nobody.
 */
export function otherLoader(table: string, accountId: string, loadedBy: string): { sql: string; params: QueryParameter[] } {
  const sql = [
    `SELECT ${LOADED_BY_COLUMN}, CAST(MAX(${SNAPSHOT_COLUMN}) AS STRING) AS last_day FROM ${quoted(table)}`,
    `WHERE ${ACCOUNT_ID_COLUMN} = @account_id AND ${LOADED_BY_COLUMN} IS NOT NULL AND ${LOADED_BY_COLUMN} != @loaded_by`,
    `GROUP BY ${LOADED_BY_COLUMN}`,
    'LIMIT 20',
  ].join('\n');
  return { sql, params: [{ name: 'account_id', type: 'STRING', value: accountId }, { name: 'loaded_by', type: 'STRING', value: loadedBy }] };
}
