// Custom functions (=IG_FOLLOWERS(A2)) as Apps Script calls them: a range argument arrives as a 2-D
// array, a single cell (or a 1x1 range) as its value; empty cells as "", date cells as Dates. An
// argument that is an error is the result, without calling the function (unverified, the strict
// choice). What comes back spills when it is an array; a thrown error shows as #ERROR!.
import { isGrid, isRefArg, NotImplementedFormula, SoftAbort, type Call } from './formula-call';
import { formulaError, isError, type Formats, gridOf, rectangular, type Grid, type Scalar } from './formula-values';
import { isDateFormat } from './display';
import type { CellValue } from './cell';
import { instantOfSerial, serialOf } from './time-zone';

/** A function a cell can call by name; arguments and result are Apps Script values. */
export type CustomFunction = (...args: unknown[]) => unknown;

const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';

function toAppsScript(v: Scalar, format: string | undefined, timeZone: string): CellValue {
  if (v === null) return '';
  if (isError(v)) return v.error;
  if (typeof v === 'number' && isDateFormat(format)) return new Date(instantOfSerial(v, timeZone));
  return v;
}

export function callCustomFunction(call: Call, fn: CustomFunction, args: unknown[], timeZone: string): unknown {
  const values: unknown[] = [];
  for (const arg of args) {
    if (arg === null) {
      values.push(undefined);
      continue;
    }
    if (!isGrid(arg) && !isRefArg(arg)) {
      const v = call.scalar(arg);
      if (isError(v)) return v;
      values.push(toAppsScript(v, undefined, timeZone));
      continue;
    }
    const table = call.table(arg);
    const converted = table.values.map((row, i) => row.map((v, j) => toAppsScript(v, table.formats?.[i]?.[j], timeZone)));
    if (converted.length === 1 && converted[0].length === 1) {
      if (isError(table.values[0][0])) return table.values[0][0];
      values.push(converted[0][0]);
    } else values.push(converted);
  }
  let result: unknown;
  try {
    result = fn(...values);
  } catch (e) {
    if (e instanceof SoftAbort || e instanceof NotImplementedFormula) throw e;
    return formulaError('#ERROR!', e && typeof e === 'object' && 'message' in e ? String((e as Error).message) : String(e));
  }
  return fromAppsScript(call, result, timeZone);
}

function dateFormat(d: Date, timeZone: string): string {
  return Number.isInteger(serialOf(d.getTime(), timeZone)) ? 'M/d/yyyy' : 'M/d/yyyy H:mm:ss';
}

/** A returned one-dimensional array fills a column (unverified; the shape Sheets shows). */
function fromAppsScript(call: Call, result: unknown, timeZone: string): unknown {
  const one = (v: unknown): { value: Scalar; format?: string } => {
    if (v === undefined || v === null) return { value: '' };
    if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return { value: v };
    if (isDate(v)) return { value: serialOf(v.getTime(), timeZone), format: dateFormat(v, timeZone) };
    return { value: formulaError('#ERROR!', 'The custom function returned a value Sheets cannot show.') };
  };
  if (!Array.isArray(result)) {
    const { value, format } = one(result);
    if (format) call.resultFormat = format;
    return value;
  }
  const rows: unknown[][] = result.map((r) => (Array.isArray(r) ? r : [r]));
  if (rows.length === 0) return '';
  const cells = rows.map((r) => r.map(one));
  const values: Grid = rectangular(cells.map((r) => r.map((c) => c.value)));
  const formats: Formats = values.map((r, i) => r.map((_, j) => cells[i][j]?.format));
  return gridOf({ values, formats: formats.some((r) => r.some(Boolean)) ? formats : undefined });
}
