// Sign-in and token calls, used by the accounts feature: Instagram Login code exchange, long-lived
// exchange and refresh; Facebook Login code exchange and fb_exchange_token; and the /me lookups that
// find the Instagram account. Each returns typed values or throws a GraphApiError in plain words.
import type { PlatformHosts } from '../config/platform';
import { GRAPH_API_VERSION } from '../config/platform';
import type { HttpRequest, Transport } from '../ports';
import { errorFromResponse, networkError } from './classify';
import { WAYSIDE_RULES } from './error-table';
import { GraphApiError } from './errors';
import { isRecord, parseGraphJson } from './json';
import { redact, withoutSecretParams } from './redact';
import { graphUrl, queryString, rebaseNext, withToken } from './urls';

export interface TokenDeps {
  transport: Transport;
  hosts: PlatformHosts;
  apiVersion?: string;
}

export interface TokenGrant {
  accessToken: string;
  tokenType?: string;
  /** Seconds; absent when Meta did not say (the token may not expire). */
  expiresIn?: number;
}

export interface InstagramCodeGrant {
  accessToken: string;
  /** Instagram-scoped user id, always a string (it exceeds 2^53). */
  userId: string;
  permissions: string[];
}

export interface InstagramProfile {
  /** The professional account id used in paths (`user_id` on /me). */
  userId: string;
  /** The app-scoped id. */
  id?: string;
  username: string;
  name?: string;
  accountType?: string;
}

export interface FacebookPage {
  pageId: string;
  pageName: string;
  /** The Instagram professional account linked to the Page. */
  instagramAccountId: string;
  pageToken?: string;
}

function call(deps: TokenDeps, request: HttpRequest, secrets: (string | undefined)[]): Record<string, unknown> {
  const ctx = { method: request.method, url: request.url, secrets };
  let response;
  try {
    response = deps.transport.send(request);
  } catch (thrown) {
    throw networkError(thrown, ctx);
  }
  const failure = errorFromResponse(response, ctx);
  if (failure) throw failure;
  const body = parseGraphJson(response.body);
  if (!isRecord(body)) throw unexpected(request, secrets, 'an answer that is not an object');
  return body;
}

function unexpected(request: HttpRequest, secrets: (string | undefined)[], what: string): GraphApiError {
  return new GraphApiError({
    kind: 'malformed', retryable: true, message: `Instagram sent ${what}`, userMessage: WAYSIDE_RULES.malformed.userMessage,
    request: redact(`${request.method} ${request.url}`, secrets),
  });
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined;
}

/** Accepts Meta's documented wrapped shape `{data: [{...}]}` and the flat shape seen in practice. */
function unwrap(body: Record<string, unknown>): Record<string, unknown> {
  return Array.isArray(body.data) && isRecord(body.data[0]) ? body.data[0] : body;
}

function grantOf(body: Record<string, unknown>, request: HttpRequest, secrets: (string | undefined)[]): TokenGrant {
  const fields = unwrap(body);
  const accessToken = text(fields.access_token);
  if (!accessToken) throw unexpected(request, secrets, 'a token answer without a token');
  const expiresIn = Number(fields.expires_in);
  return { accessToken, tokenType: text(fields.token_type), expiresIn: Number.isFinite(expiresIn) && fields.expires_in !== undefined ? expiresIn : undefined };
}

