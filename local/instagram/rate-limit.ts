// Rate limits on the virtual clock (reference §8): a per-token rolling hour (default 5000 calls), or
// Business Use Case mode (4800 x impressions per app + IG account per rolling 24 h), plus an optional
// app-wide hour. Calls made while throttled still count and so extend the block, as Meta warns.
import { PLATFORM_ERRORS, type GraphErrorSpec } from './errors';
import type { LimitSettings } from './handler';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const DEFAULT_CALLS_PER_HOUR = 5000;
/** No floor is documented for Instagram; the Threads API floors impressions at 10 (reference §8.1). */
export const DEFAULT_BUC_IMPRESSIONS = 10;

export interface CallerIdentity {
  token: string;
  appId: string;
  igUserId?: string;
  fbUserId?: string;
  pageId?: string;
  isPageToken: boolean;
}

export interface RateDecision {
  /** Set when the call must be refused. */
  error?: GraphErrorSpec;
  headers: Record<string, string>;
}

interface Budget {
  key: string;
  windowMs: number;
  limit: number;
  error: () => GraphErrorSpec;
}

/** Timestamps of calls per key, pruned to the longest window. */
class CallWindows {
  private calls = new Map<string, number[]>();

  add(key: string, now: number, windowMs: number): void {
    const list = this.prune(key, now, windowMs);
    list.push(now);
  }

  count(key: string, now: number, windowMs: number): number {
    return this.prune(key, now, windowMs).length;
  }

  /** While over `limit`: minutes until a call would be allowed again; 0 when not throttled. */
  regainMinutes(key: string, now: number, windowMs: number, limit: number): number {
    const list = this.prune(key, now, windowMs);
    if (list.length <= limit) return 0;
    const freedAt = list[list.length - limit] + windowMs;
    return Math.max(1, Math.ceil((freedAt - now) / 60_000));
  }

  private prune(key: string, now: number, windowMs: number): number[] {
    const list = this.calls.get(key) ?? [];
    let drop = 0;
    while (drop < list.length && list[drop] <= now - windowMs) drop += 1;
    const kept = drop ? list.slice(drop) : list;
    this.calls.set(key, kept);
    return kept;
  }
}

export class RateLimiter {
  private readonly windows = new CallWindows();

  constructor(private readonly limits: LimitSettings = {}) {}

  /** Counts one Graph call and says whether it is throttled; always returns the usage headers. */
  record(who: CallerIdentity, now: number): RateDecision {
    const budgets = this.budgetsFor(who);
    for (const b of budgets) this.windows.add(b.key, now, b.windowMs);
    const over = budgets.find((b) => this.windows.count(b.key, now, b.windowMs) > b.limit);
    return { error: over?.error(), headers: this.headers(who, now) };
  }

  /** Usage headers without counting a call (for answers refused before they count). */
  headers(who: CallerIdentity | undefined, now: number): Record<string, string> {
    if (!who) return { 'x-app-usage': JSON.stringify({ call_count: 0, total_time: 0, total_cputime: 0 }), 'x-business-use-case-usage': '{}' };
    const [main] = this.budgetsFor(who);
    const pct = Math.floor((100 * this.windows.count(main.key, now, main.windowMs)) / main.limit);
    const regain = Math.max(...this.budgetsFor(who).map((b) => this.windows.regainMinutes(b.key, now, b.windowMs, b.limit)));
    const hour = this.tokenBudget(who);
    const appPct = Math.floor((100 * this.windows.count(hour.key, now, hour.windowMs)) / hour.limit);
    return usageHeaders(who.igUserId ?? who.pageId ?? who.fbUserId ?? who.appId, pct, regain, appPct);
  }

  private budgetsFor(who: CallerIdentity): Budget[] {
    const main = this.limits.rateLimitMode === 'buc' ? this.bucBudget(who) : this.tokenBudget(who);
    const app = this.limits.appCallsPerHour
      ? [{ key: `app:${who.appId}`, windowMs: HOUR, limit: this.limits.appCallsPerHour, error: PLATFORM_ERRORS.appLimit }]
      : [];
    return [main, ...app];
  }

  private tokenBudget(who: CallerIdentity): Budget {
    return {
      key: `token:${who.token}`,
      windowMs: HOUR,
      limit: this.limits.callsPerHour ?? DEFAULT_CALLS_PER_HOUR,
      error: who.isPageToken ? PLATFORM_ERRORS.pageLimit : PLATFORM_ERRORS.userLimit,
    };
  }

  private bucBudget(who: CallerIdentity): Budget {
    return {
      key: `buc:${who.appId}:${who.igUserId ?? who.pageId ?? who.fbUserId}`,
      windowMs: DAY,
      limit: 4800 * (this.limits.bucImpressions ?? DEFAULT_BUC_IMPRESSIONS),
      error: PLATFORM_ERRORS.instagramBucLimit,
    };
  }
}

/** Usage is whole-number percentages; time figures are derived from the call count (no real CPU here). */
function usageHeaders(objectId: string, pct: number, regainMinutes: number, appPct = pct): Record<string, string> {
  const share = (p: number, factor: number) => Math.floor(p * factor);
  return {
    'x-app-usage': JSON.stringify({ call_count: appPct, total_time: share(appPct, 0.6), total_cputime: share(appPct, 0.3) }),
    'x-business-use-case-usage': JSON.stringify({
      [objectId]: [{ type: 'instagram', call_count: pct, total_cputime: share(pct, 0.3), total_time: share(pct, 0.6), estimated_time_to_regain_access: regainMinutes }],
    }),
  };
}
