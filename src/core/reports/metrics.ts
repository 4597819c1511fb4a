// Which insight metric feeds which column, per media product type and Graph API version: one line per
// metric, so retiring or renaming one is a one-line edit. Column names stay stable across renames.
// A column may be one part of a metric's breakdown (navigation by story_navigation_action_type), and
// some metrics are asked on their own because Meta refuses them for some items (views on Facebook).
import type { LoginFlow } from '../accounts/types';
import type { FieldType } from './types';

export type MediaProductType = 'FEED' | 'REELS' | 'STORY';

/** One API metric that can fill a column, within a range of Graph API major versions. */
export interface MetricSource {
  metric: string;
  productTypes: MediaProductType[];
  /** First major version serving it (inclusive). */
  from?: number;
  /** First major version that no longer serves it. */
  until?: number;
  flows?: LoginFlow[];
  /**
   * The column is one part of the metric: its value for one value of a breakdown dimension. Asked with
   * breakdown=<dimension>, in a request of its own (Meta refuses a breakdown mixed with other metrics).
   */
  breakdown?: { dimension: string; value: string };
  /**
   * Asked in a request of its own because Meta refuses it for some items of the type, unannounced:
   * 'shared_to_facebook' metrics exist only for media shared to Facebook. A refusal leaves the cell empty.
   */
  apart?: 'shared_to_facebook';
}

export interface MediaMetricColumn {
  field: string;
  header: string;
  description: string;
  type: FieldType;
  default: boolean;
  sources: MetricSource[];
}

const FEED_REELS_STORY: MediaProductType[] = ['FEED', 'REELS', 'STORY'];
const FEED_REELS: MediaProductType[] = ['FEED', 'REELS'];
const FEED_STORY: MediaProductType[] = ['FEED', 'STORY'];

/** Story navigation, by action (reference §5.1: breakdown story_navigation_action_type; taps_* and exits before v18). */
const NAVIGATION = 'story_navigation_action_type';
const navigation = (value: string, older?: string): MetricSource[] => [
  { metric: 'navigation', productTypes: ['STORY'], from: 18, breakdown: { dimension: NAVIGATION, value } },
  ...(older ? [{ metric: older, productTypes: ['STORY'] as MediaProductType[], until: 18 }] : []),
];

/** Profile activity from a post or story, by action (breakdown action_type). */
const activity = (value: string): MetricSource[] => [{ metric: 'profile_activity', productTypes: FEED_STORY, breakdown: { dimension: 'action_type', value } }];

