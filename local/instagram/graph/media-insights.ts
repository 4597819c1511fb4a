// Media insights: which metrics each product type has today (reference §5.1), the deprecated ones and
// their real errors, the rules for album children, stories and pre-business media, and the answer shape.
import { mediaMetric, reelsSkipRate, splitTotal } from '../world/insights';
import type { WorldChild, WorldMedia } from '../world/model';
import { DAY } from '../world/time';
import type { GraphContext } from './context';
import { failures } from './failures';
import type { FieldRequest } from '../fields';
import { pick } from './select';

/** The list Meta prints in "metric[N] must be one of the following values" (the same for every media type). */
export const MEDIA_METRIC_NAMES = ['impressions', 'reach', 'replies', 'saved', 'likes', 'comments', 'shares', 'total_interactions',
  'follows', 'profile_visits', 'profile_activity', 'navigation', 'ig_reels_video_view_total_time', 'ig_reels_avg_watch_time', 'views',
  'reels_skip_rate', 'reposts', 'facebook_views', 'crossposted_views', 'total_views', 'total_likes', 'total_comments', 'link_clicks'];

const COMMON = ['views', 'reach', 'shares', 'total_interactions', 'reposts', 'facebook_views', 'total_views'];
const BY_PRODUCT: Record<string, string[]> = {
  FEED: [...COMMON, 'likes', 'comments', 'saved', 'follows', 'profile_visits', 'profile_activity', 'total_likes', 'total_comments'],
  REELS: [...COMMON, 'likes', 'comments', 'saved', 'ig_reels_avg_watch_time', 'ig_reels_video_view_total_time', 'reels_skip_rate',
    'crossposted_views', 'total_likes', 'total_comments'],
  STORY: [...COMMON, 'follows', 'profile_visits', 'profile_activity', 'navigation', 'replies', 'link_clicks'],
};
/** Metrics only Facebook Login has (2026-04-22 and 2026-06-22 changelog). */
const FACEBOOK_ONLY = new Set(['total_likes', 'total_comments', 'total_views', 'link_clicks']);
/** Metrics that need the media to have been shared to Facebook (scenario: sharedToFacebookShare of reels). */
const NEEDS_FACEBOOK_SHARE = new Set(['facebook_views', 'crossposted_views']);

const BREAKDOWNS: Record<string, { metric: string; values: string[] }> = {
  action_type: { metric: 'profile_activity', values: ['bio_link_clicked', 'call', 'direction', 'email', 'other', 'text'] },
  story_navigation_action_type: { metric: 'navigation', values: ['swipe_forward', 'tap_back', 'tap_exit', 'tap_forward'] },
};

const TITLES: Record<string, [string, string]> = {
  views: ['Views', 'The number of times your content was played or displayed.'],
  reach: ['Accounts reached', 'The number of unique accounts that have seen this content, at least once.'],
  likes: ['Likes', 'The number of likes on your post.'],
  comments: ['Comments', 'The number of comments on your post.'],
  saved: ['Saved', 'The number of saves of your post.'],
  shares: ['Shares', 'The number of shares of your post.'],
  total_interactions: ['Interactions', 'The number of likes, saves, comments and shares on your post, minus unlikes, unsaves and deleted comments.'],
  reposts: ['Reposts', 'The number of times your content was reposted.'],
  follows: ['Follows', 'The number of accounts that started following you.'],
  profile_visits: ['Profile visits', 'The number of times your profile was visited.'],
  profile_activity: ['Profile activity', 'The number of actions people took when they visited your profile after engaging with your post.'],
  navigation: ['Navigation', 'The total number of actions taken from your story.'],
  replies: ['Replies', 'The number of replies to your story.'],
  facebook_views: ['Facebook views', 'The number of times your reel was played or displayed on Facebook.'],
  crossposted_views: ['Crossposted views', 'The number of times your reel was played or displayed on Instagram and Facebook.'],
};

