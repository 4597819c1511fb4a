// The workbook's formula engine: evaluates cells' formulas the way Sheets would, with
// fast-formula-parser's grammar and our Sheets-rules operators and functions.
//
// - Results are cached for one read (a getValues, a Node-side values()), never across writes.
// - A formula's referenced formulas are evaluated first, with an explicit stack, so long chains
//   (running totals) do not recurse; a cycle makes every cell on it #REF! (circular dependency).
// - Array results spill right and down from their cell unless a cell there holds something.
// - Whole columns ("A:A", "B2:B") mean the rows of the sheet's grid, as in Sheets; empty rows
//   cost nothing to read, and nothing ever reaches the 1,048,576 rows of a full Sheets column.
import { columnToLetters, type GridRect } from './a1';
import { hasContent, type CellValue } from './cell';
import { NotImplementedFormula, SoftAbort, type Call, type FormulaFunction, type ResolvedRef } from './formula-call';
import { compileFormula } from './formula-compile';
import { FUNCTIONS } from './formula-functions';
import { ARRAY_FUNCTIONS } from './formula-arrays';
import { isLibError, type LibRef } from './formula-library';
import { NOT_IN_LIBRARY, ParserPool, type Frame } from './formula-parser';
import { SheetFormulas, type AnchorResult } from './formula-spills';
import {
  formulaError, isError, messageOfError, MESSAGES, rectangular, tableOf, type Coercion, type Formats, type FormulaErr, type Grid, type Scalar, type Table,
} from './formula-values';
import { callCustomFunction, type CustomFunction } from './formula-custom';
import { SHEETS_FUNCTIONS } from './sheets-functions';
import type { SheetState } from './sheet-state';
import { serialOf } from './time-zone';
import { SPREADSHEET_ERRORS } from './messages';

export type { CustomFunction } from './formula-custom';
export type { AnchorResult } from './formula-spills';

export interface FormulaHost {
  sheetNamed(name: string): SheetState | undefined;
  timeZone(): string;
  /** The virtual clock (epoch ms); throws when the workbook has none. */
  now(): number;
  customFunction(name: string): CustomFunction | undefined;
}

const OWN_FUNCTIONS: Record<string, FormulaFunction> = { ...FUNCTIONS, ...ARRAY_FUNCTIONS };

// ---- per-read state -------------------------------------------------------------------------------

const keyOf = (row: number, column: number) => row * 32_768 + column;

class CellMap<T> {
  private readonly bySheet = new Map<SheetState, Map<number, T>>();
  get(sheet: SheetState, row: number, column: number): T | undefined {
    return this.bySheet.get(sheet)?.get(keyOf(row, column));
  }
  set(sheet: SheetState, row: number, column: number, value: T): void {
    let m = this.bySheet.get(sheet);
    if (!m) this.bySheet.set(sheet, (m = new Map()));
    m.set(keyOf(row, column), value);
  }
  delete(sheet: SheetState, row: number, column: number): void {
    this.bySheet.get(sheet)?.delete(keyOf(row, column));
  }
}

interface Job {
  sheet: SheetState;
  row: number;
  column: number;
  expanded: boolean;
}

class Session {
  readonly results = new CellMap<AnchorResult>();
  readonly progress = new CellMap<number>();
  readonly runs: { id: number; soft: boolean }[] = [];
  runSeq = 0;
  readonly indexes = new Map<SheetState, SheetFormulas>();
  readonly ranges = new Map<string, Table>();
  readonly serials = new Map<number, number>();
}

// ---- the engine -----------------------------------------------------------------------------------

export class FormulaEngine {
  private current?: Session;
  private readonly pool = new ParserPool(this);

  /** How text becomes a number in formulas: dates in the spreadsheet's zone. */
  readonly coercion: Coercion;

  constructor(private readonly host: FormulaHost) {
    const serial = (ms: number) => this.serial(ms);
    this.coercion = { get timeZone() { return host.timeZone(); }, serial };
  }

