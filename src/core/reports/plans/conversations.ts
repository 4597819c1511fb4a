// Comments and replies on recent posts, read in full: the comments ride nested on the media page, and
// posts with more comments (or replies) than fit there are paged through on their own edges. A page
// Instagram finds too big ("reduce the amount of data") is asked again with fewer posts and shorter
// nested lists; at the floor the posts are read without their comments, each post's comments on their
// own edge, and a post whose comments are still too big is skipped with a log line.
import type { SourceRecord } from '../types';
import { parseGraphTimestamp } from '../dates';
import type { GraphPage } from '../graph-contract';
import { ASK_LESS_FLOOR, isTooMuchData, shrinking, smallerPagesNote } from './ask-less';
import { pageFrom } from './graph-fields';
import { shortfallOf, stepAfter, type ListingStep, type Shortfall } from './listing';
import { chosen, lookbackStart, type PlanContext, type PlanCursor, type RequestPlan, type SkippedItem } from './plan';

interface Comment {
  id: string;
  text?: string;
  timestamp?: string;
  username?: string;
  like_count?: number;
  hidden?: boolean;
  replies?: Edge<Comment>;
}
interface Edge<T> {
  data?: T[];
  paging?: { next?: string; cursors?: { after?: string } };
}
interface Post {
  id: string;
  timestamp?: string;
  permalink?: string;
  comments?: Edge<Comment>;
}

const COMMENTS_PER_PAGE = 50;
const MEDIA_PER_PAGE = 25;

function commentFields(ctx: PlanContext): string {
  const base = ['id', 'text', 'timestamp', 'username', 'like_count', ...(chosen(ctx, 'hidden') ? ['hidden'] : [])];
  return base.join(',');
}

/** A saved next link asking for `size` items. */
function withLimit(next: unknown, size: number): unknown {
  return typeof next === 'string' ? next.replace(/([?&]limit=)\d+/, `$1${size}`) : next;
}

/**
 * All items of an edge, following its paging on the edge's own path (and saying when it was cut short):
 * from the nested first page `edge` when the media page carried one, else from the edge's start.
 */
function allOf<T>(ctx: PlanContext, path: string, fields: string, edge: Edge<T> | undefined, shortfalls: Shortfall[], fromStart = false): T[] {
  let size = COMMENTS_PER_PAGE;
  const read = (cursor: PlanCursor | null) => {
    const r = shrinking(size, (n) => pageFrom<T>(ctx.reader, path, { fields, limit: String(n) }, withLimit(cursor?.next, n), cursor?.after));
    size = r.size;
    return r.value;
  };
  let items: T[];
  let step: ListingStep;
  let cursor: PlanCursor | null;
  if (!fromStart) {
    items = [...(edge?.data ?? [])];
    const first = { items, next: edge?.paging?.next ?? null, after: edge?.paging?.cursors?.after ?? null };
    // The nested page only goes on by its link; judged like any other page (a loop ends it).
    step = first.next ? stepAfter(first, null, COMMENTS_PER_PAGE) : { next: null, listed: items.length };
  } else {
    const page = read(null);
    items = [...page.items];
    step = page.next ? stepAfter(page, null, size) : { next: null, listed: items.length };
  }
  cursor = step.next;
  while (cursor) {
    const page = read(cursor);
    items.push(...page.items);
    step = stepAfter(page, cursor, size);
    cursor = page.next ? step.next : null;
  }
  const shortfall = shortfallOf('comments of a post', step, null, true);
  if (shortfall) shortfalls.push(shortfall);
  return items;
}

const TOO_BIG = 'Instagram refused its comments even a few at a time ("reduce the amount of data"); they are read again next run.';

export const commentsPlan: RequestPlan = (ctx, cursor) => {
  const fields = commentFields(ctx);
  const floor = lookbackStart(ctx);
  const notes: string[] = [];
  const start = Number(cursor?.size) || MEDIA_PER_PAGE;
  // Posts with their first comments nested; smaller pages carry shorter nested lists. At the floor, or once
  // a page came without them, the posts are read bare and their comments on their own edges.
  let bare = Boolean(cursor?.bare);
  let read: { page: GraphPage<Post>; size: number; shrunk: boolean } | null = null;
  if (!bare) {
    try {
      const r = shrinking(start, (n) => pageFrom<Post>(ctx.reader, `${ctx.config.accountId}/media`, {
        limit: String(n), fields: `id,timestamp,permalink,comments.limit(${Math.min(COMMENTS_PER_PAGE, 2 * n)}){${fields},replies{${fields}}}`,
      }, withLimit(cursor?.next, n), cursor?.after));
      read = { page: r.value, size: r.size, shrunk: r.shrunk };
    } catch (e) {
      if (!isTooMuchData(e)) throw e;
      bare = true;
      notes.push(`Instagram refused posts with their comments even ${ASK_LESS_FLOOR} at a time ("reduce the amount of data"): Sheetgram read each post's comments on its own.`);
    }
  }
  if (!read) {
    const r = shrinking(start, (n) => pageFrom<Post>(ctx.reader, `${ctx.config.accountId}/media`, { limit: String(n), fields: 'id,timestamp,permalink' }, withLimit(cursor?.next, n), cursor?.after));
    read = { page: r.value, size: r.size, shrunk: r.shrunk };
  }
  const { page, size } = read;
  if (read.shrunk) notes.push(smallerPagesNote('posts', size));
  const posts = page.items.filter((p) => (parseGraphTimestamp(p.timestamp)?.getTime() ?? 0) >= floor);
  const records: SourceRecord[] = [];
  const shortfalls: Shortfall[] = [];
  const skipped: SkippedItem[] = [];
  for (const post of posts) {
    const base = { media_id: post.id, media_permalink: post.permalink };
    try {
      const rows: SourceRecord[] = [];
      for (const comment of allOf(ctx, `${post.id}/comments`, `${fields},replies{${fields}}`, post.comments, shortfalls, bare)) {
        const { replies, ...top } = comment;
        rows.push({ ...top, ...base, parent_id: '' });
        for (const reply of allOf(ctx, `${comment.id}/replies`, fields, replies, shortfalls)) rows.push({ ...reply, ...base, parent_id: comment.id });
      }
      records.push(...rows);
    } catch (e) {
      // Too big even at the floor: this post's comments wait for the next run; the other posts go on.
      if (!isTooMuchData(e)) throw e;
      skipped.push({ id: post.id, reason: TOO_BIG });
    }
  }
  // A post older than the lookback ends the list on purpose; otherwise its paging decides.
  const reachedFloor = posts.length < page.items.length;
  const keep: PlanCursor = { ...(size !== MEDIA_PER_PAGE ? { size } : {}), ...(bare ? { bare: true } : {}) };
  const step = reachedFloor ? { next: null, listed: 0 } : stepAfter(page, cursor, size, keep);
  // A comment list cut short makes the run incomplete too, once the posts are read to their end: it is
  // carried in the cursor until then.
  const cutShort = typeof cursor?.cutShort === 'string' ? (JSON.parse(cursor.cutShort) as Shortfall) : shortfalls[0];
  if (step.next) return { records, cursor: { ...step.next, cutShort: cutShort ? JSON.stringify(cutShort) : null }, skipped, notes };
  const shortfall = shortfallOf('posts', step, null, !reachedFloor) ?? cutShort;
  return { records, cursor: null, skipped, notes, ...(shortfall ? { shortfall } : {}) };
};
