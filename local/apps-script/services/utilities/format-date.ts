// Utilities.formatDate: Java SimpleDateFormat patterns rendered in any IANA zone (English names).
import { offsetMinutesAt, wallTimeOf } from './time-zone';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const pad = (n: number, width: number) => String(Math.abs(n)).padStart(width, '0');

function offsetText(minutes: number, style: 'Z' | 'X' | 'XX' | 'XXX'): string {
  if (minutes === 0 && style !== 'Z') return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const h = pad(Math.floor(Math.abs(minutes) / 60), 2);
  const m = pad(Math.abs(minutes) % 60, 2);
  if (style === 'X') return `${sign}${h}`;
  if (style === 'XXX') return `${sign}${h}:${m}`;
  return `${sign}${h}${m}`;
}

/** The value of one run of a pattern letter, e.g. ("M", 3) -> "Jan". */
type Field = (letter: number) => string;

export function formatDate(date: Date, timeZone: string, pattern: string): string {
  const ms = date.getTime();
  const w = wallTimeOf(ms, timeZone);
  const offset = offsetMinutesAt(ms, timeZone);
  const hour12 = w.hour % 12 === 0 ? 12 : w.hour % 12;
  const fields: Record<string, Field> = {
    y: (n) => (n === 2 ? pad(w.year % 100, 2) : pad(w.year, n)),
    Y: (n) => (n === 2 ? pad(w.year % 100, 2) : pad(w.year, n)),
    M: (n) => (n >= 4 ? MONTHS[w.month - 1] : n === 3 ? MONTHS[w.month - 1].slice(0, 3) : pad(w.month, n)),
    L: (n) => (n >= 4 ? MONTHS[w.month - 1] : n === 3 ? MONTHS[w.month - 1].slice(0, 3) : pad(w.month, n)),
    d: (n) => pad(w.day, n),
    E: (n) => (n >= 4 ? DAYS[w.weekday] : DAYS[w.weekday].slice(0, 3)),
    u: (n) => pad(w.weekday === 0 ? 7 : w.weekday, n),
    H: (n) => pad(w.hour, n),
    k: (n) => pad(w.hour === 0 ? 24 : w.hour, n),
    K: (n) => pad(w.hour % 12, n),
    h: (n) => pad(hour12, n),
    m: (n) => pad(w.minute, n),
    s: (n) => pad(w.second, n),
    S: (n) => pad(((ms % 1000) + 1000) % 1000, 3).slice(0, Math.max(n, 3)).padEnd(n, '0'),
    a: () => (w.hour < 12 ? 'AM' : 'PM'),
    D: (n) => pad(Math.round((Date.UTC(w.year, w.month - 1, w.day) - Date.UTC(w.year, 0, 1)) / 86_400_000) + 1, n),
    Z: () => offsetText(offset, 'Z'),
    X: (n) => offsetText(offset, n === 1 ? 'X' : n === 2 ? 'XX' : 'XXX'),
    z: () => zoneAbbreviation(ms, timeZone),
  };
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === "'") {
      // Quoted literal text; '' is a single quote.
      const end = pattern.indexOf("'", i + 1);
      if (end === i + 1) {
        out += "'";
        i += 2;
        continue;
      }
      const stop = end === -1 ? pattern.length : end;
      out += pattern.slice(i + 1, stop).replace(/''/g, "'");
      i = stop + 1;
      continue;
    }
    if (/[A-Za-z]/.test(c)) {
      let n = 1;
      while (pattern[i + n] === c) n++;
      const field = fields[c];
      if (!field) throw new Error(`Invalid argument: pattern (Illegal pattern character '${c}')`);
      out += field(n);
      i += n;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

function zoneAbbreviation(ms: number, timeZone: string): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' }).formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}
