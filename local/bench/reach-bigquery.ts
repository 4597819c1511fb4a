// "How far one spreadsheet goes" with BigQuery on: every report also loads into one dataset of the
// agency's project (with billing, so each load is a load job into a staging table and one MERGE into the
// report's table). What each day costs BigQuery is read from the local BigQuery's own records, never
// from Sheetgram: the jobs created that day with BigQuery's statistics, the API calls the runtime's call
// counters saw, and the dataset's tables at the day's end. The limits come from reach-limits.ts.
import type { BigQueryTarget } from '../../src/contract/sidebar';
import { stagingTableIdOf } from '../../src/core/bigquery/schema';
import type { BigQueryState, JobRecord } from '../apps-script/services/bigquery/state';

/** The agency's warehouse: a project with billing (DML allowed), one dataset for every report. */
export const AGENCY_WAREHOUSE: BigQueryTarget = { projectId: 'agency-warehouse', datasetId: 'agency', location: 'US' };
/** Sheetgram's staging tables (one per configuration, removed once merged) start so. */
export const STAGING_PREFIX = stagingTableIdOf('');

/** The table written most often in a day, and how often (no table: 0). */
export interface BusiestTable {
  table: string;
  operations: number;
}

export interface ReachBigQueryDay {
  /** Load jobs created this day, and of them the failed ones (BigQuery counts both against its quotas). */
  loadJobs: number;
  failedLoadJobs: number;
  /** Rows the day's load jobs loaded (statistics.load.outputRows), and the newline-delimited JSON they uploaded (inputFileBytes). */
  rowsLoaded: number;
  bytesLoaded: number;
  /** The largest upload of one load job this day (bytes). */
  largestLoadBytes: number;
  /** Query jobs created this day: DML statements (Sheetgram's MERGEs), the others (its checks, partition rewrites), failed ones of either. */
  dmlJobs: number;
  otherQueryJobs: number;
  failedQueryJobs: number;
  /** Rows the DML statements deleted and inserted (numDmlAffectedRows): a MERGE replaces a day already loaded. */
  dmlAffectedRows: number;
  /** Bytes the day's query jobs processed, and were billed for (statistics.query: 10 MB at least per query). */
  queryBytesProcessed: number;
  queryBytesBilled: number;
  /**
   * Table operations per table this day (load jobs, DML statements and query jobs writing it, failed ones
   * too): the busiest report table, and apart from it the busiest staging table.
   */
  busiestTable: BusiestTable;
  busiestStagingTable: BusiestTable;
  /** BigQuery API calls this day by method ("Jobs.insert", "Jobs.get"...), as the runtime's call counters saw them. */
  apiCalls: Record<string, number>;
  /** At the day's end, the dataset's report tables: how many, their rows and logical bytes (as BigQuery bills storage). */
  tables: number;
  storedRows: number;
  storedBytes: number;
  /** At the day's end, the bytes of staging tables still there (a load cut off before its MERGE leaves one). */
  stagingBytes: number;
}

type TablePath = { projectId?: string; datasetId?: string; tableId?: string };
interface JobConfiguration {
  load?: { destinationTable?: TablePath };
  query?: { query?: string; destinationTable?: TablePath };
}
interface JobStatistics {
  load?: { outputRows?: string; inputFileBytes?: string };
  query?: { statementType?: string; totalBytesProcessed?: string; totalBytesBilled?: string; numDmlAffectedRows?: string };
}

const DML_TARGET = /^\s*(?:MERGE|INSERT|UPDATE|DELETE)\s+(?:INTO\s+|FROM\s+)?`?([A-Za-z0-9_.$-]+)`?/i;

/**
 * The table of the agency's dataset a job writes, if any: a load's or a query's destination, or the
 * target a DML statement names first (BigQuery's job resource names no destination for DML).
 */
export function writtenTable(job: JobRecord, target: BigQueryTarget): string | undefined {
  const config = job.configuration as JobConfiguration;
  const destination = config.load?.destinationTable ?? config.query?.destinationTable;
  let path: TablePath | undefined = destination;
  if (!path) {
    const named = DML_TARGET.exec(config.query?.query ?? '')?.[1].split('.');
    if (named && named.length >= 2) path = { projectId: named.length > 2 ? named[named.length - 3] : undefined, datasetId: named[named.length - 2], tableId: named[named.length - 1] };
  }
  if (!path?.tableId || path.datasetId !== target.datasetId || (path.projectId ?? job.projectId) !== target.projectId) return undefined;
  // A partition decorator (t$20250101) writes the table itself.
  return path.tableId.split('$')[0];
}

