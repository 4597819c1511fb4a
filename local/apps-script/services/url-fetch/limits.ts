// Apps Script's per-call UrlFetch limits (reference §1.2), checked before a request leaves and when
// its answer arrives.
import { exception, URL_FETCH_ERRORS } from './messages';
import type { PreparedRequest } from './request';

export const URL_FETCH_LIMITS = {
  /** The UrlFetchApp reference: "up to 2,082 characters". */
  urlLength: 2082,
  headerCount: 100,
  headerBytes: 8 * 1024,
  postBytes: 50 * 1024 * 1024,
  responseBytes: 50 * 1024 * 1024,
};

export function checkRequestLimits(request: PreparedRequest): void {
  if (request.url.length > URL_FETCH_LIMITS.urlLength) throw exception(URL_FETCH_ERRORS.urlLength);
  const names = Object.keys(request.headers);
  if (names.length > URL_FETCH_LIMITS.headerCount) throw exception(URL_FETCH_ERRORS.headerCount);
  const headerBytes = names.reduce((sum, name) => sum + Buffer.byteLength(`${name}: ${request.headers[name]}\r\n`), 0);
  if (headerBytes > URL_FETCH_LIMITS.headerBytes) throw exception(URL_FETCH_ERRORS.headerSize);
  if (request.body.byteLength > URL_FETCH_LIMITS.postBytes) throw exception(URL_FETCH_ERRORS.postSize);
}

export function checkResponseSize(bytes: number): void {
  if (bytes > URL_FETCH_LIMITS.responseBytes) throw exception(URL_FETCH_ERRORS.responseSize);
}
