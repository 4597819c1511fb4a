import { describe, expect, it } from 'vitest';
import { BUSINESS, START, fbViewer, igViewer, sim } from './call';
import { DAY } from '../../../../local/instagram/world/time';

describe('comments', () => {
  it('lists top-level comments newest first, at most 50 a page, replies by expansion and by /replies', () => {
    const { call, follow } = sim();
    const post = call('me/media', { fields: 'id,comments_count', limit: '100' }).body.data.find((m: any) => m.comments_count > 20);
    const a = call(`${post.id}/comments`, { fields: 'id,text,timestamp,username,replies{id,text}', limit: '500' });
    expect(a.body.data.length).toBeLessThanOrEqual(50);
    const stamps = a.body.data.map((c: any) => c.timestamp);
    expect([...stamps].sort().reverse()).toEqual(stamps);
    let all = a.body.data;
    let page = a;
    while (page.body.paging.next) {
      page = follow(page.body.paging.next);
      all = all.concat(page.body.data);
    }
    const total = all.reduce((n: number, c: any) => n + 1 + (c.replies?.data.length ?? 0), 0);
    expect(total).toBe(post.comments_count);
    const withReplies = all.find((c: any) => c.replies);
    expect(call(`${withReplies.id}/replies`).body.data.map((r: any) => r.id)).toEqual(withReplies.replies.data.map((r: any) => r.id));
  });

  it('needs the manage-comments scope', () => {
    const { call } = sim();
    const post = call('me/media', { limit: '1' }).body.data[0];
    expect(call(`${post.id}/comments`, {}, { viewer: igViewer(['instagram_business_basic']) }).body.error.code).toBe(10);
  });
});

describe('tags, mentions and stories', () => {
  it('lists tagged media on Facebook Login with cursors but no next/previous links', () => {
    const { call } = sim();
    const a = call(`${BUSINESS}/tags`, { fields: 'id,username,caption', limit: '10' }, { viewer: fbViewer() });
    expect(a.body.data).toHaveLength(10);
    expect(a.body.paging.cursors.after).toMatch(/^QVFI/);
    expect(a.body.paging.next).toBeUndefined();
    const b = call(`${BUSINESS}/tags`, { fields: 'id', limit: '10', after: a.body.paging.cursors.after }, { viewer: fbViewer() });
    expect(b.body.data[0].id).not.toBe(a.body.data[9].id);
    const m = call(BUSINESS, { fields: `mentioned_media.media_id(${a.body.data[0].id}){caption,media_type}` }, { viewer: fbViewer() });
    expect(m.body.mentioned_media.caption).toBe(a.body.data[0].caption);
  });

  it('has no tags on graph.instagram.com', () => {
    expect(sim().call('me/tags').body.error).toMatchObject({ code: 100, type: 'IGApiException' });
  });

  it('lists live stories only', () => {
    const { call } = sim();
    const a = call(`${BUSINESS}/stories`, { fields: 'id,media_product_type,timestamp' }, { viewer: fbViewer() });
    for (const s of a.body.data) {
      expect(s.media_product_type).toBe('STORY');
      expect(Date.parse(s.timestamp.replace('+0000', 'Z'))).toBeGreaterThan(START - DAY);
    }
  });
});

describe('hashtags', () => {
  const fb = { viewer: fbViewer() };
  it('searches a hashtag and reads top and recent media without username', () => {
    const { call } = sim();
    const found = call('ig_hashtag_search', { user_id: BUSINESS, q: 'sourdough' }, fb);
    const id = found.body.data[0].id;
    expect(id).toMatch(/^\d{17}$/);
    const top = call(`${id}/top_media`, { user_id: BUSINESS, fields: 'id,caption,like_count', limit: '100' }, fb);
    expect(top.body.data).toHaveLength(50);
    const recent = call(`${id}/recent_media`, { user_id: BUSINESS, fields: 'id,timestamp' }, fb);
    for (const m of recent.body.data) expect(Date.parse(m.timestamp.replace('+0000', 'Z'))).toBeGreaterThan(START - DAY);
    expect(recent.body.paging.cursors.before).toBeUndefined();
    expect(call(`${id}/recent_media`, { user_id: BUSINESS, fields: 'id,username' }, fb).body.error.code).toBe(100);
  });

  it('allows 30 unique hashtags per 7 days', () => {
    const { call } = sim();
    for (let i = 0; i < 30; i++) expect(call('ig_hashtag_search', { user_id: BUSINESS, q: `tag${i}` }, fb).status).toBe(200);
    expect(call('ig_hashtag_search', { user_id: BUSINESS, q: 'tag0' }, fb).status).toBe(200);
    expect(call('ig_hashtag_search', { user_id: BUSINESS, q: 'tag30' }, fb).body.error.code).toBe(100);
  });

  it('is not on graph.instagram.com', () => {
    expect(sim().call('ig_hashtag_search', { user_id: '17841400000000001', q: 'x' }).body.error.error_subcode).toBe(33);
  });
});

describe('Facebook Login nodes', () => {
  it('lists Pages with instagram_business_account only where linked, and reads a Page', () => {
    const { call } = sim();
    expect(call('me', {}, { viewer: fbViewer() }).body).toEqual({ name: 'Maria Harbor', id: '10160000000000001' });
    const a = call('me/accounts', { fields: 'id,name,access_token,instagram_business_account' }, { viewer: fbViewer() });
    expect(a.body.data[0]).toEqual({ id: '134895793791914', name: 'Harbor Bakery', access_token: 'PAGE-134895793791914', instagram_business_account: { id: BUSINESS } });
    expect(a.body.data[1]).not.toHaveProperty('instagram_business_account');
    expect(call('134895793791914', { fields: 'instagram_business_account' }, { viewer: fbViewer() }).body)
      .toEqual({ instagram_business_account: { id: BUSINESS }, id: '134895793791914' });
  });

  it('tells the permissions granted and declined at /me/permissions', () => {
    const { call } = sim();
    const body = call('me/permissions', {}, { viewer: fbViewer(['instagram_basic', 'pages_show_list']) }).body;
    expect(body.data).toEqual(expect.arrayContaining([
      { permission: 'instagram_basic', status: 'granted' }, { permission: 'pages_show_list', status: 'granted' },
      { permission: 'instagram_manage_insights', status: 'declined' },
    ]));
    expect(body.data.filter((p: { status: string }) => p.status === 'granted')).toHaveLength(2);
  });
});
