import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { setupOAuth } from './fakes';

const tokenReply = (body: object, status = 200) => () => ({ status, body: JSON.stringify(body) });

describe('OAuth2.createService: authorization URL and redirect URI', () => {
  it('builds the URL with a state token carrying the callback, the service name and extra arguments', () => {
    const { instagram, tokens } = setupOAuth(tokenReply({}));
    const url = new URL(
      instagram()
        .setScope(['instagram_business_basic', 'instagram_business_manage_insights'], ',')
        .setParam('enable_fb_login', '0')
        .getAuthorizationUrl({ account: 'acct-1' }),
    );
    expect(`${url.origin}${url.pathname}`).toBe('https://api.instagram.com/oauth/authorize');
    expect([...url.searchParams.keys()]).toEqual(['client_id', 'response_type', 'redirect_uri', 'state', 'scope', 'enable_fb_login']);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'app-id',
      response_type: 'code',
      redirect_uri: 'https://script.google.com/macros/d/SCRIPT-ID-123/usercallback',
      state: 'STATE1',
      scope: 'instagram_business_basic,instagram_business_manage_insights',
      enable_fb_login: '0',
    });
    expect(tokens[0]).toEqual({ method: 'authCallback', args: { serviceName: 'instagram', account: 'acct-1' }, timeout: 3600 });
  });

  it('reports the redirect URI, an override, and refuses to build a URL without a client id', ({ expect }) => {
    const { OAuth2, instagram } = setupOAuth(tokenReply({}));
    expect(OAuth2.getRedirectUri()).toBe('https://script.google.com/macros/d/SCRIPT-ID-123/usercallback');
    expect(OAuth2.getRedirectUri('other')).toBe('https://script.google.com/macros/d/other/usercallback');
    expect(instagram().setRedirectUri('https://example.com/cb').getRedirectUri()).toBe('https://example.com/cb');
    expect(() => OAuth2.createService('x').setCallbackFunction('cb').setAuthorizationBaseUrl('https://a/').getAuthorizationUrl()).toThrow('Client ID is required.');
    expect(OAuth2.TOKEN_FORMAT).toEqual({ JSON: 'application/json', FORM_URL_ENCODED: 'application/x-www-form-urlencoded' });
  });
});

