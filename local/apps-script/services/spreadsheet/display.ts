// Display values as Sheets shows them in the en_US locale: the General format and the number
// formats Sheetgram uses. An unsupported pattern throws rather than showing something plausible.
import { GOOGLE_ERRORS } from '../../platform';
import type { CellValue } from './cell';
import { instantOfSerial, serialOf, wallTimeOf, type WallTime } from './time-zone';
import { PLAIN_TEXT_FORMAT } from './value-parsing';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function stripMantissaZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** General format: up to 15 significant digits; scientific notation from 1E+15 (and below 1E-6, unverified). */
export function generalNumber(n: number): string {
  if (!Number.isFinite(n)) return '#NUM!';
  if (n === 0) return '0';
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  const abs = Math.abs(n);
  if (abs >= 1e15 || abs < 1e-6) {
    const [mantissa, exponent] = n.toExponential(14).split('e');
    const exp = Number(exponent);
    return `${stripMantissaZeros(mantissa)}E${exp < 0 ? '-' : '+'}${pad(Math.abs(exp))}`;
  }
  const digits = n.toPrecision(15);
  return stripMantissaZeros(digits);
}

function fixed(n: number, decimals: number, grouped: boolean): string {
  // Round half away from zero on the 15-digit value, as Sheets does, not on the binary fraction.
  const scaled = Number(n.toPrecision(15));
  const s = (Math.sign(scaled) * (Math.round(Math.abs(scaled) * 10 ** decimals) / 10 ** decimals)).toFixed(decimals);
  if (!grouped) return s === '-0' || /^-0\.0*$/.test(s) ? s.slice(1) : s;
  const [int, frac] = s.replace('-', '').split('.');
  const withCommas = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const negative = s.startsWith('-') && /[1-9]/.test(s);
  return `${negative ? '-' : ''}${withCommas}${frac ? '.' + frac : ''}`;
}

const NUMBER_FORMATS: Record<string, (n: number) => string> = {
  '0': (n) => fixed(n, 0, false),
  '0.00': (n) => fixed(n, 2, false),
  '#,##0': (n) => fixed(n, 0, true),
  '#,##0.00': (n) => fixed(n, 2, true),
  '0%': (n) => `${fixed(n * 100, 0, false)}%`,
  '0.00%': (n) => `${fixed(n * 100, 2, false)}%`,
};

const DATE_TOKEN = /yyyy|yy|mm?|dd?|hh?|ss?/gi;

/** Date patterns: "mm" means minutes right after an hour or right before seconds, months otherwise. */
function formatWallTime(w: WallTime, pattern: string): string {
  const tokens = [...pattern.matchAll(DATE_TOKEN)].map((m) => ({ text: m[0], index: m.index ?? 0 }));
  let out = '';
  let last = 0;
  tokens.forEach((t, i) => {
    out += pattern.slice(last, t.index);
    last = t.index + t.text.length;
    const lower = t.text.toLowerCase();
    const prev = tokens[i - 1]?.text.toLowerCase() ?? '';
    const next = tokens[i + 1]?.text.toLowerCase() ?? '';
    if (lower.startsWith('y')) out += lower === 'yyyy' ? pad(w.year, 4) : pad(w.year % 100);
    else if (lower.startsWith('d')) out += lower === 'dd' ? pad(w.day) : String(w.day);
    else if (lower.startsWith('h')) out += lower === 'hh' ? pad(w.hour) : String(w.hour);
    else if (lower.startsWith('s')) out += lower === 'ss' ? pad(w.second) : String(w.second);
    else {
      const minute = prev.startsWith('h') || next.startsWith('s');
      const n = minute ? w.minute : w.month;
      out += lower === 'mm' ? pad(n) : String(n);
    }
  });
  return out + pattern.slice(last);
}

/** Examples of the numeric date patterns rendered here (any order of these tokens and separators is). */
const DATE_FORMATS = ['yyyy-mm-dd', 'yyyy-mm-dd hh:mm', 'yyyy-mm-dd hh:mm:ss', 'M/d/yyyy', 'M/d/yyyy H:mm:ss', 'dd/MM/yyyy HH:mm:ss', 'dd.MM.yyyy', 'yyyy/MM/dd'];
const DATE_RUN = /^(y{2}|y{4}|m{1,2}|d{1,2}|h{1,2}|s{1,2})$/i;

/**
 * A numeric date-time pattern: year (yy, yyyy), month or minute (m, mm), day, hour and second (one or two
 * letters, either case, as Sheets takes them) between separators (- / . : , space). Month names, weekdays,
 * AM/PM and fractions of a second are not rendered here.
 */