export const MEDIA_METRICS: MediaMetricColumn[] = [
  { field: 'views', header: 'Views', type: 'integer', default: true, description: 'Times the media was seen (formerly impressions for posts, plays for reels)',
    sources: [{ metric: 'views', productTypes: FEED_REELS_STORY, from: 22 },
      { metric: 'impressions', productTypes: FEED_STORY, until: 22 }, { metric: 'plays', productTypes: ['REELS'], until: 22 }] },
  { field: 'reach', header: 'Reach', type: 'integer', default: true, description: 'Unique accounts that saw the media (estimated)',
    sources: [{ metric: 'reach', productTypes: FEED_REELS_STORY }] },
  { field: 'likes', header: 'Likes', type: 'integer', default: true, description: 'Likes (organic)',
    sources: [{ metric: 'likes', productTypes: FEED_REELS }] },
  { field: 'comments', header: 'Comments', type: 'integer', default: true, description: 'Comments (organic)',
    sources: [{ metric: 'comments', productTypes: FEED_REELS }] },
  { field: 'saved', header: 'Saves', type: 'integer', default: true, description: 'Times the media was saved',
    sources: [{ metric: 'saved', productTypes: FEED_REELS }] },
  { field: 'shares', header: 'Shares', type: 'integer', default: true, description: 'Times the media was shared',
    sources: [{ metric: 'shares', productTypes: FEED_REELS_STORY }] },
  { field: 'total_interactions', header: 'Total interactions', type: 'integer', default: true, description: 'Likes, saves, comments and shares, less undos',
    sources: [{ metric: 'total_interactions', productTypes: FEED_REELS_STORY, from: 18 }, { metric: 'engagement', productTypes: FEED_REELS, until: 18 }] },
  { field: 'reposts', header: 'Reposts', type: 'integer', default: false, description: 'Times the media was reposted (since December 2025)',
    sources: [{ metric: 'reposts', productTypes: FEED_REELS_STORY }] },
  { field: 'follows', header: 'Follows', type: 'integer', default: false, description: 'Accounts that followed from this media (posts and stories)',
    sources: [{ metric: 'follows', productTypes: FEED_STORY }] },
  { field: 'profile_visits', header: 'Profile visits', type: 'integer', default: false, description: 'Profile visits from this media (posts and stories)',
    sources: [{ metric: 'profile_visits', productTypes: FEED_STORY }] },
  { field: 'profile_activity', header: 'Profile activity', type: 'integer', default: false, description: 'Actions people took on the profile after seeing this media (posts and stories)',
    sources: [{ metric: 'profile_activity', productTypes: FEED_STORY }] },
  { field: 'profile_activity_bio_link', header: 'Profile activity: bio link', type: 'integer', default: false, description: 'Of those: taps on the link in the bio (one extra request per item)', sources: activity('bio_link_clicked') },
  { field: 'profile_activity_call', header: 'Profile activity: call', type: 'integer', default: false, description: 'Of those: taps on Call', sources: activity('call') },
  { field: 'profile_activity_direction', header: 'Profile activity: directions', type: 'integer', default: false, description: 'Of those: taps on Directions', sources: activity('direction') },
  { field: 'profile_activity_email', header: 'Profile activity: email', type: 'integer', default: false, description: 'Of those: taps on Email', sources: activity('email') },
  { field: 'profile_activity_text', header: 'Profile activity: text', type: 'integer', default: false, description: 'Of those: taps on Text', sources: activity('text') },
  { field: 'profile_activity_other', header: 'Profile activity: other', type: 'integer', default: false, description: 'Of those: other actions', sources: activity('other') },
  { field: 'replies', header: 'Replies', type: 'integer', default: true, description: 'Story replies (0 for stories made in Europe or Japan)',
    sources: [{ metric: 'replies', productTypes: ['STORY'] }] },
  { field: 'navigation', header: 'Navigation', type: 'integer', default: true, description: 'Stories: taps forward and back, exits and swipes to the next story, in all',
    sources: [{ metric: 'navigation', productTypes: ['STORY'], from: 18 }] },
  { field: 'taps_forward', header: 'Taps forward', type: 'integer', default: true, description: 'Stories: taps to the next photo or video (one extra request per story)', sources: navigation('tap_forward', 'taps_forward') },
  { field: 'taps_back', header: 'Taps back', type: 'integer', default: true, description: 'Stories: taps back to the previous photo or video', sources: navigation('tap_back', 'taps_back') },
  { field: 'exits', header: 'Exits', type: 'integer', default: true, description: 'Stories: taps to leave the stories', sources: navigation('tap_exit', 'exits') },
  { field: 'next_story', header: 'Next story', type: 'integer', default: true, description: "Stories: swipes to the next account's story", sources: navigation('swipe_forward') },
  { field: 'reels_avg_watch_time_ms', header: 'Average watch time (ms)', type: 'duration_ms', default: false, description: 'Reels: average watch time in milliseconds',
    sources: [{ metric: 'ig_reels_avg_watch_time', productTypes: ['REELS'] }] },
  { field: 'reels_total_watch_time_ms', header: 'Total watch time (ms)', type: 'duration_ms', default: false, description: 'Reels: total watch time including replays, in milliseconds',
    sources: [{ metric: 'ig_reels_video_view_total_time', productTypes: ['REELS'] }] },
  { field: 'reels_skip_rate', header: 'Skip rate', type: 'percent', default: false, description: 'Reels: share of views skipped in the first 3 seconds, as Meta reports it',
    sources: [{ metric: 'reels_skip_rate', productTypes: ['REELS'] }] },
  { field: 'facebook_views', header: 'Facebook views', type: 'integer', default: false,
    description: 'Reels shared to Facebook: views on Facebook (since December 2025; empty for reels not shared; one extra request per reel)',
    sources: [{ metric: 'facebook_views', productTypes: ['REELS'], apart: 'shared_to_facebook' }] },
  { field: 'crossposted_views', header: 'Cross-posted views', type: 'integer', default: false,
    description: 'Reels shared to Facebook: views on Instagram and Facebook together (since December 2025; empty for reels not shared)',
    sources: [{ metric: 'crossposted_views', productTypes: ['REELS'], apart: 'shared_to_facebook' }] },
  { field: 'link_clicks', header: 'Link clicks', type: 'integer', default: false, description: 'Story link clicks (Facebook Login only)',
    sources: [{ metric: 'link_clicks', productTypes: ['STORY'], flows: ['facebook'] }] },
];

function servedBy(s: MetricSource, productType: MediaProductType, apiMajor: number, flow: LoginFlow): boolean {
  return s.productTypes.includes(productType) && (s.from === undefined || apiMajor >= s.from)
    && (s.until === undefined || apiMajor < s.until) && (!s.flows || s.flows.includes(flow));
}

/** Asked with the other metrics of an item (no breakdown, nothing that fails on its own). */
const plain = (s: MetricSource) => !s.breakdown && !s.apart;

