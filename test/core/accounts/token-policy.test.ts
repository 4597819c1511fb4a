import { describe, expect, it } from 'vitest';
import { tokenAction, tokenStatus } from '../../../src/core/accounts/token-policy';
import type { ConnectedAccount } from '../../../src/core/accounts/types';

const DAY = 86_400_000;
const now = Date.parse('2026-03-01T06:00:00Z');

function account(over: Partial<ConnectedAccount>): ConnectedAccount {
  return {
    id: '17841400000000001', username: 'maker', accountType: 'Media_Creator', flow: 'instagram', scopes: [],
    connectedAt: now - 50 * DAY, tokenIssuedAt: now - 50 * DAY, tokenExpiresAt: now + 10 * DAY, ...over,
  };
}

describe('tokenAction', () => {
  it('refreshes an Instagram Login token within 15 days of expiry', () => {
    expect(tokenAction(account({}), now)).toBe('refresh');
    expect(tokenAction(account({ tokenExpiresAt: now + 16 * DAY }), now)).toBe('none');
  });

  it('never refreshes a token younger than a day, as Meta would refuse', () => {
    expect(tokenAction(account({ tokenIssuedAt: now - 23 * 3_600_000, tokenExpiresAt: now + 5 * DAY }), now)).toBe('none');
  });

  it('warns once about a Facebook Login token 7 days before it expires', () => {
    const fb = account({ flow: 'facebook', tokenExpiresAt: now + 7 * DAY });
    expect(tokenAction(fb, now)).toBe('warn');
    expect(tokenAction({ ...fb, expiryWarningSentAt: now }, now)).toBe('none');
    expect(tokenAction(account({ flow: 'facebook', tokenExpiresAt: now + 8 * DAY }), now)).toBe('none');
  });

  it('reports an expired token, and nothing for one already marked', () => {
    expect(tokenAction(account({ tokenExpiresAt: now - 1 }), now)).toBe('expired');
    expect(tokenAction(account({ tokenExpiresAt: now - 1, reconnectReason: 'expired' }), now)).toBe('none');
    expect(tokenAction(account({ tokenExpiresAt: null }), now)).toBe('none');
  });
});

describe('tokenStatus', () => {
  it('reads as the sidebar says it', () => {
    expect(tokenStatus(account({}), now)).toEqual({ kind: 'renews', text: 'renews automatically' });
    expect(tokenStatus(account({ flow: 'facebook', tokenExpiresAt: now + 6 * DAY }), now)).toEqual({ kind: 'expires_soon', text: 'expires in 6 days: reconnect' });
    expect(tokenStatus(account({ flow: 'facebook', tokenExpiresAt: now + 30 * DAY }), now).kind).toBe('valid');
    expect(tokenStatus(account({ reconnectReason: 'revoked' }), now)).toEqual({ kind: 'reconnect', text: 'reconnect needed' });
    expect(tokenStatus(account({ tokenExpiresAt: now }), now).kind).toBe('reconnect');
  });
});