function isDatePattern(format: string): boolean {
  if (/[^ymdhs\s\-/.:,]/i.test(format)) return false;
  const runs = format.match(/y+|m+|d+|h+|s+/gi) ?? [];
  return runs.length > 0 && runs.every((r) => DATE_RUN.test(r) && new Set(r.toLowerCase()).size === 1);
}

/** Sheets stores serial numbers: a date format makes getValue return a Date, a number format a number. */
export function isDateFormat(format: string | undefined): boolean {
  return format !== undefined && isDatePattern(format);
}

/**
 * "positive;negative;zero" sections, each a supported format with literal signs around it (the
 * dashboard's "+#,##0;-#,##0;0"). A negative number is shown without its own minus in the second
 * section, as in Sheets. Other patterns stay unsupported.
 */
function sectioned(format: string): ((n: number) => string) | undefined {
  const parts = format.split(';');
  if (parts.length < 2 || parts.length > 3) return undefined;
  const sections = parts.map((p) => /^([+\-()]*)([^+\-()]+)([+\-()]*)$/.exec(p));
  if (sections.some((m) => !m || !(m[2] in NUMBER_FORMATS))) return undefined;
  return (n) => {
    const m = sections[n > 0 || (n === 0 && sections.length < 3) ? 0 : n < 0 ? 1 : 2] as RegExpExecArray;
    return `${m[1]}${NUMBER_FORMATS[m[2]](n < 0 ? -n : n)}${m[3]}`;
  };
}

/** Text of a format's literal parts: "quoted" text, or one character after a backslash. */
const literalText = (part: string) => part.replace(/"([^"]*)"|\\(.)/g, (_, quoted: string | undefined, escaped: string | undefined) => quoted ?? escaped ?? '');

/**
 * A supported format with literal text before or after it: 0.00"%" or 0.00\% show a percent sign
 * without multiplying by 100 (only an unquoted % does), as Sheets' format tokens say.
 */
function withLiterals(format: string): ((n: number) => string) | undefined {
  const m = /^((?:"[^"]*"|\\.)*)([^"\\]+)((?:"[^"]*"|\\.)*)$/.exec(format);
  if (!m || (!m[1] && !m[3]) || !(m[2] in NUMBER_FORMATS)) return undefined;
  const [before, after] = [literalText(m[1]), literalText(m[3])];
  return (n) => `${before}${NUMBER_FORMATS[m[2]](n)}${after}`;
}

function numberFormatOf(format: string): ((n: number) => string) | undefined {
  return NUMBER_FORMATS[format] ?? sectioned(format) ?? withLiterals(format);
}

export function isNumberFormat(format: string | undefined): boolean {
  return format !== undefined && numberFormatOf(format) !== undefined;
}

export const SUPPORTED_NUMBER_FORMATS: readonly string[] = [...Object.keys(NUMBER_FORMATS), '0.00"%"', PLAIN_TEXT_FORMAT, ...DATE_FORMATS];

function generalDate(w: WallTime): string {
  const date = `${w.month}/${w.day}/${w.year}`;
  return w.hour === 0 && w.minute === 0 && w.second === 0 ? date : `${date} ${w.hour}:${pad(w.minute)}:${pad(w.second)}`;
}

function isGeneral(format: string | undefined): boolean {
  return format === undefined || format === '' || format.toLowerCase() === 'general' || format === PLAIN_TEXT_FORMAT;
}

/** The text a cell shows for its value under its number format, dates in the spreadsheet's zone. */
export function displayValueOf(value: CellValue | undefined, format: string | undefined, timeZone: string): string {
  if (value === undefined || value === '') return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) {
    if (isGeneral(format)) return generalDate(wallTimeOf(value.getTime(), timeZone));
    if (isDateFormat(format)) return formatWallTime(wallTimeOf(value.getTime(), timeZone), format as string);
    return displayValueOf(serialOf(value.getTime(), timeZone), format, timeZone);
  }
  if (isGeneral(format)) return generalNumber(value);
  const numberFormat = numberFormatOf(format as string);
  if (numberFormat) return numberFormat(value);
  if (isDateFormat(format)) {
    const instant = instantOfSerial(value, timeZone);
    return formatWallTime(wallTimeOf(instant, timeZone), format as string);
  }
  throw new Error(GOOGLE_ERRORS.notImplemented(`number format "${format}"`));
}
