// Instagram Login token lifetimes and rules on the virtual clock: exchange, refresh, 190 subcodes.
import { describe, expect, it } from 'vitest';
import { pacificTime } from '../../../../local/instagram/tokens/check';
import { CREATOR, DAY, get, graphError, HOUR, IG_APP, instagramLongToken, instagramShortToken, makeSimulator, START } from '../platform/support';

const refresh = (t: string) => `/graph.instagram.com/refresh_access_token?grant_type=ig_refresh_token&access_token=${t}`;
const exchange = (t: string, secret = IG_APP.clientSecret) => `/graph.instagram.com/access_token?grant_type=ig_exchange_token&client_secret=${secret}&access_token=${t}`;

describe('Instagram Login tokens', () => {
  it('a short-lived token works for an hour and then fails with 190/463 and Meta’s wording', () => {
    const sim = makeSimulator();
    const token = instagramShortToken(sim);
    sim.control.advanceClock(HOUR - 1);
    expect(get(sim, `/graph.instagram.com/v27.0/me?access_token=${token}`).json.user_id).toBe(CREATOR);
    sim.control.advanceClock(1);
    const r = get(sim, `/graph.instagram.com/v27.0/me?access_token=${token}`);
    expect(r.status).toBe(400);
    expect(graphError(r)).toMatchObject({ code: 190, error_subcode: 463, type: 'OAuthException' });
    expect(graphError(r).message).toBe(`Error validating access token: Session has expired on ${pacificTime(START + HOUR)}. The current time is ${pacificTime(START + HOUR)}.`);
    expect(pacificTime(Date.parse('2026-12-01T18:00:00Z'))).toBe('Tuesday, 01-Dec-26 10:00:00 PST');
  });

  it('ig_exchange_token turns a valid short-lived token into a 60-day one; needs the app secret', () => {
    const sim = makeSimulator();
    const short = instagramShortToken(sim);
    expect(graphError(get(sim, exchange(short, 'wrong')))).toMatchObject({ code: 1, message: 'Error validating client secret.' });
    const long = get(sim, exchange(short));
    expect(long.json).toMatchObject({ token_type: 'bearer', expires_in: 5183944 });
    expect(long.json.access_token).toMatch(/^IGAA/);
    expect(graphError(get(sim, exchange(long.json.access_token)))).toMatchObject({ code: 100 });
    const late = instagramShortToken(sim);
    sim.control.advanceClock(HOUR);
    expect(graphError(get(sim, exchange(late)))).toMatchObject({ code: 190, error_subcode: 463 });
  });

  it('refresh needs a long-lived token at least 24 hours old and not expired; the new one lasts 60 days', () => {
    const sim = makeSimulator();
    const long = instagramLongToken(sim);
    expect(graphError(get(sim, refresh(instagramShortToken(sim))))).toMatchObject({ code: 100, message: '(#100) Only a long-lived access token can be refreshed' });
    sim.control.advanceClock(DAY - 1);
    expect(graphError(get(sim, refresh(long)))).toMatchObject({ code: 100 });
    sim.control.advanceClock(1);
    const fresh = get(sim, refresh(long));
    expect(fresh.json).toMatchObject({ token_type: 'bearer', expires_in: 5183944, permissions: 'instagram_business_basic,instagram_business_manage_insights' });
    // 59 days after the refresh the old token has expired, the new one still works.
    sim.control.advanceClock(59 * DAY + 23 * HOUR);
    expect(graphError(get(sim, `/graph.instagram.com/me?access_token=${long}`))).toMatchObject({ code: 190, error_subcode: 463 });
    expect(get(sim, `/graph.instagram.com/me?access_token=${fresh.json.access_token}`).status).toBe(200);
    expect(graphError(get(sim, refresh(long)))).toMatchObject({ code: 190, error_subcode: 463 });
  });

  it('revoked tokens fail with 460 (password changed) or 458 (app removed); garbage with "Cannot parse"', () => {
    const sim = makeSimulator();
    const a = instagramLongToken(sim);
    expect(sim.control.revokeTokens({ igUserId: CREATOR }, 460)).toBeGreaterThan(0);
    expect(graphError(get(sim, `/graph.instagram.com/me?access_token=${a}`))).toMatchObject({ code: 190, error_subcode: 460 });
    const b = instagramLongToken(sim);
    sim.control.revokeTokens({ igUserId: CREATOR }, 458);
    const removed = graphError(get(sim, `/graph.instagram.com/me?access_token=${b}`));
    expect(removed).toMatchObject({ code: 190, error_subcode: 458 });
    expect(removed.message).toContain(IG_APP.clientId);
    const bad = graphError(get(sim, '/graph.instagram.com/me?access_token=IGAAnot-a-token'));
    expect(bad).toEqual(expect.objectContaining({ code: 190, message: 'Invalid OAuth access token - Cannot parse access token' }));
    expect(bad.error_subcode).toBeUndefined();
    expect(graphError(get(sim, '/graph.instagram.com/me'))).toMatchObject({ code: 104 });
  });

  it('accepts the token in an Authorization header too', () => {
    const sim = makeSimulator();
    const token = instagramShortToken(sim);
    expect(get(sim, '/graph.instagram.com/v27.0/me', { authorization: `Bearer ${token}` }).json.user_id).toBe(CREATOR);
  });
});
