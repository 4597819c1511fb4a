// Calendar dates and time zones without a date library: Graph timestamps ("+0000"), Meta's daily
// insight buckets (which end at midnight Pacific) and midnights in the spreadsheet's time zone.

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hour12: false, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Wall-clock fields of an instant in a time zone. */
function wallClock(instant: number, timeZone: string): { date: CalendarDate; ms: number } {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instant))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const hour = parts.hour === 24 ? 0 : parts.hour;
  return {
    date: { year: parts.year, month: parts.month, day: parts.day },
    ms: ((hour * 60 + parts.minute) * 60 + parts.second) * 1000,
  };
}

/** Offset of the time zone from UTC at an instant, in ms (positive east of Greenwich). */
export function zoneOffsetMs(instant: number, timeZone: string): number {
  const whole = instant - (((instant % 1000) + 1000) % 1000);
  const { date, ms } = wallClock(whole, timeZone);
  return Date.UTC(date.year, date.month - 1, date.day) + ms - whole;
}

/** "14:00" today, "Tue 2026-01-06 14:00" on another day: when something happens, for messages. */
export function describeTime(instant: number, now: number, timeZone: string): string {
  const { date, ms } = wallClock(instant, timeZone);
  const minutes = Math.floor(ms / 60_000);
  const clock = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return isoDate(date) === isoDate(calendarDateIn(now, timeZone)) ? clock : `${isoDate(date)} ${clock}`;
}

/** The hour (0-23) of an instant on the wall clock of a time zone. */
export function hourIn(instant: number, timeZone: string): number {
  return Math.floor(wallClock(instant, timeZone).ms / 3_600_000);
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** The English name of a calendar date's weekday. */
export function weekdayName(date: CalendarDate): string {
  return WEEKDAYS[new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay()];
}

export function calendarDateIn(instant: number, timeZone: string): CalendarDate {
  return wallClock(instant, timeZone).date;
}

/** The instant of 00:00 on a calendar date in a time zone. */
export function midnightIn(date: CalendarDate, timeZone: string): number {
  const utcMidnight = Date.UTC(date.year, date.month - 1, date.day);
  let t = utcMidnight - zoneOffsetMs(utcMidnight, timeZone);
  const corrected = utcMidnight - zoneOffsetMs(t, timeZone);
  if (corrected !== t) t = corrected;
  return t;
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day) + days * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function isoDate(date: CalendarDate): string {
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
}

export function parseIsoDate(text: string): CalendarDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  return m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : null;
}

/** Whole days from a to b (b - a). */
export function daysBetween(a: CalendarDate, b: CalendarDate): number {
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / DAY_MS);
}

/** Graph timestamps look like 2019-09-26T22:36:43+0000 (no colon in the offset); parsed explicitly. */
export function parseGraphTimestamp(text: unknown): Date | null {
  if (typeof text !== 'string') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|([+-])(\d{2}):?(\d{2}))$/.exec(text.trim());
  if (!m) return null;
  const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  const offsetMin = m[7] === 'Z' ? 0 : (m[8] === '-' ? -1 : 1) * (Number(m[9]) * 60 + Number(m[10]));
  return new Date(utc - offsetMin * 60_000);
}

/** The calendar day a daily insight value belongs to: its end_time is the end of the bucket. */
export function insightDay(endTime: string, bucketTimeZone: string): CalendarDate | null {
  const end = parseGraphTimestamp(endTime);
  return end ? addDays(calendarDateIn(end.getTime(), bucketTimeZone), -1) : null;
}

/** A calendar date as the value Sheets shows as that date in the spreadsheet's time zone. */
export function dateCell(date: CalendarDate, spreadsheetTimeZone: string): Date {
  return new Date(midnightIn(date, spreadsheetTimeZone));
}

export const PACIFIC = 'America/Los_Angeles';
