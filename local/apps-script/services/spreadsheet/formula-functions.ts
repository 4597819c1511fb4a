// The functions a dashboard leans on, written to Google Sheets' rules (fast-formula-parser follows
// Excel, and lacks some): aggregates, logic, text, TODAY/NOW on the virtual clock; with the
// criteria functions (formula-criteria.ts) and lookups (formula-lookups.ts). Array functions
// (FILTER, SORT, ...) are in formula-arrays.ts.
import { arity, eachValue, elementwise, isGrid, isRefArg, type Call, type FormulaFunction } from './formula-call';
import { CRITERIA_FUNCTIONS } from './formula-criteria';
import { LOOKUP_FUNCTIONS } from './formula-lookups';
import { dims, fail, gridOf, isError, MESSAGES, textOf, toBoolean, toNumber, type Scalar } from './formula-values';
import { serialOf } from './time-zone';

const num = (call: Call, v: Scalar, param: number) => toNumber(v, call.coercion, call.name, param);

// ---- aggregates ----------------------------------------------------------------------------------

function numbers(call: Call, args: unknown[]): number[] {
  const out: number[] = [];
  eachValue(call, args, (v, direct, param) => {
    if (isError(v)) throw v;
    if (typeof v === 'number') out.push(v);
    else if (direct) out.push(num(call, v, param));
  });
  return out;
}

const SUM: FormulaFunction = (call, args) => {
  arity(call, args, 1, Infinity);
  return numbers(call, args).reduce((a, b) => a + b, 0);
};

const AVERAGE: FormulaFunction = (call, args) => {
  arity(call, args, 1, Infinity);
  const list = numbers(call, args);
  if (list.length === 0) fail('#DIV/0!', MESSAGES.divideByZero(call.name));
  return list.reduce((a, b) => a + b, 0) / list.length;
};

/** The middle number (the mean of the two middle ones for an even count); #NUM! without numbers. */
const MEDIAN: FormulaFunction = (call, args) => {
  arity(call, args, 1, Infinity);
  const list = numbers(call, args).sort((a, b) => a - b);
  if (list.length === 0) fail('#NUM!', MESSAGES.noValidInput(call.name));
  const mid = Math.floor(list.length / 2);
  return list.length % 2 ? list[mid] : (list[mid - 1] + list[mid]) / 2;
};

const extreme = (pick: (a: number, b: number) => number): FormulaFunction => (call, args) => {
  arity(call, args, 1, Infinity);
  const list = numbers(call, args);
  return list.length ? list.reduce((a, b) => pick(a, b)) : 0;
};

/** Numbers only: text, booleans and errors in ranges are not counted (as typed arguments neither). */
const COUNT: FormulaFunction = (call, args) => {
  arity(call, args, 1, Infinity);
  let n = 0;
  eachValue(call, args, (v) => void (typeof v === 'number' && n++));
  return n;
};

/** Anything but an empty cell counts, including "" returned by a formula and errors. */
const COUNTA: FormulaFunction = (call, args) => {
  arity(call, args, 1, Infinity);
  let n = 0;
  eachValue(call, args, (v) => void (v !== null && n++));
  return n;
};

const COUNTBLANK: FormulaFunction = (call, args) => {
  arity(call, args, 1);
  let n = 0;
  for (const row of call.table(args[0]).values) for (const v of row) if (v === null || v === '') n++;
  return n;
};

const nth = (largest: boolean): FormulaFunction => (call, args) => {
  arity(call, args, 2);
  const list: number[] = [];
  for (const row of call.table(args[0]).values) {
    for (const v of row) {
      if (isError(v)) throw v;
      if (typeof v === 'number') list.push(v);
    }
  }
  const k = Math.trunc(num(call, call.scalar(args[1]), 2));
  if (list.length === 0) fail('#NUM!', `${call.name} has no valid input data.`);
  if (k < 1 || k > list.length) fail('#NUM!', MESSAGES.range(call.name, 2, k, 1, list.length));
  list.sort((a, b) => (largest ? b - a : a - b));
  return list[k - 1];
};

