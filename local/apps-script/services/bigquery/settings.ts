// The figures the local BigQuery runs on, in one place: how much virtual time calls and jobs take
// (guesses: Google publishes none), and BigQuery's limits, each with where it comes from. Tests may
// replace any figure through createRuntime({ bigquery: { times, limits } }).

export interface Figure {
  value: number;
  source: string;
}

/** Virtual time. Every figure here is a guess: BigQuery documents no latencies. */
export const BIGQUERY_TIMES = {
  apiCallMs: { value: 200, source: 'guess: one advanced-service round trip to the BigQuery API (~150-300 ms seen in practice)' },
  loadBaseMs: { value: 1_500, source: 'guess: a small load job takes a second or two to be scheduled and committed' },
  loadPerMbMs: { value: 500, source: 'guess: virtual ms per MB of newline-delimited JSON loaded' },
  queryBaseMs: { value: 500, source: 'guess: a small interactive query finishes in about half a second' },
  queryPerGbMs: { value: 2_000, source: 'guess: virtual ms per GB the query scans' },
  dmlExtraMs: { value: 1_000, source: 'guess: DML statements (MERGE, INSERT, UPDATE, DELETE) commit more slowly than SELECTs' },
  queryTimeoutMs: { value: 10_000, source: 'jobs.query and jobs.getQueryResults: timeoutMs defaults to 10 seconds (API reference)' },
} satisfies Record<string, Figure>;

const MB = 1024 * 1024;
const GB = 1024 * MB;
const DAY = 86_400_000;

/** BigQuery's limits (cloud.google.com/bigquery/quotas unless a source says otherwise). */
export const BIGQUERY_LIMITS = {
  tableOperationsPerDay: { value: 1_500, source: 'quotas "Table modifications per day": 1,500 per table; load jobs (failed ones too) and query jobs writing a destination count, DML does not' },
  partitionModificationsPerDay: { value: 30_000, source: 'quotas "Number of partition modifications per column-partitioned table per day": 30,000; DML does not count' },
  partitionsPerTable: { value: 10_000, source: 'quotas "Number of partitions per partitioned table": 10,000' },
  partitionsPerJob: { value: 4_000, source: 'quotas "Number of partitions modified by a single job": 4,000' },
  tableUpdatesPer10s: { value: 5, source: 'quotas "Maximum rate of table metadata update operations per table": 5 per 10 seconds (standard tables)' },
  partitionedTableUpdatesPer10s: { value: 50, source: 'quotas "Maximum rate of table metadata update operations per partitioned table": 50 per 10 seconds' },
  clusteringFields: { value: 4, source: 'clustered tables: up to four clustering columns' },
  columnNameLength: { value: 300, source: 'quotas "Maximum length of a column name": 300 characters' },
  columnsPerTable: { value: 10_000, source: 'quotas "Maximum number of columns per table": 10,000' },
  datasetIdLength: { value: 1_024, source: 'datasets: ids of letters, digits and underscores, at most 1,024 characters' },
  tableIdBytes: { value: 1_024, source: 'tables: ids of at most 1,024 UTF-8 bytes' },
  queryCharacters: { value: 1_024 * 1_024, source: 'quotas "Maximum unresolved GoogleSQL query length": 1 MB ("The query is too large.")' },
  queryRequestBytes: { value: 10 * MB, source: 'quotas "Maximum request size": 10 MB, query parameters included' },
  responsePageBytes: { value: 20 * MB, source: 'quotas "Maximum jobs.query response size": 20 MB a page; more rows come through pageToken' },
  queryResultBytes: { value: 10 * GB, source: 'quotas query jobs "Maximum response size": 10 GB compressed (counted here uncompressed, so reached earlier)' },
  mediaUploadBytes: {
    value: 50 * MB,
    source: 'uncertain: BigQuery documents no size for a jobs.insert media upload (ndJSON files may be 5 TB); 50 MB is Apps Script\'s own payload ceiling (UrlFetch POST size, Blob size) and is assumed to bound an advanced-service upload',
  },
  ndjsonRowBytes: { value: 100 * MB, source: 'quotas load jobs "ndJSON: Maximum row size": 100 MB' },
  sandboxExpirationMs: { value: 60 * DAY, source: 'BigQuery sandbox: tables and partitions expire after 60 days (default table and partition expiration of every dataset)' },
  // Not enforced by the local BigQuery: the bench (local/bench/reach-limits.ts) holds its figures against them.
  loadJobsPerDay: { value: 100_000, source: 'unverified (not in /work/shared/reference): quotas "Load jobs per day": 100,000 per project, failed ones too' },
  freeStorageBytes: {
    value: 10 * GB,
    source: 'unverified (not in /work/shared/reference): BigQuery sandbox (cloud.google.com/bigquery/docs/sandbox, as docs/bigquery.md cites it), 10 GB of storage free; all a sandbox stores, and the free part of a project with billing. Counted as GiB',
  },
  freeQueryBytesPerMonth: {
    value: 1_024 * GB,
    source: 'unverified (not in /work/shared/reference): BigQuery sandbox (cloud.google.com/bigquery/docs/sandbox, as docs/bigquery.md cites it), 1 TB of query bytes processed free a month, with or without billing. Counted as TiB',
  },
} satisfies Record<string, Figure>;

export type TimeName = keyof typeof BIGQUERY_TIMES;
export type LimitName = keyof typeof BIGQUERY_LIMITS;

export interface BigQuerySettings {
  times: Record<TimeName, number>;
  limits: Record<LimitName, number>;
}

export interface SettingsOverrides {
  times?: Partial<Record<TimeName, number>>;
  limits?: Partial<Record<LimitName, number>>;
}

export function resolveSettings(overrides: SettingsOverrides = {}): BigQuerySettings {
  const pick = <K extends string>(table: Record<K, Figure>, change: Partial<Record<K, number>> = {}) => {
    for (const name of Object.keys(change)) if (!(name in table)) throw new Error(`bigquery: unknown figure "${name}"; known: ${Object.keys(table).join(', ')}`);
    return Object.fromEntries(Object.entries<Figure>(table).map(([k, f]) => [k, change[k as K] ?? f.value])) as Record<K, number>;
  };
  return { times: pick(BIGQUERY_TIMES, overrides.times), limits: pick(BIGQUERY_LIMITS, overrides.limits) };
}

export { MB, GB, DAY };
