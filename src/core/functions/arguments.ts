// Arguments as Sheets passes them to a custom function (a value, a Date, or a 2-D array for a range),
// checked, with a message that says what to type instead.
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

/** A date argument: a date cell, or text like 2026-01-31. */
export function dateArgument(value: unknown, name: string, timeZone: string): CalendarDate | null {
  const v = scalar(value, name);
  if (isBlank(v)) return null;
  if (v instanceof Date && !Number.isNaN(v.getTime())) return calendarDateIn(v.getTime(), timeZone);
  const parsed = typeof v === 'string' ? parseIsoDate(v) : null;
  if (!parsed) throw new FunctionArgumentError(`${name} must be a date, like 2026-01-31 or a date cell (got "${String(v)}").`);
  return parsed;
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
  throw new FunctionArgumentError(`No connected account "${String(v)}" in this spreadsheet. Known: ${accounts.map((a) => `@${a.username}`).join(', ')}.`);
}

export function dayText(date: CalendarDate): string {
  return isoDate(date);
}
