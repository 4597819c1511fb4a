// Wall times in a zone, which dates inside formulas are made of: the cached offsets must agree with
// Intl everywhere, across DST changes and in zones with half- and quarter-hour offsets.
import { describe, expect, it } from 'vitest';
import { instantOfSerial, serialOf, wallTimeOf } from '../../../../../local/apps-script/services/spreadsheet/time-zone';

const formats = new Map<string, Intl.DateTimeFormat>();

function intlWallTime(ms: number, timeZone: string) {
  const f = formats.get(timeZone) ?? formats.set(timeZone, new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })).get(timeZone)!;
  const parts = Object.fromEntries(f.formatToParts(new Date(ms)).filter((p) => p.type !== 'literal').map((p) => [p.type, Number(p.value)]));
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second };
}

describe('wallTimeOf', () => {
  it('agrees with Intl around DST changes and in odd-offset zones', () => {
    const zones = ['America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Chatham', 'America/Sao_Paulo'];
    const from = Date.parse('2025-01-01T00:00:00Z');
    const wrong: string[] = [];
    for (const zone of zones) {
      // Every 53 minutes over a year comes within the hour of each transition.
      for (let ms = from; ms < from + 365 * 86_400_000; ms += 53 * 60_000 + 1_234) {
        const { millisecond: _ms, ...wall } = wallTimeOf(ms, zone);
        if (JSON.stringify(wall) !== JSON.stringify(intlWallTime(ms, zone))) wrong.push(`${zone} ${new Date(ms).toISOString()}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('turns instants into serial numbers of local days and back', () => {
    const instant = Date.parse('2026-03-08T07:30:00Z'); // 03:30 in New York, just after the change to EDT
    const serial = serialOf(instant, 'America/New_York');
    expect(serial).toBeCloseTo(46089 + 3.5 / 24, 10);
    expect(instantOfSerial(serial, 'America/New_York')).toBe(instant);
  });
});
