// When a schedule is due: daily at an hour of the spreadsheet's zone (DST included), every few hours
// with the hourly trigger's slack, and the checks on what the sidebar sends.
import { describe, expect, it } from 'vitest';
import { checkSchedule, describeSchedule, EVERY_HOURS_CHOICES, isDue, nextRunAt, TICK_TOLERANCE_MS, wallHourIn } from '../../../src/core/schedule/schedule';

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
    expect(checkSchedule({ kind: 'daily', hour: 6 })).toEqual({ kind: 'daily', hour: 6 });
    expect(checkSchedule({ kind: 'off', hour: 'anything' })).toEqual({ kind: 'off' });
    expect(checkSchedule({ kind: 'every_hours', everyHours: 4 })).toEqual({ kind: 'every_hours', everyHours: 4 });
    expect(checkSchedule({ kind: 'daily', hour: 24 })).toMatch(/between 0 and 23/);
    expect(checkSchedule({ kind: 'every_hours', everyHours: 3 })).toMatch(/every 1, 2, 4, 6, 8, 12 hours/);
    expect(checkSchedule({ kind: 'weekly' })).toMatch(/off, daily, or every few hours/);
    expect(describeSchedule({ kind: 'daily', hour: 6 })).toBe('Daily at 06:00');
  });
});

describe('checkSchedule, whatever the browser sent', () => {
  const HOUR_MESSAGE = 'Choose an hour between 0 and 23 for the daily run.';
  const EVERY_MESSAGE = 'Choose how often: every 1, 2, 4, 6, 8, 12 hours.';
  const KIND_MESSAGE = 'Choose a schedule: off, daily, or every few hours.';
  // An empty or null hour was once saved as a daily run at midnight; text that looks like a number is
  // refused too, since the sidebar sends numbers.
  const REFUSED: [string, unknown, string][] = [
    ['no schedule', undefined, 'Choose a schedule.'],
    ['null', null, 'Choose a schedule.'],
    ['text', 'daily', 'Choose a schedule.'],
    ['a list', [{ kind: 'off' }], 'Choose a schedule.'],
    ['no kind', {}, KIND_MESSAGE],
    ['kind weekly', { kind: 'weekly' }, KIND_MESSAGE],
    ['kind in capitals', { kind: 'Daily', hour: 6 }, KIND_MESSAGE],
    ['kind as a list', { kind: ['daily'], hour: 6 }, KIND_MESSAGE],
    ['hour missing', { kind: 'daily' }, HOUR_MESSAGE],
    ['hour undefined', { kind: 'daily', hour: undefined }, HOUR_MESSAGE],
    ['hour null', { kind: 'daily', hour: null }, HOUR_MESSAGE],
    ['hour ""', { kind: 'daily', hour: '' }, HOUR_MESSAGE],
    ['hour "7"', { kind: 'daily', hour: '7' }, HOUR_MESSAGE],
    ['hour 7.5', { kind: 'daily', hour: 7.5 }, HOUR_MESSAGE],
    ['hour -1', { kind: 'daily', hour: -1 }, HOUR_MESSAGE],
    ['hour 24', { kind: 'daily', hour: 24 }, HOUR_MESSAGE],
    ['hour NaN', { kind: 'daily', hour: NaN }, HOUR_MESSAGE],
    ['hour Infinity', { kind: 'daily', hour: Infinity }, HOUR_MESSAGE],
    ['hour true', { kind: 'daily', hour: true }, HOUR_MESSAGE],
    ['hour [7]', { kind: 'daily', hour: [7] }, HOUR_MESSAGE],
    ['every 3 hours', { kind: 'every_hours', everyHours: 3 }, EVERY_MESSAGE],
    ['every "4" hours', { kind: 'every_hours', everyHours: '4' }, EVERY_MESSAGE],
    ['every null hours', { kind: 'every_hours', everyHours: null }, EVERY_MESSAGE],
    ['every 0 hours', { kind: 'every_hours', everyHours: 0 }, EVERY_MESSAGE],
    ['every 24 hours', { kind: 'every_hours', everyHours: 24 }, EVERY_MESSAGE],
    ['every 4.0001 hours', { kind: 'every_hours', everyHours: 4.0001 }, EVERY_MESSAGE],
    ['every hours with an hour only', { kind: 'every_hours', hour: 4 }, EVERY_MESSAGE],
  ];
  for (const [what, value, message] of REFUSED) it(`refuses ${what}`, () => expect(checkSchedule(value)).toBe(message));

  it('takes every hour 0-23 and every allowed interval, and ignores other keys', () => {
    for (let hour = 0; hour <= 23; hour++) expect(checkSchedule({ kind: 'daily', hour })).toEqual({ kind: 'daily', hour });
    for (const everyHours of EVERY_HOURS_CHOICES) expect(checkSchedule({ kind: 'every_hours', everyHours })).toEqual({ kind: 'every_hours', everyHours });
    expect(checkSchedule({ kind: 'daily', hour: 7, everyHours: 'x', minute: 30, timeZone: 'Mars' })).toEqual({ kind: 'daily', hour: 7 });
    expect(checkSchedule({ kind: 'every_hours', everyHours: 4, hour: null })).toEqual({ kind: 'every_hours', everyHours: 4 });
  });
});
