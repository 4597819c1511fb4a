// Media endpoints: /{media-id}, /{media-id}/children, /{media-id}/insights, and the lists
// /{ig-user-id}/media (newest first, at most the 10,000 newest), /stories and /tags.
import type { FieldRequest } from '../fields';
import type { MediaLookup } from '../world';
import type { WorldMedia } from '../world/model';
import { readableAccount, readableAccounts, requireInsights, requireScope, timeParam, type GraphContext } from './context';
import { failures } from './failures';
import { checkMediaInsightsAvailable, checkMediaMetrics, mediaInsightsData } from './media-insights';
import { checkMediaFields, mediaFieldsOf, renderChild, renderMedia } from './media-node';
import { pageLimit, pageOf, pagingOf } from './paging';
import { commaList } from './select';

export const MEDIA_LIST_MAX = 10_000;

function readableMedia(ctx: GraphContext, id: string): MediaLookup {
  const found = ctx.world.media(id, ctx.now);
  if (!found || !readableAccounts(ctx).includes(found.media.ownerId)) return failures.unsupportedGet(ctx.call.host, id);
  if (found.media.productType === 'STORY' && found.media.timestampMs <= ctx.now - 86_400_000) return failures.unsupportedGet(ctx.call.host, id);
  return found;
}

/** GET /{media-id} (a post, reel, story or album child). */
export function mediaNode(ctx: GraphContext, id: string, fields: FieldRequest[] | undefined) {
  const found = readableMedia(ctx, id);
  const wanted = mediaFieldsOf(fields);
  checkMediaFields(ctx, wanted, 'own');
  return found.child ? renderChild(ctx, found.media, found.child, wanted, 'own') : renderMedia(ctx, found.media, wanted, 'own');
}

/** GET /{media-id}/children */
export function mediaChildren(ctx: GraphContext, id: string, fields: FieldRequest[] | undefined) {
  const found = readableMedia(ctx, id);
  const wanted = mediaFieldsOf(fields);
  checkMediaFields(ctx, wanted, 'own');
  const children = found.child ? [] : found.media.children;
  return { data: children.map((c) => renderChild(ctx, found.media, c, wanted, 'own')) };
}

/** GET /{media-id}/insights?metric=... */
export function mediaInsights(ctx: GraphContext, id: string) {
  const found = readableMedia(ctx, id);
  requireInsights(ctx, found.media.ownerId);
  const metrics = commaList(ctx.call.query.metric);
  const breakdown = ctx.call.query.breakdown || undefined;
  checkMediaMetrics(ctx, found.media, metrics, breakdown);
  checkMediaInsightsAvailable(ctx, found.media, found.child);
  return { data: mediaInsightsData(ctx, found.media, metrics, breakdown) };
}

function listOf(ctx: GraphContext, all: WorldMedia[], fields: FieldRequest[] | undefined, opts: { cap: number; links: boolean; view: 'own' | 'public' }) {
  const wanted = mediaFieldsOf(fields);
  checkMediaFields(ctx, wanted, opts.view);
  const q = ctx.call.query;
  const limit = pageLimit(q.limit, 25, opts.cap);
  const page = pageOf(ctx, all, (m) => m.id, limit, q.after, q.before);
  return { data: page.items.map((m) => renderMedia(ctx, m, wanted, opts.view)), paging: pagingOf(ctx, page, limit, opts.links) };
}

function mediaPageCap(ctx: GraphContext): number {
  return ctx.world.scenario.limits?.mediaPageCap ?? 100;
}

/** GET /{ig-user-id}/media */
export function userMedia(ctx: GraphContext, igUserId: string, fields: FieldRequest[] | undefined) {
  const account = readableAccount(ctx, igUserId);
  const since = timeParam(ctx, 'since');
  const until = timeParam(ctx, 'until');
  const all = ctx.world.posts(account.igUserId, ctx.now)
    .slice(0, MEDIA_LIST_MAX)
    .filter((m) => (since === undefined || m.timestampMs >= since) && (until === undefined || m.timestampMs <= until));
  return listOf(ctx, all, fields, { cap: mediaPageCap(ctx), links: true, view: 'own' });
}

/** GET /{ig-user-id}/stories: stories alive now (24 h each). */
export function userStories(ctx: GraphContext, igUserId: string, fields: FieldRequest[] | undefined) {
  if (ctx.ig && ctx.world.scenario.graph?.storiesOnInstagramHost === false) failures.nonexistingField(ctx.call.host, 'stories', 'IGUser');
  const account = readableAccount(ctx, igUserId);
  return listOf(ctx, ctx.world.stories(account.igUserId, ctx.now), fields, { cap: mediaPageCap(ctx), links: true, view: 'own' });
}

/** GET /{ig-user-id}/tags: Facebook Login only; cursors but no next/previous links. */
export function userTags(ctx: GraphContext, igUserId: string, fields: FieldRequest[] | undefined) {
  if (ctx.ig) failures.nonexistingField(ctx.call.host, 'tags', 'IGUser');
  const account = readableAccount(ctx, igUserId);
  requireScope(ctx, 'comments');
  return listOf(ctx, ctx.world.tagged(account.igUserId, ctx.now), fields, { cap: mediaPageCap(ctx), links: false, view: 'own' });
}
