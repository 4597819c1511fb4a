// The simulator's state and front door: one scenario's World, tokens, codes, limits, faults, log and
// virtual clock, and the dispatch of each request to the host that serves it.
import { errorResponse, instagramCodeExchangeError, PLATFORM_ERRORS, resetTraceIds, type SimResponse } from '../errors';
import type { FaultSettings, GraphBackend, GraphHost, IssuedToken, PlatformScenario, SimRequest, Simulator, SimulatorControl, SimulatorOptions, TokenKind } from '../platform-types';
import { batch } from '../batch';
import { handleControl } from '../control';
import { Faults } from '../faults';
import { authorize, type OAuthContext } from '../oauth/authorize';
import { CodeStore } from '../oauth/codes';
import { errorPage } from '../oauth/consent-page';
import { facebookAccessToken } from '../oauth/facebook-tokens';
import { exchangeInstagramCode, exchangeInstagramToken, refreshInstagramToken } from '../oauth/instagram-tokens';
import { FLOW_SCOPES } from '../oauth/scopes';
import { RateLimiter } from '../rate-limit';
import { RequestLog, visibleParams, type KnownIds } from '../request-log';
import { htmlResponse, hostUrls, isControlRequest, jsonResponse, parseRequest, type Host, type ParsedRequest } from '../router';
import { TokenStore } from '../tokens/store';
import { checkVersion, DEFAULT_VERSION, isVersionSegment } from '../versions';
import { graphCall, revokeAccount, type GraphCallState, type GraphRequest } from './graph-call';
import { defaultGraphBackend, defaultScenarios } from './defaults';

export const VIRTUAL_TIME_HEADER = 'x-sheetgram-virtual-time';

export class SimulatorCore implements Simulator {
  private base: string;
  readonly control: SimulatorControl;
  private readonly graph: GraphBackend<any>;
  private readonly scenarios: Record<string, () => PlatformScenario>;
  private state!: GraphCallState;
  private codes!: CodeStore;

  constructor(private readonly options: SimulatorOptions) {
    this.base = options.baseUrl ?? 'http://127.0.0.1:4010';
    this.graph = options.graph ?? defaultGraphBackend();
    this.scenarios = { ...defaultScenarios(), ...(options.scenarios ?? {}) };
    this.load(options.scenario);
    this.control = this.makeControl();
  }

  get baseUrl(): string {
    return this.base;
  }

  /** The HTTP adapter sets the real address once it listens; paging links follow it. */
  set baseUrl(url: string) {
    this.base = url;
    this.state.baseUrl = url;
  }

  handle(req: SimRequest): SimResponse {
    if (isControlRequest(req.url)) return handleControl(this.control, req);
    const answer = this.dispatch(req);
    const latency = this.state.faults.latencyMs();
    return latency > 0 ? { ...answer, delayMs: latency } : answer;
  }

  private dispatch(req: SimRequest): SimResponse {
    const parsed = parseRequest(req);
    this.followClientClock(parsed.headers[VIRTUAL_TIME_HEADER]);
    switch (parsed.host) {
      case 'www.instagram.com':
        return this.oauthPage('instagram', parsed, ['oauth', 'authorize']);
      case 'www.facebook.com':
        return this.oauthPage('facebook', parsed, ['dialog', 'oauth']);
      case 'api.instagram.com':
        return this.instagramApi(parsed);
      case 'graph.instagram.com':
      case 'graph.facebook.com':
        return this.graphHost(parsed.host, parsed);
      default:
        return jsonResponse(404, { error: 'Unknown host: use a path prefix such as /graph.instagram.com', hosts: hostUrls(this.baseUrl) });
    }
  }

  private load(scenario: PlatformScenario): void {
    resetTraceIds();
    const copy = structuredClone(scenario);
    this.codes = new CodeStore(copy.seed);
    this.state = {
      scenario: copy,
      world: this.graph.build(copy),
      graph: this.graph,
      tokens: new TokenStore(copy.seed),
      limiter: new RateLimiter(copy.limits),
      faults: new Faults(copy.seed, copy.faults),
      log: new RequestLog(),
      ids: knownIds(copy),
      now: Date.parse(copy.start),
      baseUrl: this.base,
    };
  }

