// A connected Instagram professional account, as Sheetgram remembers it for one Google user.
// Tokens are not part of it: they live apart, in the user's own properties only.

import type { LoginFlow } from '../../contract/sidebar';

export type { LoginFlow };

export interface ConnectedAccount {
  /** Instagram professional account id (17+ digits; always a string). */
  id: string;
  username: string;
  name?: string;
  /** As Meta names it: Business or Media_Creator (Instagram Login); Business for Facebook Login. */
  accountType: string;
  flow: LoginFlow;
  /** Permissions the person granted. */
  scopes: string[];
  /** Facebook Login: the Page that links this account. */
  pageId?: string;
  /**
   * Facebook Login: Sheetgram holds the Page's access token, derived from the long-lived user token. It
   * does not expire, so the account's own reports keep running after the user token's 60 days; only
   * calls that need the user token (hashtags, competitors) stop then.
   */
  pageToken?: boolean;
  connectedAt: number;
  /** When the stored long-lived token was issued (Instagram Login refreshes need it to be a day old). */
  tokenIssuedAt: number;
  /** Epoch ms the (user) token expires; null for tokens that do not expire. */
  tokenExpiresAt: number | null;
  /** Set once the account needs the person to connect again (expired or revoked token). */
  reconnectReason?: string;
  /** Facebook Login: when the one expiry warning e-mail went out. */
  expiryWarningSentAt?: number;
}

export interface AccountToken {
  /** The long-lived user token (Instagram Login: the only one). */
  accessToken: string;
  issuedAt: number;
  expiresAt: number | null;
  /** Facebook Login: the linked Page's access token (from /me/accounts with the long-lived user token; no expiry). */
  pageAccessToken?: string;
}

/**
 * Which token a call goes out with. account: the account's own data, where Meta takes a Page token (the
 * Page token when Sheetgram has one, else the user token); user: calls that need the user token
 * (Hashtag Search, Business Discovery).
 */
export type TokenUse = 'account' | 'user';

/** The token chosen for a use, and when it stops working (null: it does not expire). */
export interface UsableToken {
  accessToken: string;
  kind: 'page' | 'user';
  expiresAt: number | null;
}
