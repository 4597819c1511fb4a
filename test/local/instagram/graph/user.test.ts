import { describe, expect, it } from 'vitest';
import { BUSINESS, CREATOR, fbViewer, sim } from './call';

describe('IG user node', () => {
  it('answers /me on graph.instagram.com flat, with user_id and an app-scoped id', () => {
    const { call } = sim();
    const a = call('me', { fields: 'user_id,username,account_type,followers_count,media_count' });
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ user_id: CREATOR, username: 'sunny.creates', account_type: 'Media_Creator', followers_count: 48_200, media_count: 400 });
    expect(a.body.id).toMatch(/^\d{17}$/);
    expect(a.body.id).not.toBe(CREATOR);
    expect(a.body.data).toBeUndefined();
  });

  it('fails the whole call on one Facebook-only field on the Instagram host (IGApiException, code 100)', () => {
    const a = sim().call('me', { fields: 'username,has_profile_pic' });
    expect(a.status).toBe(400);
    expect(a.body.error).toMatchObject({ code: 100, type: 'IGApiException', message: '(#100) Tried accessing nonexisting field (has_profile_pic) on node type (User)' });
  });

  it('answers /{ig-user-id} on graph.facebook.com with Facebook fields, and refuses accounts the viewer cannot read', () => {
    const { call } = sim();
    const a = call(BUSINESS, { fields: 'id,username,has_profile_pic,biography' }, { viewer: fbViewer() });
    expect(a.body).toEqual({ id: BUSINESS, username: 'harbor.bakery', has_profile_pic: true, biography: 'Sourdough every morning 🥖' });
    const other = call(CREATOR, { fields: 'id' }, { viewer: fbViewer() });
    expect(other.body.error).toMatchObject({ code: 100, error_subcode: 33, type: 'GraphMethodException' });
    expect(call(BUSINESS, { fields: 'user_id' }, { viewer: fbViewer() }).body.error.code).toBe(100);
  });

  it('turns a fields syntax error into code 100', () => {
    expect(sim().call('me', { fields: 'id,media{id' }).body.error.code).toBe(100);
  });

  it('finds competitors through Business Discovery with nested media paging, but not age-gated or personal accounts', () => {
    const { call } = sim();
    const q = (u: string) => ({ fields: `business_discovery.username(${u}){followers_count,media_count,media.limit(2){id,like_count,view_count}}` });
    const a = call(BUSINESS, q('rival.bakery'), { viewer: fbViewer() });
    expect(a.body.id).toBe(BUSINESS);
    expect(a.body.business_discovery.followers_count).toBe(9800);
    expect(a.body.business_discovery.media.data).toHaveLength(2);
    const after = a.body.business_discovery.media.paging.cursors.after;
    const b = call(BUSINESS, { fields: `business_discovery.username(rival.bakery){media.after(${after}).limit(2){id}}` }, { viewer: fbViewer() });
    expect(b.body.business_discovery.media.data[0].id).not.toBe(a.body.business_discovery.media.data[1].id);
    for (const u of ['late.night.bar', 'just.me.personal', 'nobody.here']) {
      expect(call(BUSINESS, q(u), { viewer: fbViewer() }).body.error).toMatchObject({ code: 110, error_subcode: 2207013 });
    }
    expect(call(BUSINESS, { fields: 'business_discovery.username(rival.bakery){followers_count,has_profile_pic}' }, { viewer: fbViewer() }).body.error.code).toBe(100);
  });

  it('has no Business Discovery on graph.instagram.com', () => {
    const a = sim().call('me', { fields: 'business_discovery.username(rival.bakery){id}' });
    expect(a.body.error).toMatchObject({ code: 100, type: 'IGApiException' });
  });
});
