// The BigQuery of one runtime, shared by all its executions and documents: projects (with their
// settings), datasets, tables and views (metadata here, data in DuckDB), jobs, and per-table quotas.
// Jobs finish on the virtual clock: a job's work runs when the clock has passed its end and anyone
// looks (settle), in the order jobs end; expired tables and partitions go at their time too.
import { createHash } from 'node:crypto';
import { createSchemaSql, dropSql, logicalBytesSql, partitionDaySql } from './ddl';
import { Database, EngineError, type EngineResult, type EngineStep } from './engine';
import { BigQueryError, BQ_ERRORS, type ErrorProto } from './errors';
import { datasetKey, duckTable, tableKey, tableName, type TableRef } from './names';
import { TableQuotas } from './quotas';
import { DAY, resolveSettings, type BigQuerySettings, type SettingsOverrides } from './settings';
import { fromEngine } from './sql/engine-errors';
import { translate } from './sql/translate';
import { bqTypeOfDuck, findField, type Field } from './types';
import { plainValue, timestampLiteral, type EngineValue } from './values';

export interface ProjectSeed {
  projectId: string;
  /** Default: a number derived from the id. */
  projectNumber?: string | number;
  /** Whether the BigQuery API is enabled (default true). */
  apiEnabled?: boolean;
  /** false: a BigQuery sandbox project (no billing account): no DML, 60-day expirations. Default true. */
  billing?: boolean;
  /** Emails of the users with access (default: everyone). */
  users?: string[];
}

export interface Project {
  projectId: string;
  projectNumber: string;
  apiEnabled: boolean;
  billing: boolean;
  users: string[] | null;
}

export interface DatasetRecord {
  projectId: string;
  datasetId: string;
  location: string;
  creationTime: number;
  lastModifiedTime: number;
  defaultTableExpirationMs?: number;
  defaultPartitionExpirationMs?: number;
  description?: string;
  friendlyName?: string;
  labels?: Record<string, string>;
}

export interface TableRecord {
  ref: TableRef;
  type: 'TABLE' | 'VIEW';
  fields: Field[];
  partitionField?: string;
  partitionExpirationMs?: number;
  clustering?: string[];
  expirationTime?: number;
  creationTime: number;
  lastModifiedTime: number;
  description?: string;
  friendlyName?: string;
  labels?: Record<string, string>;
  view?: { query: string };
  /** Tables a view reads (for the bytes a query over it scans). */
  viewTables?: TableRef[];
  /** Partitions up to this epoch day are already expired (undefined: look again). */
  expiredThroughDay?: number;
}

/** A finished query's rows, as the engine gave them. */
export interface QueryResultData {
  fields: Field[];
  rows: EngineValue[][];
}

export interface JobRecord {
  seq: number;
  projectId: string;
  jobId: string;
  location: string;
  user: string;
  jobType: 'LOAD' | 'QUERY';
  configuration: Record<string, unknown>;
  creationTime: number;
  startTime: number;
  endTime: number;
  done: boolean;
  /** The job's work, run once the clock passes endTime; returns statistics or throws BigQueryError. */
  run?: () => { statistics: Record<string, unknown>; warnings?: ErrorProto[]; result?: QueryResultData };
  errorResult?: ErrorProto;
  errors?: ErrorProto[];
  statistics: Record<string, unknown>;
  result?: QueryResultData;
}

export interface BigQueryOptions extends SettingsOverrides {
  projects?: ProjectSeed[];
  /** Seed of generated job ids. */
  seed?: string;
}

export class BigQueryState {
  readonly settings: BigQuerySettings;
  readonly quotas: TableQuotas;
  readonly projects = new Map<string, Project>();
  readonly datasets = new Map<string, DatasetRecord>();
  readonly tableRecords = new Map<string, TableRecord>();
  readonly jobs = new Map<string, JobRecord>();
  private readonly db = new Database();
  private readonly seed: string;
  private jobCount = 0;
  private settling = false;

  constructor(
    readonly clock: { now(): number },
    options: BigQueryOptions = {},
  ) {
    this.settings = resolveSettings(options);
    this.quotas = new TableQuotas(this.settings);
    this.seed = options.seed ?? 'bigquery';
    for (const p of options.projects ?? []) this.addProject(p);
  }

  // ---- projects and access ---------------------------------------------------------------------

  addProject(seed: ProjectSeed): Project {
    const number = seed.projectNumber ?? parseInt(createHash('sha256').update(seed.projectId).digest('hex').slice(0, 10), 16) % 1e12;
    const project: Project = {
      projectId: seed.projectId,
      projectNumber: String(number),
      apiEnabled: seed.apiEnabled ?? true,
      billing: seed.billing ?? true,
      users: seed.users ? [...seed.users] : null,
    };
    this.projects.set(project.projectId, project);
    return project;
  }

  /** The project, if it exists, its API is on and the user may use it; BigQuery's error otherwise. */
  access(projectId: string, user: string, denied: () => BigQueryError): Project {
    const project = this.projects.get(projectId);
    if (!project) throw BQ_ERRORS.projectNotFound(projectId);
    if (!project.apiEnabled) throw BQ_ERRORS.apiDisabled(project.projectNumber);
    if (project.users && !project.users.includes(user)) throw denied();
    return project;
  }

  dataset(projectId: string, datasetId: string): DatasetRecord | undefined {
    return this.datasets.get(datasetKey(projectId, datasetId));
  }

  table(ref: TableRef): TableRecord | undefined {
    return this.tableRecords.get(tableKey(ref));
  }

  // ---- the engine ----------------------------------------------------------------------------

  /** Runs steps with BigQuery's clock (bq_now) at `at` (default now). */
  sql(steps: EngineStep[], at = this.clock.now()): EngineResult[] {
    return this.db.run(steps, { now: timestampLiteral(BigInt(at) * 1000n) });
  }

