// Reads a raw request: which Meta host it is for (a path prefix such as /graph.instagram.com, or the
// Host header), which version, the rest of the path, and the query and form parameters merged.

export const HOSTS = ['graph.instagram.com', 'graph.facebook.com', 'api.instagram.com', 'www.instagram.com', 'www.facebook.com'] as const;
export type Host = (typeof HOSTS)[number];

/** Reserved for tests and tools; no host setting of the add-on can produce a path under it. */
export const CONTROL_PREFIX = '/__control/';

export interface ParsedRequest {
  method: string;
  host: Host | undefined;
  /** '/graph.instagram.com' when the host came from the path, '' when it came from the Host header. */
  hostPrefix: string;
  /** Path segments after the host, decoded; a version segment is still included. */
  segments: string[];
  /** The path after the host, as sent. */
  path: string;
  /** Query parameters, then form parameters of the body (the body wins, as for Graph POSTs). */
  params: Record<string, string>;
  headers: Record<string, string>;
  cookies: Record<string, string>;
}

/** Whether a request (path or absolute URL) is for the control API. */
export function isControlRequest(url: string): boolean {
  return new URL(url, 'http://simulator.local').pathname.startsWith(CONTROL_PREFIX);
}

export function parseRequest(req: { method: string; url: string; headers: Record<string, string>; body: string }): ParsedRequest {
  const headers = lowerCaseKeys(req.headers);
  const url = new URL(req.url, 'http://simulator.local');
  const rawSegments = url.pathname.split('/').filter((s) => s !== '');
  let host: Host | undefined;
  let hostPrefix = '';
  let rest = rawSegments;
  if (isHost(rawSegments[0])) {
    host = rawSegments[0];
    hostPrefix = `/${host}`;
    rest = rawSegments.slice(1);
  } else {
    // An absolute URL (in-process transports pass one) names the host itself; otherwise the Host header.
    const absolute = /^https?:\/\//i.test(req.url) ? url.hostname.toLowerCase() : '';
    const fromHeader = (headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    if (isHost(absolute)) host = absolute;
    else if (isHost(fromHeader)) host = fromHeader;
  }
  const params: Record<string, string> = {};
  url.searchParams.forEach((value, key) => (params[key] = value));
  if (req.body && isForm(headers['content-type'], req.body)) new URLSearchParams(req.body).forEach((value, key) => (params[key] = value));
  return {
    method: req.method.toUpperCase(),
    host,
    hostPrefix,
    segments: rest.map((s) => decodeURIComponent(s)),
    path: `/${rest.join('/')}`,
    params,
    headers,
    cookies: parseCookies(headers.cookie ?? ''),
  };
}

function isHost(value: string | undefined): value is Host {
  return (HOSTS as readonly string[]).includes(value ?? '');
}

function isForm(contentType: string | undefined, body: string): boolean {
  if (contentType) return contentType.includes('application/x-www-form-urlencoded');
  return /^[^{[<\s][^\s]*=/.test(body);
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
  return out;
}

function parseCookies(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq).trim()] = decodeURIComponent(part.slice(eq + 1).trim());
  }
  return out;
}

const JSON_TYPE = 'application/json; charset=UTF-8';

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): { status: number; headers: Record<string, string>; body: string } {
  return { status, headers: { 'content-type': JSON_TYPE, ...headers }, body: JSON.stringify(body) };
}

export function htmlResponse(status: number, html: string, headers: Record<string, string> = {}): { status: number; headers: Record<string, string>; body: string } {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8', ...headers }, body: html };
}

export function redirectResponse(location: string, headers: Record<string, string> = {}): { status: number; headers: Record<string, string>; body: string } {
  return { status: 302, headers: { location, 'content-type': 'text/html; charset=utf-8', ...headers }, body: '' };
}

/** The base URL of every simulated host, for printing and for the add-on's host settings. */
export function hostUrls(baseUrl: string): Record<Host, string> {
  return Object.fromEntries(HOSTS.map((h) => [h, `${baseUrl}/${h}`])) as Record<Host, string>;
}
