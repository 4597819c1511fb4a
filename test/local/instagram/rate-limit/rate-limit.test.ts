// Rate limits: per-token rolling hour, BUC mode, app-wide hour; usage headers and regain estimates.
import { describe, expect, it } from 'vitest';
import { CREATOR, facebookShortToken, get, graphError, instagramLongToken, instagramShortToken, LINKED_PAGE, makeSimulator, HOUR } from '../platform/support';

// X-App-Usage is absent in 'buc' mode except on Business Discovery and hashtag calls (Platform rate limits).
const usage = (headers: Record<string, string>, id = CREATOR) => ({
  app: headers['x-app-usage'] === undefined ? undefined : JSON.parse(headers['x-app-usage']),
  buc: JSON.parse(headers['x-business-use-case-usage'])[id][0],
});

describe('per-token hourly limit', () => {
  it('reports percentages, throttles past the limit with code 17 and a regain estimate in minutes', () => {
    const sim = makeSimulator({ limits: { callsPerHour: 10 } });
    const token = instagramShortToken(sim);
    for (let i = 1; i <= 10; i += 1) {
      const r = get(sim, `/graph.instagram.com/me?access_token=${token}`);
      expect(r.status).toBe(200);
      expect(usage(r.headers).app.call_count).toBe(i * 10);
      sim.control.advanceClock(60_000);
    }
    const over = get(sim, `/graph.instagram.com/me?access_token=${token}`);
    expect(over.status).toBe(400);
    expect(graphError(over)).toMatchObject({ code: 17, message: '(#17) User request limit reached', is_transient: true } as object);
    // The refused call counts too: a call is allowed again once the second one (at minute 1) leaves
    // the rolling hour, 51 minutes from now.
    expect(usage(over.headers).buc.estimated_time_to_regain_access).toBe(51);
  });

  it('counts calls made while throttled, so hammering extends the block', () => {
    const sim = makeSimulator({ limits: { callsPerHour: 3 } });
    const token = instagramLongToken(sim);
    for (let i = 0; i < 3; i += 1) get(sim, `/graph.instagram.com/me?access_token=${token}`);
    sim.control.advanceClock(30 * 60_000);
    const first = get(sim, `/graph.instagram.com/me?access_token=${token}`);
    expect(usage(first.headers).buc.estimated_time_to_regain_access).toBe(30);
    for (let i = 0; i < 3; i += 1) get(sim, `/graph.instagram.com/me?access_token=${token}`);
    sim.control.advanceClock(31 * 60_000);
    // The first three calls left the window, but the four made while throttled still fill it.
    const still = get(sim, `/graph.instagram.com/me?access_token=${token}`);
    expect(graphError(still).code).toBe(17);
    expect(usage(still.headers).buc.estimated_time_to_regain_access).toBe(29);
    sim.control.advanceClock(HOUR);
    expect(get(sim, `/graph.instagram.com/me?access_token=${token}`).status).toBe(200);
  });

  it('counts per token: another token of the same account has its own hour', () => {
    const sim = makeSimulator({ limits: { callsPerHour: 1 } });
    const a = instagramShortToken(sim);
    const b = instagramShortToken(sim);
    expect(get(sim, `/graph.instagram.com/me?access_token=${a}`).status).toBe(200);
    expect(get(sim, `/graph.instagram.com/me?access_token=${a}`).status).toBe(400);
    expect(get(sim, `/graph.instagram.com/me?access_token=${b}`).status).toBe(200);
  });

  it('throttles Page tokens with code 32', () => {
    const sim = makeSimulator({ limits: { callsPerHour: 1 } });
    const user = facebookShortToken(sim);
    const page = get(sim, `/graph.facebook.com/v27.0/me/accounts?access_token=${user}`).json.data.find((p: { id: string }) => p.id === LINKED_PAGE).access_token;
    get(sim, `/graph.facebook.com/v27.0/me?access_token=${page}`);
    expect(graphError(get(sim, `/graph.facebook.com/v27.0/me?access_token=${page}`)).code).toBe(32);
  });
});

describe('Business Use Case mode and the app-wide hour', () => {
  it('limits app + IG account to 4800 x impressions per rolling 24 h with code 80002', () => {
    // Headers from the first call (usageHeadersAfter: 0): the 'buc' mode now leaves them out of a window's
    // first 10 calls by default, as Meta does (buc.test.ts covers that); this test reads them from call one.
    const sim = makeSimulator({ limits: { rateLimitMode: 'buc', bucImpressions: 1 / 1600, usageHeadersAfter: 0 } });
    const a = instagramShortToken(sim);
    const b = instagramShortToken(sim);
    expect(usage(get(sim, `/graph.instagram.com/me?access_token=${a}`).headers).buc.call_count).toBe(33);
    get(sim, `/graph.instagram.com/me?access_token=${b}`);
    get(sim, `/graph.instagram.com/me?access_token=${a}`);
    const over = get(sim, `/graph.instagram.com/me?access_token=${b}`);
    expect(graphError(over)).toMatchObject({ code: 80002 });
    expect(graphError(over).message).toMatch(/^\(#80002\) There have been too many calls to this Instagram account/);
    expect(usage(over.headers).buc.estimated_time_to_regain_access).toBe(24 * 60);
  });

  it('applies an app-wide hourly budget with code 4 when the scenario sets one', () => {
    const sim = makeSimulator({ limits: { appCallsPerHour: 2 } });
    const a = instagramShortToken(sim);
    const b = instagramShortToken(sim, '17841400000000002');
    get(sim, `/graph.instagram.com/me?access_token=${a}`);
    get(sim, `/graph.instagram.com/me?access_token=${b}`);
    expect(graphError(get(sim, `/graph.instagram.com/me?access_token=${a}`))).toMatchObject({ code: 4, message: '(#4) Application request limit reached' });
  });
});
