// Functions that return arrays (they spill): FILTER, SORT, SORTN, UNIQUE, TRANSPOSE, ARRAYFORMULA,
// and array literals {a, b; c, d}. Values keep their number formats, so a date column stays dates.
import { arity, isGrid, isRefArg, pickRows, transposeTable, type Call, type FormulaFunction } from './formula-call';
import { LITERAL, LITERAL_ROW } from './formula-compile';
import { dims, fail, gridOf, isError, MESSAGES, toBoolean, toNumber, type Formats, type Scalar, type Table } from './formula-values';

// ---- FILTER ---------------------------------------------------------------------------------------

function truthy(v: Scalar): boolean {
  if (isError(v)) throw v;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  // Assumption: text and empty cells do not pass a FILTER condition.
  return false;
}

const FILTER: FormulaFunction = (call, args) => {
  arity(call, args, 2, Infinity);
  const source = call.table(args[0]);
  const { rows, columns } = dims(source.values);
  const conditions = args.slice(1).map((a) => call.table(a).values);
  const byRow = conditions.every((c) => dims(c).rows === rows && dims(c).columns === 1);
  const byColumn = !byRow && conditions.every((c) => dims(c).columns === columns && dims(c).rows === 1);
  if (!byRow && !byColumn) {
    const bad = conditions.map(dims).find((d) => d.rows !== rows || d.columns !== 1) ?? dims(conditions[0]);
    fail('#VALUE!', `FILTER has mismatched range sizes. Expected row count: ${rows}. column count: 1. Actual row count: ${bad.rows}, column count: ${bad.columns}.`);
  }
  const count = byRow ? rows : columns;
  const kept: number[] = [];
  for (let i = 0; i < count; i++) if (conditions.every((c) => truthy(byRow ? c[i][0] : c[0][i]))) kept.push(i);
  if (kept.length === 0) fail('#N/A', MESSAGES.noFilterMatch);
  return gridOf(byRow ? pickRows(source, kept) : transposeTable(pickRows(transposeTable(source), kept)));
};

// ---- SORT / SORTN ---------------------------------------------------------------------------------

const rank = (v: Scalar) => (v === null ? 4 : typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : typeof v === 'boolean' ? 2 : 3);

/** Sheets' order: numbers, text (case-insensitive), booleans, errors; empty cells last either way. */
export function compareKeys(a: Scalar, b: Scalar, ascending: boolean): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra === 4 || rb === 4) return ra - rb;
  let result = ra - rb;
  if (result === 0) {
    if (ra === 0 || ra === 2) result = Number(a) - Number(b);
    else if (ra === 1) result = (a as string).localeCompare(b as string, 'en', { sensitivity: 'base' });
  }
  return ascending ? result : -result;
}

interface SortSpec {
  keys: Scalar[];
  ascending: boolean;
}

/** (sort_column, is_ascending) pairs from `first` on: a column number in the range, or a column of keys. */
function sortSpecs(call: Call, source: Table, args: unknown[], first: number): SortSpec[] {
  const { rows, columns } = dims(source.values);
  const specs: SortSpec[] = [];
  for (let i = first; i < args.length; i += 2) {
    const by = args[i];
    let keys: Scalar[];
    if (isGrid(by) || (isRefArg(by) && (call.reference(by)?.rect.numRows ?? 1) > 1)) {
      const column = call.table(by).values;
      if (column.length !== rows || column[0].length !== 1) fail('#VALUE!', `${call.name} has mismatched sort column size. Expected: ${rows}. Actual: ${column.length}.`);
      keys = column.map((r) => r[0]);
    } else {
      const n = Math.trunc(toNumber(call.scalar(by), call.coercion, call.name, i + 1));
      if (n < 1 || n > columns) fail('#VALUE!', MESSAGES.range(call.name, i + 1, n, 1, columns));
      keys = source.values.map((r) => r[n - 1]);
    }
    if (i + 1 >= args.length) fail('#N/A', MESSAGES.arity(call.name, i + 2, i + 2, args.length));
    specs.push({ keys, ascending: toBoolean(call.scalar(args[i + 1]), call.name, i + 2) });
  }
  if (specs.length === 0 && rows > 0) specs.push({ keys: source.values.map((r) => r[0]), ascending: true });
  return specs;
}

function sortedOrder(rows: number, specs: SortSpec[]): number[] {
  const order = Array.from({ length: rows }, (_, i) => i);
  return order.sort((a, b) => {
    for (const s of specs) {
      const c = compareKeys(s.keys[a], s.keys[b], s.ascending);
      if (c !== 0) return c;
    }
    return a - b;
  });
}

const SORT: FormulaFunction = (call, args) => {
  arity(call, args, 1, Infinity);
  const source = call.table(args[0]);
  const order = sortedOrder(source.values.length, sortSpecs(call, source, args, 1));
  return gridOf(pickRows(source, order));
};

