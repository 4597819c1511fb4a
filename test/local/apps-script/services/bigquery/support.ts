// Shared set-up of the local BigQuery's tests: a fresh platform and BigQuery state per test (each
// state has its own in-memory DuckDB database; the DuckDB worker is shared by the test file), the
// service as the bundle sees it, and helpers to run calls as executions and wait for jobs.
import { CostModel, DEFAULT_COSTS } from '../../../../../local/apps-script/costs';
import { LocalPlatform } from '../../../../../local/apps-script/execution';
import { VirtualClock } from '../../../../../local/apps-script/platform';
import { BigQueryState, createBigQueryService, type BigQueryOptions } from '../../../../../local/apps-script/services/bigquery';
import { createResponseBlob } from '../../../../../local/apps-script/services/url-fetch/blob';
import { START, runAs, type RunAs } from '../../support';

export const PROJECT = 'acme-marketing';

export interface Setup {
  platform: LocalPlatform;
  state: BigQueryState;
  BigQuery: any;
  /** Runs fn as one execution (default: the owner, FULL) and returns its value or throws its error. */
  call<T>(fn: (bq: any) => T, as?: RunAs): T;
  /** The error fn throws inside an execution (fails the test when it throws none). */
  error(fn: (bq: any) => unknown, as?: RunAs): Error & { details?: any };
}

export function setup(options: BigQueryOptions & { costs?: boolean; start?: number } = {}): Setup {
  const { costs, start, ...rest } = options;
  const platform = new LocalPlatform(new VirtualClock(start ?? START), { costs: costs ? new CostModel(DEFAULT_COSTS) : null });
  const state = new BigQueryState(platform.clock, { projects: [{ projectId: PROJECT }], ...rest });
  const BigQuery = createBigQueryService(platform, state, { costs: platform.costs });
  const call = <T>(fn: (bq: any) => T, as?: RunAs): T => runAs(platform, () => fn(BigQuery), as);
  const error = (fn: (bq: any) => unknown, as?: RunAs) => {
    let caught: unknown;
    call(() => {
      try {
        fn(BigQuery);
      } catch (e) {
        caught = e;
      }
    }, as);
    if (!caught) throw new Error('expected the call to throw');
    return caught as Error & { details?: any };
  };
  return { platform, state, BigQuery, call, error };
}

/** What Utilities.newBlob makes: a Blob of the text's UTF-8 bytes. */
export const blob = (text: string) => createResponseBlob(new Uint8Array(Buffer.from(text, 'utf8')), 'application/octet-stream', null);

export const ndjson = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n');

/** Polls a job with Jobs.get and Utilities-like sleeps on the virtual clock, as scripts do. */
export function waitForJob(bq: any, platform: LocalPlatform, job: any): any {
  let current = job;
  for (let i = 0; current.status.state !== 'DONE'; i++) {
    if (i > 100) throw new Error('job never finished');
    platform.clock.sleep(500);
    current = bq.Jobs.get(current.jobReference.projectId, current.jobReference.jobId, { location: current.jobReference.location });
  }
  return current;
}

export const SCHEMA = {
  fields: [
    { name: 'account_id', type: 'STRING', mode: 'REQUIRED' },
    { name: 'snapshot_date', type: 'DATE', mode: 'REQUIRED' },
    { name: 'followers', type: 'INT64', mode: 'NULLABLE' },
    { name: 'rate', type: 'FLOAT64', mode: 'NULLABLE' },
    { name: 'verified', type: 'BOOL', mode: 'NULLABLE' },
    { name: 'seen_at', type: 'TIMESTAMP', mode: 'NULLABLE' },
  ],
};

/** Makes dataset "ig" and a partitioned, clustered table (default "profile"). */
export function makeTable(s: Setup, tableId = 'profile', dataset = 'ig', schema: object = SCHEMA): void {
  s.call((bq) => {
    try {
      bq.Datasets.get(PROJECT, dataset);
    } catch {
      bq.Datasets.insert({ datasetReference: { projectId: PROJECT, datasetId: dataset }, location: 'US' }, PROJECT);
    }
    bq.Tables.insert({ tableReference: { projectId: PROJECT, datasetId: dataset, tableId }, schema, timePartitioning: { type: 'DAY', field: 'snapshot_date' }, clustering: { fields: ['account_id'] } }, PROJECT, dataset);
  });
}

/** Runs a load job to completion and returns the finished job. */
export function load(s: Setup, tableId: string, rows: object[] | string, config: Record<string, unknown> = {}, dataset = 'ig'): any {
  return s.call((bq) => {
    const job = bq.Jobs.insert(
      { configuration: { load: { destinationTable: { projectId: PROJECT, datasetId: dataset, tableId }, sourceFormat: 'NEWLINE_DELIMITED_JSON', writeDisposition: 'WRITE_APPEND', ...config } } },
      PROJECT,
      blob(typeof rows === 'string' ? rows : ndjson(rows)),
    );
    return waitForJob(bq, s.platform, job);
  });
}

/** Runs a query job (Jobs.insert) to completion and returns the finished job. */
export function queryJob(s: Setup, query: Record<string, unknown>): any {
  return s.call((bq) => waitForJob(bq, s.platform, bq.Jobs.insert({ configuration: { query: { useLegacySql: false, ...query } } }, PROJECT)));
}

export const param = (name: string, type: string, value: string | string[]) =>
  Array.isArray(value)
    ? { name, parameterType: { type: 'ARRAY', arrayType: { type } }, parameterValue: { arrayValues: value.map((v) => ({ value: v })) } }
    : { name, parameterType: { type }, parameterValue: { value } };
