// BigQuery's errors: the error type the local BigQuery throws inside, its messages in one table, and
// the GoogleJsonResponseException Apps Script's advanced services throw to the script.
//
// Sources of the wordings (public BigQuery answers quoted in issues, docs and client tests):
// ✅ seen verbatim in real answers; 🟡 BigQuery's shape, wording not verified.

export interface ErrorProto {
  reason: string;
  message: string;
  location?: string;
}

/** What BigQuery answers with: an HTTP code, a reason, a message, and for jobs more errors. */
export class BigQueryError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    /** Job errors: the whole errors[] collection (the first is errorResult). */
    readonly errors?: ErrorProto[],
  ) {
    super(message);
    this.name = 'BigQueryError';
  }

  get proto(): ErrorProto {
    return { reason: this.reason, message: this.message };
  }
}

/** The HTTP code BigQuery answers a job's error reason with (jobs.query, getQueryResults). */
export const CODE_OF_REASON: Record<string, number> = {
  invalid: 400,
  invalidQuery: 400,
  notFound: 404,
  duplicate: 409,
  accessDenied: 403,
  billingNotEnabled: 403,
  quotaExceeded: 403,
  rateLimitExceeded: 403,
  responseTooLarge: 403,
  accessNotConfigured: 403,
  backendError: 500,
};

export function jobFailure(errorResult: ErrorProto, errors?: ErrorProto[]): BigQueryError {
  return new BigQueryError(CODE_OF_REASON[errorResult.reason] ?? 400, errorResult.reason, errorResult.message, errors);
}

const invalid = (message: string) => new BigQueryError(400, 'invalid', message);
const invalidQuery = (message: string) => new BigQueryError(400, 'invalidQuery', message);
const QUOTA_HELP = 'For more information, see https://cloud.google.com/bigquery/docs/troubleshoot-quotas';