  /** Runs fn as one read: formulas are evaluated at most once inside it. */
  session<T>(fn: () => T): T {
    if (this.current) return fn();
    this.current = new Session();
    try {
      return fn();
    } finally {
      this.current = undefined;
    }
  }

  private get s(): Session {
    if (!this.current) throw new Error('formula engine: no read in progress');
    return this.current;
  }

  /** A cell's value as getValues sees it (errors as text); undefined for an empty, uncovered cell. */
  outputAt(sheet: SheetState, row: number, column: number): { value: CellValue; format?: string } | undefined {
    return this.session(() => {
      const cell = sheet.cellAt(row, column);
      if (cell?.formula !== undefined) {
        const result = this.evaluate(sheet, row, column, false)!;
        return { value: output(result.value), format: result.format };
      }
      const covered = this.spillCover(sheet, row, column);
      return covered && { value: output(covered.value), format: covered.format };
    });
  }

  /** The error a cell shows, with the note Sheets shows on it. */
  errorAt(sheet: SheetState, row: number, column: number): { error: string; message: string } | undefined {
    return this.session(() => {
      const cell = sheet.cellAt(row, column);
      const value = cell?.formula !== undefined ? this.evaluate(sheet, row, column, false)!.value : this.spillCover(sheet, row, column)?.value;
      return value !== undefined && isError(value) ? { error: value.error, message: messageOfError(value) } : undefined;
    });
  }

  /** Last row and column holding a value, counting spilled values (as getLastRow does). */
  extent(sheet: SheetState): { rows: number; columns: number } {
    return this.session(() => {
      const spilled = this.indexOf(sheet).extent();
      return { rows: Math.max(sheet.lastRow(), spilled.rows), columns: Math.max(sheet.lastColumn(), spilled.columns) };
    });
  }

  // ---- evaluation order ---------------------------------------------------------------------------

  /**
   * The result of the formula at (row, column). Soft: only to learn whether it spills; gives
   * undefined instead of a circular error when it meets a cell still being evaluated.
   */
  evaluate(sheet: SheetState, row: number, column: number, soft: boolean): AnchorResult | undefined {
    const s = this.s;
    const hit = s.results.get(sheet, row, column);
    if (hit) return hit;
    const owner = s.progress.get(sheet, row, column);
    if (owner !== undefined) {
      this.abortSoftRunsAfter(owner);
      return soft ? undefined : circular();
    }
    const run = { id: ++s.runSeq, soft };
    s.runs.push(run);
    const stack: Job[] = [{ sheet, row, column, expanded: false }];
    const marked: Job[] = [];
    try {
      while (stack.length) {
        const job = stack[stack.length - 1];
        if (s.results.get(job.sheet, job.row, job.column)) {
          stack.pop();
          continue;
        }
        if (!job.expanded) {
          job.expanded = true;
          s.progress.set(job.sheet, job.row, job.column, run.id);
          marked.push(job);
          for (const dep of this.dependencies(job)) {
            if (s.results.get(dep.sheet, dep.row, dep.column)) continue;
            const depOwner = s.progress.get(dep.sheet, dep.row, dep.column);
            if (depOwner === run.id) this.markCycle(stack, dep);
            else if (depOwner !== undefined) this.abortSoftRunsAfter(depOwner);
            else stack.push({ ...dep, expanded: false });
            if (s.results.get(job.sheet, job.row, job.column)) break;
          }
          continue;
        }
        stack.pop();
        if (!s.results.get(job.sheet, job.row, job.column)) s.results.set(job.sheet, job.row, job.column, this.compute(job));
        s.progress.delete(job.sheet, job.row, job.column);
      }
    } catch (e) {
      if (e instanceof SoftAbort && e.run === run.id) return undefined;
      throw e;
    } finally {
      for (const m of marked) if (s.progress.get(m.sheet, m.row, m.column) === run.id) s.progress.delete(m.sheet, m.row, m.column);
      s.runs.pop();
    }
    return s.results.get(sheet, row, column);
  }

