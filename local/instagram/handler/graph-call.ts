// One Graph API call through the platform: the token, the rate limit, faults, then World & Graph's
// answer, then the usage headers. Shared by plain requests and by each operation of a batch.
import { errorResponse, type GraphErrorSpec, type SimResponse } from '../errors';
import type { GraphBackend, GraphHost, PlatformScenario, RequestLogEntry, Viewer } from '../platform-types';
import type { Faults } from '../faults';
import { callCost, worldImpressions, type CallerIdentity, type RateLimiter } from '../rate-limit';
import { normaliseEndpoint, visibleParams, type KnownIds, type RequestLog } from '../request-log';
import { checkToken } from '../tokens/check';
import { parseId } from '../world/ids';
import type { TokenRecord, TokenStore } from '../tokens/store';

export interface GraphCallState {
  scenario: PlatformScenario;
  world: unknown;
  graph: GraphBackend<any>;
  tokens: TokenStore;
  limiter: RateLimiter;
  faults: Faults;
  log: RequestLog;
  ids: KnownIds;
  now: number;
  baseUrl: string;
}

export interface GraphRequest {
  host: GraphHost;
  version: string;
  method: string;
  /** Segments after the host, version included when it was sent (for the log). */
  segments: string[];
  /** Segments after the version. */
  rest: string[];
  params: Record<string, string>;
  token: string | undefined;
  inBatch?: boolean;
  /** How the client named the host: as a path prefix (links then carry it too) or as Meta's own host. */
  hostFromPath?: boolean;
}

export function graphCall(state: GraphCallState, req: GraphRequest): SimResponse {
  const check = checkToken(state.tokens, req.token, req.host, state.now);
  if (!check.ok) return finish(state, req, errorResponse(check.error, state.limiter.headers(undefined, state.now)), check.record);
  const record = check.record;
  const who = identity(state.scenario, record, req.segments);
  const decision = state.limiter.record(who, state.now, {
    platform: isPlatformLimited(req), impressions: (igUserId) => worldImpressions(state.world, igUserId, state.now),
  });
  if (decision.error) return finish(state, req, errorResponse(decision.error, decision.headers), record);
  const fail = (spec: GraphErrorSpec) => finish(state, req, errorResponse(spec, state.limiter.settle(decision, spec.status)), record);

  const n = state.faults.begin();
  const revokeAfter = state.faults.countForRevocation(who.igUserId);
  try {
    const early = state.faults.transient(n) ?? state.faults.expiredCursor(req.params) ?? state.faults.misleading(req.host, req.rest.join('/'), req.params);
    if (early) return fail(forHost(req.host, early));
    if (req.method !== 'GET' && req.method !== 'POST') return fail({ status: 400, code: 100, message: `Unsupported method: ${req.method}`, type: 'OAuthException' });
    const query = { ...req.params };
    delete query.access_token;
    const answer = state.graph.route(state.world, {
      host: req.host,
      version: req.version,
      method: req.method,
      path: req.rest.join('/'),
      query,
      viewer: viewerOf(record),
      now: state.now,
      // Links point where the client sent the request: Meta's host when it asked Meta's host (the
      // local network delivers it here), the simulator's address with the prefix otherwise.
      baseUrl: req.hostFromPath === false ? `https://${req.host}` : `${state.baseUrl}/${req.host}`,
      tokenForLinks: record.token,
      pageToken: (pageId) => state.tokens.pageToken(record, pageId, state.now, linkedAccount(state.scenario, pageId)),
    });
    const listed = answer.status === 200 ? state.faults.listing(answer.endpoint, query, answer.body) : answer.body;
    const body = state.faults.malform(n, JSON.stringify(state.faults.truncate(n, listed)));
    const usage = state.limiter.settle(decision, answer.status, callCost(query, answer.body));
    const response = { status: answer.status, headers: { 'content-type': 'application/json; charset=UTF-8', ...usage, ...(answer.headers ?? {}) }, body };
    return finish(state, req, response, record, answer.endpoint);
  } finally {
    if (revokeAfter) revokeAccount(state, who.igUserId as string, 460);
  }
}

