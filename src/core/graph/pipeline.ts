// The way every request travels: retry -> throttle -> transport. Each attempt takes permits (Meta counts
// retries too), usage headers and rate-limit errors feed the throttle, and every failure becomes a
// redacted GraphApiError. Responses are classified once and remembered.
import type { Clock, HttpRequest, HttpResponse, Transport } from '../ports';
import { withRetry, type RetryOptions, type Send } from '../http/retry';
import { platformCalls } from '../quota/limit-kind';
import { googleUrlFetchQuotaStop, isGoogleUrlFetchQuota, isQuotaExhaustedError, QuotaExhaustedError } from '../quota/quota-exhausted';
import type { PauseScope, Throttle } from '../quota/throttle';
import { errorFromResponse, networkError } from './classify';
import type { GraphApiError } from './errors';
import type { GraphClientSettings } from './settings';

export interface PipelineOptions {
  transport: Transport;
  throttle: Throttle;
  clock: Clock;
  settings: GraphClientSettings;
  secrets: readonly (string | undefined)[];
  random: () => number;
  deadline?: () => number;
  onRateLimit?: RetryOptions['onRateLimit'];
}

export interface Pipeline {
  /** One request through retry and throttle; `calls` is what Meta counts for it. */
  send: Send;
  /** Independent requests in one fetchAll (one attempt each; no retry). Network failure: every entry fails. */
  sendAllOnce(requests: HttpRequest[]): (HttpResponse | GraphApiError)[];
  /** The failure a response carries, or null. */
  failureOf(request: HttpRequest, response: HttpResponse): GraphApiError | null;
  networkFailure(request: HttpRequest, thrown: unknown): GraphApiError;
  readonly callsUsed: number;
}

export function createPipeline(options: PipelineOptions): Pipeline {
  const { transport, throttle, clock, settings, secrets } = options;
  const classified = new WeakMap<HttpResponse, GraphApiError | null>();
  let callsUsed = 0;

  function failureOf(request: HttpRequest, response: HttpResponse): GraphApiError | null {
    if (!classified.has(response)) classified.set(response, errorFromResponse(response, { method: request.method, url: request.url, secrets }));
    return classified.get(response) ?? null;
  }

  function networkFailure(request: HttpRequest, thrown: unknown): GraphApiError {
    return networkError(thrown, { method: request.method, url: request.url, secrets });
  }

  /**
   * Usage headers on every answer that has them; a rate-limit error pauses what it limits: the whole app
   * (code 4), Business Discovery and hashtag calls (a Platform limit on one of them), or the account
   * (80002, Instagram's daily Business Use Case limit, and the rest).
   */
  function heed(request: HttpRequest, response: HttpResponse, platform: boolean): void {
    throttle.observe(response.headers, platform);
    const failure = failureOf(request, response);
    if (failure?.kind !== 'rate_limit') return;
    const waitMs = failure.regainAccessMinutes ? failure.regainAccessMinutes * 60_000 : settings.rateLimitPauseMs;
    const scope: PauseScope = failure.code === 4 ? 'app' : platform && failure.code !== 80002 ? 'platform' : 'account';
    throttle.pause(scope, clock.now() + waitMs, failure.code === 80002 ? 'daily' : 'meta');
  }

  const metered: Send = (request, calls = 1) => {
    const platform = Math.min(calls, platformCalls(request));
    throttle.take(calls, platform, options.deadline?.());
    callsUsed += calls;
    const response = transport.send(request);
    heed(request, response, platform > 0 && platform === calls);
    return response;
  };

  const retried = withRetry(metered, {
    clock,
    random: options.random,
    failureOf,
    networkFailure,
    maxAttempts: settings.maxAttempts,
    baseDelayMs: settings.baseDelayMs,
    maxDelayMs: settings.maxDelayMs,
    maxRetryAfterMs: settings.maxRetryAfterMs,
    deadline: options.deadline,
    onRateLimit: options.onRateLimit,
    rateLimitWaitMs: settings.rateLimitPauseMs,
  });

  /** Instagram's daily limit (80002) not waited out in the run: the run stops and resumes when the pause ends. */
  const send: Send = (request, calls) => {
    const response = retried(request, calls);
    const failure = failureOf(request, response);
    if (failure?.kind === 'rate_limit' && failure.code === 80002) {
      const until = throttle.pausedUntil('account') || clock.now() + (failure.regainAccessMinutes ? failure.regainAccessMinutes * 60_000 : settings.rateLimitPauseMs);
      throw new QuotaExhaustedError(throttle.account, until, 'paused_daily');
    }
    return response;
  };

  return {
    send,
    failureOf,
    networkFailure,
    sendAllOnce(requests) {
      if (requests.length === 0) return [];
      const platform = requests.map((r) => platformCalls(r) > 0);
      throttle.take(requests.length, platform.filter(Boolean).length, options.deadline?.());
      callsUsed += requests.length;
      let responses: HttpResponse[];
      try {
        responses = transport.sendAll(requests);
      } catch (thrown) {
        // A quota stop (Google's daily UrlFetch limit) ends the run; it is no failure of these requests.
        if (isQuotaExhaustedError(thrown)) throw thrown;
        if (isGoogleUrlFetchQuota(thrown)) throw googleUrlFetchQuotaStop(clock.now(), throttle.account);
        return requests.map((r) => networkFailure(r, thrown));
      }
      responses.forEach((response, i) => heed(requests[i], response, platform[i]));
      return responses;
    },
    get callsUsed() {
      return callsUsed;
    },
  };
}
