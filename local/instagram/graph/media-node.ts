// IG Media as the Graph shows it: the field table (who may read which field, when a field is absent),
// and edges expanded inline (children{...}, comments{...}, insights.metric(...){...}).
import type { FieldRequest } from '../fields';
import { commentsCount, likeCount } from '../world/engagement';
import type { WorldChild, WorldMedia } from '../world/model';
import { unit } from '../world/random';
import { formatTimestamp } from '../world/time';
import { requireInsights, type GraphContext } from './context';
import { failures } from './failures';
import { commentsEdge } from './comments';
import { checkMediaInsightsAvailable, checkMediaMetrics, mediaInsightsData } from './media-insights';

/** own: the viewer's media; discovery: Business Discovery; public: /tags and hashtag edges. */
export type MediaView = 'own' | 'discovery' | 'public';

type Render = (ctx: GraphContext, m: WorldMedia, f: FieldRequest, view: MediaView) => unknown;

function cdnUrl(ctx: GraphContext, id: string, ext: string): string {
  // The query string changes between calls, as Meta's CDN URLs do (deterministic per virtual time).
  const oh = Math.floor(unit(ctx.world.seed, 'cdn', id, ctx.now) * 1e12).toString(36);
  return `https://scontent.cdninstagram.sim/v/t51.29350-15/${id}_n.${ext}?_nc_ht=scontent.cdninstagram.sim&oh=${oh}`;
}

interface FieldRule {
  render: Render;
  /** Only on graph.facebook.com (a Facebook-only field on graph.instagram.com is code 100). */
  facebookOnly?: boolean;
  /** Readable through Business Discovery and on others' public media. */
  isPublic?: boolean;
}

const FIELDS: Record<string, FieldRule> = {
  id: { render: (_c, m) => m.id, isPublic: true },
  caption: { render: (_c, m) => m.caption, isPublic: true },
  media_type: { render: (_c, m) => m.mediaType, isPublic: true },
  media_product_type: { render: (_c, m) => m.productType, isPublic: true },
  media_url: { render: (c, m) => (m.copyrighted ? undefined : cdnUrl(c, m.id, m.mediaType === 'VIDEO' ? 'mp4' : 'jpg')), isPublic: true },
  thumbnail_url: { render: (c, m) => (m.mediaType === 'VIDEO' ? cdnUrl(c, `${m.id}_thumb`, 'jpg') : undefined) },
  permalink: { render: (_c, m) => `https://www.instagram.com/${m.productType === 'REELS' ? 'reel' : m.productType === 'STORY' ? 'stories/' + m.ownerUsername : 'p'}/${m.shortcode}/`, isPublic: true },
  shortcode: { render: (_c, m) => m.shortcode },
  timestamp: { render: (_c, m) => formatTimestamp(m.timestampMs), isPublic: true },
  like_count: { render: (c, m) => (m.hideLikes || m.productType === 'STORY' ? undefined : likeCount(m, c.now)), isPublic: true },
  comments_count: { render: (c, m) => (m.productType === 'STORY' ? undefined : commentsCount(c.world.seed, m, c.now)), isPublic: true },
  is_comment_enabled: { render: (_c, m) => m.productType !== 'STORY' },
  is_shared_to_feed: { render: (_c, m) => (m.productType === 'REELS' ? true : undefined) },
  owner: { render: (_c, m, _f, view) => (view === 'own' && !m.foreign ? { id: m.ownerId } : undefined) },
  username: { render: (_c, m) => m.ownerUsername, isPublic: true },
  alt_text: { render: () => undefined },
  legacy_instagram_media_id: { render: (_c, m) => `${m.id.slice(0, 17)}_${m.ownerId}`, facebookOnly: true },
  view_count: { render: (c, m, _f, view) => (view === 'discovery' && m.productType === 'REELS' ? Math.round(likeCount(m, c.now) * 14) : undefined), isPublic: true },
  is_ai_generated: { render: () => false },
  media_audio_type: { render: (_c, m) => (m.mediaType === 'VIDEO' ? (m.copyrighted ? 'MUSIC' : 'ORIGINAL_SOUND') : undefined) },
  saved_count: { render: (c, m) => (m.productType === 'STORY' ? undefined : Math.round(likeCount(m, c.now) * 0.05)), facebookOnly: true },
  shares_count: { render: (c, m) => (m.productType === 'STORY' ? undefined : Math.round(likeCount(m, c.now) * 0.03)), facebookOnly: true },
  reposts_count: { render: (c, m) => (m.productType === 'STORY' ? undefined : Math.round(likeCount(m, c.now) * 0.01)), facebookOnly: true },
  total_like_count: { render: (c, m) => (m.hideLikes ? undefined : likeCount(m, c.now)), facebookOnly: true },
  total_comments_count: { render: (c, m) => commentsCount(c.world.seed, m, c.now), facebookOnly: true },
  total_views_count: { render: (c, m) => (m.mediaType === 'VIDEO' ? Math.round(likeCount(m, c.now) * 14) : undefined), facebookOnly: true },
  children: { render: (c, m, f, view) => (m.children.length ? { data: m.children.map((ch) => renderChild(c, m, ch, f.children ?? [{ name: 'id', modifiers: {} }], view)) } : undefined), isPublic: true },
  comments: { render: (c, m, f) => commentsEdge(c, m, f) },
  insights: { render: (c, m, f) => inlineInsights(c, m, f) },
};

