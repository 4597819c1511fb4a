// fast-formula-parser instances wired to the engine. The grammar's actions call back into us for
// cells, ranges, operators and function calls; we tell element-wise evaluation from Sheets'
// implicit intersection by where in the formula the action happens (the token just read).
// A parser cannot be re-entered, so nested evaluations (a formula reading a formula that was not
// evaluated yet) take another instance from a pool.
import type { GridRect } from './a1';
import { elementwise, NotImplementedFormula, type Call, type ResolvedRef } from './formula-call';
import { OMITTED, span, type ArgumentShape, type CompiledFormula } from './formula-compile';
import { callLibraryFunction, createLibParser, isLibError, MAX_COLUMN, MAX_ROW, type LibParser, type LibRef } from './formula-library';
import { combine, mapGrid, percent, binary, unary } from './formula-operators';
import { formulaError, isError, MESSAGES, tableOf, type FormulaErr, type Grid, type Scalar, type Table } from './formula-values';
import type { FormulaEngine } from './formulas';
import type { SheetState } from './sheet-state';

export interface Frame {
  sheet: SheetState;
  row: number;
  column: number;
  compiled: CompiledFormula;
  /** Set when the formula is one call whose result has a natural format (TODAY() is a date). */
  topFormat?: string;
  /** What an empty cell reads as for a library function (0 for math, "" for text). */
  blankAs?: Scalar;
}

/**
 * The library functions we let formulas use: those checked against Sheets. The library follows
 * Excel and has stubs; anything else it has fails loudly as not implemented, never a guess.
 * Functions of single values run element by element (inside FILTER, ARRAYFORMULA, over an
 * array) and take the cell on the formula's row from a range elsewhere, as Sheets does.
 */
const SCALAR_LIBRARY = new Set((
  'ABS CEILING CHAR CLEAN CODE DATE DATEDIF DAYS DAY EDATE EOMONTH EVEN EXACT EXP FIND FIXED FLOOR HOUR INT ISEVEN ' +
  'ISODD ISOWEEKNUM LEFT LEN LN LOG LOG10 LOWER MID MINUTE MOD MONTH N ODD POWER PROPER REPLACE REPT RIGHT SEARCH ' +
  'SECOND SIGN SQRT T TEXT TIME TRUNC UNICHAR UNICODE WEEKDAY WEEKNUM YEAR'
).split(' '));
const OTHER_LIBRARY = new Set(['CONCATENATE', 'NA', 'PI', 'NETWORKDAYS', 'WORKDAY', 'SUMSQ']);

/** Library functions whose result is a date: a cell made of just that call shows a date. */
const DATE_RESULTS = new Set(['DATE', 'EDATE', 'EOMONTH', 'WORKDAY', 'WORKDAY.INTL']);

/** Sheets has no space-intersection or union operators: such formulas do not parse. */
class Unsupported extends Error {}

const isRef = (v: unknown): v is { ref: LibRef } => typeof v === 'object' && v !== null && !Array.isArray(v) && 'ref' in v;

/** "A2:B", "A:A", "2:3": open bounds go to the end of the sheet (clipped to its grid later). */
function rangeRef(refs: unknown[]): unknown {
  const items: { ref: LibRef }[] = [];
  for (const r of refs) {
    if (isLibError(r)) return r;
    if (typeof r === 'number') items.push({ ref: { row: r } });
    else if (isRef(r)) items.push(r);
    else throw new Unsupported('a range needs cell references');
  }
  const [top, bottom] = span(items.map((i) => i.ref.row));
  const [left, right] = span(items.map((i) => i.ref.col));
  const from = { row: top ?? 1, col: left ?? 1 };
  const to = { row: top === undefined ? MAX_ROW : (bottom ?? MAX_ROW), col: left === undefined ? MAX_COLUMN : (right ?? MAX_COLUMN) };
  if (from.row === to.row && from.col === to.col) return { ref: { row: from.row, col: from.col } };
  return { ref: { from, to } };
}

function unsupported(): never {
  throw new Unsupported('not a Sheets operator');
}

/** Only checks that a formula parses: every action is a no-op. */
function dryParser(): LibParser {
  const p = createLibParser({ onCell: () => 0, onRange: () => [[0]] });
  p.utils.applyInfix = () => 0;
  p.utils.applyPrefix = () => 0;
  p.utils.applyPostfix = () => 0;
  p.utils.applyRange = rangeRef;
  p.utils.applyIntersect = unsupported;
  p.utils.applyUnion = unsupported;
  p.getVariable = () => ({ ref: {} });
  p.callFunction = () => 0;
  p.checkFormulaResult = (r) => r;
  return p;
}

export class ParserPool {
  private readonly free: Slot[] = [];
  private dry?: LibParser;

  constructor(private readonly engine: FormulaEngine) {}

