// When a person's digest e-mail goes: after the Monday's runs of the digest's reports, at 23:00 at the
// latest, on Tuesday if held back, never later, and once per Monday.
import { describe, expect, it } from 'vitest';
import { digestMailDue, digestMailedKey } from '../../../src/core/digest/mail-due';
import { BAKERY, SUNNY, configOf } from '../bigquery/sheet';

const TZ = 'Europe/Berlin';
/** Monday 2 March 2026 00:00 in Berlin (UTC+1). */
const MONDAY_MIDNIGHT = Date.parse('2026-03-01T23:00:00Z');
const HOUR = 3_600_000;
const at = (hours: number) => MONDAY_MIDNIGHT + hours * HOUR;

const media = configOf('media_insights', SUNNY, { schedule: { kind: 'daily', hour: 6 } });
const info = configOf('user_information', BAKERY, { schedule: { kind: 'daily', hour: 9 } });
const paused = configOf('user_information', SUNNY, { schedule: { kind: 'off' } });
const other = configOf('account_insights', SUNNY, { schedule: { kind: 'daily', hour: 20 } });

describe('digestMailDue', () => {
  it('waits on Monday until every scheduled report the digest reads has run since midnight', () => {
    const inputs = (now: number, mediaRan?: number, infoRan?: number) => ({
      now, timeZone: TZ, mailedFor: '',
      configurations: [{ config: media, lastRunAt: mediaRan }, { config: info, lastRunAt: infoRan }, { config: paused }, { config: other, lastRunAt: at(-4) }],
    });
    // Sunday's runs do not count; a paused report and a report the digest does not read are not waited for.
    expect(digestMailDue(inputs(at(7), at(6), at(-15)))).toBeNull();
    expect(digestMailDue(inputs(at(9.1), at(6), at(9)))).toBe('2026-03-02');
    // A report that has not run by 23:00 (a stopped trigger) no longer holds it back.
    expect(digestMailDue(inputs(at(22.9), at(6)))).toBeNull();
    expect(digestMailDue(inputs(at(23), at(6)))).toBe('2026-03-02');
  });

  it('goes once per Monday; held back, on Tuesday; later it waits for the next Monday', () => {
    const inputs = (now: number, mailedFor: string) => ({ now, timeZone: TZ, mailedFor, configurations: [{ config: media, lastRunAt: at(6) }] });
    expect(digestMailDue(inputs(at(10), '2026-03-02'))).toBeNull();
    expect(digestMailDue(inputs(at(10), '2026-02-23'))).toBe('2026-03-02');
    expect(digestMailDue(inputs(at(24 + 8), '2026-02-23'))).toBe('2026-03-02');
    expect(digestMailDue(inputs(at(48 + 1), '2026-02-23'))).toBeNull();
    // Sunday: six days after the last Monday.
    expect(digestMailDue(inputs(at(6 * 24 + 12), ''))).toBeNull();
  });

  it('never goes from a spreadsheet without the digest\'s reports, and is remembered per person', () => {
    expect(digestMailDue({ now: at(12), timeZone: TZ, mailedFor: '', configurations: [{ config: other, lastRunAt: at(11) }] })).toBeNull();
    expect(digestMailedKey('u1')).not.toBe(digestMailedKey('u2'));
  });
});
