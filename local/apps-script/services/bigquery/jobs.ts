// jobs.insert (load and query jobs), jobs.get, jobs.query and jobs.getQueryResults. A job runs on the
// virtual clock: RUNNING once inserted, DONE when its time has passed (state.settle); jobs.query
// and getQueryResults wait up to timeoutMs for it, as the API does, then answer jobComplete: false.
// Request mistakes (unknown fields, bad configuration) are HTTP errors; what goes wrong with the
// job itself (bad SQL, missing tables, quotas, bad rows) is the job's errorResult, as in BigQuery.
import { fromByteArray, isBlobLike } from '../url-fetch/bytes';
import { writeDestination } from './destination';
import { BigQueryError, BQ_ERRORS, jobFailure } from './errors';
import { planLoad } from './load';
import { checkTableId, splitDecorator, tableName, type TableRef } from './names';
import { executeDml, executeSelect, prepareQuery, resultFields, type PreparedQuery } from './query';
import { resultPage, type PageOptions } from './results';
import { GB, MB } from './settings';
import type { BigQueryState, JobRecord, QueryResultData } from './state';
import { fieldsOut } from './types';
import { readWriteConfig } from './writes';

const fields = (text: string) => new Set(text.split(/\s+/).filter(Boolean));
// Fields of the v2 API's resources (REST reference); any other name is refused as Google's JSON parser does.
const JOB_FIELDS = fields('kind etag id selfLink user_email jobReference configuration status statistics principal_subject jobCreationReason');
const CONFIG_FIELDS = fields('jobType query load copy extract dryRun jobTimeoutMs labels reservation maxSlots');
const QUERY_CONFIG_FIELDS = fields(
  'query destinationTable tableDefinitions userDefinedFunctionResources createDisposition writeDisposition defaultDataset priority preserveNulls ' +
    'allowLargeResults useQueryCache flattenResults maximumBillingTier maximumBytesBilled useLegacySql parameterMode queryParameters systemVariables ' +
    'schemaUpdateOptions timePartitioning rangePartitioning clustering destinationEncryptionConfiguration scriptOptions connectionProperties createSession ' +
    'continuous writeIncrementalResults',
);
const LOAD_FIELDS = fields(
  'sourceUris fileSetSpecType schema destinationTable destinationTableProperties createDisposition writeDisposition nullMarker nullMarkers fieldDelimiter ' +
    'skipLeadingRows encoding quote maxBadRecords schemaInlineFormat schemaInline allowQuotedNewlines sourceFormat allowJaggedRows ignoreUnknownValues ' +
    'projectionFields autodetect schemaUpdateOptions timePartitioning rangePartitioning clustering destinationEncryptionConfiguration useAvroLogicalTypes ' +
    'referenceFileSchemaUri hivePartitioningOptions decimalTargetTypes jsonExtension parquetOptions preserveAsciiControlCharacters connectionProperties ' +
    'createSession columnNameCharacterMap copyFilesOnly timeZone dateFormat datetimeFormat timeFormat timestampFormat sourceColumnMatch',
);
const QUERY_REQUEST_FIELDS = fields(
  'kind query maxResults defaultDataset timeoutMs jobTimeoutMs maxSlots destinationEncryptionConfiguration dryRun preserveNulls useQueryCache useLegacySql ' +
    'parameterMode queryParameters location formatOptions connectionProperties labels maximumBytesBilled requestId createSession jobCreationMode reservation ' +
    'writeIncrementalResults',
);

function checkFields(value: unknown, known: Set<string>, at: string): void {
  if (!value || typeof value !== 'object') return;
  for (const name of Object.keys(value)) if (!known.has(name) && (value as Record<string, unknown>)[name] !== undefined) throw BQ_ERRORS.unknownField(name, at);
}

/** Plain JSON copy of what the script passed (objects of the script's realm included). */
const copy = <T>(value: T): T => (value === undefined ? value : JSON.parse(JSON.stringify(value)));
const normalizeLocation = (l: string) => (/^(us|eu)$/i.test(l) ? l.toUpperCase() : l.toLowerCase());
const billed = (bytes: number) => (bytes === 0 ? 0 : Math.max(10 * MB, Math.ceil(bytes / MB) * MB));

