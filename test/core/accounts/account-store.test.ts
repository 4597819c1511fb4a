import { describe, expect, it } from 'vitest';
import { AccountStore } from '../../../src/core/accounts/account-store';
import type { ConnectedAccount } from '../../../src/core/accounts/types';
import { MemoryStore } from '../../support/memory-ports';

function account(id: string, username: string, connectedAt: number): ConnectedAccount {
  return { id, username, accountType: 'Business', flow: 'instagram', scopes: [], connectedAt, tokenIssuedAt: connectedAt, tokenExpiresAt: null };
}

describe('AccountStore', () => {
  it('keeps accounts and tokens apart, one property each, and lists them in connection order', () => {
    const props = new MemoryStore();
    const store = new AccountStore(props);
    store.save(account('17841400000000002', 'brand', 2), { accessToken: 'IGAA-secret-2', issuedAt: 2, expiresAt: null });
    store.save(account('17841400000000001', 'maker', 1), { accessToken: 'IGAA-secret-1', issuedAt: 1, expiresAt: null });
    expect(store.list().map((a) => a.username)).toEqual(['maker', 'brand']);
    for (const [key, value] of props.data) {
      if (key.startsWith('sheetgram.account.')) expect(value).not.toContain('secret');
    }
    expect(store.token('17841400000000001')?.accessToken).toBe('IGAA-secret-1');
  });

  it('finds an account by id or by username typed with @ and any case', () => {
    const store = new AccountStore(new MemoryStore());
    store.save(account('17841400000000001', 'Maker.Studio', 1));
    expect(store.find('@maker.studio')?.id).toBe('17841400000000001');
    expect(store.find('17841400000000001')?.username).toBe('Maker.Studio');
    expect(store.find('nobody')).toBeNull();
  });

  it('removes an account together with its token', () => {
    const props = new MemoryStore();
    const store = new AccountStore(props);
    store.save(account('1', 'a', 1), { accessToken: 't', issuedAt: 1, expiresAt: null });
    store.remove('1');
    expect(store.list()).toEqual([]);
    expect(store.token('1')).toBeNull();
    expect(props.data.size).toBe(0);
  });
});
