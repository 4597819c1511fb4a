// Instagram Login end to end: consent page, Allow/Cancel, the code exchange and its error shape.
import { describe, expect, it } from 'vitest';
import { authorizeQuery, BUSINESS, CREATOR, get, HOUR, IG_APP, instagramCode, makeSimulator, PERSONAL, post, REDIRECT } from '../platform/support';

const exchange = (code: string, extra: Record<string, string> = {}) => ({
  client_id: IG_APP.clientId,
  client_secret: IG_APP.clientSecret,
  grant_type: 'authorization_code',
  redirect_uri: REDIRECT,
  code,
  ...extra,
});

describe('Instagram Login consent page', () => {
  it('serves a chooser of Instagram accounts with Allow and Cancel when nobody is logged in', () => {
    const r = get(makeSimulator(), `/www.instagram.com/oauth/authorize?${authorizeQuery()}`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toContain('text/html');
    expect(r.body).toContain('@maya.makes');
    expect(r.body).toContain('@corner.shop');
    expect(r.body).toContain('value="allow"');
    expect(r.body).toContain('value="deny"');
    expect(r.body).toContain('instagram_business_manage_insights');
    expect(r.body).toContain('action="/www.instagram.com/oauth/authorize"');
  });

  it('remembers the last account through a cookie, unless force_reauth is set', () => {
    const sim = makeSimulator();
    const allow = post(sim, '/www.instagram.com/oauth/authorize', { ...Object.fromEntries(new URLSearchParams(authorizeQuery())), account: 'corner.shop', decision: 'allow' });
    const cookie = allow.headers['set-cookie'].split(';')[0];
    const again = get(sim, `/www.instagram.com/oauth/authorize?${authorizeQuery()}`, { cookie });
    expect(again.body).toContain('Continue as <strong>@corner.shop</strong>');
    expect(again.body).not.toContain('@maya.makes');
    const forced = get(sim, `/www.instagram.com/oauth/authorize?${authorizeQuery(IG_APP, { force_reauth: 'true' })}`, { cookie });
    expect(forced.body).toContain('@maya.makes');
    expect(forced.body).toContain('name="force_reauth" value="true"');
  });

  it('Allow redirects to redirect_uri with the code, the state and the trailing #_', () => {
    const r = post(makeSimulator(), '/www.instagram.com/oauth/authorize', { ...Object.fromEntries(new URLSearchParams(authorizeQuery())), account: CREATOR, decision: 'allow' });
    expect(r.status).toBe(302);
    expect(r.headers.location).toMatch(/^https:\/\/script\.google\.com\/macros\/d\/ABC\/usercallback\?code=AQ[A-Za-z0-9]+&state=st-42#_$/);
  });

  it('Cancel redirects with access_denied / user_denied and echoes the state', () => {
    const r = post(makeSimulator(), '/www.instagram.com/oauth/authorize', { ...Object.fromEntries(new URLSearchParams(authorizeQuery())), account: CREATOR, decision: 'deny' });
    expect(r.status).toBe(302);
    expect(r.headers.location).toBe(`${REDIRECT}?error=access_denied&error_reason=user_denied&error_description=The+user+denied+your+request&state=st-42#_`);
  });

  it('shows an error page (never a redirect) for a forged client_id, a wrong redirect_uri or an unknown scope', () => {
    const sim = makeSimulator();
    const forged = get(sim, `/www.instagram.com/oauth/authorize?${authorizeQuery(IG_APP, { client_id: '111' })}`);
    expect(forged.status).toBe(400);
    expect(forged.headers.location).toBeUndefined();
    expect(forged.body).toContain('Invalid platform app');
    const wrongUri = get(sim, `/www.instagram.com/oauth/authorize?${authorizeQuery(IG_APP, { redirect_uri: `${REDIRECT}/` })}`);
    expect(wrongUri.status).toBe(400);
    expect(wrongUri.body).toContain('Invalid redirect_uri');
    const oldScope = get(sim, `/www.instagram.com/oauth/authorize?${authorizeQuery(IG_APP, { scope: 'business_basic' })}`);
    expect(oldScope.body).toContain('Invalid Scopes: business_basic');
  });

  it('refuses a personal account on the consent page, without a code', () => {
    const r = post(makeSimulator(), '/www.instagram.com/oauth/authorize', { ...Object.fromEntries(new URLSearchParams(authorizeQuery())), account: PERSONAL, decision: 'allow' });
    expect(r.status).toBe(200);
    expect(r.headers.location).toBeUndefined();
    expect(r.body).toContain('only Instagram professional accounts');
  });

  it('grants only what the scenario says the person approves', () => {
    const sim = makeSimulator({
      accounts: [{ igUserId: BUSINESS, username: 'corner.shop', type: 'business', loginFlows: ['instagram'], grantedScopes: ['instagram_business_basic'] }],
    });
    const code = instagramCode(sim, BUSINESS);
    const r = post(sim, '/api.instagram.com/oauth/access_token', exchange(code));
    expect(r.json.data[0].permissions).toBe('instagram_business_basic');
  });
});

describe('Instagram Login code exchange', () => {
  it('answers the documented wrapped shape with a short-lived IGAA token', () => {
    const sim = makeSimulator();
    const r = post(sim, '/api.instagram.com/oauth/access_token', exchange(instagramCode(sim)));
    expect(r.status).toBe(200);
    expect(r.json.data).toHaveLength(1);
    expect(r.json.data[0]).toMatchObject({ user_id: CREATOR, permissions: 'instagram_business_basic,instagram_business_manage_insights' });
    expect(r.json.data[0].access_token).toMatch(/^IGAA[A-Za-z0-9]{100,}$/);
  });

  it('answers the flat shape when the scenario says so, with user_id as a bare JSON number', () => {
    const sim = makeSimulator({ platform: { tokenResponseShape: 'flat' } });
    const r = post(sim, '/api.instagram.com/oauth/access_token', exchange(instagramCode(sim)));
    expect(r.body).toContain(`"user_id":${CREATOR}`);
    expect(r.json.access_token).toMatch(/^IGAA/);
    expect(r.json.data).toBeUndefined();
  });

  it('accepts a code once only', () => {
    const sim = makeSimulator();
    const code = instagramCode(sim);
    expect(post(sim, '/api.instagram.com/oauth/access_token', exchange(code)).status).toBe(200);
    const reused = post(sim, '/api.instagram.com/oauth/access_token', exchange(code));
    expect(reused.status).toBe(400);
    expect(reused.json).toEqual({ error_type: 'OAuthException', code: 400, error_message: 'Matching code was not found or was already used' });
  });

  it('expires a code after one hour of virtual time', () => {
    const sim = makeSimulator();
    const code = instagramCode(sim);
    sim.control.advanceClock(HOUR);
    const r = post(sim, '/api.instagram.com/oauth/access_token', exchange(code));
    expect(r.json.error_message).toBe('Matching code was not found or was already used');
  });

  it('does not accept the code with the #_ left on it', () => {
    const sim = makeSimulator();
    const r = post(sim, '/api.instagram.com/oauth/access_token', exchange(`${instagramCode(sim)}#_`));
    expect(r.json.error_message).toBe('Matching code was not found or was already used');
  });

  it('rejects a redirect_uri that differs from the authorize step, a wrong secret and a forged client_id', () => {
    const sim = makeSimulator();
    const code = instagramCode(sim);
    expect(post(sim, '/api.instagram.com/oauth/access_token', exchange(code, { redirect_uri: `${REDIRECT}?x=1` })).json.error_message).toMatch(/redirect_uri is identical/);
    expect(post(sim, '/api.instagram.com/oauth/access_token', exchange(code, { client_secret: 'nope' })).json.error_message).toBe('Error validating client secret.');
    expect(post(sim, '/api.instagram.com/oauth/access_token', exchange(code, { client_id: '42' })).json.error_message).toBe('Invalid platform app');
    // None of the failures used the code up.
    expect(post(sim, '/api.instagram.com/oauth/access_token', exchange(code)).status).toBe(200);
  });
});
