// The batch endpoint's wire format: up to 50 GET operations in one POST, and its answer, one entry per
// operation in order: {code, headers, body (JSON as a string)}, or null when Meta ran out of time for it.
import type { HttpResponse } from '../ports';
import { isRecord } from './json';
import { queryString, relativePath } from './urls';
import type { GraphRequest } from './reader';

/** Meta's documented maximum operations per batch. */
export const MAX_BATCH_OPERATIONS = 50;

export function batchOperations(requests: readonly GraphRequest[]): { method: 'GET'; relative_url: string }[] {
  return requests.map((r) => {
    const query = queryString(r.params ?? {});
    return { method: 'GET', relative_url: `${relativePath(r.path)}${query ? `?${query}` : ''}` };
  });
}

/** One operation's answer as an HTTP response, or null when Meta did not finish it. */
export type BatchEntry = HttpResponse | null;

function headersOf(value: unknown): Record<string, string> {
  const headers: Record<string, string> = {};
  if (Array.isArray(value)) {
    for (const h of value) if (isRecord(h) && typeof h.name === 'string') headers[h.name.toLowerCase()] = String(h.value ?? '');
  }
  return headers;
}

/** The entries of a batch answer, or null when the answer is not a batch array of the expected length. */
export function readBatchEntries(parsed: unknown, expected: number): BatchEntry[] | null {
  if (!Array.isArray(parsed) || parsed.length !== expected) return null;
  return parsed.map((entry): BatchEntry => {
    if (!isRecord(entry)) return null;
    const status = Number(entry.code);
    return {
      status: Number.isFinite(status) ? status : 0,
      headers: headersOf(entry.headers),
      body: typeof entry.body === 'string' ? entry.body : JSON.stringify(entry.body ?? null),
    };
  });
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
