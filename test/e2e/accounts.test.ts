// Connecting accounts end to end: the real bundle in the local runtime, the simulator over HTTP, the
// person's side of the sign-in, and what must hold afterwards (long-lived tokens only in the user's
// properties, renewals, warnings, reconnect needed, and no token anywhere a person could see).
import { afterEach, describe, expect, it } from 'vitest';
import type { Stack } from '../../local/platform/stack';
import { BAKERY, CREATOR, DAY, EDITOR, OWNER, scenario, secretsOf, stack, tokenOf, visibleText } from './support';

let s: Stack;
afterEach(async () => {
  await s?.close();
});

const accounts = (user = OWNER) => s.rt.call('getSidebarState', [], { user }).accounts as { id: string; username: string; flow: string; tokenStatus: { kind: string; text: string }; expiresOn: string | null; scopes: string[] }[];
const saveDaily = (accountId: string, reportId = 'user_information', user = OWNER) => s.rt.call('saveConfiguration', [{
  accountId, reportId, fields: ['followers_count'], tabName: `${reportId} ${accountId}`, mode: 'append', schedule: { kind: 'daily', hour: 7 },
}], { user });

describe('Instagram Login', () => {
  it('connects, trades the code for a 60-day token at once, and lists the account', async () => {
    s = await stack();
    const result = await s.connect('instagram');
    expect(result.ok).toBe(true);
    expect(result.page).toContain('@sunny.creates is connected');
    expect(result.url).toMatch(/force_reauth=true/);
    expect(new URL(result.url).searchParams.get('scope')).toBe('instagram_business_basic,instagram_business_manage_insights,instagram_business_manage_comments');
    const [account] = accounts();
    expect(account).toMatchObject({ id: CREATOR, username: 'sunny.creates', flow: 'instagram', tokenStatus: { kind: 'renews' } });
    const token = tokenOf(s, CREATOR)!;
    expect(token.expiresAt! - token.issuedAt).toBeGreaterThan(59 * DAY);
    // The short-lived token of the sign-in is gone: only the long-lived one per account remains.
    expect([...s.rt.properties.user(s.rt.owner.id).keys()].filter((k) => k.startsWith('oauth2.'))).toEqual([]);
    const log = await s.control('log');
    expect(log.map((e: { host: string; endpoint: string }) => `${e.host} ${e.endpoint}`)).toEqual(['www.instagram.com /oauth/authorize', 'www.instagram.com /oauth/authorize', 'api.instagram.com /oauth/access_token', 'graph.instagram.com /access_token', 'graph.instagram.com /{ig-user-id}']);
  });

  it('says so plainly when the person cancels, and connects nothing', async () => {
    s = await stack();
    const result = await s.connect('instagram', { decision: 'deny' });
    expect(result.ok).toBe(false);
    expect(result.page).toContain('You chose not to allow Sheetgram');
    expect(accounts()).toEqual([]);
  });

  it('refuses a personal account on the sign-in page', async () => {
    s = await stack();
    const result = await s.connect('instagram', { account: '17841400000000003' });
    expect(result.ok).toBe(false);
    expect(result.page).toMatch(/only Instagram professional accounts/);
    expect(accounts()).toEqual([]);
  });

  it('says what is missing when the person unticks a permission', async () => {
    s = await stack({ scenario: scenario((sc) => { sc.accounts[0].grantedScopes = ['instagram_business_basic']; }) });
    const result = await s.connect('instagram');
    expect(result.page).toMatch(/did not grant every permission.*instagram_business_manage_insights/);
    expect(accounts()).toEqual([]);
  });

  it('refuses a sign-in link used twice, and one that this person did not start', async () => {
    s = await stack();
    const { url } = s.rt.call('getConnectUrl', ['instagram', []]) as { url: string };
    const state = new URL(url).searchParams.get('state')!;
    // Google refuses a state token it did not make before any Sheetgram code runs.
    expect(() => s.rt.userCallback({ state: `${state.slice(0, -4)}AAAA`, code: 'x' })).toThrow(/state token/i);
    const first = await s.connect('instagram');
    expect(first.ok).toBe(true);
    // The same state again (a replayed redirect) no longer matches the sign-in this person started.
    const page = s.rt.userCallback({ state, code: 'AQB-replayed' }) as string;
    expect(page).toMatch(/did not start from this spreadsheet/);
  });

  it('renews the token on a scheduled run once it is 45 days old, and never before a day', async () => {
    s = await stack();
    await s.connect('instagram');
    saveDaily(CREATOR);
    const before = tokenOf(s, CREATOR)!;
    s.rt.advance(2 * DAY);
    expect(tokenOf(s, CREATOR)!.accessToken).toBe(before.accessToken);
    s.rt.advance(48 * DAY);
    const after = tokenOf(s, CREATOR)!;
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.expiresAt! - after.issuedAt).toBeGreaterThan(59 * DAY);
    expect(after.issuedAt).toBeGreaterThan(before.issuedAt + 44 * DAY);
    expect(accounts()[0].tokenStatus.kind).toBe('renews');
    const log = s.rt.workbook.values('Sheetgram log').map((r) => r.join(' | ')).join('\n');
    expect(log).toMatch(/Renewed the Instagram sign-in/);
  });
});

