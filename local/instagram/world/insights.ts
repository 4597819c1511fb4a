// Insight values: a media item's lifetime metrics at a virtual time, and an account's daily metrics.
// Media metrics follow the post's engagement curve, so `likes` equals like_count and `comments`
// equals comments_count at the same moment.
import { commentsCount, growth, likeCount } from './engagement';
import type { WorldMedia } from './model';
import { unit } from './random';

export type MetricValue = number | Record<string, number>;

/** Lifetime value of a media metric at `nowMs` (the Graph layer has already checked it applies). */
export function mediaMetric(seed: number, media: WorldMedia, metric: string, nowMs: number): number {
  const u = (k: string) => unit(seed, 'media-insight', media.id, k);
  if (media.productType === 'STORY') {
    const reach = media.viewers;
    const story: Record<string, number> = {
      reach, views: Math.round(reach * (1.1 + u('v') * 0.5)), replies: Math.round(reach * 0.03 * u('r')),
      shares: Math.round(reach * 0.02 * u('s')), follows: Math.round(reach * 0.01 * u('f')),
      profile_visits: Math.round(reach * 0.05 * u('p')), navigation: Math.round(reach * (1 + u('n'))),
      reposts: 0, link_clicks: Math.round(reach * 0.02 * u('l')), facebook_views: 0, total_views: 0,
      profile_activity: Math.round(reach * 0.02 * u('pa')),
    };
    story.total_interactions = story.replies + story.shares;
    return story[metric] ?? 0;
  }
  const g = growth(media, nowMs);
  const likes = likeCount(media, nowMs);
  const comments = commentsCount(seed, media, nowMs);
  const reach = Math.round(media.finalLikes * (6 + 6 * u('reach')) * g);
  const views = Math.round(reach * (1.3 + 1.2 * u('views')));
  const saved = Math.round(media.finalLikes * 0.08 * u('saved') * g);
  const shares = Math.round(media.finalLikes * 0.05 * u('shares') * g);
  const avgWatch = Math.round(2500 + 9000 * u('watch'));
  const values: Record<string, number> = {
    reach, views, likes, comments, saved, shares,
    total_interactions: likes + comments + saved + shares,
    reposts: Math.round(shares * 0.3), follows: Math.round(reach * 0.004 * u('follows')),
    profile_visits: Math.round(reach * 0.02 * u('visits')), profile_activity: Math.round(reach * 0.01 * u('activity')),
    ig_reels_avg_watch_time: avgWatch, ig_reels_video_view_total_time: avgWatch * views,
    total_likes: likes, total_comments: comments, total_views: views, impressions: Math.round(views * 1.1),
    facebook_views: 0, crossposted_views: views,
  };
  if (media.sharedToFacebook) {
    values.facebook_views = Math.round(views * (0.2 + 0.6 * u('facebook')));
    values.crossposted_views = views + values.facebook_views;
  }
  return values[metric] ?? 0;
}

/** reels_skip_rate: a fraction-style percentage, as observed. */
export function reelsSkipRate(seed: number, media: WorldMedia): number {
  return Math.round((20 + 40 * unit(seed, 'skip', media.id)) * 100) / 100;
}

/** Splits a total over named parts with stable random weights (integers that add up to the total). */
export function splitTotal(seed: number, key: string, total: number, parts: readonly string[], weights?: Record<string, number>): Record<string, number> {
  const raw = parts.map((p) => (weights?.[p] ?? 1) * (0.3 + unit(seed, 'split', key, p)));
  const sum = raw.reduce((a, b) => a + b, 0);
  const out: Record<string, number> = {};
  let given = 0;
  parts.forEach((p, i) => {
    const v = i === parts.length - 1 ? total - given : Math.floor((total * raw[i]) / sum);
    out[p] = v;
    given += v;
  });
  return out;
}

/** An account's value of a daily metric on a Pacific day, given the followers at the day's end. */
export function accountDaily(seed: number, igUserId: string, metric: string, day: number, followers: number): number {
  const u = (k: string) => unit(seed, 'account-insight', igUserId, day, k);
  const reach = Math.round(followers * (0.05 + 0.1 * u('reach')));
  const likes = Math.round(reach * (0.04 + 0.04 * u('likes')));
  const comments = Math.round(likes * 0.05 * (0.5 + u('comments')));
  const saves = Math.round(likes * 0.08 * u('saves'));
  const shares = Math.round(likes * 0.05 * u('shares'));
  const values: Record<string, number> = {
    reach, views: Math.round(reach * (1.5 + u('views'))), accounts_engaged: Math.round(reach * 0.08 * (0.5 + u('engaged'))),
    likes, comments, saves, shares, total_interactions: likes + comments + saves + shares,
    replies: Math.round(reach * 0.003 * u('replies')), reposts: Math.round(shares * 0.3),
    profile_links_taps: Math.round(reach * 0.004 * u('taps')), profile_views: Math.round(reach * 0.03 * u('pv')),
    website_clicks: Math.round(reach * 0.002 * u('wc')), content_views: Math.round(reach * 1.4),
  };
  return values[metric] ?? 0;
}