/** Fields Meta does not give on album children (Airbyte drops them there); absent, not errors. */
const NOT_ON_CHILDREN = new Set(['caption', 'like_count', 'comments_count', 'is_comment_enabled', 'children', 'permalink', 'comments', 'insights', 'media_product_type']);

function nodeType(ctx: GraphContext): string {
  return ctx.ig ? 'IGMedia' : 'ShadowIGMedia';
}

/** Validates the requested names for a view; unknown or not-allowed fields fail the whole call. */
export function checkMediaFields(ctx: GraphContext, fields: FieldRequest[], view: MediaView): void {
  const captionFacebookOnly = ctx.world.scenario.graph?.captionFacebookOnly ?? false;
  for (const f of fields) {
    const rule = FIELDS[f.name];
    const fbOnly = rule?.facebookOnly || (captionFacebookOnly && (f.name === 'caption' || f.name === 'media_product_type'));
    if (!rule || (ctx.ig && fbOnly) || (view !== 'own' && !rule.isPublic)) failures.nonexistingField(ctx.call.host, f.name, nodeType(ctx));
    if (view === 'public' && f.name === 'username') failures.nonexistingField(ctx.call.host, f.name, nodeType(ctx));
    if (f.name === 'children' && f.children) checkMediaFields(ctx, f.children, view);
  }
}

function inlineInsights(ctx: GraphContext, media: WorldMedia, f: FieldRequest): unknown {
  requireInsights(ctx, media.ownerId);
  const metrics = f.modifiers.metric ?? [];
  checkMediaMetrics(ctx, media, metrics, f.modifiers.breakdown?.[0]);
  checkMediaInsightsAvailable(ctx, media);
  return { data: mediaInsightsData(ctx, media, metrics, f.modifiers.breakdown?.[0], f.children) };
}

export function renderMedia(ctx: GraphContext, media: WorldMedia, fields: FieldRequest[], view: MediaView): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const value = FIELDS[f.name].render(ctx, media, f, view);
    if (value !== undefined) out[f.name] = value;
  }
  // Graph nodes always carry their id, asked for or not.
  if (out.id === undefined) out.id = media.id;
  return out;
}

export function renderChild(ctx: GraphContext, parent: WorldMedia, child: WorldChild, fields: FieldRequest[], view: MediaView): Record<string, unknown> {
  const asMedia: WorldMedia = { ...parent, id: child.id, mediaType: child.mediaType, timestampMs: child.timestampMs, children: [], copyrighted: false, shortcode: parent.shortcode };
  const kept = fields.filter((f) => !NOT_ON_CHILDREN.has(f.name));
  return renderMedia(ctx, asMedia, kept, view);
}

/** The `fields` of a media request, defaulting to `id`. */
export function mediaFieldsOf(fields: FieldRequest[] | undefined): FieldRequest[] {
  return fields && fields.length ? fields : [{ name: 'id', modifiers: {} }];
}
