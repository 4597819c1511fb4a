// GoogleSQL functions -> DuckDB: the ones that mean the same pass through, the ones that differ are
// rewritten (argument order, NULL handling, date parts, the virtual clock), and any other is refused:
// a query never runs something different from what BigQuery would.
import { BQ_ERRORS } from '../errors';
import { parseDate, parseTimestamp, timestampLiteral } from '../values';
import type { Token } from './lexer';

export type Range = [number, number];

export interface CallContext {
  /** The function's name, upper-case. */
  name: string;
  args: Range[];
  /** Everything between the parentheses. */
  inner: Range;
  tokens: Token[];
  /** Position of the call, "[line:column]". */
  at: string;
  emit(range: Range): string;
}

type Handler = (c: CallContext) => string;

/** What BigQuery's clock reads when the statement runs (set by the engine before each statement). */
export const NOW = "getvariable('bq_now')";

const arity = (c: CallContext, min: number, max = min) => {
  if (c.args.length < min || c.args.length > max) {
    throw BQ_ERRORS.invalidQuery(`No matching signature for function ${c.name} with ${c.args.length} argument${c.args.length === 1 ? '' : 's'} at ${c.at}`);
  }
};
const arg = (c: CallContext, n: number) => `(${c.emit(c.args[n])})`;
const all = (c: CallContext) => c.args.map((_, n) => arg(c, n));

/** The date part an argument names: "DAY", "WEEK(SUNDAY)", ... */
function partOf(c: CallContext, range: Range): string {
  const toks = c.tokens.slice(range[0], range[1]);
  const words = toks.map((t) => (t.k === 'ident' ? t.upper : t.k === 'op' ? t.text : '?')).join('');
  if (!/^[A-Z_]+(\([A-Z]+\))?$/.test(words)) throw BQ_ERRORS.invalidQuery(`A valid date part name is required at ${c.at}`);
  return words;
}

function refusePart(c: CallContext, part: string): never {
  throw BQ_ERRORS.notImplemented(`${c.name} with date part ${part}`, 'invalidQuery');
}

/** date_trunc that also knows BigQuery's WEEK (weeks from Sunday); DuckDB's 'week' is ISO (Monday). */
function truncate(c: CallContext, part: string, value: string, allowed: string[]): string {
  if (part === 'WEEK' || part === 'WEEK(SUNDAY)') return `(date_trunc('week', ${value} + INTERVAL 1 DAY) - INTERVAL 1 DAY)`;
  if (part === 'ISOWEEK' || part === 'WEEK(MONDAY)') return `date_trunc('week', ${value})`;
  if (!allowed.includes(part)) refusePart(c, part);
  return `date_trunc('${part.toLowerCase()}', ${value})`;
}

/** "INTERVAL <expr> <PART>" as one argument -> [expr SQL, PART]. */
function intervalArg(c: CallContext, range: Range, parts: string[]): [string, string] {
  const [a, b] = range;
  const first = c.tokens[a];
  const last = c.tokens[b - 1];
  if (first?.k !== 'ident' || first.upper !== 'INTERVAL' || last?.k !== 'ident' || b - a < 3) {
    throw BQ_ERRORS.invalidQuery(`No matching signature for function ${c.name}: the second argument must be an INTERVAL at ${c.at}`);
  }
  if (!parts.includes(last.upper)) refusePart(c, last.upper);
  return [c.emit([a + 1, b - 1]), last.upper];
}

const DUCK_CAST_TYPES: Record<string, string> = {
  INT64: 'BIGINT',
  INTEGER: 'BIGINT',
  FLOAT64: 'DOUBLE',
  STRING: 'VARCHAR',
  BOOL: 'BOOLEAN',
  BOOLEAN: 'BOOLEAN',
  NUMERIC: 'DECIMAL(38,9)',
  DECIMAL: 'DECIMAL(38,9)',
  DATE: 'DATE',
  TIMESTAMP: 'TIMESTAMPTZ',
  DATETIME: 'TIMESTAMP',
};

