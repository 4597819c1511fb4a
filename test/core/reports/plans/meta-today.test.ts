// Plans and Meta as it is today: pages that Instagram finds too big are asked again smaller, answers of
// "does not exist" are checked again before a post is dropped, and the metrics Sheetgram now reads (story
// navigation and profile activity by action, views on Facebook, follows and unfollows, reel views of
// competitors), and Instagram Login refusing stories said in words.
import { describe, expect, it } from 'vitest';
import { GraphApiError } from '../../../../src/core/graph/errors';
import { accountInsightsPlan } from '../../../../src/core/reports/plans/account';
import { shrinking } from '../../../../src/core/reports/plans/ask-less';
import { commentsPlan } from '../../../../src/core/reports/plans/conversations';
import { competitorsPlan } from '../../../../src/core/reports/plans/facebook-only';
import { getManyConfirmed, readItemInsights } from '../../../../src/core/reports/plans/insights';
import { mediaInsightsPlan, storiesPlan } from '../../../../src/core/reports/plans/posts';
import { planContext, ScriptedReader } from './scripted-reader';

const NOW = Date.parse('2026-07-15T12:00:00Z');

const tooMuch = () => new GraphApiError({ kind: 'invalid', retryable: false, code: 1, status: 500, askLess: true,
  message: "Please reduce the amount of data you're asking for, then retry your request", userMessage: 'Instagram asked Sheetgram to ask for less data at a time.' });
const gone = () => new GraphApiError({ kind: 'not_found', retryable: true, code: 100, subcode: 33, doubt: { retries: 2, waitMs: 5_000 },
  message: 'Invalid parameter', userMessage: 'Instagram could not find this item, or this account may not read it.' });

function posts(n: number, type = 'IMAGE', product = 'FEED') {
  return Array.from({ length: n }, (_, i) => ({ id: `17900${String(i).padStart(4, '0')}`, timestamp: new Date(NOW - (i + 1) * 3_600_000).toISOString().replace('.000Z', '+0000'), media_type: type, media_product_type: product }));
}

describe('asking for less', () => {
  it('halves a size down to the floor, and throws the refusal at the floor', () => {
    const sizes: number[] = [];
    expect(shrinking(50, (n) => {
      sizes.push(n);
      if (n > 12) throw tooMuch();
      return 'ok';
    })).toEqual({ value: 'ok', size: 12, shrunk: true });
    expect(sizes).toEqual([50, 25, 12]);
    expect(() => shrinking(10, () => {
      throw tooMuch();
    })).toThrow(/reduce the amount/);
  });

  it('Media Insights: a page too big is read smaller, every post kept, and the next page keeps the smaller size', () => {
    const all = posts(30);
    const r = new ScriptedReader((path, params, from) => {
      const limit = Number(params.limit);
      if (params.fields.includes('insights') && limit > 20) throw tooMuch();
      const start = from?.after ? Number(from.after) : 0;
      const items = all.slice(start, start + limit).map((p) => ({ ...p, insights: { data: [{ name: 'reach', values: [{ value: 7 }] }] } }));
      const end = start + items.length;
      return { items, next: end < all.length ? `https://g/${path}?after=${end}` : null, after: end < all.length ? String(end) : null };
    });
    const ctx = planContext('media_insights', r, NOW, { fields: ['id', 'reach'], settings: { lookbackDays: 365 } });
    const first = mediaInsightsPlan(ctx, null);
    expect(first.records).toHaveLength(12);
    expect(first.cursor).toMatchObject({ size: 12, after: '12' });
    expect(first.notes.join(' ')).toMatch(/12 at a time/);
    const second = mediaInsightsPlan(ctx, first.cursor);
    const third = mediaInsightsPlan(ctx, second.cursor);
    expect([...first.records, ...second.records, ...third.records].map((x) => x.id)).toEqual(all.map((p) => p.id));
    expect(third.cursor).toBeNull();
    expect(r.requests.filter((q) => q.path.endsWith('/media')).map((q) => q.params.limit)).toEqual(['50', '25', '12', '12', '12']);
  });

  it('Media Insights: a page whose insights are too big even at the floor is read bare, its insights post by post', () => {
    const all = posts(3);
    const r = new ScriptedReader((path, params) => {
      if (params.fields === 'media_count') return { media_count: all.length };
      if (path.endsWith('/media')) {
        if (params.fields.includes('insights')) throw tooMuch();
        return { items: all, next: null, after: null };
      }
      if (path === `${all[1].id}/insights` && params.metric.includes(',')) throw tooMuch();
      if (path === `${all[1].id}/insights` && params.metric === 'views') throw tooMuch();
      return { data: params.metric.split(',').map((name) => ({ name, values: [{ value: 5 }] })) };
    });
    const page = mediaInsightsPlan(planContext('media_insights', r, NOW, { fields: ['id', 'views', 'reach'] }), null);
    // The middle post keeps its row: its reach came one metric at a time, its views could not.
    expect(page.records.map((x) => [x.id, x.views, x.reach])).toEqual([[all[0].id, 5, 5], [all[1].id, undefined, 5], [all[2].id, 5, 5]]);
    expect(page.skipped).toEqual([{ id: all[1].id, reason: expect.stringMatching(/even one metric at a time/) }]);
    expect(page.notes.join(' ')).toMatch(/read them one by one/);
  });

  it('Comments: at the floor the posts are read bare, each post\'s comments on their own, and a post still too big is skipped alone', () => {
    const all = posts(2);
    const r = new ScriptedReader((path, params) => {
      if (path.endsWith('/media') && params.fields.includes('comments')) throw tooMuch();
      if (path.endsWith('/media')) return { items: all.map((p) => ({ id: p.id, timestamp: p.timestamp })), next: null, after: null };
      if (path === `${all[0].id}/comments`) return { items: [{ id: 'c1', text: 'hi', timestamp: all[0].timestamp }], next: null, after: null };
      throw tooMuch();
    });
    const page = commentsPlan(planContext('comments', r, NOW), null);
    expect(page.records.map((x) => [x.id, x.media_id])).toEqual([['c1', all[0].id]]);
    expect(page.skipped).toEqual([{ id: all[1].id, reason: expect.stringMatching(/reduce the amount of data/) }]);
    expect(r.requests.filter((q) => q.path.endsWith('/media')).map((q) => q.params.limit)).toEqual(['25', '12', '6', '5', '25']);
  });

  it('Competitors: a competitor too big is asked again with fewer posts, on its own', () => {
    const r = new ScriptedReader((_p, params) => {
      if (params.fields.includes('media.limit(25)') && params.fields.includes('big')) throw tooMuch();
      return { business_discovery: { id: '1', username: params.fields.includes('big') ? 'big' : 'small', followers_count: 1, media_count: 1, media: { data: [] } } };
    });
    const page = competitorsPlan(planContext('competitors', r, NOW, { settings: { competitors: ['small', 'big'] } }), null);
    expect(page.records.map((x) => x.username)).toEqual(['small', 'big']);
    expect(r.requests.map((q) => /media\.limit\((\d+)\)/.exec(q.params.fields)?.[1])).toEqual(['25', '25', '12']);
  });
});

