// The network the local runtime's UrlFetchApp talks to, shared by every execution: the transport
// (in-process handler or real HTTP), simulated latency on the virtual clock, the manifest allowlist,
// each user's daily quota, and a log of every request (tokens redacted) for tests and benchmarks.
import { DailyQuota, type VirtualClock } from '../../platform';
import { HttpTransport } from './http-transport';
import { InProcessTransport, type Handler } from './in-process-transport';
import { exception, URL_FETCH_ERRORS } from './messages';
import { redactUrl } from './redact';
import type { Transport, WireOutcome, WireRequest } from './transport';

/**
 * Sent with every request by this local transport only (Google sends nothing like it), so the
 * Instagram simulator can follow the runtime's virtual clock across processes.
 */
export const VIRTUAL_TIME_HEADER = 'x-sheetgram-virtual-time';
export const CONSUMER_DAILY_QUOTA = 20_000;

export interface LocalNetworkOptions {
  /** in-process: call handler directly (fast, deterministic); http: real HTTP to a server in another process/thread. */
  mode: 'in-process' | 'http';
  handler?: Handler;
  /** Simulated network latency added to the virtual clock per round trip (fetchAll: one round trip for the batch). */
  latencyMs?: number;
  /**
   * urlFetchWhitelist from appsscript.json; when present, other URLs are refused, when absent every
   * URL is allowed (as in Apps Script). createRuntime sets it from the bundle's manifest.
   */
  allowlist?: string[];
  /**
   * Daily UrlFetch quota per user. Default: 20,000 (consumer); createRuntime replaces the counter
   * with its own (rt.quotas, consumer or workspace) unless this is given.
   */
  dailyQuota?: number;
  /** http mode: send every request to this local server (path and query kept, real host in Host). */
  upstream?: string;
}

export interface NetworkLogEntry {
  /** The URL with access_token and other secrets redacted. */
  url: string;
  method: string;
  /** HTTP status, or null when the network failed. */
  status: number | null;
  /** Node error code when the network failed (ECONNREFUSED, ETIMEDOUT...). */
  failure?: string;
  /** Email of the user whose execution sent it. */
  user: string;
  /** Virtual time the request was sent (epoch ms). */
  time: number;
  /** Requests of one fetchAll share a round trip number. */
  roundTrip: number;
}

export interface RequestContext {
  userId: string;
  userEmail: string;
  clock: VirtualClock;
}

export class LocalNetwork {
  readonly log: NetworkLogEntry[] = [];
  /** calls: requests counted against quota (fetchAll counts each); roundTrips: batches sent. */
  readonly stats = { calls: 0, roundTrips: 0 };
  allowlist: readonly string[] | undefined;
  /** The daily quota the network was given, if any (createRuntime keeps it then). */
  readonly givenDailyQuota: number | undefined;
  private readonly latencyMs: number;
  private quota: DailyQuota;
  private readonly transport: Transport;

  constructor(options: LocalNetworkOptions) {
    this.latencyMs = options.latencyMs ?? 0;
    this.givenDailyQuota = options.dailyQuota;
    this.quota = new DailyQuota(options.dailyQuota ?? CONSUMER_DAILY_QUOTA);
    this.allowlist = options.allowlist;
    if (options.mode === 'in-process') {
      if (!options.handler) throw new Error('LocalNetwork: the in-process mode needs a handler');
      this.transport = new InProcessTransport(options.handler);
    } else {
      this.transport = new HttpTransport({ upstream: options.upstream });
    }
  }

  /** Counts requests on this counter from now on (the runtime's rt.quotas 'urlfetch'). */
  useQuota(quota: DailyQuota): void {
    this.quota = quota;
  }

  /** The manifest's urlFetchWhitelist (undefined: every URL allowed). */
  setAllowlist(allowlist: readonly string[] | undefined): void {
    this.allowlist = allowlist;
  }

  /** Requests this user may still send today. */
  quotaRemaining(userId: string, now: number): number {
    return this.quota.remaining(userId, now);
  }

  /** Counts `calls` requests against the user's daily quota, or throws Google's message. */
  charge(userId: string, now: number, calls: number): void {
    if (!this.quota.take(userId, now, calls)) throw exception(URL_FETCH_ERRORS.dailyQuota);
    this.stats.calls += calls;
  }

  /** Sends one batch as one round trip: adds the virtual-time header, the latency, and logs it. */
  roundTrip(requests: WireRequest[], context: RequestContext): WireOutcome[] {
    const sentAt = context.clock.now();
    this.stats.roundTrips += 1;
    const tooSlow = (req: WireRequest) => this.latencyMs > req.timeoutMs;
    const toSend = requests.filter((req) => !tooSlow(req)).map((req) => ({ ...req, headers: { ...req.headers, [VIRTUAL_TIME_HEADER]: String(sentAt) } }));
    const answers = toSend.length > 0 ? this.transport.exchange(toSend) : [];
    const outcomes = requests.map((req): WireOutcome => (tooSlow(req) ? { ok: false, code: 'ETIMEDOUT' } : answers.shift()!));
    const waited = Math.max(...requests.map((req) => Math.min(this.latencyMs, req.timeoutMs)));
    if (waited > 0) context.clock.advance(waited);
    requests.forEach((req, i) => {
      const outcome = outcomes[i];
      this.log.push({
        url: redactUrl(req.url),
        method: req.method,
        status: outcome.ok ? outcome.response.status : null,
        ...(outcome.ok ? {} : { failure: outcome.code }),
        user: context.userEmail,
        time: sentAt,
        roundTrip: this.stats.roundTrips,
      });
    });
    return outcomes;
  }

  /** Stops the HTTP worker; the network cannot be used afterwards. */
  close(): void {
    this.transport.close();
  }
}