/** A GoogleSQL type written in a CAST -> DuckDB's. */
export function castType(tokens: Token[], at: string): string {
  const words = tokens.map((t) => (t.k === 'ident' ? t.upper : t.k === 'op' ? t.text : '?'));
  if (words.length === 1 && DUCK_CAST_TYPES[words[0]]) return DUCK_CAST_TYPES[words[0]];
  if (words.length === 4 && words[0] === 'ARRAY' && words[1] === '<' && words[3] === '>' && DUCK_CAST_TYPES[words[2]]) return `${DUCK_CAST_TYPES[words[2]]}[]`;
  if (words.includes('FORMAT')) throw BQ_ERRORS.notImplemented('CAST ... FORMAT', 'invalidQuery');
  throw BQ_ERRORS.notImplemented(`CAST to ${words.join(' ')} at ${at}`, 'invalidQuery');
}

function cast(duckCast: string): Handler {
  return (c) => {
    const [a, b] = c.inner;
    let asAt = -1;
    let depth = 0;
    for (let i = a; i < b; i++) {
      const t = c.tokens[i];
      if (t.k === 'op' && (t.text === '(' || t.text === '[')) depth++;
      else if (t.k === 'op' && (t.text === ')' || t.text === ']')) depth--;
      else if (depth === 0 && t.k === 'ident' && t.upper === 'AS') asAt = i;
    }
    if (asAt < 0) throw BQ_ERRORS.syntax('Expected keyword AS', c.at);
    return `${duckCast}(${c.emit([a, asAt])} AS ${castType(c.tokens.slice(asAt + 1, b), c.at)})`;
  };
}

/** Passes the call through as DuckDB's function of that name (same meaning). */
const same =
  (duckName?: string): Handler =>
  (c) =>
    `${duckName ?? c.name.toLowerCase()}(${c.emit(c.inner)})`;

const nullIfAnyNull =
  (duckName: string): Handler =>
  (c) => {
    if (c.args.length < 1) arity(c, 1, Infinity);
    const values = all(c);
    return `(CASE WHEN ${values.map((v) => `${v} IS NULL`).join(' OR ')} THEN NULL ELSE ${duckName}(${values.join(', ')}) END)`;
  };

const DATE_DIFF_PARTS = ['DAY', 'MONTH', 'QUARTER', 'YEAR'];
const TIMESTAMP_DIFF_PARTS = ['MICROSECOND', 'MILLISECOND', 'SECOND', 'MINUTE', 'HOUR', 'DAY'];
const DATE_TRUNC_PARTS = ['DAY', 'MONTH', 'QUARTER', 'YEAR'];
const TIMESTAMP_TRUNC_PARTS = ['MICROSECOND', 'MILLISECOND', 'SECOND', 'MINUTE', 'HOUR', 'DAY', 'MONTH', 'QUARTER', 'YEAR'];
const DATE_ADD_PARTS = ['DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR'];
const TIMESTAMP_ADD_PARTS = ['MICROSECOND', 'MILLISECOND', 'SECOND', 'MINUTE', 'HOUR', 'DAY'];
const DATETIME_ADD_PARTS = [...TIMESTAMP_ADD_PARTS, 'WEEK', 'MONTH', 'QUARTER', 'YEAR'];
const STRFTIME_SPECIFIERS = /%[^YmdHMSybBaAjF%]/;

const isUtc = (c: CallContext, range: Range) => {
  const toks = c.tokens.slice(range[0], range[1]);
  return toks.length === 1 && toks[0].k === 'string' && /^(UTC|Etc\/UTC|\+00(:00)?|Z)$/i.test(toks[0].value);
};