const SUMPRODUCT: FormulaFunction = (call, args) => {
  arity(call, args, 1, Infinity);
  const tables = args.map((a) => call.table(a).values);
  const { rows, columns } = dims(tables[0]);
  for (const t of tables) {
    const d = dims(t);
    if (d.rows !== rows || d.columns !== columns) {
      fail('#VALUE!', `SUMPRODUCT has mismatched range sizes. Expected row count: ${rows}. column count: ${columns}. Actual row count: ${d.rows}, column count: ${d.columns}.`);
    }
  }
  let total = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      let product = 1;
      for (const t of tables) {
        const v = t[r][c];
        if (isError(v)) throw v;
        product *= typeof v === 'number' ? v : 0;
      }
      total += product;
    }
  }
  return total;
};

// ---- logic --------------------------------------------------------------------------------------

/** IF hands the chosen argument through (a reference stays one); element-wise over arrays. */
const IF: FormulaFunction = (call, args) => {
  arity(call, args, 2, 3);
  const otherwise = args.length === 3 ? args[2] : false;
  const cond = args[0];
  if (isGrid(cond) || (call.array && isRefArg(cond))) {
    return elementwise(call, [cond, args[1], otherwise], ([c, yes, no]) =>
      (toBoolean(c ?? null, 'IF', 1) ? (yes ?? null) : (no ?? null)));
  }
  const chosen = toBoolean(call.scalar(cond), 'IF', 1) ? args[1] : otherwise;
  return chosen === null ? '' : chosen;
};

const onError = (onlyNa: boolean): FormulaFunction => (call, args) => {
  arity(call, args, 1, 2);
  const fallback = args.length === 2 && args[1] !== null ? args[1] : '';
  const caught = (v: Scalar) => isError(v) && (!onlyNa || v.error === '#N/A');
  if (isGrid(args[0]) || (call.array && isRefArg(args[0]))) {
    if (isGrid(fallback) || isRefArg(fallback)) return elementwise(call, [args[0], fallback], ([v, f]) => (caught(v ?? null) ? (f ?? null) : (v ?? null)));
    // A value for every error: the other cells keep their formats (a spilled date stays a date).
    const table = call.table(args[0]);
    const f = call.scalar(fallback);
    const values = table.values.map((r) => r.map((v) => (caught(v) ? f : v)));
    const formats = table.formats?.map((r, i) => r.map((fmt, j) => (caught(table.values[i][j]) ? undefined : fmt)));
    return gridOf({ values, formats });
  }
  return caught(call.scalar(args[0])) ? fallback : args[0];
};

const logical = (every: boolean): FormulaFunction => (call, args) => {
  arity(call, args, 1, Infinity);
  let seen = false;
  let result = every;
  eachValue(call, args, (v, direct, param) => {
    if (isError(v)) throw v;
    if (v === null || (typeof v === 'string' && !direct)) return;
    const b = toBoolean(v, call.name, param);
    seen = true;
    result = every ? result && b : result || b;
  });
  if (!seen) fail('#VALUE!', `${call.name} has no valid input data.`);
  return result;
};

const test = (predicate: (v: Scalar) => boolean): FormulaFunction => (call, args) => {
  arity(call, args, 1);
  return elementwise(call, args, ([v]) => predicate(v ?? null));
};

/** ROUND(value, [places]): half away from zero on the 15-digit value, as Sheets shows numbers. */
export function roundHalfAway(value: number, places: number): number {
  const factor = 10 ** places;
  const scaled = Number((Math.abs(value) * factor).toPrecision(15));
  return (Math.sign(value) * Math.round(scaled)) / factor;
}

