// Which insight metric feeds which column, per media product type and Graph API version: one line per
// metric, so retiring or renaming one is a one-line edit. Column names stay stable across renames.
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
  { field: 'replies', header: 'Replies', type: 'integer', default: true, description: 'Story replies (0 for stories made in Europe or Japan)',
    sources: [{ metric: 'replies', productTypes: ['STORY'] }] },
  { field: 'reels_avg_watch_time_ms', header: 'Average watch time (ms)', type: 'duration_ms', default: false, description: 'Reels: average watch time in milliseconds',
    sources: [{ metric: 'ig_reels_avg_watch_time', productTypes: ['REELS'] }] },
  { field: 'reels_total_watch_time_ms', header: 'Total watch time (ms)', type: 'duration_ms', default: false, description: 'Reels: total watch time including replays, in milliseconds',
    sources: [{ metric: 'ig_reels_video_view_total_time', productTypes: ['REELS'] }] },
  { field: 'reels_skip_rate', header: 'Skip rate', type: 'percent', default: false, description: 'Reels: share of views skipped in the first 3 seconds, as Meta reports it',
    sources: [{ metric: 'reels_skip_rate', productTypes: ['REELS'] }] },
  { field: 'link_clicks', header: 'Link clicks', type: 'integer', default: false, description: 'Story link clicks (Facebook Login only)',
    sources: [{ metric: 'link_clicks', productTypes: ['STORY'], flows: ['facebook'] }] },
];

function servedBy(s: MetricSource, productType: MediaProductType, apiMajor: number, flow: LoginFlow): boolean {
  return s.productTypes.includes(productType) && (s.from === undefined || apiMajor >= s.from)
    && (s.until === undefined || apiMajor < s.until) && (!s.flows || s.flows.includes(flow));
}

/** The API metric that fills a column for a product type, or null when none does. */
export function metricForColumn(field: string, productType: MediaProductType, apiMajor: number, flow: LoginFlow): string | null {
  const column = MEDIA_METRICS.find((c) => c.field === field);
  return column?.sources.find((s) => servedBy(s, productType, apiMajor, flow))?.metric ?? null;
}

/** Column field -> metric for the chosen fields that a product type supports. */
export function mediaMetricsFor(fields: string[], productType: MediaProductType, apiMajor: number, flow: LoginFlow): Map<string, string> {
  const out = new Map<string, string>();
  for (const field of fields) {
    const metric = metricForColumn(field, productType, apiMajor, flow);
    if (metric) out.set(field, metric);
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
];

/** Demographic audiences and breakdowns: one call each, period=lifetime, metric_type=total_value, with a timeframe. */
export const DEMOGRAPHIC_AUDIENCES = [
  { audience: 'Followers', metric: 'follower_demographics' },
  { audience: 'Engaged', metric: 'engaged_audience_demographics' },
  { audience: 'Reached', metric: 'reached_audience_demographics' },
] as const;
export const DEMOGRAPHIC_BREAKDOWNS = ['age', 'gender', 'country', 'city'] as const;

export function accountMetricsFor(fields: string[], apiMajor: number): AccountMetric[] {
  return ACCOUNT_DAILY_METRICS.filter((m) => fields.includes(m.field)
    && (m.from === undefined || apiMajor >= m.from) && (m.until === undefined || apiMajor < m.until));
}

/** "v27.0" -> 27 */
export function apiMajor(version: string): number {
  const n = Number(/^v?(\d+)/.exec(version)?.[1]);
  return Number.isFinite(n) ? n : 0;
}
