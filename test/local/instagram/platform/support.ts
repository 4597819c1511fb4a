// Test support for the Platform half: a small scenario, a stand-in World & Graph that answers a few
// endpoints by the contract, and helpers that drive the simulator like a client would.
import { expect } from 'vitest';
import { createSimulator, type GraphBackend, type GraphCall, type PlatformScenario, type Simulator, type SimulatorOptions } from '../../../../local/instagram/handler';

export const IG_APP = { flow: 'instagram' as const, clientId: '990602627938098', clientSecret: 'ig-secret-1', redirectUris: ['https://script.google.com/macros/d/ABC/usercallback'] };
export const FB_APP = { flow: 'facebook' as const, clientId: '555000111222333', clientSecret: 'fb-secret-1', redirectUris: ['https://script.google.com/macros/d/ABC/usercallback'] };
export const REDIRECT = IG_APP.redirectUris[0];
export const CREATOR = '17841400000000001';
export const BUSINESS = '17841400000000002';
export const PERSONAL = '17841400000000003';
export const FB_USER = '100000000000001';
export const LINKED_PAGE = '134895793791914';
export const START = Date.parse('2026-11-20T12:00:00Z');
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export function scenario(overrides: Partial<PlatformScenario> = {}): PlatformScenario {
  return {
    seed: 7,
    start: '2026-11-20T12:00:00Z',
    apps: [IG_APP, FB_APP],
    accounts: [
      { igUserId: CREATOR, username: 'maya.makes', type: 'creator', loginFlows: ['instagram'] },
      {
        igUserId: BUSINESS,
        username: 'corner.shop',
        type: 'business',
        loginFlows: ['instagram', 'facebook'],
        facebook: { userId: FB_USER, name: 'Sam Shop', pages: [{ id: LINKED_PAGE, name: 'Corner Shop', linked: true }, { id: '134895793791915', name: 'Side', linked: false }] },
      },
      { igUserId: PERSONAL, username: 'just.me', type: 'personal', loginFlows: ['instagram'] },
    ],
    ...overrides,
  };
}

/** Items per stand-in media page. */
export const PAGE_SIZE = 5;

/** Answers /me, /me/accounts and /{id}/media (cursor paging over 12 items) by the contract. */
export const standInGraph: GraphBackend<PlatformScenario> = {
  build: (s) => s,
  route: (s, call: GraphCall) => {
    if (call.path === 'me' && call.viewer.flow === 'instagram') {
      const a = s.accounts.find((x) => x.igUserId === call.viewer.igUserId);
      return { status: 200, body: { id: `2${call.viewer.igUserId?.slice(1)}`, user_id: a?.igUserId, username: a?.username } };
    }
    if (call.path === 'me' && call.viewer.pageId) return { status: 200, body: { id: call.viewer.pageId } };
    if (call.path === 'me') return { status: 200, body: { id: call.viewer.fbUserId, name: 'Sam Shop' } };
    if (call.path === 'me/accounts') {
      const pages = s.accounts.flatMap((a) => (a.facebook && a.facebook.userId === call.viewer.fbUserId ? a.facebook.pages : []));
      return { status: 200, body: { data: pages.map((p) => ({ id: p.id, name: p.name, access_token: call.pageToken(p.id) })) } };
    }
    const media = /^(\d+)\/media$/.exec(call.path);
    if (media) {
      const from = Number(call.query.after ?? 0);
      const items = Array.from({ length: 12 }, (_, i) => ({ id: `1800000000000${String(i).padStart(4, '0')}` })).slice(from, from + PAGE_SIZE);
      const next = from + PAGE_SIZE < 12 ? `${call.baseUrl}/${call.version}/${call.path}?${new URLSearchParams({ ...call.query, after: String(from + PAGE_SIZE), access_token: call.tokenForLinks })}` : undefined;
      return { status: 200, body: { data: items, paging: { cursors: { after: String(from + PAGE_SIZE) }, ...(next ? { next } : {}) } }, endpoint: '/{ig-user-id}/media' };
    }
    return { status: 400, body: { error: { message: `Unsupported get request. Object with ID '${call.path}' does not exist`, type: 'GraphMethodException', code: 100, error_subcode: 33 } } };
  },
};

