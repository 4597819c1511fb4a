// Finishing a sign-in: the short-lived token the login gave is traded for a long-lived one at once,
// the Instagram account(s) it reaches are identified, and each is saved with its token in the user's
// own properties (Facebook Login: with the linked Page's token too, which does not expire). Every
// failure is a ConnectError in words a social media manager understands.
import type { AppCredentials } from '../config/app-settings';
import type { Clock } from '../ports';
import { isGraphApiError } from '../graph/errors';
import { isRecord } from '../graph/json';
import {
  exchangeFacebookLongLived, exchangeInstagramLongLived, fetchFacebookInstagramAccount, fetchFacebookPages, fetchFacebookPermissions,
  fetchInstagramProfile, type TokenDeps, type TokenGrant,
} from '../graph/tokens';
import type { AccountStore } from './account-store';
import { ConnectError } from './messages';
import { BASE_SCOPES, missingScopes, PORTFOLIO_SCOPES } from './scopes';
import type { AccountToken, ConnectedAccount } from './types';

export interface ConnectDeps extends TokenDeps {
  clock: Clock;
  credentials: AppCredentials;
  accounts: AccountStore;
}

/** What the sign-in's code exchange gave, as the OAuth2 library stored it (flat or wrapped in data[0]). */
export interface ShortLivedGrant {
  accessToken: string;
  permissions: string[];
}

/** Reads the library's stored token object: Instagram wraps it in {data: [...]}, Facebook does not. */
export function shortLivedGrantOf(raw: unknown): ShortLivedGrant | null {
  const fields = isRecord(raw) && Array.isArray(raw.data) && isRecord(raw.data[0]) ? raw.data[0] : raw;
  if (!isRecord(fields) || typeof fields.access_token !== 'string' || !fields.access_token) return null;
  const permissions = Array.isArray(fields.permissions) ? fields.permissions.map(String) : String(fields.permissions ?? '').split(',');
  return { accessToken: fields.access_token, permissions: permissions.map((p) => p.trim()).filter(Boolean) };
}

/** Meta's answer to a failed exchange, in the connect vocabulary. */
function asConnectError(e: unknown): never {
  if (e instanceof ConnectError) throw e;
  if (isGraphApiError(e)) throw new ConnectError('instagram_error', e.userMessage);
  throw e;
}

function tokenFrom(grant: TokenGrant, now: number): AccountToken {
  return { accessToken: grant.accessToken, issuedAt: now, expiresAt: grant.expiresIn ? now + grant.expiresIn * 1000 : null };
}

function save(deps: ConnectDeps, fresh: Omit<ConnectedAccount, 'connectedAt'>, token: AccountToken): ConnectedAccount {
  const before = deps.accounts.get(fresh.id);
  // Reconnecting keeps when it was first connected; it clears "reconnect needed" and the expiry warning.
  const account: ConnectedAccount = { ...fresh, connectedAt: before?.connectedAt ?? deps.clock.now() };
  deps.accounts.save(account, token);
  return account;
}

/** Instagram Login: one account, the one that logged in. `asked`: the scopes the sign-in asked for. */
export function completeInstagramConnect(deps: ConnectDeps, grant: ShortLivedGrant, asked: string[]): ConnectedAccount[] {
  const missing = missingScopes(BASE_SCOPES.instagram, grant.permissions);
  if (missing.length) throw new ConnectError('missing_permissions', missing.join(', '));
  try {
    const now = deps.clock.now();
    const long = exchangeInstagramLongLived(deps, { clientSecret: deps.credentials.clientSecret, shortLivedToken: grant.accessToken });
    const profile = fetchInstagramProfile(deps, long.accessToken);
    if (profile.accountType && !/^(business|media_creator|creator)$/i.test(profile.accountType)) throw new ConnectError('personal_account');
    const account = save(deps, {
      id: profile.userId, username: profile.username, name: profile.name, accountType: profile.accountType ?? 'Business', flow: 'instagram',
      scopes: grant.permissions.length ? grant.permissions : asked, tokenIssuedAt: now, tokenExpiresAt: tokenFrom(long, now).expiresAt,
    }, tokenFrom(long, now));
    return [account];
  } catch (e) {
    return asConnectError(e);
  }
}

/** Why no Page may have shown: Pages owned through a business portfolio need business_management. */
function portfolioHint(granted: string[]): string {
  const declined = missingScopes(PORTFOLIO_SCOPES.facebook, granted).filter((s) => s === 'business_management');
  return declined.length
    ? 'If the Page belongs to a business portfolio (Business Manager), connect again and allow "business_management": without it Facebook does not show such Pages to Sheetgram.'
    : '';
}

/**
 * Facebook Login: every Instagram professional account linked to a Page the person allowed (an agency
 * connects all its clients at once). The long-lived user token reads them all, and /me/accounts read
 * with it gives each Page's token, which does not expire: reports use it, so they outlive the user
 * token's 60 days.
 */
export function completeFacebookConnect(deps: ConnectDeps, grant: ShortLivedGrant, asked: string[]): ConnectedAccount[] {
  try {
    const now = deps.clock.now();
    const long = exchangeFacebookLongLived(deps, { clientId: deps.credentials.clientId, clientSecret: deps.credentials.clientSecret, shortLivedToken: grant.accessToken });
    const granted = fetchFacebookPermissions(deps, long.accessToken);
    const missing = missingScopes(BASE_SCOPES.facebook, granted);
    if (missing.length) throw new ConnectError('missing_permissions', missing.join(', '));
    const pages = fetchFacebookPages(deps, long.accessToken);
    if (!pages.length) throw new ConnectError('no_linked_page', portfolioHint(granted));
    const token = tokenFrom(long, now);
    const seen = new Set<string>();
    return pages.filter((p) => !seen.has(p.instagramAccountId) && seen.add(p.instagramAccountId)).map((page) => {
      const profile = fetchFacebookInstagramAccount(deps, page.pageToken ?? long.accessToken, page.instagramAccountId);
      const withPage: AccountToken = page.pageToken ? { ...token, pageAccessToken: page.pageToken } : token;
      return save(deps, {
        id: profile.userId, username: profile.username, name: profile.name, accountType: 'Business', flow: 'facebook',
        scopes: granted.length ? granted : asked, pageId: page.pageId, ...(page.pageToken ? { pageToken: true } : {}), tokenIssuedAt: now, tokenExpiresAt: token.expiresAt,
      }, withPage);
    });
  } catch (e) {
    return asConnectError(e);
  }
}

/** What the library's handleCallback threw, as a ConnectProblem (its message quotes Meta's answer). */
export function connectErrorFromCallback(message: string): ConnectError {
  if (/already used|has been used|has expired|not found|verification code/i.test(message)) return new ConnectError('code_used');
  if (/client secret|invalid platform app|application id|invalid app/i.test(message)) {
    return new ConnectError('setup_wrong', 'the client id or secret');
  }
  if (/redirect_uri/i.test(message)) return new ConnectError('setup_wrong', 'the redirect URI');
  return new ConnectError('instagram_error', message.replace(/^Error retrieving token:\s*/i, '').slice(0, 300));
}
