// Errors that say one thing and mean another (reference §9.4), as data: 100/33 "does not exist" is asked
// again after a wait before it is believed; code 1 "reduce the amount of data" is not retried as it is.
import { describe, expect, it } from 'vitest';
import { errorFromResponse, networkError } from '../../../src/core/graph/classify';
import { asksForLess } from '../../../src/core/graph/errors';
import { ERROR_RULES } from '../../../src/core/graph/error-table';
import { withRetry, type RetryOptions } from '../../../src/core/http/retry';
import type { HttpRequest } from '../../../src/core/ports';
import { FakeClock } from '../../support/memory-ports';
import { graphError, json, ScriptedTransport, type Scripted } from './scripted-transport';

const request: HttpRequest = { method: 'GET', url: 'https://graph.facebook.com/v27.0/1790/insights?access_token=EAAtoken12345678' };
const ctx = { method: request.method, url: request.url, secrets: ['EAAtoken12345678'] };

/** As Meta sends it under load: "Invalid parameter", the real text in error_user_msg, is_transient false. */
const invalidParameter = graphError(100, 'Invalid parameter', {
  error_subcode: 33, type: 'GraphMethodException', is_transient: false, error_data: {},
  error_user_msg: "Unsupported get request. Object with ID '1790' does not exist, cannot be loaded due to missing permissions, or does not support this operation.",
});
const reduceData = graphError(1, "Please reduce the amount of data you're asking for, then retry your request", { is_transient: true }, 500);

function setup(script: Scripted[], options: Partial<RetryOptions> = {}) {
  const clock = new FakeClock(1_000_000);
  const transport = new ScriptedTransport(script);
  const send = withRetry((r) => transport.send(r), {
    clock, random: () => 0.5,
    failureOf: (r, res) => errorFromResponse(res, { ...ctx, method: r.method, url: r.url }),
    networkFailure: (r, thrown) => networkError(thrown, { ...ctx, method: r.method, url: r.url }),
    ...options,
  });
  return { clock, transport, send };
}

describe('the error table', () => {
  it('doubts 100/33 and asks for less on code 1 "reduce the amount of data"; other code 1 stays transient', () => {
    expect(errorFromResponse(invalidParameter, ctx)).toMatchObject({ kind: 'not_found', code: 100, subcode: 33, doubt: { retries: 2, waitMs: 5_000 } });
    const less = errorFromResponse(reduceData, ctx)!;
    expect(less).toMatchObject({ kind: 'invalid', code: 1, status: 500, askLess: true, retryable: false });
    expect(asksForLess(less)).toBe(true);
    expect(errorFromResponse(graphError(1, 'An unknown error occurred', {}, 500), ctx)).toMatchObject({ kind: 'transient', askLess: undefined });
    expect(ERROR_RULES.filter((r) => r.doubt || r.askLess)).toHaveLength(2);
  });
});

describe('withRetry and answers that mean something else', () => {
  it('asks again after 100/33, waiting at least the rule\'s wait, and keeps the answer that comes', () => {
    const { clock, transport, send } = setup([invalidParameter, invalidParameter, json({ data: [] })]);
    expect(send(request).status).toBe(200);
    expect(transport.requests).toHaveLength(3);
    expect(clock.sleeps).toHaveLength(2);
    expect(Math.min(...clock.sleeps)).toBeGreaterThanOrEqual(5_000);
  });

  it('believes 100/33 once it comes back after its retries', () => {
    const { transport, send } = setup([invalidParameter, invalidParameter, invalidParameter, json({})]);
    expect(send(request).status).toBe(400);
    expect(transport.requests).toHaveLength(3);
  });

  it('does not wait past the deadline to doubt', () => {
    const { transport, send } = setup([invalidParameter, json({})], { deadline: () => 1_000_000 + 1_000 });
    expect(send(request).status).toBe(400);
    expect(transport.requests).toHaveLength(1);
  });

  it('never repeats the same too-big request: the caller must ask for less', () => {
    const { transport, send } = setup([reduceData, json({})]);
    expect(send(request).status).toBe(500);
    expect(transport.requests).toHaveLength(1);
  });
});
