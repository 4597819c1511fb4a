// The control API under /__control/: the Simulator's control methods over HTTP, for tests in other
// processes, the playground and benchmarks. JSON in, JSON out; never reachable through a host prefix.
import type { SimResponse } from './errors';
import type { PlatformScenario, SimRequest, SimulatorControl } from './platform-types';
import { CONTROL_PREFIX, jsonResponse } from './router';

type Body = Record<string, any>;
type Route = (control: SimulatorControl, body: Body, query: URLSearchParams) => unknown;

/**
 * GET log?after=SEQ&limit=N: at most N entries with a seq above SEQ, oldest first, so that a long
 * log can be read in pages of bounded size (an empty page means the end). Without them, the whole log.
 */
function logPage(control: SimulatorControl, query: URLSearchParams): unknown {
  const entries = control.log();
  if (!query.has('after') && !query.has('limit')) return entries;
  const after = Number(query.get('after') ?? '0');
  const limit = Number(query.get('limit') ?? String(entries.length));
  if (!Number.isFinite(after) || !Number.isInteger(limit) || limit < 1) throw new Error('log: after is a seq number and limit a whole number of at least 1');
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (entries[mid].seq <= after) lo = mid + 1;
    else hi = mid;
  }
  return entries.slice(lo, lo + limit);
}

/** "METHOD path" -> what it does. */
const ROUTES: Record<string, Route> = {
  'GET state': (c) => ({ now: c.now(), time: new Date(c.now()).toISOString(), faults: c.faults() }),
  'POST reset': (c, b) => {
    c.reset(typeof b.scenario === 'string' ? b.scenario : ((b.scenario ?? b) as PlatformScenario));
    return { now: c.now(), time: new Date(c.now()).toISOString() };
  },
  'GET clock': (c) => ({ now: c.now(), time: new Date(c.now()).toISOString() }),
  'POST clock': (c, b) => {
    if (b.set !== undefined) c.setClock(typeof b.set === 'string' ? Date.parse(b.set) : Number(b.set));
    if (b.advance !== undefined) c.advanceClock(Number(b.advance));
    return { now: c.now(), time: new Date(c.now()).toISOString() };
  },
  'GET faults': (c) => c.faults(),
  'POST faults': (c, b) => {
    c.setFaults(b);
    return c.faults();
  },
  'GET log': (c, _b, q) => logPage(c, q),
  'DELETE log': (c) => {
    c.clearLog();
    return { cleared: true };
  },
  'POST log/clear': (c) => {
    c.clearLog();
    return { cleared: true };
  },
  'GET counts': (c) => c.counts(),
  'POST tokens': (c, b) => c.issueToken(b as Parameters<SimulatorControl['issueToken']>[0]),
  'POST revoke': (c, b) => ({ revoked: c.revokeTokens(b, b.subcode) }),
  // GET followers?account=IG_USER_ID&days=N: the truth behind the account insights, day by day (default 30 days).
  'GET followers': (c, _b, q) => {
    const days = Number(q.get('days') ?? '30');
    if (!q.get('account') || !Number.isInteger(days) || days < 1 || days > 400) throw new Error('followers: account is an IG user id and days a whole number from 1 to 400');
    return c.followerDays(q.get('account')!, days);
  },
};

export function handleControl(control: SimulatorControl, req: SimRequest): SimResponse {
  const url = new URL(req.url, 'http://simulator.local');
  const path = url.pathname.slice(CONTROL_PREFIX.length).replace(/\/+$/, '');
  const route = ROUTES[`${req.method.toUpperCase()} ${path}`];
  if (!route) return jsonResponse(404, { error: `unknown control route: ${req.method} ${CONTROL_PREFIX}${path}`, routes: Object.keys(ROUTES) });
  let body: Body = {};
  if (req.body && req.body.trim() !== '') {
    try {
      const parsed: unknown = JSON.parse(req.body);
      body = typeof parsed === 'string' ? { scenario: parsed } : (parsed as Body);
    } catch {
      return jsonResponse(400, { error: 'the control API takes a JSON body' });
    }
  }
  try {
    return jsonResponse(200, route(control, body, url.searchParams));
  } catch (error) {
    return jsonResponse(400, { error: (error as Error).message });
  }
}
