// Hashtags (Facebook Login only, user token only): /ig_hashtag_search with the 30-unique-hashtags-per-7-days budget,
// /{hashtag-id}, and /{hashtag-id}/top_media|recent_media (recent: last 24 h; at most 50 a page;
// `username` cannot be requested; only an `after` cursor).
import type { FieldRequest } from '../fields';
import { graphError } from '../errors';
import { readableAccount, requireUserToken, type GraphContext } from './context';
import { failures, GraphFailure } from './failures';
import { checkMediaFields, mediaFieldsOf, renderMedia } from './media-node';
import { pageLimit, pageOf, pagingOf } from './paging';

const HASHTAG_PAGE_CAP = 50;

/** Facebook Login only, and with the person's user token (a Page token is refused). */
function requireFacebook(ctx: GraphContext, what: string): void {
  if (ctx.ig) failures.unsupportedGet(ctx.call.host, what);
  requireUserToken(ctx);
}

function requireUserId(ctx: GraphContext): void {
  const userId = ctx.call.query.user_id;
  if (!userId) failures.invalidParameter(ctx.call.host, '(#100) The parameter user_id is required');
  readableAccount(ctx, userId);
}

/** GET /ig_hashtag_search?user_id=&q= */
export function hashtagSearch(ctx: GraphContext) {
  requireFacebook(ctx, 'ig_hashtag_search');
  requireUserId(ctx);
  const q = (ctx.call.query.q ?? '').replace(/^#/, '').trim();
  if (!q) failures.invalidParameter(ctx.call.host, '(#100) The parameter q is required');
  const hashtag = ctx.world.hashtagByName(q);
  if (hashtag?.sensitive) failures.invalidParameter(ctx.call.host, '(#100) Invalid parameter');
  const id = hashtag?.id ?? ctx.world.hashtagIdFor(q);
  if (!ctx.world.searchHashtag(ctx.call.query.user_id, id, ctx.now)) {
    throw new GraphFailure(graphError(100, '(#100) You have reached the maximum number of unique hashtags (30) searchable in a 7 day period', {}));
  }
  return { data: [{ id }] };
}

/** GET /{hashtag-id}?fields=id,name */
export function hashtagNode(ctx: GraphContext, id: string, fields: FieldRequest[] | undefined) {
  requireFacebook(ctx, id);
  const hashtag = ctx.world.hashtag(id) ?? failures.unsupportedGet(ctx.call.host, id);
  const out: Record<string, unknown> = {};
  for (const f of fields?.length ? fields : [{ name: 'id', modifiers: {} }]) {
    if (f.name === 'id') out.id = hashtag.id;
    else if (f.name === 'name') out.name = hashtag.name;
    else failures.nonexistingField(ctx.call.host, f.name, 'IGHashtag');
  }
  return out;
}

/** GET /{hashtag-id}/top_media and /recent_media */
export function hashtagMedia(ctx: GraphContext, id: string, edge: 'top_media' | 'recent_media', fields: FieldRequest[] | undefined) {
  requireFacebook(ctx, id);
  const hashtag = ctx.world.hashtag(id) ?? failures.unsupportedGet(ctx.call.host, id);
  requireUserId(ctx);
  const wanted = mediaFieldsOf(fields);
  checkMediaFields(ctx, wanted, 'public');
  const all = edge === 'top_media' ? hashtag.topMedia : ctx.world.recentMedia(hashtag, ctx.now);
  const limit = pageLimit(ctx.call.query.limit, 25, HASHTAG_PAGE_CAP);
  const page = pageOf(ctx, all, (m) => m.id, limit, ctx.call.query.after);
  const noCarouselUrl = (m: (typeof all)[number]) => {
    const out = renderMedia(ctx, m, wanted, 'public');
    if (m.mediaType === 'CAROUSEL_ALBUM') delete out.media_url;
    return out;
  };
  return { data: page.items.map(noCarouselUrl), paging: pagingOf(ctx, page, limit, true, false) };
}
