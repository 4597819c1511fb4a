// Access tokens the simulator has issued: opaque strings prefixed like Meta's (IGAA... for Instagram
// Login, EAA... for Facebook Login), deterministic for a seed, with lifetimes on the virtual clock.
import type { TokenKind } from '../platform-types';
import { randomChars } from './random';

/** Seconds; `expires_in` values as the reference documents them (§1.1, §1.2). */
export const TOKEN_LIFETIME_SECONDS: Record<TokenKind, number | null> = {
  'ig-short': 3600,
  'ig-long': 5183944,
  /** Facebook web-flow short-lived tokens last "about 1-2 hours"; the simulator picks 1.5 h. */
  'fb-short': 5400,
  'fb-long': 5183944,
  /** Page tokens derived from a long-lived user token do not expire. */
  page: null,
};

const PREFIX: Record<TokenKind, string> = { 'ig-short': 'IGAA', 'ig-long': 'IGAA', 'fb-short': 'EAAB', 'fb-long': 'EAAB', page: 'EAAB' };

export interface TokenRecord {
  token: string;
  kind: TokenKind;
  flow: 'instagram' | 'facebook';
  appId: string;
  igUserId?: string;
  fbUserId?: string;
  pageId?: string;
  scopes: string[];
  issuedAt: number;
  expiresAt: number | null;
  revoked?: 458 | 460;
}

export type NewToken = Omit<TokenRecord, 'token' | 'issuedAt' | 'expiresAt' | 'flow' | 'revoked'>;

export class TokenStore {
  private readonly byToken = new Map<string, TokenRecord>();
  private issued = 0;

  constructor(private readonly seed: number) {}

  issue(fields: NewToken, now: number): TokenRecord {
    this.issued += 1;
    const lifetime = TOKEN_LIFETIME_SECONDS[fields.kind];
    const record: TokenRecord = {
      ...fields,
      scopes: [...fields.scopes],
      flow: fields.kind.startsWith('ig-') ? 'instagram' : 'facebook',
      token: PREFIX[fields.kind] + randomChars(this.seed, `token:${this.issued}`, 150),
      issuedAt: now,
      expiresAt: lifetime === null ? null : now + lifetime * 1000,
    };
    this.byToken.set(record.token, record);
    return record;
  }

  find(token: string): TokenRecord | undefined {
    return this.byToken.get(token);
  }

  /** The Page token a Facebook user gets from /me/accounts: one per (app, user, Page), stable while valid. */
  pageToken(owner: TokenRecord, pageId: string, now: number, linkedIgUserId?: string): string {
    for (const r of this.byToken.values()) {
      if (r.kind === 'page' && r.pageId === pageId && r.fbUserId === owner.fbUserId && r.appId === owner.appId && !r.revoked) return r.token;
    }
    return this.issue({ kind: 'page', appId: owner.appId, fbUserId: owner.fbUserId, pageId, igUserId: linkedIgUserId, scopes: owner.scopes }, now).token;
  }

  /** Revokes every token matching `match`; returns how many were revoked. */
  revokeWhere(match: (r: TokenRecord) => boolean, subcode: 458 | 460): number {
    let n = 0;
    for (const r of this.byToken.values()) {
      if (!r.revoked && match(r)) {
        r.revoked = subcode;
        n += 1;
      }
    }
    return n;
  }
}