/** The source that fills a column for a product type, version and flow, or null when none does. */
export function sourceForColumn(field: string, productType: MediaProductType, apiMajor: number, flow: LoginFlow): MetricSource | null {
  const column = MEDIA_METRICS.find((c) => c.field === field);
  return column?.sources.find((s) => servedBy(s, productType, apiMajor, flow)) ?? null;
}

/** The plain API metric that fills a column for a product type, or null (none, or one asked apart). */
export function metricForColumn(field: string, productType: MediaProductType, apiMajor: number, flow: LoginFlow): string | null {
  const source = sourceForColumn(field, productType, apiMajor, flow);
  return source && plain(source) ? source.metric : null;
}

/** Where a column's value sits among an item's insight values (see insightValues): "navigation.tap_forward" for a part. */
export function valueKey(source: MetricSource): string {
  return source.breakdown ? `${source.metric}.${source.breakdown.value.toLowerCase()}` : source.metric;
}

/** The marker insightValues leaves when a breakdown was answered: its parts Meta left out are 0. */
export function answeredKey(metric: string, dimension: string): string {
  return `${metric}[${dimension}]`;
}

/** Column field -> metric for the chosen fields that a product type supports (plain metrics only). */
export function mediaMetricsFor(fields: string[], productType: MediaProductType, apiMajor: number, flow: LoginFlow): Map<string, string> {
  const out = new Map<string, string>();
  for (const field of fields) {
    const metric = metricForColumn(field, productType, apiMajor, flow);
    if (metric) out.set(field, metric);
  }
  return out;
}

/** One extra request per item: metrics of a breakdown, or metrics Meta may refuse for that item. */
export interface ApartRequest {
  metrics: string[];
  breakdown?: string;
  /** Refusals are expected (e.g. a reel not shared to Facebook): the cells stay empty, without a note. */
  quiet: boolean;
}

