// The daily series the digest e-mail charts for an account over its two weeks: followers (User's
// Information, one count per run date) and reach (Account Insights, one figure per day). Read by header.
import { addDays, daysBetween, isoDate, type CalendarDate } from '../reports/dates';
import { column, type Table } from '../functions/tables';
import { dayOfCell } from './posts';
import type { DigestWeeks } from './weeks';

export interface DayValue {
  day: CalendarDate;
  value: number;
}

/**
 * One value per day from last week's Monday to the digest's Monday (the end of this week). Where a tab
 * holds a day twice (Append run twice that day), its lowest row counts: the one written last unless the
 * person sorted the tab.
 */
export function dailySeries(table: Table | null, dayHeader: string, valueHeader: string, weeks: DigestWeeks, timeZone: string): DayValue[] {
  if (!table) return [];
  const [dayAt, valueAt] = [column(table, dayHeader), column(table, valueHeader)];
  if (dayAt < 0 || valueAt < 0) return [];
  const first = weeks.lastWeek.first;
  const span = daysBetween(first, weeks.monday);
  const byDay = new Map<string, DayValue>();
  for (const row of table.rows) {
    const day = dayOfCell(row[dayAt], timeZone);
    const value = row[valueAt];
    if (!day || typeof value !== 'number' || !Number.isFinite(value)) continue;
    const offset = daysBetween(first, day);
    if (offset < 0 || offset > span) continue;
    byDay.set(isoDate(day), { day: addDays(first, offset), value });
  }
  return [...byDay.values()].sort((a, b) => daysBetween(b.day, a.day));
}