describe('Facebook Login', () => {
  it('connects the Instagram account linked to the Page, warns once before the user token expires, and its reports run on past it', async () => {
    s = await stack();
    const result = await s.connect('facebook');
    expect(result.page).toContain('@harbor.bakery is connected');
    const [account] = accounts();
    expect(account).toMatchObject({ id: BAKERY, flow: 'facebook', tokenStatus: { kind: 'valid' } });
    saveDaily(BAKERY);
    s.rt.advance(54 * DAY);
    expect(accounts()[0].tokenStatus.kind).toBe('expires_soon');
    expect(s.rt.mail).toHaveLength(1);
    expect(s.rt.mail[0]).toMatchObject({ to: [OWNER], subject: expect.stringMatching(/reconnect @harbor.bakery/) });
    s.rt.advance(3 * DAY);
    expect(s.rt.mail).toHaveLength(1);
    s.rt.advance(5 * DAY);
    // Reports go out on the Page token, which does not expire; only hashtags and competitors need the person.
    expect(accounts()[0].tokenStatus).toEqual({ kind: 'expires_soon', text: 'reports keep running; hashtags and competitors need a reconnect' });
    const status = s.rt.call('getSidebarState').configurations[0];
    expect(status.lastRun?.status).toMatch(/ok|partial/);
    expect(status.lastError).toBeUndefined();
  });

  it('explains that no Page links an Instagram account', async () => {
    s = await stack({ scenario: scenario((sc) => { sc.accounts[1].facebook!.pages.forEach((p) => { p.linked = false; }); }) });
    const result = await s.connect('facebook');
    expect(result.page).toMatch(/None of the Facebook Pages you allowed is linked/);
    expect(accounts()).toEqual([]);
  });
});

describe('several people and accounts', () => {
  it('keeps each person\'s accounts and tokens to themselves', async () => {
    s = await stack();
    await s.connect('instagram');
    await s.connect('facebook', { user: EDITOR });
    expect(accounts(OWNER).map((a) => a.username)).toEqual(['sunny.creates']);
    expect(accounts(EDITOR).map((a) => a.username)).toEqual(['harbor.bakery']);
    expect(tokenOf(s, BAKERY)).toBeNull();
  });

  it('connects a second account of the same person', async () => {
    s = await stack();
    await s.connect('instagram');
    s.rt.advance(60_000);
    await s.connect('facebook');
    expect(accounts().map((a) => [a.username, a.flow])).toEqual([['sunny.creates', 'instagram'], ['harbor.bakery', 'facebook']]);
  });

  it('disconnect removes the tokens and the schedules, keeps the tabs, and removes the trigger', async () => {
    s = await stack();
    await s.connect('instagram');
    saveDaily(CREATOR);
    expect(s.rt.triggers.all().length).toBe(1);
    s.rt.call('runConfigurationNow', [s.rt.call('getSidebarState').configurations[0].id]);
    const { message } = s.rt.call('disconnectAccount', [CREATOR]);
    expect(message).toMatch(/Disconnected @sunny.creates.*no longer runs on a schedule.*tabs and rows stay/);
    expect(tokenOf(s, CREATOR)).toBeNull();
    expect(accounts()).toEqual([]);
    expect(s.rt.call('getSidebarState').configurations[0].schedule).toEqual({ kind: 'off' });
    expect(s.rt.triggers.all().length).toBe(0);
    expect(s.rt.workbook.values(`user_information ${CREATOR}`)).toHaveLength(2);
  });
});

describe('setup and secrecy', () => {
  it('names the missing Script Properties instead of offering a sign-in', async () => {
    s = await stack();
    s.rt.properties.script.delete('SHEETGRAM_INSTAGRAM_CLIENT_SECRET');
    s.rt.properties.script.delete('SHEETGRAM_FACEBOOK_CLIENT_ID');
    expect(() => s.rt.call('getConnectUrl', ['instagram', []])).toThrow(/\[sheetgram:setup_missing\].*SHEETGRAM_INSTAGRAM_CLIENT_SECRET/);
    expect(s.rt.call('getSidebarState').setupProblem).toMatch(/SHEETGRAM_INSTAGRAM_CLIENT_ID/);
  });

  it('never shows a token or secret in logs, mail, cells, document or script properties, or the sidebar', async () => {
    s = await stack();
    await s.connect('instagram');
    await s.connect('facebook');
    saveDaily(CREATOR);
    saveDaily(BAKERY);
    for (const c of s.rt.call('getSidebarState').configurations) s.rt.call('runConfigurationNow', [c.id]);
    await s.control('revoke', { igUserId: CREATOR });
    s.rt.advance(2 * DAY);
    const secrets = secretsOf(s);
    expect(secrets.length).toBeGreaterThanOrEqual(4);
    const sidebar = s.rt.call('getSidebarState');
    const seen = visibleText(s, [sidebar]);
    for (const secret of secrets) expect(seen).not.toContain(secret);
    expect(sidebar.accounts.find((a: { id: string }) => a.id === CREATOR).tokenStatus.kind).toBe('reconnect');
  });
});
