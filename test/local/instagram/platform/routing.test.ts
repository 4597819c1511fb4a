// Hosts by path prefix and Host header, versions at the virtual date, the shared clock header.
import { describe, expect, it } from 'vitest';
import { CREATOR, DAY, get, graphError, instagramShortToken, makeSimulator, START } from './support';

describe('hosts and versions', () => {
  it('serves a host by path prefix or by Host header alike', () => {
    const sim = makeSimulator();
    const token = instagramShortToken(sim);
    const byPrefix = get(sim, `/graph.instagram.com/v27.0/me?access_token=${token}`);
    const byHeader = get(sim, `/v27.0/me?access_token=${token}`, { host: 'graph.instagram.com' });
    expect(byPrefix.json.user_id).toBe(CREATOR);
    expect(byHeader.json).toEqual(byPrefix.json);
  });

  it('reads the host from an absolute URL, as in-process transports send it', () => {
    const sim = makeSimulator();
    const token = instagramShortToken(sim);
    expect(get(sim, `https://graph.instagram.com/v27.0/me?access_token=${token}`).json.user_id).toBe(CREATOR);
    expect(get(sim, `http://127.0.0.1:4010/graph.instagram.com/v27.0/me?access_token=${token}`).json.user_id).toBe(CREATOR);
    expect(get(sim, 'http://127.0.0.1:4010/__control/clock').json.now).toBe(START);
  });

  it('points paging links where the client sent the request: Meta\'s host, or the prefixed address', () => {
    const sim = makeSimulator();
    const token = instagramShortToken(sim);
    const viaMeta = get(sim, `https://graph.instagram.com/v27.0/${CREATOR}/media?access_token=${token}`).json.paging.next as string;
    const viaHeader = get(sim, `/v27.0/${CREATOR}/media?access_token=${token}`, { host: 'graph.instagram.com' }).json.paging.next as string;
    const viaPrefix = get(sim, `/graph.instagram.com/v27.0/${CREATOR}/media?access_token=${token}`).json.paging.next as string;
    expect(viaMeta).toMatch(/^https:\/\/graph\.instagram\.com\/v27\.0\//);
    expect(viaHeader).toMatch(/^https:\/\/graph\.instagram\.com\/v27\.0\//);
    expect(viaPrefix).toMatch(new RegExp(`^${sim.baseUrl}/graph\\.instagram\\.com/v27\\.0/`));
  });

  it('uses the default version when the path has none', () => {
    const sim = makeSimulator();
    const token = instagramShortToken(sim);
    expect(get(sim, `/graph.instagram.com/me?access_token=${token}`).json.user_id).toBe(CREATOR);
  });

  it('answers unknown and retired versions with code 2635, by the virtual date', () => {
    const sim = makeSimulator({ start: '2026-09-01T00:00:00Z' });
    const token = instagramShortToken(sim);
    const expected = '(#2635) You are calling a deprecated version of the Graph API. Please update to the latest version: v27.0.';
    for (const v of ['v19.0', 'v12.0', 'v99.0', 'v27.5']) {
      const r = get(sim, `/graph.instagram.com/${v}/me?access_token=${token}`);
      expect(r.status).toBe(400);
      expect(graphError(r)).toMatchObject({ code: 2635, message: expected });
    }
    // v20.0 answers until 2026-09-24, then it is retired.
    expect(get(sim, `/graph.instagram.com/v20.0/me?access_token=${token}`).status).toBe(200);
    sim.control.advanceClock(30 * DAY);
    expect(graphError(get(sim, `/graph.instagram.com/v20.0/me?access_token=${token}`)).code).toBe(2635);
  });

  it('answers an unknown host with 404 and the list of hosts', () => {
    const r = get(makeSimulator(), '/graph.example.com/me');
    expect(r.status).toBe(404);
    expect(r.json.hosts['graph.instagram.com']).toBe('http://127.0.0.1:4010/graph.instagram.com');
  });

  it('puts usage headers on every Graph host answer, errors and token endpoints included', () => {
    const sim = makeSimulator();
    const token = instagramShortToken(sim);
    const answers = [
      get(sim, `/graph.instagram.com/v27.0/me?access_token=${token}`),
      get(sim, '/graph.instagram.com/v27.0/me?access_token=bad'),
      get(sim, `/graph.instagram.com/v19.0/me?access_token=${token}`),
      get(sim, `/graph.instagram.com/v27.0/nothing?access_token=${token}`),
      get(sim, '/graph.instagram.com/refresh_access_token?grant_type=ig_refresh_token&access_token=x'),
    ];
    for (const a of answers) {
      expect(JSON.parse(a.headers['x-app-usage'])).toHaveProperty('call_count');
      expect(JSON.parse(a.headers['x-business-use-case-usage'])).toBeTypeOf('object');
    }
    expect(JSON.parse(answers[0].headers['x-business-use-case-usage'])[CREATOR][0]).toMatchObject({ type: 'instagram', estimated_time_to_regain_access: 0 });
  });
});

describe('the shared virtual clock', () => {
  it('follows x-sheetgram-virtual-time forwards but never back', () => {
    const sim = makeSimulator();
    const token = instagramShortToken(sim);
    get(sim, `/graph.instagram.com/me?access_token=${token}`, { 'x-sheetgram-virtual-time': String(START + 10_000) });
    expect(sim.control.now()).toBe(START + 10_000);
    get(sim, `/graph.instagram.com/me?access_token=${token}`, { 'x-sheetgram-virtual-time': String(START) });
    expect(sim.control.now()).toBe(START + 10_000);
    // The client's time expires the token like the simulator's own would.
    const r = get(sim, `/graph.instagram.com/me?access_token=${token}`, { 'x-sheetgram-virtual-time': String(START + 2 * 3_600_000) });
    expect(graphError(r).error_subcode).toBe(463);
  });

  it('ignores the header with clock: own', () => {
    const sim = makeSimulator({}, { clock: 'own' });
    get(sim, '/graph.instagram.com/me', { 'x-sheetgram-virtual-time': String(START + 10_000) });
    expect(sim.control.now()).toBe(START);
  });
});
