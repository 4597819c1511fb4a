// ScriptApp state tokens: an opaque string naming a callback function and its arguments, signed
// with a per-runtime secret and valid for 60 s by default, 3,600 s at most (reference §3.9).
import { createHmac, randomBytes } from 'node:crypto';
import { GOOGLE_ERRORS } from '../../platform';

export const STATE_TOKEN_DEFAULT_SECONDS = 60;
export const STATE_TOKEN_MAX_SECONDS = 3600;

export interface StatePayload {
  method: string;
  arguments: Record<string, string>;
  userId: string;
  expiresAt: number;
}

export class StateTokens {
  private readonly secret = randomBytes(32);

  create(payload: StatePayload): string {
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${body}.${this.sign(body)}`;
  }

  /** Refuses tokens this runtime did not sign and tokens past their expiry. */
  open(token: string, now: number): StatePayload {
    const [body, signature] = String(token ?? '').split('.');
    if (!body || !signature || this.sign(body) !== signature) throw new Error(GOOGLE_ERRORS.stateTokenInvalid);
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as StatePayload;
    if (now > payload.expiresAt) throw new Error(GOOGLE_ERRORS.stateTokenExpired);
    return payload;
  }

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}
