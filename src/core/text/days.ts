// Days as people read them in messages ("3 Mar 2026", "1–31 Mar 2026"), never as ISO dates.
import { parseIsoDate, type CalendarDate } from '../reports/dates';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "3 Mar 2026". */
export function dayText(day: CalendarDate): string {
  return `${day.day} ${MONTHS[day.month - 1]} ${day.year}`;
}

/** "1–31 Mar 2026", "28 Feb – 3 Mar 2026", "30 Dec 2025 – 2 Jan 2026", "5 Mar 2026". */
export function daysText(days: { from: string; to: string }): string {
  const a = parseIsoDate(days.from) as CalendarDate;
  const b = parseIsoDate(days.to) as CalendarDate;
  if (days.from === days.to) return dayText(a);
  if (a.year !== b.year) return `${dayText(a)} – ${dayText(b)}`;
  if (a.month !== b.month) return `${a.day} ${MONTHS[a.month - 1]} – ${dayText(b)}`;
  return `${a.day}–${dayText(b)}`;
}
