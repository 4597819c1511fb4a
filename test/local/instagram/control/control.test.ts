// The control API (over the request handler) and the request log: tokens hidden, counts per endpoint.
import { describe, expect, it } from 'vitest';
import { BUSINESS, CREATOR, DAY, get, IG_APP, instagramLongToken, makeSimulator, post, scenario, START } from '../platform/support';

const control = (sim: ReturnType<typeof makeSimulator>, method: string, path: string, body?: unknown) => {
  const r = sim.handle({ method, url: `/__control/${path}`, headers: { 'content-type': 'application/json' }, body: body === undefined ? '' : JSON.stringify(body) });
  return { status: r.status, json: JSON.parse(r.body) };
};

describe('control API', () => {
  it('reads, sets and advances the virtual clock, never backwards', () => {
    const sim = makeSimulator();
    expect(control(sim, 'GET', 'clock').json).toEqual({ now: START, time: '2026-11-20T12:00:00.000Z' });
    expect(control(sim, 'POST', 'clock', { advance: DAY }).json.now).toBe(START + DAY);
    expect(control(sim, 'POST', 'clock', { set: '2026-12-01T00:00:00Z' }).json.time).toBe('2026-12-01T00:00:00.000Z');
    const back = control(sim, 'POST', 'clock', { set: START });
    expect(back.status).toBe(400);
    expect(back.json.error).toMatch(/cannot go back/);
  });

  it('changes faults at run time and reports them', () => {
    const sim = makeSimulator({ faults: { latencyMs: 5 } });
    expect(control(sim, 'POST', 'faults', { transientRate: 1 }).json).toEqual({ latencyMs: 5, transientRate: 1 });
    const token = sim.control.issueToken({ igUserId: CREATOR, kind: 'ig-long' }).accessToken;
    expect(get(sim, `/graph.instagram.com/me?access_token=${token}`).status).toBeGreaterThanOrEqual(500);
  });

  it('resets to a posted scenario: clock, tokens and log start over', () => {
    const sim = makeSimulator();
    const token = instagramLongToken(sim);
    sim.control.advanceClock(DAY);
    const r = control(sim, 'POST', 'reset', scenario({ start: '2027-01-01T00:00:00Z' }));
    expect(r.json.time).toBe('2027-01-01T00:00:00.000Z');
    expect(get(sim, `/graph.instagram.com/me?access_token=${token}`).json.error.code).toBe(190);
    expect(sim.control.log()).toHaveLength(1);
    expect(control(sim, 'POST', 'reset', 'no-such-scenario').status).toBe(400);
  });

  it('resets to a named scenario given to the simulator', () => {
    const sim = makeSimulator({}, { scenarios: { default: () => scenario({ start: '2026-06-01T00:00:00Z' }) } });
    expect(control(sim, 'POST', 'reset', 'default').json.time).toBe('2026-06-01T00:00:00.000Z');
  });

  it('issues tokens without the OAuth pages and revokes them', () => {
    const sim = makeSimulator();
    const issued = control(sim, 'POST', 'tokens', { igUserId: BUSINESS, kind: 'ig-long' }).json;
    expect(issued).toMatchObject({ kind: 'ig-long', expiresAt: START + 5183944_000 });
    expect(get(sim, `/graph.instagram.com/me?access_token=${issued.accessToken}`).json.username).toBe('corner.shop');
    expect(control(sim, 'POST', 'revoke', { igUserId: BUSINESS, subcode: 458 }).json).toEqual({ revoked: 1 });
    expect(get(sim, `/graph.instagram.com/me?access_token=${issued.accessToken}`).json.error.error_subcode).toBe(458);
  });

  it('answers unknown control routes with 404 and the list of routes', () => {
    const r = control(makeSimulator(), 'GET', 'nope');
    expect(r.status).toBe(404);
    expect(r.json.routes).toContain('GET log');
  });
});

describe('request log', () => {
  it('shows what was asked without tokens, secrets or codes, with account, flow and virtual time', () => {
    const sim = makeSimulator();
    const token = instagramLongToken(sim);
    get(sim, `/graph.instagram.com/v27.0/${CREATOR}/media?fields=id,caption&limit=5&access_token=${token}`);
    const log = control(sim, 'GET', 'log').json;
    const text = JSON.stringify(log);
    expect(text).not.toContain(token);
    expect(text).not.toContain(IG_APP.clientSecret);
    expect(text).not.toMatch(/AQ[A-Za-z0-9]{100}/);
    const exchange = log.find((e: { host: string }) => e.host === 'api.instagram.com');
    expect(exchange.query).toEqual({ client_id: IG_APP.clientId, grant_type: 'authorization_code', redirect_uri: IG_APP.redirectUris[0] });
    expect(log.at(-1)).toEqual({
      seq: log.length,
      method: 'GET',
      host: 'graph.instagram.com',
      path: `/v27.0/${CREATOR}/media`,
      query: { fields: 'id,caption', limit: '5' },
      status: 200,
      endpoint: '/{ig-user-id}/media',
      account: CREATOR,
      username: 'maya.makes',
      flow: 'instagram',
      time: '2026-11-20T12:00:00.000Z',
    });
  });

  it('counts calls per normalised endpoint and can be cleared', () => {
    const sim = makeSimulator();
    const token = instagramLongToken(sim);
    sim.control.clearLog();
    get(sim, `/graph.instagram.com/v27.0/me?access_token=${token}`);
    get(sim, `/graph.instagram.com/me?access_token=${token}`);
    get(sim, `/graph.instagram.com/v27.0/${CREATOR}/media?access_token=${token}`);
    post(sim, `/graph.instagram.com/v27.0/99999/comments`, { access_token: token, message: 'hi' });
    expect(control(sim, 'GET', 'counts').json).toEqual({
      'GET graph.instagram.com /me': 2,
      'GET graph.instagram.com /{ig-user-id}/media': 1,
      'POST graph.instagram.com /{id}/comments': 1,
    });
    control(sim, 'POST', 'log/clear');
    expect(sim.control.log()).toEqual([]);
  });
});
