// Comments and replies on recent posts, read in full: the comments ride nested on the media page, and
// posts with more comments (or replies) than fit there are paged through on their own edges.
import type { SourceRecord } from '../types';
import { parseGraphTimestamp } from '../dates';
import { cursorAfter, hasMore, pageFrom } from './graph-fields';
import { chosen, lookbackStart, type PlanContext, type RequestPlan } from './plan';

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

/** All items of a nested edge, following its paging on the edge's own path. */
function allOf<T>(ctx: PlanContext, path: string, fields: string, edge: Edge<T> | undefined): T[] {
  const items = [...(edge?.data ?? [])];
  let next = edge?.paging?.next ?? null;
  let after = edge?.paging?.cursors?.after ?? null;
  while (next) {
    const page = pageFrom<T>(ctx.reader, path, { fields, limit: String(COMMENTS_PER_PAGE) }, next, after);
    items.push(...page.items);
    next = hasMore(page, after, COMMENTS_PER_PAGE) ? page.next : null;
    after = page.after;
  }
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
  for (const post of posts) {
    for (const comment of allOf(ctx, `${post.id}/comments`, `${fields},replies{${fields}}`, post.comments)) {
      const base = { media_id: post.id, media_permalink: post.permalink };
      const { replies, ...top } = comment;
      records.push({ ...top, ...base, parent_id: '' });
      for (const reply of allOf(ctx, `${comment.id}/replies`, fields, replies)) records.push({ ...reply, ...base, parent_id: comment.id });
    }
  }
  const more = posts.length === page.items.length && hasMore(page, cursor?.after, MEDIA_PER_PAGE);
  return { records, cursor: more ? cursorAfter(page) : null, skipped: [], notes: [] };
};
