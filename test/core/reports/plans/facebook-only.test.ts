// Facebook-Login-only plans: tags paged on cursors, competitor snapshots, the 30-hashtags-a-week budget.
import { describe, expect, it } from 'vitest';
import { competitorsPlan, HASHTAG_BUDGET, hashtagsPlan, taggedMediaPlan } from '../../../../src/core/reports/plans/facebook-only';
import { graphError } from '../../run/fake-graph';
import { planContext, ScriptedReader } from './scripted-reader';

const NOW = Date.parse('2026-07-15T12:00:00Z');

describe('Tagged media', () => {
  it('pages on cursors when the edge gives no next URLs', () => {
    const full = Array.from({ length: 50 }, (_, i) => ({ id: `t${i}` }));
    const r = new ScriptedReader((_p, _q, from) => (from?.after === 'a1' ? { items: [{ id: 'last' }], next: null, after: 'a2' } : { items: full, next: null, after: 'a1' }));
    const ctx = planContext('tagged_media', r, NOW);
    const first = taggedMediaPlan(ctx, null);
    expect(first.cursor).toMatchObject({ next: null, after: 'a1' });
    const second = taggedMediaPlan(ctx, first.cursor);
    expect(second.records).toEqual([{ id: 'last' }]);
    expect(second.cursor).toBeNull();
    expect(second.shortfall).toBeUndefined();
  });

  it('calls a full page that gives the same cursor again a list cut short, and stops', () => {
    const full = Array.from({ length: 50 }, (_, i) => ({ id: `t${i}` }));
    const r = new ScriptedReader(() => ({ items: full, next: null, after: 'a1' }));
    const ctx = planContext('tagged_media', r, NOW);
    const first = taggedMediaPlan(ctx, null);
    const second = taggedMediaPlan(ctx, first.cursor);
    expect(second.cursor).toBeNull();
    expect(second.shortfall).toEqual({ what: 'posts that tag the account', reason: 'repeated_cursor', read: 100 });
    expect(r.callsUsed).toBe(2);
  });
});

describe('Competitors', () => {
  it('snapshots each account and skips the ones Business Discovery cannot see', () => {
    const r = new ScriptedReader((_p, params) => {
      if (params.fields.includes('username(ghost)')) throw graphError('invalid', 'Cannot find user ghost', 110);
      return { business_discovery: { id: '1789', username: 'rival', followers_count: 500, media_count: 9,
        media: { data: [{ timestamp: '2026-07-10T00:00:00+0000', like_count: 10, comments_count: 1 }, { timestamp: '2026-07-12T00:00:00+0000', comments_count: 3 }] } } };
    });
    const page = competitorsPlan(planContext('competitors', r, NOW, { settings: { competitors: ['@rival', 'ghost'] } }), null);
    expect(page.records).toEqual([{ id: '1789', username: 'rival', followers_count: 500, media_count: 9, recent_posts: 2,
      recent_likes_avg: 10, recent_comments_avg: 2, latest_post_at: '2026-07-12T00:00:00+0000', recent_reels: 0, recent_reel_views_avg: '' }]);
    expect(page.skipped).toEqual([{ id: 'ghost', reason: 'Cannot find user ghost' }]);
  });

  it('stops the run on a rate limit instead of skipping', () => {
    const r = new ScriptedReader(() => {
      throw graphError('rate_limit', 'Instagram asked Sheetgram to slow down');
    });
    expect(() => competitorsPlan(planContext('competitors', r, NOW, { settings: { competitors: ['a'] } }), null)).toThrow('slow down');
  });
});

describe('Hashtags', () => {
  const reader = () => new ScriptedReader((path, params) => {
    if (path === 'ig_hashtag_search') return { data: [{ id: `h-${params.q}` }] };
    return { data: [{ id: `${path}-1`, timestamp: '2026-07-15T00:00:00+0000', like_count: 4 }] };
  });

  it('reads top and recent media, remembers ids, and shows the budget', () => {
    const r = reader();
    const page = hashtagsPlan(planContext('hashtags', r, NOW, { settings: { hashtags: ['#Dinos', 'fossils'] } }), null);
    expect(page.records.map((x) => [x.hashtag, x.list])).toEqual([['dinos', 'top'], ['dinos', 'recent'], ['fossils', 'top'], ['fossils', 'recent']]);
    expect(page.state?.hashtagIds).toEqual({ dinos: 'h-dinos', fossils: 'h-fossils' });
    expect(page.notes).toContain(`Hashtag budget: 2 of ${HASHTAG_BUDGET} different hashtags used in the last 7 days.`);
    expect(r.callsUsed).toBe(6);
  });

  it('refuses a 31st different hashtag within 7 days, but keeps using the 30 already counted', () => {
    const used = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`t${i}`, NOW - 86_400_000]));
    const r = reader();
    const page = hashtagsPlan(planContext('hashtags', r, NOW, { settings: { hashtags: ['t0', 'new'] }, state: { hashtagSearches: used, hashtagIds: { t0: 'h-t0' } } }), null);
    expect(page.skipped.map((s) => s.id)).toEqual(['#new']);
    expect(page.records.every((x) => x.hashtag === 't0')).toBe(true);
    expect(r.requests.some((q) => q.path === 'ig_hashtag_search')).toBe(false);
  });
});
