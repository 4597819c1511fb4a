// A report's BigQuery table, typed from the report registry: the account and the snapshot day on every
// row, then every field of the report (whatever a configuration chose, so configurations with different
// "Data to Collect" share one table). Columns are named by field id, which stays when Meta renames a
// metric, as the tabs keep their headers.
import type { FieldDefinition, FieldType, ReportDefinition } from '../reports/types';
import type { Column, ColumnType, TableSpec } from './port';

export const ACCOUNT_ID_COLUMN = 'account_id';
export const SNAPSHOT_COLUMN = 'snapshot_date';
/** Which Sheetgram report loaded the row ("spreadsheet id/report id"): one per account and table. */
export const LOADED_BY_COLUMN = 'loaded_by';

const COLUMN_TYPES: Record<FieldType, ColumnType> = {
  text: 'STRING', id: 'STRING', url: 'STRING', integer: 'INT64', duration_ms: 'INT64', number: 'FLOAT64', percent: 'FLOAT64',
  date: 'DATE', datetime: 'TIMESTAMP', boolean: 'BOOL',
};

/** BigQuery column names: letters, digits and underscores, not starting with a digit. */
export function columnName(fieldId: string): string {
  const name = fieldId.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

export interface ReportColumn extends Column {
  /** The field whose cells fill it (absent: filled by Sheetgram itself). */
  field?: FieldDefinition;
}

/** Columns of the report's table, in table order. New fields of the registry only ever come at the end of a table (addColumns). */
export function reportColumns(report: ReportDefinition): ReportColumn[] {
  const own: ReportColumn[] = [
    { name: ACCOUNT_ID_COLUMN, type: 'STRING', mode: 'REQUIRED', description: "The connected account's id" },
    { name: 'account', type: 'STRING', mode: 'NULLABLE', description: "The account's username when the row was written" },
    { name: SNAPSHOT_COLUMN, type: 'DATE', mode: 'REQUIRED', description: 'The day of the run the row is a snapshot of (spreadsheet time zone)' },
    { name: LOADED_BY_COLUMN, type: 'STRING', mode: 'NULLABLE', description: 'The Sheetgram report that loaded the row: spreadsheet id/report id' },
  ];
  const taken = new Set(own.map((c) => c.name));
  const fields = report.fields
    .filter((f) => !taken.has(columnName(f.id)))
    .map((f): ReportColumn => ({ name: columnName(f.id), type: COLUMN_TYPES[f.type], mode: 'NULLABLE', description: f.header, field: f }));
  return [...own, ...fields];
}

export function tableIdOf(report: ReportDefinition): string {
  return report.id;
}

/** Where one configuration's rows wait between the load job and the statement that replaces its days. */
export function stagingTableIdOf(configId: string): string {
  return `_sheetgram_staging_${configId.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

export function tableSpecOf(report: ReportDefinition): TableSpec {
  const keys = report.keyColumns.map(columnName).filter((k) => k !== ACCOUNT_ID_COLUMN);
  return {
    columns: reportColumns(report).map(({ field: _field, ...column }) => column),
    partitionBy: SNAPSHOT_COLUMN,
    clusterBy: [ACCOUNT_ID_COLUMN, ...keys].slice(0, 4),
    description: `Sheetgram: ${report.title}. One row per account, snapshot day${keys.length ? ` and ${report.keyColumns.join(', ')}` : ''}.`,
  };
}