  private followClientClock(header: string | undefined): void {
    if (this.options.clock === 'own' || header === undefined) return;
    const ms = Number(header);
    if (Number.isFinite(ms) && ms > this.state.now) this.state.now = ms;
  }

  private oauthContext(): OAuthContext {
    return { scenario: this.state.scenario, tokens: this.state.tokens, codes: this.codes, now: this.state.now };
  }

  private oauthPage(flow: 'instagram' | 'facebook', req: ParsedRequest, path: string[]): SimResponse {
    const rest = flow === 'facebook' && isVersionSegment(req.segments[0] ?? '') ? req.segments.slice(1) : req.segments;
    const brand = flow === 'instagram' ? 'Instagram' : 'Facebook';
    if (rest.join('/') !== path.join('/') || (req.method !== 'GET' && req.method !== 'POST')) {
      return this.logged(req, htmlResponse(404, errorPage(brand, 'Sorry, this page isn’t available.')));
    }
    if (rest !== req.segments && !checkVersion(req.segments[0], this.state.now).ok) {
      return this.logged(req, htmlResponse(400, errorPage(brand, PLATFORM_ERRORS.deprecatedVersion(DEFAULT_VERSION).message)));
    }
    return this.logged(req, authorize(flow, req, this.oauthContext()));
  }

  private instagramApi(req: ParsedRequest): SimResponse {
    if (req.segments.join('/') !== 'oauth/access_token') return this.logged(req, jsonResponse(404, { error_type: 'OAuthException', code: 404, error_message: 'Unknown path' }));
    if (req.method !== 'POST') return this.logged(req, instagramCodeExchangeError('Unsupported method: use POST'));
    return this.logged(req, exchangeInstagramCode(req.params, this.oauthContext()));
  }

  private graphHost(host: GraphHost, req: ParsedRequest): SimResponse {
    const versioned = isVersionSegment(req.segments[0] ?? '');
    const version = checkVersion(versioned ? req.segments[0] : undefined, this.state.now);
    const rest = versioned ? req.segments.slice(1) : req.segments;
    const noUsage = this.state.limiter.headers(undefined, this.state.now);
    if (!version.ok) return this.logged(req, errorResponse(PLATFORM_ERRORS.deprecatedVersion(DEFAULT_VERSION), noUsage));
    const route = rest.join('/');
    const ctx = this.oauthContext();
    const tokenEndpoint =
      host === 'graph.instagram.com' && route === 'access_token'
        ? exchangeInstagramToken
        : host === 'graph.instagram.com' && route === 'refresh_access_token'
          ? refreshInstagramToken
          : host === 'graph.facebook.com' && route === 'oauth/access_token'
            ? facebookAccessToken
            : undefined;
    if (tokenEndpoint) return this.logged(req, withHeaders(tokenEndpoint(req.params, ctx), noUsage));
    const call: GraphRequest = {
      host, version: version.version, method: req.method, segments: req.segments, rest, params: req.params, token: tokenOf(req), hostFromPath: req.hostPrefix !== '',
    };
    if (route === '' && req.method === 'POST' && req.params.batch !== undefined) {
      const allowed = host === 'graph.facebook.com' || this.state.scenario.platform?.batchOnInstagramHost === true;
      if (!allowed) return this.logged(req, errorResponse(PLATFORM_ERRORS.batchNotOnHost(), noUsage));
      return this.logged(req, batch(this.state, call), '/ (batch)');
    }
    return graphCall(this.state, call);
  }

  /** Logs a request that is not a plain Graph call (those log themselves). */
  private logged(req: ParsedRequest, response: SimResponse, endpoint?: string): SimResponse {
    const segments = req.segments;
    this.state.log.add({
      method: req.method,
      host: req.host as Host,
      path: `/${segments.join('/')}`,
      query: visibleParams(req.params),
      status: response.status,
      endpoint: endpoint ?? `/${segments.filter((s, i) => !(i === 0 && isVersionSegment(s))).join('/')}`,
      time: new Date(this.state.now).toISOString(),
    });
    return response;
  }