/** The statement a query job ran: BigQuery's statementType once done, else its first word. */
function statementOf(job: JobRecord): string {
  const type = (job.statistics as JobStatistics).query?.statementType;
  return type ?? ((job.configuration as JobConfiguration).query?.query ?? '').trim().split(/\s+/)[0].toUpperCase();
}

function busiest(operations: Map<string, number>, staging: boolean): BusiestTable {
  let top: BusiestTable = { table: '', operations: 0 };
  for (const [table, count] of operations) if (table.startsWith(STAGING_PREFIX) === staging && count > top.operations) top = { table, operations: count };
  return top;
}

/**
 * The BigQuery figures of one day: the jobs of the agency's project created in [from, to), the API calls
 * between two snapshots of the runtime's call counters, and the dataset's tables now. Reads only: table
 * sizes come from BigQueryState.stats (a SELECT), which finishes no job and expires nothing.
 */
export function bigQueryDay(state: BigQueryState, target: BigQueryTarget, from: number, to: number, calls: { before: Record<string, number>; after: Record<string, number> }): ReachBigQueryDay {
  const day: ReachBigQueryDay = {
    loadJobs: 0, failedLoadJobs: 0, rowsLoaded: 0, bytesLoaded: 0, largestLoadBytes: 0, dmlJobs: 0, otherQueryJobs: 0, failedQueryJobs: 0, dmlAffectedRows: 0,
    queryBytesProcessed: 0, queryBytesBilled: 0, busiestTable: { table: '', operations: 0 }, busiestStagingTable: { table: '', operations: 0 },
    apiCalls: {}, tables: 0, storedRows: 0, storedBytes: 0, stagingBytes: 0,
  };
  const operations = new Map<string, number>();
  for (const job of state.jobs.values()) {
    if (job.projectId !== target.projectId || job.creationTime < from || job.creationTime >= to) continue;
    const stats = job.statistics as JobStatistics;
    if (job.jobType === 'LOAD') {
      day.loadJobs++;
      if (job.errorResult) day.failedLoadJobs++;
      day.rowsLoaded += Number(stats.load?.outputRows ?? 0);
      const uploaded = Number(stats.load?.inputFileBytes ?? 0);
      day.bytesLoaded += uploaded;
      day.largestLoadBytes = Math.max(day.largestLoadBytes, uploaded);
    } else {
      const dml = statementOf(job) !== 'SELECT';
      if (dml) day.dmlJobs++;
      else day.otherQueryJobs++;
      if (job.errorResult) day.failedQueryJobs++;
      day.dmlAffectedRows += Number(stats.query?.numDmlAffectedRows ?? 0);
      day.queryBytesProcessed += Number(stats.query?.totalBytesProcessed ?? 0);
      day.queryBytesBilled += Number(stats.query?.totalBytesBilled ?? 0);
    }
    const table = writtenTable(job, target);
    if (table) operations.set(table, (operations.get(table) ?? 0) + 1);
  }
  day.busiestTable = busiest(operations, false);
  day.busiestStagingTable = busiest(operations, true);
  for (const [key, count] of Object.entries(calls.after)) {
    if (!key.startsWith('BigQuery.')) continue;
    const spent = count - (calls.before[key] ?? 0);
    if (spent > 0) day.apiCalls[key.slice('BigQuery.'.length)] = spent;
  }
  for (const record of state.tableRecords.values()) {
    if (record.type !== 'TABLE' || record.ref.projectId !== target.projectId || record.ref.datasetId !== target.datasetId) continue;
    const { rows, bytes } = state.stats(record.ref);
    if (record.ref.tableId.startsWith(STAGING_PREFIX)) {
      day.stagingBytes += bytes;
      continue;
    }
    day.tables++;
    day.storedRows += rows;
    day.storedBytes += bytes;
  }
  return day;
}

/** All the day's BigQuery API calls. */
export function apiCallsOf(day: ReachBigQueryDay): number {
  return Object.values(day.apiCalls).reduce((sum, c) => sum + c, 0);
}
