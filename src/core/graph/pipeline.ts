// The way every request travels: retry -> throttle -> transport. Each attempt takes permits (Meta counts
// retries too), usage headers and rate-limit errors feed the throttle, and every failure becomes a
// redacted GraphApiError. Responses are classified once and remembered.
import type { Clock, HttpRequest, HttpResponse, Transport } from '../ports';
import { withRetry, type RetryOptions, type Send } from '../http/retry';
import type { Throttle } from '../quota/throttle';
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

  /** Usage headers on every answer; a rate-limit error pauses the account (code 4: the whole app). */
  function heed(request: HttpRequest, response: HttpResponse): void {
    throttle.observe(response.headers);
    const failure = failureOf(request, response);
    if (failure?.kind !== 'rate_limit') return;
    const waitMs = failure.regainAccessMinutes ? failure.regainAccessMinutes * 60_000 : settings.rateLimitPauseMs;
    throttle.pause(failure.code === 4 ? 'app' : 'account', clock.now() + waitMs);
  }

  const metered: Send = (request, calls = 1) => {
    throttle.take(calls);
    callsUsed += calls;
    const response = transport.send(request);
    heed(request, response);
    return response;
  };

  const send = withRetry(metered, {
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

  return {
    send,
    failureOf,
    networkFailure,
    sendAllOnce(requests) {
      if (requests.length === 0) return [];
      throttle.take(requests.length);
      callsUsed += requests.length;
      let responses: HttpResponse[];
      try {
        responses = transport.sendAll(requests);
      } catch (thrown) {
        return requests.map((r) => networkFailure(r, thrown));
      }
      responses.forEach((response, i) => heed(requests[i], response));
      return responses;
    },
    get callsUsed() {
      return callsUsed;
    },
  };
}
