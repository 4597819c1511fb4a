// The digest's weeks: Monday to Sunday, "this week" the one that ended the Sunday before the digest's
// Monday and "last week" the one before it, whatever day of the week the digest is worked out on.
import { describe, expect, it } from 'vitest';
import { digestWeeks, inWeek, isMonday, weekText, type Week } from '../../../src/core/digest/weeks';
import type { CalendarDate } from '../../../src/core/reports/dates';

const d = (iso: string): CalendarDate => {
  const [year, month, day] = iso.split('-').map(Number);
  return { year, month, day };
};
const week = (first: string, last: string): Week => ({ first: d(first), last: d(last) });

describe('digestWeeks', () => {
  it('on a Monday: this week is the Monday-to-Sunday just ended, last week the one before', () => {
    // 2026-03-02 is a Monday.
    expect(digestWeeks(d('2026-03-02'))).toEqual({
      monday: d('2026-03-02'),
      thisWeek: week('2026-02-23', '2026-03-01'),
      lastWeek: week('2026-02-16', '2026-02-22'),
    });
  });

  it('on any later day of the week: the same weeks as its Monday', () => {
    const onMonday = digestWeeks(d('2026-03-02'));
    for (const day of ['2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08']) {
      expect(digestWeeks(d(day))).toEqual(onMonday);
    }
  });

  it('on a Sunday: the Monday six days earlier, not the next one', () => {
    expect(digestWeeks(d('2026-03-01')).monday).toEqual(d('2026-02-23'));
  });

  it('across a year boundary', () => {
    // 2026-01-05 is a Monday; a Wednesday after it gives the same weeks.
    const expected = {
      monday: d('2026-01-05'),
      thisWeek: week('2025-12-29', '2026-01-04'),
      lastWeek: week('2025-12-22', '2025-12-28'),
    };
    expect(digestWeeks(d('2026-01-05'))).toEqual(expected);
    expect(digestWeeks(d('2026-01-07'))).toEqual(expected);
    // A Thursday 1 January: its Monday is still in December.
    expect(digestWeeks(d('2026-01-01'))).toEqual({
      monday: d('2025-12-29'),
      thisWeek: week('2025-12-22', '2025-12-28'),
      lastWeek: week('2025-12-15', '2025-12-21'),
    });
  });

  it('across a leap day', () => {
    // 2024-03-04 is a Monday; the week before it holds 29 February.
    expect(digestWeeks(d('2024-03-04'))).toEqual({
      monday: d('2024-03-04'),
      thisWeek: week('2024-02-26', '2024-03-03'),
      lastWeek: week('2024-02-19', '2024-02-25'),
    });
  });
});

describe('isMonday', () => {
  it('is true for Mondays only', () => {
    expect(isMonday(d('2026-03-02'))).toBe(true);
    expect(isMonday(d('2026-01-05'))).toBe(true);
    expect(isMonday(d('2025-12-29'))).toBe(true);
    for (const day of ['2026-03-01', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-01-01']) {
      expect(isMonday(d(day))).toBe(false);
    }
  });
});

describe('inWeek', () => {
  const w = week('2025-12-29', '2026-01-04');

  it('includes the Monday and the Sunday', () => {
    expect(inWeek(d('2025-12-29'), w)).toBe(true);
    expect(inWeek(d('2026-01-04'), w)).toBe(true);
    expect(inWeek(d('2026-01-01'), w)).toBe(true);
  });

  it('excludes the Sunday before and the Monday after', () => {
    expect(inWeek(d('2025-12-28'), w)).toBe(false);
    expect(inWeek(d('2026-01-05'), w)).toBe(false);
  });

  it('excludes the same days of another month or year', () => {
    expect(inWeek(d('2026-12-30'), w)).toBe(false);
    expect(inWeek(d('2024-12-30'), w)).toBe(false);
    expect(inWeek(d('2026-02-01'), w)).toBe(false);
  });
});

describe('weekText', () => {
  it('names the week by its ISO Monday and Sunday', () => {
    expect(weekText(week('2025-12-29', '2026-01-04'))).toBe('2025-12-29 to 2026-01-04');
  });
});