export const BQ_ERRORS = {
  // ✅ "Not found: Project my-proj" (client tests); BigQuery may also answer 403 for projects one cannot see.
  projectNotFound: (p: string) => new BigQueryError(404, 'notFound', `Not found: Project ${p}`),
  // ✅ the accessNotConfigured text of Google APIs, verbatim in Terraform and client logs.
  apiDisabled: (n: string) =>
    new BigQueryError(
      403,
      'accessNotConfigured',
      `BigQuery API has not been used in project ${n} before or it is disabled. Enable it by visiting https://console.developers.google.com/apis/api/bigquery.googleapis.com/overview?project=${n} then retry. If you enabled this API recently, wait a few minutes for the action to propagate to our systems and retry.`,
    ),
  // ✅ "Access Denied: Project p: User does not have bigquery.jobs.create permission in project p."
  projectDenied: (p: string, permission: string) => new BigQueryError(403, 'accessDenied', `Access Denied: Project ${p}: User does not have ${permission} permission in project ${p}.`),
  // ✅ tables ("... (or it may not exist)."); 🟡 datasets in the same shape.
  tableDenied: (p: string, d: string, t: string, permission: string) =>
    new BigQueryError(403, 'accessDenied', `Access Denied: Table ${p}:${d}.${t}: Permission ${permission} denied on table ${p}:${d}.${t} (or it may not exist).`),
  datasetDenied: (p: string, d: string, permission: string) =>
    new BigQueryError(403, 'accessDenied', `Access Denied: Dataset ${p}:${d}: Permission ${permission} denied on dataset ${p}:${d} (or it may not exist).`),
  // ✅ "Not found: Dataset p:d", "Not found: Table p:d.t"; queries add "was not found in location L" ✅.
  datasetNotFound: (p: string, d: string, location?: string) =>
    new BigQueryError(404, 'notFound', `Not found: Dataset ${p}:${d}${location ? ` was not found in location ${location}` : ''}`),
  tableNotFound: (p: string, d: string, t: string, location?: string) =>
    new BigQueryError(404, 'notFound', `Not found: Table ${p}:${d}.${t}${location ? ` was not found in location ${location}` : ''}`),
  // 🟡 jobs looked up in the wrong location are "Not found: Job ..." (Apps Script reports seen).
  jobNotFound: (p: string, jobId: string, location?: string) => new BigQueryError(404, 'notFound', `Not found: Job ${p}:${location ? `${location}.` : ''}${jobId}`),
  datasetExists: (p: string, d: string) => new BigQueryError(409, 'duplicate', `Already Exists: Dataset ${p}:${d}`),
  tableExists: (p: string, d: string, t: string) => new BigQueryError(409, 'duplicate', `Already Exists: Table ${p}:${d}.${t}`),
  // ✅ sandbox DML (reason billingNotEnabled), verbatim in dlt and client tests.
  billingDml: () =>
    new BigQueryError(
      403,
      'billingNotEnabled',
      'Billing has not been enabled for this project. Enable billing at https://console.cloud.google.com/billing. DML queries are not allowed in the free tier. Set up a billing account to remove this restriction.',
    ),
  // ✅ troubleshoot-quotas page ("Your table exceeded quota for imports or query appends per table").
  tableOperations: () => new BigQueryError(403, 'quotaExceeded', `Quota exceeded: Your table exceeded quota for imports or query appends per table. ${QUOTA_HELP}`),
  // ✅ troubleshoot-quotas page.
  partitionModifications: () =>
    new BigQueryError(403, 'quotaExceeded', `Quota exceeded: Your table exceeded quota for Number of partition modifications to a column partitioned table. ${QUOTA_HELP}`),
  // ✅ quotas page ("Exceeded rate limits: too many [partitioned] table update operations for this table").
  tableUpdateRate: (partitioned: boolean) =>
    new BigQueryError(403, 'rateLimitExceeded', `Exceeded rate limits: too many ${partitioned ? 'partitioned ' : ''}table update operations for this table. ${QUOTA_HELP}`),
  // ✅ "Too many partitions produced by query, allowed 4000, query produces at least 4200 partitions".
  partitionsPerJob: (allowed: number, n: number, kind: 'query' | 'load job') =>
    new BigQueryError(400, kind === 'query' ? 'invalidQuery' : 'invalid', `Too many partitions produced by ${kind}, allowed ${allowed}, ${kind} produces at least ${n} partitions`),
  // 🟡 no public wording found for the 10,000-partition table limit.
  partitionsPerTable: (p: string, d: string, t: string, allowed: number) =>
    invalid(`Too many partitions in table ${p}:${d}.${t}: a partitioned table can have at most ${allowed} partitions`),
  // ✅ seen in query-job logs with a partition decorator.
  wrongPartition: (partition: string) => invalid(`Some rows belong to different partitions rather than destination partition ${partition}`),
  // ✅ "Cannot add storage to a non-partitioned table with a partition reference: p:d.t".
  notPartitioned: (p: string, d: string, t: string) => invalid(`Cannot add storage to a non-partitioned table with a partition reference: ${p}:${d}.${t}`),
  // ✅ bq query into a missing partitioned destination.
  partitioningNeeded: () => invalid('Partitioning specification must be provided in order to create partitioned table'),
  // 🟡 Scala client comment: "Cannot set destination table in jobs with DML statements".
  dmlDestination: () => invalid('Cannot set destination table in jobs with DML statements'),
  // ✅ "Provided Schema does not match Table p:d.t. Cannot add fields (field: x)" and the other schema answers.
  schemaMismatch: (p: string, d: string, t: string, why: string) => invalid(`Provided Schema does not match Table ${p}:${d}.${t}. ${why}`),
  // ✅ query results appended to a table with other columns.
  invalidSchemaUpdate: (why: string) => invalid(`Invalid schema update. ${why}`),
  // 🟡 "No schema specified on job or table." (bq CLI answer).
  noSchema: () => invalid('No schema specified on job or table.'),
  // ✅ shape of load answers (JSON processing errors, verbatim from failed jobs).
  tooManyErrors: (rows: number, errors: number) =>
    `Error while reading data, error message: JSON table encountered too many errors, giving up. Rows: ${rows}; errors: ${errors}. Please look into the errors[] collection for more details.`,
  tooManyErrorsDetail: (rows: number, errors: number, maxBad: number) =>
    `Error while reading data, error message: JSON processing encountered too many errors, giving up. Rows: ${rows}; errors: ${errors}; max bad: ${maxBad}; error percent: 0`,
  rowError: (position: number, message: string) => `Error while reading data, error message: JSON parsing error in row starting at position ${position}: ${message}`,
  // 🟡 Google's API front end: "Invalid JSON payload received. Unknown name "x" at 'y': Cannot find field."
  unknownField: (name: string, at: string) => invalid(`Invalid JSON payload received. Unknown name "${name}" at '${at}': Cannot find field.`),
  // 🟡 classic id rules.
  invalidDatasetId: (d: string) => invalid(`Invalid dataset ID "${d}". Dataset IDs must be alphanumeric (plus underscores) and must be at most 1024 characters long.`),
  invalidTableId: (t: string) =>
    invalid(`Invalid table ID "${t}". Table IDs must be alphanumeric (plus underscores) and must be at most 1024 characters long. Also, Table decorators cannot be used.`),
  invalidFieldName: (f: string) =>
    invalid(`Invalid field name "${f}". Fields must contain only letters, numbers, and underscores, start with a letter or underscore, and be at most 300 characters long.`),
  duplicateField: (f: string) => invalid(`Field ${f} already exists in schema`),
  invalidType: (type: string) => invalid(`Invalid value for type: ${type} is not a valid value`),
  tooManyColumns: (n: number, max: number) => invalid(`Too many columns: ${n}, a table can have at most ${max}`),
  // 🟡 partitioning and clustering checks at table creation.
  partitionFieldMissing: (f: string) => invalid(`The field specified for partitioning cannot be found in the schema: ${f}`),
  partitionFieldType: (type: string) => invalid(`The field specified for time partitioning can only be of type TIMESTAMP, DATE or DATETIME. The type found is: ${type}.`),
  clusteringFieldMissing: (f: string) => invalid(`The field specified for clustering cannot be found in the schema. Invalid field: ${f}.`),
  tooManyClusteringFields: (n: number, max: number) => invalid(`Too many clustering fields: ${n}, only ${max} are allowed`),
  // ✅ query answers.
  syntax: (what: string, at: string) => invalidQuery(`Syntax error: ${what} at ${at}`),
  unrecognizedName: (name: string, at: string) => invalidQuery(`Unrecognized name: ${name} at ${at}`),
  parameterNotFound: (name: string, at: string) => invalidQuery(`Query parameter '${name}' not found at ${at}`),
  queryTooLarge: () => invalidQuery('The query is too large. The maximum standard SQL query length is 1024.00K characters, including comments and white space characters.'),
  requestTooLarge: (limit: number) => invalid(`Request payload size exceeds the limit: ${limit} bytes.`),
  // 🟡 parameter values BigQuery cannot read as their type.
  badParameter: (name: string, type: string, value: string) => invalidQuery(`Invalid value for query parameter ${name} of type ${type}: ${value}`),
  // ✅ "Response too large to return. Consider specifying a destination table in your job configuration."
  responseTooLarge: () =>
    new BigQueryError(403, 'responseTooLarge', 'Response too large to return. Consider specifying a destination table in your job configuration. For more details, see https://cloud.google.com/bigquery/troubleshooting-errors'),
  invalidQuery,
  invalid,
  /** What this local BigQuery does not do, in BigQuery's shape so callers handle it as they would a refusal. */
  notImplemented: (what: string, reason: 'invalid' | 'invalidQuery' = 'invalid') => new BigQueryError(400, reason, `not implemented in the local BigQuery runtime: ${what}`),
};

/**
 * The error a script sees: Apps Script's advanced services throw "GoogleJsonResponseException" with
 * "API call to bigquery.<resource>.<method> failed with error: <message>" and the API's answer in
 * `details` ({ code, message, errors: [{ message, domain, reason }] }).
 */
export function toScriptError(apiMethod: string, error: BigQueryError): Error {
  const scriptError = new Error(`API call to bigquery.${apiMethod} failed with error: ${error.message}`);
  scriptError.name = 'GoogleJsonResponseException';
  const errors = (error.errors ?? [error.proto]).map((e) => ({ message: e.message, domain: 'global', reason: e.reason, ...(e.location ? { location: e.location } : {}) }));
  Object.defineProperty(scriptError, 'details', { value: { code: error.code, message: error.message, errors }, enumerable: true });
  return scriptError;
}
