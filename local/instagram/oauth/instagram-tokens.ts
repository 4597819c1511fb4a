// Instagram Login's token endpoints (reference §1.1): the code exchange on api.instagram.com (its own
// error shape), ig_exchange_token (short -> long-lived) and ig_refresh_token on graph.instagram.com.
import { errorResponse, INSTAGRAM_CODE_EXCHANGE_ERRORS as E, instagramCodeExchangeError, PLATFORM_ERRORS, type SimResponse } from '../errors';
import { jsonResponse } from '../router';
import { checkToken } from '../tokens/check';
import { TOKEN_LIFETIME_SECONDS, type TokenRecord } from '../tokens/store';
import type { OAuthContext } from './authorize';

const DAY_MS = 86_400_000;

/** POST api.instagram.com/oauth/access_token: code -> short-lived token. */
export function exchangeInstagramCode(p: Record<string, string>, ctx: OAuthContext): SimResponse {
  if (!p.client_id || !p.client_secret || !p.grant_type || !p.redirect_uri || !p.code) return instagramCodeExchangeError(E.missingField);
  const app = ctx.scenario.apps.find((a) => a.flow === 'instagram' && a.clientId === p.client_id);
  if (!app) return instagramCodeExchangeError(E.invalidApp);
  if (app.clientSecret !== p.client_secret) return instagramCodeExchangeError(E.clientSecret);
  if (p.grant_type !== 'authorization_code') return instagramCodeExchangeError(E.unsupportedGrant);
  // The "#_" Instagram appends is not part of the code; a client that keeps it sends a code that does not match.
  const found = ctx.codes.lookup(p.code, ctx.now);
  if (!found.ok || found.code.flow !== 'instagram' || found.code.appId !== app.clientId) return instagramCodeExchangeError(E.codeNotFound);
  if (found.code.redirectUri !== p.redirect_uri) return instagramCodeExchangeError(E.redirectMismatch);
  found.code.used = true;
  const token = ctx.tokens.issue({ kind: 'ig-short', appId: app.clientId, igUserId: found.code.igUserId, scopes: found.code.scopes }, ctx.now);
  const fields = { access_token: token.token, user_id: token.igUserId ?? '', permissions: token.scopes.join(',') };
  if ((ctx.scenario.platform?.tokenResponseShape ?? 'wrapped') === 'wrapped') return jsonResponse(200, { data: [fields] });
  // The flat shape (seen in the wild) carries user_id as a bare JSON number, too big for a double.
  const body = JSON.stringify(fields).replace(`"user_id":"${fields.user_id}"`, `"user_id":${fields.user_id}`);
  return { status: 200, headers: { 'content-type': 'application/json; charset=UTF-8' }, body };
}

/** GET graph.instagram.com/access_token?grant_type=ig_exchange_token: short-lived -> long-lived (60 d). */
export function exchangeInstagramToken(p: Record<string, string>, ctx: OAuthContext): SimResponse {
  if (p.grant_type !== 'ig_exchange_token') return errorResponse(PLATFORM_ERRORS.unsupportedGrant(p.grant_type ?? ''));
  if (!p.client_secret) return errorResponse(PLATFORM_ERRORS.missingParameter('client_secret'));
  const check = checkToken(ctx.tokens, p.access_token, 'graph.instagram.com', ctx.now);
  if (!check.ok) return errorResponse(check.error);
  const app = ctx.scenario.apps.find((a) => a.flow === 'instagram' && a.clientId === check.record.appId);
  if (!app || app.clientSecret !== p.client_secret) return errorResponse(PLATFORM_ERRORS.clientSecret());
  if (check.record.kind !== 'ig-short') return errorResponse(PLATFORM_ERRORS.exchangeNeedsShortLived());
  return longLived(check.record, ctx);
}

/** GET graph.instagram.com/refresh_access_token: a long-lived token >= 24 h old and unexpired -> a new 60 d one. */
export function refreshInstagramToken(p: Record<string, string>, ctx: OAuthContext): SimResponse {
  if (p.grant_type !== 'ig_refresh_token') return errorResponse(PLATFORM_ERRORS.unsupportedGrant(p.grant_type ?? ''));
  const check = checkToken(ctx.tokens, p.access_token, 'graph.instagram.com', ctx.now);
  if (!check.ok) return errorResponse(check.error);
  if (check.record.kind !== 'ig-long') return errorResponse(PLATFORM_ERRORS.refreshNeedsLongLived());
  if (ctx.now - check.record.issuedAt < DAY_MS) return errorResponse(PLATFORM_ERRORS.refreshTooEarly());
  if (!check.record.scopes.includes('instagram_business_basic')) return errorResponse(PLATFORM_ERRORS.refreshNeedsBasicScope());
  return longLived(check.record, ctx, true);
}

function longLived(from: TokenRecord, ctx: OAuthContext, withPermissions = false): SimResponse {
  const token = ctx.tokens.issue({ kind: 'ig-long', appId: from.appId, igUserId: from.igUserId, scopes: from.scopes }, ctx.now);
  const body: Record<string, unknown> = { access_token: token.token, token_type: 'bearer', expires_in: TOKEN_LIFETIME_SECONDS['ig-long'] };
  if (withPermissions) body.permissions = token.scopes.join(',');
  return jsonResponse(200, body);
}
