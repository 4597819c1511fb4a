// Turns what came back (or what went wrong on the way) into a GraphApiError: by Meta's error body first,
// by the HTTP status only when there is no Graph error, and always with secrets removed.
import type { HttpResponse } from '../ports';
import { readUsageHeaders } from '../quota/usage-headers';
import { GraphApiError } from './errors';
import { findRule, TRANSIENT_HINT, UNKNOWN_ERROR, WAYSIDE_RULES, type ErrorRule } from './error-table';
import { isRecord, tryParseGraphJson } from './json';
import { redact } from './redact';

export interface RequestContext {
  method: string;
  url: string;
  /** Values to hide wherever they appear: the access token, the app secret. */
  secrets: readonly (string | undefined)[];
}

type Rule = Omit<ErrorRule, 'code'>;

function describe(ctx: RequestContext): string {
  return redact(`${ctx.method} ${ctx.url}`, ctx.secrets);
}

function numberOrUndefined(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

function build(rule: Rule, ctx: RequestContext, response: HttpResponse | undefined, extra: {
  message: string; code?: number; subcode?: number; type?: string; fbtraceId?: string; metaUserMessage?: string; cause?: unknown;
}): GraphApiError {
  const regain = response ? readUsageHeaders(response.headers).regainAccessMinutes : undefined;
  const said = extra.metaUserMessage ? ` Instagram says: "${redact(extra.metaUserMessage, ctx.secrets)}"` : '';
  return new GraphApiError({
    kind: rule.kind,
    retryable: rule.retryable,
    userMessage: rule.userMessage + said,
    message: redact(extra.message, ctx.secrets),
    code: extra.code,
    subcode: extra.subcode,
    status: response?.status,
    type: extra.type,
    fbtraceId: extra.fbtraceId,
    regainAccessMinutes: rule.kind === 'rate_limit' ? regain : undefined,
    request: describe(ctx),
    cause: extra.cause,
    doubt: rule.doubt,
    askLess: rule.askLess,
  });
}

/** The error in a Graph envelope `{error: {...}}`, or in the Instagram-Login OAuth shape `{error_type, code, error_message}`. */
function fromBody(body: Record<string, unknown>, ctx: RequestContext, response: HttpResponse): GraphApiError | null {
  const error = body.error;
  if (isRecord(error)) {
    const code = numberOrUndefined(error.code);
    const subcode = numberOrUndefined(error.error_subcode);
    const message = typeof error.message === 'string' ? error.message : `Instagram error ${code ?? 'without a code'}`;
    const rule = findRule(code, subcode, message) ?? (error.is_transient === true ? TRANSIENT_HINT : UNKNOWN_ERROR);
    return build(rule, ctx, response, {
      message, code, subcode, type: typeof error.type === 'string' ? error.type : undefined,
      fbtraceId: typeof error.fbtrace_id === 'string' ? error.fbtrace_id : undefined,
      metaUserMessage: typeof error.error_user_msg === 'string' ? error.error_user_msg : undefined,
    });
  }
  if (typeof body.error_type === 'string' || typeof body.error_message === 'string') {
    const type = typeof body.error_type === 'string' ? body.error_type : undefined;
    const message = typeof body.error_message === 'string' ? body.error_message : `Instagram refused the sign-in (${type})`;
    const rule = type === 'OAuthRateLimitException' ? WAYSIDE_RULES.oauthRateLimit : WAYSIDE_RULES.oauth;
    return build(rule, ctx, response, { message, code: numberOrUndefined(body.code), type });
  }
  if (typeof body.error === 'string') {
    const description = typeof body.error_description === 'string' ? `: ${body.error_description}` : '';
    return build(WAYSIDE_RULES.oauth, ctx, response, { message: `${body.error}${description}` });
  }
  return null;
}

/** The failure this response carries, or null when it is a readable success (2xx with a JSON body). */
export function errorFromResponse(response: HttpResponse, ctx: RequestContext): GraphApiError | null {
  const parsed = tryParseGraphJson(response.body);
  if (isRecord(parsed)) {
    const error = fromBody(parsed, ctx, response);
    if (error) return error;
  }
  const ok = response.status >= 200 && response.status < 300;
  if (ok && parsed !== undefined) return null;
  if (response.status >= 500) {
    return build(WAYSIDE_RULES.serverError, ctx, response, { message: `Instagram answered HTTP ${response.status} without a Graph error` });
  }
  if (response.status === 429) {
    return build(WAYSIDE_RULES.tooManyRequests, ctx, response, { message: 'Instagram answered HTTP 429 (too many requests)' });
  }
  const what = parsed === undefined ? 'an answer that is not JSON' : 'an answer without data or a Graph error';
  return build(WAYSIDE_RULES.malformed, ctx, response, { message: `Instagram sent ${what} (HTTP ${response.status})` });
}

/** A transport failure (DNS, TLS, timeout). The original error may quote the URL, so only a redacted copy is kept. */
export function networkError(thrown: unknown, ctx: RequestContext): GraphApiError {
  const raw = thrown instanceof Error ? thrown.message : String(thrown);
  const message = redact(raw, ctx.secrets);
  const cause = new Error(message);
  if (thrown instanceof Error) cause.name = thrown.name;
  return build(WAYSIDE_RULES.network, ctx, undefined, { message: `Could not reach Instagram: ${message}`, cause });
}
