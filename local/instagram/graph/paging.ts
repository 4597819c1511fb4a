// Cursor paging as Meta does it: opaque base64 cursors naming an item, `limit` with a default and a
// silent cap, and `paging.next`/`previous` links that repeat the call's parameters.
import type { GraphContext } from './context';
import { failures } from './failures';

/** Meta's cursors start "QVFI" (base64 of "AQH"); ours do too, and carry the item's id. */
export function encodeCursor(key: string): string {
  return Buffer.from(`AQH${key}`, 'utf8').toString('base64').replace(/=+$/, '');
}

export function decodeCursor(cursor: string): string | undefined {
  const text = Buffer.from(cursor, 'base64').toString('utf8');
  return text.startsWith('AQH') ? text.slice(3) : undefined;
}

export function pageLimit(raw: string | undefined, fallback: number, cap: number): number {
  const n = raw === undefined ? NaN : Number(raw);
  if (!Number.isFinite(n) || n <= 0) return fallback;
  return Math.min(Math.trunc(n), cap);
}

export interface Page<T> {
  items: T[];
  before?: string;
  after?: string;
  hasNext: boolean;
  hasPrevious: boolean;
}

/** One page of `all` after/before the cursors given. */
export function pageOf<T>(ctx: GraphContext, all: T[], keyOf: (item: T) => string, limit: number, after?: string, before?: string): Page<T> {
  let start = 0;
  let end = all.length;
  if (after !== undefined) {
    const key = decodeCursor(after);
    const at = key === undefined ? -1 : all.findIndex((x) => keyOf(x) === key);
    if (at < 0) failures.badCursor(ctx.call.host, 'After');
    start = at + 1;
    end = Math.min(all.length, start + limit);
  } else if (before !== undefined) {
    const key = decodeCursor(before);
    const at = key === undefined ? -1 : all.findIndex((x) => keyOf(x) === key);
    if (at < 0) failures.badCursor(ctx.call.host, 'Before');
    end = at;
    start = Math.max(0, end - limit);
  } else {
    end = Math.min(all.length, limit);
  }
  const items = all.slice(start, end);
  return {
    items,
    before: items.length ? encodeCursor(keyOf(items[0])) : undefined,
    after: items.length ? encodeCursor(keyOf(items[items.length - 1])) : undefined,
    hasNext: end < all.length,
    hasPrevious: start > 0,
  };
}

/** A link back to the simulator for the same call with some parameters changed. */
export function linkWith(ctx: GraphContext, changes: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  params.set('access_token', ctx.call.tokenForLinks);
  for (const [k, v] of Object.entries(ctx.call.query)) if (!(k in changes)) params.set(k, v);
  for (const [k, v] of Object.entries(changes)) if (v !== undefined) params.set(k, v);
  return `${ctx.call.baseUrl}/${ctx.call.version}/${ctx.call.path}?${params.toString()}`;
}

/** The `paging` member of a list answer. `links: false` for edges that give cursors only (/tags). */
export function pagingOf<T>(ctx: GraphContext, page: Page<T>, limit: number, links = true, previous = true): Record<string, unknown> {
  const paging: Record<string, unknown> = {};
  if (page.before !== undefined) paging.cursors = previous ? { before: page.before, after: page.after } : { after: page.after };
  if (links && page.hasPrevious && previous && page.before) paging.previous = linkWith(ctx, { limit: String(limit), before: page.before, after: undefined });
  if (links && page.hasNext && page.after) paging.next = linkWith(ctx, { limit: String(limit), after: page.after, before: undefined });
  return paging;
}
