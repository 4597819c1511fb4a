import { describe, expect, it } from 'vitest';
import { largeScenario } from '../../../../local/instagram/scenario';
import { DAY } from '../../../../local/instagram/world/time';
import { CREATOR, START, sim } from './call';

describe('/{ig-user-id}/media', () => {
  it('defaults to ids only, 25 per page, newest first, with opaque cursors and a next link with the same parameters', () => {
    const { call } = sim();
    const a = call('me/media');
    expect(a.body.data).toHaveLength(25);
    expect(Object.keys(a.body.data[0])).toEqual(['id']);
    expect(a.body.paging.cursors.after).toMatch(/^QVFI/);
    const next = new URL(a.body.paging.next);
    expect(next.origin + next.pathname).toBe('http://127.0.0.1:4010/graph.instagram.com/v27.0/me/media');
    expect(next.searchParams.get('access_token')).toBe('TKN');
    const b = call('me/media', { fields: 'id,timestamp', limit: '10' });
    const stamps = b.body.data.map((m: any) => m.timestamp);
    expect([...stamps].sort().reverse()).toEqual(stamps);
    expect(stamps[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/);
  });

  it('pages forward and back with the same parameters', () => {
    const { call, follow } = sim();
    const first = call('me/media', { fields: 'id,caption', limit: '5' });
    const second = follow(first.body.paging.next);
    expect(second.body.data).toHaveLength(5);
    expect(second.body.data[0]).toHaveProperty('caption');
    expect(second.body.data[0].id).not.toBe(first.body.data[4].id);
    const back = follow(second.body.paging.previous);
    expect(back.body.data.map((m: any) => m.id)).toEqual(first.body.data.map((m: any) => m.id));
  });

  it('silently caps limit at the scenario mediaPageCap', () => {
    expect(sim().call('me/media', { limit: '500' }).body.data).toHaveLength(100);
  });

  it('filters by since/until in Unix seconds', () => {
    const since = Math.floor((START - 30 * DAY) / 1000);
    const a = sim().call('me/media', { fields: 'timestamp', since: String(since), limit: '100' });
    expect(a.body.data.length).toBeGreaterThan(5);
    expect(a.body.data.length).toBeLessThan(40);
    for (const m of a.body.data) expect(Date.parse(m.timestamp.replace('+0000', 'Z'))).toBeGreaterThanOrEqual(since * 1000);
  });

  it('expands children and inline insights, and fails the whole page for a metric one item cannot have', () => {
    const { call } = sim();
    const a = call('me/media', { fields: 'id,media_type,children{id,media_type,media_url},insights.metric(reach,views){values}', limit: '30' });
    expect(a.status).toBe(200);
    const album = a.body.data.find((m: any) => m.media_type === 'CAROUSEL_ALBUM');
    expect(album.children.data.length).toBeGreaterThanOrEqual(2);
    expect(album.insights.data[0].values[0].value).toBeGreaterThanOrEqual(0);
    const bad = call('me/media', { fields: 'id,insights.metric(ig_reels_avg_watch_time){values}', limit: '30' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe(100);
  });

  it('omits like_count for hidden likes and media_url for copyrighted reels', () => {
    const a = sim().call('me/media', { fields: 'id,media_product_type,like_count,media_url', limit: '100' });
    expect(a.body.data.some((m: any) => m.like_count === undefined)).toBe(true);
    expect(a.body.data.some((m: any) => m.media_product_type === 'REELS' && m.media_url === undefined)).toBe(true);
  });

  it('gives byte-identical answers for the same scenario, seed and time', () => {
    const q = { fields: 'id,caption,like_count,comments_count,media_url,children{id}', limit: '50' };
    expect(JSON.stringify(sim().call('me/media', q).body)).toBe(JSON.stringify(sim().call('me/media', q).body));
  });

  it('pages completely through a 10,000+ media account with limit=100, showing only the 10,000 newest', () => {
    const { call, follow } = sim(largeScenario({ media: 10_050, seed: 3 }));
    let page = call(`${CREATOR}/media`, { limit: '100' });
    const ids = new Set<string>();
    let pages = 0;
    for (;;) {
      pages += 1;
      for (const m of page.body.data) ids.add(m.id);
      if (!page.body.paging.next) break;
      page = follow(page.body.paging.next);
    }
    expect(pages).toBe(100);
    expect(ids.size).toBe(10_000);
    expect(call(`${CREATOR}`, { fields: 'media_count' }).body.media_count).toBe(10_050);
  });
});

describe('/{media-id} and /{media-id}/children', () => {
  it('reads a post and its children; children lack caption and permalink', () => {
    const { call } = sim();
    const album = call('me/media', { fields: 'id,media_type', limit: '40' }).body.data.find((m: any) => m.media_type === 'CAROUSEL_ALBUM');
    const node = call(album.id, { fields: 'id,caption,permalink,owner' });
    expect(node.body.permalink).toMatch(/^https:\/\/www\.instagram\.com\/p\//);
    expect(node.body.owner).toEqual({ id: CREATOR });
    const kids = call(`${album.id}/children`, { fields: 'id,media_type,caption,permalink' });
    expect(kids.body.data.length).toBeGreaterThanOrEqual(2);
    expect(kids.body.data[0].caption).toBeUndefined();
    expect(kids.body.data[0].permalink).toBeUndefined();
  });
  it('answers 100/33 for an unknown id', () => {
    const a = sim().call('17900000099999999', { fields: 'id' });
    expect(a.body.error).toMatchObject({ code: 100, error_subcode: 33, type: 'IGApiException' });
    expect(a.body.error.message).toMatch(/^Unsupported get request\. Object with ID '17900000099999999' does not exist/);
  });
});