/** SORTN(range, [n = 1], [display_ties_mode = 0], [sort_column, is_ascending, ...]). */
const SORTN: FormulaFunction = (call, args) => {
  arity(call, args, 1, Infinity);
  const source = call.table(args[0]);
  const n = args[1] === undefined || args[1] === null ? 1 : Math.trunc(toNumber(call.scalar(args[1]), call.coercion, 'SORTN', 2));
  if (n < 1) fail('#NUM!', `Function SORTN parameter 2 value is ${n}. It should be greater than or equal to 1.`);
  const mode = args[2] === undefined || args[2] === null ? 0 : Math.trunc(toNumber(call.scalar(args[2]), call.coercion, 'SORTN', 3));
  if (mode < 0 || mode > 3) fail('#NUM!', MESSAGES.range('SORTN', 3, mode, 0, 3));
  const specs = sortSpecs(call, source, args, 3);
  const order = sortedOrder(source.values.length, specs);
  // Ties are judged on the sort keys (SORTN(range, 9^9, 2, 1, TRUE) is the "unique by column" idiom).
  const tie = (a: number, b: number) => specs.every((s) => compareKeys(s.keys[a], s.keys[b], true) === 0);
  let picked: number[];
  if (mode === 0) picked = order.slice(0, n);
  else if (mode === 1) {
    picked = order.slice(0, n);
    for (let i = n; i < order.length && picked.length && tie(order[i], picked[picked.length - 1]); i++) picked.push(order[i]);
  } else {
    const distinct: number[] = [];
    picked = [];
    for (const i of order) {
      const seen = distinct.some((d) => tie(d, i));
      if (!seen && distinct.length < n) {
        distinct.push(i);
        picked.push(i);
      } else if (seen && mode === 3) picked.push(i);
    }
  }
  return gridOf(pickRows(source, picked));
};

// ---- UNIQUE / TRANSPOSE / ARRAYFORMULA --------------------------------------------------------------

/** Exact identity: UNIQUE tells "a" from "A" and 1 from "1" (an empty row counts once too). */
const identity = (row: Scalar[]) => row.map((v) => (v === null ? '_' : isError(v) ? `e${v.error}` : `${typeof v}:${String(v)}`)).join('\u0000');

const UNIQUE: FormulaFunction = (call, args) => {
  arity(call, args, 1, 3);
  const flag = (i: number) => args[i] !== undefined && args[i] !== null && toBoolean(call.scalar(args[i]), 'UNIQUE', i + 1);
  const byColumn = flag(1);
  const exactlyOnce = flag(2);
  const source = byColumn ? transposeTable(call.table(args[0])) : call.table(args[0]);
  const counts = new Map<string, { first: number; count: number }>();
  source.values.forEach((row, i) => {
    const key = identity(row);
    const seen = counts.get(key);
    if (seen) seen.count++;
    else counts.set(key, { first: i, count: 1 });
  });
  const kept = [...counts.values()].filter((e) => !exactlyOnce || e.count === 1).map((e) => e.first);
  if (kept.length === 0) fail('#N/A', 'No unique values found.');
  const picked = pickRows(source, kept);
  return gridOf(byColumn ? transposeTable(picked) : picked);
};

const TRANSPOSE: FormulaFunction = (call, args) => {
  arity(call, args, 1);
  return gridOf(transposeTable(call.table(args[0])));
};

/** Its argument was already evaluated element-wise; a range comes out whole. */
const ARRAYFORMULA: FormulaFunction = (call, args) => {
  arity(call, args, 1);
  const arg = args[0];
  if (isRefArg(arg) && call.reference(arg)) return gridOf(call.table(arg));
  return arg;
};

// ---- array literals --------------------------------------------------------------------------------

/** Side by side (horizontal) or stacked; plain loops, since literals often join whole columns. */
function joined(parts: Table[], horizontal: boolean): Table {
  const join = <T>(grids: T[][][]): T[][] => {
    if (!horizontal) return ([] as T[][]).concat(...grids);
    return grids[0].map((_, r) => {
      const row: T[] = [];
      for (const g of grids) for (const v of g[r]) row.push(v);
      return row;
    });
  };
  const values = join(parts.map((p) => p.values));
  if (!parts.some((p) => p.formats)) return { values };
  return { values, formats: join(parts.map((p): Formats => p.formats ?? p.values.map((r) => r.map(() => undefined)))) };
}

/** One row of an array literal: its items side by side, each as tall as the first. */
const ARRAY_ROW: FormulaFunction = (call, args) => {
  if (args.length === 0) fail('#ERROR!', MESSAGES.parse);
  const parts = args.map((a) => (a === null ? { values: [[null]] } : call.table(a)));
  const height = parts[0].values.length;
  parts.forEach((p, i) => {
    if (p.values.length !== height) fail('#VALUE!', `Function ARRAY_ROW parameter ${i + 1} has mismatched row size. Expected: ${height}. Actual: ${p.values.length}.`);
  });
  return gridOf(joined(parts, true));
};

/** Rows of an array literal stacked; every row must be as wide as the first. */
const ARRAY_LITERAL: FormulaFunction = (call, args) => {
  const parts = args.map((a) => {
    if (isError(a)) throw a;
    return call.table(a);
  });
  const width = parts[0].values[0]?.length ?? 0;
  if (parts.some((p) => (p.values[0]?.length ?? 0) !== width)) fail('#VALUE!', 'In ARRAY_LITERAL, an Array Literal was missing values for one or more rows.');
  return gridOf(joined(parts, false));
};

export const ARRAY_FUNCTIONS: Record<string, FormulaFunction> = {
  FILTER,
  SORT,
  SORTN,
  UNIQUE,
  TRANSPOSE,
  ARRAYFORMULA,
  [LITERAL_ROW]: ARRAY_ROW,
  [LITERAL]: ARRAY_LITERAL,
};
