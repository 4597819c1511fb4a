// Secrets never reach a log: query parameters that carry tokens or secrets are replaced before a URL
// is recorded.

const SECRET_PARAMS = ['access_token', 'client_secret', 'refresh_token', 'input_token', 'fb_exchange_token'];

export const REDACTED = 'REDACTED';

export function redactUrl(url: string): string {
  let out = url;
  for (const name of SECRET_PARAMS) out = out.replace(new RegExp(`([?&]${name}=)[^&#]*`, 'g'), `$1${REDACTED}`);
  return out;
}
