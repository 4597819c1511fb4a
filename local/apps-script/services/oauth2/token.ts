// Token parsing and expiry as library version 43 (1.43.0, src/Service.js) does them: JSON or form
// responses, "Error retrieving token" on non-2xx or an `error` field, `expiresAt` (seconds) added
// when a token is parsed, and expiry 60 s early.

export const TOKEN_FORMAT = {
  JSON: 'application/json',
  FORM_URL_ENCODED: 'application/x-www-form-urlencoded',
} as const;

export const EXPIRATION_BUFFER_SECONDS = 60;

export type Token = Record<string, any>;

/** Parses a token answer and stamps its expiry, before any error check (as the library's parseToken_). */
export function parseToken(content: string, format: string, nowSeconds: number): Token {
  let token: Token;
  if (format === TOKEN_FORMAT.JSON) {
    try {
      token = JSON.parse(content);
    } catch (e) {
      throw new Error(`Token response not valid JSON: ${String(e)}`);
    }
  } else if (format === TOKEN_FORMAT.FORM_URL_ENCODED) {
    // The library splits by hand: no '+' to space, and a pair without '=' gets the value "undefined".
    token = {};
    for (const pair of content.split('&')) {
      const [name, value] = pair.split('=');
      token[decodeURIComponent(name)] = decodeURIComponent(value as string);
    }
  } else {
    throw new Error(`Unknown token format: ${format}`);
  }
  ensureExpiresAtSet(token, nowSeconds);
  return token;
}

export function tokenFromResponse(response: GoogleAppsScript.URL_Fetch.HTTPResponse, format: string, nowSeconds: number): Token {
  const token = parseToken(response.getContentText(), format, nowSeconds);
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

/**
 * Adds `expiresAt` and `refreshTokenExpiresAt` (seconds since the epoch) unless `expiresAt` is already
 * there. `granted_time` is only read: versions up to 41 wrote it, 42 and 43 never do.
 */
export function ensureExpiresAtSet(token: Token, nowSeconds: number): void {
  if (token.expiresAt !== undefined) return;
  const grantedTime = token.granted_time || nowSeconds;
  const expiresIn = token.expires_in_sec || token.expires_in || token.expires;
  if (expiresIn) token.expiresAt = grantedTime + Number(expiresIn);
  if (token.refresh_token_expires_in) token.refreshTokenExpiresAt = grantedTime + Number(token.refresh_token_expires_in);
}

/**
 * The library's isExpired_: `expiresAt`, then the old `granted_time` + lifetime path (NaN, so never
 * expired, when a token has a lifetime but neither field), then an id_token's `exp`.
 */
export function isExpired(token: Token, nowSeconds: number): boolean {
  let expired = false;
  if (token.expiresAt && token.expiresAt - nowSeconds < EXPIRATION_BUFFER_SECONDS) expired = true;
  const expiresIn = token.expires_in_sec || token.expires_in || token.expires;
  if (expiresIn && token.granted_time + Number(expiresIn) - nowSeconds < EXPIRATION_BUFFER_SECONDS) expired = true;
  if (token.id_token) {
    // Not guarded, as in the library: an id_token that does not decode makes the check throw.
    const payload = JSON.parse(Buffer.from(String(token.id_token).split('.')[1] ?? '', 'base64url').toString('utf8'));
    if (payload.exp && payload.exp - nowSeconds < EXPIRATION_BUFFER_SECONDS) expired = true;
  }
  return expired;
}

/** The library's canRefresh_: it stamps the token first (the object in memory changes). */
export function canRefresh(token: Token, nowSeconds: number): boolean {
  if (!token.refresh_token) return false;
  ensureExpiresAtSet(token, nowSeconds);
  if (token.refreshTokenExpiresAt === undefined) return true;
  return token.refreshTokenExpiresAt - nowSeconds > EXPIRATION_BUFFER_SECONDS;
}
