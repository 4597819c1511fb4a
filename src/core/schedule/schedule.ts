// When a configuration is due. Schedules are in the spreadsheet's time zone: "daily at 6" means the
// first dispatcher tick at or after 06:00 there, once per local day, across daylight-saving changes.
import { addDays, calendarDateIn, isoDate, midnightIn, zoneOffsetMs, type CalendarDate } from '../reports/dates';
import type { Schedule } from '../reports/types';

const HOUR = 3_600_000;

/** What Apps Script's everyHours accepts, and what makes sense under the hourly dispatcher. */
export const EVERY_HOURS_CHOICES = [1, 2, 4, 6, 8, 12] as const;
/** Early morning: yesterday's insights are complete by then in most time zones. */
export const DEFAULT_DAILY_HOUR = 6;
/**
 * The hourly trigger fires at a minute Google picks, give or take a few; a run due "every 4 hours"
 * that comes back a few minutes early must not wait a whole extra hour.
 */
export const TICK_TOLERANCE_MS = 10 * 60_000;

/** The instant a wall-clock hour begins on a date in a time zone (DST-safe). */
export function wallHourIn(date: CalendarDate, hour: number, timeZone: string): number {
  const midnight = midnightIn(date, timeZone);
  const guess = midnight + hour * HOUR;
  // Across a DST change the day is 23 or 25 hours long: correct by the change in offset.
  return guess - (zoneOffsetMs(guess, timeZone) - zoneOffsetMs(midnight, timeZone));
}

/** A JSON integer: the sidebar sends numbers, so "7", 7.5, NaN, null and '' are not hours. */
function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

/**
 * A schedule from the sidebar, checked; a message for a person when it is not valid. Whatever the
 * browser sent is checked here (google.script.run can be called from the console): the kind is off, daily
 * or every_hours, a daily hour is a JSON integer 0-23 and everyHours one of EVERY_HOURS_CHOICES. Numbers
 * typed as text ("7") are refused, not converted: the sidebar sends numbers, so text means another
 * caller, and converting is how an empty hour once became a run at midnight. Other keys are ignored.
 */
export function checkSchedule(value: unknown): Schedule | string {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return 'Choose a schedule.';
  const s = value as { kind?: unknown; hour?: unknown; everyHours?: unknown };
  if (s.kind === 'off') return { kind: 'off' };
  if (s.kind === 'daily') {
    return isInteger(s.hour) && s.hour >= 0 && s.hour <= 23 ? { kind: 'daily', hour: s.hour } : 'Choose an hour between 0 and 23 for the daily run.';
  }
  if (s.kind === 'every_hours') {
    return isInteger(s.everyHours) && (EVERY_HOURS_CHOICES as readonly number[]).includes(s.everyHours)
      ? { kind: 'every_hours', everyHours: s.everyHours }
      : `Choose how often: every ${EVERY_HOURS_CHOICES.join(', ')} hours.`;
  }
  return 'Choose a schedule: off, daily, or every few hours.';
}

/**
 * When the schedule is next due, given when the configuration last ran (scheduled or "Run now"):
 * a time at or before `now` means due now; null means never (schedule off).
 */
export function nextRunAt(schedule: Schedule, lastRunAt: number | undefined, now: number, timeZone: string): number | null {
  switch (schedule.kind) {
    case 'off':
      return null;
    case 'every_hours':
      return lastRunAt === undefined ? now : lastRunAt + schedule.everyHours * HOUR - TICK_TOLERANCE_MS;
    case 'daily': {
      const today = calendarDateIn(now, timeZone);
      const ranToday = lastRunAt !== undefined && isoDate(calendarDateIn(lastRunAt, timeZone)) >= isoDate(today);
      return wallHourIn(ranToday ? addDays(today, 1) : today, schedule.hour, timeZone);
    }
  }
}

export function isDue(schedule: Schedule, lastRunAt: number | undefined, now: number, timeZone: string): boolean {
  const next = nextRunAt(schedule, lastRunAt, now, timeZone);
  return next !== null && next <= now;
}

/** The schedule in a few words, for the sidebar and the log. */
export function describeSchedule(schedule: Schedule): string {
  switch (schedule.kind) {
    case 'off':
      return 'Not scheduled';
    case 'daily':
      return `Daily at ${String(schedule.hour).padStart(2, '0')}:00`;
    case 'every_hours':
      return schedule.everyHours === 1 ? 'Every hour' : `Every ${schedule.everyHours} hours`;
  }
}
