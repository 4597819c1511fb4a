// The types the simulator's Platform half and its World & Graph agree on: a leaf module (it imports
// nothing of the simulator's), so the files that share them do not import each other through handler.ts.
import type { SimResponse } from './errors';

/** The part of a scenario the Platform half reads (the full Scenario lives in scenario/types.ts). */
export interface PlatformScenario {
  seed: number;
  /** ISO date-time: where the virtual clock starts. */
  start: string;
  apps: { flow: 'instagram' | 'facebook'; clientId: string; clientSecret: string; redirectUris: string[] }[];
  accounts: PlatformAccount[];
  faults?: FaultSettings;
  limits?: LimitSettings;
  /** Platform choices where Meta's behaviour is uncertain (reference "Things that could not be verified"). */
  platform?: PlatformSettings;
}

export interface PlatformAccount {
  igUserId: string;
  username: string;
  name?: string;
  type: 'business' | 'creator' | 'personal';
  loginFlows: ('instagram' | 'facebook')[];
  facebook?: { userId: string; name?: string; pages: { id: string; name: string; linked: boolean }[] };
  grantedScopes?: string[];
}

export interface FaultSettings {
  /** Share of Graph calls (0..1) answered with code 1 (HTTP 500) or code 2 (HTTP 503). */
  transientRate?: number;
  /** Real milliseconds the HTTP adapter waits before answering. */
  latencyMs?: number;
  /** Share of Graph answers whose body is cut off mid-JSON. */
  malformedRate?: number;
  /** Share of list pages that lose items but keep a working `next` link. */
  truncatedPageRate?: number;
  /** When true, every request that carries an `after`/`before` cursor fails with code 100. */
  expireCursors?: boolean;
  /** Revoke (subcode 460) every token of the account once it has made `atCall` Graph calls. */
  revokeTokenOf?: { igUserId: string; atCall: number }[];
  /** Lists of /media, /stories and /tags that Instagram cuts short (see faults.ts); null turns one off. */
  truncateListing?: { afterPage: number } | null;
  emptyPageWithNext?: { afterPage: number; times?: number } | null;
  repeatCursor?: { afterPage: number } | null;
    /**
     * The next `calls` Graph calls (that read insights, or all calls) answer HTTP 400 code 100 subcode 33
     * "Invalid parameter", as Meta does under load; the same calls succeed afterwards. null turns it off.
     */
    invalidParameterBurst?: { calls: number; on?: 'insights' | 'all' } | null;
    /**
     * Calls that ask for more than `maxItems` items answer HTTP 500 code 1 "Please reduce the amount of
     * data you're asking for, then retry your request" until they ask for less (see requestItems).
     */
    reduceData?: { maxItems: number } | null;
}

export interface LimitSettings {
  mediaPageCap?: number;
  /** 'per-token-hourly' mode: the per-token rolling-hour call budget (default 5000). */
  callsPerHour?: number;
  /**
   * 'per-token-hourly' (default of the built-in scenarios; the old model): a per-token rolling hour.
   * 'buc' (as Meta counts today, reference §8.1): per app + IG account per rolling 24 h, 4800 x the
   * account's impressions (its World views in those 24 h), with CPU and time; Business Discovery and
   * hashtag calls per Facebook user per rolling hour. See rate-limit.ts and docs/scenarios.md.
   */
  rateLimitMode?: 'per-token-hourly' | 'buc';
  /** 'buc' mode: a fixed number of impressions for every account instead of its World views. */
  bucImpressions?: number;
  /** 'buc' mode: Business Discovery and hashtag calls per Facebook user per rolling hour (default 200; code 17 past it). */
  platformCallsPerHour?: number;
  /** 'buc' mode: calls a window holds before its usage headers appear (default 10; 0: from the first call). */
  usageHeadersAfter?: number;
  /** Optional app-wide rolling-hour budget (Platform rate limit, code 4). Unset: no app-wide limit. */
  appCallsPerHour?: number;
}

export interface PlatformSettings {
  /** Shape of the api.instagram.com code exchange answer (reference §1.1: documented wrapped, seen flat). */
  tokenResponseShape?: 'wrapped' | 'flat';
  /** Whether graph.instagram.com accepts batch requests (unknown; default false: code 100). */
  batchOnInstagramHost?: boolean;
}

export type GraphHost = 'graph.instagram.com' | 'graph.facebook.com';

