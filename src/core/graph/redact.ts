// Keeps secrets out of every message, URL and log line: OAuth parameters in URLs, form bodies and JSON,
// bearer headers, and any secret value the caller names (the account's token, the app secret).

const SECRET_PARAMS = ['access_token', 'client_secret', 'fb_exchange_token', 'code', 'input_token'];
const REDACTED = '[redacted]';

const queryPattern = new RegExp(`(^|[?&\\s"'(,;])(${SECRET_PARAMS.join('|')})=[^&\\s"'#)]*`, 'gi');
const jsonPattern = new RegExp(`("(?:${SECRET_PARAMS.join('|')})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'gi');
const bearerPattern = /(bearer\s+)[A-Za-z0-9._~+/=-]+/gi;

function escapeForRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The text with every known secret replaced by "[redacted]". Short values (< 8 chars) are not secrets. */
export function redact(text: string, secrets: readonly (string | undefined | null)[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret || secret.length < 8) continue;
    out = out.replace(new RegExp(escapeForRegExp(secret), 'g'), REDACTED);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) out = out.replace(new RegExp(escapeForRegExp(encoded), 'g'), REDACTED);
  }
  return out
    .replace(queryPattern, (_m, lead: string, name: string) => `${lead}${name}=${REDACTED}`)
    .replace(jsonPattern, (_m, lead: string) => `${lead}"${REDACTED}"`)
    .replace(bearerPattern, (_m, lead: string) => `${lead}${REDACTED}`);
}

/** A URL without its secret query parameters: safe to keep in a checkpoint or a log. */
export function withoutSecretParams(url: string): string {
  const [head, hash] = splitOnce(url, '#');
  const [base, query] = splitOnce(head, '?');
  if (query === null) return url;
  const kept = query.split('&').filter((pair) => pair && !SECRET_PARAMS.includes(decodeURIComponent(pair.split('=')[0]).toLowerCase()));
  return `${base}${kept.length ? `?${kept.join('&')}` : ''}${hash === null ? '' : `#${hash}`}`;
}

function splitOnce(text: string, separator: string): [string, string | null] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, null] : [text.slice(0, at), text.slice(at + 1)];
}