  /** A cell in progress in run `owner` cannot be read by the soft runs started after it. */
  private abortSoftRunsAfter(owner: number): void {
    const soft = this.s.runs.find((r) => r.id > owner && r.soft);
    if (soft) throw new SoftAbort(soft.id);
  }

  /** Every cell on the path from `dep` to the top of the stack is part of the cycle. */
  private markCycle(stack: Job[], dep: { sheet: SheetState; row: number; column: number }): void {
    let i = stack.length - 1;
    while (i >= 0 && !(stack[i].expanded && stack[i].sheet === dep.sheet && stack[i].row === dep.row && stack[i].column === dep.column)) i--;
    for (let k = Math.max(i, 0); k < stack.length; k++) if (stack[k].expanded) this.s.results.set(stack[k].sheet, stack[k].row, stack[k].column, { value: circular().value });
  }

  /** Formula cells inside the ranges a formula names (evaluated before it). */
  private dependencies(job: Job): { sheet: SheetState; row: number; column: number }[] {
    const formula = job.sheet.cellAt(job.row, job.column)?.formula;
    if (formula === undefined) return [];
    const deps: { sheet: SheetState; row: number; column: number }[] = [];
    for (const ref of compileFormula(formula).refs) {
      const sheet = ref.sheet === undefined ? job.sheet : this.host.sheetNamed(ref.sheet);
      if (!sheet) continue;
      const top = ref.startRow ?? 1;
      const bottom = Math.min(ref.endRow ?? sheet.maxRows, sheet.maxRows);
      const left = ref.startColumn ?? 1;
      const right = Math.min(ref.endColumn ?? sheet.maxColumns, sheet.maxColumns);
      const index = this.indexOf(sheet);
      for (const [column, rows] of index.byColumn) {
        if (column < left || column > right) continue;
        for (let i = lowerBound(rows, top); i < rows.length && rows[i] <= bottom; i++) deps.push({ sheet, row: rows[i], column });
      }
    }
    return deps;
  }

  private indexOf(sheet: SheetState): SheetFormulas {
    let index = this.s.indexes.get(sheet);
    if (!index) this.s.indexes.set(sheet, (index = new SheetFormulas(sheet, (row, column) => this.evaluate(sheet, row, column, true))));
    return index;
  }

  /** The spilled value covering an empty cell, if any. */
  spillCover(sheet: SheetState, row: number, column: number): { value: Scalar; format?: string } | undefined {
    return this.indexOf(sheet).cover(row, column);
  }

  // ---- reading cells and ranges for formulas --------------------------------------------------------

  private serial(ms: number): number {
    const serials = this.s.serials;
    let n = serials.get(ms);
    if (n === undefined) serials.set(ms, (n = serialOf(ms, this.host.timeZone())));
    return n;
  }

  /** A cell's value inside formulas: dates as serial numbers, formulas evaluated, null when empty. */
  cellValue(sheet: SheetState, row: number, column: number): { value: Scalar; format?: string } {
    const cell = sheet.cellAt(row, column);
    if (cell?.formula !== undefined) {
      const result = this.evaluate(sheet, row, column, false)!;
      return { value: result.value, format: cell.format ?? result.format };
    }
    if (cell?.value !== undefined) {
      const v = cell.value;
      if (v instanceof Date) return { value: this.serial(v.getTime()), format: cell.format ?? dateFormatOf(v, this.host.timeZone()) };
      return { value: v, format: cell.format };
    }
    const covered = this.spillCover(sheet, row, column);
    return covered ? { value: covered.value, format: cell?.format ?? covered.format } : { value: null, format: cell?.format };
  }

