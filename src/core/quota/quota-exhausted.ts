// Raised instead of sleeping when no permit is left: the caller stops cleanly and the next trigger
// continues at resumeAt. Recognised by name, not instanceof (errors may cross realms).

export type QuotaReason =
  | 'account_hourly' | 'account_daily' | 'platform_hourly' | 'app_hourly' | 'urlfetch_daily'
  | 'held' | 'paused' | 'paused_daily' | 'busy' | 'google_urlfetch_daily';

/** What stopped the calls, as a clause ("...; continuing at 14:00"). */
export const QUOTA_REASON_TEXT: Record<QuotaReason, string> = {
  // Sheetgram's own pacing: the account's day spread over its hours.
  account_hourly: 'Sheetgram\'s hourly limit for this account is used up',
  // Sheetgram's count of the rolling 24 hours reached Meta's Business Use Case budget for the account.
  account_daily: 'Instagram\'s daily limit for this account is used up',
  platform_hourly: 'Instagram\'s hourly limit on Business Discovery and hashtag searches is used up',
  app_hourly: 'The Meta app\'s hourly limit is used up',
  urlfetch_daily: 'Google\'s daily limit on calls to other sites is used up',
  // Said instead of "used up" when the calls left are reserved by other executions that have not made them yet.
  held: 'Other Sheetgram runs for this account are using the calls left for now',
  paused: 'Instagram asked Sheetgram to wait before calling for this account again',
  // Code 80002 or a time to regain access in X-Business-Use-Case-Usage.
  paused_daily: 'Instagram\'s daily limit for this account is reached and Instagram asked Sheetgram to wait',
  busy: 'Another Sheetgram run held the quota counters for too long',
  // Google refused UrlFetchApp itself ("Service invoked too many times for one day: urlfetch."): per Google user.
  google_urlfetch_daily: 'Google\'s daily limit of calls to other services (UrlFetch) for your Google account is used up',
};

/** Reasons that hold for every account of the Google user: no other run of the execution is attempted. */
export const PER_GOOGLE_USER_REASONS: ReadonlySet<QuotaReason> = new Set(['google_urlfetch_daily']);

/** Google's message when the day's UrlFetch quota is used up (thrown by UrlFetchApp.fetch and fetchAll). */
const GOOGLE_URLFETCH_DAILY = /Service invoked too many times for one day: urlfetch/i;

/** Whether a thrown error is Google's daily UrlFetch quota refusal. */
export function isGoogleUrlFetchQuota(e: unknown): boolean {
  const message = e instanceof Error ? e.message : typeof e === 'object' && e !== null ? String((e as { message?: unknown }).message ?? '') : String(e);
  return GOOGLE_URLFETCH_DAILY.test(message);
}

/**
 * Google's UrlFetch quota resets 24 hours after the day's first call (reference §1.1); Sheetgram does not
 * know when that was, so it waits a day from now: never too early, at most a day late.
 */
export const GOOGLE_DAILY_PAUSE_MS = 24 * 60 * 60 * 1000;

/** The stop for Google's daily UrlFetch quota, raised instead of a network failure (never retried). */
export function googleUrlFetchQuotaStop(now: number, account = ''): QuotaExhaustedError {
  return new QuotaExhaustedError(account, now + GOOGLE_DAILY_PAUSE_MS, 'google_urlfetch_daily');
}

export class QuotaExhaustedError extends Error {
  override readonly name = 'QuotaExhaustedError';
  /** The Instagram account whose calls were refused. */
  readonly account: string;
  /** Epoch ms when calls may start again. */
  readonly resumeAt: number;
  readonly reason: QuotaReason;

  constructor(account: string, resumeAt: number, reason: QuotaReason) {
    super(`${QUOTA_REASON_TEXT[reason]}; Sheetgram continues after ${new Date(resumeAt).toISOString()}.`);
    this.account = account;
    this.resumeAt = resumeAt;
    this.reason = reason;
  }
}

export function isQuotaExhaustedError(e: unknown): e is QuotaExhaustedError {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'QuotaExhaustedError'
    && typeof (e as { resumeAt?: unknown }).resumeAt === 'number';
}
