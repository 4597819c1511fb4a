// The digest's figures as data: totals, means and medians over the posts whose figure is known, the
// engagement rate per post over the followers, and this week's change over last week.
import { describe, expect, it } from 'vitest';
import { change, engagementRate, FIGURES, mean, median, round, sum, type WeekData } from '../../../src/core/digest/figures';
import type { DigestPost } from '../../../src/core/digest/posts';

let next = 0;
function post(extra: Partial<DigestPost> = {}): DigestPost {
  next++;
  return {
    id: String(next), posted: new Date('2026-02-24T10:00:00Z'), day: { year: 2026, month: 2, day: 24 }, views: null, viewsDay1: null, reach: null, interactions: null,
    label: '', link: '', type: 'IMAGE', caption: '', ...extra,
  };
}
const withViews = (...views: (number | null)[]) => views.map((v) => post({ views: v }));
const views = (p: DigestPost) => p.views;

describe('sum, mean and median', () => {
  it('median of an odd count is the middle value, whatever the order', () => {
    expect(median(withViews(30, 10, 20), views)).toBe(20);
    expect(median(withViews(7), views)).toBe(7);
    expect(median(withViews(100, 1, 50, 3, 9), views)).toBe(9);
  });

  it('median of an even count is the mean of the two middle values, rounded to one place', () => {
    expect(median(withViews(10, 40, 20, 30), views)).toBe(25);
    expect(median(withViews(1, 2), views)).toBe(1.5);
    expect(median(withViews(3, 1, 1000, 2), views)).toBe(2.5);
    // (1.26 + 1.3) / 2 = 1.28
    expect(median(withViews(1.26, 1.3), views)).toBe(1.3);
  });

  it('mean is rounded to one place', () => {
    expect(mean(withViews(1, 2, 2), views)).toBe(1.7); // 1.666…
    expect(mean(withViews(1, 1, 2), views)).toBe(1.3); // 1.333…
    expect(mean(withViews(10, 11), views)).toBe(10.5);
    expect(mean(withViews(100, 300, 250), views)).toBe(216.7); // 216.666…
  });

  it('leaves out posts whose figure is unknown (not counted as 0)', () => {
    expect(sum(withViews(null, 4, 6), views)).toBe(10);
    expect(mean(withViews(null, 4, 6), views)).toBe(5);
    expect(median(withViews(null, 4, 6, null), views)).toBe(5);
    expect(sum(withViews(0, 0), views)).toBe(0);
  });

  it('is null for no posts, or none with the figure', () => {
    for (const f of [sum, mean, median]) {
      expect(f([], views)).toBeNull();
      expect(f(withViews(null, null), views)).toBeNull();
    }
  });

  it('round rounds half up at the given places', () => {
    expect(round(1.25, 1)).toBe(1.3);
    expect(round(1.619047, 2)).toBe(1.62);
    expect(round(-2.5, 0)).toBe(-2);
  });
});

describe('engagementRate', () => {
  it('is the mean interactions per post over the followers, in percent to two places', () => {
    const posts = [post({ interactions: 10 }), post({ interactions: 25 }), post({ interactions: 16 })];
    // mean 17; 17 / 1050 × 100 = 1.6190…
    expect(engagementRate(posts, 1050)).toBe(1.62);
    // mean 15; 15 / 1000 × 100 = 1.5
    expect(engagementRate([post({ interactions: 10 }), post({ interactions: 20 })], 1000)).toBe(1.5);
    // mean 55; 55 / 520 × 100 = 10.576…
    expect(engagementRate([40, 60, 50, 70].map((n) => post({ interactions: n })), 520)).toBe(10.58);
    // mean 12.333… (not the rounded 12.3); 12.333 / 100 × 100 = 12.33
    expect(engagementRate([12, 12, 13].map((n) => post({ interactions: n })), 100)).toBe(12.33);
  });

  it('is null without followers (unknown or 0), or without any interactions', () => {
    const posts = [post({ interactions: 10 })];
    expect(engagementRate(posts, null)).toBeNull();
    expect(engagementRate(posts, 0)).toBeNull();
    expect(engagementRate([], 1000)).toBeNull();
    expect(engagementRate([post()], 1000)).toBeNull();
  });
});

describe('FIGURES', () => {
  const byName = (w: WeekData) => Object.fromEntries(FIGURES.map((f) => [f.name, f.value(w)]));

  it('names the figures in the digest order', () => {
    expect(FIGURES.map((f) => f.name)).toEqual([
      'Followers gained', 'Posts', 'Views (total)', 'Views (mean per post)', 'Views (median per post)', 'Views on day 1 (median per post)',
      'Reach (total over posts)', 'Reach (mean per post)', 'Reach (median per post)', 'Engagement rate (%)',
    ]);
  });

  it('works out a week', () => {
    const posts = [
      post({ views: 100, viewsDay1: 60, reach: 80, interactions: 10 }),
      post({ views: 300, viewsDay1: 90, reach: 200, interactions: 25 }),
      post({ views: 250, viewsDay1: null, reach: 150, interactions: 16 }),
    ];
    expect(byName({ posts, followersGained: 30, followersAtEnd: 1050 })).toEqual({
      'Followers gained': 30, Posts: 3,
      'Views (total)': 650, 'Views (mean per post)': 216.7, 'Views (median per post)': 250, 'Views on day 1 (median per post)': 75,
      'Reach (total over posts)': 430, 'Reach (mean per post)': 143.3, 'Reach (median per post)': 150,
      'Engagement rate (%)': 1.62,
    });
  });

  it('gives an empty week Posts 0 and no other figure', () => {
    expect(byName({ posts: [], followersGained: null, followersAtEnd: null })).toEqual({
      'Followers gained': null, Posts: 0,
      'Views (total)': null, 'Views (mean per post)': null, 'Views (median per post)': null, 'Views on day 1 (median per post)': null,
      'Reach (total over posts)': null, 'Reach (mean per post)': null, 'Reach (median per post)': null,
      'Engagement rate (%)': null,
    });
    // Followers known, still no posts: no rate; a loss is a negative gain.
    const w = byName({ posts: [], followersGained: -4, followersAtEnd: 996 });
    expect(w['Followers gained']).toBe(-4);
    expect(w['Engagement rate (%)']).toBeNull();
  });
});

describe('change', () => {
  it('is the difference and the percent of last week', () => {
    expect(change(15, 10)).toEqual([5, 50]);
    expect(change(5, 10)).toEqual([-5, -50]);
    expect(change(10, 10)).toEqual([0, 0]);
    expect(change(650, 300)).toEqual([350, 116.7]); // 116.666…
  });

  it('rounds the difference to two places and the percent to one', () => {
    expect(change(1.62, 0.98)).toEqual([0.64, 65.3]); // 0.64 / 0.98 = 65.306…%
    expect(change(216.7, 150)).toEqual([66.7, 44.5]); // 66.7 / 150 = 44.466…%
  });

  it('leaves the percent empty when last week was 0', () => {
    expect(change(4, 0)).toEqual([4, '']);
    expect(change(0, 0)).toEqual([0, '']);
  });

  it('leaves both empty when either week has no figure', () => {
    expect(change(null, 10)).toEqual(['', '']);
    expect(change(10, null)).toEqual(['', '']);
    expect(change(null, null)).toEqual(['', '']);
  });
});
