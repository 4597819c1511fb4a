// The batch endpoint: up to 50 operations, each counted and answered on its own.
import { describe, expect, it } from 'vitest';
import { CREATOR, facebookShortToken, graphError, instagramShortToken, makeSimulator, post } from '../platform/support';

const ops = (n: number, relative = 'me') => JSON.stringify(Array.from({ length: n }, () => ({ method: 'GET', relative_url: relative })));

describe('batch requests', () => {
  it('answers each operation with code, headers and a JSON string body, in order', () => {
    const sim = makeSimulator();
    const token = facebookShortToken(sim);
    const batch = JSON.stringify([
      { method: 'GET', relative_url: 'me' },
      { method: 'GET', relative_url: 'v27.0/me/accounts?fields=id' },
      { method: 'GET', relative_url: 'nothing-here' },
      { method: 'GET', relative_url: 'v19.0/me' },
    ]);
    const r = post(sim, '/graph.facebook.com/v27.0', { access_token: token, batch });
    expect(r.status).toBe(200);
    expect(r.json.map((x: { code: number }) => x.code)).toEqual([200, 200, 400, 400]);
    expect(JSON.parse(r.json[0].body)).toEqual({ id: '100000000000001', name: 'Sam Shop' });
    expect(JSON.parse(r.json[2].body).error.error_subcode).toBe(33);
    expect(JSON.parse(r.json[3].body).error.code).toBe(2635);
    expect(r.json[0].headers).toEqual(expect.arrayContaining([{ name: 'content-type', value: 'application/json; charset=UTF-8' }]));
    expect(r.json[0].headers.map((h: { name: string }) => h.name)).toContain('x-app-usage');
  });

  it('omits per-operation headers with include_headers=false and works without a version', () => {
    const sim = makeSimulator();
    const r = post(sim, '/graph.facebook.com', { access_token: facebookShortToken(sim), batch: ops(2), include_headers: 'false' });
    expect(r.json).toHaveLength(2);
    expect(r.json[0]).not.toHaveProperty('headers');
    expect(Object.keys(r.json[0])).toEqual(['code', 'body']);
  });

  it('refuses more than 50 operations with GraphBatchException', () => {
    const sim = makeSimulator();
    const token = facebookShortToken(sim);
    expect(post(sim, '/graph.facebook.com/v27.0', { access_token: token, batch: ops(50) }).status).toBe(200);
    const r = post(sim, '/graph.facebook.com/v27.0', { access_token: token, batch: ops(51) });
    expect(r.status).toBe(400);
    expect(graphError(r)).toMatchObject({ type: 'GraphBatchException', message: 'Too many requests in batch message. Maximum batch size is 50' });
  });

  it('counts every operation against the rate limit, with per-operation throttling errors', () => {
    const sim = makeSimulator({ limits: { callsPerHour: 3 } });
    const r = post(sim, '/graph.facebook.com/v27.0', { access_token: facebookShortToken(sim), batch: ops(5) });
    expect(r.json.map((x: { code: number }) => x.code)).toEqual([200, 200, 200, 400, 400]);
    expect(JSON.parse(r.json[4].body).error.code).toBe(17);
    expect(JSON.parse(r.headers['x-app-usage']).call_count).toBe(166);
  });

  it('needs a valid top-level access token and logs each operation', () => {
    const sim = makeSimulator();
    expect(graphError(post(sim, '/graph.facebook.com/v27.0', { batch: ops(1) })).code).toBe(104);
    sim.control.clearLog();
    post(sim, '/graph.facebook.com/v27.0', { access_token: facebookShortToken(sim), batch: ops(2) });
    const inBatch = sim.control.log().filter((e) => e.inBatch);
    expect(inBatch).toHaveLength(2);
    expect(inBatch[0]).toMatchObject({ method: 'GET', host: 'graph.facebook.com', endpoint: '/me', status: 200 });
  });

  it('is not supported on graph.instagram.com unless the scenario says so', () => {
    const off = makeSimulator();
    const r = post(off, '/graph.instagram.com/v27.0', { access_token: instagramShortToken(off), batch: ops(1) });
    expect(graphError(r)).toMatchObject({ code: 100, type: 'IGApiException' });
    const on = makeSimulator({ platform: { batchOnInstagramHost: true } });
    const ok = post(on, '/graph.instagram.com/v27.0', { access_token: instagramShortToken(on), batch: ops(1) });
    expect(JSON.parse(ok.json[0].body).user_id).toBe(CREATOR);
  });
});
