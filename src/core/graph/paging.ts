// Follows an edge page after page, and tells a list that ended from one that Instagram cut short: a full
// page that gives no way on, empty pages that keep promising more, a cursor (or next link) seen before.
// Both eachPage and the report plans (which page across executions) judge pages with judgePage.
import type { GraphPage, GraphReader } from './reader';

/** Why a list is known to have ended before its end. */
export type ShortReason = 'no_paging' | 'empty_pages' | 'repeated_cursor';

/** Empty pages with a next link in a row that are followed (Meta: "a page may be empty yet carry next"). */
export const MAX_EMPTY_PAGES = 3;
/** Positions remembered to notice a loop; a cycle longer than this many pages is not seen. */
const SEEN_KEPT = 64;

/** What a listing remembers between pages; flat strings and numbers, so it fits a checkpoint. */
export interface ListingTrail {
  /** Short hashes of the positions asked for so far, space-separated, oldest first. */
  seen: string;
  /** Empty pages in a row that still carried a next link. */
  empties: number;
}

export type Position = { next?: string | null; after?: string | null };

export type PageVerdict =
  | { kind: 'more'; trail: ListingTrail }
  | { kind: 'end' }
  | { kind: 'short'; reason: ShortReason };

/** FNV-1a, 32 bits: 8 characters stand for a cursor of a hundred. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** The key of a position: the after-cursor when there is one (links change their other parameters), else the link. */
function keyOf(position: Position | null | undefined): string | null {
  return position?.after || position?.next || null;
}

/**
 * Whether to ask for the page after `page`, which was asked for at `asked`. A page with a next link goes
 * on (empty ones a few times); without one, a full page that has a cursor goes on by it (edges that give
 * cursors only, such as /tags and Instagram Login's /media), a full page without any paging was cut off,
 * and any other page is the last.
 */
export function judgePage(page: GraphPage<unknown>, asked: Position | null | undefined, trail: Partial<ListingTrail> | null | undefined, limit: number): PageVerdict {
  const seen = (trail?.seen ?? '').split(' ').filter(Boolean);
  const askedKey = keyOf(asked);
  if (askedKey) seen.push(hash(askedKey));
  const full = page.items.length >= limit;
  if (page.next === null && (page.after === null || !full)) {
    return page.after === null && full ? { kind: 'short', reason: 'no_paging' } : { kind: 'end' };
  }
  const nextKey = keyOf({ next: page.next, after: page.after }) as string;
  if (seen.includes(hash(nextKey))) return { kind: 'short', reason: 'repeated_cursor' };
  const empties = page.items.length ? 0 : (trail?.empties ?? 0) + 1;
  if (empties > MAX_EMPTY_PAGES) return { kind: 'short', reason: 'empty_pages' };
  return { kind: 'more', trail: { seen: seen.slice(-SEEN_KEPT).join(' '), empties } };
}

export interface PagingOptions {
  /** Most pages to read (default 1,000: /media holds at most 10,000 items). */
  maxPages?: number;
  /** Resume from a saved position. */
  from?: { next?: string; after?: string };
  /** Items a full page holds (the request's limit); default 25, Graph's usual page. */
  limit?: number;
}

export interface PagingResult {
  pages: number;
  /** Why paging stopped: the end, Instagram cutting the list short, the page cap, or the visitor. */
  stoppedBy: 'end' | ShortReason | 'page_cap' | 'visitor';
  /** Where to continue, when it stopped before the end. */
  resumeFrom: { next?: string; after?: string } | null;
}

/** Calls `visit` with each page in order; `visit` may return false to stop (e.g. the run's time is up). */
export function eachPage<T>(reader: GraphReader, path: string, params: Record<string, string>, visit: (page: GraphPage<T>) => boolean | void, options: PagingOptions = {}): PagingResult {
  const maxPages = options.maxPages ?? 1_000;
  const limit = options.limit ?? (Number(params.limit) || 25);
  let trail: ListingTrail | null = null;
  let from = options.from;
  for (let pages = 0; ; ) {
    if (pages >= maxPages) return { pages, stoppedBy: 'page_cap', resumeFrom: from ?? null };
    const page = reader.page<T>(path, params, from);
    pages++;
    const position = positionAfter(page);
    if (visit(page) === false) return { pages, stoppedBy: 'visitor', resumeFrom: position };
    const verdict = judgePage(page, from, trail, limit);
    if (verdict.kind === 'end') return { pages, stoppedBy: 'end', resumeFrom: null };
    if (verdict.kind === 'short') return { pages, stoppedBy: verdict.reason, resumeFrom: null };
    trail = verdict.trail;
    from = position ?? undefined;
  }
}

function positionAfter(page: GraphPage<unknown>): { next?: string; after?: string } | null {
  if (!page.next && !page.after) return null;
  return page.after ? { after: page.after } : { next: page.next as string };
}

/** Every item of an edge (for small edges such as /me/accounts); same stopping rules as eachPage. */
export function readAll<T>(reader: GraphReader, path: string, params: Record<string, string> = {}, options: PagingOptions = {}): T[] {
  const items: T[] = [];
  eachPage<T>(reader, path, params, (page) => {
    items.push(...page.items);
  }, options);
  return items;
}
