// Utilities: formatDate patterns and zones, sleep on the virtual clock, base64, digests, HMAC,
// blobs, UUIDs, formatString.
import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createUtilities, UtilitiesState } from '../../../../local/apps-script/services/utilities';
import { newPlatform, runAs } from '../support';

function setup(seed = 'seed') {
  const platform = newPlatform();
  return { platform, u: createUtilities(platform, new UtilitiesState(seed)) };
}
const signed = (buf: Buffer) => Array.from(buf, (b) => (b > 127 ? b - 256 : b));

describe('Utilities.formatDate', () => {
  const instant = new Date('2026-07-04T21:05:09.007Z');
  it.each([
    ['yyyy-MM-dd HH:mm:ss', 'Europe/Berlin', '2026-07-04 23:05:09'],
    ["EEE, d MMM yyyy 'at' h:mm a", 'America/New_York', 'Sat, 4 Jul 2026 at 5:05 PM'],
    ['yyyy-MM-dd\'T\'HH:mm:ss.SSSXXX', 'Asia/Kolkata', '2026-07-05T02:35:09.007+05:30'],
    ['Z', 'America/Los_Angeles', '-0700'],
    ['XXX', 'Etc/UTC', 'Z'],
    ['EEEE MMMM yy', 'Pacific/Auckland', 'Sunday July 26'],
  ])('formats %s in %s', (pattern, zone, expected) => {
    const { platform, u } = setup();
    expect(runAs(platform, () => u.formatDate(instant, zone, pattern))).toBe(expected);
  });

  it('follows DST in the zone', () => {
    const { platform, u } = setup();
    expect(runAs(platform, () => u.formatDate(new Date('2026-01-05T12:00:00Z'), 'Europe/Berlin', 'HH:mm Z'))).toBe('13:00 +0100');
    expect(runAs(platform, () => u.formatDate(new Date('2026-03-29T12:00:00Z'), 'Europe/Berlin', 'HH:mm Z'))).toBe('14:00 +0200');
  });

  it('refuses unknown zones', () => {
    const { platform, u } = setup();
    expect(() => runAs(platform, () => u.formatDate(new Date(), 'Mars/Olympus', 'yyyy'))).toThrow(/timeZone/);
  });
});

describe('Utilities.sleep', () => {
  it('advances the virtual clock and records the sleep', () => {
    const { platform, u } = setup();
    runAs(platform, () => u.sleep(1500));
    expect(platform.clock.now() - Date.parse('2026-01-05T09:00:00Z')).toBe(1500);
    expect(platform.clock.sleeps).toEqual([1500]);
  });

  it('refuses more than 5 minutes at once and ends the execution at its limit', () => {
    const { platform, u } = setup();
    expect(() => runAs(platform, () => u.sleep(300_001))).toThrow(/milliseconds/);
    expect(() => runAs(platform, () => u.sleep(31_000), { kind: 'custom-function', authMode: 'CUSTOM_FUNCTION' })).toThrow('Exceeded maximum execution time');
  });
});

describe('Utilities encodings and digests', () => {
  it('encodes and decodes base64, web-safe too', () => {
    const { platform, u } = setup();
    runAs(platform, () => {
      expect(u.base64Encode('hé?>')).toBe(Buffer.from('hé?>').toString('base64'));
      expect(u.base64EncodeWebSafe('??>>')).toBe('Pz8-Pg==');
      expect(u.base64Decode('/w==')).toEqual([-1]);
      expect(u.base64DecodeWebSafe('Pz8-Pg==')).toEqual([63, 63, 62, 62]);
      expect(u.base64Encode([-1, 0, 1])).toBe('/wAB');
    });
  });

  it('computes digests and HMAC as signed byte arrays', () => {
    const { platform, u } = setup();
    runAs(platform, () => {
      expect(u.computeDigest(u.DigestAlgorithm.SHA_256, 'abc')).toEqual(signed(createHash('sha256').update('abc').digest()));
      expect(u.computeDigest(u.DigestAlgorithm.MD5, 'abc')).toEqual(signed(createHash('md5').update('abc').digest()));
      expect(u.computeDigest(u.DigestAlgorithm.SHA_1, 'abc')).toEqual(signed(createHash('sha1').update('abc').digest()));
      expect(u.computeHmacSha256Signature('payload', 'secret')).toEqual(signed(createHmac('sha256', 'secret').update('payload').digest()));
      expect(u.computeDigest(u.DigestAlgorithm.SHA_256, 'abc').some((b) => b < 0)).toBe(true);
    });
  });

  it('makes blobs, formats strings and deterministic UUIDs', () => {
    const a = setup('one');
    const b = setup('one');
    const c = setup('two');
    const ids = (s: ReturnType<typeof setup>) => runAs(s.platform, () => [s.u.getUuid(), s.u.getUuid()]);
    const first = ids(a);
    expect(first).toEqual(ids(b));
    expect(first[0]).not.toBe(first[1]);
    expect(ids(c)).not.toEqual(first);
    expect(first[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    runAs(a.platform, () => {
      const blob = a.u.newBlob('héllo', 'text/plain', 'x.txt');
      expect([blob.getDataAsString(), blob.getContentType(), blob.getName(), blob.getBytes().length]).toEqual(['héllo', 'text/plain', 'x.txt', 6]);
      expect(a.u.formatString('%s has %d items (%.2f%%)', 'list', 3.9, 12.345)).toBe('list has 3 items (12.35%)');
    });
  });

  it('throws for members the runtime does not implement', () => {
    const { platform, u } = setup();
    expect(() => runAs(platform, () => (u as any).parseCsv('a,b'))).toThrow('not implemented in the local runtime: Utilities.parseCsv');
  });
});
