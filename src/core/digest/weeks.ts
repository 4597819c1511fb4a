// The weeks a digest compares: Monday to Sunday in the spreadsheet's time zone. Built on a Monday, "this
// week" is the one that just ended and "last week" the one before it.
import { addDays, daysBetween, isoDate, type CalendarDate } from '../reports/dates';

export interface Week {
  /** Monday. */
  first: CalendarDate;
  /** Sunday. */
  last: CalendarDate;
}

export interface DigestWeeks {
  /** The Monday the digest is of (the day after this week). */
  monday: CalendarDate;
  thisWeek: Week;
  lastWeek: Week;
}

/** 0 for Monday ... 6 for Sunday. */
function daysSinceMonday(day: CalendarDate): number {
  return (new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay() + 6) % 7;
}

export function isMonday(day: CalendarDate): boolean {
  return daysSinceMonday(day) === 0;
}

/** The weeks of the digest built on the latest Monday up to `today`. */
export function digestWeeks(today: CalendarDate): DigestWeeks {
  const monday = addDays(today, -daysSinceMonday(today));
  const week = (weeksBack: number): Week => ({ first: addDays(monday, -7 * weeksBack), last: addDays(monday, -7 * weeksBack + 6) });
  return { monday, thisWeek: week(1), lastWeek: week(2) };
}

export function inWeek(day: CalendarDate, week: Week): boolean {
  return daysBetween(week.first, day) >= 0 && daysBetween(day, week.last) >= 0;
}

/** "29 Jun – 5 Jul 2026" style, in ISO days so no locale is guessed: "2026-06-29 to 2026-07-05". */
export function weekText(week: Week): string {
  return `${isoDate(week.first)} to ${isoDate(week.last)}`;
}
