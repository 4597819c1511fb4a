// Utilities: dates in any zone, sleep on the virtual clock (it can end the execution), base64,
// digests and HMAC as Google's signed byte arrays, blobs, deterministic UUIDs, formatString.
import { createHash, createHmac } from 'node:crypto';
import { enterService, GOOGLE_ERRORS, guarded, type Platform } from '../platform';
import { createResponseBlob } from './url-fetch/blob';
import { formatDate } from './utilities/format-date';
import { formatString } from './utilities/format-string';
import { assertTimeZone } from './utilities/time-zone';

/** Utilities.sleep refuses longer sleeps (Google's documented maximum). */
export const MAX_SLEEP_MS = 300_000;

const DIGESTS: Record<string, string> = { MD2: 'md2', MD5: 'md5', SHA_1: 'sha1', SHA_256: 'sha256', SHA_384: 'sha384', SHA_512: 'sha512' };
const MACS: Record<string, string> = { HMAC_MD5: 'md5', HMAC_SHA_1: 'sha1', HMAC_SHA_256: 'sha256', HMAC_SHA_384: 'sha384', HMAC_SHA_512: 'sha512' };
const enumOf = (names: string[]) => Object.freeze(Object.fromEntries(names.map((n) => [n, n])));

/** Per-runtime state: the seed and counter behind getUuid. */
export class UtilitiesState {
  private count = 0;
  constructor(readonly seed: string) {}
  nextUuid(): string {
    const h = createHash('sha256').update(`${this.seed}:${this.count++}`).digest('hex');
    const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}

/** Strings are encoded in the charset (UTF-8 unless US_ASCII); byte arrays may hold signed bytes. */
function bytesOf(data: unknown, charset?: string): Buffer {
  if (typeof data === 'string') return Buffer.from(data, charset === 'US_ASCII' ? 'latin1' : 'utf8');
  if (Array.isArray(data)) return Buffer.from(data.map((b) => Number(b) & 0xff));
  if (data && typeof data === 'object' && typeof (data as { getBytes?: unknown }).getBytes === 'function') return bytesOf((data as { getBytes(): number[] }).getBytes());
  throw new Error(GOOGLE_ERRORS.invalidArgument('value'));
}

const signed = (bytes: Uint8Array) => Array.from(bytes, (b) => (b > 127 ? b - 256 : b));
const webSafe = (b64: string) => b64.replace(/\+/g, '-').replace(/\//g, '_');
const fromWebSafe = (text: string) => String(text).replace(/-/g, '+').replace(/_/g, '/');

export function createUtilities(platform: Platform, state: UtilitiesState): GoogleAppsScript.Utilities.Utilities {
  const enter = (method: string) => enterService(platform, 'Utilities', method);
  const utilities = {
    Charset: enumOf(['US_ASCII', 'UTF_8']),
    DigestAlgorithm: enumOf(Object.keys(DIGESTS)),
    MacAlgorithm: enumOf(Object.keys(MACS)),
    formatDate(date: Date, timeZone: string, format: string) {
      enter('formatDate');
      if (!date || typeof date.getTime !== 'function' || Number.isNaN(date.getTime())) throw new Error(GOOGLE_ERRORS.invalidArgument('date'));
      try {
        assertTimeZone(timeZone);
      } catch {
        throw new Error(GOOGLE_ERRORS.invalidArgument('timeZone'));
      }
      return formatDate(date, timeZone, String(format));
    },
    formatString: (template: string, ...args: unknown[]) => (enter('formatString'), formatString(template, args)),
    /** Advances the virtual clock; a sleep past the execution's limit ends the execution. */
    sleep(milliseconds: number) {
      const execution = enter('sleep');
      const ms = Number(milliseconds);
      if (!(ms >= 0 && ms <= MAX_SLEEP_MS)) throw new Error(GOOGLE_ERRORS.invalidArgument('milliseconds'));
      const now = platform.clock.now();
      const deadline = execution.startedAt + execution.limitMs;
      platform.clock.sleeps.push(ms);
      if (now + ms > deadline) {
        platform.clock.advance(Math.max(0, deadline + 1 - now));
        execution.dead = true;
        // The daily trigger runtime may be what ran out (execution.limitError), not the 6 minutes.
        throw new Error(execution.limitError ?? GOOGLE_ERRORS.timeLimit);
      }
      platform.clock.advance(ms);
    },
    base64Encode: (data: unknown, charset?: string) => (enter('base64Encode'), bytesOf(data, charset).toString('base64')),
    base64EncodeWebSafe: (data: unknown, charset?: string) => (enter('base64EncodeWebSafe'), webSafe(bytesOf(data, charset).toString('base64'))),
    base64Decode: (encoded: string) => (enter('base64Decode'), signed(Buffer.from(String(encoded), 'base64'))),
    base64DecodeWebSafe: (encoded: string) => (enter('base64DecodeWebSafe'), signed(Buffer.from(fromWebSafe(encoded), 'base64'))),
    computeDigest(algorithm: string, value: unknown, charset?: string) {
      enter('computeDigest');
      const name = DIGESTS[String(algorithm)];
      if (!name) throw new Error(GOOGLE_ERRORS.invalidArgument('algorithm'));
      return signed(createHash(name).update(bytesOf(value, charset)).digest());
    },
    computeHmacSha256Signature(value: unknown, key: unknown, charset?: string) {
      enter('computeHmacSha256Signature');
      return signed(createHmac('sha256', bytesOf(key, charset)).update(bytesOf(value, charset)).digest());
    },
    computeHmacSignature(algorithm: string, value: unknown, key: unknown, charset?: string) {
      enter('computeHmacSignature');
      const name = MACS[String(algorithm)];
      if (!name) throw new Error(GOOGLE_ERRORS.invalidArgument('algorithm'));
      return signed(createHmac(name, bytesOf(key, charset)).update(bytesOf(value, charset)).digest());
    },
    newBlob(data: unknown, contentType?: string, name?: string) {
      enter('newBlob');
      return createResponseBlob(new Uint8Array(bytesOf(data ?? '')), contentType ?? null, name ?? null);
    },
    getUuid: () => (enter('getUuid'), state.nextUuid()),
  };
  return guarded('Utilities', utilities) as unknown as GoogleAppsScript.Utilities.Utilities;
}