/** The extra requests the chosen columns need for a product type, one per breakdown or per kind of metric asked apart. */
export function apartRequestsFor(fields: string[], productType: MediaProductType, apiMajor: number, flow: LoginFlow): ApartRequest[] {
  const groups = new Map<string, ApartRequest>();
  for (const field of fields) {
    const source = sourceForColumn(field, productType, apiMajor, flow);
    if (!source || plain(source)) continue;
    const key = source.breakdown ? `${source.metric}|${source.breakdown.dimension}` : `apart|${source.apart}`;
    const group = groups.get(key) ?? { metrics: [], ...(source.breakdown ? { breakdown: source.breakdown.dimension } : {}), quiet: Boolean(source.apart) };
    if (!group.metrics.includes(source.metric)) group.metrics.push(source.metric);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** Column values from an item's insight values (parts of an answered breakdown that Meta left out are 0). */
export function columnValues(fields: string[], productType: MediaProductType, apiMajor: number, flow: LoginFlow, values: Map<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const source = sourceForColumn(field, productType, apiMajor, flow);
    if (!source) continue;
    const value = values?.get(valueKey(source));
    out[field] = value === undefined && source.breakdown && values?.has(answeredKey(source.metric, source.breakdown.dimension)) ? 0 : value;
  }
  return out;
}

/** Chosen columns that every listed product type supports (safe to nest on a mixed media page). */
export function commonMediaMetrics(fields: string[], productTypes: MediaProductType[], apiMajor: number, flow: LoginFlow): Map<string, string> {
  const out = new Map<string, string>();
  for (const field of fields) {
    const metrics = productTypes.map((p) => metricForColumn(field, p, apiMajor, flow));
    if (metrics.every((m) => m !== null && m === metrics[0])) out.set(field, metrics[0] as string);
  }
  return out;
}

/** Meta reports media_product_type AD/FEED/REELS/STORY (older: IGTV); insights follow FEED for all but reels and stories. */
export function insightProductType(mediaProductType: unknown): MediaProductType {
  return mediaProductType === 'REELS' || mediaProductType === 'STORY' ? mediaProductType : 'FEED';
}

// ---- Account insights (reference §5.2) ----

export interface AccountMetric {
  field: string;
  metric: string;
  header: string;
  description: string;
  /** How it is asked: one value per day over a range, or one total per call (asked day by day). */
  metricType: 'time_series' | 'total_value';
  period: 'day' | 'lifetime';
  default: boolean;
  from?: number;
  until?: number;
  /** One part of the metric (asked with breakdown=<dimension>, on its own). */
  breakdown?: { dimension: string; value: string };
}

export const ACCOUNT_DAILY_METRICS: AccountMetric[] = [
  { field: 'reach', metric: 'reach', header: 'Reach', metricType: 'time_series', period: 'day', default: true, description: 'Unique accounts reached that day (do not sum across days)' },
  { field: 'new_followers', metric: 'follower_count', header: 'New followers', metricType: 'time_series', period: 'day', default: true, description: 'Followers gained that day (not the total; kept by Meta for 30 days; needs 100 followers)' },
  { field: 'views', metric: 'views', header: 'Views', metricType: 'total_value', period: 'day', default: true, from: 22, description: 'Times content was seen (formerly impressions)' },
  { field: 'accounts_engaged', metric: 'accounts_engaged', header: 'Accounts engaged', metricType: 'total_value', period: 'day', default: true, description: 'Accounts that interacted with content' },
  { field: 'total_interactions', metric: 'total_interactions', header: 'Total interactions', metricType: 'total_value', period: 'day', default: true, description: 'Likes, saves, comments, shares and replies' },
  { field: 'likes', metric: 'likes', header: 'Likes', metricType: 'total_value', period: 'day', default: true, description: 'Likes on content' },
  { field: 'comments', metric: 'comments', header: 'Comments', metricType: 'total_value', period: 'day', default: true, description: 'Comments on content' },
  { field: 'saves', metric: 'saves', header: 'Saves', metricType: 'total_value', period: 'day', default: true, description: 'Saves of content' },
  { field: 'shares', metric: 'shares', header: 'Shares', metricType: 'total_value', period: 'day', default: true, description: 'Shares of content' },
  { field: 'replies', metric: 'replies', header: 'Story replies', metricType: 'total_value', period: 'day', default: false, description: 'Replies to stories' },
  { field: 'reposts', metric: 'reposts', header: 'Reposts', metricType: 'total_value', period: 'day', default: false, description: 'Reposts of content' },
  { field: 'profile_links_taps', metric: 'profile_links_taps', header: 'Profile link taps', metricType: 'total_value', period: 'day', default: false, description: 'Taps on contact buttons and links in the profile' },
  // follows_and_unfollows by follow_type: FOLLOWER are the accounts that followed, NON_FOLLOWER those that
  // unfollowed or left Instagram [UNC: how Meta's follow_type values map to the two is read from its wording].
  { field: 'follows', metric: 'follows_and_unfollows', header: 'Follows', metricType: 'total_value', period: 'day', default: true,
    breakdown: { dimension: 'follow_type', value: 'FOLLOWER' }, description: 'Accounts that started following that day (not net of unfollows; needs 100 followers)' },
  { field: 'unfollows', metric: 'follows_and_unfollows', header: 'Unfollows', metricType: 'total_value', period: 'day', default: true,
    breakdown: { dimension: 'follow_type', value: 'NON_FOLLOWER' }, description: 'Accounts that unfollowed or left Instagram that day (needs 100 followers)' },
];

/** Demographic audiences and breakdowns: one call each, period=lifetime, metric_type=total_value, with a timeframe. */
export const DEMOGRAPHIC_AUDIENCES = [
  { audience: 'Followers', metric: 'follower_demographics' },
  { audience: 'Engaged', metric: 'engaged_audience_demographics' },
  { audience: 'Reached', metric: 'reached_audience_demographics' },
] as const;
export const DEMOGRAPHIC_BREAKDOWNS = ['age', 'gender', 'country', 'city'] as const;

// ---- Other accounts' public media through Business Discovery (reference §4.2, §6) ----

/** A column computed from a public media field that Business Discovery gives on other accounts' posts. */
export interface DiscoveryMediaColumn {
  field: string;
  header: string;
  description: string;
  type: FieldType;
  default: boolean;
  /** The IG Media field read through business_discovery's media edge. */
  source: string;
  productTypes: MediaProductType[];
  from?: number;
  until?: number;
}

export const DISCOVERY_MEDIA_COLUMNS: DiscoveryMediaColumn[] = [
  { field: 'recent_reels', header: 'Recent reels read', type: 'integer', default: true, source: 'view_count', productTypes: ['REELS'],
    description: 'Reels among the posts read that came with a public view count' },
  { field: 'recent_reel_views_avg', header: 'Average reel views', type: 'number', default: true, source: 'view_count', productTypes: ['REELS'],
    description: 'Average public view count of those reels (paid and organic; Business Discovery gives it for reels only)' },
];

export function accountMetricsFor(fields: string[], apiMajor: number): AccountMetric[] {
  return ACCOUNT_DAILY_METRICS.filter((m) => fields.includes(m.field)
    && (m.from === undefined || apiMajor >= m.from) && (m.until === undefined || apiMajor < m.until));
}

/** "v27.0" -> 27 */
export function apiMajor(version: string): number {
  const n = Number(/^v?(\d+)/.exec(version)?.[1]);
  return Number.isFinite(n) ? n : 0;
}
