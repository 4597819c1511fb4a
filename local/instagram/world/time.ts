// Time as Meta shows it: `2026-07-10T07:00:00+0000` timestamps, and account-insight days that end at
// midnight US Pacific (07:00 or 08:00 UTC depending on daylight saving), reference §10.

export const HOUR = 3_600_000;
export const DAY = 86_400_000;

export function formatTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000');
}

export function parseIso(text: string): number {
  const ms = Date.parse(text.replace(/\+0000$/, 'Z'));
  if (Number.isNaN(ms)) throw new Error(`not a date-time: ${text}`);
  return ms;
}

/** Day of month of the n-th Sunday (1-based) of a month (0-based month), UTC calendar. */
function nthSunday(year: number, month: number, n: number): number {
  const firstDow = new Date(Date.UTC(year, month, 1)).getUTCDay();
  return 1 + ((7 - firstDow) % 7) + 7 * (n - 1);
}

/** Hours Pacific time is behind UTC at the midnight that starts this calendar date (days since epoch). */
function pacificOffsetAtMidnight(dayNumber: number): number {
  const d = new Date(dayNumber * DAY);
  const y = d.getUTCFullYear();
  const dstStart = Date.UTC(y, 2, nthSunday(y, 2, 2)) / DAY;
  const dstEnd = Date.UTC(y, 10, nthSunday(y, 10, 1)) / DAY;
  // The switch happens at 02:00, so midnight of the switch day still has the old offset.
  return dayNumber > dstStart && dayNumber <= dstEnd ? 7 : 8;
}

/** UTC ms of the Pacific midnight that starts the given Pacific calendar date. */
export function pacificMidnight(dayNumber: number): number {
  return dayNumber * DAY + pacificOffsetAtMidnight(dayNumber) * HOUR;
}

/** The Pacific calendar date (days since epoch) that contains the instant. */
export function pacificDay(ms: number): number {
  let day = Math.floor((ms - 8 * HOUR) / DAY);
  while (pacificMidnight(day + 1) <= ms) day += 1;
  while (pacificMidnight(day) > ms) day -= 1;
  return day;
}

/** end_time of a Pacific day's insight bucket: the midnight that ends it. */
export function pacificDayEnd(dayNumber: number): number {
  return pacificMidnight(dayNumber + 1);
}
