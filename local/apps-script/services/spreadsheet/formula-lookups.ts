// Lookups as Sheets does them: MATCH (exact, sorted ascending, sorted descending), INDEX and
// VLOOKUP (which hand back the cell they found, so its format comes along), ROW(S), COLUMN(S).
import { arity, elementwise, isRefArg, spreads, type Call, type FormulaFunction } from './formula-call';
import { wildcardMatcher } from './formula-criteria';
import { compareScalars, dims, fail, isError, MESSAGES, toBoolean, toNumber, type Scalar, type Table } from './formula-values';

const num = (call: Call, v: Scalar, param: number) => toNumber(v, call.coercion, call.name, param);

type Plain = Exclude<Scalar, Error>;

/** Exact match as MATCH(..., 0) and VLOOKUP(..., FALSE) do it: text case-insensitive, with wildcards. */
function exactMatcher(key: Scalar): (v: Scalar) => boolean {
  if (typeof key === 'string') {
    const match = wildcardMatcher(key);
    return (v) => typeof v === 'string' && match(v);
  }
  return (v) => v !== null && !isError(v) && typeof v === typeof key && v === key;
}

/** Sorted lookup: the last value on the right side of the key before one passes it. */
function sortedIndex(values: Scalar[], key: Plain, descending: boolean): number {
  let found = -1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || isError(v) || typeof v !== typeof key) continue;
    const cmp = compareScalars(v, key);
    if (descending ? cmp >= 0 : cmp <= 0) found = i;
    else break;
  }
  return found;
}

function lineOf(call: Call, arg: unknown): Scalar[] {
  const values = call.table(arg).values;
  const { rows, columns } = dims(values);
  if (rows !== 1 && columns !== 1) fail('#N/A', `${call.name} range must be a single row or a single column.`);
  return rows === 1 ? values[0] : values.map((r) => r[0]);
}

function lookupKey(call: Call, arg: unknown): Plain {
  const key = call.scalar(arg);
  if (isError(key)) throw key;
  return key;
}

const MATCH: FormulaFunction = (call, args) => {
  arity(call, args, 2, 3);
  const key = lookupKey(call, args[0]);
  const line = lineOf(call, args[1]);
  const type = args.length === 3 && args[2] !== null ? Math.sign(num(call, call.scalar(args[2]), 3)) : 1;
  const index = type === 0 ? line.findIndex(exactMatcher(key)) : key === null ? -1 : sortedIndex(line, key, type < 0);
  if (index < 0) fail('#N/A', MESSAGES.notFound('MATCH', key));
  return index + 1;
};

/** INDEX hands back a reference (so a date cell stays a date); 0 means the whole row or column. */
const INDEX: FormulaFunction = (call, args) => {
  arity(call, args, 1, 3);
  const ref = call.reference(args[0]);
  const table = ref ? undefined : call.table(args[0]);
  const { rows, columns } = ref ? { rows: ref.rect.numRows, columns: ref.rect.numColumns } : dims(table!.values);
  const at = (i: number, max: number) => {
    const arg = args[i];
    if (arg === undefined || arg === null) return i === 2 && columns === 1 ? 1 : 0;
    const n = Math.trunc(num(call, call.scalar(arg), i + 1));
    if (n < 0 || n > max) fail('#NUM!', MESSAGES.range('INDEX', i + 1, n, 0, max));
    return n;
  };
  // No swap for one-row ranges: INDEX(A1:E1, 3) asks for row 3 (Sheets does not read it as column 3).
  const row = at(1, rows);
  const column = at(2, columns);
  const r0 = row === 0 ? 0 : row - 1;
  const c0 = column === 0 ? 0 : column - 1;
  const numRows = row === 0 ? rows : 1;
  const numColumns = column === 0 ? columns : 1;
  if (ref) return call.refValue(ref.sheet, { row: ref.rect.row + r0, column: ref.rect.column + c0, numRows, numColumns });
  return table!.values.slice(r0, r0 + numRows).map((r) => r.slice(c0, c0 + numColumns));
};

/**
 * VLOOKUP(key, range, index, [is_sorted = TRUE]). One key hands back the cell found; a column of keys
 * (inside ARRAYFORMULA, or an array) looks each one up and gives a column of values, #N/A where not found.
 */
const VLOOKUP: FormulaFunction = (call, args) => {
  arity(call, args, 3, 4);
  const ref = call.reference(args[1]);
  const table: Table = call.table(args[1]);
  const { columns } = dims(table.values);
  const index = Math.trunc(num(call, call.scalar(args[2]), 3));
  if (index < 1) fail('#VALUE!', MESSAGES.range('VLOOKUP', 3, index, 1, columns));
  if (index > columns) fail('#REF!', 'VLOOKUP evaluates to an out of bounds range.');
  const sorted = args.length === 4 && args[3] !== null ? toBoolean(call.scalar(args[3]), 'VLOOKUP', 4) : true;
  const first = table.values.map((r) => r[0]);
  const rowOf = (key: Plain) => {
    const row = !sorted ? first.findIndex(exactMatcher(key)) : key === null ? -1 : sortedIndex(first, key, false);
    if (row < 0) fail('#N/A', MESSAGES.notFound('VLOOKUP', key));
    return row;
  };
  if (spreads(call, args[0])) {
    return elementwise(call, [args[0]], ([key]) => {
      if (isError(key ?? null)) throw key;
      return table.values[rowOf((key ?? null) as Plain)][index - 1];
    });
  }
  const row = rowOf(lookupKey(call, args[0]));
  if (ref) return call.refValue(ref.sheet, { row: ref.rect.row + row, column: ref.rect.column + index - 1, numRows: 1, numColumns: 1 });
  return table.values[row][index - 1];
};

const position = (rows: boolean, count: boolean): FormulaFunction => (call, args) => {
  if (count) arity(call, args, 1);
  else arity(call, args, 0, 1);
  if (args.length === 0 || args[0] === null) return rows ? call.row : call.column;
  if (!count && !isRefArg(args[0])) fail('#N/A', `Argument must be a range.`);
  const ref = call.reference(args[0]);
  if (ref) return count ? (rows ? ref.rect.numRows : ref.rect.numColumns) : rows ? ref.rect.row : ref.rect.column;
  const d = dims(call.table(args[0]).values);
  return rows ? d.rows : d.columns;
};

export const LOOKUP_FUNCTIONS: Record<string, FormulaFunction> = {
  MATCH,
  INDEX,
  VLOOKUP,
  ROW: position(true, false),
  COLUMN: position(false, false),
  ROWS: position(true, true),
  COLUMNS: position(false, true),
};
