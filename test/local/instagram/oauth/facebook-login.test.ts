// Facebook Login end to end: the dialog, the code exchange's errors, fb_exchange_token, Page tokens.
import { describe, expect, it } from 'vitest';
import { authorizeQuery, BUSINESS, FB_APP, FB_USER, facebookCode, facebookShortToken, get, graphError, HOUR, LINKED_PAGE, makeSimulator, post, REDIRECT } from '../platform/support';

const codeQuery = (code: string, extra: Record<string, string> = {}) =>
  new URLSearchParams({ client_id: FB_APP.clientId, redirect_uri: REDIRECT, client_secret: FB_APP.clientSecret, code, ...extra }).toString();

describe('Facebook Login dialog', () => {
  it('lists the scenario Facebook users with their Pages and posts to itself', () => {
    const r = get(makeSimulator(), `/www.facebook.com/v27.0/dialog/oauth?${authorizeQuery(FB_APP)}`);
    expect(r.status).toBe(200);
    expect(r.body).toContain('Sam Shop');
    expect(r.body).toContain('Pages: Corner Shop, Side');
    expect(r.body).toContain('action="/www.facebook.com/v27.0/dialog/oauth"');
  });

  it('Allow redirects with code, state and #_=_; Cancel with access_denied', () => {
    const sim = makeSimulator();
    const form = Object.fromEntries(new URLSearchParams(authorizeQuery(FB_APP)));
    const allow = post(sim, '/www.facebook.com/v27.0/dialog/oauth', { ...form, account: FB_USER, decision: 'allow' });
    expect(allow.headers.location).toMatch(/\?code=AQ[A-Za-z0-9]+&state=st-42#_=_$/);
    const deny = post(sim, '/www.facebook.com/v27.0/dialog/oauth', { ...form, account: FB_USER, decision: 'deny' });
    expect(deny.headers.location).toBe(`${REDIRECT}?error=access_denied&error_code=200&error_description=Permissions+error&error_reason=user_denied&state=st-42#_=_`);
  });

  it('shows Facebook error pages for a forged app id, an unlisted redirect URI and a retired version', () => {
    const sim = makeSimulator();
    expect(get(sim, `/www.facebook.com/v19.0/dialog/oauth?${authorizeQuery(FB_APP)}`).body).toContain('(#2635)');
    expect(get(sim, `/www.facebook.com/v27.0/dialog/oauth?${authorizeQuery(FB_APP, { client_id: '1' })}`).body).toContain('Invalid App ID');
    const blocked = get(sim, `/www.facebook.com/v27.0/dialog/oauth?${authorizeQuery(FB_APP, { redirect_uri: 'https://evil.example/cb' })}`);
    expect(blocked.status).toBe(400);
    expect(blocked.body).toContain('URL Blocked');
  });
});

describe('Facebook Login tokens', () => {
  it('exchanges a code for a short-lived EAA token (1.5 h) that works on graph.facebook.com only', () => {
    const sim = makeSimulator();
    const r = get(sim, `/graph.facebook.com/v27.0/oauth/access_token?${codeQuery(facebookCode(sim))}`);
    expect(r.json).toMatchObject({ token_type: 'bearer', expires_in: 5400 });
    expect(r.json.access_token).toMatch(/^EAAB/);
    expect(get(sim, `/graph.facebook.com/v27.0/me?access_token=${r.json.access_token}`).json).toEqual({ id: FB_USER, name: 'Sam Shop' });
    const wrongHost = get(sim, `/graph.instagram.com/v27.0/me?access_token=${r.json.access_token}`);
    expect(graphError(wrongHost)).toMatchObject({ code: 190, message: 'Invalid OAuth access token - Cannot parse access token' });
  });

  it('answers used, expired, malformed and mismatched codes with Meta’s subcodes', () => {
    const sim = makeSimulator();
    const code = facebookCode(sim);
    expect(graphError(get(sim, `/graph.facebook.com/v27.0/oauth/access_token?${codeQuery(code, { redirect_uri: `${REDIRECT}x` })}`))).toMatchObject({ code: 100, error_subcode: 36008 });
    expect(get(sim, `/graph.facebook.com/v27.0/oauth/access_token?${codeQuery(code)}`).status).toBe(200);
    expect(graphError(get(sim, `/graph.facebook.com/v27.0/oauth/access_token?${codeQuery(code)}`))).toMatchObject({ code: 100, error_subcode: 36009 });
    const late = facebookCode(sim);
    sim.control.advanceClock(HOUR);
    expect(graphError(get(sim, `/graph.facebook.com/v27.0/oauth/access_token?${codeQuery(late)}`))).toMatchObject({ code: 100, error_subcode: 36007 });
    expect(graphError(get(sim, `/graph.facebook.com/v27.0/oauth/access_token?${codeQuery('garbage')}`))).toMatchObject({ code: 100, message: 'Invalid verification code format.' });
    expect(graphError(get(sim, `/graph.facebook.com/v27.0/oauth/access_token?${codeQuery(facebookCode(sim), { client_secret: 'x' })}`))).toMatchObject({ code: 1, message: 'Error validating client secret.' });
    expect(graphError(get(sim, `/graph.facebook.com/v27.0/oauth/access_token?${codeQuery('c', { client_id: '9' })}`))).toMatchObject({ code: 101 });
  });

  it('fb_exchange_token gives a 60-day token; an expired short-lived token cannot be exchanged', () => {
    const sim = makeSimulator();
    const short = facebookShortToken(sim);
    const q = (t: string) => new URLSearchParams({ grant_type: 'fb_exchange_token', client_id: FB_APP.clientId, client_secret: FB_APP.clientSecret, fb_exchange_token: t });
    const long = get(sim, `/graph.facebook.com/v27.0/oauth/access_token?${q(short)}`);
    expect(long.json).toMatchObject({ token_type: 'bearer', expires_in: 5183944 });
    const later = facebookShortToken(sim);
    sim.control.advanceClock(5400_000);
    expect(graphError(get(sim, `/graph.facebook.com/v27.0/oauth/access_token?${q(later)}`))).toMatchObject({ code: 190, error_subcode: 463 });
    expect(get(sim, `/graph.facebook.com/v27.0/me?access_token=${long.json.access_token}`).status).toBe(200);
    sim.control.advanceClock(60 * 24 * HOUR);
    expect(graphError(get(sim, `/graph.facebook.com/v27.0/me?access_token=${long.json.access_token}`))).toMatchObject({ code: 190, error_subcode: 463 });
  });

  it('Page tokens from /me/accounts never expire and resolve to the Page and its linked IG account', () => {
    const sim = makeSimulator();
    const user = facebookShortToken(sim);
    const pages = get(sim, `/graph.facebook.com/v27.0/me/accounts?access_token=${user}`).json.data;
    const page = pages.find((p: { id: string }) => p.id === LINKED_PAGE);
    expect(page.access_token).toMatch(/^EAAB/);
    expect(get(sim, `/graph.facebook.com/v27.0/me/accounts?access_token=${user}`).json.data[0].access_token).toBe(pages[0].access_token);
    sim.control.advanceClock(400 * 24 * HOUR);
    expect(get(sim, `/graph.facebook.com/v27.0/me?access_token=${page.access_token}`).json).toEqual({ id: LINKED_PAGE });
    expect(sim.control.log().at(-1)).toMatchObject({ account: BUSINESS, flow: 'facebook' });
  });
});
