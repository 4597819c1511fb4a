// What the sidebar sends, checked: every refusal says what to change; what stays valid is kept.
import { describe, expect, it } from 'vitest';
import type { ConnectedAccount } from '../../../src/core/accounts/types';
import { configurationFromInput, InputError, type ConfigurationInput } from '../../../src/core/configurations/input';

const IG: ConnectedAccount = {
  id: '17841400000000001', username: 'sunny', accountType: 'Media_Creator', flow: 'instagram', scopes: ['instagram_business_basic', 'instagram_business_manage_insights'],
  connectedAt: 0, tokenIssuedAt: 0, tokenExpiresAt: null,
};
const FB: ConnectedAccount = { ...IG, id: '17841400000000002', username: 'bakery', flow: 'facebook', scopes: ['instagram_basic', 'instagram_manage_insights', 'pages_show_list', 'pages_read_engagement'] };
const input = (extra: Partial<ConfigurationInput> = {}): ConfigurationInput => ({
  accountId: IG.id, reportId: 'recent_media', fields: ['caption', 'id'], tabName: ' Posts ', mode: 'update', schedule: { kind: 'daily', hour: 6 }, ...extra,
});
const ctx = (account = IG, existing = null as ReturnType<typeof configurationFromInput> | null) => ({ account, existing, owner: 'u1', now: 1000, newId: () => 'c1' });
const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError) return e.message;
    throw e;
  }
  throw new Error('expected an InputError');
};

describe('configurationFromInput', () => {
  it('keeps fields in the report\'s order, trims the tab name and records the owner', () => {
    const c = configurationFromInput(input(), ctx());
    expect(c).toMatchObject({ id: 'c1', fields: ['id', 'caption'], tab: { sheetId: null, name: 'Posts' }, owner: 'u1', accountUsername: 'sunny', loginFlow: 'instagram' });
  });

  it('refuses what cannot work, in words', () => {
    expect(refusal(() => configurationFromInput(input({ reportId: 'competitors' }), ctx()))).toMatch(/needs an account connected with Facebook Login/);
    expect(refusal(() => configurationFromInput(input({ reportId: 'comments', fields: ['id'] }), ctx()))).toMatch(/needs the permission instagram_business_manage_comments/);
    expect(refusal(() => configurationFromInput(input({ fields: ['nope'] }), ctx()))).toMatch(/Tick at least one field/);
    expect(refusal(() => configurationFromInput(input({ tabName: '  ' }), ctx()))).toMatch(/Name the tab/);
    expect(refusal(() => configurationFromInput(input({ schedule: { kind: 'daily', hour: 30 } }), ctx()))).toMatch(/between 0 and 23/);
    expect(refusal(() => configurationFromInput(input({ settings: { postsSince: '31/01/2026' } }), ctx()))).toMatch(/like 2026-01-31/);
    expect(refusal(() => configurationFromInput(input({ accountId: FB.id, reportId: 'competitors', fields: ['username'] }), ctx(FB)))).toMatch(/at least one competitor/);
    const tags = Array.from({ length: 31 }, (_, i) => `tag${i}`).join(' ');
    expect(refusal(() => configurationFromInput(input({ accountId: FB.id, reportId: 'hashtags', fields: ['hashtag'], settings: { hashtags: tags } }), ctx(FB)))).toMatch(/30 different hashtags per 7 days; you listed 31/);
  });

  it('reads lists of competitors and hashtags as people type them', () => {
    const c = configurationFromInput(input({ accountId: FB.id, reportId: 'competitors', fields: ['username'], settings: { competitors: '@Rival.Bakery, city.creator\ncity.creator' } }), ctx(FB));
    expect(c.settings.competitors).toEqual(['rival.bakery', 'city.creator']);
  });

  it('keeps what was read before only when the same data still goes to the same place', () => {
    const first = { ...configurationFromInput(input(), ctx()), state: { highWaterMark: '2026-07-01T00:00:00+0000' } };
    expect(configurationFromInput(input({ id: 'c1' }), ctx(IG, first)).state?.highWaterMark).toBe('2026-07-01T00:00:00+0000');
    expect(configurationFromInput(input({ id: 'c1', fields: ['id', 'caption', 'like_count'] }), ctx(IG, first)).state?.highWaterMark).toBeUndefined();
    expect(configurationFromInput(input({ id: 'c1', tabName: 'Other' }), ctx(IG, first)).tab).toEqual({ sheetId: null, name: 'Other' });
  });
});
