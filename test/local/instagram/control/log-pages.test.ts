// GET /__control/log?after=SEQ&limit=N: the request log in pages of bounded size, so that a long
// simulation reads its log without one ever-growing answer.
import { describe, expect, it } from 'vitest';
import { readRequestLog } from '../../../../local/simulate/simulate';
import { CREATOR, get, makeSimulator } from '../platform/support';

const control = (sim: ReturnType<typeof makeSimulator>, path: string) => {
  const r = sim.handle({ method: 'GET', url: `/__control/${path}`, headers: {}, body: '' });
  return { status: r.status, json: JSON.parse(r.body) };
};

function simulatorWithCalls(n: number) {
  const sim = makeSimulator();
  const token = sim.control.issueToken({ igUserId: CREATOR, kind: 'ig-long' }).accessToken;
  for (let i = 0; i < n; i++) get(sim, `/graph.instagram.com/me?fields=id&access_token=${token}`);
  return sim;
}

describe('the request log in pages', () => {
  it('gives at most limit entries after a seq, oldest first, and an empty page at the end', () => {
    const sim = simulatorWithCalls(7);
    const all = control(sim, 'log').json as { seq: number }[];
    expect(all).toHaveLength(7);
    const first = control(sim, 'log?after=0&limit=3').json as { seq: number }[];
    expect(first.map((e) => e.seq)).toEqual(all.slice(0, 3).map((e) => e.seq));
    const next = control(sim, `log?after=${first[2].seq}&limit=3`).json as { seq: number }[];
    expect(next.map((e) => e.seq)).toEqual(all.slice(3, 6).map((e) => e.seq));
    expect(control(sim, `log?after=${all[6].seq}&limit=3`).json).toEqual([]);
    expect(control(sim, 'log?limit=0').status).toBe(400);
  });

  it('is read whole by the simulation, page after page', async () => {
    const sim = simulatorWithCalls(25);
    const stack = { control: async (path: string) => control(sim, path).json };
    expect(await readRequestLog(stack, 10)).toEqual(control(sim, 'log').json);
    expect(await readRequestLog(stack, 25)).toHaveLength(25);
  });
});
