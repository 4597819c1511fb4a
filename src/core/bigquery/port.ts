// What Sheetgram needs from BigQuery, small enough for an adapter over Apps Script's BigQuery advanced
// service (src/gas/bigquery.ts) to implement, and for tests to fake. Calls throw BigQueryFailure
// (errors.ts) with BigQuery's own code, reason and message.

export type ColumnType = 'STRING' | 'INT64' | 'FLOAT64' | 'BOOL' | 'DATE' | 'TIMESTAMP';

export interface Column {
  name: string;
  type: ColumnType;
  mode: 'REQUIRED' | 'NULLABLE';
  description?: string;
}

export interface TableSpec {
  columns: Column[];
  /** DATE column the table is partitioned by, a partition per day. */
  partitionBy: string;
  /** At most four columns, most selective filter first. */
  clusterBy: string[];
  description: string;
  /** Epoch ms when the table goes away (staging tables only). */
  expiresAt?: number;
}

export interface DatasetInfo {
  location: string;
  /** Set by BigQuery sandbox projects (60 days), or by whoever made the dataset. */
  defaultTableExpirationMs?: number;
}

export interface TableExpiry {
  /** Epoch ms. */
  expiresAt?: number;
  partitionExpirationMs?: number;
}

export interface QueryParameter {
  name: string;
  type: 'STRING' | 'DATE' | 'INT64';
  /** One value, or a list (an ARRAY parameter of that type). */
  value: string | string[];
}

export interface BigQueryPort {
  getDataset(projectId: string, datasetId: string): DatasetInfo | null;
  createDataset(projectId: string, datasetId: string, location: string, description: string): DatasetInfo;
  /** The table's column names, or null when it does not exist. */
  getTableColumns(projectId: string, datasetId: string, tableId: string): string[] | null;
  /**
   * When the table goes by itself, and how long its partitions are kept (a sandbox sets both to 60
   * days; so may whoever made the dataset); null when it does not exist.
   */
  getTableExpiry(projectId: string, datasetId: string, tableId: string): TableExpiry | null;
  createTable(projectId: string, datasetId: string, tableId: string, spec: TableSpec): void;
  /** Adds NULLABLE columns at the end (BigQuery allows no other change to a schema in place). */
  addColumns(projectId: string, datasetId: string, tableId: string, all: Column[]): void;
  /** Removes a table; a missing table is no error. */
  removeTable(projectId: string, datasetId: string, tableId: string): void;
  /** Sets when a table goes by itself (epoch ms); a table that is not there is left so. */
  expireTable(projectId: string, datasetId: string, tableId: string, at: number): void;
  /** Creates or replaces a view. */
  putView(projectId: string, datasetId: string, viewId: string, query: string, description: string): void;
  /** Loads newline-delimited JSON with a load job, waits for it; returns rows loaded. */
  load(projectId: string, datasetId: string, tableId: string, ndjson: string, columns: Column[], disposition: 'WRITE_TRUNCATE' | 'WRITE_APPEND'): number;
  /**
   * Runs a GoogleSQL statement as a query job and waits for it. destination: the query's rows replace
   * that table's partition (tableId with a $YYYYMMDD decorator). Returns rows (values as strings) and
   * the rows a DML statement changed.
   */
  query(projectId: string, sql: string, params: QueryParameter[], destination?: { datasetId: string; tableId: string }): { rows: (string | null)[][]; affected: number };
  /** Whether the person allowed Sheetgram to use BigQuery (granular consent may leave it out). */
  allowed(): boolean;
  /** Where the person allows it. */
  consentUrl(): string | null;
}
