// Meta's error envelope, as the simulator sends it. Shared by every part of the simulator so that an
// error from the OAuth pages, the rate limiter or an endpoint looks the same as Meta's.

export type GraphErrorType = 'OAuthException' | 'GraphMethodException' | 'IGApiException' | 'GraphBatchException';

export interface GraphErrorSpec {
  /** HTTP status: 400 for most Graph errors, 500 for codes 1 and 2 (reference §9.3). */
  status: number;
  code: number;
  subcode?: number;
  message: string;
  type: GraphErrorType;
  transient?: boolean;
  userTitle?: string;
  userMessage?: string;
  /** Extra members inside `error` (e.g. error_data). */
  extra?: Record<string, unknown>;
}

export interface SimResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Real milliseconds the HTTP adapter waits before sending (the latency fault). */
  delayMs?: number;
}

let traceCounter = 0;

/** Deterministic fbtrace_id: same scenario and request order give the same bytes. */
export function nextTraceId(): string {
  traceCounter += 1;
  return `SIM${traceCounter.toString(36).toUpperCase().padStart(8, '0')}`;
}

export function resetTraceIds(): void {
  traceCounter = 0;
}

export function graphError(code: number, message: string, opts: Partial<Omit<GraphErrorSpec, 'code' | 'message'>> = {}): GraphErrorSpec {
  return {
    status: opts.status ?? (code === 1 || code === 2 ? 500 : 400),
    code,
    message,
    type: opts.type ?? 'OAuthException',
    ...opts,
  };
}

export function errorBody(spec: GraphErrorSpec): { error: Record<string, unknown> } {
  const error: Record<string, unknown> = { message: spec.message, type: spec.type, code: spec.code };
  if (spec.subcode !== undefined) error.error_subcode = spec.subcode;
  if (spec.transient !== undefined) error.is_transient = spec.transient;
  if (spec.userTitle) error.error_user_title = spec.userTitle;
  if (spec.userMessage) error.error_user_msg = spec.userMessage;
  Object.assign(error, spec.extra ?? {});
  error.fbtrace_id = nextTraceId();
  return { error };
}

export function errorResponse(spec: GraphErrorSpec, headers: Record<string, string> = {}): SimResponse {
  return { status: spec.status, headers: { 'content-type': 'application/json; charset=UTF-8', ...headers }, body: JSON.stringify(errorBody(spec)) };
}

// ---- Platform's error texts (versions, tokens, limits, faults, batch, token endpoints), in one table.
// Texts are Meta's where the reference records them; "[chosen]" marks texts the simulator picked.

const RATE_LIMIT_DOCS = 'For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.';

export const PLATFORM_ERRORS = {
  deprecatedVersion: (latest: string) => graphError(2635, `(#2635) You are calling a deprecated version of the Graph API. Please update to the latest version: ${latest}.`),
  tokenMissing: () => graphError(104, 'An access token is required to request this resource.'),
  tokenUnparseable: () => graphError(190, 'Invalid OAuth access token - Cannot parse access token'),
  tokenExpired: (expiredOn: string, current: string) =>
    graphError(190, `Error validating access token: Session has expired on ${expiredOn}. The current time is ${current}.`, { subcode: 463 }),
  tokenPasswordChanged: () =>
    graphError(190, 'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.', { subcode: 460 }),
  tokenAppRemoved: (userId: string, appId: string) =>
    graphError(190, `Error validating access token: User ${userId} has not authorized application ${appId}.`, { subcode: 458 }),
  appLimit: () => graphError(4, '(#4) Application request limit reached', { transient: true }),
  userLimit: () => graphError(17, '(#17) User request limit reached', { transient: true }),
  pageLimit: () => graphError(32, '(#32) Page request limit reached', { transient: true }),
  instagramBucLimit: () => graphError(80002, `(#80002) There have been too many calls to this Instagram account. Wait a bit and try again. ${RATE_LIMIT_DOCS}`),
  unknownError: () => graphError(1, 'An unknown error occurred', { status: 500, transient: true }),
  serviceError: () => graphError(2, 'An unexpected error has occurred. Please retry your request later.', { status: 503, transient: true }),
  cursorExpired: (which: 'After' | 'Before') => graphError(100, `The ${which} Cursor specified exceeds the max limit supported by this endpoint`),
  batchTooLarge: () => graphError(1, 'Too many requests in batch message. Maximum batch size is 50', { status: 400, type: 'GraphBatchException' }),
  /** [chosen] */ batchNotJson: () => graphError(100, '(#100) The parameter batch must be a JSON array of operations', { type: 'GraphBatchException' }),
  /** [chosen] whether graph.instagram.com batches is unknown */ batchNotOnHost: () => graphError(100, 'Unsupported request - method type: post', { type: 'IGApiException' }),
  /** [chosen] */ batchReferences: () => graphError(100, '(#100) JSONPath references between batch operations are not supported by the simulator', { type: 'GraphBatchException' }),
  missingParameter: (name: string) => graphError(100, `(#100) The parameter ${name} is required`),
  clientSecret: () => graphError(1, 'Error validating client secret.', { status: 400 }),
  invalidApp: () => graphError(101, 'Error validating application. Invalid application ID.'),
  unsupportedGrant: (grant: string) => graphError(100, `(#100) Unsupported grant_type: ${grant}`),
  codeRedirectMismatch: () => graphError(100, 'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request', { subcode: 36008 }),
  codeUsed: () => graphError(100, 'This authorization code has been used.', { subcode: 36009 }),
  codeExpired: () => graphError(100, 'This authorization code has expired.', { subcode: 36007 }),
  codeInvalid: () => graphError(100, 'Invalid verification code format.'),
  /** [chosen] */ exchangeNeedsShortLived: () => graphError(100, '(#100) Only a short-lived access token can be exchanged for a long-lived one'),
  /** [chosen] */ refreshNeedsLongLived: () => graphError(100, '(#100) Only a long-lived access token can be refreshed'),
  /** [chosen] reference §1.1: at least 24 hours old */ refreshTooEarly: () => graphError(100, '(#100) A long-lived access token can be refreshed only once it is at least 24 hours old'),
  /** [chosen] */ refreshNeedsBasicScope: () => graphError(10, '(#10) The user has not granted instagram_business_basic'),
} satisfies Record<string, (...args: any[]) => GraphErrorSpec>;

/** The api.instagram.com code exchange answers errors in its own shape (reference §1.1, §9.1). */
export const INSTAGRAM_CODE_EXCHANGE_ERRORS = {
  codeNotFound: 'Matching code was not found or was already used',
  invalidApp: 'Invalid platform app',
  clientSecret: 'Error validating client secret.',
  redirectMismatch: 'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request',
  /** [chosen] */ unsupportedGrant: 'Invalid grant_type: only authorization_code is supported',
  /** [chosen] */ missingField: 'You must provide a client_id, client_secret, grant_type, redirect_uri and code',
} as const;

export function instagramCodeExchangeError(message: string, headers: Record<string, string> = {}): SimResponse {
  return {
    status: 400,
    headers: { 'content-type': 'application/json; charset=UTF-8', ...headers },
    body: JSON.stringify({ error_type: 'OAuthException', code: 400, error_message: message }),
  };
}
