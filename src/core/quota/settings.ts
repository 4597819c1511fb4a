// The throttle's settings and their defaults, and the Script Properties that change them.
//
// Meta's own limits (reference §8.1): Instagram Platform calls fall under Business Use Case limits, per
// app and Instagram account, over a rolling 24 hours: 4,800 x the account's impressions in that time.
// Business Discovery and hashtag searches fall under Platform rate limits instead: per user, per rolling
// hour, a figure Meta does not disclose. Sheetgram keeps each account's day under its budget (from the
// account's own views or reach when an Account Insights run has read them, a conservative floor until
// then) and spreads the day over the hours, so a first pull of a small account cannot spend its day at once.

export interface ThrottleSettings {
  /**
   * Ceiling on calls per Instagram account per clock hour, whatever its daily budget (5,000: the old
   * Instagram API's hourly figure). The hourly limit is the day's budget spread over `daySpreadHours`, at most this.
   */
  callsPerHour: number;
  /** Meta's Business Use Case formula: calls per rolling 24 hours per impression of the account. */
  callsPerImpression: number;
  /** Calls per rolling 24 hours for an account whose views and reach Sheetgram has not read yet. */
  dailyCallsFloor: number;
  /** The hourly limit is the day's budget divided by this (24: an even spread over the day). */
  daySpreadHours: number;
  /** Business Discovery and hashtag calls per person (Facebook user) per rolling hour (Platform rate limits). */
  platformCallsPerHour: number;
  /** Calls per Meta app per rolling hour; null: counted, not limited. */
  appCallsPerHour: number | null;
  /** Apps Script's UrlFetch calls per user per day (20,000 consumer, 100,000 Workspace). */
  urlFetchPerDay: number;
  /** Permits reserved per property write (fewer near a limit, so executions running together share what is left). */
  blockSize: number;
  /**
   * Unused permits always go back into the account's own counter at the end (so it holds the calls made, and
   * "used up" is said only when they were); into the shared app and UrlFetch counters only when at least
   * this many are left: fewer stay counted there until the window passes, a small over-count for a smaller write.
   */
  returnAtLeast: number;
  /** Usage (percent) in Meta's headers at which the limit is lowered to what was used. */
  usageCeilingPercent: number;
  /** How long a lowered limit holds. */
  loweredForMs: number;
  /** Pause after a rate-limit error that carries no estimate of when access returns. */
  rateLimitPauseMs: number;
  /** Reserved permits must be used within this long; later they are given back. */
  leaseMs: number;
  /**
   * Permits stay counted this long past their lease: a call taken at the lease's end reaches Meta a little
   * later (network, a slow answer), and must not leave Sheetgram's window before it leaves Meta's.
   */
  callMarginMs: number;
  /**
   * A call refused because other running executions hold the calls left waits up to this long for them
   * (they use them, or give back the ones their runs did not need), reading the counter every `heldPollMs`
   * (without the lock); never past the run's deadline, nor past the holders' leases. 0: refused at once (custom functions).
   */
  heldWaitMs: number;
  heldPollMs: number;
  /** How long to wait for the quota lock, and how many times. */
  lockTimeoutMs: number;
  lockAttempts: number;
}

export const DEFAULT_THROTTLE_SETTINGS: ThrottleSettings = {
  callsPerHour: 5_000,
  callsPerImpression: 4_800,
  // 4,800 x 5 impressions. Meta documents no floor for Instagram (the Threads API floors impressions at 10);
  // half of that is conservative, and an hour of it (1,000 calls) is more than a big account's first pull.
  dailyCallsFloor: 24_000,
  daySpreadHours: 24,
  // Meta's per-user figure is undisclosed; 200 an hour is its documented figure per user for app tokens.
  platformCallsPerHour: 200,
  appCallsPerHour: null,
  urlFetchPerDay: 20_000,
  // One write reserves enough for most runs: a daily tick of four reports for a big account is ~70 calls.
  blockSize: 100,
  returnAtLeast: 50,
  usageCeilingPercent: 90,
  loweredForMs: 10 * 60_000,
  rateLimitPauseMs: 15 * 60_000,
  leaseMs: 5 * 60_000,
  callMarginMs: 60_000,
  heldWaitMs: 20_000,
  heldPollMs: 250,
  lockTimeoutMs: 10_000,
  lockAttempts: 3,
};

/** The Script Properties of the quota settings that are not in app-settings.ts (documented in docs/deploy.md). */
export const QUOTA_SETTING_PROPERTY = {
  dailyCallsFloor: 'SHEETGRAM_DAILY_CALLS_FLOOR',
  daySpreadHours: 'SHEETGRAM_DAY_SPREAD_HOURS',
  platformCallsPerHour: 'SHEETGRAM_DISCOVERY_CALLS_PER_HOUR',
} as const;

function positive(raw: string | null): number | undefined {
  if (raw === null || raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** The quota settings set in Script Properties; unset or unreadable ones are left out (the default holds). */
export function readQuotaSettings(read: (key: string) => string | null): Partial<ThrottleSettings> {
  const out: Partial<ThrottleSettings> = {};
  for (const [setting, property] of Object.entries(QUOTA_SETTING_PROPERTY) as [keyof typeof QUOTA_SETTING_PROPERTY, string][]) {
    const value = positive(read(property));
    if (value !== undefined) out[setting] = value;
  }
  return out;
}
