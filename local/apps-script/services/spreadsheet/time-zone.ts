// Wall-clock time in the spreadsheet's time zone: Sheets stores dates as serial numbers of local
// days since 1899-12-30, so a Date written by a script is read and shown in the spreadsheet's zone.

export interface WallTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const DAY_MS = 86_400_000;
const SERIAL_EPOCH_UTC = Date.UTC(1899, 11, 30);
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Throws RangeError for a name Intl does not know, which is how invalid zones are rejected. */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

function exactWallTime(instantMs: number, timeZone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(instantMs))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const millisecond = ((instantMs % 1000) + 1000) % 1000;
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second, millisecond };
}

// Intl is slow enough that reading a column of 10,000 dates would take a second, so offsets are
// cached: per 16-day span when it starts and ends on the same offset (zones change at most twice
// a year), else per quarter hour (offsets change on quarter hours).
const QUARTER_HOUR = 900_000;
const SPAN = 16 * DAY_MS;
const cached = new Map<string, { spans: Map<number, number | null>; quarters: Map<number, number> }>();

const exactOffset = (instantMs: number, timeZone: string) => wallAsUtc(exactWallTime(instantMs, timeZone)) - instantMs;

function offsetAt(instantMs: number, timeZone: string): number {
  let zone = cached.get(timeZone);
  if (!zone) cached.set(timeZone, (zone = { spans: new Map(), quarters: new Map() }));
  if (zone.spans.size + zone.quarters.size > 200_000) {
    zone.spans.clear();
    zone.quarters.clear();
  }
  const span = Math.floor(instantMs / SPAN);
  let steady = zone.spans.get(span);
  if (steady === undefined) {
    const first = exactOffset(span * SPAN, timeZone);
    steady = first === exactOffset(span * SPAN + SPAN - 1, timeZone) ? first : null;
    zone.spans.set(span, steady);
  }
  if (steady !== null) return steady;
  const quarter = Math.floor(instantMs / QUARTER_HOUR);
  let offset = zone.quarters.get(quarter);
  if (offset === undefined) zone.quarters.set(quarter, (offset = exactOffset(quarter * QUARTER_HOUR, timeZone)));
  return offset;
}

export function wallTimeOf(instantMs: number, timeZone: string): WallTime {
  const d = new Date(instantMs + offsetAt(instantMs, timeZone));
  return {
    year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(),
    hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(), millisecond: d.getUTCMilliseconds(),
  };
}

function wallAsUtc(w: WallTime): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millisecond);
}

/** The instant at which the zone's clocks show this wall time (the earlier one across a DST overlap). */
export function instantOf(wall: WallTime, timeZone: string): number {
  const target = wallAsUtc(wall);
  let guess = target;
  for (let i = 0; i < 3; i++) {
    const offset = wallAsUtc(wallTimeOf(guess, timeZone)) - guess;
    const next = target - offset;
    if (next === guess) break;
    guess = next;
  }
  return guess;
}

export function serialOf(instantMs: number, timeZone: string): number {
  return (wallAsUtc(wallTimeOf(instantMs, timeZone)) - SERIAL_EPOCH_UTC) / DAY_MS;
}

export function instantOfSerial(serial: number, timeZone: string): number {
  const d = new Date(SERIAL_EPOCH_UTC + Math.round(serial * DAY_MS));
  return instantOf({
    year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(),
    hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(), millisecond: d.getUTCMilliseconds(),
  }, timeZone);
}