const rounding = (mode: 'half' | 'up' | 'down'): FormulaFunction => (call, args) => {
  arity(call, args, 1, 2);
  return elementwise(call, args, ([v, p]) => {
    const value = num(call, v ?? null, 1);
    const places = p === undefined ? 0 : Math.trunc(num(call, p, 2));
    if (mode === 'half') return roundHalfAway(value, places);
    const factor = 10 ** places;
    const scaled = Number((Math.abs(value) * factor).toPrecision(15));
    return (Math.sign(value) * (mode === 'up' ? Math.ceil(scaled) : Math.floor(scaled))) / factor;
  });
};

// ---- time ---------------------------------------------------------------------------------------

const TODAY: FormulaFunction = (call, args) => {
  arity(call, args, 0);
  call.resultFormat = 'M/d/yyyy';
  return Math.floor(serialOf(call.now(), call.coercion.timeZone));
};

const NOW: FormulaFunction = (call, args) => {
  arity(call, args, 0);
  call.resultFormat = 'M/d/yyyy H:mm:ss';
  return serialOf(call.now(), call.coercion.timeZone);
};

export const FUNCTIONS: Record<string, FormulaFunction> = {
  ...CRITERIA_FUNCTIONS,
  ...LOOKUP_FUNCTIONS,
  SUM,
  AVERAGE,
  MEDIAN,
  MAX: extreme(Math.max),
  MIN: extreme(Math.min),
  COUNT,
  COUNTA,
  COUNTBLANK,
  LARGE: nth(true),
  SMALL: nth(false),
  SUMPRODUCT,
  IF,
  IFERROR: onError(false),
  IFNA: onError(true),
  AND: logical(true),
  OR: logical(false),
  NOT: (call, args) => (arity(call, args, 1), elementwise(call, args, ([v]) => !toBoolean(v ?? null, 'NOT', 1))),
  ISBLANK: test((v) => v === null),
  ISERROR: test((v) => isError(v)),
  ISERR: test((v) => isError(v) && v.error !== '#N/A'),
  ISNA: test((v) => isError(v) && v.error === '#N/A'),
  ISNUMBER: test((v) => typeof v === 'number'),
  ISTEXT: test((v) => typeof v === 'string'),
  ISNONTEXT: test((v) => typeof v !== 'string'),
  ISLOGICAL: test((v) => typeof v === 'boolean'),
  ROUND: rounding('half'),
  ROUNDUP: rounding('up'),
  ROUNDDOWN: rounding('down'),
  TODAY,
  NOW,
  TRUE: (call, args) => (arity(call, args, 0), true),
  FALSE: (call, args) => (arity(call, args, 0), false),
  UPPER: (call, args) => (arity(call, args, 1), elementwise(call, args, ([v]) => {
    if (isError(v)) throw v;
    return textOf(v ?? null).toUpperCase();
  })),
  /** Leading and trailing spaces go, runs of spaces inside become one. */
  TRIM: (call, args) => (arity(call, args, 1), elementwise(call, args, ([v]) => {
    if (isError(v)) throw v;
    return textOf(v ?? null).replace(/ {2,}/g, ' ').trim();
  })),
  /** CHOOSE hands the chosen argument through, like IF. */
  CHOOSE: (call, args) => {
    arity(call, args, 2, Infinity);
    const i = Math.trunc(num(call, call.scalar(args[0]), 1));
    if (i < 1 || i > args.length - 1) fail('#NUM!', MESSAGES.range('CHOOSE', 1, i, 1, args.length - 1));
    return args[i] ?? '';
  },
  VALUE: (call, args) => (arity(call, args, 1), elementwise(call, args, ([v]) => (typeof v === 'number' ? v : num(call, v ?? null, 1)))),
  CONCAT: (call, args) => {
    arity(call, args, 2);
    const [a, b] = [call.scalar(args[0]), call.scalar(args[1])];
    if (isError(a)) throw a;
    if (isError(b)) throw b;
    return textOf(a) + textOf(b);
  },
};