  private makeControl(): SimulatorControl {
    return {
      reset: (scenario) => this.load(typeof scenario === 'string' ? this.namedScenario(scenario) : scenario),
      now: () => this.state.now,
      setClock: (ms) => {
        if (!Number.isFinite(ms) || ms < this.state.now) throw new Error(`the virtual clock cannot go back from ${new Date(this.state.now).toISOString()}`);
        this.state.now = ms;
      },
      advanceClock: (ms) => {
        if (!Number.isFinite(ms) || ms < 0) throw new Error('advance the virtual clock by a positive number of milliseconds');
        this.state.now += ms;
      },
      faults: () => this.state.faults.current(),
      setFaults: (patch: FaultSettings) => this.state.faults.set(patch),
      log: () => this.state.log.list(),
      counts: () => this.state.log.counts(),
      clearLog: () => this.state.log.clear(),
      issueToken: (who) => this.issueToken(who),
      revokeTokens: (who, subcode = 460) => {
        if (who.igUserId) return revokeAccount(this.state, who.igUserId, subcode);
        return this.state.tokens.revokeWhere((r) => r.fbUserId === who.fbUserId, subcode);
      },
      followerDays: (igUserId, days) => {
        if (!this.graph.followerDays) throw new Error('this simulator\'s Graph backend keeps no follower history');
        return this.graph.followerDays(this.state.world, igUserId, this.state.now, days);
      },
    };
  }

  private namedScenario(name: string): PlatformScenario {
    const make = this.scenarios[name];
    if (!make) throw new Error(`no scenario named "${name}" (known: ${Object.keys(this.scenarios).join(', ') || 'none'})`);
    return make();
  }

  private issueToken(who: { igUserId?: string; fbUserId?: string; pageId?: string; kind: TokenKind; scopes?: string[] }): IssuedToken {
    const flow = who.kind.startsWith('ig-') ? 'instagram' : 'facebook';
    const app = this.state.scenario.apps.find((a) => a.flow === flow);
    if (!app) throw new Error(`the scenario has no ${flow} app`);
    const account = this.state.scenario.accounts.find((a) => (flow === 'instagram' ? a.igUserId === who.igUserId : a.facebook?.userId === who.fbUserId));
    if (!account) throw new Error(flow === 'instagram' ? `no account with igUserId ${who.igUserId}` : `no Facebook user ${who.fbUserId}`);
    const scopes = who.scopes ?? (account.grantedScopes ? FLOW_SCOPES[flow].filter((s) => account.grantedScopes?.includes(s)) : [...FLOW_SCOPES[flow]]);
    if (who.kind === 'page') {
      if (!who.pageId || !account.facebook?.pages.some((p) => p.id === who.pageId)) throw new Error(`Facebook user ${who.fbUserId} has no Page ${who.pageId}`);
      const owner = this.state.tokens.issue({ kind: 'fb-long', appId: app.clientId, fbUserId: who.fbUserId, scopes }, this.state.now);
      const linked = account.facebook.pages.find((p) => p.id === who.pageId)?.linked ? account.igUserId : undefined;
      const token = this.state.tokens.pageToken(owner, who.pageId, this.state.now, linked);
      return { accessToken: token, kind: 'page', expiresAt: null };
    }
    const record = this.state.tokens.issue(
      { kind: who.kind, appId: app.clientId, scopes, ...(flow === 'instagram' ? { igUserId: account.igUserId } : { fbUserId: who.fbUserId }) },
      this.state.now,
    );
    return { accessToken: record.token, kind: record.kind, expiresAt: record.expiresAt };
  }
}

function tokenOf(req: ParsedRequest): string | undefined {
  if (req.params.access_token) return req.params.access_token;
  const auth = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(req.headers.authorization ?? '');
  return auth?.[1];
}

function withHeaders(response: SimResponse, headers: Record<string, string>): SimResponse {
  return { ...response, headers: { ...headers, ...response.headers } };
}

function knownIds(s: PlatformScenario): KnownIds {
  return {
    igUserIds: new Set(s.accounts.map((a) => a.igUserId)),
    pageIds: new Set(s.accounts.flatMap((a) => a.facebook?.pages.map((p) => p.id) ?? [])),
    fbUserIds: new Set(s.accounts.flatMap((a) => (a.facebook ? [a.facebook.userId] : []))),
  };
}
