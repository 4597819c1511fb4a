// Rate limits on the virtual clock (reference §8), in one of two modes:
// - 'per-token-hourly' (the built-in scenarios' default, the old model): a per-token rolling hour
//   (default 5000 calls), code 17 (32 for Page tokens), usage headers on every answer.
// - 'buc', as Meta counts today: Instagram Platform calls fall under Business Use Case limits per app +
//   Instagram account over a rolling 24 hours: 4800 x the account's impressions in that time (from the
//   World's daily views, or a fixed `bucImpressions`), counting calls, CPU time and total time (which
//   grow with page size and nested fields); over 100 % of any of them: code 80002 with
//   estimated_time_to_regain_access. Business Discovery and hashtag calls fall under Platform rate limits
//   instead: per Facebook user per rolling hour (code 17). Usage headers appear once calls are being
//   counted (not on the first calls of a window) and not on error answers other than a throttle.
// Either mode may add an app-wide hour (code 4). Calls made while throttled still count and so extend
// the block, as Meta warns.
import { PLATFORM_ERRORS, type GraphErrorSpec } from './errors';
import type { LimitSettings } from './platform-types';
import { World } from './world';
import { accountDaily } from './world/insights';
import { pacificDay, pacificDayEnd, pacificMidnight } from './world/time';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const DEFAULT_CALLS_PER_HOUR = 5000;
/** Meta's Business Use Case formula for Instagram: calls per rolling 24 hours per impression. */
export const BUC_CALLS_PER_IMPRESSION = 4800;
/** No floor is documented for Instagram (the Threads API floors impressions at 10); the simulator floors at 1. */
export const MIN_BUC_IMPRESSIONS = 1;
/** Used in 'buc' mode for an account the World does not know. */
export const DEFAULT_BUC_IMPRESSIONS = 10;
/** Business Discovery and hashtag calls per Facebook user per rolling hour ('buc' mode). */
export const DEFAULT_PLATFORM_CALLS_PER_HOUR = 200;
/** Calls a window holds before usage headers appear ('buc' mode). */
export const DEFAULT_USAGE_HEADERS_AFTER = 10;
/** CPU time and total time allowed per allowed call: a plain call costs 1 of each; pages and nested fields cost more. */
export const CPU_UNITS_PER_CALL = 2;
export const TIME_UNITS_PER_CALL = 3;

export interface CallerIdentity {
  token: string;
  appId: string;
  igUserId?: string;
  fbUserId?: string;
  pageId?: string;
  isPageToken: boolean;
}

/** What the limiter needs to know about a call beyond who makes it. */
export interface CallContext {
  /** Business Discovery or Hashtag Search: Platform rate limits, not the account's Business Use Case. */
  platform?: boolean;
  /** The account's impressions in the 24 hours before `now` ('buc' mode), when the World knows them. */
  impressions?: (igUserId: string) => number | undefined;
}

/** What a call costs Meta beyond being one call. */
export interface CallCost {
  cpu: number;
  time: number;
}

export interface RateDecision {
  /** Set when the call must be refused. */
  error?: GraphErrorSpec;
  /** Usage headers for a refusal (and, in 'per-token-hourly' mode, for any answer). */
  headers: Record<string, string>;
  /** The recorded call, to charge its cost once the answer is known. */
  call?: RecordedCall;
}

interface Entry {
  t: number;
  cpu: number;
  time: number;
}

interface Window {
  entries: Entry[];
  /** Sums of the entries' CPU and time, kept as entries come and go. */
  cpu: number;
  time: number;
}

/** A recorded call: its entries in each window it counts in, and what `settle` needs. */
export interface RecordedCall {
  who: CallerIdentity;
  entries: [Window, Entry][];
  platform: boolean;
  now: number;
  impressions?: CallContext['impressions'];
}

interface Budget {
  key: string;
  windowMs: number;
  /** Calls allowed; CPU and time allowances follow from it when `resources`. */
  limit: number;
  resources: boolean;
  error: () => GraphErrorSpec;
}

/** Calls per key with their CPU and time, pruned to the window. */
class CallWindows {
  private windows = new Map<string, Window>();