describe('"does not exist" is checked again before it is believed', () => {
  it('re-asks a doubted answer on its own (through the client\'s retry) and keeps what comes', () => {
    let asked = 0;
    const r = new ScriptedReader(() => {
      asked++;
      if (asked === 1) throw gone();
      return { data: [{ name: 'reach', values: [{ value: 4 }] }] };
    });
    const [result] = getManyConfirmed(r, [{ path: '1790/insights', params: { metric: 'reach' } }]);
    expect(result).toEqual({ ok: true, value: { data: [{ name: 'reach', values: [{ value: 4 }] }] } });
    const outcome = readItemInsights(new ScriptedReader(() => {
      throw gone();
    }), [{ id: '1790', metrics: ['reach'], request: (m) => ({ path: '1790/insights', params: { metric: m.join(',') } }) }]);
    expect(outcome.skipped).toEqual([{ id: '1790', reason: expect.stringMatching(/could not find/) }]);
  });
});

describe('metrics Sheetgram now reads', () => {
  const stories = posts(2, 'IMAGE', 'STORY');

  it('Stories: navigation by action (taps forward and back, exits, next story) in one request per story', () => {
    const r = new ScriptedReader((path, params) => {
      if (path.endsWith('/stories')) return { items: stories.map((s) => ({ ...s, insights: { data: [{ name: 'navigation', values: [{ value: 9 }] }] } })), next: null, after: null };
      expect(params).toEqual({ metric: 'navigation', breakdown: 'story_navigation_action_type' });
      return { data: [{ name: 'navigation', values: [{ value: 9 }], total_value: { value: 9, breakdowns: [{ dimension_keys: ['story_navigation_action_type'],
        results: [{ dimension_values: ['tap_forward'], value: 6 }, { dimension_values: ['tap_back'], value: 2 }, { dimension_values: ['swipe_forward'], value: 1 }] }] } }] };
    });
    const page = storiesPlan(planContext('stories', r, NOW, { fields: ['id', 'navigation', 'taps_forward', 'taps_back', 'exits', 'next_story'] }), null);
    expect(page.records.map((x) => [x.navigation, x.taps_forward, x.taps_back, x.exits, x.next_story])).toEqual([[9, 6, 2, 0, 1], [9, 6, 2, 0, 1]]);
    expect(r.callsUsed).toBe(3);
  });

  it('Media Insights: profile activity by action for posts, and Facebook views only for reels shared there, without a note per reel', () => {
    const items = [...posts(1, 'IMAGE', 'FEED'), ...posts(2, 'VIDEO', 'REELS').map((p, i) => ({ ...p, id: `1791000${i}` }))];
    const r = new ScriptedReader((path, params) => {
      if (params.fields === 'media_count') return { media_count: items.length };
      if (path.endsWith('/media')) return { items, next: null, after: null };
      if (params.breakdown === 'action_type') {
        return { data: [{ name: 'profile_activity', total_value: { value: 3, breakdowns: [{ dimension_keys: ['action_type'], results: [{ dimension_values: ['bio_link_clicked'], value: 3 }] }] } }] };
      }
      if (params.metric === 'facebook_views,crossposted_views') {
        if (path === '17910000/insights') throw new GraphApiError({ kind: 'invalid', retryable: false, code: 100, message: '(#100) The facebook_views metric is only available for media shared to Facebook', userMessage: 'x' });
        return { data: [{ name: 'facebook_views', values: [{ value: 30 }] }, { name: 'crossposted_views', values: [{ value: 130 }] }] };
      }
      throw new Error(`unexpected ${path} ${JSON.stringify(params)}`);
    });
    const fields = ['id', 'profile_activity_bio_link', 'profile_activity_call', 'facebook_views', 'crossposted_views'];
    const page = mediaInsightsPlan(planContext('media_insights', r, NOW, { fields }), null);
    expect(page.records.map((x) => [x.profile_activity_bio_link, x.profile_activity_call, x.facebook_views, x.crossposted_views])).toEqual([
      [3, 0, undefined, undefined], [undefined, undefined, undefined, undefined], [undefined, undefined, 30, 130],
    ]);
    expect(page.notes).toEqual(['1 reel has no views on Facebook: Instagram gives them only for reels shared to Facebook.']);
  });

  it('Account Insights: follows and unfollows from follows_and_unfollows by follow_type, one request per day on its own', () => {
    const r = new ScriptedReader((_path, params) => {
      if (params.breakdown) {
        expect(params).toMatchObject({ metric: 'follows_and_unfollows', breakdown: 'follow_type', metric_type: 'total_value' });
        return { data: [{ name: 'follows_and_unfollows', total_value: { value: 7, breakdowns: [{ dimension_keys: ['follow_type'], results: [{ dimension_values: ['FOLLOWER'], value: 7 }] }] } }] };
      }
      return { data: [] };
    });
    const page = accountInsightsPlan(planContext('account_insights', r, NOW, { fields: ['date', 'follows', 'unfollows'], state: { lastInsightDay: '2026-07-13' } }), null);
    expect(page.records.map((x) => [x.follows, x.unfollows])).toEqual([[7, 0], [7, 0], [7, 0]]);
    expect(r.requests.filter((q) => q.params.breakdown)).toHaveLength(3);
    expect(page.records[0]).not.toHaveProperty('$answered follows_and_unfollows');
  });

  it('Competitors: the average public view count of their reels', () => {
    const r = new ScriptedReader((_p, params) => {
      expect(params.fields).toContain('{timestamp,like_count,comments_count,view_count,media_product_type}');
      return { business_discovery: { id: '1', username: 'rival', followers_count: 1, media_count: 3, media: { data: [
        { media_product_type: 'REELS', view_count: 1000 }, { media_product_type: 'REELS', view_count: 3000 }, { media_product_type: 'FEED' }] } } };
    });
    const page = competitorsPlan(planContext('competitors', r, NOW, { settings: { competitors: ['rival'] } }), null);
    expect(page.records[0]).toMatchObject({ recent_reels: 2, recent_reel_views_avg: 2000 });
  });

  it('Stories on Instagram Login: a refused list is said in words that suggest Facebook Login', () => {
    const r = new ScriptedReader(() => {
      throw new GraphApiError({ kind: 'invalid', retryable: false, code: 100, message: '(#100) Tried accessing nonexisting field (stories) on node type (User)',
        userMessage: 'Instagram did not accept this request.', request: 'GET https://graph.instagram.com/v27.0/17841400000000001/stories?limit=50' });
    });
    let error: unknown;
    try {
      storiesPlan(planContext('stories', r, NOW, { loginFlow: 'instagram', accountUsername: 'sunny.creates' }), null);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ name: 'GraphApiError', kind: 'permission', userMessage: expect.stringMatching(/Instagram Login does not give the stories of @sunny\.creates.*Facebook Login/) });
  });
});
