// IG Comments: /{media-id}/comments (top-level only, newest first, at most 50 a page), replies through
// expansion or /{comment-id}/replies, and the comment node. Reading comments needs the manage-comments scope.
import type { FieldRequest } from '../fields';
import { visibleComments } from '../world/engagement';
import { parseId, makeId } from '../world/ids';
import type { WorldComment, WorldMedia } from '../world/model';
import { formatTimestamp } from '../world/time';
import { readableAccounts, requireScope, type GraphContext } from './context';
import { failures } from './failures';
import { pageLimit, pageOf, pagingOf } from './paging';

const COMMENTS_CAP = 50;
const DEFAULT_FIELDS: FieldRequest[] = ['timestamp', 'text', 'id'].map((name) => ({ name, modifiers: {} }));

type Render = (ctx: GraphContext, c: WorldComment, f: FieldRequest, media: WorldMedia) => unknown;

const FIELDS: Record<string, Render> = {
  id: (_x, c) => c.id,
  text: (_x, c) => c.text,
  timestamp: (_x, c) => formatTimestamp(c.timestampMs),
  username: (_x, c) => c.username,
  from: (_x, c) => ({ id: c.fromId, username: c.username }),
  user: (_x, c, _f, m) => (c.fromId === m.ownerId ? { id: c.fromId } : undefined),
  like_count: (_x, c) => c.likeCount,
  hidden: (_x, c) => c.hidden,
  media: (_x, _c, _f, m) => ({ id: m.id, media_product_type: m.productType }),
  parent_id: (_x, c) => c.parentId,
  legacy_instagram_comment_id: (_x, c) => c.id,
  replies: (x, c, f, m) => (c.replies.length ? { data: c.replies.map((r) => renderComment(x, r, f.children ?? DEFAULT_FIELDS, m)) } : undefined),
};

function checkFields(ctx: GraphContext, fields: FieldRequest[]): void {
  for (const f of fields) {
    if (!FIELDS[f.name]) failures.nonexistingField(ctx.call.host, f.name, ctx.ig ? 'IGComment' : 'IGComment');
    if (f.children) checkFields(ctx, f.children);
  }
}

export function renderComment(ctx: GraphContext, comment: WorldComment, fields: FieldRequest[], media: WorldMedia): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = FIELDS[f.name](ctx, comment, f, media);
    if (v !== undefined) out[f.name] = v;
  }
  if (out.id === undefined) out.id = comment.id;
  return out;
}

function listAnswer(ctx: GraphContext, all: WorldComment[], media: WorldMedia, fields: FieldRequest[], limitRaw: string | undefined, after?: string, before?: string, links = true) {
  checkFields(ctx, fields);
  const limit = pageLimit(limitRaw, 25, COMMENTS_CAP);
  const page = pageOf(ctx, all, (c) => c.id, limit, after, before);
  return { data: page.items.map((c) => renderComment(ctx, c, fields, media)), paging: pagingOf(ctx, page, limit, links) };
}

/** Inline `comments.limit(n){...}` on a media item. */
export function commentsEdge(ctx: GraphContext, media: WorldMedia, f: FieldRequest): unknown {
  requireScope(ctx, 'comments');
  if (media.productType === 'STORY') return undefined;
  const all = visibleComments(ctx.world.seed, media, ctx.now);
  return listAnswer(ctx, all, media, f.children ?? DEFAULT_FIELDS, f.modifiers.limit?.[0], f.modifiers.after?.[0], undefined, false);
}

/** GET /{media-id}/comments */
export function commentsOfMedia(ctx: GraphContext, media: WorldMedia, fields: FieldRequest[] | undefined) {
  requireScope(ctx, 'comments');
  const all = media.productType === 'STORY' ? [] : visibleComments(ctx.world.seed, media, ctx.now);
  const q = ctx.call.query;
  return listAnswer(ctx, all, media, fields?.length ? fields : DEFAULT_FIELDS, q.limit, q.after, q.before);
}

/** The comment with this id if the viewer may read it: (comment, its media, its parent). */
export function findComment(ctx: GraphContext, id: string): { comment: WorldComment; media: WorldMedia } | undefined {
  const parsed = parseId(id);
  if (!parsed || parsed.kind !== 'comment') return undefined;
  const mediaId = makeId('post', parsed.owner, Math.floor(parsed.serial / 1000));
  const found = ctx.world.media(mediaId, ctx.now);
  if (!found || !readableAccounts(ctx).includes(found.media.ownerId)) return undefined;
  for (const c of visibleComments(ctx.world.seed, found.media, ctx.now)) {
    if (c.id === id) return { comment: c, media: found.media };
    const reply = c.replies.find((r) => r.id === id);
    if (reply) return { comment: reply, media: found.media };
  }
  return undefined;
}

/** GET /{comment-id} */
export function commentNode(ctx: GraphContext, id: string, fields: FieldRequest[] | undefined) {
  requireScope(ctx, 'comments');
  const found = findComment(ctx, id) ?? failures.unsupportedGet(ctx.call.host, id);
  const wanted = fields?.length ? fields : DEFAULT_FIELDS;
  checkFields(ctx, wanted);
  return renderComment(ctx, found.comment, wanted, found.media);
}

/** GET /{comment-id}/replies */
export function repliesOf(ctx: GraphContext, id: string, fields: FieldRequest[] | undefined) {
  requireScope(ctx, 'comments');
  const found = findComment(ctx, id) ?? failures.unsupportedGet(ctx.call.host, id);
  const q = ctx.call.query;
  return listAnswer(ctx, found.comment.replies, found.media, fields?.length ? fields : DEFAULT_FIELDS, q.limit, q.after, q.before);
}
