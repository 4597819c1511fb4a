// Arguments as Sheets passes them to a custom function, checked, with a message that says what to
// type instead. Sheets passes a single cell as its value and a range as a 2-D array; a date (a date
// cell, DATE(2026,3,1), TODAY()-30) as a Date, though a date that lost its type on the way (N(...),
// VALUE(...), a cell formatted as a number) is a serial number; an empty argument (=IG_FOLLOWERS(, x))
// as "" (undocumented, so null and undefined count as empty too); an argument not typed is absent.
import { calendarDateIn, isoDate, parseIsoDate, type CalendarDate } from '../reports/dates';
import { knownAccounts, type AccountRef, type FunctionSources } from './tables';

/** Thrown for a bad argument: Sheets shows #ERROR! with this text. */
export class FunctionArgumentError extends Error {
  override readonly name = 'FunctionArgumentError';
}

export const CONNECT_FIRST = 'Connect an account in Extensions > Sheetgram > Open sidebar';

export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/** A single cell's value: a one-cell range arrives as [[value]]. */
export function scalar(value: unknown, name: string): unknown {
  if (!Array.isArray(value)) return value;
  if (value.length === 1 && Array.isArray(value[0]) && value[0].length === 1) return value[0][0];
  throw new FunctionArgumentError(`${name} must be one cell, not a range.`);
}

const DAY_MS = 86_400_000;
/** Day 0 of Sheets' serial numbers: 1899-12-30 (serial 1 is 1899-12-31, 45658 is 2025-01-01). */
const SERIAL_EPOCH = Date.UTC(1899, 11, 30);
/** Serials before 2000-01-01 are not dates anyone means here (IG_HISTORY("reach", 30) means 30 days). */
const FIRST_SERIAL = 36_526;
/** 9999-12-31, the last date Sheets has. */
const LAST_SERIAL = 2_958_465;

const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';

/**
 * The calendar date of a Sheets serial number. A serial counts days of the spreadsheet's own wall
 * clock (its time zone), so the date is its whole part; a time of day (the fraction) is dropped.
 */
export function dateOfSerial(serial: number): CalendarDate {
  const d = new Date(SERIAL_EPOCH + Math.floor(serial + 1e-9) * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/**
 * A date argument, in the spreadsheet's time zone: a Date (a date cell, DATE(2026,3,1), TODAY()-30),
 * a serial number (the same dates when Sheets passes them as numbers), or text like 2026-01-31.
 */
export function dateArgument(value: unknown, name: string, timeZone: string): CalendarDate | null {
  const v = scalar(value, name);
  if (isBlank(v)) return null;
  const like = `like "2026-01-31", DATE(2026,1,31), TODAY()-30 or a date cell`;
  if (isDate(v)) {
    if (Number.isNaN(v.getTime())) throw new FunctionArgumentError(`${name} must be a date, ${like} (got an invalid date).`);
    return calendarDateIn(v.getTime(), timeZone);
  }
  if (typeof v === 'number') {
    if (Number.isFinite(v) && v >= FIRST_SERIAL && v < LAST_SERIAL + 1) return dateOfSerial(v);
    const hint = Number.isInteger(v) && v > 0 && v < FIRST_SERIAL ? `; for ${v} days ago, type TODAY()-${v}` : '';
    throw new FunctionArgumentError(`${name} must be a date, ${like} (got the number ${v}${hint}).`);
  }
  const parsed = typeof v === 'string' ? parseIsoDate(v) : null;
  if (!parsed || !realDate(parsed)) throw new FunctionArgumentError(`${name} must be a date, ${like} (got "${String(v)}").`);
  return parsed;
}

/** 2026-02-30 is no date. */
function realDate(d: CalendarDate): boolean {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day));
  return t.getUTCFullYear() === d.year && t.getUTCMonth() === d.month - 1 && t.getUTCDate() === d.day;
}

export function wholeNumber(value: unknown, name: string, fallback: number, min: number, max: number): number {
  const v = scalar(value, name);
  if (isBlank(v)) return fallback;
  const n = typeof v === 'number' ? v : Number(String(v).trim());
  if (!Number.isInteger(n) || n < min || n > max) throw new FunctionArgumentError(`${name} must be a whole number from ${min} to ${max} (got "${String(v)}").`);
  return n;
}

export function textArgument(value: unknown, name: string): string {
  const v = scalar(value, name);
  if (isBlank(v)) throw new FunctionArgumentError(`${name} is required.`);
  return String(v).trim();
}

/**
 * The account a formula means. Returns a string when no account is known at all (the cell then says
 * how to connect one); throws for an account the document does not know.
 */
export function accountArgument(value: unknown, sources: FunctionSources): AccountRef | string {
  const accounts = knownAccounts(sources);
  const v = scalar(value, 'account');
  if (isBlank(v)) return accounts[0] ?? CONNECT_FIRST;
  const wanted = String(v).trim().replace(/^@/, '').toLowerCase();
  const found = accounts.find((a) => a.id === wanted || a.username.toLowerCase() === wanted);
  if (found) return found;
  if (!accounts.length) return CONNECT_FIRST;
  const known = `Known: ${accounts.map((a) => `@${a.username}`).join(', ')}.`;
  // A date where the account goes: the person most likely meant the date argument.
  if (isDate(v) || (typeof v === 'string' && parseIsoDate(v))) {
    const got = typeof v === 'string' ? ` (got "${v}")` : '';
    throw new FunctionArgumentError(`account must be a username or account id, not a date${got}. Leave it empty for the first account, as in =IG_FOLLOWERS(, "2026-01-31"). ${known}`);
  }
  throw new FunctionArgumentError(`No connected account "${String(v)}" in this spreadsheet. ${known}`);
}

export function dayText(date: CalendarDate): string {
  return isoDate(date);
}
