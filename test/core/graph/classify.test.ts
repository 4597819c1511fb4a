import { describe, expect, it } from 'vitest';
import { errorFromResponse, networkError } from '../../../src/core/graph/classify';
import { isGraphApiError } from '../../../src/core/graph/errors';
import { graphError, json } from './scripted-transport';

const TOKEN = 'IGAAsecretTokenValue1234567890';
const ctx = { method: 'GET', url: `https://graph.instagram.com/v27.0/me?fields=id&access_token=${TOKEN}`, secrets: [TOKEN] };

describe('errorFromResponse classification table', () => {
  it.each([
    [1, undefined, 'An unknown error occurred', 'transient', true],
    [2, undefined, 'Service temporarily unavailable', 'transient', true],
    [4, undefined, '(#4) Application request limit reached', 'rate_limit', true],
    [17, undefined, '(#17) User request limit reached', 'rate_limit', true],
    [32, undefined, '(#32) Page request limit reached', 'rate_limit', true],
    [613, 1996, '(#613) Calls to this api have exceeded the rate limit', 'rate_limit', true],
    [80002, undefined, '(#80002) There have been too many calls to this Instagram account.', 'rate_limit', true],
    [341, undefined, '(#341) Application limit reached', 'rate_limit', true],
    [190, 463, 'Error validating access token: Session has expired', 'auth', false],
    [190, 460, 'Password changed', 'auth', false],
    [190, undefined, 'Invalid OAuth access token', 'auth', false],
    [102, undefined, 'Session key invalid', 'auth', false],
    [10, undefined, '(#10) Application does not have permission for this action', 'permission', false],
    [10, undefined, '(#10) Not enough viewers for the media to show insights', 'skip_item', false],
    [200, undefined, '(#200) Permissions error', 'permission', false],
    [299, undefined, '(#299) Requires manage permission', 'permission', false],
    [100, undefined, '(#100) Tried accessing nonexisting field (foo)', 'invalid', false],
    [100, 33, "Unsupported get request. Object with ID '1' does not exist", 'not_found', true],
    [100, 2108006, 'Media posted before business account conversion', 'skip_item', false],
    [100, undefined, '(#100) metric[0] must be one of the following values: impressions, reach', 'unsupported_metric', false],
    [100, undefined, '(#100) Starting from version v22.0 and above, the impressions metric is no longer supported for the queried media', 'unsupported_metric', false],
    [100, undefined, '(#100) The Media Insights API does not support the impressions metric for this media product type', 'unsupported_metric', false],
    [100, undefined, '(#100) The following metrics (views) should be specified with parameter metric_type=total_value', 'invalid', false],
    [24, 2207006, 'The media with id is not found', 'not_found', false],
    [368, undefined, 'Temporarily blocked for policies violations', 'rate_limit', true],
  ])('code %s/%s "%s" is %s', (code, subcode, message, kind, retryable) => {
    const error = errorFromResponse(graphError(code, message, subcode ? { error_subcode: subcode } : {}), ctx);
    expect(error).toMatchObject({ name: 'GraphApiError', kind, retryable, code, subcode });
    expect(error?.userMessage.length).toBeGreaterThan(10);
  });

  it('classifies by the body, not the HTTP status', () => {
    expect(errorFromResponse(graphError(190, 'expired', {}, 200), ctx)?.kind).toBe('auth');
    expect(errorFromResponse(graphError(100, 'bad', {}, 500), ctx)?.kind).toBe('invalid');
  });

  it('treats an unknown code marked is_transient as transient, otherwise as invalid', () => {
    expect(errorFromResponse(graphError(9999, 'odd', { is_transient: true }), ctx)?.kind).toBe('transient');
    expect(errorFromResponse(graphError(9999, 'odd'), ctx)?.kind).toBe('invalid');
  });

  it('keeps fbtrace_id, type, status and the estimated time to regain access', () => {
    const headers = { 'x-business-use-case-usage': JSON.stringify({ '1784': [{ type: 'instagram', call_count: 100, total_cputime: 3, total_time: 3, estimated_time_to_regain_access: 7 }] }) };
    const error = errorFromResponse(graphError(80002, 'too many', {}, 400, headers), ctx);
    expect(error).toMatchObject({ fbtraceId: 'TRACE1', type: 'OAuthException', status: 400, regainAccessMinutes: 7 });
  });

  it('adds Meta\'s user-facing message when there is one', () => {
    const error = errorFromResponse(graphError(200, 'x', { error_user_msg: 'Ask the Page admin for access.' }), ctx);
    expect(error?.userMessage).toContain('Ask the Page admin for access.');
  });

  it('reads failures that carry no Graph error by status', () => {
    expect(errorFromResponse({ status: 502, headers: {}, body: '' }, ctx)?.kind).toBe('transient');
    expect(errorFromResponse({ status: 503, headers: {}, body: '<html>Bad gateway</html>' }, ctx)?.kind).toBe('transient');
    expect(errorFromResponse({ status: 429, headers: {}, body: '' }, ctx)?.kind).toBe('rate_limit');
    expect(errorFromResponse({ status: 200, headers: {}, body: '{"data": [' }, ctx)).toMatchObject({ kind: 'malformed', retryable: true });
    expect(errorFromResponse({ status: 400, headers: {}, body: 'nope' }, ctx)?.kind).toBe('malformed');
    expect(errorFromResponse(json({ data: [] }), ctx)).toBeNull();
  });

  it('reads the Instagram-Login OAuth error shape', () => {
    const error = errorFromResponse(json({ error_type: 'OAuthException', code: 400, error_message: 'Matching code was not found or was already used' }, 400), ctx);
    expect(error).toMatchObject({ kind: 'auth', code: 400, type: 'OAuthException', message: 'Matching code was not found or was already used' });
  });
});

describe('redaction', () => {
  it('never puts the token in the message, the request or the user message', () => {
    const error = errorFromResponse(graphError(190, `Token ${TOKEN} is invalid`, { error_user_msg: `bad ${TOKEN}` }), ctx)!;
    const everything = JSON.stringify({ m: error.message, r: error.request, u: error.userMessage, s: error.stack });
    expect(everything).not.toContain(TOKEN);
    expect(error.request).toContain('access_token=[redacted]');
  });

  it('hides the token in a network error that quotes the URL, including its cause', () => {
    const thrown = new Error(`Exception: DNS error: ${ctx.url}&client_secret=appsecret99&fb_exchange_token=short123456`);
    const error = networkError(thrown, ctx);
    expect(error.kind).toBe('network');
    const cause = (error as { cause?: Error }).cause!;
    const everything = [error.message, error.request, error.stack, cause.message, cause.stack].join('\n');
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain('appsecret99');
    expect(everything).not.toContain('short123456');
    expect(error.message).toContain('DNS error');
  });

  it('is recognised by shape, as errors from another realm would be', () => {
    expect(isGraphApiError({ name: 'GraphApiError', kind: 'auth' })).toBe(true);
    expect(isGraphApiError(new Error('x'))).toBe(false);
  });
});
