// Google's daily quotas and hard limits for one runtime, consumer or Workspace (reference §1.1,
// §1.2), with per-user daily counters that reset the way the settings say. Services take from these
// counters and throw Google's own messages (platform.ts GOOGLE_ERRORS) when one is used up; tests
// read them through rt.quotas.
import { instantOf, wallTimeOf } from './services/utilities/time-zone';

export type Account = 'consumer' | 'workspace';

/**
 * When a daily counter starts again.
 * - 'rolling-24h' (default): 24 hours after the first use of the day, as Google's quota page says
 *   ("Quotas are per user and reset 24 hours after the first request", reference §1.1, ✅).
 * - 'pacific-midnight': at midnight in America/Los_Angeles, as many people report for some of
 *   Google's quotas (not in the reference: unverified for Apps Script).
 */
export type QuotaReset = 'rolling-24h' | 'pacific-midnight';

export const PACIFIC_TIME_ZONE = 'America/Los_Angeles';

/** Daily quotas that count per user. triggerRuntime is in milliseconds, email in recipients. */
export type DailyQuotaName = 'urlfetch' | 'properties' | 'email' | 'triggerRuntime';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Reference §1.1 (Google's quota page, ✅). */
export const DAILY_QUOTAS: Record<Account, Record<DailyQuotaName, number>> = {
  consumer: { urlfetch: 20_000, properties: 50_000, email: 100, triggerRuntime: 90 * MINUTE },
  workspace: { urlfetch: 100_000, properties: 500_000, email: 1_500, triggerRuntime: 6 * HOUR },
};

/** Limits that are the same for both kinds of account (reference §1.2, §1.4, §1.7). */
export const HARD_LIMITS = {
  /** "Simultaneous executions per user: 30" (✅). */
  simultaneousExecutionsPerUser: 30,
  /** "Triggers: 20 / user / script" (✅). */
  triggersPerUserPerScript: 20,
  /** Sheets file limit (🟡, several secondary sources agree). */
  cellsPerSpreadsheet: 10_000_000,
  propertyValueBytes: 9 * 1024,
  propertyStoreBytes: 500 * 1024,
  cacheKeyCharacters: 250,
  cacheValueBytes: 100 * 1024,
  cacheItems: 1000,
  cacheMaxSeconds: 21_600,
} as const;

/** One per-user daily counter: how much each user used in the current window. */
export class DailyQuota {
  private windows = new Map<string, { start: number; end: number; used: number }>();

  constructor(
    readonly limit: number,
    readonly reset: QuotaReset = 'rolling-24h',
  ) {}

  /** Counts n uses at `now`; returns false (and counts nothing) when they do not fit. */
  take(userId: string, now: number, n = 1): boolean {
    const window = this.windowOf(userId, now);
    if (window.used + n > this.limit) return false;
    window.used += n;
    return true;
  }

  /** Counts n uses whether they fit or not (runtime already spent). */
  add(userId: string, now: number, n: number): void {
    this.windowOf(userId, now).used += n;
  }

  used(userId: string, now: number): number {
    const window = this.windows.get(userId);
    return window && now < window.end ? window.used : 0;
  }

  remaining(userId: string, now: number): number {
    return Math.max(0, this.limit - this.used(userId, now));
  }

  /** When the user's current window ends (epoch ms), or null when nothing was used in one. */
  resetsAt(userId: string, now: number): number | null {
    const window = this.windows.get(userId);
    return window && now < window.end ? window.end : null;
  }

  private windowOf(userId: string, now: number): { start: number; end: number; used: number } {
    let window = this.windows.get(userId);
    if (!window || now >= window.end) {
      window = { ...windowAround(now, this.reset), used: 0 };
      this.windows.set(userId, window);
    }
    return window;
  }
}

/** The window a first use at `now` opens. */
export function windowAround(now: number, reset: QuotaReset): { start: number; end: number } {
  if (reset === 'rolling-24h') return { start: now, end: now + DAY };
  const wall = wallTimeOf(now, PACIFIC_TIME_ZONE);
  const start = instantOf({ year: wall.year, month: wall.month, day: wall.day, hour: 0, minute: 0, second: 0 }, PACIFIC_TIME_ZONE);
  const next = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + 1));
  const end = instantOf({ year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate(), hour: 0, minute: 0, second: 0 }, PACIFIC_TIME_ZONE);
  return { start, end };
}

export interface QuotaOptions {
  /** Which figures of reference §1.1 apply (default consumer, the stricter). */
  account?: Account;
  reset?: QuotaReset;
  /** Replace a daily figure (tests that want to reach a quota quickly). */
  daily?: Partial<Record<DailyQuotaName, number>>;
  /** Replace the simultaneous-executions limit (default 30). */
  simultaneousExecutions?: number;
}

/** Every daily counter of one runtime, plus the limits that are not daily. */
export class QuotaBook {
  readonly account: Account;
  readonly reset: QuotaReset;
  readonly simultaneousExecutions: number;
  private readonly counters: Record<DailyQuotaName, DailyQuota>;

  constructor(
    private readonly clock: { now(): number },
    options: QuotaOptions = {},
    /** Whose counters used()/remaining() read when no user is named. */
    private readonly defaultUser = 'owner@example.com',
  ) {
    this.account = options.account ?? 'consumer';
    this.reset = options.reset ?? 'rolling-24h';
    this.simultaneousExecutions = options.simultaneousExecutions ?? HARD_LIMITS.simultaneousExecutionsPerUser;
    const figures = { ...DAILY_QUOTAS[this.account] };
    for (const [name, value] of Object.entries(options.daily ?? {}) as [DailyQuotaName, number | undefined][]) if (value !== undefined) figures[name] = value;
    this.counters = Object.fromEntries(
      (Object.keys(DAILY_QUOTAS.consumer) as DailyQuotaName[]).map((name) => [name, new DailyQuota(figures[name], this.reset)]),
    ) as Record<DailyQuotaName, DailyQuota>;
  }

  counter(name: DailyQuotaName): DailyQuota {
    return this.counters[name];
  }

  limit(name: DailyQuotaName): number {
    return this.counters[name].limit;
  }

  /** What the user (email; default the document owner) used in the current window. */
  used(name: DailyQuotaName, user = this.defaultUser): number {
    return this.counters[name].used(user, this.clock.now());
  }

  remaining(name: DailyQuotaName, user = this.defaultUser): number {
    return this.counters[name].remaining(user, this.clock.now());
  }

  /** When the user's counter starts again (epoch ms), or null when nothing is counted. */
  resetsAt(name: DailyQuotaName, user = this.defaultUser): number | null {
    return this.counters[name].resetsAt(user, this.clock.now());
  }
}
