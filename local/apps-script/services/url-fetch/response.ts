// HTTPResponse as UrlFetchApp returns it: a fresh object per call, headers as an object (last value
// wins) or with arrays for repeated headers, bytes as signed numbers, text in the response charset.
import { guarded } from '../../platform';
import { convertBlob, createResponseBlob } from './blob';
import { charsetOf, decode, toSignedBytes } from './bytes';
import type { WireResponse } from './transport';

function headerValue(headers: [string, string][], name: string): string | undefined {
  let found: string | undefined;
  for (const [key, value] of headers) if (key.toLowerCase() === name) found = value;
  return found;
}

/** The last path segment of the URL, as a blob name (Google's choice is not documented). */
function nameFromUrl(url: string): string | null {
  const segment = new URL(url).pathname.split('/').filter(Boolean).pop();
  return segment ? decodeURIComponent(segment) : null;
}

export function createHttpResponse(url: string, wire: WireResponse): GoogleAppsScript.URL_Fetch.HTTPResponse {
  const contentType = headerValue(wire.headers, 'content-type') ?? null;
  const body = wire.body;
  const response = {
    getResponseCode: () => wire.status,
    getContentText: (charset?: string) => decode(body, charset ?? charsetOf(contentType ?? undefined) ?? 'utf-8'),
    getContent: () => toSignedBytes(body),
    getBlob: () => createResponseBlob(body, contentType, nameFromUrl(url)),
    getAs: (type: string) => convertBlob(body, contentType, nameFromUrl(url), type),
    getHeaders: () => {
      const out: Record<string, string> = {};
      for (const [key, value] of wire.headers) out[key] = value;
      return out;
    },
    getAllHeaders: () => {
      const out: Record<string, string | string[]> = {};
      for (const [key, value] of wire.headers) {
        const seen = out[key];
        if (seen === undefined) out[key] = value;
        else out[key] = Array.isArray(seen) ? [...seen, value] : [seen, value];
      }
      return out;
    },
  };
  return guarded('HTTPResponse', response) as unknown as GoogleAppsScript.URL_Fetch.HTTPResponse;
}