  add(key: string, now: number, windowMs: number): [Window, Entry] {
    const w = this.get(key, now, windowMs);
    const entry = { t: now, cpu: 1, time: 1 };
    w.entries.push(entry);
    w.cpu += entry.cpu;
    w.time += entry.time;
    return [w, entry];
  }

  get(key: string, now: number, windowMs: number): Window {
    const w = this.windows.get(key) ?? { entries: [], cpu: 0, time: 0 };
    let drop = 0;
    while (drop < w.entries.length && w.entries[drop].t <= now - windowMs) {
      w.cpu -= w.entries[drop].cpu;
      w.time -= w.entries[drop].time;
      drop += 1;
    }
    if (drop) w.entries = w.entries.slice(drop);
    this.windows.set(key, w);
    return w;
  }

  static charge(w: Window, entry: Entry, cost: CallCost): void {
    w.cpu += cost.cpu - entry.cpu;
    w.time += cost.time - entry.time;
    entry.cpu = cost.cpu;
    entry.time = cost.time;
  }
}

type Metric = 'calls' | 'cpu' | 'time';
const valueOf = (e: Entry, m: Metric) => (m === 'calls' ? 1 : e[m]);

/** Percent used of each allowance (`except`: leave one entry out, the call being judged). */
function usage(w: Window, b: Budget, except?: Entry): Record<Metric, number> {
  const pct = (used: number, allowed: number) => (allowed > 0 ? (100 * used) / allowed : 100);
  return {
    calls: pct(w.entries.length - (except ? 1 : 0), b.limit),
    cpu: b.resources ? pct(w.cpu - (except?.cpu ?? 0), b.limit * CPU_UNITS_PER_CALL) : 0,
    time: b.resources ? pct(w.time - (except?.time ?? 0), b.limit * TIME_UNITS_PER_CALL) : 0,
  };
}

function throttled(w: Window, b: Budget): boolean {
  return w.entries.length > b.limit || (b.resources && (w.cpu >= b.limit * CPU_UNITS_PER_CALL || w.time >= b.limit * TIME_UNITS_PER_CALL));
}

/** While throttled: minutes until there is room for a call again on every measure; 0 when not throttled. */
function regainMinutes(w: Window, b: Budget, now: number): number {
  if (!throttled(w, b)) return 0;
  let freedAt = now;
  const allowances: [Metric, number, number][] = [['calls', b.limit, w.entries.length]];
  if (b.resources) allowances.push(['cpu', b.limit * CPU_UNITS_PER_CALL, w.cpu], ['time', b.limit * TIME_UNITS_PER_CALL, w.time]);
  for (const [m, allowed, sum] of allowances) {
    let total = sum;
    const full = (x: number) => (m === 'calls' ? x > allowed - 1 : x >= allowed);
    for (const e of w.entries) {
      if (!full(total)) break;
      total -= valueOf(e, m);
      freedAt = Math.max(freedAt, e.t + b.windowMs);
    }
  }
  return freedAt > now ? Math.max(1, Math.ceil((freedAt - now) / 60_000)) : 0;
}