export function makeSimulator(overrides: Partial<PlatformScenario> = {}, options: Partial<SimulatorOptions> = {}): Simulator {
  return createSimulator({ scenario: scenario(overrides), graph: standInGraph, ...options });
}

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
  json: any;
}

function answer(r: { status: number; headers: Record<string, string>; body: string }): Answer {
  let json: unknown;
  try {
    json = JSON.parse(r.body);
  } catch {
    json = undefined;
  }
  return { ...r, json };
}

export function get(sim: Simulator, url: string, headers: Record<string, string> = {}): Answer {
  return answer(sim.handle({ method: 'GET', url, headers, body: '' }));
}

export function post(sim: Simulator, url: string, form: Record<string, string>, headers: Record<string, string> = {}): Answer {
  return answer(sim.handle({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(form).toString() }));
}

export function authorizeQuery(app: { flow: 'instagram' | 'facebook'; clientId: string } = IG_APP, extra: Record<string, string> = {}): string {
  return new URLSearchParams({ client_id: app.clientId, redirect_uri: REDIRECT, response_type: 'code', scope: app.flow === 'instagram' ? 'instagram_business_basic,instagram_business_manage_insights' : 'instagram_basic,instagram_manage_insights,pages_show_list,pages_read_engagement', state: 'st-42', ...extra }).toString();
}

/** Approves the Instagram consent page for an account; returns the code from the redirect. */
export function instagramCode(sim: Simulator, account = CREATOR, extra: Record<string, string> = {}): string {
  const r = post(sim, '/www.instagram.com/oauth/authorize', { ...Object.fromEntries(new URLSearchParams(authorizeQuery(IG_APP, extra))), account, decision: 'allow' });
  expect(r.status).toBe(302);
  const location = new URL(r.headers.location.replace(/#_$/, ''));
  return location.searchParams.get('code') as string;
}

export function instagramShortToken(sim: Simulator, account = CREATOR): string {
  const code = instagramCode(sim, account);
  const r = post(sim, '/api.instagram.com/oauth/access_token', { client_id: IG_APP.clientId, client_secret: IG_APP.clientSecret, grant_type: 'authorization_code', redirect_uri: REDIRECT, code });
  expect(r.status).toBe(200);
  return r.json.data[0].access_token;
}

export function instagramLongToken(sim: Simulator, account = CREATOR): string {
  const short = instagramShortToken(sim, account);
  const r = get(sim, `/graph.instagram.com/access_token?grant_type=ig_exchange_token&client_secret=${IG_APP.clientSecret}&access_token=${short}`);
  expect(r.status).toBe(200);
  return r.json.access_token;
}

export function facebookCode(sim: Simulator): string {
  const r = post(sim, '/www.facebook.com/v27.0/dialog/oauth', { ...Object.fromEntries(new URLSearchParams(authorizeQuery(FB_APP))), account: FB_USER, decision: 'allow' });
  expect(r.status).toBe(302);
  return new URL(r.headers.location.replace(/#_=_$/, '')).searchParams.get('code') as string;
}

export function facebookShortToken(sim: Simulator): string {
  const code = facebookCode(sim);
  const q = new URLSearchParams({ client_id: FB_APP.clientId, redirect_uri: REDIRECT, client_secret: FB_APP.clientSecret, code });
  const r = get(sim, `/graph.facebook.com/v27.0/oauth/access_token?${q}`);
  expect(r.status).toBe(200);
  return r.json.access_token;
}

export function graphError(a: Answer): { code: number; error_subcode?: number; message: string; type: string } {
  return a.json.error;
}
