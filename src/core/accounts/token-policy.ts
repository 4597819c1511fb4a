// When a token is renewed, when its owner is warned, and how its state reads in the sidebar.
// Instagram Login tokens can be refreshed (at least a day old, not expired); Facebook Login user tokens
// cannot, so the person is warned before they lapse.
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
  if (expiresAt <= now) return 'expired';
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

export function tokenStatus(account: ConnectedAccount, now: number): TokenStatus {
  if (account.reconnectReason || (account.tokenExpiresAt !== null && account.tokenExpiresAt <= now)) {
    return { kind: 'reconnect', text: 'reconnect needed' };
  }
  if (account.flow === 'instagram' || account.tokenExpiresAt === null) {
    return { kind: 'renews', text: 'renews automatically' };
  }
  const days = Math.ceil((account.tokenExpiresAt - now) / DAY);
  if (account.tokenExpiresAt - now <= TOKEN_POLICY.warnWithinMs) {
    return { kind: 'expires_soon', text: `expires in ${days} day${days === 1 ? '' : 's'}: reconnect` };
  }
  return { kind: 'valid', text: `valid for ${days} more days` };
}