  /** A rectangle's values (and formats) for formulas; rows past the last stored row are empty or spilled. */
  readRect(sheet: SheetState, rect: GridRect): Table {
    const key = `${sheet.id}:${rect.row}:${rect.column}:${rect.numRows}:${rect.numColumns}`;
    const cached = this.s.ranges.get(key);
    if (cached) return cached;
    const values: Grid = Array.from({ length: rect.numRows }, () => new Array<Scalar>(rect.numColumns).fill(null));
    let formats: Formats | undefined;
    const setFormat = (i: number, j: number, f: string | undefined) => {
      if (f === undefined) return;
      formats ??= values.map((r) => r.map(() => undefined));
      formats[i][j] = f;
    };
    const lastStored = Math.min(rect.row + rect.numRows - 1, sheet.rows.length);
    for (let r = rect.row; r <= lastStored; r++) {
      const row = sheet.rows[r - 1];
      if (!row) continue;
      const end = Math.min(rect.column + rect.numColumns - 1, row.cells.length);
      for (let c = rect.column; c <= end; c++) {
        const cell = row.cells[c - 1];
        if (!cell || !hasContent(cell)) continue;
        const v = cell.value;
        if (cell.formula === undefined && !(v instanceof Date)) {
          // The common case, without an object per cell: a stored number, text or boolean.
          values[r - rect.row][c - rect.column] = v as Scalar;
          setFormat(r - rect.row, c - rect.column, cell.format);
          continue;
        }
        const got = this.cellValue(sheet, r, c);
        values[r - rect.row][c - rect.column] = got.value;
        setFormat(r - rect.row, c - rect.column, got.format);
      }
    }
    this.indexOf(sheet).fill(rect, values, setFormat);
    const table = { values, formats };
    this.s.ranges.set(key, table);
    return table;
  }

  /** Resolves a grammar reference against the formula's sheet, clipped to the grid. */
  resolve(frame: Frame, ref: LibRef): ResolvedRef | FormulaErr {
    const sheet = ref.sheet === undefined ? frame.sheet : this.host.sheetNamed(ref.sheet);
    if (!sheet) return formulaError('#REF!', MESSAGES.unknownSheet(ref.sheet ?? ''));
    let rect: GridRect;
    if (ref.from && ref.to) {
      const bottom = Math.min(ref.to.row, sheet.maxRows);
      const right = Math.min(ref.to.col, sheet.maxColumns);
      rect = { row: ref.from.row, column: ref.from.col, numRows: bottom - ref.from.row + 1, numColumns: right - ref.from.col + 1 };
    } else if (ref.row !== undefined && ref.col !== undefined) {
      rect = { row: ref.row, column: ref.col, numRows: 1, numColumns: 1 };
    } else {
      return formulaError('#NAME?', MESSAGES.unknownRange(ref.col !== undefined ? columnToLetters(ref.col) : String(ref.row)));
    }
    if (rect.numRows < 1 || rect.numColumns < 1 || rect.row > sheet.maxRows || rect.column > sheet.maxColumns) {
      return formulaError('#REF!', `Range ${columnToLetters(rect.column)}${rect.row} is outside the sheet "${sheet.name}".`);
    }
    return { sheet, rect };
  }

  // ---- computing one formula ----------------------------------------------------------------------

  private compute(job: Job): AnchorResult {
    const cell = job.sheet.cellAt(job.row, job.column);
    const compiled = compileFormula(cell?.formula ?? '');
    if (compiled.broken === 'name') return { value: formulaError('#NAME?', MESSAGES.unknownFunction(compiled.brokenName ?? '')) };
    if (compiled.broken || !this.pool.parses(compiled)) return { value: formulaError('#ERROR!', MESSAGES.parse) };
    const frame: Frame = { sheet: job.sheet, row: job.row, column: job.column, compiled };
    let raw: unknown;
    try {
      raw = this.pool.evaluate(frame);
    } catch (e) {
      if (e instanceof NotImplementedFormula) throw new Error(SPREADSHEET_ERRORS.formulaFunction(`${job.sheet.name}!${columnToLetters(job.column)}${job.row}`, e.message));
      throw e;
    }
    return this.finish(frame, raw);
  }

