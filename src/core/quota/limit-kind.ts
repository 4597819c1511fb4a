// Which of Meta's limits a request counts against (reference §8.1): Business Discovery and Hashtag Search
// fall under Platform rate limits (per user, per rolling hour); every other Instagram Platform call
// under the account's Business Use Case limit (rolling 24 hours).
import type { HttpRequest } from '../ports';

function queryOf(url: string): Record<string, string> {
  const query = url.split('?')[1] ?? '';
  const out: Record<string, string> = {};
  for (const pair of query.split('&')) {
    if (!pair) continue;
    const at = pair.indexOf('=');
    try {
      out[decodeURIComponent(at < 0 ? pair : pair.slice(0, at))] = at < 0 ? '' : decodeURIComponent(pair.slice(at + 1).replace(/\+/g, ' '));
    } catch {
      // A malformed escape: not a parameter we look at.
    }
  }
  return out;
}

/** True for a Business Discovery or Hashtag Search call, given its (relative or full) URL. */
export function isPlatformLimited(url: string): boolean {
  const path = url.split('?')[0];
  const segments = path.split('/').filter(Boolean);
  const last = segments[segments.length - 1] ?? '';
  if (segments.includes('ig_hashtag_search') || last === 'recent_media' || last === 'top_media') return true;
  return /(^|[,{])business_discovery\b/.test(queryOf(url).fields ?? '');
}

/** How many of the calls a request makes fall under Platform rate limits (a batch counts each operation). */
export function platformCalls(request: HttpRequest): number {
  if (request.method === 'POST' && typeof request.body === 'object' && request.body && typeof request.body.batch === 'string') {
    try {
      const operations = JSON.parse(request.body.batch) as unknown;
      if (!Array.isArray(operations)) return 0;
      return operations.filter((op) => typeof op === 'object' && op !== null && typeof (op as { relative_url?: unknown }).relative_url === 'string'
        && isPlatformLimited((op as { relative_url: string }).relative_url)).length;
    } catch {
      return 0;
    }
  }
  return isPlatformLimited(request.url) ? 1 : 0;
}
