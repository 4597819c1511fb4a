// When a person's digest e-mail goes: after the Monday's runs of the digest's reports wrote their rows,
// not waiting for a report that cannot run again that day, at 23:00 at the latest, on Tuesday if held
// back, never later, and once per Monday. On the spreadsheet's calendar, not UTC's.
import { describe, expect, it } from 'vitest';
import type { ConfigurationStatus, RunStatus } from '../../../src/core/configurations/status';
import { digestMailDue, digestMailedKey, type DigestMailInputs } from '../../../src/core/digest/mail-due';
import type { ReportConfiguration } from '../../../src/core/reports/types';
import { BAKERY, SUNNY, configOf } from '../bigquery/sheet';

const HOUR = 3_600_000;

const media = configOf('media_insights', SUNNY, { schedule: { kind: 'daily', hour: 6 } });
const info = configOf('user_information', BAKERY, { schedule: { kind: 'daily', hour: 9 } });
const paused = configOf('user_information', SUNNY, { schedule: { kind: 'off' } });
const other = configOf('account_insights', SUNNY, { schedule: { kind: 'daily', hour: 20 } });

/** A status whose last run started at `at` and ended so. */
const ran = (at: number, status: RunStatus = 'ok', extra: Partial<ConfigurationStatus> = {}): ConfigurationStatus => ({
  failures: status === 'failed' ? 1 : 0, lastRunAt: at, lastRun: { at: at + 60_000, status, rowsAdded: 1, rowsUpdated: 0, callsUsed: 3, message: '' }, ...extra,
});
const item = (config: ReportConfiguration, status: ConfigurationStatus = { failures: 0 }, unfinished = false) => ({ config, status, unfinished });

function inputs(timeZone: string, mondayMidnight: number, hours: number, configurations: ReturnType<DigestMailInputs['configurations']>, mailedFor = ''): DigestMailInputs {
  return { now: mondayMidnight + hours * HOUR, timeZone, mailedFor, configurations: () => configurations };
}