/** Waits (on the virtual clock) up to timeoutMs for the job to finish. */
export type Waiter = (job: JobRecord, timeoutMs: number) => void;

export class Jobs {
  constructor(
    private readonly state: BigQueryState,
    private readonly wait: Waiter,
  ) {}

  // ---- jobs.insert ------------------------------------------------------------------------------

  insert(user: string, resource: any, projectId: string, media: unknown) {
    const state = this.state;
    state.access(projectId, user, () => BQ_ERRORS.projectDenied(projectId, 'bigquery.jobs.create'));
    checkFields(resource, JOB_FIELDS, 'job');
    const config = resource?.configuration;
    if (!config || typeof config !== 'object') throw BQ_ERRORS.invalid('Required parameter is missing: configuration');
    checkFields(config, CONFIG_FIELDS, 'job.configuration');
    if (config.copy || config.extract) throw BQ_ERRORS.notImplemented(`${config.copy ? 'copy' : 'extract'} jobs`);
    if (!!config.query === !!config.load) throw BQ_ERRORS.invalid('A job configuration must have exactly one of query or load');
    const ref = resource.jobReference ?? {};
    if (ref.projectId !== undefined && ref.projectId !== projectId) throw BQ_ERRORS.invalid(`Invalid project ID '${ref.projectId}' in jobReference: it must be the project of the request (${projectId})`);
    const jobId = ref.jobId === undefined ? state.nextJobId() : String(ref.jobId);
    if (!/^[A-Za-z0-9_-]{1,1024}$/.test(jobId)) {
      throw BQ_ERRORS.invalid(`Invalid job ID "${jobId}". Job IDs must be alphanumeric (plus underscores and dashes) and must be at most 1024 characters long.`);
    }
    const now = state.clock.now();
    const given = ref.location ? normalizeLocation(String(ref.location)) : undefined;
    const job: JobRecord = {
      seq: state.nextSeq(),
      projectId,
      jobId,
      location: given ?? 'US',
      user,
      jobType: config.load ? 'LOAD' : 'QUERY',
      configuration: { ...copy(config), jobType: config.load ? 'LOAD' : 'QUERY' },
      creationTime: now,
      startTime: now,
      endTime: now,
      done: false,
      statistics: {},
    };
    if (config.load) {
      checkFields(config.load, LOAD_FIELDS, 'job.configuration.load');
      const bytes = media === undefined || media === null ? undefined : isBlobLike(media) ? fromByteArray(media.getBytes()) : undefined;
      if (media !== undefined && media !== null && !bytes) throw BQ_ERRORS.invalid('mediaData must be a Blob');
      const plan = planLoad(state, user, projectId, config.load, bytes);
      job.location = given ?? plan.location;
      job.endTime = now + Math.round(plan.durationMs);
      this.start(job, () => {
        // Load jobs count toward the table's daily operations when they start, failed ones too.
        state.quotas.takeOperation(tableName(plan.ref), now);
        const dataset = state.dataset(plan.ref.projectId, plan.ref.datasetId);
        if (!dataset || (given && dataset.location.toLowerCase() !== given.toLowerCase())) throw BQ_ERRORS.datasetNotFound(plan.ref.projectId, plan.ref.datasetId, given);
      });
      if (!job.done) job.run = () => plan.run(job.endTime);
      state.jobs.set(this.key(projectId, jobId), job);
      return this.view(job);
    }
    checkFields(config.query, QUERY_CONFIG_FIELDS, 'job.configuration.query');
    const q = config.query;
    const dest = q.destinationTable;
    let destRef: TableRef | undefined;
    let partition: string | undefined;
    if (dest) {
      if (!dest.tableId || !dest.datasetId) throw BQ_ERRORS.invalid('Required parameter is missing: destinationTable');
      const split = splitDecorator(String(dest.tableId));
      destRef = { projectId: dest.projectId ?? projectId, datasetId: String(dest.datasetId), tableId: checkTableId(split.tableId, state.settings.limits.tableIdBytes) };
      partition = split.partition;
    }
    // Query jobs write nothing over existing data unless told: WRITE_EMPTY is their default.
    const write = readWriteConfig({ ...q, writeDisposition: q.writeDisposition ?? 'WRITE_EMPTY' });
    let prepared: PreparedQuery | undefined;
    this.start(job, () => {
      prepared = prepareQuery(state, user, projectId, { ...q, location: given, destination: destRef }, 'job.configuration.query.query_parameters');
      job.location = prepared.location;
      if (destRef && prepared.dml) throw BQ_ERRORS.dmlDestination();
      if (destRef) state.quotas.takeOperation(tableName(destRef), now);
    });
    if (!job.done && prepared) {
      const p = prepared;
      const t = state.settings.times;
      job.endTime = now + Math.round(t.queryBaseMs + (t.queryPerGbMs * p.bytes) / GB + (p.dml ? t.dmlExtraMs : 0));
      if (config.dryRun === true) return this.dryRunView(job, p);
      job.run = () => this.runQuery(job, p, destRef, partition, write);
    }
    state.jobs.set(this.key(projectId, jobId), job);
    return this.view(job);
  }

