// The manifest's urlFetchWhitelist (reference §4.3): https prefixes with a non-empty path, optional
// "*." subdomain wildcards, case-sensitive paths; a URL matches if it equals a prefix or is its child.
import { exception, URL_FETCH_ERRORS } from './messages';

function matchesPrefix(url: URL, prefix: string): boolean {
  let allowed: URL;
  try {
    allowed = new URL(prefix.replace('://*.', '://wildcard.'));
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || allowed.protocol !== 'https:') return false;
  const wildcard = prefix.includes('://*.');
  const host = url.host.toLowerCase();
  const allowedHost = allowed.host.toLowerCase();
  const hostOk = wildcard ? host.endsWith(allowedHost.slice('wildcard'.length)) : host === allowedHost;
  if (!hostOk) return false;
  const path = url.pathname + url.search;
  const allowedPath = allowed.pathname;
  if (!path.startsWith(allowedPath)) return false;
  if (allowedPath.endsWith('/') || path.length === allowedPath.length) return true;
  const next = path[allowedPath.length];
  return next === '/' || next === '?';
}

export function isAllowed(url: string, allowlist: readonly string[] | undefined): boolean {
  if (!allowlist) return true;
  const parsed = new URL(url);
  return allowlist.some((prefix) => matchesPrefix(parsed, prefix));
}

export function checkAllowed(url: string, allowlist: readonly string[] | undefined): void {
  if (isAllowed(url, allowlist)) return;
  const parsed = new URL(url);
  throw exception(URL_FETCH_ERRORS.notAllowed(`${parsed.origin}${parsed.pathname}`));
}
