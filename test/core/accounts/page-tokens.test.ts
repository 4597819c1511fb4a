// Facebook Login today: Page tokens kept beside the user token and used for the account's own data, the
// portfolio permissions asked but not required, and what happens when the 60-day user token ends.
import { describe, expect, it } from 'vitest';
import { AccountStore } from '../../../src/core/accounts/account-store';
import { completeFacebookConnect } from '../../../src/core/accounts/connect';
import { maintainTokens } from '../../../src/core/accounts/maintenance';
import { tokenForRun } from '../../../src/core/accounts/run-token';
import { BASE_SCOPES, scopesFor } from '../../../src/core/accounts/scopes';
import { tokenAction, tokenStatus } from '../../../src/core/accounts/token-policy';
import type { ConnectedAccount } from '../../../src/core/accounts/types';
import { readAppSettings, SETTING_PROPERTY } from '../../../src/core/config/app-settings';
import { META_HOSTS } from '../../../src/core/config/platform';
import type { HttpRequest } from '../../../src/core/ports';
import { getReport } from '../../../src/core/reports/registry';
import { json, ScriptedTransport } from '../graph/scripted-transport';
import { FakeClock, MemoryStore } from '../../support/memory-ports';

const DAY = 86_400_000;
const NOW = Date.parse('2026-07-10T12:00:00Z');
const IG = '17841400000000002';
const GRANTED = ['instagram_basic', 'instagram_manage_insights', 'pages_show_list', 'pages_read_engagement'];

function facebookGraph(pages: unknown[], granted = GRANTED) {
  return new ScriptedTransport([
    json({ access_token: 'EAAlong', token_type: 'bearer', expires_in: 5183944 }),
    json({ data: granted.map((permission) => ({ permission, status: 'granted' })) }),
    json({ data: pages }),
    (r: HttpRequest) => json({ id: IG, username: 'harbor.bakery', name: 'Harbor Bakery', asked: r.url }),
  ]);
}

function connect(transport: ScriptedTransport) {
  const accounts = new AccountStore(new MemoryStore());
  const deps = { transport, hosts: META_HOSTS, clock: new FakeClock(NOW), credentials: { clientId: 'app', clientSecret: 'secret' }, accounts };
  return { accounts, connected: completeFacebookConnect(deps, { accessToken: 'EAAshort', permissions: [] }, scopesFor('facebook', [])) };
}

describe('connecting with Facebook Login', () => {
  it("keeps the Page's token (read with the long-lived user token) beside the user token, and reads the account with it", () => {
    const transport = facebookGraph([{ id: '1348', name: 'Harbor Bakery', access_token: 'EAApage', instagram_business_account: { id: IG } }]);
    const { accounts, connected } = connect(transport);
    expect(connected[0]).toMatchObject({ id: IG, pageId: '1348', pageToken: true, tokenExpiresAt: NOW + 5183944 * 1000 });
    expect(accounts.token(IG)).toEqual({ accessToken: 'EAAlong', issuedAt: NOW, expiresAt: NOW + 5183944 * 1000, pageAccessToken: 'EAApage' });
    // /me/accounts was read with the long-lived token, the profile with the Page token.
    expect(transport.urls[2]).toContain('access_token=EAAlong');
    expect(transport.urls[3]).toContain('access_token=EAApage');
    expect(accounts.tokenFor(IG, 'account')).toEqual({ accessToken: 'EAApage', kind: 'page', expiresAt: null });
    expect(accounts.tokenFor(IG, 'user')).toEqual({ accessToken: 'EAAlong', kind: 'user', expiresAt: NOW + 5183944 * 1000 });
  });

  it('falls back to the user token when Meta gave no Page token', () => {
    const { accounts, connected } = connect(facebookGraph([{ id: '1348', name: 'Harbor Bakery', instagram_business_account: { id: IG } }]));
    expect(connected[0].pageToken).toBeUndefined();
    expect(accounts.tokenFor(IG, 'account')).toMatchObject({ accessToken: 'EAAlong', kind: 'user' });
  });

  it('asks for business_management and ads_read, requires neither, and names business_management when no Page shows', () => {
    expect(scopesFor('facebook', ['instagram_manage_comments'])).toEqual([...BASE_SCOPES.facebook, 'business_management', 'ads_read', 'instagram_manage_comments']);
    expect(scopesFor('instagram', [])).toEqual(BASE_SCOPES.instagram);
    const transport = facebookGraph([]);
    expect(() => connect(transport)).toThrow(/None of the Facebook Pages.*business portfolio.*business_management/);
    expect(() => connect(facebookGraph([], [...GRANTED, 'business_management']))).toThrow(/None of the Facebook Pages(?!.*business_management)/);
  });

  it('reads the Facebook Login for Business configuration id from Script Properties', () => {
    expect(SETTING_PROPERTY.facebookConfigId).toBe('SHEETGRAM_FACEBOOK_CONFIG_ID');
    expect(readAppSettings((k) => (k === 'SHEETGRAM_FACEBOOK_CONFIG_ID' ? ' 880011223344 ' : null)).facebookConfigId).toBe('880011223344');
    expect(readAppSettings(() => null).facebookConfigId).toBeNull();
    expect(readAppSettings((k) => (k === 'SHEETGRAM_FACEBOOK_CONFIG_ID' ? '  ' : null)).facebookConfigId).toBeNull();
  });
});

