// Turns UrlFetchApp's (url, params) into the request that goes on the wire, following Google's rules:
// lower-case methods, payload encodings (string, bytes, Blob, form object, multipart), the default
// content type, URL escaping. Also the shape UrlFetchApp.getRequest returns.
import { concat, fromByteArray, isBlobLike, toSignedBytes, utf8, type BlobLike } from './bytes';
import { exception, URL_FETCH_ERRORS } from './messages';

/** Every documented params field (timeoutSeconds is missing from @types 2.0.13, reference §6.2). */
export interface FetchParams {
  url?: string;
  method?: string;
  headers?: Record<string, unknown>;
  payload?: unknown;
  contentType?: string;
  muteHttpExceptions?: boolean;
  followRedirects?: boolean;
  validateHttpsCertificates?: boolean;
  escaping?: boolean;
  useIntranet?: boolean;
  timeoutSeconds?: number;
}

export interface PreparedRequest {
  url: string;
  method: string;
  /** The caller's headers plus Content-Type when there is a payload. */
  headers: Record<string, string>;
  body: Uint8Array;
  muteHttpExceptions: boolean;
  followRedirects: boolean;
  validateHttpsCertificates: boolean;
  timeoutMs: number;
  /** What getRequest reports as payload: strings stay strings, bytes are signed numbers. */
  payloadForInspection: string | number[];
  contentType: string;
}

export const DEFAULT_CONTENT_TYPE = 'application/x-www-form-urlencoded';
/** Reference §6.2: 360 s when timeoutSeconds is not given (uncertain, 🟡). */
export const DEFAULT_TIMEOUT_SECONDS = 360;
const METHODS = new Set(['get', 'delete', 'patch', 'post', 'put']);
const MULTIPART_BOUNDARY = '----SheetgramLocalFormBoundary7MA4YWxkTrZu0gW';

/** Characters that may stand in a URL as they are; everything else is percent-encoded when escaping. */
const URL_SAFE = /[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]/;

export function escapeUrl(url: string): string {
  let out = '';
  for (let i = 0; i < url.length; i++) {
    const ch = url[i];
    if (URL_SAFE.test(ch) || (ch === '%' && /^[0-9A-Fa-f]{2}$/.test(url.slice(i + 1, i + 3)))) {
      out += ch;
      continue;
    }
    const cp = url.codePointAt(i) ?? 0;
    const char = String.fromCodePoint(cp);
    out += encodeURIComponent(char);
    i += char.length - 1;
  }
  return out;
}

function checkUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw exception(URL_FETCH_ERRORS.invalidUrl(url));
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw exception(URL_FETCH_ERRORS.invalidUrl(url));
}

function formEncode(fields: Record<string, unknown>): string {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) form.append(name, value == null ? '' : String(value));
  return form.toString();
}

function multipartEncode(fields: Record<string, unknown>): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const [name, value] of Object.entries(fields)) {
    let head = `--${MULTIPART_BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"`;
    if (isBlobLike(value)) {
      const blob = value as BlobLike;
      head += `; filename="${blob.getName?.() ?? name}"\r\nContent-Type: ${blob.getContentType?.() ?? 'application/octet-stream'}`;
      parts.push(utf8(`${head}\r\n\r\n`), fromByteArray(blob.getBytes()), utf8('\r\n'));
    } else {
      parts.push(utf8(`${head}\r\n\r\n${value == null ? '' : String(value)}\r\n`));
    }
  }
  parts.push(utf8(`--${MULTIPART_BOUNDARY}--\r\n`));
  return concat(parts);
}

interface EncodedPayload {
  body: Uint8Array;
  inspection: string | number[];
  /** Set when the encoding dictates the content type (multipart). */
  forcedContentType?: string;
}

function encodePayload(payload: unknown): EncodedPayload {
  if (payload === undefined || payload === null) return { body: new Uint8Array(0), inspection: '' };
  if (typeof payload === 'string') return { body: utf8(payload), inspection: payload };
  if (Array.isArray(payload) || payload instanceof Uint8Array || payload instanceof Int8Array) {
    const body = fromByteArray(payload as ArrayLike<number>);
    return { body, inspection: toSignedBytes(body) };
  }
  if (isBlobLike(payload)) {
    const body = fromByteArray(payload.getBytes());
    return { body, inspection: toSignedBytes(body) };
  }
  if (typeof payload === 'object') {
    const fields = payload as Record<string, unknown>;
    if (Object.values(fields).some(isBlobLike)) {
      const body = multipartEncode(fields);
      return { body, inspection: toSignedBytes(body), forcedContentType: `multipart/form-data; boundary=${MULTIPART_BOUNDARY}` };
    }
    const text = formEncode(fields);
    return { body: utf8(text), inspection: text };
  }
  const text = String(payload);
  return { body: utf8(text), inspection: text };
}

export function prepareRequest(rawUrl: string, params: FetchParams = {}): PreparedRequest {
  if (typeof rawUrl !== 'string' || rawUrl === '') throw exception(URL_FETCH_ERRORS.invalidUrl(String(rawUrl)));
  const url = params.escaping === false ? rawUrl : escapeUrl(rawUrl);
  checkUrl(url);
  const method = String(params.method ?? 'get').toLowerCase();
  if (!METHODS.has(method)) throw exception(URL_FETCH_ERRORS.invalidMethod(String(params.method)));

  const headers: Record<string, string> = {};
  let headerContentType: string | undefined;
  for (const [name, value] of Object.entries(params.headers ?? {})) {
    if (name.toLowerCase() === 'content-type') headerContentType = String(value);
    else headers[name] = String(value);
  }
  const encoded = encodePayload(params.payload);
  const contentType = encoded.forcedContentType ?? params.contentType ?? headerContentType ?? DEFAULT_CONTENT_TYPE;
  if (params.payload !== undefined && params.payload !== null) headers['Content-Type'] = contentType;
  else if (headerContentType !== undefined) headers['Content-Type'] = headerContentType;

  return {
    url,
    method,
    headers,
    body: encoded.body,
    muteHttpExceptions: params.muteHttpExceptions === true,
    followRedirects: params.followRedirects !== false,
    validateHttpsCertificates: params.validateHttpsCertificates !== false,
    timeoutMs: (params.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000,
    payloadForInspection: encoded.inspection,
    contentType,
  };
}

/** UrlFetchApp.getRequest: what would be sent, without sending it. */
export function describeRequest(request: PreparedRequest): Record<string, unknown> {
  const headers = { ...request.headers };
  delete headers['Content-Type'];
  return {
    url: request.url,
    method: request.method,
    contentType: request.contentType,
    payload: request.payloadForInspection,
    headers,
    followRedirects: request.followRedirects,
    validateHttpsCertificates: request.validateHttpsCertificates,
    useIntranet: false,
  };
}
