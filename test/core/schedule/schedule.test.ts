// When a schedule is due: daily at an hour of the spreadsheet's zone (DST included), every few hours
// with the hourly trigger's slack, and the checks on what the sidebar sends.
import { describe, expect, it } from 'vitest';
import { checkSchedule, describeSchedule, isDue, nextRunAt, TICK_TOLERANCE_MS, wallHourIn } from '../../../src/core/schedule/schedule';

const HOUR = 3_600_000;
const LISBON = 'Europe/Lisbon';

describe('daily schedules', () => {
  it('fall at the wall-clock hour on both sides of a DST change', () => {
    expect(new Date(wallHourIn({ year: 2026, month: 10, day: 24 }, 7, LISBON)).toISOString()).toBe('2026-10-24T06:00:00.000Z');
    expect(new Date(wallHourIn({ year: 2026, month: 10, day: 26 }, 7, LISBON)).toISOString()).toBe('2026-10-26T07:00:00.000Z');
    expect(new Date(wallHourIn({ year: 2027, month: 3, day: 28 }, 7, LISBON)).toISOString()).toBe('2027-03-28T06:00:00.000Z');
  });

  it('are due once per local day, at the first tick at or after the hour', () => {
    const daily = { kind: 'daily', hour: 7 } as const;
    const at = (iso: string) => Date.parse(iso);
    expect(isDue(daily, undefined, at('2026-07-10T05:30:00Z'), LISBON)).toBe(false);
    expect(isDue(daily, undefined, at('2026-07-10T06:05:00Z'), LISBON)).toBe(true);
    expect(isDue(daily, at('2026-07-10T06:05:00Z'), at('2026-07-10T20:00:00Z'), LISBON)).toBe(false);
    expect(nextRunAt(daily, at('2026-07-10T06:05:00Z'), at('2026-07-10T20:00:00Z'), LISBON)).toBe(at('2026-07-11T06:00:00Z'));
    // A run on the previous evening (Run now) does not count for today.
    expect(isDue(daily, at('2026-07-09T21:00:00Z'), at('2026-07-10T06:10:00Z'), LISBON)).toBe(true);
  });
});

describe('every few hours', () => {
  it('allows the trigger to come back a few minutes early, not more', () => {
    const every = { kind: 'every_hours', everyHours: 4 } as const;
    const last = Date.parse('2026-07-10T10:23:00Z');
    expect(isDue(every, last, last + 4 * HOUR - TICK_TOLERANCE_MS + 1, 'UTC')).toBe(true);
    expect(isDue(every, last, last + 3 * HOUR, 'UTC')).toBe(false);
    expect(isDue(every, undefined, last, 'UTC')).toBe(true);
  });

  it('is never due when off', () => {
    expect(nextRunAt({ kind: 'off' }, undefined, 0, 'UTC')).toBeNull();
  });
});

describe('checkSchedule', () => {
  it('accepts what the sidebar offers and explains the rest', () => {
    expect(checkSchedule({ kind: 'daily', hour: '6' })).toEqual({ kind: 'daily', hour: 6 });
    expect(checkSchedule({ kind: 'every_hours', everyHours: 4 })).toEqual({ kind: 'every_hours', everyHours: 4 });
    expect(checkSchedule({ kind: 'daily', hour: 24 })).toMatch(/between 0 and 23/);
    expect(checkSchedule({ kind: 'every_hours', everyHours: 3 })).toMatch(/every 1, 2, 4, 6, 8, 12 hours/);
    expect(checkSchedule({ kind: 'weekly' })).toMatch(/off, daily, or every few hours/);
    expect(describeSchedule({ kind: 'daily', hour: 6 })).toBe('Daily at 06:00');
  });
});
