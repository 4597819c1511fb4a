// Dates: Graph timestamps, Pacific insight days around DST changes, midnights in a time zone.
import { describe, expect, it } from 'vitest';
import { dateCell, insightDay, midnightIn, parseGraphTimestamp, zoneOffsetMs } from '../../../src/core/reports/dates';

describe('dates', () => {
  it('parses Graph timestamps with +0000', () => {
    expect(parseGraphTimestamp('2019-09-26T22:36:43+0000')).toEqual(new Date('2019-09-26T22:36:43Z'));
    expect(parseGraphTimestamp('2019-09-26T22:36:43+0530')).toEqual(new Date('2019-09-26T17:06:43Z'));
    expect(parseGraphTimestamp('not a date')).toBeNull();
    expect(parseGraphTimestamp(undefined)).toBeNull();
  });

  it('dates daily buckets from end_time at Pacific midnight, around both DST changes', () => {
    expect(insightDay('2026-07-11T07:00:00+0000', 'America/Los_Angeles')).toEqual({ year: 2026, month: 7, day: 10 });
    expect(insightDay('2026-03-09T07:00:00+0000', 'America/Los_Angeles')).toEqual({ year: 2026, month: 3, day: 8 });
    expect(insightDay('2026-03-08T08:00:00+0000', 'America/Los_Angeles')).toEqual({ year: 2026, month: 3, day: 7 });
    expect(insightDay('2026-11-02T08:00:00+0000', 'America/Los_Angeles')).toEqual({ year: 2026, month: 11, day: 1 });
  });

  it('finds midnights in a time zone, including on DST days', () => {
    expect(midnightIn({ year: 2026, month: 3, day: 8 }, 'America/Los_Angeles')).toBe(Date.parse('2026-03-08T08:00:00Z'));
    expect(midnightIn({ year: 2026, month: 3, day: 9 }, 'America/Los_Angeles')).toBe(Date.parse('2026-03-09T07:00:00Z'));
    expect(dateCell({ year: 2026, month: 7, day: 10 }, 'Asia/Kolkata')).toEqual(new Date('2026-07-09T18:30:00Z'));
    expect(zoneOffsetMs(Date.parse('2026-01-01T00:00:00Z'), 'Europe/Berlin')).toBe(3_600_000);
  });
});
