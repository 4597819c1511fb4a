// Retries what a second try can fix (transient errors, network failures, unreadable answers) with
// exponential backoff and full jitter, never past the run's deadline and never more than maxAttempts.
// Answers Meta sends when it means something else (an error with a `doubt`, such as 100/33 "does not
// exist") are asked again a few times, after at least their wait, before they are believed.
// Rate limits are not retried here: the caller's onRateLimit policy decides, because waiting for
// Instagram's window is usually longer than a run should sleep.
import type { Clock, HttpRequest, HttpResponse } from '../ports';
import type { GraphApiError } from '../graph/errors';
import { isGraphApiError } from '../graph/errors';
import { googleUrlFetchQuotaStop, isGoogleUrlFetchQuota } from '../quota/quota-exhausted';

/** One HTTP exchange; `calls` is what Meta counts for it (the operations of a batch). */
export type Send = (request: HttpRequest, calls?: number) => HttpResponse;

export interface RetryOptions {
  clock: Clock;
  /** Uniform in [0, 1); injected so tests know the jitter. */
  random: () => number;
  /** Classifies a response: null when it succeeded. */
  failureOf: (request: HttpRequest, response: HttpResponse) => GraphApiError | null;
  /** Turns a thrown transport failure into a GraphApiError (kind 'network'). */
  networkFailure: (request: HttpRequest, thrown: unknown) => GraphApiError;
  /** Attempts in all, the first included (default 4). */
  maxAttempts?: number;
  /** First backoff ceiling in ms (default 1,000); doubles each attempt. */
  baseDelayMs?: number;
  /** Largest backoff ceiling in ms (default 30,000). */
  maxDelayMs?: number;
  /** A Retry-After longer than this (ms, default 60,000) is not waited for. */
  maxRetryAfterMs?: number;
  /** Epoch ms: no sleep may end after it. Read at each decision, so it may move. */
  deadline?: () => number;
  /** Policy for rate limits: return true to wait `waitMs` and try again. Absent: never. */
  onRateLimit?: (error: GraphApiError, waitMs: number, attempt: number) => boolean;
  /** Fallback wait for a rate limit without a hint from Meta (default 60,000 ms). */
  rateLimitWaitMs?: number;
}

const RETRIED_KINDS = new Set(['transient', 'network', 'malformed']);

/** Seconds, or an HTTP date, in Retry-After; in ms from now. */
export function retryAfterMs(headers: Record<string, string>, now: number): number | undefined {
  const value = headers['retry-after'] ?? headers['Retry-After'];
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

/** Full jitter: uniform between 0 and the exponential ceiling for this attempt (1-based). */
export function backoffMs(attempt: number, random: () => number, baseDelayMs: number, maxDelayMs: number): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

type Outcome = { response: HttpResponse; failure: GraphApiError | null } | { thrown: GraphApiError };

export function withRetry(send: Send, options: RetryOptions): Send {
  const maxAttempts = Math.max(1, options.maxAttempts ?? 4);
  const baseDelayMs = options.baseDelayMs ?? 1_000;
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;

  function attemptOnce(request: HttpRequest, calls: number | undefined): Outcome {
    let response: HttpResponse;
    try {
      response = send(request, calls);
    } catch (thrown) {
      // Anything that is not a transport failure (a quota refusal, a GraphApiError from below) is not ours to retry.
      if (isGraphApiError(thrown)) return { thrown };
      if (isOwnRefusal(thrown)) throw thrown;
      // Google's daily UrlFetch quota is not a network failure: a retry cannot succeed before it resets.
      if (isGoogleUrlFetchQuota(thrown)) throw googleUrlFetchQuotaStop(options.clock.now());
      return { thrown: options.networkFailure(request, thrown) };
    }
    return { response, failure: options.failureOf(request, response) };
  }

  function waitBeforeRetry(outcome: Outcome, attempt: number): number | null {
    const failure = 'thrown' in outcome ? outcome.thrown : outcome.failure;
    if (!failure || attempt >= maxAttempts) return null;
    const hinted = 'response' in outcome ? retryAfterMs(outcome.response.headers, options.clock.now()) : undefined;
    let wait: number;
    if (failure.kind === 'rate_limit') {
      wait = failure.regainAccessMinutes ? failure.regainAccessMinutes * 60_000 : hinted ?? options.rateLimitWaitMs ?? 60_000;
      if (!options.onRateLimit?.(failure, wait, attempt)) return null;
    } else if (RETRIED_KINDS.has(failure.kind)) {
      if (hinted !== undefined && hinted > maxRetryAfterMs) return null;
      wait = hinted ?? backoffMs(attempt, options.random, baseDelayMs, maxDelayMs);
    } else if (failure.doubt && attempt <= failure.doubt.retries) {
      // Never at once: the answer clears, if it does, after Instagram's load passes.
      wait = Math.max(failure.doubt.waitMs, hinted ?? 0, backoffMs(attempt, options.random, baseDelayMs, maxDelayMs));
    } else {
      return null;
    }
    const deadline = options.deadline?.();
    if (deadline !== undefined && options.clock.now() + wait > deadline) return null;
    return wait;
  }

  return (request, calls) => {
    for (let attempt = 1; ; attempt++) {
      const outcome = attemptOnce(request, calls);
      const wait = waitBeforeRetry(outcome, attempt);
      if (wait === null) {
        if ('thrown' in outcome) throw outcome.thrown;
        return outcome.response;
      }
      if (wait > 0) options.clock.sleep(wait);
    }
  };
}

/** Errors raised by Sheetgram's own layers below (the throttle) pass straight through. */
function isOwnRefusal(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'QuotaExhaustedError';
}
