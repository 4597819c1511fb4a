// What clients asked for: one entry per request (and per batch operation) with secrets removed, and
// counts per normalised endpoint such as "GET graph.instagram.com /{ig-user-id}/media".
import type { RequestLogEntry } from './platform-types';
import { isVersionSegment } from './versions';

/** Parameters that are secrets and never appear in the log. */
const HIDDEN_PARAMS = new Set(['access_token', 'client_secret', 'code', 'fb_exchange_token', 'input_token']);
const MAX_ENTRIES = 200_000;

export function visibleParams(params: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) if (!HIDDEN_PARAMS.has(k)) out[k] = v;
  return out;
}

export interface KnownIds {
  igUserIds: Set<string>;
  pageIds: Set<string>;
  fbUserIds: Set<string>;
}

/** '/v27.0/17841400000000001/media' -> '/{ig-user-id}/media'; unknown numeric ids become '{id}'. */
export function normaliseEndpoint(segments: string[], ids: KnownIds): string {
  const parts = segments.filter((s, i) => !(i === 0 && isVersionSegment(s)));
  const named = parts.map((s) => {
    if (ids.igUserIds.has(s)) return '{ig-user-id}';
    if (ids.pageIds.has(s)) return '{page-id}';
    if (ids.fbUserIds.has(s)) return '{fb-user-id}';
    return /^\d+$/.test(s) ? '{id}' : s;
  });
  return `/${named.join('/')}`;
}

export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private seq = 0;

  add(entry: Omit<RequestLogEntry, 'seq'>): void {
    this.seq += 1;
    this.entries.push({ seq: this.seq, ...entry });
    if (this.entries.length > MAX_ENTRIES) this.entries.shift();
  }

  list(): RequestLogEntry[] {
    return this.entries.map((e) => ({ ...e, query: { ...e.query } }));
  }

  counts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const e of this.entries) {
      const key = `${e.method} ${e.host} ${e.endpoint}`;
      out[key] = (out[key] ?? 0) + 1;
    }
    return out;
  }

  clear(): void {
    this.entries = [];
  }
}
