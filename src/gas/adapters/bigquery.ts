// The BigQuery port over Apps Script's BigQuery advanced service: load jobs with the rows uploaded as
// the job's media (never streaming inserts: a later run replaces rows, and streamed rows cannot be
// changed for a while), query jobs polled until done, and every refusal turned into a BigQueryFailure
// with BigQuery's code and reason. Polling sleeps with Utilities.sleep and gives up at the deadline.
import { BigQueryFailure } from '../../core/bigquery/errors';
import type { BigQueryPort, Column, QueryParameter } from '../../core/bigquery/port';

export const BIGQUERY_SCOPE = 'https://www.googleapis.com/auth/bigquery';

/** Waits between polls of a running job: short at first (most jobs take seconds), then longer. */
const POLL_MS = [500, 1_000, 2_000, 4_000];

type Service = GoogleAppsScript.BigQuery;
type Job = GoogleAppsScript.BigQuery.Schema.Job;

function service(): Service {
  if (typeof BigQuery === 'undefined' || !BigQuery) throw new BigQueryFailure('The BigQuery service is not enabled in this deployment of Sheetgram (see docs/deploy.md).', 0, 'notEnabled');
  return BigQuery;
}

/** Apps Script throws a GoogleJsonResponseException: "API call to bigquery.x.y failed with error: <message>", details when present. */
function failureOf(e: unknown): BigQueryFailure {
  if (e instanceof BigQueryFailure) return e;
  const error = e as { message?: string; details?: { code?: number; message?: string; errors?: { reason?: string }[] } };
  const raw = String(error?.message ?? e);
  const message = error?.details?.message ?? raw.replace(/^.*?failed with error:\s*/s, '');
  const code = Number(error?.details?.code ?? (/^Not found/i.test(message) ? 404 : /^Already Exists/i.test(message) ? 409 : 0));
  return new BigQueryFailure(message, code, error?.details?.errors?.[0]?.reason ?? '');
}

function call<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    throw failureOf(e);
  }
}

function missingIs404<T>(run: () => T): T | null {
  try {
    return call(run);
  } catch (e) {
    if (e instanceof BigQueryFailure && e.code === 404 && !/Project/i.test(e.message)) return null;
    throw e;
  }
}

function parameter(p: QueryParameter): GoogleAppsScript.BigQuery.Schema.QueryParameter {
  return Array.isArray(p.value)
    ? { name: p.name, parameterType: { type: 'ARRAY', arrayType: { type: p.type } }, parameterValue: { arrayValues: p.value.map((value) => ({ value })) } }
    : { name: p.name, parameterType: { type: p.type }, parameterValue: { value: p.value } };
}

/**
 * Whether this person granted the BigQuery scope: with granular consent a person may leave it unticked,
 * and the ones who never choose BigQuery are never asked (getAuthorizationInfo takes the scopes to ask
 * about since 2025; the published types predate that).
 */
function bigQueryAuthorization(): GoogleAppsScript.Script.AuthorizationInfo {
  const info = ScriptApp.getAuthorizationInfo as (mode: GoogleAppsScript.Script.AuthMode, scopes?: string[]) => GoogleAppsScript.Script.AuthorizationInfo;
  return info.call(ScriptApp, ScriptApp.AuthMode.FULL, [BIGQUERY_SCOPE]);
}

