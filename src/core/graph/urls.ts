// Graph URLs: host, version and path, with parameters encoded. Commas stay readable (field lists are
// long and UrlFetch allows about 2 KB of URL); braces and the rest are percent-encoded.
import { withoutSecretParams } from './redact';

export function encodeParam(value: string): string {
  return encodeURIComponent(value).replace(/%2C/gi, ',');
}

export function queryString(params: Record<string, string | undefined>): string {
  return Object.entries(params)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeParam(v)}`)
    .join('&');
}

/** "17841.../media" relative to the version root, without a leading slash. */
export function relativePath(path: string): string {
  return path.replace(/^\/+/, '');
}

export function graphUrl(base: string, version: string, path: string, params: Record<string, string | undefined> = {}): string {
  const query = queryString(params);
  return `${base}/${version}/${relativePath(path)}${query ? `?${query}` : ''}`;
}

export function withToken(url: string, token: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}access_token=${encodeURIComponent(token)}`;
}

/** A query parameter of a URL, decoded; undefined when absent. */
export function paramOf(url: string, name: string): string | undefined {
  const query = url.split('#')[0].split('?')[1];
  if (!query) return undefined;
  for (const pair of query.split('&')) {
    const [k, v = ''] = pair.split('=');
    if (decodeURIComponent(k) === name) return decodeURIComponent(v.replace(/\+/g, ' '));
  }
  return undefined;
}

/**
 * A next URL from Meta, re-rooted on our host (the local platform overrides hosts) and stripped of any
 * token; the caller appends its own.
 */
export function rebaseNext(next: string, base: string): string {
  const clean = withoutSecretParams(next);
  if (clean.startsWith(`${base}/`)) return clean;
  const match = /^[a-z]+:\/\/[^/]+(\/.*)$/i.exec(clean);
  // A simulator URL names Meta's host as its first path segment; that segment is part of the host, not the path.
  const versioned = match ? match[1].replace(/^\/graph\.(?:facebook|instagram)\.com(?=\/)/, '') : `/${relativePath(clean)}`;
  return `${base}${versioned}`;
}
