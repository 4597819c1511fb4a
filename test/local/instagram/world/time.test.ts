import { describe, expect, it } from 'vitest';
import { formatTimestamp, pacificDay, pacificDayEnd } from '../../../../local/instagram/world/time';

describe('Meta time', () => {
  it('formats timestamps with +0000 and no milliseconds', () => {
    expect(formatTimestamp(Date.UTC(2026, 6, 10, 7))).toBe('2026-07-10T07:00:00+0000');
  });
  it('ends summer days at 07:00 UTC and winter days at 08:00 UTC (midnight US Pacific)', () => {
    const summer = pacificDay(Date.UTC(2026, 6, 10, 12));
    expect(formatTimestamp(pacificDayEnd(summer))).toBe('2026-07-11T07:00:00+0000');
    const winter = pacificDay(Date.UTC(2026, 0, 15, 12));
    expect(formatTimestamp(pacificDayEnd(winter))).toBe('2026-01-16T08:00:00+0000');
    // 2026-03-08 is the second Sunday of March: its midnight is still PST, the next one PDT.
    expect(formatTimestamp(pacificDayEnd(pacificDay(Date.UTC(2026, 2, 7, 20))))).toBe('2026-03-08T08:00:00+0000');
    expect(formatTimestamp(pacificDayEnd(pacificDay(Date.UTC(2026, 2, 8, 20))))).toBe('2026-03-09T07:00:00+0000');
  });
  it('puts 06:59 UTC in the previous Pacific day in summer', () => {
    expect(pacificDay(Date.UTC(2026, 6, 10, 6, 59))).toBe(pacificDay(Date.UTC(2026, 6, 9, 12)));
  });
});