  parses(compiled: CompiledFormula): boolean {
    if (compiled.parses === undefined) {
      this.dry ??= dryParser();
      try {
        this.dry.parse(compiled.text, { row: 1, col: 1, sheet: 'Sheet1' }, true);
        compiled.parses = true;
      } catch {
        compiled.parses = false;
      }
    }
    return compiled.parses;
  }

  evaluate(frame: Frame): unknown {
    const slot = this.free.pop() ?? new Slot(this.engine);
    slot.frame = frame;
    try {
      return slot.run();
    } finally {
      slot.frame = undefined;
      this.free.push(slot);
    }
  }
}

class Slot {
  readonly parser: LibParser;
  frame?: Frame;

  constructor(private readonly engine: FormulaEngine) {
    const p = createLibParser({ onCell: (ref: LibRef) => this.onCell(ref), onRange: (ref: LibRef) => this.onRange(ref) });
    p.utils.applyInfix = (a, op, b) => {
      const array = this.arrayHere();
      return combine(this.operand(a, array), this.operand(b, array), op, (x, y) => binary(op, x, y, engine.coercion));
    };
    p.utils.applyPrefix = (prefixes, v) => mapGrid(this.operand(v, this.arrayHere()), (x) => unary(prefixes, x, engine.coercion));
    p.utils.applyPostfix = (v) => mapGrid(this.operand(v, this.arrayHere()), (x) => percent(x, engine.coercion));
    p.utils.applyRange = rangeRef;
    p.utils.applyIntersect = unsupported;
    p.utils.applyUnion = unsupported;
    p.getVariable = (name: string) => formulaError('#NAME?', MESSAGES.unknownRange(name));
    p.callFunction = (name, args) => this.call(name, args);
    p.checkFormulaResult = (r) => r;
    this.parser = p;
  }

  private get f(): Frame {
    if (!this.frame) throw new Error('formula engine: parser used outside an evaluation');
    return this.frame;
  }

  run(): unknown {
    const f = this.f;
    try {
      return this.parser.parse(f.compiled.text, { row: f.row, col: f.column, sheet: f.sheet.name }, true);
    } catch (e) {
      // The grammar wraps whatever an action threw; what we threw (or a bug) goes on as it was.
      const inner = isLibError(e) ? e.details : e;
      if (inner !== undefined && !(inner instanceof Unsupported)) throw inner;
      return formulaError('#ERROR!', MESSAGES.parse);
    }
  }

  /** Offset of the token the grammar read last: the end of the expression being evaluated. */
  private offset(): number {
    return this.parser.parser.LA(0).startOffset;
  }

  private arrayHere(): boolean {
    return this.f.compiled.arrayAt.get(this.offset()) ?? false;
  }

  /** One operand: ranges whole when element-wise, else the cell on the formula's row or column. */
  operand(v: unknown, array: boolean): Scalar | Grid {
    if (isLibError(v)) return v;
    if (isRef(v)) {
      const resolved = this.engine.resolve(this.f, v.ref);
      if (isError(resolved)) return resolved;
      const { sheet, rect } = resolved;
      if (rect.numRows === 1 && rect.numColumns === 1) return this.engine.cellValue(sheet, rect.row, rect.column).value;
      return array ? this.engine.readRect(sheet, rect).values : this.intersect(resolved);
    }
    if (Array.isArray(v)) return array ? (v as Grid) : ((v as Grid)[0]?.[0] ?? null);
    if (v === null || v === undefined) return null;
    if (typeof v === 'object') return formulaError('#VALUE!', 'A union of ranges is not a value.');
    return v as Scalar;
  }

  /** Sheets' implicit intersection: a column range gives the cell on the formula's row, a row range its column. */
  private intersect({ sheet, rect }: ResolvedRef): Scalar {
    const { row, column } = this.f;
    if (rect.numColumns === 1 && row >= rect.row && row < rect.row + rect.numRows) return this.engine.cellValue(sheet, row, rect.column).value;
    if (rect.numRows === 1 && column >= rect.column && column < rect.column + rect.numColumns) return this.engine.cellValue(sheet, rect.row, column).value;
    return formulaError('#VALUE!', MESSAGES.noArray);
  }

  private onCell(ref: LibRef): unknown {
    const resolved = this.engine.resolve(this.f, ref);
    if (isError(resolved)) return resolved;
    const v = this.engine.cellValue(resolved.sheet, resolved.rect.row, resolved.rect.column).value;
    return v === null ? (this.f.blankAs ?? null) : v;
  }

  private onRange(ref: LibRef): unknown {
    const resolved = this.engine.resolve(this.f, ref);
    if (isError(resolved)) return resolved;
    return this.engine.readRect(resolved.sheet, resolved.rect).values.map((r) => r.slice());
  }

