// Every message UrlFetchApp throws, in one place. Google's text where it is known; where the
// reference marks a text unknown, a clear message of the same shape.

export const REQUIRED_SCOPE = 'https://www.googleapis.com/auth/script.external_request';

export const URL_FETCH_ERRORS = {
  permission: (method: string) =>
    `You do not have permission to call UrlFetchApp.${method}. Required permissions: ${REQUIRED_SCOPE}`,
  dailyQuota: 'Service invoked too many times for one day: urlfetch.',
  urlLength: 'Limit exceeded: URLFetch URL Length.',
  headerCount: 'Limit exceeded: URLFetch headers.',
  headerSize: 'Limit exceeded: URLFetch header size.',
  postSize: 'Limit exceeded: URLFetch POST Size.',
  responseSize: 'Limit exceeded: URLFetch response size.',
  /** Google's exact text is unknown (reference §6.4); only origin and path, never the query. */
  notAllowed: (originAndPath: string) =>
    `Request to ${originAndPath} is not allowed by the urlFetchWhitelist in appsscript.json.`,
  invalidUrl: (url: string) => `Invalid argument: ${url}`,
  invalidMethod: (method: string) => `Invalid argument: method ${method}`,
  tooManyRedirects: (url: string) => `Too many redirects: ${url}`,
  /** Recent messages show only the origin (reference §6.4). */
  httpStatus: (origin: string, status: number, truncatedBody: string) =>
    `Request failed for ${origin} returned code ${status}. Truncated server response: ${truncatedBody} (use muteHttpExceptions option to examine full response)`,
} as const;

/** How many characters of the body the "Request failed" message keeps. */
export const TRUNCATED_BODY_CHARS = 500;

/**
 * Network failures by Node error code -> Google's message prefix (followed by the URL, as Google
 * does; callers that show errors to users must redact tokens themselves).
 */
export const NETWORK_FAILURES: Record<string, string> = {
  ECONNREFUSED: 'Address unavailable',
  EADDRNOTAVAIL: 'Address unavailable',
  EHOSTUNREACH: 'Address unavailable',
  ENETUNREACH: 'Address unavailable',
  ENOTFOUND: 'DNS error',
  EAI_AGAIN: 'DNS error',
  ECONNRESET: 'Unexpected error',
  EPIPE: 'Unexpected error',
  ETIMEDOUT: 'Timeout',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'SSL Error',
  SELF_SIGNED_CERT_IN_CHAIN: 'SSL Error',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'SSL Error',
  CERT_HAS_EXPIRED: 'SSL Error',
  ERR_TLS_CERT_ALTNAME_INVALID: 'SSL Error',
};

export function networkFailureMessage(code: string, url: string): string {
  return `${NETWORK_FAILURES[code] ?? 'Unexpected error'}: ${url}`;
}

/** Apps Script errors are named "Exception", so String(e) reads "Exception: <message>" as in Google. */
export function exception(message: string): Error {
  const error = new Error(message);
  error.name = 'Exception';
  return error;
}