function strftime(c: CallContext, format: Range, value: Range, zone?: Range): string {
  const f = c.tokens.slice(format[0], format[1]);
  if (f.length !== 1 || f[0].k !== 'string' || STRFTIME_SPECIFIERS.test(f[0].value)) {
    throw BQ_ERRORS.notImplemented(`${c.name} with a format other than a literal of %Y %m %d %H %M %S %y %b %B %a %A %j %F`, 'invalidQuery');
  }
  if (zone && !isUtc(c, zone)) throw BQ_ERRORS.notImplemented(`${c.name} in a time zone other than UTC`, 'invalidQuery');
  return `strftime(${c.emit(value)}, '${f[0].value.replace(/%F/g, '%Y-%m-%d').replace(/'/g, "''")}')`;
}

export const FUNCTIONS: Record<string, Handler> = {
  // Same meaning in both.
  ...Object.fromEntries(
    (
      'COUNT SUM AVG MIN MAX COALESCE NULLIF ABS SIGN ROUND FLOOR CEIL CEILING MOD SQRT POW POWER LN LOG10 EXP UPPER LOWER ' +
      'LENGTH CHAR_LENGTH CHARACTER_LENGTH TRIM LTRIM RTRIM REPLACE STARTS_WITH ENDS_WITH STRPOS SUBSTR SUBSTRING REVERSE ' +
      'ROW_NUMBER RANK DENSE_RANK PERCENT_RANK CUME_DIST NTILE LAG LEAD FIRST_VALUE LAST_VALUE NTH_VALUE ANY_VALUE STRING_AGG ' +
      'EXISTS ARRAY ARRAY_TO_STRING'
    )
      .split(' ')
      .map((name) => [name, same()]),
  ),
  IFNULL: (c) => (arity(c, 2), `coalesce(${all(c).join(', ')})`),
  COUNTIF: same('count_if'),
  LOGICAL_AND: same('bool_and'),
  LOGICAL_OR: same('bool_or'),
  REGEXP_CONTAINS: (c) => (arity(c, 2), `regexp_matches(${all(c).join(', ')})`),
  ARRAY_LENGTH: (c) => (arity(c, 1), `len(${arg(c, 0)})`),
  // GoogleSQL's LOG(x) is the natural logarithm (DuckDB's log is base 10); LOG(x, b) is base b.
  LOG: (c) => (arity(c, 1, 2), c.args.length === 1 ? `ln(${arg(c, 0)})` : `(ln(${arg(c, 0)}) / ln(${arg(c, 1)}))`),
  // CONCAT is NULL when any argument is (DuckDB's concat skips NULLs; its || does not).
  CONCAT: (c) => (arity(c, 1, Infinity), `(${all(c).join(' || ')})`),
  // GREATEST and LEAST are NULL when any argument is (DuckDB's skip NULLs).
  GREATEST: nullIfAnyNull('greatest'),
  LEAST: nullIfAnyNull('least'),
  IF: (c) => (arity(c, 3), `(CASE WHEN ${arg(c, 0)} THEN ${arg(c, 1)} ELSE ${arg(c, 2)} END)`),
  SAFE_DIVIDE: (c) => (arity(c, 2), `(CASE WHEN ${arg(c, 1)} = 0 THEN NULL ELSE ${arg(c, 0)} / ${arg(c, 1)} END)`),
  CAST: cast('CAST'),
  SAFE_CAST: cast('TRY_CAST'),
  UNNEST: (c) => (arity(c, 1), `UNNEST(${arg(c, 0)})`),
  // DATE_DIFF(a, b, part) is a - b; DuckDB's date_diff(part, start, end) counts the same part boundaries.
  DATE_DIFF: (c) => {
    arity(c, 3);
    const part = partOf(c, c.args[2]);
    if (!DATE_DIFF_PARTS.includes(part)) refusePart(c, part);
    return `date_diff('${part.toLowerCase()}', ${arg(c, 1)}, ${arg(c, 0)})`;
  },
  // TIMESTAMP_DIFF counts whole units elapsed, DuckDB's date_sub.
  TIMESTAMP_DIFF: (c) => {
    arity(c, 3);
    const part = partOf(c, c.args[2]);
    if (!TIMESTAMP_DIFF_PARTS.includes(part)) refusePart(c, part);
    return `date_sub('${part.toLowerCase()}', ${arg(c, 1)}, ${arg(c, 0)})`;
  },
  DATE_TRUNC: (c) => (arity(c, 2), `CAST(${truncate(c, partOf(c, c.args[1]), arg(c, 0), DATE_TRUNC_PARTS)} AS DATE)`),
  TIMESTAMP_TRUNC: (c) => {
    arity(c, 2, 3);
    if (c.args.length === 3 && !isUtc(c, c.args[2])) throw BQ_ERRORS.notImplemented('TIMESTAMP_TRUNC in a time zone other than UTC', 'invalidQuery');
    return truncate(c, partOf(c, c.args[1]), arg(c, 0), TIMESTAMP_TRUNC_PARTS);
  },
  DATETIME_TRUNC: (c) => (arity(c, 2), truncate(c, partOf(c, c.args[1]), arg(c, 0), TIMESTAMP_TRUNC_PARTS)),
  DATE_ADD: (c) => (arity(c, 2), dateShift(c, '+')),
  DATE_SUB: (c) => (arity(c, 2), dateShift(c, '-')),
  TIMESTAMP_ADD: (c) => (arity(c, 2), timeShift(c, '+', TIMESTAMP_ADD_PARTS)),
  TIMESTAMP_SUB: (c) => (arity(c, 2), timeShift(c, '-', TIMESTAMP_ADD_PARTS)),
  DATETIME_ADD: (c) => (arity(c, 2), timeShift(c, '+', DATETIME_ADD_PARTS)),
  DATETIME_SUB: (c) => (arity(c, 2), timeShift(c, '-', DATETIME_ADD_PARTS)),
  // DATE(timestamp) is the UTC day (the session's time zone is UTC); DATE(ts, zone); DATE(y, m, d).
  DATE: (c) => {
    arity(c, 1, 3);
    if (c.args.length === 1) return `CAST(${arg(c, 0)} AS DATE)`;
    if (c.args.length === 2) return `CAST(timezone(${arg(c, 1)}, ${arg(c, 0)}) AS DATE)`;
    return `make_date(${all(c).join(', ')})`;
  },
  TIMESTAMP: (c) => {
    arity(c, 1, 2);
    if (c.args.length === 1) return `CAST(${arg(c, 0)} AS TIMESTAMPTZ)`;
    return `timezone(${arg(c, 1)}, CAST(${arg(c, 0)} AS TIMESTAMP))`;
  },
  DATETIME: (c) => {
    arity(c, 1, 2);
    if (c.args.length === 1) return `CAST(${arg(c, 0)} AS TIMESTAMP)`;
    return `timezone(${arg(c, 1)}, CAST(${arg(c, 0)} AS TIMESTAMPTZ))`;
  },
  // The clock is the runtime's virtual clock, read when the statement runs (views too).
  CURRENT_DATE: (c) => (arity(c, 0, 1), c.args.length ? `CAST(timezone(${arg(c, 0)}, ${NOW}) AS DATE)` : `CAST(${NOW} AS DATE)`),
  CURRENT_TIMESTAMP: (c) => (arity(c, 0), NOW),
  CURRENT_DATETIME: (c) => (arity(c, 0, 1), `timezone(${c.args.length ? arg(c, 0) : "'UTC'"}, ${NOW})`),
  UNIX_SECONDS: (c) => (arity(c, 1), `CAST(floor(epoch(${arg(c, 0)})) AS BIGINT)`),
  UNIX_MILLIS: (c) => (arity(c, 1), `epoch_ms(${arg(c, 0)})`),
  UNIX_MICROS: (c) => (arity(c, 1), `epoch_us(${arg(c, 0)})`),
  UNIX_DATE: (c) => (arity(c, 1), `date_diff('day', DATE '1970-01-01', ${arg(c, 0)})`),
  TIMESTAMP_SECONDS: (c) => (arity(c, 1), `to_timestamp(${arg(c, 0)})`),
  TIMESTAMP_MILLIS: (c) => (arity(c, 1), `CAST(epoch_ms(${arg(c, 0)}) AS TIMESTAMPTZ)`),
  TIMESTAMP_MICROS: (c) => (arity(c, 1), `CAST(make_timestamp(${arg(c, 0)}) AS TIMESTAMPTZ)`),
  GENERATE_DATE_ARRAY: (c) => {
    arity(c, 2, 3);
    const [step, part] = c.args.length === 3 ? intervalArg(c, c.args[2], DATE_ADD_PARTS) : ['1', 'DAY'];
    return `CAST(generate_series(CAST(${arg(c, 0)} AS DATE), CAST(${arg(c, 1)} AS DATE), INTERVAL (${step}) ${part}) AS DATE[])`;
  },
  FORMAT_DATE: (c) => (arity(c, 2), strftime(c, c.args[0], c.args[1])),
  FORMAT_TIMESTAMP: (c) => (arity(c, 2, 3), strftime(c, c.args[0], c.args[1], c.args[2])),
  EXTRACT: (c) => {
    const [a, b] = c.inner;
    const part = c.tokens[a];
    const from = c.tokens[a + 1];
    if (part?.k !== 'ident' || from?.k !== 'ident' || from.upper !== 'FROM') throw BQ_ERRORS.syntax('Expected EXTRACT(part FROM value)', c.at);
    const rest = c.tokens.slice(a + 2, b);
    if (rest.some((t) => t.k === 'ident' && t.upper === 'AT')) throw BQ_ERRORS.notImplemented('EXTRACT ... AT TIME ZONE', 'invalidQuery');
    const value = `(${c.emit([a + 2, b])})`;
    switch (part.upper) {
      case 'YEAR':
      case 'QUARTER':
      case 'MONTH':
      case 'DAY':
      case 'HOUR':
      case 'MINUTE':
      case 'SECOND':
        return `EXTRACT(${part.upper} FROM ${value})`;
      case 'DAYOFYEAR':
        return `dayofyear(${value})`;
      // BigQuery counts Sunday as 1; DuckDB's dayofweek counts it as 0.
      case 'DAYOFWEEK':
        return `(dayofweek(${value}) + 1)`;
      case 'ISOWEEK':
        return `week(${value})`;
      case 'ISOYEAR':
        return `isoyear(${value})`;
      case 'DATE':
        return `CAST(${value} AS DATE)`;
      default:
        return refusePart(c, part.upper);
    }
  },
};