export function bigQueryPort(options: { deadline: () => number; sleep: (ms: number) => void; now: () => number }): BigQueryPort {
  /** Polls a job until DONE; its errorResult becomes the failure. */
  const waitFor = (projectId: string, job: Job): Job => {
    let current = job;
    for (let i = 0; current.status?.state !== 'DONE'; i++) {
      if (options.now() + POLL_MS[Math.min(i, POLL_MS.length - 1)] > options.deadline()) {
        throw new BigQueryFailure(`BigQuery job ${current.jobReference?.jobId ?? ''} was still running when the script's time ran out.`, 0, 'timeout');
      }
      options.sleep(POLL_MS[Math.min(i, POLL_MS.length - 1)]);
      const ref = current.jobReference;
      current = call(() => service().Jobs!.get(projectId, ref!.jobId!, { location: ref?.location }));
    }
    const result = current.status?.errorResult;
    if (result) {
      const detail = current.status?.errors?.find((x) => x.message && x.message !== result.message)?.message;
      throw new BigQueryFailure([result.message, detail].filter(Boolean).join(' '), result.reason === 'invalid' ? 400 : 0, result.reason ?? '');
    }
    return current;
  };
  const schema = (columns: Column[]) => ({ fields: columns.map((c) => ({ name: c.name, type: c.type, mode: c.mode, ...(c.description ? { description: c.description } : {}) })) });

  return {
    getDataset: (projectId, datasetId) => {
      const found = missingIs404(() => service().Datasets!.get(projectId, datasetId));
      if (!found) return null;
      const expiry = Number(found.defaultTableExpirationMs);
      return { location: found.location ?? '', ...(Number.isFinite(expiry) && expiry > 0 ? { defaultTableExpirationMs: expiry } : {}) };
    },
    createDataset: (projectId, datasetId, location, description) => {
      const made = call(() => service().Datasets!.insert({ datasetReference: { projectId, datasetId }, location, description }, projectId));
      const expiry = Number(made.defaultTableExpirationMs);
      return { location: made.location ?? location, ...(Number.isFinite(expiry) && expiry > 0 ? { defaultTableExpirationMs: expiry } : {}) };
    },
    getTableColumns: (projectId, datasetId, tableId) => {
      const table = missingIs404(() => service().Tables!.get(projectId, datasetId, tableId));
      return table ? (table.schema?.fields ?? []).map((f) => f.name ?? '') : null;
    },
    getTableExpiry: (projectId, datasetId, tableId) => {
      const table = missingIs404(() => service().Tables!.get(projectId, datasetId, tableId));
      if (!table) return null;
      // The API gives both as strings of milliseconds.
      const at = Number(table.expirationTime);
      const partitions = Number(table.timePartitioning?.expirationMs);
      return { ...(Number.isFinite(at) && at > 0 ? { expiresAt: at } : {}), ...(Number.isFinite(partitions) && partitions > 0 ? { partitionExpirationMs: partitions } : {}) };
    },
    createTable: (projectId, datasetId, tableId, spec) => {
      call(() => service().Tables!.insert({
        tableReference: { projectId, datasetId, tableId }, schema: schema(spec.columns), description: spec.description,
        timePartitioning: { type: 'DAY', field: spec.partitionBy }, clustering: { fields: spec.clusterBy },
        ...(spec.expiresAt ? { expirationTime: String(spec.expiresAt) } : {}),
      }, projectId, datasetId));
    },
    addColumns: (projectId, datasetId, tableId, all) => {
      call(() => service().Tables!.patch({ schema: schema(all) }, projectId, datasetId, tableId));
    },
    expireTable: (projectId, datasetId, tableId, at) => {
      missingIs404(() => service().Tables!.patch({ expirationTime: String(at) }, projectId, datasetId, tableId));
    },
    removeTable: (projectId, datasetId, tableId) => {
      missingIs404(() => service().Tables!.remove(projectId, datasetId, tableId));
    },
    putView: (projectId, datasetId, viewId, query, description) => {
      const view = { query, useLegacySql: false };
      const exists = missingIs404(() => service().Tables!.get(projectId, datasetId, viewId));
      if (exists) call(() => service().Tables!.patch({ view, description }, projectId, datasetId, viewId));
      else call(() => service().Tables!.insert({ tableReference: { projectId, datasetId, tableId: viewId }, view, description }, projectId, datasetId));
    },
    load: (projectId, datasetId, tableId, rows, columns, disposition) => {
      const blob = Utilities.newBlob(rows, 'application/octet-stream');
      const job = call(() => service().Jobs!.insert({
        configuration: {
          load: {
            destinationTable: { projectId, datasetId, tableId }, sourceFormat: 'NEWLINE_DELIMITED_JSON', schema: schema(columns),
            writeDisposition: disposition, createDisposition: 'CREATE_IF_NEEDED',
          },
        },
      }, projectId, blob));
      const done = waitFor(projectId, job);
      return Number(done.statistics?.load?.outputRows ?? 0);
    },
    query: (projectId, sql, params, destination) => {
      const job = call(() => service().Jobs!.insert({
        configuration: {
          query: {
            query: sql, useLegacySql: false, parameterMode: 'NAMED', queryParameters: params.map(parameter),
            ...(destination ? { destinationTable: { projectId, ...destination }, writeDisposition: 'WRITE_TRUNCATE', createDisposition: 'CREATE_NEVER' } : {}),
          },
        },
      }, projectId));
      const done = waitFor(projectId, job);
      const affected = Number(done.statistics?.query?.numDmlAffectedRows ?? 0);
      // A MERGE or a query into a partition has no rows to page through: one call saved per load.
      const statement = done.statistics?.query?.statementType;
      if (destination || (statement && statement !== 'SELECT')) return { rows: [], affected };
      const ref = done.jobReference!;
      const rows: (string | null)[][] = [];
      let pageToken: string | undefined;
      do {
        const page = call(() => service().Jobs!.getQueryResults(projectId, ref.jobId!, { location: ref.location, ...(pageToken ? { pageToken } : {}) }));
        for (const row of page.rows ?? []) rows.push((row.f ?? []).map((cell) => (cell.v === null || cell.v === undefined ? null : String(cell.v))));
        pageToken = page.pageToken ?? undefined;
      } while (pageToken);
      return { rows, affected };
    },
    allowed: () => bigQueryAuthorization().getAuthorizationStatus() !== ScriptApp.AuthorizationStatus.REQUIRED,
    consentUrl: () => bigQueryAuthorization().getAuthorizationUrl() ?? null,
  };
}