  /** Runs fn in one DuckDB transaction: everything or nothing (failed loads change nothing). */
  transaction<T>(fn: () => T): T {
    this.db.run([{ sql: 'BEGIN TRANSACTION' }]);
    try {
      const value = fn();
      this.db.run([{ sql: 'COMMIT' }]);
      return value;
    } catch (error) {
      this.db.run([{ sql: 'ROLLBACK' }]);
      throw error;
    }
  }

  ensureSchema(projectId: string, datasetId: string): void {
    this.sql([{ sql: createSchemaSql(projectId, datasetId) }]);
  }

  /** Rows and logical bytes of a table (a view: of the tables it reads). */
  stats(ref: TableRef): { rows: number; bytes: number } {
    const record = this.table(ref);
    if (!record) return { rows: 0, bytes: 0 };
    if (record.type === 'VIEW') {
      const bytes = (record.viewTables ?? []).reduce((sum, r) => sum + (this.table(r)?.type === 'TABLE' ? this.stats(r).bytes : 0), 0);
      return { rows: 0, bytes };
    }
    const [row] = this.sql([{ sql: logicalBytesSql(ref, record.fields), read: true }])[0].rows as string[][];
    return { rows: Number(row[0]), bytes: Number(row[1]) };
  }

  dropTable(record: TableRecord): void {
    this.sql([{ sql: dropSql(record.ref, record.type) }]);
    this.tableRecords.delete(tableKey(record.ref));
  }

  // ---- time ------------------------------------------------------------------------------------

  /** Finishes the jobs whose end has come, in order, and expires what is due. */
  settle(now = this.clock.now()): void {
    if (this.settling) return;
    this.settling = true;
    try {
      const due = [...this.jobs.values()].filter((j) => !j.done && j.endTime <= now).sort((a, b) => a.endTime - b.endTime || a.seq - b.seq);
      for (const job of due) {
        this.expire(job.endTime);
        this.finish(job);
      }
      this.expire(now);
    } finally {
      this.settling = false;
    }
  }

  private finish(job: JobRecord): void {
    try {
      const outcome = job.run!();
      job.statistics = outcome.statistics;
      job.result = outcome.result;
      if (outcome.warnings?.length) job.errors = outcome.warnings;
    } catch (error) {
      const failure = error instanceof BigQueryError ? error : new BigQueryError(500, 'backendError', `local BigQuery engine failure: ${(error as Error)?.message ?? error}`);
      job.errorResult = failure.errors?.[0] ?? failure.proto;
      job.errors = failure.errors ?? [failure.proto];
    }
    job.done = true;
    job.run = undefined;
  }

  /** Tables past their expirationTime go; partitions past partitionExpirationMs lose their rows. */
  private expire(t: number): void {
    for (const record of [...this.tableRecords.values()]) {
      if (record.expirationTime !== undefined && record.expirationTime <= t) {
        this.dropTable(record);
        continue;
      }
      if (record.type !== 'TABLE' || !record.partitionField || !record.partitionExpirationMs) continue;
      const cutoff = Math.floor((t - record.partitionExpirationMs) / DAY);
      if (record.expiredThroughDay !== undefined && cutoff <= record.expiredThroughDay) continue;
      const day = new Date(cutoff * DAY).toISOString().slice(0, 10);
      const field = findField(record.fields, record.partitionField)!;
      this.sql([{ sql: `DELETE FROM ${duckTable(record.ref)} WHERE ${partitionDaySql(field.name, field)} <= DATE '${day}'` }]);
      record.expiredThroughDay = cutoff;
    }
  }

  nextJobId(): string {
    const hash = createHash('sha256').update(`${this.seed}:${++this.jobCount}`).digest('base64url');
    return `job_${hash.slice(0, 28)}`;
  }

  nextSeq(): number {
    return this.jobs.size + 1;
  }

  // ---- for tests -------------------------------------------------------------------------------

  /**
   * Runs a GoogleSQL SELECT against the current data (no job, no quota, no cost) and returns plain
   * rows: INT64 as numbers (text when unsafe), DATE as "YYYY-MM-DD", TIMESTAMP as ISO text.
   */
  query(sql: string, options: { defaultProject?: string } = {}): Record<string, unknown>[] {
    this.settle();
    const defaultProject = options.defaultProject ?? [...this.projects.keys()][0] ?? 'project';
    const translation = translate(sql, {
      defaultProject,
      resolve: (ref) => {
        if (!this.table(ref)) throw BQ_ERRORS.tableNotFound(ref.projectId, ref.datasetId, ref.tableId);
        return duckTable(ref);
      },
    });
    let result: EngineResult;
    try {
      result = this.sql([{ sql: translation.sql, read: true }])[0];
    } catch (error) {
      throw error instanceof EngineError ? fromEngine(error.message, sql) : error;
    }
    const types = result.columns.map((c) => bqTypeOfDuck(c.type));
    return result.rows.map((row) => Object.fromEntries(result.columns.map((c, n) => [c.name, plainValue(row[n] as EngineValue, types[n].type, types[n].mode === 'REPEATED')])));
  }

  /** Every table and view, with its row count. */
  tables(): { projectId: string; datasetId: string; tableId: string; type: 'TABLE' | 'VIEW'; numRows: number; name: string }[] {
    this.settle();
    return [...this.tableRecords.values()].map((r) => ({ ...r.ref, type: r.type, numRows: r.type === 'TABLE' ? this.stats(r.ref).rows : 0, name: tableName(r.ref) }));
  }

  /** Releases this runtime's DuckDB database. */
  close(): void {
    this.db.close();
  }
}