  /** Checks before the job starts; a BigQueryError makes the job fail at once (DONE with errorResult). */
  private start(job: JobRecord, checks: () => void): void {
    if (this.state.jobs.has(this.key(job.projectId, job.jobId))) throw new BigQueryError(409, 'duplicate', `Already Exists: Job ${job.projectId}:${job.location}.${job.jobId}`);
    try {
      checks();
    } catch (error) {
      // Mistakes in the request itself are the API's answer, not the job's.
      if (!(error instanceof BigQueryError) || error.message.startsWith('Invalid JSON payload received')) throw error;
      job.errorResult = error.errors?.[0] ?? error.proto;
      job.errors = error.errors ?? [error.proto];
      job.done = true;
      job.endTime = job.startTime;
    }
  }

  private runQuery(job: JobRecord, p: PreparedQuery, dest: TableRef | undefined, partition: string | undefined, write: ReturnType<typeof readWriteConfig>) {
    const at = job.startTime;
    const statementType = p.translation.statementType;
    const stats = (extra: Record<string, unknown>) => ({
      totalBytesProcessed: String(p.bytes),
      query: { totalBytesProcessed: String(p.bytes), totalBytesBilled: String(billed(p.bytes)), billingTier: 1, cacheHit: false, statementType, ...extra },
    });
    if (p.dml) {
      const affected = executeDml(this.state, p, at);
      const dmlStats =
        statementType === 'INSERT' ? { insertedRowCount: String(affected) } : statementType === 'DELETE' ? { deletedRowCount: String(affected) } : statementType === 'UPDATE' ? { updatedRowCount: String(affected) } : undefined;
      return { statistics: stats({ numDmlAffectedRows: String(affected), ...(dmlStats ? { dmlStats } : {}) }) };
    }
    const result: QueryResultData = dest ? writeDestination(this.state, p, dest, partition, write, at) : executeSelect(this.state, p, at);
    return { statistics: stats({}), result };
  }

  private dryRunView(job: JobRecord, p: PreparedQuery) {
    return {
      kind: 'bigquery#job',
      jobReference: { projectId: job.projectId, location: job.location },
      configuration: job.configuration,
      status: { state: 'DONE' },
      statistics: { creationTime: String(job.creationTime), totalBytesProcessed: String(p.bytes), query: { totalBytesProcessed: String(p.bytes), statementType: p.translation.statementType, ...(p.dml ? {} : { schema: { fields: fieldsOut(resultFields(p.columns)) } }) } },
    };
  }

  // ---- jobs.get ---------------------------------------------------------------------------------

  get(user: string, projectId: string, jobId: string, options: any = {}) {
    this.state.access(projectId, user, () => BQ_ERRORS.projectDenied(projectId, 'bigquery.jobs.get'));
    return this.view(this.find(projectId, String(jobId), options?.location));
  }

  /** Jobs outside the US and EU multi-regions are found only with their location. */
  private find(projectId: string, jobId: string, location: unknown): JobRecord {
    const job = this.state.jobs.get(this.key(projectId, jobId));
    const wanted = location ? normalizeLocation(String(location)) : undefined;
    if (!job) throw BQ_ERRORS.jobNotFound(projectId, jobId, wanted);
    if (wanted ? wanted !== job.location : !['US', 'EU'].includes(job.location)) throw BQ_ERRORS.jobNotFound(projectId, jobId, wanted);
    return job;
  }

