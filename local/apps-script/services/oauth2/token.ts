// Token parsing and expiry as the library documents them (reference §5.2, §5.4): JSON or form
// responses, "Error retrieving token" on non-2xx or an `error` field, and expiry 60 s early.

export const TOKEN_FORMAT = {
  JSON: 'application/json',
  FORM_URL_ENCODED: 'application/x-www-form-urlencoded',
} as const;

export const EXPIRATION_BUFFER_SECONDS = 60;

export type Token = Record<string, any>;

export function parseToken(content: string, format: string): Token {
  if (format === TOKEN_FORMAT.FORM_URL_ENCODED) return Object.fromEntries(new URLSearchParams(content));
  try {
    return JSON.parse(content);
  } catch (e) {
    throw new Error(`Token response not valid JSON: ${String(e)}`);
  }
}

export function tokenFromResponse(response: GoogleAppsScript.URL_Fetch.HTTPResponse, format: string): Token {
  const token = parseToken(response.getContentText(), format);
  const code = response.getResponseCode();
  if (code < 200 || code >= 300 || token.error) {
    const reason = [token.error, token.message, token.error_description, token.error_uri]
      .filter(Boolean)
      .map((part) => (typeof part === 'string' ? part : JSON.stringify(part)))
      .join(', ');
    throw new Error(`Error retrieving token: ${reason || `${code}: ${JSON.stringify(token)}`}`);
  }
  return token;
}

function jwtExpiry(idToken: unknown): number | undefined {
  if (typeof idToken !== 'string') return undefined;
  try {
    const payload = JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString('utf8'));
    return typeof payload.exp === 'number' ? payload.exp : undefined;
  } catch {
    return undefined;
  }
}

/** Seconds since the epoch at which the access token expires; undefined when it never does. */
export function expiresAt(token: Token, nowSeconds: number): number | undefined {
  const lifetime = token.expires_in_sec || token.expires_in || token.expires;
  if (!lifetime) return undefined;
  return (token.granted_time || nowSeconds) + Number(lifetime);
}

export function isExpired(token: Token, nowSeconds: number): boolean {
  const at = expiresAt(token, nowSeconds);
  if (at !== undefined && at - nowSeconds < EXPIRATION_BUFFER_SECONDS) return true;
  const exp = jwtExpiry(token.id_token);
  return exp !== undefined && exp - nowSeconds < EXPIRATION_BUFFER_SECONDS;
}

/** A refresh token can itself expire (refresh_token_expires_in). */
export function canRefresh(token: Token, nowSeconds: number): boolean {
  if (!token.refresh_token) return false;
  if (!token.refresh_token_expires_in) return true;
  return (token.granted_time || nowSeconds) + Number(token.refresh_token_expires_in) - nowSeconds >= EXPIRATION_BUFFER_SECONDS;
}
