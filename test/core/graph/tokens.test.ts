import { describe, expect, it } from 'vitest';
import { META_HOSTS } from '../../../src/core/config/platform';
import {
  exchangeFacebookCode, exchangeFacebookLongLived, exchangeInstagramCode, exchangeInstagramLongLived,
  fetchFacebookPages, fetchInstagramProfile, refreshInstagramToken,
} from '../../../src/core/graph/tokens';
import type { GraphApiError } from '../../../src/core/graph/errors';
import { json, ScriptedTransport, type Scripted } from './scripted-transport';

const SECRET = 'appSecretValue12345';
const code = { clientId: '990602627938098', clientSecret: SECRET, redirectUri: 'https://script.google.com/cb', code: 'AQBxCODEVALUE#_' };

function deps(script: Scripted[]) {
  const transport = new ScriptedTransport(script);
  return { transport, deps: { transport, hosts: META_HOSTS } };
}

function caught(fn: () => unknown): GraphApiError {
  try {
    fn();
  } catch (e) {
    return e as GraphApiError;
  }
  throw new Error('expected a throw');
}

describe('Instagram Login code exchange', () => {
  it('accepts the documented wrapped shape and posts the form to api.instagram.com without the #_', () => {
    const { deps: d, transport } = deps([json({ data: [{ access_token: 'IGAAshort1', user_id: '17841405793187218', permissions: 'instagram_business_basic,instagram_business_manage_insights' }] })]);
    expect(exchangeInstagramCode(d, code)).toEqual({ accessToken: 'IGAAshort1', userId: '17841405793187218', permissions: ['instagram_business_basic', 'instagram_business_manage_insights'] });
    expect(transport.requests[0]).toMatchObject({ method: 'POST', url: 'https://api.instagram.com/oauth/access_token' });
    expect(transport.requests[0].body).toMatchObject({ grant_type: 'authorization_code', code: 'AQBxCODEVALUE', client_secret: SECRET });
  });

  it('accepts the flat shape with a 17-digit user_id as a JSON number, kept exactly', () => {
    const raw = '{"access_token":"IGAAshort2","user_id":17841405793187218,"permissions":["instagram_business_basic"]}';
    const { deps: d } = deps([{ status: 200, headers: {}, body: raw }]);
    const grant = exchangeInstagramCode(d, code);
    expect(grant.userId).toBe('17841405793187218');
    expect(grant.permissions).toEqual(['instagram_business_basic']);
  });

  it('throws a plain auth error for the OAuth error shape, without the secret or the code', () => {
    const { deps: d } = deps([json({ error_type: 'OAuthException', code: 400, error_message: 'Matching code was not found or was already used' }, 400)]);
    const error = caught(() => exchangeInstagramCode(d, code));
    expect(error).toMatchObject({ name: 'GraphApiError', kind: 'auth' });
    expect(JSON.stringify([error.message, error.request, error.userMessage])).not.toMatch(/appSecretValue12345|AQBxCODEVALUE/);
  });
});

describe('long-lived tokens', () => {
  it('exchanges and refreshes on graph.instagram.com', () => {
    const answer = json({ access_token: 'IGAAlong', token_type: 'bearer', expires_in: 5183944 });
    const { deps: d, transport } = deps([answer, answer]);
    expect(exchangeInstagramLongLived(d, { clientSecret: SECRET, shortLivedToken: 'IGAAshort1xx' })).toEqual({ accessToken: 'IGAAlong', tokenType: 'bearer', expiresIn: 5183944 });
    expect(refreshInstagramToken(d, { longLivedToken: 'IGAAlongxxxx' }).expiresIn).toBe(5183944);
    expect(transport.urls[0]).toBe(`https://graph.instagram.com/access_token?grant_type=ig_exchange_token&client_secret=${SECRET}&access_token=IGAAshort1xx`);
    expect(transport.urls[1]).toBe('https://graph.instagram.com/refresh_access_token?grant_type=ig_refresh_token&access_token=IGAAlongxxxx');
  });

  it('exchanges a Facebook code and a short-lived Facebook token', () => {
    const { deps: d, transport } = deps([json({ access_token: 'EAAuser', token_type: 'bearer', expires_in: 5183976 }), json({ access_token: 'EAAlong', token_type: 'bearer' })]);
    expect(exchangeFacebookCode(d, code).accessToken).toBe('EAAuser');
    expect(exchangeFacebookLongLived(d, { clientId: '1', clientSecret: SECRET, shortLivedToken: 'EAAuser' })).toEqual({ accessToken: 'EAAlong', tokenType: 'bearer', expiresIn: undefined });
    expect(transport.urls[0]).toMatch(/^https:\/\/graph\.facebook\.com\/v27\.0\/oauth\/access_token\?client_id=/);
    expect(transport.urls[1]).toContain('grant_type=fb_exchange_token');
  });

  it('redacts the token in a refresh failure', () => {
    const { deps: d } = deps([json({ error: { code: 190, message: 'Error validating access token IGAAlongxxxx', type: 'OAuthException' } }, 400)]);
    const error = caught(() => refreshInstagramToken(d, { longLivedToken: 'IGAAlongxxxx' }));
    expect(error.kind).toBe('auth');
    expect(JSON.stringify([error.message, error.request])).not.toContain('IGAAlongxxxx');
  });
});

describe('/me lookups', () => {
  it('reads the Instagram profile flat or wrapped', () => {
    const { deps: d } = deps([
      { status: 200, headers: {}, body: '{"user_id":17841405793187218,"username":"shop","id":"9","account_type":"Business"}' },
      json({ data: [{ user_id: '17841405793187219', username: 'shop2' }] }),
    ]);
    expect(fetchInstagramProfile(d, 'IGAAtoken123')).toEqual({ userId: '17841405793187218', id: '9', username: 'shop', name: undefined, accountType: 'Business' });
    expect(fetchInstagramProfile(d, 'IGAAtoken123').userId).toBe('17841405793187219');
  });

  it('lists Facebook Pages with a linked Instagram account, across pages of /me/accounts', () => {
    const { deps: d, transport } = deps([
      json({ data: [{ id: '134895793791914', name: 'My Page', access_token: 'EAApage', instagram_business_account: { id: '17841405822304914' } }, { id: '2', name: 'No IG' }],
        paging: { cursors: { after: 'x' }, next: 'https://graph.facebook.com/v27.0/me/accounts?after=x&access_token=EAAuser' } }),
      { status: 200, headers: {}, body: '{"data":[{"id":"3","name":"Third","instagram_business_account":{"id":17841405822304915}}],"paging":{"cursors":{}}}' },
    ]);
    expect(fetchFacebookPages(d, 'EAAuser1234')).toEqual([
      { pageId: '134895793791914', pageName: 'My Page', instagramAccountId: '17841405822304914', pageToken: 'EAApage' },
      { pageId: '3', pageName: 'Third', instagramAccountId: '17841405822304915', pageToken: undefined },
    ]);
    expect(transport.urls[1]).toBe('https://graph.facebook.com/v27.0/me/accounts?after=x&access_token=EAAuser1234');
  });
});