describe('handleCallback', () => {
  it('posts the documented form fields through UrlFetchApp and saves the token with expiresAt, as version 43 does', () => {
    const { instagram, requests, properties, platform } = setupOAuth(tokenReply({ access_token: 'IGAA-short', user_id: 17841, expires_in: 3600 }));
    const service = instagram();
    expect(service.handleCallback({ parameter: { code: 'CODE', state: 'STATE1', serviceName: 'instagram' } })).toBe(true);
    expect(requests[0].method).toBe('POST');
    expect(requests[0].url).toBe('https://api.instagram.com/oauth/access_token');
    expect(requests[0].headers).toMatchObject({ Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(Object.fromEntries(new URLSearchParams(requests[0].body))).toEqual({
      code: 'CODE',
      client_id: 'app-id',
      client_secret: 'app-secret',
      redirect_uri: 'https://script.google.com/macros/d/SCRIPT-ID-123/usercallback',
      grant_type: 'authorization_code',
    });
    const stored = JSON.parse(properties.data.get('oauth2.instagram')!);
    // Seconds since the epoch, stamped when the answer is parsed; granted_time is no longer written.
    expect(stored).toEqual({ access_token: 'IGAA-short', user_id: 17841, expires_in: 3600, expiresAt: Math.floor(platform.clock.now() / 1000) + 3600 });
    expect(service.getAccessToken()).toBe('IGAA-short');
  });

  it('returns false on access_denied and throws on other errors', () => {
    const { instagram, requests } = setupOAuth(tokenReply({}));
    expect(instagram().handleCallback({ parameter: { error: 'access_denied' } })).toBe(false);
    expect(() => instagram().handleCallback({ parameter: { error: 'server_error' } })).toThrow('Error authorizing token: server_error');
    expect(requests).toHaveLength(0);
  });

  it('throws "Error retrieving token" for an error answer, with the error fields or the status', () => {
    const meta = setupOAuth(tokenReply({ error_type: 'OAuthException', code: 400, error_message: 'Invalid code' }, 400));
    expect(() => meta.instagram().handleCallback({ parameter: { code: 'bad' } })).toThrow(
      'Error retrieving token: 400: {"error_type":"OAuthException","code":400,"error_message":"Invalid code"}',
    );
    const standard = setupOAuth(tokenReply({ error: 'invalid_grant', error_description: 'Code expired' }, 200));
    expect(() => standard.instagram().handleCallback({ parameter: { code: 'old' } })).toThrow('Error retrieving token: invalid_grant, Code expired');
    const html = setupOAuth(() => ({ status: 502, body: '<html>Bad gateway</html>' }));
    expect(() => html.instagram().handleCallback({ parameter: { code: 'x' } })).toThrow(/^Token response not valid JSON: SyntaxError/);
    expect(standard.properties.data.size).toBe(0);
  });

  it('stores the wrapped Instagram shape as is, so getAccessToken returns undefined like the real library', () => {
    const { instagram } = setupOAuth(tokenReply({ data: [{ access_token: 'IGAA-wrapped', user_id: '1', permissions: 'instagram_business_basic' }] }));
    const service = instagram();
    expect(service.handleCallback({ parameter: { code: 'CODE' } })).toBe(true);
    expect(service.hasAccess()).toBe(true);
    expect(service.getAccessToken()).toBeUndefined();
    expect((service.getToken() as { data: unknown[] }).data).toHaveLength(1);
  });

  it('parses form-encoded token answers when asked to, splitting by hand like the library', () => {
    const { instagram, platform } = setupOAuth(() => ({ body: 'access_token=FORM&expires_in=60000&note=a+b' }));
    const service = instagram().setTokenFormat('application/x-www-form-urlencoded' as never);
    service.handleCallback({ parameter: { code: 'c' } });
    expect(service.getAccessToken()).toBe('FORM');
    // decodeURIComponent keeps '+'; the lifetime stays a string and expiresAt is a number.
    expect(service.getToken()).toEqual({ access_token: 'FORM', expires_in: '60000', note: 'a+b', expiresAt: Math.floor(platform.clock.now() / 1000) + 60000 });
  });
});

describe('expiry and refresh', () => {
  it('treats a token as expired 60 seconds early and never refreshes without a refresh_token', () => {
    const { instagram, platform, requests } = setupOAuth(tokenReply({ access_token: 'T', expires_in: 3600 }));
    const service = instagram();
    service.handleCallback({ parameter: { code: 'c' } });
    platform.clock.advance((3600 - 61) * 1000);
    expect(service.hasAccess()).toBe(true);
    platform.clock.advance(2000);
    expect(service.hasAccess()).toBe(false);
    expect(service.getLastError()).toBeUndefined();
    expect(() => service.getAccessToken()).toThrow('Access not granted or expired.');
    expect(() => service.refresh()).toThrow('Offline access is required.');
    expect(requests).toHaveLength(1);
  });

  it('never expires a token without an expiry field', () => {
    const { instagram, platform } = setupOAuth(tokenReply({ access_token: 'forever' }));
    const service = instagram();
    service.handleCallback({ parameter: { code: 'c' } });
    platform.clock.advance(400 * 24 * 3600_000);
    expect(service.getAccessToken()).toBe('forever');
  });

  it('refreshes with the refresh_token under the lock, keeping the old refresh_token', () => {
    let n = 0;
    const { instagram, platform, requests, lock } = setupOAuth(() => {
      n++;
      return { body: JSON.stringify(n === 1 ? { access_token: 'A1', refresh_token: 'R1', expires_in: 3600 } : { access_token: 'A2', expires_in: 3600 }) };
    });
    const service = instagram().setLock(lock as never).setRefreshUrl('https://api.instagram.com/oauth/refresh');
    service.handleCallback({ parameter: { code: 'c' } });
    platform.clock.advance(3600_000);
    expect(service.getAccessToken()).toBe('A2');
    expect(requests[1].url).toBe('https://api.instagram.com/oauth/refresh');
    expect(Object.fromEntries(new URLSearchParams(requests[1].body))).toEqual({ refresh_token: 'R1', client_id: 'app-id', client_secret: 'app-secret', grant_type: 'refresh_token' });
    expect(service.getToken()).toEqual({ access_token: 'A2', refresh_token: 'R1', expires_in: 3600, expiresAt: Math.floor(platform.clock.now() / 1000) + 3600 });
    expect(lock.events).toEqual(['wait 30000', 'release']);
  });

  it('reads expiresAt, and granted_time for tokens saved by older versions; a lifetime with neither never expires', () => {
    const { instagram, platform } = setupOAuth(tokenReply({}));
    const now = Math.floor(platform.clock.now() / 1000);
    const at = (token: object) => {
      const service = instagram();
      service.getStorage().setValue(null as never, { access_token: 'A', ...token });
      return service;
    };
    const stamped = at({ expiresAt: now + 120 });
    const legacy = at({ expires_in: 120, granted_time: now });
    // granted_time undefined makes the old path NaN: written without the library's stamp, it lasts forever.
    const unstamped = at({ expires_in: 120 });
    expect([stamped.hasAccess(), legacy.hasAccess(), unstamped.hasAccess()]).toEqual([true, true, true]);
    platform.clock.advance(61_000);
    expect([stamped.hasAccess(), legacy.hasAccess(), unstamped.hasAccess()]).toEqual([false, false, true]);
  });

  it('refuses to refresh without the client secret (version 43), and hasAccess keeps that error without a request', () => {
    const { instagram, platform, requests } = setupOAuth(tokenReply({ access_token: 'A1', refresh_token: 'R1', expires_in: 3600 }));
    instagram().handleCallback({ parameter: { code: 'c' } });
    // The code exchange itself needs no secret since 1.43.0 (PKCE-only providers).
    const noSecret = instagram().setClientSecret('');
    expect(noSecret.handleCallback({ parameter: { code: 'c' } })).toBe(true);
    expect(() => noSecret.refresh()).toThrow('Client Secret is required.');
    platform.clock.advance(3600_000);
    expect(noSecret.hasAccess()).toBe(false);
    expect((noSecret.getLastError() as Error).message).toBe('Client Secret is required.');
    expect(requests).toHaveLength(2);
  });

  it('takes no lock when nothing can be refreshed; a direct refresh() that fails keeps the lock, as the library has no finally', () => {
    let n = 0;
    const { instagram, platform, lock } = setupOAuth(() => {
      n++;
      return n === 1 ? { body: JSON.stringify({ access_token: 'A1', expires_in: 100 }) } : { status: 400, body: JSON.stringify({ error: 'invalid_grant' }) };
    });
    const service = instagram().setLock(lock as never);
    service.handleCallback({ parameter: { code: 'c' } });
    platform.clock.advance(100_000);
    expect(service.hasAccess()).toBe(false);
    expect(lock.events).toEqual([]);
    service.getStorage().setValue(null as never, { access_token: 'A1', refresh_token: 'R1', expiresAt: 1 });
    expect(() => service.refresh()).toThrow('Error retrieving token: invalid_grant');
    expect(lock.events).toEqual(['wait 30000']);
    expect(lock.held).toBe(true);
  });

  it('keeps the refresh token\'s expiry across a refresh and stops refreshing a minute before it', () => {
    let n = 0;
    const { instagram, platform, requests } = setupOAuth(() => {
      n++;
      return { body: JSON.stringify(n === 1 ? { access_token: 'A1', refresh_token: 'R1', expires_in: 3600, refresh_token_expires_in: 7200 } : { access_token: `A${n}`, expires_in: 600 }) };
    });
    const service = instagram();
    service.handleCallback({ parameter: { code: 'c' } });
    const refreshEnds = Math.floor(platform.clock.now() / 1000) + 7200;
    expect(service.getToken()).toMatchObject({ refreshTokenExpiresAt: refreshEnds });
    platform.clock.advance(3600_000);
    expect(service.getAccessToken()).toBe('A2');
    expect(service.getToken()).toMatchObject({ refresh_token: 'R1', refreshTokenExpiresAt: refreshEnds });
    // A2 has expired; with exactly 60 s of the refresh token left the library no longer refreshes (it needs more).
    platform.clock.advance((3600 - 60) * 1000);
    expect(service.hasAccess()).toBe(false);
    expect(requests).toHaveLength(2);
  });

  it('keeps a failed refresh for getLastError and answers false', () => {
    let n = 0;
    const { instagram, platform } = setupOAuth(() => {
      n++;
      return n === 1 ? { body: JSON.stringify({ access_token: 'A1', refresh_token: 'R1', expires_in: 100 }) } : { status: 400, body: JSON.stringify({ error: 'invalid_grant' }) };
    });
    const service = instagram();
    service.handleCallback({ parameter: { code: 'c' } });
    platform.clock.advance(100_000);
    expect(service.hasAccess()).toBe(false);
    expect((service.getLastError() as Error).message).toBe('Error retrieving token: invalid_grant');
  });

  it('exchanges client credentials with Basic auth and the token headers and method', () => {
    const { OAuth2, requests, properties } = setupOAuth(tokenReply({ access_token: 'CC', expires_in: 3600 }));
    const service = OAuth2.createService('app')
      .setTokenUrl('https://example.com/token')
      .setClientId('id')
      .setClientSecret('secret')
      .setGrantType('client_credentials')
      .setTokenHeaders({ 'X-Extra': '1' })
      .setTokenMethod('put')
      .setPropertyStore(properties as never);
    expect(service.getAccessToken()).toBe('CC');
    expect(requests[0].method).toBe('PUT');
    // The library adds a lower-case header and sends neither client_id nor client_secret in the body.
    expect(requests[0].headers).toMatchObject({ authorization: `Basic ${Buffer.from('id:secret').toString('base64')}`, 'X-Extra': '1' });
    expect(Object.fromEntries(new URLSearchParams(requests[0].body))).toEqual({ grant_type: 'client_credentials' });
  });

  it('lets a payload handler change the token request body', () => {
    const { instagram, requests } = setupOAuth(tokenReply({ access_token: 'T' }));
    instagram()
      .setTokenPayloadHandler((p) => ({ ...p, extra: 'yes' }))
      .handleCallback({ parameter: { code: 'c' } });
    expect(new URLSearchParams(requests[0].body).get('extra')).toBe('yes');
  });
});

describe('PKCE and id tokens', () => {
  it('sends an S256 challenge and returns the verifier through the state token to the code exchange', () => {
    const { instagram, tokens, requests } = setupOAuth(tokenReply({ access_token: 'T' }));
    const verifier = 'v'.repeat(50);
    const url = new URL(instagram().setCodeVerififer(verifier).getAuthorizationUrl());
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toBe(createHash('sha256').update(verifier).digest('base64url'));
    expect(tokens[0].args.codeVerifier_).toBe(verifier);
    instagram().handleCallback({ parameter: { code: 'c', codeVerifier_: verifier } });
    expect(new URLSearchParams(requests[0].body).get('code_verifier')).toBe(verifier);
  });

  it('treats an id_token past its exp as expired and returns the id token while valid', () => {
    const { instagram, platform } = setupOAuth(() => ({}));
    const now = Math.floor(platform.clock.now() / 1000);
    const jwt = ['e30', Buffer.from(JSON.stringify({ exp: now + 600 })).toString('base64url'), 'sig'].join('.');
    const service = instagram();
    service.getStorage().setValue(null as never, { access_token: 'A', id_token: jwt });
    expect(service.getIdToken()).toBe(jwt);
    platform.clock.advance(541_000);
    expect(service.hasAccess()).toBe(false);
  });
});

describe('storage', () => {
  it('uses the documented keys, reset removes everything under the prefix only', () => {
    const { instagram, properties, OAuth2 } = setupOAuth(tokenReply({ access_token: 'T' }));
    const service = instagram();
    service.handleCallback({ parameter: { code: 'c' } });
    service.getStorage().setValue('account', { id: 1 });
    properties.setProperty('oauth2.instagram2', '{"access_token":"other"}');
    properties.setProperty('unrelated', 'x');
    expect(properties.getKeys().sort()).toEqual(['oauth2.instagram', 'oauth2.instagram.account', 'oauth2.instagram2', 'unrelated']);
    expect(service.getStorage().getValue('account')).toEqual({ id: 1 });
    expect(OAuth2.getServiceNames(properties as never).sort()).toEqual(['instagram', 'instagram2']);
    service.getStorage().removeValue('account');
    expect(properties.data.has('oauth2.instagram.account')).toBe(false);
    service.reset();
    expect(properties.getKeys().sort()).toEqual(['oauth2.instagram2', 'unrelated']);
    expect(service.getToken()).toBeNull();
    expect(service.hasAccess()).toBe(false);
  });

  it('caches reads for 6 hours and caches a miss as the JSON string "__NULL__" (the documented pitfall)', () => {
    const { instagram, properties, cache, platform } = setupOAuth(tokenReply({}));
    const first = instagram().setCache(cache as never);
    expect(first.getToken()).toBeNull();
    // JSON.stringify('__NULL__'): the quotes are part of the cached value, under the token's own key.
    expect(cache.data.get('oauth2.instagram')).toMatchObject({ value: '"__NULL__"', ttl: 21600 });
    expect([...cache.data.keys()]).toEqual(['oauth2.instagram']);
    // Written outside the library: a new execution's service still sees the cached miss.
    properties.setProperty('oauth2.instagram', JSON.stringify({ access_token: 'outside' }));
    const reads = properties.reads;
    const second = instagram().setCache(cache as never);
    expect(second.getToken()).toBeNull();
    expect(second.hasAccess()).toBe(false);
    expect(properties.reads).toBe(reads);
    platform.clock.advance(21_600_000);
    const third = instagram().setCache(cache as never);
    expect(third.getAccessToken()).toBe('outside');
  });

  it('keeps values in memory per service object; getToken(true) skips the memory', () => {
    const { instagram, properties } = setupOAuth(tokenReply({}));
    const service = instagram();
    service.getStorage().setValue(null as never, { access_token: 'one' });
    properties.setProperty('oauth2.instagram', JSON.stringify({ access_token: 'two' }));
    expect((service.getToken() as { access_token: string }).access_token).toBe('one');
    expect((service.getToken(true) as { access_token: string }).access_token).toBe('two');
    // Memory holds the parsed object itself: what a caller changes, later reads see.
    expect(service.getToken()).toBe(service.getToken());
  });

  it('works without a property store, on the cache and memory alone', () => {
    const { OAuth2, cache } = setupOAuth(tokenReply({}));
    const service = OAuth2.createService('cached').setCache(cache as never);
    service.getStorage().setValue('k', { v: 1 });
    expect(OAuth2.createService('cached').setCache(cache as never).getStorage().getValue('k')).toEqual({ v: 1 });
    service.reset();
    expect(cache.data.has('oauth2.cached.k')).toBe(false);
  });

  it('throws for members the stand-in does not implement', () => {
    const { OAuth2, instagram } = setupOAuth(tokenReply({}));
    expect(() => (OAuth2 as unknown as Record<string, unknown>).createServiceAccount).toThrow('not implemented in the local runtime: OAuth2.createServiceAccount');
    expect(() => (instagram() as unknown as Record<string, unknown>).setSubject).toThrow('not implemented in the local runtime: OAuth2Service.setSubject');
  });
});
