// Query results in BigQuery's REST form: { schema, rows: [{ f: [{ v }] }], totalRows, pageToken },
// every value a string. A page holds maxResults rows at most and stays under the response size
// limit (20 MB: more rows come through pageToken). Page tokens are opaque offsets.
import { BQ_ERRORS } from './errors';
import type { JobRecord } from './state';
import { fieldsOut } from './types';
import { restCell } from './values';

export interface PageOptions {
  pageToken?: unknown;
  startIndex?: unknown;
  maxResults?: unknown;
}

const encodeToken = (job: JobRecord, offset: number) => Buffer.from(`${job.jobId}:${offset}`).toString('base64url');

function decodeToken(job: JobRecord, token: string): number {
  const [jobId, offset] = Buffer.from(token, 'base64url').toString('utf8').split(':');
  const n = Number(offset);
  if (jobId !== job.jobId || !Number.isInteger(n) || n < 0) throw BQ_ERRORS.invalid(`Invalid page token: ${token}`);
  return n;
}

export function resultPage(job: JobRecord, options: PageOptions, pageBytes: number) {
  const result = job.result ?? { fields: [], rows: [] };
  const start = options.pageToken ? decodeToken(job, String(options.pageToken)) : Number(options.startIndex ?? 0);
  if (!Number.isInteger(start) || start < 0) throw BQ_ERRORS.invalid(`Invalid value for startIndex: ${options.startIndex}`);
  const max = options.maxResults === undefined || options.maxResults === null ? Infinity : Math.max(0, Number(options.maxResults));
  const rows: { f: { v: unknown }[] }[] = [];
  let bytes = 0;
  let i = start;
  for (; i < result.rows.length && rows.length < max; i++) {
    const row = { f: result.rows[i].map((value, n) => restCell(value, result.fields[n].type, result.fields[n].mode === 'REPEATED')) };
    const size = JSON.stringify(row).length;
    if (rows.length > 0 && bytes + size > pageBytes) break;
    rows.push(row);
    bytes += size;
  }
  return {
    ...(result.fields.length ? { schema: { fields: fieldsOut(result.fields) } } : {}),
    ...(rows.length ? { rows } : {}),
    totalRows: String(result.rows.length),
    ...(i < result.rows.length ? { pageToken: encodeToken(job, i) } : {}),
  };
}
