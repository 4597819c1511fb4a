// Authorization codes handed out by the consent pages: valid one hour, single use (reference §1.1).
import { randomChars } from '../tokens/random';

export const CODE_LIFETIME_MS = 3_600_000;

export interface AuthCode {
  code: string;
  flow: 'instagram' | 'facebook';
  appId: string;
  redirectUri: string;
  igUserId?: string;
  fbUserId?: string;
  scopes: string[];
  issuedAt: number;
  used: boolean;
}

export type CodeLookup = { ok: true; code: AuthCode } | { ok: false; reason: 'unknown' | 'used' | 'expired' };

export class CodeStore {
  private readonly codes = new Map<string, AuthCode>();
  private issued = 0;

  constructor(private readonly seed: number) {}

  issue(fields: Omit<AuthCode, 'code' | 'issuedAt' | 'used'>, now: number): AuthCode {
    this.issued += 1;
    const code: AuthCode = { ...fields, code: `AQ${randomChars(this.seed, `code:${this.issued}`, 118)}`, issuedAt: now, used: false };
    this.codes.set(code.code, code);
    return code;
  }

  /** Finds a code for redemption; does not mark it used (the caller does once every check passed). */
  lookup(value: string, now: number): CodeLookup {
    const code = this.codes.get(value);
    if (!code) return { ok: false, reason: 'unknown' };
    if (code.used) return { ok: false, reason: 'used' };
    if (now - code.issuedAt >= CODE_LIFETIME_MS) return { ok: false, reason: 'expired' };
    return { ok: true, code };
  }
}
