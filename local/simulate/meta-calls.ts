// What the simulator's request log says about calls to Meta. A "call" is what Meta counts against its
// limits: every API request, and every operation inside a batch on its own. The batch envelope is one
// HTTP request but no call; the sign-in pages are a person's browser, not the add-on.
import type { RequestLogEntry } from '../instagram/handler';

export type EntryKind = 'call' | 'batch' | 'page';

const BATCH_ENDPOINT = '/ (batch)';
const BROWSER_HOSTS = new Set(['www.instagram.com', 'www.facebook.com']);
const HOUR = 3_600_000;

export function kindOf(entry: RequestLogEntry): EntryKind {
  if (BROWSER_HOSTS.has(entry.host)) return 'page';
  if (entry.endpoint === BATCH_ENDPOINT && !entry.inBatch) return 'batch';
  return 'call';
}

export const endpointKey = (e: RequestLogEntry) => `${e.method} ${e.host} ${e.endpoint}`;

export interface AccountCalls {
  igUserId: string;
  calls: number;
  /** Most calls in any 60-minute window, and where that window starts. */
  peakRollingHour: number;
  peakHourStart: string | null;
}

export interface MetaCalls {
  /** API calls as Meta counts them. */
  calls: number;
  /** HTTP requests the add-on sent to Meta's API hosts (a batch counts once). */
  httpRequests: number;
  batchRequests: number;
  /** Batch operations (included in calls). */
  batchedCalls: number;
  /** Sign-in pages a person's browser loaded (not calls). */
  browserPages: number;
  /** Calls answered with an HTTP status of 400 or more. */
  failedCalls: number;
  byEndpoint: Record<string, number>;
  /** By username (the account id when the scenario names none). */
  byAccount: Record<string, AccountCalls>;
  /** Calls made for no particular account (token exchanges, /me/accounts). */
  unattributed: number;
}

/** Most entries in any window [t, t + 1 hour), from times in ms (any order). */
export function peakInWindow(times: number[], windowMs = HOUR): { peak: number; start: number | null } {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start: number | null = null;
  let lo = 0;
  for (let hi = 0; hi < sorted.length; hi++) {
    while (sorted[hi] - sorted[lo] >= windowMs) lo++;
    if (hi - lo + 1 > best) {
      best = hi - lo + 1;
      start = sorted[lo];
    }
  }
  return { peak: best, start };
}

function sortedRecord(counts: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...counts].sort(([a], [b]) => a.localeCompare(b)));
}

export function summarizeMetaCalls(entries: readonly RequestLogEntry[]): MetaCalls {
  const byEndpoint = new Map<string, number>();
  const times = new Map<string, { igUserId: string; times: number[] }>();
  const out: MetaCalls = { calls: 0, httpRequests: 0, batchRequests: 0, batchedCalls: 0, browserPages: 0, failedCalls: 0, byEndpoint: {}, byAccount: {}, unattributed: 0 };
  for (const e of entries) {
    const kind = kindOf(e);
    if (kind === 'page') {
      out.browserPages++;
      continue;
    }
    if (kind === 'batch') {
      out.batchRequests++;
      out.httpRequests++;
      continue;
    }
    out.calls++;
    if (e.inBatch) out.batchedCalls++;
    else out.httpRequests++;
    if (e.status >= 400) out.failedCalls++;
    byEndpoint.set(endpointKey(e), (byEndpoint.get(endpointKey(e)) ?? 0) + 1);
    if (!e.account) {
      out.unattributed++;
      continue;
    }
    const name = e.username ?? e.account;
    const bucket = times.get(name) ?? { igUserId: e.account, times: [] };
    bucket.times.push(Date.parse(e.time));
    times.set(name, bucket);
  }
  out.byEndpoint = sortedRecord(byEndpoint);
  for (const [name, { igUserId, times: t }] of [...times].sort(([a], [b]) => a.localeCompare(b))) {
    const { peak, start } = peakInWindow(t);
    out.byAccount[name] = { igUserId, calls: t.length, peakRollingHour: peak, peakHourStart: start === null ? null : new Date(start).toISOString() };
  }
  return out;
}

/** Only the API calls (no batch envelope, no sign-in pages). */
export function callsOnly(entries: readonly RequestLogEntry[]): RequestLogEntry[] {
  return entries.filter((e) => kindOf(e) === 'call');
}