function invalidMetric(ctx: GraphContext, index: number): never {
  return failures.invalidParameter(ctx.call.host, `(#100) metric[${index}] must be one of the following values: ${MEDIA_METRIC_NAMES.join(', ')}`);
}

function versionNumber(version: string): number {
  return Number(/^v(\d+)/.exec(version)?.[1] ?? 99);
}

/** Checks every metric against the media; one bad metric fails the whole request. */
export function checkMediaMetrics(ctx: GraphContext, media: WorldMedia, metrics: string[], breakdown?: string): void {
  const host = ctx.call.host;
  if (metrics.length === 0) failures.invalidParameter(host, '(#100) The parameter metric is required');
  metrics.forEach((m, i) => {
    if (!MEDIA_METRIC_NAMES.includes(m)) invalidMetric(ctx, i);
  });
  for (const m of metrics) {
    if (m === 'impressions') {
      const oldEnough = versionNumber(ctx.call.version) <= 21 && media.timestampMs < Date.UTC(2024, 6, 2) && media.productType === 'FEED';
      if (oldEnough) continue;
      if (media.mediaType === 'VIDEO') failures.invalidParameter(host, '(#100) The Media Insights API does not support the impressions metric for this media product type');
      failures.invalidParameter(host, '(#100) Starting from version v22.0 and above, the impressions metric is no longer supported for the queried media');
    }
    if (!BY_PRODUCT[media.productType].includes(m) || (ctx.ig && FACEBOOK_ONLY.has(m))) {
      failures.invalidParameter(host, `(#100) The Media Insights API does not support the ${m} metric for this media product type`);
    }
    if (NEEDS_FACEBOOK_SHARE.has(m) && !media.sharedToFacebook) failures.invalidParameter(host, `(#100) The ${m} metric is only available for media shared to Facebook`);
  }
  if (breakdown !== undefined) {
    const rule = BREAKDOWNS[breakdown];
    if (!rule || metrics.some((m) => m !== rule.metric)) failures.unknownError();
  }
}

/** Errors that depend on the media rather than the metric names: children, age, stories. */
export function checkMediaInsightsAvailable(ctx: GraphContext, media: WorldMedia, child?: WorldChild): void {
  const host = ctx.call.host;
  if (child) failures.invalidParameter(host, '(#100) Insights are not available for media that are part of a carousel album');
  if (media.productType === 'STORY') {
    if (media.timestampMs <= ctx.now - DAY) failures.unsupportedGet(host, media.id);
    if (media.viewers < 5) failures.notEnoughViewers(host);
    return;
  }
  const account = ctx.world.account(media.ownerId);
  if (account?.businessSinceMs !== undefined && media.timestampMs < account.businessSinceMs) failures.beforeBusiness(host);
}

function metricObject(ctx: GraphContext, media: WorldMedia, metric: string, breakdown?: string): Record<string, unknown> {
  const value = metric === 'reels_skip_rate' ? reelsSkipRate(ctx.world.seed, media) : mediaMetric(ctx.world.seed, media, metric, ctx.now);
  const [title, description] = TITLES[metric] ?? [metric, metric];
  const out: Record<string, unknown> = { name: metric, period: 'lifetime', values: [{ value }], title, description };
  if (breakdown) {
    const values = BREAKDOWNS[breakdown].values;
    const split = splitTotal(ctx.world.seed, `${media.id}/${metric}`, value, values);
    out.total_value = {
      value,
      breakdowns: [{ dimension_keys: [breakdown], results: values.filter((v) => split[v] > 0).map((v) => ({ dimension_values: [v], value: split[v] })) }],
    };
  }
  out.id = `${media.id}/insights/${metric}/lifetime`;
  return out;
}

/** The `data` of an insights answer for one media item (after the checks). */
export function mediaInsightsData(ctx: GraphContext, media: WorldMedia, metrics: string[], breakdown?: string, fields?: FieldRequest[]): unknown[] {
  return metrics.map((m) => {
    const full = metricObject(ctx, media, m, breakdown);
    return fields ? { ...pick(full, fields.map((f) => f.name)), id: full.id } : full;
  });
}