function dateShift(c: CallContext, sign: '+' | '-'): string {
  const [step, part] = intervalArg(c, c.args[1], DATE_ADD_PARTS);
  return `CAST(${arg(c, 0)} ${sign} INTERVAL (${step}) ${part} AS DATE)`;
}

function timeShift(c: CallContext, sign: '+' | '-', parts: string[]): string {
  const [step, part] = intervalArg(c, c.args[1], parts);
  return `(${arg(c, 0)} ${sign} INTERVAL (${step}) ${part})`;
}

/** Typed literals: TIMESTAMP '...', DATE '...', DATETIME '...', NUMERIC '...'. */
export function typedLiteral(type: string, text: string, at: string): string {
  switch (type) {
    case 'DATE': {
      const day = parseDate(text.trim());
      if (!day) throw BQ_ERRORS.invalidQuery(`Invalid DATE literal at ${at}`);
      return `DATE '${day}'`;
    }
    case 'TIMESTAMP': {
      const micros = parseTimestamp(text);
      if (micros === null) throw BQ_ERRORS.invalidQuery(`Invalid TIMESTAMP literal at ${at}`);
      return `TIMESTAMPTZ '${timestampLiteral(micros)}'`;
    }
    case 'DATETIME':
      return `CAST('${text.replace(/'/g, "''")}' AS TIMESTAMP)`;
    case 'NUMERIC':
      return `CAST('${text.replace(/'/g, "''")}' AS DECIMAL(38,9))`;
    default:
      throw BQ_ERRORS.notImplemented(`${type} literals`, 'invalidQuery');
  }
}
