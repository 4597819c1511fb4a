// Custom functions (=IG_FOLLOWERS(A2)) as Apps Script calls them. What Sheets passes (the custom
// functions guide, "Arguments" and "Data types"; reference/apps-script.md §2.1):
// - a range: a 2-D array of its values, empty cells as ""; a single cell (or a 1x1 range): its value;
// - a date or date-time (a date-formatted cell, TODAY(), DATE(2026,3,1)): a Date, as documented; a
//   date computed in the formula (TODAY()-30, A1+7) too: inferred, since Sheets types it as a date
//   (a cell holding just that shows a date), while days between dates (TODAY()-A1) are a number;
//   a number: a number; text: text; a checkbox or TRUE: a boolean;
// - an empty argument (the first of =F(, x), or =F(x, , y)): "" like an empty cell (not documented:
//   Sheets has one "empty" value for both; the add-on accepts "", null and undefined alike);
// - an argument not typed at all (=F(x) for F(a, b)): absent, so arguments.length is what was typed.
// An argument that is an error is the result, without calling the function (unverified, the strict
// choice). What comes back spills when it is an array; a thrown error shows as #ERROR!.
import { isGrid, isRefArg, NotImplementedFormula, SoftAbort, type Call } from './formula-call';
import type { ArgumentShape } from './formula-compile';
import { formulaError, isError, type Formats, gridOf, rectangular, type Grid, type Scalar } from './formula-values';
import { isDateFormat } from './display';
import type { CellValue } from './cell';
import { instantOfSerial, serialOf } from './time-zone';

/** A function a cell can call by name; arguments and result are Apps Script values. */
export type CustomFunction = (...args: unknown[]) => unknown;

const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';

function toAppsScript(v: Scalar, date: boolean, timeZone: string): CellValue {
  if (v === null) return '';
  if (isError(v)) return v.error;
  if (typeof v === 'number' && date) return new Date(instantOfSerial(v, timeZone));
  return v;
}

/** Whether an argument written like this is a date, given the cells it names (see ArgumentShape). */
function isDateShape(call: Call, shape: ArgumentShape | undefined): boolean {
  if (shape === undefined || shape === 'value') return false;
  if (shape === 'date') return true;
  if ('cell' in shape) {
    const { sheet, startRow: row, startColumn: col } = shape.cell;
    try {
      return isDateFormat(call.table({ ref: { sheet, row, col } }).formats?.[0]?.[0]);
    } catch {
      return false;
    }
  }
  const dates = shape.sum.filter((t) => isDateShape(call, t.shape));
  return dates.length === 1 && !dates[0].minus;
}

export function callCustomFunction(call: Call, fn: CustomFunction, args: unknown[], timeZone: string): unknown {
  const values: unknown[] = [];
  for (const [i, arg] of args.entries()) {
    if (arg === null) {
      values.push('');
      continue;
    }
    if (!isGrid(arg) && !isRefArg(arg)) {
      const v = call.scalar(arg);
      if (isError(v)) return v;
      values.push(toAppsScript(v, isDateShape(call, call.argumentShapes?.[i]), timeZone));
      continue;
    }
    const table = call.table(arg);
    const converted = table.values.map((row, i) => row.map((v, j) => toAppsScript(v, isDateFormat(table.formats?.[i]?.[j]), timeZone)));
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
