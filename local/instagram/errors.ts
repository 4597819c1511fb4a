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
