// How Sheets stores what a script writes (setValue/setValues/appendRow) or a person types: strings
// are parsed like user input unless the cell is plain text ("@"). These are the surprises that bite
// users: "=..." becomes a formula, "00123" becomes 123, a 17-digit id loses its last digits.
import type { CellValue } from './cell';
import { SPREADSHEET_ERRORS } from './messages';
import { instantOf } from './time-zone';

export const MAX_CELL_CHARACTERS = 50_000;
export const PLAIN_TEXT_FORMAT = '@';

export type StoredContent =
  | { kind: 'empty' }
  | { kind: 'value'; value: CellValue; /** Format Sheets applies when the cell's format is automatic. */ impliedFormat?: string }
  | { kind: 'formula'; formula: string };

/** Sheets keeps 15 significant digits of every number. */
export function toSheetsNumber(n: number): number {
  if (n === 0 || !Number.isFinite(n)) return n === 0 ? 0 : n;
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return n;
  return Number(n.toPrecision(15));
}

const NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d*)?(?:[eE][+-]?\d+)?%?$/;
const ISO_DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

function parseNumber(text: string): { value: number; impliedFormat?: string } | undefined {
  if (!NUMBER.test(text) || !/\d/.test(text)) return undefined;
  const percent = text.endsWith('%');
  const grouped = text.includes(',');
  const body = text.replace(/[,%]/g, '');
  if (/^[+-]?\.?$/.test(body)) return undefined;
  const n = Number(body);
  if (Number.isNaN(n)) return undefined;
  const decimals = /\.\d/.test(body) && !/[eE]/.test(body);
  // Assumption: like typing, "12%" and "1,234" also get a percent / grouped format (only on General cells).
  if (percent) return { value: toSheetsNumber(n / 100), impliedFormat: decimals ? '0.00%' : '0%' };
  return { value: toSheetsNumber(n), impliedFormat: grouped ? (decimals ? '#,##0.00' : '#,##0') : undefined };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function parseDate(text: string, timeZone: string): { value: Date; impliedFormat?: string } | undefined {
  let parts: string[];
  let iso: boolean;
  let m = ISO_DATE.exec(text);
  if (m) {
    parts = [m[1], m[2], m[3], m[4], m[5], m[6]];
    iso = true;
  } else if ((m = US_DATE.exec(text))) {
    parts = [m[3], m[1], m[2], m[4], m[5], m[6]];
    iso = false;
  } else return undefined;
  const [year, month, day] = parts.slice(0, 3).map(Number);
  const [hour, minute, second] = parts.slice(3).map((p) => (p === undefined ? 0 : Number(p)));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return undefined;
  const value = new Date(instantOf({ year, month, day, hour, minute, second, millisecond: 0 }, timeZone));
  // Assumption: an ISO-looking entry keeps an ISO-looking format, as when typed in the Sheets UI.
  const impliedFormat = !iso ? undefined : parts[3] === undefined ? 'yyyy-mm-dd' : parts[5] === undefined ? 'yyyy-mm-dd hh:mm' : 'yyyy-mm-dd hh:mm:ss';
  return { value, impliedFormat };
}

function parseText(text: string, timeZone: string): StoredContent {
  // Assumption (unverified for script writes, true when typing): a leading apostrophe forces text
  // and is not stored.
  if (text.startsWith("'")) return { kind: 'value', value: text.slice(1) };
  if (text.startsWith('=') && text.length > 1) return { kind: 'formula', formula: text };
  const trimmed = text.trim();
  // Fast path for ordinary text (captions, names): nothing that starts with a letter other than
  // t/f (TRUE/FALSE) can be a number, boolean or date.
  if (/^[a-eg-su-z]/i.test(trimmed)) return { kind: 'value', value: text };
  const number = parseNumber(trimmed);
  if (number) return { kind: 'value', ...number };
  // Strict choice: Sheets' exact handling of "+x"/"-x" is unverified, so assume the unkind case.
  if ((text.startsWith('+') || text.startsWith('-')) && text.length > 1) return { kind: 'formula', formula: text };
  if (/^(true|false)$/i.test(trimmed)) return { kind: 'value', value: trimmed.toLowerCase() === 'true' };
  const date = parseDate(trimmed, timeZone);
  if (date) return { kind: 'value', ...date };
  return { kind: 'value', value: text };
}

/** What Sheets stores for a value written into a cell with the given number format. */
export function storedContentOf(input: unknown, cellFormat: string | undefined, timeZone: string): StoredContent {
  if (input === null || input === undefined || input === '') return { kind: 'empty' };
  if (typeof input === 'number') return { kind: 'value', value: toSheetsNumber(input) };
  if (typeof input === 'boolean') return { kind: 'value', value: input };
  if (input instanceof Date) return { kind: 'value', value: new Date(input.getTime()) };
  const text = String(input);
  if (text.length > MAX_CELL_CHARACTERS) throw new Error(SPREADSHEET_ERRORS.cellTooLong);
  if (cellFormat === PLAIN_TEXT_FORMAT) return { kind: 'value', value: text };
  return parseText(text, timeZone);
}