/** Who an access token belongs to; Platform resolves the token, World & Graph answers for it. */
export interface Viewer {
  flow: 'instagram' | 'facebook';
  appId: string;
  igUserId?: string;
  fbUserId?: string;
  pageId?: string;
  scopes: string[];
}

export interface GraphCall {
  host: GraphHost;
  version: string;
  method: 'GET' | 'POST';
  /** After the version, no leading slash: 'me', '17841400000000001/media'. */
  path: string;
  /** Query + form parameters, WITHOUT access_token. */
  query: Record<string, string>;
  viewer: Viewer;
  /** Virtual time, epoch ms. */
  now: number;
  /** Where paging links point, e.g. http://127.0.0.1:4010/graph.instagram.com (no version). */
  baseUrl: string;
  /** The caller's token, to put into paging links as access_token. */
  tokenForLinks: string;
  /** A Page access token for a Page the viewer manages (for /me/accounts); deterministic, never expires. */
  pageToken: (pageId: string) => string;
}

export interface GraphAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** Normalised endpoint for the request log's counts, e.g. '/{ig-user-id}/media'. */
  endpoint?: string;
}

/** World & Graph, as Platform uses it: build data from a scenario, answer one Graph call. */
export interface GraphBackend<W = unknown> {
  build(scenario: PlatformScenario): W;
  route(world: W, call: GraphCall): GraphAnswer;
  /** The last `days` complete days of an account's followers (what a rebuilt history is checked against). */
  followerDays?(world: W, igUserId: string, nowMs: number, days: number): unknown[];
}

export interface SimRequest {
  method: string;
  /** Path and query, e.g. /graph.instagram.com/v27.0/me?fields=id */
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface RequestLogEntry {
  seq: number;
  method: string;
  host: string;
  /** Path as asked, without the host prefix, e.g. /v27.0/me/media */
  path: string;
  /** Query and form parameters with access_token, client_secret, code and fb_exchange_token removed. */
  query: Record<string, string>;
  status: number;
  /** Normalised endpoint, e.g. /{ig-user-id}/media. */
  endpoint: string;
  account?: string;
  username?: string;
  flow?: 'instagram' | 'facebook';
  /** Virtual time, ISO. */
  time: string;
  /** Set for operations inside a batch request. */
  inBatch?: boolean;
}

export interface IssuedToken {
  accessToken: string;
  kind: TokenKind;
  expiresAt: number | null;
}

export type TokenKind = 'ig-short' | 'ig-long' | 'fb-short' | 'fb-long' | 'page';

export interface SimulatorControl {
  /** Start over from a scenario (or a built-in one by name): data, clock, tokens, limits, faults, log. */
  reset(scenario: PlatformScenario | string): void;
  now(): number;
  setClock(ms: number): void;
  advanceClock(ms: number): void;
  faults(): FaultSettings;
  /** Merges into the current fault settings. */
  setFaults(patch: FaultSettings): void;
  log(): RequestLogEntry[];
  /** Calls per normalised endpoint, e.g. { 'GET graph.instagram.com /{ig-user-id}/media': 3 }. */
  counts(): Record<string, number>;
  clearLog(): void;
  /** Mints a token without the OAuth pages (for playgrounds and benchmarks). */
  issueToken(who: { igUserId?: string; fbUserId?: string; pageId?: string; kind: TokenKind; scopes?: string[] }): IssuedToken;
  /** Revokes every token of an account (subcode 460 password changed, 458 app removed). */
  revokeTokens(who: { igUserId?: string; fbUserId?: string }, subcode?: 458 | 460): number;
  /** The account's last `days` complete Pacific days: follows, unfollows, followers_count at each day's end. */
  followerDays(igUserId: string, days: number): unknown[];
}

export interface Simulator {
  handle(req: SimRequest): SimResponse;
  readonly control: SimulatorControl;
  /** Base URL that links and redirects point at, e.g. http://127.0.0.1:4010 */
  baseUrl: string;
}

export interface SimulatorOptions {
  scenario: PlatformScenario;
  /** Default http://127.0.0.1:4010; the HTTP adapter sets the real one. */
  baseUrl?: string;
  /** 'client' (default): honour x-sheetgram-virtual-time (never going back); 'own': ignore it. */
  clock?: 'own' | 'client';
  /** World & Graph; defaults to the real World and routeGraph. */
  graph?: GraphBackend<any>;
  /** Named scenarios for reset('name'); 'default' is the built-in default scenario. */
  scenarios?: Record<string, () => PlatformScenario>;
}
