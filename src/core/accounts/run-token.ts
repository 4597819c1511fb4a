// Which token a report's run goes out with: the account's Page token for its own data when Sheetgram
// holds one (it does not expire), the user token for calls Meta serves only to the person (Hashtag
// Search, Business Discovery). A run that needs an expired user token does not start; the account and
// its other reports are not touched.
import type { AccountStore } from './account-store';
import { describeUserTokenNeed } from './token-policy';
import type { ConnectedAccount, TokenUse, UsableToken } from './types';

export type RunToken = { ok: true; token: UsableToken } | { ok: false; reason: string };

/** `what`: the report's title, for the sentence a person reads when it cannot run. */
export function tokenForRun(accounts: AccountStore, account: ConnectedAccount, use: TokenUse, what: string, now: number): RunToken {
  const token = accounts.tokenFor(account.id, use);
  if (!token) return { ok: false, reason: `Sheetgram has no sign-in for @${account.username}. Click Reconnect in the sidebar.` };
  if (token.expiresAt !== null && token.expiresAt <= now) {
    return { ok: false, reason: describeUserTokenNeed(account, what) };
  }
  return { ok: true, token };
}