  /** Turns what the grammar returned into the cell's value or spill. */
  private finish(frame: Frame, raw: unknown): AnchorResult {
    let table: Table | undefined;
    let value: Scalar = null;
    let format: string | undefined;
    if (isLibError(raw)) value = raw;
    else if (isRef(raw)) {
      const ref = this.resolve(frame, raw.ref);
      if (isError(ref)) value = ref;
      else if (ref.rect.numRows === 1 && ref.rect.numColumns === 1) ({ value, format } = this.cellValue(ref.sheet, ref.rect.row, ref.rect.column));
      else table = this.readRect(ref.sheet, ref.rect);
    } else if (Array.isArray(raw)) table = tableOf(raw as Grid);
    else if (typeof raw === 'object' && raw !== null) value = formulaError('#VALUE!', 'A union of ranges is not a value.');
    else value = normalize(raw as Scalar);
    if (table) {
      const values = rectangular(table.values).map((r) => r.map(normalize));
      if (values.length === 0 || values[0].length === 0) return { value: null };
      value = values[0][0];
      format = table.formats?.[0]?.[0];
      if ((values.length > 1 || values[0].length > 1) && frame.compiled.maySpill) return this.spill(frame, { values, formats: table.formats });
    }
    return { value, format: frame.topFormat ?? format };
  }

  private spill(frame: Frame, table: { values: Grid; formats?: Formats }): AnchorResult {
    const { sheet, row, column } = frame;
    const rows = table.values.length;
    const columns = table.values[0].length;
    if (row + rows - 1 > sheet.maxRows) return { value: formulaError('#REF!', MESSAGES.moreRows(row + rows - 1 - sheet.maxRows)) };
    if (column + columns - 1 > sheet.maxColumns) return { value: formulaError('#REF!', MESSAGES.moreColumns(column + columns - 1 - sheet.maxColumns)) };
    for (let r = row; r < row + rows && r <= sheet.rows.length; r++) {
      const stored = sheet.rows[r - 1];
      if (!stored) continue;
      for (let c = column; c < column + columns; c++) {
        if ((r !== row || c !== column) && hasContent(stored.cells[c - 1])) {
          return { value: formulaError('#REF!', MESSAGES.blocked(`${columnToLetters(c)}${r}`)) };
        }
      }
    }
    return { value: table.values[0][0], format: table.formats?.[0]?.[0], spill: table };
  }

  // ---- calls ------------------------------------------------------------------------------------

  /** Dispatches a function call: ours, then the library's checked ones, then custom functions. */
  callFunction(call: Call, args: unknown[], library: (name: string) => unknown): unknown {
    const name = call.name;
    const own = OWN_FUNCTIONS[name];
    if (own) return own(call, args);
    if (SHEETS_FUNCTIONS.has(name)) {
      const result = library(name);
      if (result !== NOT_IN_LIBRARY) return result;
    }
    const custom = this.host.customFunction(name);
    if (custom) return callCustomFunction(call, custom, args, this.host.timeZone());
    if (SHEETS_FUNCTIONS.has(name)) throw new NotImplementedFormula(name);
    return formulaError('#NAME?', MESSAGES.unknownFunction(name));
  }

  now(): number {
    return this.host.now();
  }

  get timeZone(): string {
    return this.host.timeZone();
  }
}

function circular(): AnchorResult {
  return { value: formulaError('#REF!', MESSAGES.circular) };
}

function isRef(v: unknown): v is { ref: LibRef } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'ref' in v;
}

/** Numbers that are not finite are #NUM!; nothing else changes. */
function normalize(v: Scalar): Scalar {
  if (typeof v === 'number' && !Number.isFinite(v)) return formulaError('#NUM!', 'The result is not a finite number.');
  if (v === undefined) return null;
  return v;
}

/** What getValues returns for a formula value: errors as their text, "" for empty. */
export function output(v: Scalar): CellValue {
  if (v === null) return '';
  if (isError(v)) return v.error;
  return v;
}

/** A Date cell without a format still shows (and spills) as a date. */
function dateFormatOf(d: Date, timeZone: string): string {
  const serial = serialOf(d.getTime(), timeZone);
  return Number.isInteger(serial) ? 'M/d/yyyy' : 'M/d/yyyy H:mm:ss';
}

function lowerBound(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
