import { describe, expect, it } from 'vitest';
import { errorFromResponse, networkError } from '../../../src/core/graph/classify';
import { withRetry, type RetryOptions } from '../../../src/core/http/retry';
import type { HttpRequest } from '../../../src/core/ports';
import { QuotaExhaustedError } from '../../../src/core/quota/quota-exhausted';
import { FakeClock } from '../../support/memory-ports';
import { graphError, json, ScriptedTransport, type Scripted } from '../graph/scripted-transport';

const request: HttpRequest = { method: 'GET', url: 'https://graph.instagram.com/v27.0/me?access_token=IGAAtoken12345678' };
const ok = json({ id: '1' });
const serverError = graphError(2, 'Service temporarily unavailable', { is_transient: true }, 500);

function setup(script: Scripted[], options: Partial<RetryOptions> = {}) {
  const clock = new FakeClock(1_000_000);
  const transport = new ScriptedTransport(script);
  const secrets = ['IGAAtoken12345678'];
  const send = withRetry((r) => transport.send(r), {
    clock,
    random: () => 0.5,
    failureOf: (r, res) => errorFromResponse(res, { method: r.method, url: r.url, secrets }),
    networkFailure: (r, thrown) => networkError(thrown, { method: r.method, url: r.url, secrets }),
    ...options,
  });
  return { clock, transport, send };
}

describe('withRetry', () => {
  it('retries transient failures with exponential backoff and full jitter, then returns the success', () => {
    const { clock, transport, send } = setup([serverError, serverError, serverError, ok]);
    expect(send(request).body).toBe(ok.body);
    expect(transport.requests).toHaveLength(4);
    // random 0.5 of ceilings 1000, 2000, 4000
    expect(clock.sleeps).toEqual([500, 1000, 2000]);
  });

  it('uses the injected random source for the jitter', () => {
    const { clock, send } = setup([serverError, serverError, ok], { random: () => 0.25, baseDelayMs: 400 });
    send(request);
    expect(clock.sleeps).toEqual([100, 200]);
  });

  it('stops after maxAttempts and returns the last failure', () => {
    const { clock, transport, send } = setup([serverError, serverError, serverError, ok], { maxAttempts: 3 });
    expect(send(request).status).toBe(500);
    expect(transport.requests).toHaveLength(3);
    expect(clock.sleeps).toHaveLength(2);
  });

  it('caps the backoff ceiling at maxDelayMs', () => {
    const { clock, send } = setup([serverError, serverError, serverError, serverError, ok], { maxAttempts: 5, random: () => 0.999, baseDelayMs: 1000, maxDelayMs: 2500 });
    send(request);
    expect(clock.sleeps).toEqual([999, 1998, 2497, 2497]);
  });

  it('never sleeps past the deadline', () => {
    const { clock, transport, send } = setup([serverError, serverError, serverError, ok], { deadline: () => 1_000_000 + 1_200 });
    expect(send(request).status).toBe(500);
    // 500 fits, then 1000 would end at +1500 > +1200: no second sleep.
    expect(clock.sleeps).toEqual([500]);
    expect(transport.requests).toHaveLength(2);
    expect(clock.now()).toBeLessThanOrEqual(1_000_000 + 1_200);
  });

  it('honours Retry-After (seconds) and gives up when it exceeds maxRetryAfterMs', () => {
    const first = setup([json({}, 503, { 'retry-after': '3' }), ok]);
    first.send(request);
    expect(first.clock.sleeps).toEqual([3000]);

    const second = setup([json({}, 503, { 'retry-after': '600' }), ok], { maxRetryAfterMs: 60_000 });
    expect(second.send(request).status).toBe(503);
    expect(second.clock.sleeps).toEqual([]);
  });

  it('retries network failures and unreadable answers', () => {
    const { transport, send } = setup([{ throws: 'Address unavailable' }, { status: 200, headers: {}, body: '<html>' }, ok]);
    expect(send(request).body).toBe(ok.body);
    expect(transport.requests).toHaveLength(3);
  });

  it('throws a redacted network error when every attempt fails', () => {
    const { send } = setup([1, 2, 3, 4].map(() => ({ throws: `DNS error for ${request.url}` })));
    let caught: unknown;
    try {
      send(request);
    } catch (e) {
      caught = e;
    }
    expect(caught).toMatchObject({ name: 'GraphApiError', kind: 'network' });
    expect(String((caught as Error).message)).not.toContain('IGAAtoken12345678');
  });

  it.each([
    ['an expired token (190)', graphError(190, 'expired', { error_subcode: 463 })],
    ['an invalid parameter (100)', graphError(100, 'bad field')],
    ['a permission error (10)', graphError(10, 'no permission')],
    ['a rate limit (80002)', graphError(80002, 'too many calls')],
    ['a rate limit (4)', graphError(4, 'app limit', { is_transient: true })],
  ])('does not retry %s', (_name, response) => {
    const { clock, transport, send } = setup([response, ok]);
    expect(send(request).status).toBe(400);
    expect(transport.requests).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('asks onRateLimit, and waits Meta\'s estimate when the caller agrees', () => {
    const headers = { 'x-business-use-case-usage': JSON.stringify({ a: [{ type: 'instagram', call_count: 100, estimated_time_to_regain_access: 2 }] }) };
    const asked: number[] = [];
    const { clock, send } = setup([graphError(80002, 'too many', {}, 400, headers), ok], {
      onRateLimit: (_e, waitMs) => {
        asked.push(waitMs);
        return true;
      },
    });
    expect(send(request).body).toBe(ok.body);
    expect(asked).toEqual([120_000]);
    expect(clock.sleeps).toEqual([120_000]);
  });

  it('does not wait for a rate limit past the deadline even when the caller agrees', () => {
    const { clock, send } = setup([graphError(17, 'user limit'), ok], { onRateLimit: () => true, rateLimitWaitMs: 60_000, deadline: () => 1_000_000 + 30_000 });
    expect(send(request).status).toBe(400);
    expect(clock.sleeps).toEqual([]);
  });

  it('lets a quota refusal from below pass through untouched', () => {
    const clock = new FakeClock(0);
    const send = withRetry(() => {
      throw new QuotaExhaustedError('1784', 5000, 'account_hourly');
    }, { clock, random: () => 0, failureOf: () => null, networkFailure: () => { throw new Error('unused'); } });
    expect(() => send(request)).toThrow(expect.objectContaining({ name: 'QuotaExhaustedError' }));
    expect(clock.sleeps).toEqual([]);
  });

  it("stops at Google's daily UrlFetch quota instead of retrying it as a network failure", () => {
    const { clock, transport, send } = setup([{ throws: 'Service invoked too many times for one day: urlfetch.' }, ok]);
    let thrown: unknown;
    try { send(request); } catch (e) { thrown = e; }
    expect(thrown).toBeInstanceOf(QuotaExhaustedError);
    expect(thrown).toMatchObject({ reason: 'google_urlfetch_daily', resumeAt: clock.now() + 24 * 3_600_000 });
    expect(transport.requests).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });
});