  private call(rawName: string, typed: unknown[]): unknown {
    const frame = this.f;
    const offset = this.offset();
    const name = rawName.replace(/^_xlfn\./i, '').toUpperCase();
    if (name === OMITTED) return OMITTED_ARGUMENT;
    // An empty argument is null for every function, wherever it is (F(, x) was rewritten to mark it).
    const args = typed.map((a) => (a === OMITTED_ARGUMENT ? null : a));
    const call = new CallContext(this.engine, this, frame, name, frame.compiled.callArrayAt.get(offset) ?? false, frame.compiled.callArgs.get(offset));
    let result: unknown;
    try {
      result = this.engine.callFunction(call, args, (n) => this.library(call, n, args));
    } catch (e) {
      if (!isLibError(e)) throw e;
      result = e;
    }
    if (offset === frame.compiled.topCallEnd && call.resultFormat) frame.topFormat = call.resultFormat;
    if (result === undefined || result === null) return '';
    if (typeof result === 'number' && !Number.isFinite(result)) return formulaError('#NUM!', 'The result is not a finite number.');
    return result;
  }

  /** The library's implementation, with empty cells read as it expects them. */
  private library(call: CallContext, name: string, args: unknown[]): unknown {
    if (!(name in this.parser.functions) || (!SCALAR_LIBRARY.has(name) && !OTHER_LIBRARY.has(name))) return NOT_IN_LIBRARY;
    const frame = this.f;
    const previous = frame.blankAs;
    const blankAs = this.parser.funsNullAs0.includes(name) ? 0 : '';
    frame.blankAs = blankAs;
    if (DATE_RESULTS.has(name)) call.resultFormat = 'M/d/yyyy';
    try {
      if (!SCALAR_LIBRARY.has(name)) return callLibraryFunction(this.parser, name, args);
      return elementwise(call, args, (values) => {
        const plain = values.map((v) => (v === undefined ? null : v === null ? blankAs : v));
        const r = callLibraryFunction(this.parser, name, plain);
        if (r === undefined) throw new NotImplementedFormula(name);
        return (typeof r === 'object' && r !== null && !isLibError(r) ? formulaError('#VALUE!', `${name} gave no single value.`) : r) as Scalar;
      });
    } catch (e) {
      if (isLibError(e)) {
        if (e.error === '#NAME?' && /is not implemented/.test(e.message)) throw new NotImplementedFormula(name);
        return e;
      }
      if (e instanceof Error && !(e instanceof NotImplementedFormula)) throw new Error(`local formula engine: ${name} failed: ${e.message}`);
      throw e;
    } finally {
      frame.blankAs = previous;
    }
  }
}

export const NOT_IN_LIBRARY = Symbol('not in the library');

/** What __OMITTED() gives: the enclosing call reads it as an empty argument (null). */
const OMITTED_ARGUMENT = Object.freeze({ omitted: true });

class CallContext implements Call {
  resultFormat?: string;

  constructor(
    private readonly engine: FormulaEngine,
    private readonly slot: Slot,
    private readonly frame: Frame,
    readonly name: string,
    readonly array: boolean,
    readonly argumentShapes?: readonly ArgumentShape[],
  ) {}

  get row() {
    return this.frame.row;
  }

  get column() {
    return this.frame.column;
  }

  get coercion() {
    return this.engine.coercion;
  }

  now(): number {
    return this.engine.now();
  }

  scalar(arg: unknown): Scalar {
    const v = this.slot.operand(arg, false);
    return Array.isArray(v) ? (v[0]?.[0] ?? null) : v;
  }

  table(arg: unknown): Table {
    if (arg === null || arg === undefined) return { values: [[null]] };
    if (isRef(arg)) {
      const resolved = this.reference(arg)!;
      const { sheet, rect } = resolved;
      if (rect.numRows === 1 && rect.numColumns === 1) {
        const { value, format } = this.engine.cellValue(sheet, rect.row, rect.column);
        return { values: [[value]], formats: format === undefined ? undefined : [[format]] };
      }
      return this.engine.readRect(sheet, rect);
    }
    if (Array.isArray(arg)) return tableOf(arg as Grid);
    if (isLibError(arg)) return { values: [[arg]] };
    if (typeof arg === 'object') return { values: [[formulaError('#VALUE!', 'A union of ranges is not a value.')]] };
    return { values: [[arg as Scalar]] };
  }

  /** Throws the error when the reference does not resolve (a missing sheet is #REF!). */
  reference(arg: unknown): ResolvedRef | undefined {
    if (!isRef(arg)) return undefined;
    const resolved: ResolvedRef | FormulaErr = this.engine.resolve(this.frame, arg.ref);
    if (isError(resolved)) throw resolved;
    return resolved;
  }

  refValue(sheet: SheetState, rect: GridRect): unknown {
    if (rect.numRows === 1 && rect.numColumns === 1) return { ref: { sheet: sheet.name, row: rect.row, col: rect.column } };
    return {
      ref: { sheet: sheet.name, from: { row: rect.row, col: rect.column }, to: { row: rect.row + rect.numRows - 1, col: rect.column + rect.numColumns - 1 } },
    };
  }
}
