// Faults: transient errors, latency, malformed bodies, truncated pages, expired cursors, revocation.
import { describe, expect, it } from 'vitest';
import { CREATOR, get, graphError, instagramLongToken, makeSimulator, PAGE_SIZE } from '../platform/support';

const media = (token: string, extra = '') => `/graph.instagram.com/v27.0/${CREATOR}/media?fields=id&access_token=${token}${extra}`;

describe('faults', () => {
  it('answers code 1 (HTTP 500) or code 2 (HTTP 503) at the set rate, deterministically from the seed', () => {
    const run = () => {
      const sim = makeSimulator({ faults: { transientRate: 0.3 } });
      const token = instagramLongToken(sim);
      return Array.from({ length: 60 }, () => get(sim, `/graph.instagram.com/me?access_token=${token}`));
    };
    const answers = run();
    const failures = answers.filter((a) => a.status !== 200);
    expect(failures.length).toBeGreaterThan(8);
    expect(failures.length).toBeLessThan(30);
    for (const f of failures) {
      const e = graphError(f);
      expect([[1, 500], [2, 503]]).toContainEqual([e.code, f.status]);
      expect(f.json.error.is_transient).toBe(true);
    }
    expect(new Set(failures.map((f) => f.status)).size).toBe(2);
    expect(run().map((a) => a.status)).toEqual(answers.map((a) => a.status));
  });

  it('sets latency for the HTTP adapter and can be changed at run time', () => {
    const sim = makeSimulator();
    const token = instagramLongToken(sim);
    expect(sim.handle({ method: 'GET', url: `/graph.instagram.com/me?access_token=${token}`, headers: {}, body: '' }).delayMs).toBeUndefined();
    sim.control.setFaults({ latencyMs: 250 });
    expect(sim.handle({ method: 'GET', url: `/graph.instagram.com/me?access_token=${token}`, headers: {}, body: '' }).delayMs).toBe(250);
  });

  it('cuts bodies off mid-JSON at the malformed rate', () => {
    const sim = makeSimulator({ faults: { malformedRate: 1 } });
    const r = get(sim, `/graph.instagram.com/me?access_token=${instagramLongToken(sim)}`);
    expect(r.status).toBe(200);
    expect(() => JSON.parse(r.body)).toThrow();
  });

  it('truncates a page but keeps a next link that still works', () => {
    const sim = makeSimulator({ faults: { truncatedPageRate: 1 } });
    const token = instagramLongToken(sim);
    const first = get(sim, media(token));
    expect(first.json.data.length).toBeLessThan(PAGE_SIZE);
    expect(first.json.data.length).toBeGreaterThan(0);
    const next = new URL(first.json.paging.next);
    const second = get(sim, `${next.pathname}${next.search}`);
    expect(second.status).toBe(200);
    expect(second.json.data[0].id).toBe('18000000000000005');
  });

  it('fails cursor requests with code 100 while expired cursors are on', () => {
    const sim = makeSimulator();
    const token = instagramLongToken(sim);
    sim.control.setFaults({ expireCursors: true });
    expect(get(sim, media(token)).status).toBe(200);
    const r = get(sim, media(token, '&after=5'));
    expect(graphError(r)).toMatchObject({ code: 100, type: 'IGApiException', message: 'The After Cursor specified exceeds the max limit supported by this endpoint' });
    sim.control.setFaults({ expireCursors: false });
    expect(get(sim, media(token, '&after=5')).status).toBe(200);
  });

  it('revokes the account’s tokens after N calls (subcode 460)', () => {
    const sim = makeSimulator({ faults: { revokeTokenOf: [{ igUserId: CREATOR, atCall: 3 }] } });
    const token = instagramLongToken(sim);
    const statuses = Array.from({ length: 4 }, () => get(sim, `/graph.instagram.com/me?access_token=${token}`).status);
    expect(statuses).toEqual([200, 200, 200, 400]);
    expect(graphError(get(sim, `/graph.instagram.com/me?access_token=${token}`))).toMatchObject({ code: 190, error_subcode: 460 });
    // A new login works again: the fault fires once.
    expect(get(sim, `/graph.instagram.com/me?access_token=${instagramLongToken(sim)}`).status).toBe(200);
  });
});
