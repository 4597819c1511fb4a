// Comments and replies on recent posts, read in full: the comments ride nested on the media page, and
// posts with more comments (or replies) than fit there are paged through on their own edges.
import type { SourceRecord } from '../types';
import { parseGraphTimestamp } from '../dates';
import { pageFrom } from './graph-fields';
import { shortfallOf, stepAfter, type Shortfall } from './listing';
import { chosen, lookbackStart, type PlanContext, type PlanCursor, type RequestPlan } from './plan';

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

/** All items of a nested edge, following its paging on the edge's own path (and saying when it was cut short). */
function allOf<T>(ctx: PlanContext, path: string, fields: string, edge: Edge<T> | undefined, shortfalls: Shortfall[]): T[] {
  const items = [...(edge?.data ?? [])];
  const first = { items, next: edge?.paging?.next ?? null, after: edge?.paging?.cursors?.after ?? null };
  // The nested page only goes on by its link; judged like any other page (a loop ends it).
  let step = first.next ? stepAfter(first, null, COMMENTS_PER_PAGE) : { next: null, listed: items.length };
  let cursor: PlanCursor | null = step.next;
  while (cursor) {
    const page = pageFrom<T>(ctx.reader, path, { fields, limit: String(COMMENTS_PER_PAGE) }, cursor.next, cursor.after);
    items.push(...page.items);
    step = stepAfter(page, cursor, COMMENTS_PER_PAGE);
    cursor = page.next ? step.next : null;
  }
  const shortfall = shortfallOf('comments of a post', step, null, true);
  if (shortfall) shortfalls.push(shortfall);
  return items;
}

export const commentsPlan: RequestPlan = (ctx, cursor) => {
  const fields = commentFields(ctx);
  const floor = lookbackStart(ctx);
  const page = pageFrom<Post>(ctx.reader, `${ctx.config.accountId}/media`, {
    limit: String(MEDIA_PER_PAGE),
    fields: `id,timestamp,permalink,comments.limit(${COMMENTS_PER_PAGE}){${fields},replies{${fields}}}`,
  }, cursor?.next, cursor?.after);
  const posts = page.items.filter((p) => (parseGraphTimestamp(p.timestamp)?.getTime() ?? 0) >= floor);
  const records: SourceRecord[] = [];
  const shortfalls: Shortfall[] = [];
  for (const post of posts) {
    for (const comment of allOf(ctx, `${post.id}/comments`, `${fields},replies{${fields}}`, post.comments, shortfalls)) {
      const base = { media_id: post.id, media_permalink: post.permalink };
      const { replies, ...top } = comment;
      records.push({ ...top, ...base, parent_id: '' });
      for (const reply of allOf(ctx, `${comment.id}/replies`, fields, replies, shortfalls)) records.push({ ...reply, ...base, parent_id: comment.id });
    }
  }
  // A post older than the lookback ends the list on purpose; otherwise its paging decides.
  const reachedFloor = posts.length < page.items.length;
  const step = reachedFloor ? { next: null, listed: 0 } : stepAfter(page, cursor, MEDIA_PER_PAGE);
  // A comment list cut short makes the run incomplete too, once the posts are read to their end: it is
  // carried in the cursor until then.
  const cutShort = typeof cursor?.cutShort === 'string' ? (JSON.parse(cursor.cutShort) as Shortfall) : shortfalls[0];
  if (step.next) return { records, cursor: { ...step.next, cutShort: cutShort ? JSON.stringify(cutShort) : null }, skipped: [], notes: [] };
  const shortfall = shortfallOf('posts', step, null, !reachedFloor) ?? cutShort;
  return { records, cursor: null, skipped: [], notes: [], ...(shortfall ? { shortfall } : {}) };
};