  view(job: JobRecord) {
    const status = job.done ? { state: 'DONE', ...(job.errorResult ? { errorResult: { ...job.errorResult } } : {}), ...(job.errors ? { errors: job.errors.map((e) => ({ ...e })) } : {}) } : { state: 'RUNNING' };
    return {
      kind: 'bigquery#job',
      id: `${job.projectId}:${job.location}.${job.jobId}`,
      jobReference: { projectId: job.projectId, jobId: job.jobId, location: job.location },
      configuration: copy(job.configuration),
      status,
      statistics: { creationTime: String(job.creationTime), startTime: String(job.startTime), ...(job.done ? { endTime: String(job.endTime), ...copy(job.statistics) } : {}) },
      user_email: job.user,
    };
  }

  // ---- jobs.query and jobs.getQueryResults --------------------------------------------------------

  query(user: string, request: any, projectId: string) {
    const state = this.state;
    state.access(projectId, user, () => BQ_ERRORS.projectDenied(projectId, 'bigquery.jobs.create'));
    checkFields(request, QUERY_REQUEST_FIELDS, 'query_request');
    const location = request?.location ? normalizeLocation(String(request.location)) : undefined;
    const p = prepareQuery(state, user, projectId, { ...request, location }, 'query_request.query_parameters');
    if (request?.dryRun === true) {
      return { kind: 'bigquery#queryResponse', jobReference: { projectId, location: p.location }, totalBytesProcessed: String(p.bytes), jobComplete: true, cacheHit: false, ...(p.dml ? {} : { schema: { fields: fieldsOut(resultFields(p.columns)) } }) };
    }
    const now = state.clock.now();
    const t = state.settings.times;
    const job: JobRecord = {
      seq: state.nextSeq(),
      projectId,
      jobId: state.nextJobId(),
      location: p.location,
      user,
      jobType: 'QUERY',
      configuration: { jobType: 'QUERY', query: { query: p.source, useLegacySql: false, ...(request.queryParameters ? { parameterMode: 'NAMED', queryParameters: copy(request.queryParameters) } : {}) } },
      creationTime: now,
      startTime: now,
      endTime: now + Math.round(t.queryBaseMs + (t.queryPerGbMs * p.bytes) / GB + (p.dml ? t.dmlExtraMs : 0)),
      done: false,
      statistics: {},
    };
    job.run = () => this.runQuery(job, p, undefined, undefined, readWriteConfig({}));
    state.jobs.set(this.key(projectId, job.jobId), job);
    this.wait(job, request?.timeoutMs === undefined ? t.queryTimeoutMs : Number(request.timeoutMs));
    return this.results(job, 'bigquery#queryResponse', { maxResults: request?.maxResults });
  }

  getQueryResults(user: string, projectId: string, jobId: string, options: any = {}) {
    this.state.access(projectId, user, () => BQ_ERRORS.projectDenied(projectId, 'bigquery.jobs.get'));
    const job = this.find(projectId, String(jobId), options?.location);
    if (job.jobType !== 'QUERY') throw BQ_ERRORS.invalid(`Job ${job.projectId}:${job.location}.${job.jobId} is not a query job`);
    this.wait(job, options?.timeoutMs === undefined ? this.state.settings.times.queryTimeoutMs : Number(options.timeoutMs));
    return this.results(job, 'bigquery#getQueryResultsResponse', options ?? {});
  }

  private results(job: JobRecord, kind: string, page: PageOptions) {
    const jobReference = { projectId: job.projectId, jobId: job.jobId, location: job.location };
    if (!job.done) return { kind, jobReference, jobComplete: false };
    if (job.errorResult) throw jobFailure(job.errorResult, job.errors);
    const query = (job.statistics.query ?? {}) as Record<string, unknown>;
    const common = { kind, jobReference, jobComplete: true, totalBytesProcessed: query.totalBytesProcessed ?? '0', cacheHit: false };
    if (query.numDmlAffectedRows !== undefined) {
      return { ...common, totalRows: '0', numDmlAffectedRows: query.numDmlAffectedRows, ...(query.dmlStats ? { dmlStats: query.dmlStats } : {}) };
    }
    return { ...common, ...resultPage(job, page, this.state.settings.limits.responsePageBytes) };
  }

  private key(projectId: string, jobId: string): string {
    return `${projectId}:${jobId}`;
  }
}
