// The one error type for everything Sheetgram asks of Instagram: what kind of failure it is, whether the
// same request may succeed later, and a message in plain words. Its text never carries a token.

export type GraphErrorKind =
  | 'auth' | 'permission' | 'rate_limit' | 'transient' | 'invalid' | 'not_found'
  | 'skip_item' | 'unsupported_metric' | 'network' | 'malformed';

export interface GraphApiErrorDetails {
  kind: GraphErrorKind;
  /** Already redacted: Meta's message, or what went wrong on the way. */
  message: string;
  userMessage: string;
  retryable: boolean;
  code?: number;
  subcode?: number;
  status?: number;
  /** Meta's error type (OAuthException, IGApiException, ...). */
  type?: string;
  fbtraceId?: string;
  regainAccessMinutes?: number;
  /** The request, with secrets removed, e.g. "GET https://graph.instagram.com/v27.0/me?fields=id". */
  request?: string;
  cause?: unknown;
  /** Ask again (this often, this far apart) before believing it: an answer that often means something else. */
  doubt?: { retries: number; waitMs: number };
  /** Instagram wants a smaller request ("Please reduce the amount of data you're asking for"). */
  askLess?: boolean;
}

export class GraphApiError extends Error {
  override readonly name = 'GraphApiError';
  readonly kind: GraphErrorKind;
  readonly code?: number;
  readonly subcode?: number;
  readonly status?: number;
  readonly type?: string;
  readonly retryable: boolean;
  readonly fbtraceId?: string;
  readonly regainAccessMinutes?: number;
  readonly request?: string;
  readonly doubt?: { retries: number; waitMs: number };
  readonly askLess?: boolean;
  /** Plain words for a social media manager; never a token. */
  readonly userMessage: string;

  constructor(details: GraphApiErrorDetails) {
    super(details.message);
    // Set by hand: the core compiles against ES2020, whose Error constructor takes no options.
    if (details.cause !== undefined) Object.defineProperty(this, 'cause', { value: details.cause, writable: true, configurable: true });
    this.kind = details.kind;
    this.code = details.code;
    this.subcode = details.subcode;
    this.status = details.status;
    this.type = details.type;
    this.retryable = details.retryable;
    this.fbtraceId = details.fbtraceId;
    this.regainAccessMinutes = details.regainAccessMinutes;
    this.request = details.request;
    this.userMessage = details.userMessage;
    if (details.doubt) this.doubt = { ...details.doubt };
    if (details.askLess) this.askLess = true;
  }
}

/** Instagram's "Please reduce the amount of data you're asking for": the same request fails until it asks for less. */
export function asksForLess(e: unknown): boolean {
  return isGraphApiError(e) && e.askLess === true;
}

/** By name and shape, not instanceof: errors may cross realms (the Apps Script bundle, gas-local). */
export function isGraphApiError(e: unknown): e is GraphApiError {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'GraphApiError'
    && typeof (e as { kind?: unknown }).kind === 'string';
}