/** Business Discovery and Hashtag Search: Platform rate limits rather than the account's Business Use Case (reference §8.1). */
function isPlatformLimited(req: GraphRequest): boolean {
  const last = req.rest[req.rest.length - 1] ?? '';
  return req.rest.includes('ig_hashtag_search') || last === 'recent_media' || last === 'top_media' || /(^|[,{])business_discovery\b/.test(req.params.fields ?? '');
}

/** graph.instagram.com names parameter errors IGApiException (reference §9.1). */
function forHost(host: GraphHost, spec: GraphErrorSpec): GraphErrorSpec {
  return host === 'graph.instagram.com' && spec.code === 100 && spec.type === 'OAuthException' ? { ...spec, type: 'IGApiException' } : spec;
}

/** Revokes every token of an IG account, including the Facebook Login tokens of its Facebook user. */
export function revokeAccount(state: Pick<GraphCallState, 'scenario' | 'tokens'>, igUserId: string, subcode: 458 | 460): number {
  const fbUserId = state.scenario.accounts.find((a) => a.igUserId === igUserId)?.facebook?.userId;
  return state.tokens.revokeWhere((r) => r.igUserId === igUserId || (fbUserId !== undefined && r.fbUserId === fbUserId), subcode);
}

export function viewerOf(record: TokenRecord): Viewer {
  const viewer: Viewer = { flow: record.flow, appId: record.appId, scopes: [...record.scopes] };
  if (record.igUserId) viewer.igUserId = record.igUserId;
  if (record.fbUserId) viewer.fbUserId = record.fbUserId;
  if (record.pageId) viewer.pageId = record.pageId;
  return viewer;
}

/** Who a call is counted against: the token, its app, and the IG account it acts for (`path`: the request's segments). */
export function identity(scenario: PlatformScenario, record: TokenRecord, path: readonly string[] = []): CallerIdentity {
  const igUserId = record.igUserId ?? (record.pageId ? linkedAccount(scenario, record.pageId) : managedAccountActedOn(scenario, record, path));
  return { token: record.token, appId: record.appId, igUserId, fbUserId: record.fbUserId, pageId: record.pageId, isPageToken: record.kind === 'page' };
}

/**
 * A Facebook user token may manage many Instagram accounts (an agency's does): the call acts for the
 * account its path names, by its id or by the id of one of its media; else for the first one managed.
 */
function managedAccountActedOn(scenario: PlatformScenario, record: TokenRecord, path: readonly string[]): string | undefined {
  const managed = scenario.accounts.filter((a) => a.facebook && a.facebook.userId === record.fbUserId);
  for (const segment of path) {
    const named = managed.find((a) => a.igUserId === segment);
    if (named) return named.igUserId;
    const owner = parseId(segment)?.owner;
    const ownerAccount = owner === undefined ? undefined : scenario.accounts[owner];
    if (ownerAccount && managed.includes(ownerAccount)) return ownerAccount.igUserId;
  }
  return managed[0]?.igUserId;
}

function linkedAccount(scenario: PlatformScenario, pageId: string): string | undefined {
  return scenario.accounts.find((a) => a.facebook?.pages.some((p) => p.id === pageId && p.linked))?.igUserId;
}

function finish(state: GraphCallState, req: GraphRequest, response: SimResponse, record?: TokenRecord, endpoint?: string): SimResponse {
  const account = record ? identity(state.scenario, record, req.segments).igUserId : undefined;
  const entry: Omit<RequestLogEntry, 'seq'> = {
    method: req.method,
    host: req.host,
    path: `/${req.segments.join('/')}`,
    query: visibleParams(req.params),
    status: response.status,
    endpoint: endpoint ?? normaliseEndpoint(req.segments, state.ids),
    time: new Date(state.now).toISOString(),
  };
  if (account) {
    entry.account = account;
    const username = state.scenario.accounts.find((a) => a.igUserId === account)?.username;
    if (username) entry.username = username;
  }
  if (record) entry.flow = record.flow;
  if (req.inBatch) entry.inBatch = true;
  state.log.add(entry);
  return response;
}
