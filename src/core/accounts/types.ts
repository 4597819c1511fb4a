// A connected Instagram professional account, as Sheetgram remembers it for one Google user.
// Tokens are not part of it: they live apart, in the user's own properties only.

export type LoginFlow = 'instagram' | 'facebook';

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
  connectedAt: number;
  /** When the stored long-lived token was issued (Instagram Login refreshes need it to be a day old). */
  tokenIssuedAt: number;
  /** Epoch ms; null for tokens that do not expire. */
  tokenExpiresAt: number | null;
  /** Set once the account needs the person to connect again (expired or revoked token). */
  reconnectReason?: string;
  /** Facebook Login: when the one expiry warning e-mail went out. */
  expiryWarningSentAt?: number;
}

export interface AccountToken {
  accessToken: string;
  issuedAt: number;
  expiresAt: number | null;
}