describe('digestMailDue', () => {
  const TZ = 'Europe/Berlin';
  /** Monday 2 March 2026 00:00 in Berlin (UTC+1). */
  const M = Date.parse('2026-03-01T23:00:00Z');
  const at = (hours: number) => M + hours * HOUR;

  it('waits on Monday until every scheduled report the digest reads wrote its rows since midnight', () => {
    const due = (hours: number, mediaStatus: ConfigurationStatus, infoStatus: ConfigurationStatus) => digestMailDue(inputs(TZ, M, hours,
      [item(media, mediaStatus), item(info, infoStatus), item(paused), item(other, ran(at(-4)))]));
    // Sunday's run does not count; a paused report and a report the digest does not read are not waited for.
    expect(due(7, ran(at(6)), ran(at(-15)))).toBeNull();
    expect(due(9.1, ran(at(6)), ran(at(9)))).toBe('2026-03-02');
    expect(due(9.1, ran(at(6), 'partial'), ran(at(9)))).toBe('2026-03-02');
    // Paused at Instagram's limit, to go on at 11:00: waited for; at 23:00 no longer.
    expect(due(10, ran(at(6)), ran(at(9), 'continues', { resumeAt: at(11) }))).toBeNull();
    expect(due(10, ran(at(6)), { ...ran(at(9), 'continues', { resumeAt: at(11) }) })).toBeNull();
    expect(due(23, ran(at(6)), ran(at(9), 'continues', { resumeAt: at(11) }))).toBe('2026-03-02');
    // An unfinished run goes on at the next tick: waited for.
    expect(digestMailDue(inputs(TZ, M, 10, [item(media, ran(at(6))), item(info, ran(at(9), 'continues'), true)]))).toBeNull();
    // Failed today with nothing more today, or paused until tomorrow, or waiting for the person: not waited for.
    expect(due(10, ran(at(6)), ran(at(9), 'failed'))).toBe('2026-03-02');
    expect(due(10, ran(at(6)), ran(at(-15), 'continues', { resumeAt: at(30) }))).toBe('2026-03-02');
    expect(due(10, ran(at(6)), { ...ran(at(-15)), waiting: { reason: 'reconnect', since: at(-15) } })).toBe('2026-03-02');
    // Incomplete, retried at 10:00: waited for until then.
    expect(due(9.5, ran(at(6)), ran(at(9), 'incomplete', { retryAt: at(10) }))).toBeNull();
    // A report that has not run by 23:00 (its owner's trigger stopped) no longer holds it back.
    expect(due(22.9, ran(at(6)), { failures: 0 })).toBeNull();
    expect(due(23, ran(at(6)), { failures: 0 })).toBe('2026-03-02');
  });

  it('goes once per Monday; held back, on Tuesday; later it waits for the next Monday', () => {
    const due = (hours: number, mailedFor: string) => digestMailDue(inputs(TZ, M, hours, [item(media, ran(at(6)))], mailedFor));
    expect(due(10, '2026-03-02')).toBeNull();
    expect(due(10, '2026-02-23')).toBe('2026-03-02');
    expect(due(24 + 8, '2026-02-23')).toBe('2026-03-02');
    expect(due(48 + 1, '2026-02-23')).toBeNull();
    // Sunday: six days after the last Monday.
    expect(due(6 * 24 + 12, '')).toBeNull();
  });

  it('counts days on the spreadsheet\'s calendar where it is not UTC\'s', () => {
    // Auckland, UTC+13 in March: 08:00 on Monday there is Sunday 19:00 UTC.
    const auckland = Date.parse('2026-03-01T11:00:00Z');
    expect(digestMailDue(inputs('Pacific/Auckland', auckland, 8, [item(media, ran(auckland + 6 * HOUR))]))).toBe('2026-03-02');
    // Its Sunday 23:00 is Sunday 10:00 UTC: no digest yet.
    expect(digestMailDue(inputs('Pacific/Auckland', auckland, -1, [item(media, ran(auckland - 18 * HOUR))]))).toBeNull();
    // Los Angeles, UTC-8: 20:00 on Monday is Tuesday 04:00 UTC, still the Monday; Sunday's run does not count.
    const la = Date.parse('2026-03-02T08:00:00Z');
    expect(digestMailDue(inputs('America/Los_Angeles', la, 20, [item(media, ran(la - 2 * HOUR))]))).toBeNull();
    expect(digestMailDue(inputs('America/Los_Angeles', la, 20, [item(media, ran(la + 6 * HOUR))]))).toBe('2026-03-02');
  });

  it('after the spring change of clocks, midnight and 23:00 are the wall clock\'s', () => {
    // London moved its clocks on Sunday 29 March 2026 (a 23-hour day): Monday 30 March starts at 23:00 UTC.
    const london = Date.parse('2026-03-29T23:00:00Z');
    // A run at 23:30 on the Sunday (22:30 UTC) is Sunday's; one at 00:30 on Monday counts.
    expect(digestMailDue(inputs('Europe/London', london, 10, [item(media, ran(london - 0.5 * HOUR))]))).toBeNull();
    expect(digestMailDue(inputs('Europe/London', london, 10, [item(media, ran(london + 0.5 * HOUR))]))).toBe('2026-03-30');
    expect(digestMailDue(inputs('Europe/London', london, 22.9, [item(media, { failures: 0 })]))).toBeNull();
    expect(digestMailDue(inputs('Europe/London', london, 23, [item(media, { failures: 0 })]))).toBe('2026-03-30');
  });

  it('reads the reports only on the days it may go', () => {
    let reads = 0;
    const counted = (hours: number, mailedFor = '') => digestMailDue({ now: at(hours), timeZone: TZ, mailedFor, configurations: () => (reads++, [item(media, ran(at(6)))]) });
    expect([counted(3 * 24), counted(5 * 24), counted(10, '2026-03-02')]).toEqual([null, null, null]);
    expect(reads).toBe(0);
    expect(counted(10)).toBe('2026-03-02');
    expect(reads).toBe(1);
  });

  it('never goes from a spreadsheet without the digest\'s reports, and is remembered per spreadsheet', () => {
    expect(digestMailDue(inputs(TZ, M, 12, [item(other, ran(at(11)))]))).toBeNull();
    expect(digestMailedKey('sheet-1')).not.toBe(digestMailedKey('sheet-2'));
  });
});
