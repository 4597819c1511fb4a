// The throttle's settings and their defaults. Limits are settings because Meta's real figure for an
// account depends on its impressions (reference §8.1); 5,000 an hour is the documented working figure.

export interface ThrottleSettings {
  /** Calls per Instagram account per rolling hour. */
  callsPerHour: number;
  /** Calls per Meta app per rolling hour; null: counted, not limited. */
  appCallsPerHour: number | null;
  /** Apps Script's UrlFetch calls per user per day (20,000 consumer, 100,000 Workspace). */
  urlFetchPerDay: number;
  /** Permits reserved per property write. */
  blockSize: number;
  /**
   * Unused permits are given back at the end (one more write) only when at least this many are left;
   * fewer stay counted until the hour passes, a small over-count that saves a write per run.
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
  /** How long to wait for the quota lock. */
  lockTimeoutMs: number;
}

export const DEFAULT_THROTTLE_SETTINGS: ThrottleSettings = {
  callsPerHour: 5_000,
  appCallsPerHour: null,
  urlFetchPerDay: 20_000,
  // One write reserves enough for most runs: a daily tick of four reports for a big account is ~70 calls.
  blockSize: 100,
  returnAtLeast: 50,
  usageCeilingPercent: 90,
  loweredForMs: 10 * 60_000,
  rateLimitPauseMs: 15 * 60_000,
  leaseMs: 5 * 60_000,
  lockTimeoutMs: 10_000,
};
