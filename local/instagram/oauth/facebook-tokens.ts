// Facebook Login's token endpoint graph.facebook.com/vX/oauth/access_token (reference §1.2): code ->
// short-lived user token, and grant_type=fb_exchange_token -> long-lived (60 d). No refresh grant.
import { errorResponse, PLATFORM_ERRORS, type SimResponse } from '../errors';
import { jsonResponse } from '../router';
import { checkToken } from '../tokens/check';
import type { TokenKind } from '../platform-types';
import { TOKEN_LIFETIME_SECONDS } from '../tokens/store';
import type { OAuthContext } from './authorize';

const CODE_ERRORS = { unknown: PLATFORM_ERRORS.codeInvalid, used: PLATFORM_ERRORS.codeUsed, expired: PLATFORM_ERRORS.codeExpired } as const;

export function facebookAccessToken(p: Record<string, string>, ctx: OAuthContext): SimResponse {
  for (const name of ['client_id', 'client_secret']) if (!p[name]) return errorResponse(PLATFORM_ERRORS.missingParameter(name));
  const app = ctx.scenario.apps.find((a) => a.flow === 'facebook' && a.clientId === p.client_id);
  if (!app) return errorResponse(PLATFORM_ERRORS.invalidApp());
  if (app.clientSecret !== p.client_secret) return errorResponse(PLATFORM_ERRORS.clientSecret());

  if (p.grant_type === 'fb_exchange_token') {
    const check = checkToken(ctx.tokens, p.fb_exchange_token, 'graph.facebook.com', ctx.now);
    if (!check.ok) return errorResponse(check.error);
    if (check.record.kind === 'page' || check.record.appId !== app.clientId) return errorResponse(PLATFORM_ERRORS.tokenUnparseable());
    return issue('fb-long', { appId: app.clientId, fbUserId: check.record.fbUserId, scopes: check.record.scopes }, ctx);
  }
  if (p.grant_type !== undefined && p.grant_type !== 'authorization_code') return errorResponse(PLATFORM_ERRORS.unsupportedGrant(p.grant_type));

  for (const name of ['redirect_uri', 'code']) if (!p[name]) return errorResponse(PLATFORM_ERRORS.missingParameter(name));
  const found = ctx.codes.lookup(p.code, ctx.now);
  if (!found.ok) return errorResponse(CODE_ERRORS[found.reason]());
  if (found.code.flow !== 'facebook' || found.code.appId !== app.clientId) return errorResponse(PLATFORM_ERRORS.codeInvalid());
  if (found.code.redirectUri !== p.redirect_uri) return errorResponse(PLATFORM_ERRORS.codeRedirectMismatch());
  found.code.used = true;
  return issue('fb-short', { appId: app.clientId, fbUserId: found.code.fbUserId, scopes: found.code.scopes }, ctx);
}

function issue(kind: TokenKind, fields: { appId: string; fbUserId?: string; scopes: string[] }, ctx: OAuthContext): SimResponse {
  const token = ctx.tokens.issue({ kind, ...fields }, ctx.now);
  return jsonResponse(200, { access_token: token.token, token_type: 'bearer', expires_in: TOKEN_LIFETIME_SECONDS[kind] });
}
