// Follows an edge page after page: `paging.next` until it is absent, through empty pages that still
// carry a next link, stopping on a cursor seen before (Meta has looped) or at a page cap.
import type { GraphPage, GraphReader } from './reader';

export interface PagingOptions {
  /** Most pages to read (default 1,000: /media holds at most 10,000 items). */
  maxPages?: number;
  /** Resume from a saved position. */
  from?: { next?: string; after?: string };
}

export interface PagingResult {
  pages: number;
  /** Why paging stopped. */
  stoppedBy: 'end' | 'repeated_cursor' | 'page_cap' | 'visitor';
  /** Where to continue, when it stopped before the end. */
  resumeFrom: { next?: string; after?: string } | null;
}

/** Calls `visit` with each page in order; `visit` may return false to stop (e.g. the run's time is up). */
export function eachPage<T>(reader: GraphReader, path: string, params: Record<string, string>, visit: (page: GraphPage<T>) => boolean | void, options: PagingOptions = {}): PagingResult {
  const maxPages = options.maxPages ?? 1_000;
  const seen = new Set<string>();
  let from = options.from;
  for (let pages = 0; ; ) {
    if (pages >= maxPages) return { pages, stoppedBy: 'page_cap', resumeFrom: from ?? null };
    const page = reader.page<T>(path, params, from);
    pages++;
    const position = positionAfter(page);
    if (visit(page) === false) return { pages, stoppedBy: 'visitor', resumeFrom: position };
    if (!page.next) return { pages, stoppedBy: 'end', resumeFrom: null };
    const cursor = page.after ?? page.next;
    if (seen.has(cursor)) return { pages, stoppedBy: 'repeated_cursor', resumeFrom: null };
    seen.add(cursor);
    from = position ?? undefined;
  }
}

function positionAfter(page: GraphPage<unknown>): { next?: string; after?: string } | null {
  if (!page.next) return null;
  return page.after ? { after: page.after } : { next: page.next };
}

/** Every item of an edge (for small edges such as /me/accounts); same stopping rules as eachPage. */
export function readAll<T>(reader: GraphReader, path: string, params: Record<string, string> = {}, options: PagingOptions = {}): T[] {
  const items: T[] = [];
  eachPage<T>(reader, path, params, (page) => {
    items.push(...page.items);
  }, options);
  return items;
}
