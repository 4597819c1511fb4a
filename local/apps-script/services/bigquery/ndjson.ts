// Newline-delimited JSON as a BigQuery load job reads it: one object per line, each value converted
// to its column's type by BigQuery's JSON rules, bad rows counted against maxBadRecords, and errors
// worded as BigQuery words them (messages seen in real failed load jobs where marked ✅).
import { BQ_ERRORS, type ErrorProto } from './errors';
import type { Field } from './types';
import { datetimeLiteral, parseDate, parseDatetime, parseTimestamp, timestampLiteral } from './values';

/** A JSON value with numbers kept as written (INT64 needs all 19 digits; 1.0 is not 1). */
type Json = string | boolean | null | { num: string } | Json[] | { obj: Map<string, Json> };

class JsonSyntax extends Error {}

function parseJson(text: string): Json {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i])) i++;
  };
  const fail = (message: string): never => {
    throw new JsonSyntax(message);
  };
  const value = (): Json => {
    ws();
    const c = text[i];
    if (c === undefined) return fail('Parser terminated before end of string');
    if (c === '{') {
      i++;
      const obj = new Map<string, Json>();
      ws();
      if (text[i] === '}') {
        i++;
        return { obj };
      }
      for (;;) {
        ws();
        if (text[i] !== '"') return fail(i >= text.length ? 'Parser terminated before end of string' : 'Missing name for object member');
        const key = string();
        ws();
        if (text[i] !== ':') return fail(i >= text.length ? 'Parser terminated before end of string' : 'Missing a colon after a name of object member');
        i++;
        obj.set(key, value());
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return { obj };
        }
        return fail(i >= text.length ? 'Parser terminated before end of string' : 'Missing a comma or \'}\' after an object member');
      }
    }
    if (c === '[') {
      i++;
      const items: Json[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return items;
      }
      for (;;) {
        items.push(value());
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return items;
        }
        return fail(i >= text.length ? 'Parser terminated before end of string' : 'Missing a comma or \']\' after an array element');
      }
    }
    if (c === '"') return string();
    const literal = /^(true|false|null)/.exec(text.slice(i, i + 5));
    if (literal) {
      i += literal[1].length;
      return literal[1] === 'null' ? null : literal[1] === 'true';
    }
    const num = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (num) {
      i += num[0].length;
      return { num: num[0] };
    }
    return fail('Invalid value');
  };
  const string = (): string => {
    i++;
    let out = '';
    for (;;) {
      if (i >= text.length) return fail('Closing quote expected in string');
      const c = text[i++];
      if (c === '"') return out;
      if (c === '\\') {
        const e = text[i++];
        const map: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e === 'u') {
          const hex = text.slice(i, i + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) return fail('Invalid escape');
          out += String.fromCharCode(parseInt(hex, 16));
          i += 4;
        } else if (e in map) out += map[e];
        else return fail('Invalid escape');
      } else out += c;
    }
  };
  const result = value();
  ws();
  if (i < text.length) fail('The document root must not be followed by other values');
  return result;
}

const isNum = (v: Json): v is { num: string } => typeof v === 'object' && v !== null && 'num' in v;
const isObj = (v: Json): v is { obj: Map<string, Json> } => typeof v === 'object' && v !== null && 'obj' in v;

/** How BigQuery names a JSON value in "Could not convert value '...'" (protobuf text form). */
function protoText(v: Json): string {
  if (typeof v === 'string') return `string_value: ${JSON.stringify(v)}`;
  if (typeof v === 'boolean') return `bool_value: ${v}`;
  if (isNum(v)) return `double_value: ${Number(v.num)}`;
  return 'null_value: NULL_VALUE';
}
const valueText = (v: Json) => (typeof v === 'string' ? v : isNum(v) ? v.num : String(v));