/** CPU and time of a call: one unit each, more with the items it returns and the nested fields it expands. */
export function callCost(query: Record<string, string>, body: unknown): CallCost {
  const data = typeof body === 'object' && body !== null && Array.isArray((body as { data?: unknown }).data) ? (body as { data: unknown[] }).data : null;
  const items = data ? data.length : 1;
  const nested = ((query.fields ?? '').match(/\{/g) ?? []).length + ((query.metric ?? '').split(',').length > 1 ? 1 : 0);
  const weight = items * (1 + nested);
  return { cpu: Math.round((1 + weight / 25) * 100) / 100, time: Math.round((1 + weight / 15) * 100) / 100 };
}

/** An account's views in the 24 hours before `now`, from the World's daily views (today's part and yesterday's). */
export function worldImpressions(world: unknown, igUserId: string, now: number): number | undefined {
  if (!(world instanceof World) || !world.account(igUserId)) return undefined;
  const today = pacificDay(now);
  const start = pacificMidnight(today);
  const elapsed = Math.min(1, Math.max(0, (now - start) / (pacificDayEnd(today) - start)));
  const views = (day: number) => accountDaily(world.seed, igUserId, 'views', day, world.followersAt(igUserId, pacificDayEnd(day)));
  return Math.round(views(today) * elapsed + views(today - 1) * (1 - elapsed));
}

export class RateLimiter {
  private readonly windows = new CallWindows();
  /** 'buc' mode: the accounts each token's calls counted against, for the usage header of a batch. */
  private readonly accountsOfToken = new Map<string, Map<string, CallContext['impressions']>>();

  constructor(private readonly limits: LimitSettings = {}) {}

  private get buc(): boolean {
    return this.limits.rateLimitMode === 'buc';
  }

  /** Counts one Graph call and says whether it is throttled. */
  record(who: CallerIdentity, now: number, context: CallContext = {}): RateDecision {
    const platform = this.buc && context.platform === true;
    const budgets = this.budgetsFor(who, platform, context.impressions);
    const entries = budgets.map((b) => this.windows.add(b.key, now, b.windowMs));
    const call: RecordedCall = { who, entries, platform, now, impressions: context.impressions };
    if (this.buc && !platform && who.igUserId) {
      const seen = this.accountsOfToken.get(who.token) ?? new Map();
      seen.set(who.igUserId, context.impressions);
      this.accountsOfToken.set(who.token, seen);
    }
    // Calls over the limit are refused; so is any call once the CPU or time used before it reached 100 %.
    const over = budgets.find((b, i) => {
      const [w, entry] = entries[i];
      const before = usage(w, b, entry);
      return w.entries.length > b.limit || before.cpu >= 100 || before.time >= 100;
    });
    if (over) return { error: over.error(), headers: this.headersFor(call, true), call };
    return { headers: this.buc ? {} : this.headersFor(call, true), call };
  }

  /** Charges the answer's cost; the usage headers the answer carries (none on an error answer in 'buc' mode). */
  settle(decision: RateDecision, status: number, cost: CallCost = { cpu: 1, time: 1 }): Record<string, string> {
    const call = decision.call;
    if (!call) return decision.headers;
    for (const [w, entry] of call.entries) CallWindows.charge(w, entry, cost);
    if (this.buc && status >= 400) return {};
    return this.headersFor(call, false);
  }

  /** Usage headers without counting a call: for answers refused before they count, and a batch's own answer. */
  headers(who: CallerIdentity | undefined, now: number): Record<string, string> {
    if (this.buc) {
      if (!who) return {};
      const accounts = this.accountsOfToken.get(who.token);
      if (!accounts?.size) return {};
      const objects: Record<string, unknown[]> = {};
      for (const [igUserId, impressions] of accounts) {
        const b = this.bucBudget({ ...who, igUserId }, impressions);
        const w = this.windows.get(b.key, now, b.windowMs);
        if (w.entries.length < this.headersAfter) continue;
        objects[igUserId] = [this.bucEntry(w, b, now)];
      }
      return Object.keys(objects).length ? { 'x-business-use-case-usage': JSON.stringify(objects) } : {};
    }
    if (!who) return { 'x-app-usage': JSON.stringify({ call_count: 0, total_time: 0, total_cputime: 0 }), 'x-business-use-case-usage': '{}' };
    return this.headersFor({ who, entries: [], platform: false, now }, true);
  }

  private get headersAfter(): number {
    return this.limits.usageHeadersAfter ?? DEFAULT_USAGE_HEADERS_AFTER;
  }

  private headersFor(call: RecordedCall, refused: boolean): Record<string, string> {
    const { who, now } = call;
    if (!this.buc) {
      const main = this.tokenBudget(who);
      const count = this.windows.get(main.key, now, main.windowMs).entries.length;
      const pct = Math.floor((100 * count) / main.limit);
      const regain = Math.max(...this.budgetsFor(who, false).map((b) => regainMinutes(this.windows.get(b.key, now, b.windowMs), b, now)));
      return legacyHeaders(who.igUserId ?? who.pageId ?? who.fbUserId ?? who.appId, pct, regain, pct);
    }
    const headers: Record<string, string> = {};
    const [main] = this.budgetsFor(who, call.platform, call.impressions);
    const w = this.windows.get(main.key, now, main.windowMs);
    // Meta adds the headers once an endpoint gets enough traffic; a throttled answer always has them.
    if (!refused && w.entries.length < this.headersAfter) return headers;
    if (call.platform) {
      const u = usage(w, main);
      headers['x-app-usage'] = JSON.stringify({ call_count: Math.floor(u.calls), total_time: Math.floor(u.calls * 0.6), total_cputime: Math.floor(u.calls * 0.3) });
    } else if (who.igUserId) {
      headers['x-business-use-case-usage'] = JSON.stringify({ [who.igUserId]: [this.bucEntry(w, main, now)] });
    }
    return headers;
  }

  private bucEntry(w: Window, b: Budget, now: number): Record<string, unknown> {
    const u = usage(w, b);
    return {
      type: 'instagram', call_count: Math.floor(u.calls), total_cputime: Math.floor(u.cpu), total_time: Math.floor(u.time),
      estimated_time_to_regain_access: regainMinutes(w, b, now),
    };
  }

  private budgetsFor(who: CallerIdentity, platform: boolean, impressions?: CallContext['impressions']): Budget[] {
    const main = !this.buc ? this.tokenBudget(who) : platform ? this.platformBudget(who) : this.bucBudget(who, impressions);
    const app = this.limits.appCallsPerHour
      ? [{ key: `app:${who.appId}`, windowMs: HOUR, limit: this.limits.appCallsPerHour, resources: false, error: PLATFORM_ERRORS.appLimit }]
      : [];
    return [main, ...app];
  }

  private tokenBudget(who: CallerIdentity): Budget {
    return {
      key: `token:${who.token}`,
      windowMs: HOUR,
      limit: this.limits.callsPerHour ?? DEFAULT_CALLS_PER_HOUR,
      resources: false,
      error: who.isPageToken ? PLATFORM_ERRORS.pageLimit : PLATFORM_ERRORS.userLimit,
    };
  }

  private platformBudget(who: CallerIdentity): Budget {
    return {
      key: `platform:${who.appId}:${who.fbUserId ?? who.token}`,
      windowMs: HOUR,
      limit: this.limits.platformCallsPerHour ?? DEFAULT_PLATFORM_CALLS_PER_HOUR,
      resources: false,
      error: PLATFORM_ERRORS.userLimit,
    };
  }

  private bucBudget(who: CallerIdentity, impressions?: CallContext['impressions']): Budget {
    const account = who.igUserId ?? who.pageId ?? who.fbUserId;
    const fromWorld = this.limits.bucImpressions === undefined && who.igUserId ? impressions?.(who.igUserId) : undefined;
    const counted = this.limits.bucImpressions ?? fromWorld ?? DEFAULT_BUC_IMPRESSIONS;
    return {
      key: `buc:${who.appId}:${account}`,
      windowMs: DAY,
      limit: BUC_CALLS_PER_IMPRESSION * (this.limits.bucImpressions !== undefined ? counted : Math.max(MIN_BUC_IMPRESSIONS, counted)),
      resources: true,
      error: PLATFORM_ERRORS.instagramBucLimit,
    };
  }
}

/** 'per-token-hourly' mode: whole-number percentages; time figures derived from the call count. */
function legacyHeaders(objectId: string, pct: number, regainMinutes: number, appPct = pct): Record<string, string> {
  const share = (p: number, factor: number) => Math.floor(p * factor);
  return {
    'x-app-usage': JSON.stringify({ call_count: appPct, total_time: share(appPct, 0.6), total_cputime: share(appPct, 0.3) }),
    'x-business-use-case-usage': JSON.stringify({
      [objectId]: [{ type: 'instagram', call_count: pct, total_cputime: share(pct, 0.3), total_time: share(pct, 0.6), estimated_time_to_regain_access: regainMinutes }],
    }),
  };
}