function account(over: Partial<ConnectedAccount> = {}): ConnectedAccount {
  return {
    id: IG, username: 'harbor.bakery', accountType: 'Business', flow: 'facebook', scopes: GRANTED, pageId: '1348', pageToken: true,
    connectedAt: NOW, tokenIssuedAt: NOW, tokenExpiresAt: NOW + 60 * DAY, ...over,
  };
}

describe('after the user token', () => {
  it('warns once as before, then keeps the account running instead of stopping it', () => {
    const a = account();
    expect(tokenAction(a, NOW + 53 * DAY)).toBe('warn');
    expect(tokenAction({ ...a, expiryWarningSentAt: NOW + 53 * DAY }, NOW + 61 * DAY)).toBe('none');
    expect(tokenAction(account({ pageToken: undefined }), NOW + 61 * DAY)).toBe('expired');
  });

  it('reads in the sidebar as reports that do not expire, and hashtags and competitors that do', () => {
    expect(tokenStatus(account(), NOW + DAY)).toEqual({ kind: 'valid', text: 'reports do not expire; hashtags and competitors for 59 more days' });
    expect(tokenStatus(account(), NOW + 55 * DAY)).toEqual({ kind: 'expires_soon', text: 'hashtags and competitors stop in 5 days: reconnect' });
    expect(tokenStatus(account(), NOW + 61 * DAY)).toEqual({ kind: 'expires_soon', text: 'reports keep running; hashtags and competitors need a reconnect' });
    expect(tokenStatus(account({ reconnectReason: 'password changed' }), NOW + DAY).kind).toBe('reconnect');
    expect(tokenStatus(account({ pageToken: undefined }), NOW + 61 * DAY).kind).toBe('reconnect');
  });

  it('maintenance mails the warning saying which reports stop, and stops nothing at expiry', () => {
    const accounts = new AccountStore(new MemoryStore());
    accounts.save(account(), { accessToken: 'EAAlong', issuedAt: NOW, expiresAt: NOW + 60 * DAY, pageAccessToken: 'EAApage' });
    const mail: { subject: string; body: string }[] = [];
    const clock = new FakeClock(NOW + 54 * DAY);
    const deps = { transport: new ScriptedTransport(), hosts: META_HOSTS, accounts, clock, timeZone: 'UTC', mail: (subject: string, body: string) => mail.push({ subject, body }) };
    expect(maintainTokens(deps).warned).toEqual(['harbor.bakery']);
    expect(mail[0].subject).toBe('Sheetgram: reconnect @harbor.bakery before 2026-09-08');
    expect(mail[0].body).toMatch(/hashtags and competitors expires on 2026-09-08.*other reports keep running/s);
    clock.ms = NOW + 70 * DAY;
    expect(maintainTokens(deps)).toEqual({ refreshed: [], warned: [], stopped: [], retryLater: [] });
    expect(accounts.get(IG)?.reconnectReason).toBeUndefined();
  });

  it('gives a run the Page token, and refuses only a report that needs the expired user token', () => {
    const accounts = new AccountStore(new MemoryStore());
    const a = account();
    accounts.save(a, { accessToken: 'EAAlong', issuedAt: NOW, expiresAt: NOW + 60 * DAY, pageAccessToken: 'EAApage' });
    const later = NOW + 61 * DAY;
    const insights = getReport('media_insights');
    const hashtags = getReport('hashtags');
    expect(insights.tokenUse ?? 'account').toBe('account');
    expect(hashtags.tokenUse).toBe('user');
    expect(getReport('competitors').tokenUse).toBe('user');
    expect(tokenForRun(accounts, a, insights.tokenUse ?? 'account', insights.title, later)).toEqual({ ok: true, token: { accessToken: 'EAApage', kind: 'page', expiresAt: null } });
    expect(tokenForRun(accounts, a, 'user', hashtags.title, NOW + DAY)).toMatchObject({ ok: true, token: { accessToken: 'EAAlong', kind: 'user' } });
    const refused = tokenForRun(accounts, a, 'user', hashtags.title, later);
    expect(refused).toMatchObject({ ok: false, reason: expect.stringMatching(/Facebook sign-in of @harbor.bakery has expired, and Hashtags needs it.*other reports keep running/) });
    expect(tokenForRun(new AccountStore(new MemoryStore()), a, 'account', 'x', NOW)).toMatchObject({ ok: false, reason: expect.stringMatching(/no sign-in/) });
  });
});
