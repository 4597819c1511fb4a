// Connected accounts and their tokens in one person's user properties. One property per account and
// one per token keeps each value far below the 9 KB limit however many accounts an agency connects,
// and listing them is a single read of the store.
import type { KeyValueStore } from '../ports';
import type { AccountToken, ConnectedAccount, TokenUse, UsableToken } from './types';

const ACCOUNT_PREFIX = 'sheetgram.account.';
const TOKEN_PREFIX = 'sheetgram.token.';

export class AccountStore {
  constructor(private readonly userProperties: KeyValueStore) {}

  list(): ConnectedAccount[] {
    const all = this.userProperties.getAll();
    return Object.keys(all)
      .filter((k) => k.startsWith(ACCOUNT_PREFIX))
      .map((k) => JSON.parse(all[k]) as ConnectedAccount)
      .sort((a, b) => a.connectedAt - b.connectedAt || a.username.localeCompare(b.username));
  }

  get(id: string): ConnectedAccount | null {
    const raw = this.userProperties.get(ACCOUNT_PREFIX + id);
    return raw ? (JSON.parse(raw) as ConnectedAccount) : null;
  }

  /** Finds an account by id or username (with or without @), as people type it. */
  find(idOrUsername: string): ConnectedAccount | null {
    const wanted = idOrUsername.trim().replace(/^@/, '').toLowerCase();
    return this.list().find((a) => a.id === wanted || a.username.toLowerCase() === wanted) ?? null;
  }

  save(account: ConnectedAccount, token?: AccountToken): void {
    const values: Record<string, string> = { [ACCOUNT_PREFIX + account.id]: JSON.stringify(account) };
    if (token) values[TOKEN_PREFIX + account.id] = JSON.stringify(token);
    this.userProperties.setAll(values);
  }

  token(id: string): AccountToken | null {
    const raw = this.userProperties.get(TOKEN_PREFIX + id);
    return raw ? (JSON.parse(raw) as AccountToken) : null;
  }

  /**
   * The token to send for a use: the Page token for the account's own data when Sheetgram holds one
   * (it does not expire), the user token otherwise and for calls that need it.
   */
  tokenFor(id: string, use: TokenUse): UsableToken | null {
    const token = this.token(id);
    if (!token) return null;
    if (use === 'account' && token.pageAccessToken) return { accessToken: token.pageAccessToken, kind: 'page', expiresAt: null };
    return { accessToken: token.accessToken, kind: 'user', expiresAt: token.expiresAt };
  }

  remove(id: string): void {
    this.userProperties.delete(ACCOUNT_PREFIX + id);
    this.userProperties.delete(TOKEN_PREFIX + id);
  }
}