class RowError extends Error {}
const convertError = (v: Json, to: string, field: string) => new RowError(`Could not convert value '${protoText(v)}' to ${to}. Field: ${field}; Value: ${valueText(v)}`);

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const NUMERIC_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The text DuckDB casts to the column's type, or null. */
function cell(v: Json, field: Field): string | null {
  const name = field.name;
  if (v === null) return null;
  if (Array.isArray(v)) throw new RowError(`Array specified for non-repeated field: ${name}.`);
  if (isObj(v)) throw new RowError(`JSON object specified for non-record field: ${name}.`);
  switch (field.type) {
    case 'STRING':
      // Strings, and numbers as written (BigQuery converts them). Booleans are refused.
      if (typeof v === 'string') return v;
      if (isNum(v)) return v.num;
      throw convertError(v, 'string', name);
    case 'INTEGER': {
      const text = typeof v === 'string' ? v : isNum(v) ? v.num : null;
      if (text === null || !/^[+-]?\d+$/.test(text)) throw convertError(v, 'integer', name);
      const n = BigInt(text);
      if (n < INT64_MIN || n > INT64_MAX) throw convertError(v, 'integer', name);
      return n.toString();
    }
    case 'FLOAT': {
      if (isNum(v)) return v.num;
      if (typeof v === 'string' && (NUMERIC_TEXT.test(v) || /^[+-]?(nan|inf|infinity)$/i.test(v))) return v;
      throw convertError(v, 'double', name);
    }
    case 'NUMERIC': {
      const text = typeof v === 'string' ? v : isNum(v) ? v.num : null;
      if (text === null || !NUMERIC_TEXT.test(text)) throw convertError(v, 'NUMERIC', name);
      // ✅ "Invalid NUMERIC value: 100000000000000000000000000000 Field: x; Value: ..."
      const whole = Math.abs(Number(text));
      if (!(whole < 1e29)) throw new RowError(`Invalid NUMERIC value: ${text} Field: ${name}; Value: ${text}`);
      return text;
    }
    case 'BOOLEAN':
      if (typeof v === 'boolean') return v ? 'true' : 'false';
      if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase();
      throw convertError(v, 'boolean', name);
    case 'DATE': {
      const day = typeof v === 'string' ? parseDate(v.trim()) : null;
      if (!day) throw new RowError(`Couldn't convert value to date: Could not parse '${valueText(v)}' as a date. Required format is YYYY-MM-DD Field: ${name}; Value: ${valueText(v)}`);
      return day;
    }
    case 'TIMESTAMP': {
      // Text as in the docs, or a number of seconds since the epoch.
      const micros = typeof v === 'string' ? parseTimestamp(v) : isNum(v) ? BigInt(Math.round(Number(v.num) * 1e6)) : null;
      if (micros === null) {
        // ✅ "Couldn't convert value to timestamp: Could not parse 'AA' as a timestamp. Required format is ..."
        throw new RowError(
          `Couldn't convert value to timestamp: Could not parse '${valueText(v)}' as a timestamp. Required format is YYYY-MM-DD HH:MM[:SS[.SSSSSS]] or YYYY/MM/DD HH:MM[:SS[.SSSSSS]] Field: ${name}; Value: ${valueText(v)}`,
        );
      }
      return timestampLiteral(micros);
    }
    case 'DATETIME': {
      const micros = typeof v === 'string' ? parseDatetime(v) : null;
      if (micros === null) {
        throw new RowError(`Couldn't convert value to datetime: Could not parse '${valueText(v)}' as a datetime. Required format is YYYY-MM-DD[ HH:MM[:SS[.SSSSSS]]] Field: ${name}; Value: ${valueText(v)}`);
      }
      return datetimeLiteral(micros);
    }
  }
}

function row(line: string, fields: Field[], ignoreUnknownValues: boolean): (string | null)[] {
  const parsed = parseJson(line);
  if (!isObj(parsed)) throw new RowError(Array.isArray(parsed) ? 'Top-level JSON value must be an object, got an array' : 'Top-level JSON value must be an object');
  const byName = new Map(fields.map((f, n) => [f.name.toLowerCase(), n]));
  const out: (string | null)[] = fields.map(() => null);
  const seen = new Set<number>();
  for (const [key, value] of parsed.obj) {
    const n = byName.get(key.toLowerCase());
    if (n === undefined) {
      if (ignoreUnknownValues) continue;
      // ✅ "No such field: _unk_."
      throw new RowError(`No such field: ${key}.`);
    }
    seen.add(n);
    const text = cell(value, fields[n]);
    // ✅ "Only optional fields can be set to NULL. Field: timestamp; Value: NULL"
    if (text === null && fields[n].mode === 'REQUIRED') throw new RowError(`Only optional fields can be set to NULL. Field: ${fields[n].name}; Value: NULL`);
    out[n] = text;
  }
  fields.forEach((f, n) => {
    if (f.mode === 'REQUIRED' && !seen.has(n)) throw new RowError(`Missing required field: ${f.name}.`);
  });
  return out;
}

export interface NdjsonOptions {
  fields: Field[];
  ignoreUnknownValues: boolean;
  maxBadRecords: number;
  rowBytes: number;
}

export interface NdjsonResult {
  /** Good rows, one text (or NULL) per field, in field order. */
  rows: (string | null)[][];
  /** Errors of bad rows, in order ("JSON parsing error in row starting at position N: ..."). */
  rowErrors: ErrorProto[];
  badRecords: number;
  /** Set when the job gives up: errorResult and the whole errors[] collection. */
  failure?: { errorResult: ErrorProto; errors: ErrorProto[] };
}

export function readNdjson(bytes: Uint8Array, options: NdjsonOptions): NdjsonResult {
  const text = Buffer.from(bytes).toString('utf8');
  const rows: (string | null)[][] = [];
  const rowErrors: ErrorProto[] = [];
  let position = 0;
  let rowNumber = 0;
  for (const rawLine of text.split('\n')) {
    const start = position;
    position += Buffer.byteLength(rawLine) + 1;
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line.trim() === '') continue;
    rowNumber++;
    try {
      if (Buffer.byteLength(line) > options.rowBytes) throw new RowError(`Row is larger than the maximum allowed size of ${options.rowBytes} bytes`);
      rows.push(row(line, options.fields, options.ignoreUnknownValues));
    } catch (error) {
      if (!(error instanceof RowError || error instanceof JsonSyntax)) throw error;
      rowErrors.push({ reason: 'invalid', message: BQ_ERRORS.rowError(start, error.message) });
      if (rowErrors.length > options.maxBadRecords) {
        const errorResult = { reason: 'invalid', message: BQ_ERRORS.tooManyErrors(rowNumber, rowErrors.length) };
        const detail = { reason: 'invalid', message: BQ_ERRORS.tooManyErrorsDetail(rowNumber, rowErrors.length, options.maxBadRecords) };
        return { rows: [], rowErrors, badRecords: rowErrors.length, failure: { errorResult, errors: [errorResult, detail, ...rowErrors] } };
      }
    }
  }
  return { rows, rowErrors, badRecords: rowErrors.length };
}
