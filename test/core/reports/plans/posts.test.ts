// Post plans: Recent Media paging and stop points, Instagram Login field fallback, Stories' nested insights.
import { describe, expect, it } from 'vitest';
import { recentMediaPlan, storiesPlan } from '../../../../src/core/reports/plans/posts';
import { FakeGraph, graphError, makePosts } from '../../run/fake-graph';
import { planContext, ScriptedReader } from './scripted-reader';

const NOW = Date.parse('2026-07-15T12:00:00Z');

describe("User's Recent Media", () => {
  it('counts carousel children and leaves the count empty for other posts', () => {
    const graph = new FakeGraph(makePosts(6, NOW));
    const page = recentMediaPlan(planContext('recent_media', graph, NOW), null);
    const carousel = page.records.find((r) => r.media_type === 'CAROUSEL_ALBUM')!;
    const image = page.records.find((r) => r.media_type === 'IMAGE')!;
    expect(carousel.children_count).toBe(3);
    expect(image.children_count).toBe('');
    expect(page.cursor).toBeNull();
  });

  it('stops at "posts since" and reads incrementally down to the older of the high-water mark and the lookback', () => {
    const graph = new FakeGraph(makePosts(500, NOW, 24));
    const since = recentMediaPlan(planContext('recent_media', graph, NOW, { settings: { postsSince: '2026-07-01' } }), null);
    expect(since.records).toHaveLength(15);
    expect(since.cursor).toBeNull();
    const before = graph.callsUsed;
    const incremental = recentMediaPlan(planContext('recent_media', graph, NOW, { settings: { lookbackDays: 10 }, state: { highWaterMark: '2026-07-14T12:00:00+0000' } }), null);
    expect(incremental.records).toHaveLength(11);
    expect(incremental.cursor).toBeNull();
    expect(graph.callsUsed - before).toBe(1);
  });

  it('on Instagram Login, asks again without caption and product type if refused', () => {
    const r = new ScriptedReader((_p, params) => {
      if (params.fields.includes('caption')) throw graphError('invalid', '(#100) Tried accessing nonexisting field (caption)', 100);
      return { items: [{ id: '1', timestamp: '2026-07-01T00:00:00+0000', media_type: 'IMAGE' }], next: 'https://g/next', after: 'a' };
    });
    const ctx = planContext('recent_media', r, NOW, { loginFlow: 'instagram' });
    const page = recentMediaPlan(ctx, null);
    expect(page.records).toHaveLength(1);
    const pages = () => r.requests.filter((q) => q.path.endsWith('/media'));
    expect(pages()[1].params.fields).not.toMatch(/caption|media_product_type/);
    expect(page.notes[0]).toMatch(/media_product_type, caption/);
    recentMediaPlan(ctx, page.cursor);
    // Later pages ask without them at once: the refused page, the page again, the next page.
    expect(pages()).toHaveLength(3);
    expect(pages()[2].params.fields).not.toMatch(/caption/);
  });
});

describe('Stories', () => {
  const stories = [
    { id: '1801', timestamp: '2026-07-15T08:00:00+0000', media_type: 'IMAGE', media_product_type: 'STORY' },
    { id: '1802', timestamp: '2026-07-15T09:00:00+0000', media_type: 'IMAGE', media_product_type: 'STORY' },
  ];

  it('nests story insights in the page when every story has them: one call', () => {
    const r = new ScriptedReader(() => ({ items: stories.map((s) => ({ ...s, insights: { data: [{ name: 'reach', values: [{ value: 3 }] }] } })), next: null, after: null }));
    const fields = ['id', 'timestamp', 'views', 'reach', 'shares', 'total_interactions', 'replies', 'navigation'];
    const page = storiesPlan(planContext('stories', r, NOW, { fields }), null);
    expect(r.callsUsed).toBe(1);
    expect(r.requests[0].params.fields).toMatch(/insights\.metric\(views,reach,shares,total_interactions,replies,navigation\)/);
    expect(page.records.map((x) => x.reach)).toEqual([3, 3]);
  });

  it('keeps a story with too few viewers as a row with empty insights and a note, and reads the others item by item', () => {
    // Classified as the error table does: code 10 "Not enough viewers" is skip_item.
    const tooFew = () => graphError('skip_item', '(#10) Not enough viewers for the media to show insights', 10);
    const r = new ScriptedReader((path, params) => {
      if (path.endsWith('/stories') && params.fields.includes('insights')) throw tooFew();
      if (path.endsWith('/stories')) return { items: stories, next: null, after: null };
      if (path === '1801/insights') throw tooFew();
      return { data: [{ name: 'reach', values: [{ value: 8 }] }] };
    });
    const page = storiesPlan(planContext('stories', r, NOW), null);
    expect(page.records.map((x) => [x.id, x.timestamp, x.reach, x.insights_note])).toEqual([
      ['1801', stories[0].timestamp, undefined, 'Instagram gives no insights for stories seen by fewer than 5 accounts.'],
      ['1802', stories[1].timestamp, 8, ''],
    ]);
    expect(page.skipped).toEqual([]);
    expect(page.notes).toEqual(['1 story has no insights: Instagram gives no insights for stories seen by fewer than 5 accounts.']);
    expect(page.shortfall).toBeUndefined();
  });
});