/** Instagram Login: the code from the redirect for a short-lived token (POST form to api.instagram.com). */
export function exchangeInstagramCode(deps: TokenDeps, args: { clientId: string; clientSecret: string; redirectUri: string; code: string }): InstagramCodeGrant {
  const code = args.code.replace(/#_$/, '');
  const request: HttpRequest = {
    method: 'POST',
    url: `${deps.hosts.instagramApi}/oauth/access_token`,
    body: { client_id: args.clientId, client_secret: args.clientSecret, grant_type: 'authorization_code', redirect_uri: args.redirectUri, code },
  };
  const secrets = [args.clientSecret, code];
  const fields = unwrap(call(deps, request, secrets));
  const accessToken = text(fields.access_token);
  const userId = text(fields.user_id);
  if (!accessToken || !userId) throw unexpected(request, [...secrets, accessToken], 'a sign-in answer without a token or user id');
  const permissions = Array.isArray(fields.permissions) ? fields.permissions.map(String) : (text(fields.permissions) ?? '').split(',');
  return { accessToken, userId, permissions: permissions.map((p) => p.trim()).filter(Boolean) };
}

function instagramTokenCall(deps: TokenDeps, endpoint: string, params: Record<string, string>, secrets: string[]): TokenGrant {
  const request: HttpRequest = { method: 'GET', url: `${deps.hosts.instagramGraph}/${endpoint}?${queryString(params)}` };
  return grantOf(call(deps, request, secrets), request, secrets);
}

/** Instagram Login: a short-lived token for a long-lived one (about 60 days). */
export function exchangeInstagramLongLived(deps: TokenDeps, args: { clientSecret: string; shortLivedToken: string }): TokenGrant {
  return instagramTokenCall(deps, 'access_token', { grant_type: 'ig_exchange_token', client_secret: args.clientSecret, access_token: args.shortLivedToken }, [args.clientSecret, args.shortLivedToken]);
}

/** Instagram Login: a long-lived token at least a day old for a fresh one. */
export function refreshInstagramToken(deps: TokenDeps, args: { longLivedToken: string }): TokenGrant {
  return instagramTokenCall(deps, 'refresh_access_token', { grant_type: 'ig_refresh_token', access_token: args.longLivedToken }, [args.longLivedToken]);
}

function facebookTokenCall(deps: TokenDeps, params: Record<string, string>, secrets: string[]): TokenGrant {
  const request: HttpRequest = { method: 'GET', url: graphUrl(deps.hosts.facebookGraph, deps.apiVersion ?? GRAPH_API_VERSION, 'oauth/access_token', params) };
  return grantOf(call(deps, request, secrets), request, secrets);
}

/** Facebook Login: the code from the redirect for a user token. */
export function exchangeFacebookCode(deps: TokenDeps, args: { clientId: string; clientSecret: string; redirectUri: string; code: string }): TokenGrant {
  return facebookTokenCall(deps, { client_id: args.clientId, redirect_uri: args.redirectUri, client_secret: args.clientSecret, code: args.code }, [args.clientSecret, args.code]);
}

/** Facebook Login: a short-lived user token for a long-lived one (about 60 days; no refresh exists). */
export function exchangeFacebookLongLived(deps: TokenDeps, args: { clientId: string; clientSecret: string; shortLivedToken: string }): TokenGrant {
  return facebookTokenCall(deps, { grant_type: 'fb_exchange_token', client_id: args.clientId, client_secret: args.clientSecret, fb_exchange_token: args.shortLivedToken }, [args.clientSecret, args.shortLivedToken]);
}

/** Instagram Login: who the token belongs to (GET graph.instagram.com/me); flat or wrapped answers. */
export function fetchInstagramProfile(deps: TokenDeps, token: string): InstagramProfile {
  const url = graphUrl(deps.hosts.instagramGraph, deps.apiVersion ?? GRAPH_API_VERSION, 'me', { fields: 'user_id,username,name,account_type' });
  const request: HttpRequest = { method: 'GET', url: withToken(url, token) };
  const fields = unwrap(call(deps, request, [token]));
  const userId = text(fields.user_id) ?? text(fields.id);
  const username = text(fields.username);
  if (!userId || !username) throw unexpected(request, [token], 'a profile without an account id or username');
  return { userId, id: text(fields.id), username, name: text(fields.name), accountType: text(fields.account_type) };
}

/** Facebook Login: the person's Pages that link an Instagram professional account (GET /me/accounts, every page). */
export function fetchFacebookPages(deps: TokenDeps, token: string, maxPages = 20): FacebookPage[] {
  const base = deps.hosts.facebookGraph;
  let url: string | null = graphUrl(base, deps.apiVersion ?? GRAPH_API_VERSION, 'me/accounts', { fields: 'id,name,access_token,instagram_business_account', limit: '100' });
  const found: FacebookPage[] = [];
  const seen = new Set<string>();
  for (let pages = 0; url && pages < maxPages && !seen.has(url); pages++) {
    seen.add(url);
    const request: HttpRequest = { method: 'GET', url: withToken(url, token) };
    const body = call(deps, request, [token]);
    for (const entry of Array.isArray(body.data) ? body.data : []) {
      if (!isRecord(entry) || !isRecord(entry.instagram_business_account)) continue;
      const pageId = text(entry.id);
      const instagramAccountId = text(entry.instagram_business_account.id);
      if (!pageId || !instagramAccountId) continue;
      found.push({ pageId, pageName: text(entry.name) ?? pageId, instagramAccountId, pageToken: text(entry.access_token) });
    }
    const next: string | undefined = isRecord(body.paging) ? text(body.paging.next) : undefined;
    url = next ? rebaseNext(withoutSecretParams(next), base) : null;
  }
  return found;
}

/** Facebook Login: the permissions the person granted (GET /me/permissions); declined ones left out. */
export function fetchFacebookPermissions(deps: TokenDeps, token: string): string[] {
  const url = graphUrl(deps.hosts.facebookGraph, deps.apiVersion ?? GRAPH_API_VERSION, 'me/permissions');
  const body = call(deps, { method: 'GET', url: withToken(url, token) }, [token]);
  return (Array.isArray(body.data) ? body.data : [])
    .filter((p): p is Record<string, unknown> => isRecord(p) && p.status === 'granted')
    .map((p) => String(p.permission));
}

/** Facebook Login: a linked Instagram account's handle and name (GET /{ig-user-id} on graph.facebook.com). */
export function fetchFacebookInstagramAccount(deps: TokenDeps, token: string, igUserId: string): { userId: string; username: string; name?: string } {
  const url = graphUrl(deps.hosts.facebookGraph, deps.apiVersion ?? GRAPH_API_VERSION, igUserId, { fields: 'id,username,name' });
  const request: HttpRequest = { method: 'GET', url: withToken(url, token) };
  const fields = call(deps, request, [token]);
  const username = text(fields.username);
  if (!username) throw unexpected(request, [token], 'an Instagram account without a username');
  return { userId: text(fields.id) ?? igUserId, username, name: text(fields.name) };
}
