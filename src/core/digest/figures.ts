// The digest's figures, as data: each a name and how it is worked out from a week of one account.
import type { DigestPost } from './posts';

export interface WeekData {
  posts: DigestPost[];
  /** Followers at the end of the week minus at its start (the Monday snapshots); null without both. */
  followersGained: number | null;
  /** Followers at the end of the week, for the engagement rate. */
  followersAtEnd: number | null;
}

type Pick = (p: DigestPost) => number | null;

const known = (posts: DigestPost[], pick: Pick) => posts.map(pick).filter((v): v is number => v !== null);
export const sum = (posts: DigestPost[], pick: Pick): number | null => {
  const values = known(posts, pick);
  return values.length ? values.reduce((a, b) => a + b, 0) : null;
};
export const mean = (posts: DigestPost[], pick: Pick): number | null => {
  const values = known(posts, pick);
  return values.length ? round(values.reduce((a, b) => a + b, 0) / values.length, 1) : null;
};
export const median = (posts: DigestPost[], pick: Pick): number | null => {
  const values = known(posts, pick).sort((a, b) => a - b);
  if (!values.length) return null;
  const mid = Math.floor(values.length / 2);
  return round(values.length % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2, 1);
};
export const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places;

/** Mean interactions per post over the followers, in percent (the dashboard's "engagement rate per post"). */
export function engagementRate(posts: DigestPost[], followers: number | null): number | null {
  const values = known(posts, (p) => p.interactions);
  if (!values.length || !followers) return null;
  // The mean unrounded, as the dashboard divides it.
  return round((values.reduce((a, b) => a + b, 0) / values.length / followers) * 100, 2);
}

const views: Pick = (p) => p.views;
const reach: Pick = (p) => p.reach;

export const FIGURES: { name: string; value: (w: WeekData) => number | null }[] = [
  { name: 'Followers gained', value: (w) => w.followersGained },
  { name: 'Posts', value: (w) => w.posts.length },
  { name: 'Views (total)', value: (w) => sum(w.posts, views) },
  { name: 'Views (mean per post)', value: (w) => mean(w.posts, views) },
  { name: 'Views (median per post)', value: (w) => median(w.posts, views) },
  // Lifetime figures favour last week's older posts; the day after posting is the same age for all.
  { name: 'Views on day 1 (median per post)', value: (w) => median(w.posts, (p) => p.viewsDay1) },
  { name: 'Reach (total over posts)', value: (w) => sum(w.posts, reach) },
  { name: 'Reach (mean per post)', value: (w) => mean(w.posts, reach) },
  { name: 'Reach (median per post)', value: (w) => median(w.posts, reach) },
  { name: 'Engagement rate (%)', value: (w) => engagementRate(w.posts, w.followersAtEnd) },
];

/** This week's change over last week: the difference, and in percent of last week (none from 0 or below: no base to scale). */
export function change(now: number | null, before: number | null): [number | '', number | ''] {
  if (now === null || before === null) return ['', ''];
  return [round(now - before, 2), before > 0 ? round(((now - before) / before) * 100, 1) : ''];
}
