// Values inside formulas, as Sheets treats them: numbers (dates are serial numbers), text, booleans,
// errors, and null for an empty cell. Coercions and comparisons follow Sheets, including its error
// texts (the note a cell shows under its error), which are unverified wording unless marked.
import { generalNumber } from './display';
import { FormulaError, isLibError, type LibError } from './formula-library';
import { storedContentOf } from './value-parsing';

export type FormulaErr = LibError;
export type Scalar = number | string | boolean | null | FormulaErr;
export type Grid = Scalar[][];
/** Number formats travelling with array values (a date column stays dates when it spills). */
export type Formats = (string | undefined)[][];

export interface Table {
  values: Grid;
  formats?: Formats;
}

const FORMATS = new WeakMap<Grid, Formats>();

/** Arrays handed back to the grammar keep their formats on the side. */
export function gridOf(table: Table): Grid {
  if (table.formats) FORMATS.set(table.values, table.formats);
  return table.values;
}

export function tableOf(grid: Grid): Table {
  return { values: grid, formats: FORMATS.get(grid) };
}

export const isError = isLibError;

export const ERROR_CODES = ['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#ERROR!'] as const;

export const MESSAGES = {
  parse: 'Formula parse error.',
  /** Google's wording for circular references (the settings path changed over the years). */
  circular: 'Circular dependency detected. To resolve with iterative calculation, see File > Settings.',
  blocked: (a1: string) => `Array result was not expanded because it would overwrite data in ${a1}.`,
  moreRows: (n: number) => `Result was not automatically expanded, please insert more rows (${n}).`,
  moreColumns: (n: number) => `Result was not automatically expanded, please insert more columns (${n}).`,
  noFilterMatch: 'No matches are found in FILTER evaluation.',
  unknownFunction: (name: string) => `Unknown function: '${name}'.`,
  unknownRange: (name: string) => `Unknown range name: '${name.toUpperCase()}'.`,
  unknownSheet: (name: string) => `Unresolved sheet name '${name}'.`,
  divideByZero: (fn: string) => `Evaluation of function ${fn} caused a divide by zero error.`,
  noArray: 'An array value could not be found.',
  /** Sheets' words for MEDIAN (and its kin) over no numbers at all. */
  noValidInput: (fn: string) => `${fn} has no valid input data.`,
  arraySize: (fn: string) => `Array arguments to ${fn} are of different size.`,
  arity: (fn: string, min: number, max: number, got: number) =>
    `Wrong number of arguments to ${fn}. Expected ${min === max ? `${min}` : max === Infinity ? `at least ${min}` : `between ${min} and ${max}`} arguments, but got ${got} arguments.`,
  expects: (fn: string, param: number, kind: string, text: string) =>
    `Function ${fn} parameter ${param} expects ${kind} values. But '${text}' is a text and cannot be coerced to a ${kind === 'number' ? 'number' : 'boolean'}.`,
  range: (fn: string, param: number, value: number, min: number, max: number) =>
    `Function ${fn} parameter ${param} value is ${value}. Valid values are between ${min} and ${max} inclusive.`,
  notFound: (fn: string, key: Scalar) => `Did not find value '${textOf(key)}' in ${fn} evaluation.`,
};

export function formulaError(code: string, message: string): FormulaErr {
  return new FormulaError(code, message);
}

/** Functions throw errors; the call wrapper turns them into values. */
export function fail(code: string, message: string): never {
  throw formulaError(code, message);
}

export function rethrowIfError(v: Scalar): void {
  if (isError(v)) throw v;
}

export function messageOfError(e: FormulaErr): string {
  return e.message || defaultMessage(e.error);
}

function defaultMessage(code: string): string {
  switch (code) {
    case '#DIV/0!': return 'Function DIVIDE parameter 2 cannot be zero.';
    case '#N/A': return 'Value not available.';
    case '#ERROR!': return MESSAGES.parse;
    default: return code;
  }
}

// ---- coercion ----------------------------------------------------------------------------------

/** Text that Sheets reads as a number in arithmetic: numbers, percentages, dates ("2026-01-05"). */
export function numberFromText(text: string, timeZone: string, serial: (ms: number) => number): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.length > 64 || trimmed.startsWith('=') || trimmed.startsWith("'")) return undefined;
  const content = storedContentOf(trimmed, undefined, timeZone);
  if (content.kind !== 'value') return undefined;
  if (typeof content.value === 'number') return content.value;
  if (content.value instanceof Date) return serial(content.value.getTime());
  return undefined;
}

export interface Coercion {
  timeZone: string;
  serial(ms: number): number;
}

export function toNumber(v: Scalar, c: Coercion, fn: string, param: number): number {
  if (typeof v === 'number') return v;
  if (v === null) return 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (isError(v)) throw v;
  const n = numberFromText(v, c.timeZone, c.serial);
  if (n === undefined) fail('#VALUE!', MESSAGES.expects(fn, param, 'number', v));
  return n;
}

export function toBoolean(v: Scalar, fn: string, param: number): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (v === null) return false;
  if (isError(v)) throw v;
  const upper = v.trim().toUpperCase();
  if (upper === 'TRUE') return true;
  if (upper === 'FALSE' || upper === '') return false;
  return fail('#VALUE!', MESSAGES.expects(fn, param, 'boolean', v));
}

/** Text as concatenation shows it: numbers in the General format, TRUE/FALSE, "" for empty. */
export function textOf(v: Scalar): string {
  if (v === null) return '';
  if (typeof v === 'number') return generalNumber(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (isError(v)) return v.error;
  return v;
}

// ---- comparison ---------------------------------------------------------------------------------

const RANK = { number: 1, string: 2, boolean: 3 } as const;

/**
 * Sheets' comparison: an empty cell equals 0, "" and FALSE; across types numbers < text <
 * booleans; text compares case-insensitively. Errors must be handled by the caller.
 */
export function compareScalars(a: Exclude<Scalar, FormulaErr>, b: Exclude<Scalar, FormulaErr>): number {
  if (a === null && b === null) return 0;
  const x = a === null ? emptyLike(b) : a;
  const y = b === null ? emptyLike(a) : b;
  const tx = typeof x as keyof typeof RANK;
  const ty = typeof y as keyof typeof RANK;
  if (tx !== ty) return RANK[tx] - RANK[ty];
  if (tx === 'string') {
    const p = (x as string).toLowerCase();
    const q = (y as string).toLowerCase();
    return p < q ? -1 : p > q ? 1 : 0;
  }
  return Number(x) - Number(y);
}

function emptyLike(other: Scalar): number | string | boolean {
  return typeof other === 'string' ? '' : typeof other === 'boolean' ? false : 0;
}

// ---- shapes -------------------------------------------------------------------------------------

export function dims(values: Grid): { rows: number; columns: number } {
  return { rows: values.length, columns: values.length ? values[0].length : 0 };
}

export function filledGrid<T>(rows: number, columns: number, fill: T): T[][] {
  return Array.from({ length: rows }, () => new Array<T>(columns).fill(fill));
}

/** Pads ragged rows (custom functions may return them) with empty cells. */
export function rectangular(values: Grid): Grid {
  const width = values.reduce((w, r) => Math.max(w, r.length), 0);
  return values.map((r) => (r.length === width ? r : [...r, ...new Array<Scalar>(width - r.length).fill(null)]));
}

export function isBlank(v: Scalar): boolean {
  return v === null;
}
