// Values: how BigQuery writes them in REST answers (every cell a string), and how it reads the
// text forms of dates and timestamps. The engine hands values over as: integers as decimal strings,
// FLOAT as numbers, NUMERIC as DuckDB's decimal text, DATE as "YYYY-MM-DD", TIMESTAMP and DATETIME
// as microseconds since the epoch (decimal strings), arrays as arrays.
import type { BqType } from './types';

/**
 * A double as Java's Double.toString writes it, which is how BigQuery's REST answers carry FLOAT and
 * TIMESTAMP cells: TIMESTAMP is float seconds since the epoch (the default "FLOAT64" timestamp output
 * format of jobs.getQueryResults), e.g. 1764748800 s -> "1.7647488E9".
 */
export function javaDouble(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(x);
  if (abs >= 1e-3 && abs < 1e7) {
    const text = String(x);
    return text.includes('.') ? text : `${text}.0`;
  }
  const [mantissa, exponent] = x.toExponential().split('e');
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${Number(exponent)}`;
}

/** NUMERIC as BigQuery prints it: no trailing zeros, no exponent ("1.5", "-2", "0.000000001"). */
export function numericText(decimal: string): string {
  if (!decimal.includes('.')) return decimal === '-0' ? '0' : decimal;
  const trimmed = decimal.replace(/0+$/, '').replace(/\.$/, '');
  return trimmed === '-0' ? '0' : trimmed;
}

/** Microseconds since the epoch -> "YYYY-MM-DDTHH:MM:SS[.ffffff]" (DATETIME as the API writes it). */
export function datetimeText(micros: bigint): string {
  const ms = Number(micros / 1000n) - (micros % 1000n < 0n ? 1 : 0);
  const iso = new Date(ms).toISOString().slice(0, 19);
  const frac = ((micros % 1_000_000n) + 1_000_000n) % 1_000_000n;
  return frac === 0n ? iso : `${iso}.${String(frac).padStart(6, '0')}`;
}

export type EngineValue = string | number | boolean | null | EngineValue[];

/** One cell in REST form: { v: string | null } (arrays: { v: [{ v }] }). */
export function restCell(value: EngineValue, type: BqType, repeated: boolean): { v: unknown } {
  if (value === null) return { v: repeated ? [] : null };
  if (repeated) return { v: (value as EngineValue[]).map((item) => restCell(item, type, false)) };
  switch (type) {
    case 'FLOAT':
      return { v: javaDouble(value as number) };
    case 'NUMERIC':
      return { v: numericText(String(value)) };
    case 'BOOLEAN':
      return { v: value ? 'true' : 'false' };
    case 'TIMESTAMP':
      return { v: javaDouble(Number(BigInt(value as string)) / 1e6) };
    case 'DATETIME':
      return { v: datetimeText(BigInt(value as string)) };
    default:
      return { v: String(value) };
  }
}

/** One cell as plain JavaScript, for tests reading tables back (rt.bigquery.query). */
export function plainValue(value: EngineValue, type: BqType, repeated: boolean): unknown {
  if (value === null) return null;
  if (repeated) return (value as EngineValue[]).map((item) => plainValue(item, type, false));
  switch (type) {
    case 'INTEGER': {
      const n = Number(value);
      return Number.isSafeInteger(n) ? n : String(value);
    }
    case 'NUMERIC':
      return numericText(String(value));
    case 'TIMESTAMP':
      return new Date(Number(BigInt(value as string) / 1000n)).toISOString();
    case 'DATETIME':
      return datetimeText(BigInt(value as string));
    default:
      return value;
  }
}

// ---- reading text forms ----------------------------------------------------------------------

const DAY_MS = 86_400_000;

/** "YYYY-[M]M-[D]D" -> "YYYY-MM-DD", or null when it is not a real date. */
export function parseDate(text: string): string | null {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (y < 1 || date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Days since the epoch of an ISO date. */
export const epochDay = (isoDate: string) => Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS);

/** Fraction digits (up to 6 kept, more truncated as BigQuery does for microsecond precision) -> micros. */
const fractionMicros = (frac: string | undefined) => BigInt((frac ?? '').slice(0, 6).padEnd(6, '0'));

/**
 * A civil date and time, "YYYY-[M]M-[D]D[( |T)[H]H:[M]M[:[S]S[.F]]]" (slashes allowed in the date),
 * as microseconds since the epoch taken as UTC; null when it does not parse.
 */
export function parseCivil(text: string): { micros: bigint; rest: string } | null {
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,12}))?)?)?(.*)$/.exec(text);
  if (!m) return null;
  const date = parseDate(`${m[1]}-${m[2]}-${m[3]}`);
  if (!date) return null;
  const [h, mi, s] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (h > 23 || mi > 59 || s > 59) return null;
  const ms = Date.parse(`${date}T00:00:00Z`) + ((h * 60 + mi) * 60 + s) * 1000;
  return { micros: BigInt(ms) * 1000n + fractionMicros(m[7]), rest: m[8] };
}

/**
 * A TIMESTAMP's text: a civil date-time with an optional zone ("Z", "+HH[:MM]", " UTC", " +HH:MM")
 * -> microseconds since the epoch, or null. Named zones other than UTC are not read locally.
 */
export function parseTimestamp(text: string): bigint | null {
  const civil = parseCivil(text.trim());
  if (!civil) return null;
  const zone = civil.rest.trim();
  if (zone === '' || zone === 'Z' || zone === 'z' || zone.toUpperCase() === 'UTC') return civil.micros;
  // Offsets need a colon before minutes: "-0400" was refused in real loads.
  const m = /^([+-])(\d{1,2})(?::(\d{2}))?$/.exec(zone);
  if (!m) return null;
  const offsetMinutes = (Number(m[2]) * 60 + Number(m[3] ?? 0)) * (m[1] === '-' ? -1 : 1);
  if (Math.abs(offsetMinutes) > 14 * 60) return null;
  return civil.micros - BigInt(offsetMinutes) * 60_000_000n;
}

/** A DATETIME's text (no zone) -> microseconds since the epoch, or null. */
export function parseDatetime(text: string): bigint | null {
  const civil = parseCivil(text.trim());
  return civil && civil.rest === '' ? civil.micros : null;
}

/** Micros -> "YYYY-MM-DD HH:MM:SS.ffffff+00" (a literal DuckDB reads as TIMESTAMPTZ). */
export function timestampLiteral(micros: bigint): string {
  return `${datetimeText(micros).replace('T', ' ')}+00`;
}

/** Micros -> "YYYY-MM-DD HH:MM:SS.ffffff" (DuckDB TIMESTAMP). */
export function datetimeLiteral(micros: bigint): string {
  return datetimeText(micros).replace('T', ' ');
}
