// When a token is renewed, when its owner is warned, and how its state reads in the sidebar.
// Instagram Login tokens can be refreshed (at least a day old, not expired); Facebook Login user tokens
// cannot, so the person is warned before they lapse. A Facebook Login account whose Page token Sheetgram
// holds keeps running past that date: only what needs the user token (hashtags, competitors) stops.
import type { ConnectedAccount } from './types';

const DAY = 24 * 60 * 60 * 1000;

export const TOKEN_POLICY = {
  /** Meta refuses to refresh a token younger than this. */
  refreshMinAgeMs: DAY,
  /** Refresh an Instagram Login token once it is this close to expiry. */
  refreshWithinMs: 15 * DAY,
  /** Warn about a Facebook Login token this long before it expires. */
  warnWithinMs: 7 * DAY,
};

export type TokenAction = 'refresh' | 'warn' | 'expired' | 'none';

export function tokenAction(account: ConnectedAccount, now: number): TokenAction {
  if (account.reconnectReason) return 'none';
  const expiresAt = account.tokenExpiresAt;
  if (expiresAt === null) return 'none';
  // The Page token goes on; the reports that need the user token are refused at their run, not the account.
  if (expiresAt <= now) return account.pageToken ? 'none' : 'expired';
  const left = expiresAt - now;
  if (account.flow === 'instagram') {
    const oldEnough = now - account.tokenIssuedAt >= TOKEN_POLICY.refreshMinAgeMs;
    return oldEnough && left <= TOKEN_POLICY.refreshWithinMs ? 'refresh' : 'none';
  }
  return left <= TOKEN_POLICY.warnWithinMs && account.expiryWarningSentAt === undefined ? 'warn' : 'none';
}

/** renews: Sheetgram keeps it alive; valid: works until a known date; expires_soon: act now; reconnect: stopped. */
export type TokenStatusKind = 'renews' | 'valid' | 'expires_soon' | 'reconnect';

export interface TokenStatus {
  kind: TokenStatusKind;
  text: string;
}

/** What needs the Facebook user token (the rest of a Page-token account's reports does not expire). */
export const USER_TOKEN_REPORTS_TEXT = 'hashtags and competitors';

export function tokenStatus(account: ConnectedAccount, now: number): TokenStatus {
  const expired = account.tokenExpiresAt !== null && account.tokenExpiresAt <= now;
  if (account.reconnectReason || (expired && !account.pageToken)) {
    return { kind: 'reconnect', text: 'reconnect needed' };
  }
  if (account.flow === 'instagram' || account.tokenExpiresAt === null) {
    return { kind: 'renews', text: 'renews automatically' };
  }
  const days = Math.ceil((account.tokenExpiresAt - now) / DAY);
  if (account.pageToken) {
    if (expired) return { kind: 'expires_soon', text: `reports keep running; ${USER_TOKEN_REPORTS_TEXT} need a reconnect` };
    if (account.tokenExpiresAt - now <= TOKEN_POLICY.warnWithinMs) {
      return { kind: 'expires_soon', text: `${USER_TOKEN_REPORTS_TEXT} stop in ${days} day${days === 1 ? '' : 's'}: reconnect` };
    }
    return { kind: 'valid', text: `reports do not expire; ${USER_TOKEN_REPORTS_TEXT} for ${days} more days` };
  }
  if (account.tokenExpiresAt - now <= TOKEN_POLICY.warnWithinMs) {
    return { kind: 'expires_soon', text: `expires in ${days} day${days === 1 ? '' : 's'}: reconnect` };
  }
  return { kind: 'valid', text: `valid for ${days} more days` };
}

/** Why a run that needs the expired user token does not start, in a person's words. */
export function describeUserTokenNeed(account: ConnectedAccount, what: string): string {
  if (!account.pageToken) return `The sign-in for @${account.username} has expired. Click Reconnect in the sidebar.`;
  return `The Facebook sign-in of @${account.username} has expired, and ${what} needs it: Meta serves hashtag search and Business Discovery `
    + "only with the person's own sign-in. Click Reconnect in the sidebar; the account's other reports keep running.";
}
