// What a formula function sees: its raw arguments (references, arrays, values; null when omitted)
// and a Call that resolves them the way Sheets does. Helpers for arity, walking values and
// element-wise evaluation live here so every function reads arguments the same way.
import type { GridRect } from './a1';
import type { ArgumentShape } from './formula-compile';
import { dims, fail, filledGrid, isError, MESSAGES, type Coercion, type Formats, type Grid, type Scalar, type Table } from './formula-values';
import type { SheetState } from './sheet-state';

export interface ResolvedRef {
  sheet: SheetState;
  rect: GridRect;
}

export interface Call {
  readonly name: string;
  /** Arguments are evaluated element-wise (inside FILTER, ARRAYFORMULA, ...). */
  readonly array: boolean;
  readonly row: number;
  readonly column: number;
  readonly coercion: Coercion;
  /** Virtual clock, epoch ms. */
  now(): number;
  /** One value: a range is reduced to the cell on the formula's row or column, an array to its first cell. */
  scalar(arg: unknown): Scalar;
  /** A 2-D table: a range's cells, an array, or one value as 1x1. */
  table(arg: unknown): Table;
  /** The reference an argument names, clipped to its sheet's grid; undefined for values. */
  reference(arg: unknown): ResolvedRef | undefined;
  /** A reference to hand back to the grammar (INDEX and VLOOKUP return cells, as in Sheets). */
  refValue(sheet: SheetState, rect: GridRect): unknown;
  /** For a custom function: whether each argument, as written, is a date (TODAY()-30); see ArgumentShape. */
  readonly argumentShapes?: readonly ArgumentShape[];
  /** Format for the formula's own cell when this call is the whole formula (TODAY() shows a date). */
  resultFormat?: string;
}

export type FormulaFunction = (call: Call, args: unknown[]) => unknown;

/** A known Sheets function the engine does not evaluate: fail loudly rather than guess. */
export class NotImplementedFormula extends Error {}

/** Unwinds a "soft" evaluation (finding out whether a cell spills) that ran into a cell in progress. */
export class SoftAbort {
  constructor(readonly run: number) {}
}

export function arity(call: Call, args: unknown[], min: number, max = min): void {
  if (args.length < min || args.length > max) fail('#N/A', MESSAGES.arity(call.name, min, max, args.length));
}

export const isGrid = (arg: unknown): arg is Grid => Array.isArray(arg);

/** A reference as the grammar hands it over ({ ref: ... }). */
export const isRefArg = (arg: unknown): boolean => typeof arg === 'object' && arg !== null && 'ref' in arg;

/**
 * Visits every value: cells of ranges and arrays (direct = false: text and booleans there are
 * usually skipped) and values typed as arguments (direct = true: coerced, or an error).
 */
export function eachValue(call: Call, args: unknown[], visit: (v: Scalar, direct: boolean, param: number) => void): void {
  args.forEach((arg, i) => {
    if (arg === null) return;
    if (isGrid(arg) || isRefArg(arg)) {
      for (const row of call.table(arg).values) for (const v of row) visit(v, false, i + 1);
    } else visit(call.scalar(arg), true, i + 1);
  });
}

/** Arguments that are arrays (or ranges, when evaluated element-wise) make a scalar function element-wise. */
export function spreads(call: Call, arg: unknown): boolean {
  if (isGrid(arg)) return arg.length !== 1 || arg[0].length !== 1;
  if (!call.array || !isRefArg(arg)) return false;
  const ref = call.reference(arg);
  return !!ref && (ref.rect.numRows > 1 || ref.rect.numColumns > 1);
}

/**
 * Runs fn on one value per argument, or element by element when an argument is an array: a 1-row
 * or 1-column array stretches to the others' size, other mismatches are #VALUE!.
 */
export function elementwise(call: Call, args: unknown[], fn: (values: (Scalar | undefined)[]) => Scalar): unknown {
  if (!args.some((a) => spreads(call, a))) return fn(args.map((a) => (a === null ? undefined : call.scalar(a))));
  const tables = args.map((a) => (a === null ? undefined : spreads(call, a) ? call.table(a).values : [[call.scalar(a)]]));
  let rows = 1;
  let columns = 1;
  for (const t of tables) {
    if (!t) continue;
    const d = dims(t);
    rows = stretch(rows, d.rows, call.name);
    columns = stretch(columns, d.columns, call.name);
  }
  const out: Grid = filledGrid<Scalar>(rows, columns, null);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      out[r][c] = guard(() => fn(tables.map((t) => (t ? t[t.length === 1 ? 0 : r][t[0].length === 1 ? 0 : c] : undefined))));
    }
  }
  return out;
}

function stretch(current: number, next: number, fn: string): number {
  if (current === next || next === 1) return current;
  if (current === 1) return next;
  return fail('#VALUE!', MESSAGES.arraySize(fn));
}

/** An element that fails becomes that error, the others are kept. */
export function guard(fn: () => Scalar): Scalar {
  try {
    return fn();
  } catch (e) {
    if (isError(e)) return e;
    throw e;
  }
}

/** Rows of a table picked by index, with their formats. */
export function pickRows(table: Table, indexes: number[]): Table {
  return {
    values: indexes.map((i) => table.values[i]),
    formats: table.formats && indexes.map((i) => table.formats![i]),
  };
}

export function transposeTable(table: Table): Table {
  const t = <T>(g: T[][]): T[][] => (g.length ? g[0].map((_, c) => g.map((row) => row[c])) : []);
  return { values: t(table.values), formats: table.formats && (t(table.formats) as Formats) };
}
