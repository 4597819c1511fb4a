// Validates an access token for one Graph call: known, on the right host, not revoked, not expired.
// Failures are Meta's code 190 errors with the real subcodes (reference §9.2).
import { PLATFORM_ERRORS, type GraphErrorSpec } from '../errors';
import type { GraphHost } from '../platform-types';
import type { TokenRecord, TokenStore } from './store';

export type TokenCheck = { ok: true; record: TokenRecord } | { ok: false; error: GraphErrorSpec; record?: TokenRecord };

const HOST_OF_FLOW: Record<TokenRecord['flow'], GraphHost> = { instagram: 'graph.instagram.com', facebook: 'graph.facebook.com' };

export function checkToken(store: TokenStore, token: string | undefined, host: GraphHost, now: number): TokenCheck {
  if (!token) return { ok: false, error: PLATFORM_ERRORS.tokenMissing() };
  const record = store.find(token);
  // A token of the other flow cannot be parsed by the other host, as with Meta's hosts.
  if (!record || HOST_OF_FLOW[record.flow] !== host) return { ok: false, error: PLATFORM_ERRORS.tokenUnparseable() };
  if (record.revoked === 460) return { ok: false, error: PLATFORM_ERRORS.tokenPasswordChanged(), record };
  if (record.revoked === 458) return { ok: false, error: PLATFORM_ERRORS.tokenAppRemoved(record.igUserId ?? record.fbUserId ?? '', record.appId), record };
  if (record.expiresAt !== null && now >= record.expiresAt) {
    return { ok: false, error: PLATFORM_ERRORS.tokenExpired(pacificTime(record.expiresAt), pacificTime(now)), record };
  }
  return { ok: true, record };
}

const PACIFIC = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/Los_Angeles',
  weekday: 'long',
  day: '2-digit',
  month: 'short',
  year: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
});

/** Meta's wording of a time in 190/463 messages: "Tuesday, 01-Dec-26 10:00:00 PST". */
export function pacificTime(ms: number): string {
  const part = (type: string) => PACIFIC.formatToParts(new Date(ms)).find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')}, ${part('day')}-${part('month')}-${part('year')} ${part('hour')}:${part('minute')}:${part('second')} ${part('timeZoneName')}`;
}
