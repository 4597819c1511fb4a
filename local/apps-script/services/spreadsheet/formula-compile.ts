// What we learn from a formula's tokens before evaluating it, once per formula text:
// - array literals {a, b; c, d} rewritten as calls (the grammar only allows constants in braces,
//   Sheets allows ranges and expressions);
// - where operators and calls are evaluated element-wise (inside FILTER, ARRAYFORMULA, ...), since
//   elsewhere Sheets reduces a range to the cell on the formula's row or column;
// - the references it names (so referenced formulas are evaluated first, without deep recursion);
// - whether it can produce an array at all (only those can spill over other cells);
// - empty arguments before the first comma (F(, x)), which the grammar would drop: rewritten as a
//   call that stands for "empty", so every argument keeps its place;
// - for calls of functions Sheets does not have (custom functions), whether each argument is a date
//   (TODAY()-30), which Sheets hands to Apps Script as a Date (see ArgumentShape).
import { lex, type LibToken } from './formula-library';
import { lettersToColumn } from './a1';
import { SHEETS_FUNCTIONS } from './sheets-functions';

export const LITERAL = '__ARRAY_LITERAL';
export const LITERAL_ROW = '__ARRAY_ROW';
/** Stands for an empty argument the grammar would drop (the first of F(, x)). */
export const OMITTED = '__OMITTED';

/** Functions whose arguments Sheets evaluates as arrays. */
export const ARRAY_CONTEXT = new Set(['ARRAYFORMULA', 'FILTER', 'SORT', 'SORTN', 'UNIQUE', 'SUMPRODUCT', 'TRANSPOSE', 'MMULT']);

/** Functions that hand one of their arguments through: they spill when that argument does. */
const PASS_THROUGH = new Set(['IF', 'IFERROR', 'IFNA', LITERAL, LITERAL_ROW]);

/** Functions that always give one value, so a formula made of them never spills. */
const SCALAR = new Set((
  'ABS AND AVERAGE AVERAGEA AVERAGEIF AVERAGEIFS CEILING CHAR CODE COLUMN COLUMNS CONCAT CONCATENATE COUNT COUNTA ' +
  'COUNTBLANK COUNTIF COUNTIFS DATE DATEDIF DAY DAYS EDATE EOMONTH EXACT EXP FALSE FIND FLOOR HOUR HYPERLINK INT ' +
  'ISBLANK ISERR ISERROR ISEVEN ISLOGICAL ISNA ISNONTEXT ISNUMBER ISODD ISTEXT LARGE LEFT LEN LN LOG LOG10 LOWER MATCH ' +
  'MAX MEDIAN MID MIN MINUTE MOD MONTH N NA NETWORKDAYS NOT NOW OR PI POWER PRODUCT PROPER RAND RANDBETWEEN REPLACE ' +
  'REPT RIGHT ROUND ROUNDDOWN ROUNDUP ROW ROWS SEARCH SECOND SIGN SMALL SQRT STDEV SUBSTITUTE SUM SUMIF SUMIFS ' +
  'SUMPRODUCT T TEXT TODAY TRIM TRUE TRUNC UPPER VALUE VLOOKUP HLOOKUP WEEKDAY WEEKNUM WORKDAY XOR YEAR ' + OMITTED
).split(' '));

/** A reference written in the formula; undefined bounds are open ("A:A", "B2:B"). */
export interface StaticRef {
  sheet?: string;
  startRow?: number;
  endRow?: number;
  startColumn?: number;
  endColumn?: number;
}

export interface CompiledFormula {
  /** What the grammar reads: the formula without "=", array literals rewritten. */
  text: string;
  /** Lexing failed, or a name we reserve was typed: the formula is #ERROR! / #NAME?. */
  broken?: 'parse' | 'name';
  /** The reserved name that was typed. */
  brokenName?: string;
  /** Token offset -> evaluated element-wise (an operator's last operand ends at that token). */
  arrayAt: Map<number, boolean>;
  /** Offset of a call's ")" -> its arguments are evaluated element-wise. */
  callArrayAt: Map<number, boolean>;
  /** Offset of the ")" of a call that is the whole formula. */
  topCallEnd?: number;
  refs: StaticRef[];
  /** Offset of a custom function call's ")" -> the shape of each of its arguments. */
  callArgs: Map<number, ArgumentShape[]>;
  maySpill: boolean;
  /** Whether the grammar accepts it; found out once, by a parse that evaluates nothing. */
  parses?: boolean;
}

const cache = new Map<string, CompiledFormula>();
const CACHE_LIMIT = 5000;

export function compileFormula(formula: string): CompiledFormula {
  let compiled = cache.get(formula);
  if (!compiled) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    compiled = compile(formula);
    cache.set(formula, compiled);
  }
  return compiled;
}

const BROKEN = (text: string, broken: 'parse' | 'name'): CompiledFormula => ({
  text, broken, arrayAt: new Map(), callArrayAt: new Map(), callArgs: new Map(), refs: [], maySpill: false,
});

function tokensOf(text: string): LibToken[] | undefined {
  try {
    return lex(text);
  } catch {
    return undefined;
  }
}

function compile(formula: string): CompiledFormula {
  // "+x" and "-x" are stored as formulas too (see value-parsing): they are read whole.
  const body = formula.startsWith('=') ? formula.slice(1) : formula;
  const original = tokensOf(body);
  if (!original || original.length === 0) return BROKEN(body, 'parse');
  const reserved = original.find((t) => t.tokenType.name === 'Function' && t.image.startsWith('__'));
  if (reserved) return { ...BROKEN(body, 'name'), brokenName: reserved.image.slice(0, -1).toUpperCase() };
  const literal = rewriteArrayLiterals(body, original);
  if (literal === undefined) return BROKEN(body, 'parse');
  const literalTokens = literal === body ? original : tokensOf(literal);
  if (!literalTokens) return BROKEN(literal, 'parse');
  const text = markLeadingEmpty(literal, literalTokens);
  const tokens = text === literal ? literalTokens : tokensOf(text);
  if (!tokens) return BROKEN(text, 'parse');
  return { text, ...scan(tokens) };
}

/**
 * F(, x) -> F(__OMITTED(), x): the grammar skips commas right after "(", so without this the
 * arguments would shift left (F(, "2026-01-05") would be F("2026-01-05")). Commas elsewhere
 * (F(x, , y), F(x,)) already give an empty argument.
 */
function markLeadingEmpty(text: string, tokens: LibToken[]): string {
  let out = '';
  let last = 0;
  tokens.forEach((t, i) => {
    if (t.tokenType.name !== 'Comma' || tokens[i - 1]?.tokenType.name !== 'Function') return;
    out += text.slice(last, t.startOffset) + `${OMITTED}()`;
    last = t.startOffset;
  });
  return last === 0 ? text : out + text.slice(last);
}

/** {a, b; c} -> __ARRAY_LITERAL(__ARRAY_ROW(a, b), __ARRAY_ROW(c)); undefined when braces do not match. */
function rewriteArrayLiterals(body: string, tokens: LibToken[]): string | undefined {
  if (!tokens.some((t) => t.tokenType.name === 'OpenCurlyParen')) return body;
  const stack: ('brace' | 'paren')[] = [];
  let out = '';
  let last = 0;
  for (const t of tokens) {
    out += body.slice(last, t.startOffset);
    last = t.startOffset + t.image.length;
    const top = stack[stack.length - 1];
    switch (t.tokenType.name) {
      case 'OpenCurlyParen':
        stack.push('brace');
        out += `${LITERAL}(${LITERAL_ROW}(`;
        break;
      case 'CloseCurlyParen':
        if (stack.pop() !== 'brace') return undefined;
        out += '))';
        break;
      case 'Semicolon':
        out += top === 'brace' ? `),${LITERAL_ROW}(` : ';';
        break;
      case 'Function':
      case 'OpenParen':
        stack.push('paren');
        out += t.image;
        break;
      case 'CloseParen':
        if (stack.pop() !== 'paren') return undefined;
        out += t.image;
        break;
      default:
        out += t.image;
    }
  }
  return stack.length === 0 ? out + body.slice(last) : undefined;
}

interface Frame {
  fn?: string;
  opened: number;
  /** Token index where the current argument starts, and the arguments so far (token ranges). */
  argStart: number;
  args: [number, number][];
}

const REF_ITEM = new Set(['Cell', 'Column', 'Number']);

function scan(tokens: LibToken[]): Omit<CompiledFormula, 'text'> {
  const arrayAt = new Map<number, boolean>();
  const callArrayAt = new Map<number, boolean>();
  const refs: StaticRef[] = [];
  const callArgs = new Map<number, ArgumentShape[]>();
  const stack: Frame[] = [];
  let arrayFrames = 0;
  let opaqueFrames = 0;
  let maySpill = false;
  let topCallEnd: number | undefined;
  const reachesTop = () => opaqueFrames === 0;

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const kind = t.tokenType.name;
    if (kind === 'Function' || kind === 'OpenParen') {
      const fn = kind === 'Function' ? t.image.slice(0, -1).toUpperCase() : undefined;
      if (fn !== undefined) {
        if (reachesTop() && !SCALAR.has(fn) && (!PASS_THROUGH.has(fn) || fn === LITERAL)) maySpill = true;
        if (ARRAY_CONTEXT.has(fn)) arrayFrames++;
        if (!PASS_THROUGH.has(fn)) opaqueFrames++;
      }
      stack.push({ fn, opened: i, argStart: i + 1, args: [] });
      arrayAt.set(t.startOffset, arrayFrames > 0);
      continue;
    }
    if (kind === 'Comma') {
      const frame = stack[stack.length - 1];
      if (frame) {
        frame.args.push([frame.argStart, i]);
        frame.argStart = i + 1;
      }
    }
    if (kind === 'CloseParen') {
      const frame = stack.pop();
      if (frame?.fn !== undefined) {
        if (frame.argStart < i || frame.args.length) frame.args.push([frame.argStart, i]);
        if (isCustom(frame.fn)) callArgs.set(t.startOffset, frame.args.map(([from, to]) => shapeOf(tokens.slice(from, to))));
        if (ARRAY_CONTEXT.has(frame.fn)) arrayFrames--;
        if (!PASS_THROUGH.has(frame.fn)) opaqueFrames--;
        callArrayAt.set(t.startOffset, arrayFrames > 0 || ARRAY_CONTEXT.has(frame.fn));
        if (stack.length === 0 && frame.opened === 0 && i === tokens.length - 1) topCallEnd = t.startOffset;
      }
      arrayAt.set(t.startOffset, arrayFrames > 0);
      continue;
    }
    // A reference: an optional sheet prefix, then items joined by colons.
    let j = i;
    let sheet: string | undefined;
    if (kind === 'Sheet') sheet = t.image.slice(0, -1);
    else if (kind === 'SheetQuoted') sheet = t.image.slice(1, -2).replace(/''/g, "'");
    if (sheet !== undefined) j++;
    const items: LibToken[] = [];
    if (tokens[j] && REF_ITEM.has(tokens[j].tokenType.name)) {
      items.push(tokens[j]);
      while (tokens[j + 1]?.tokenType.name === 'Colon' && tokens[j + 2] && REF_ITEM.has(tokens[j + 2].tokenType.name)) {
        items.push(tokens[j + 2]);
        j += 2;
      }
    }
    const isRef = items.length > 1 || items[0]?.tokenType.name === 'Cell';
    if (isRef) {
      const ref = boundsOf(items, sheet);
      refs.push(ref);
      const single = ref.startRow !== undefined && ref.startRow === ref.endRow && ref.startColumn === ref.endColumn;
      if (!single && reachesTop()) maySpill = true;
    }
    const last = isRef ? j : i;
    for (let k = i; k <= last; k++) arrayAt.set(tokens[k].startOffset, arrayFrames > 0);
    i = last;
  }
  return { arrayAt, callArrayAt, callArgs, topCallEnd, refs, maySpill };
}

// ---- date arguments -------------------------------------------------------------------------------

/**
 * Whether an argument is a date, as far as its text tells: Sheets types values, and hands a date to
 * a custom function as a Date (the custom functions guide: "Times and dates in Sheets become Date
 * objects in Apps Script"). 'date': a date function (TODAY(), DATE(2026,3,1)), or one plus or minus
 * numbers (TODAY()-30); a cell: a date when that cell is formatted as one (A1+1); 'sum': a date when
 * exactly one of its terms is, added (TODAY()-DATE(2026,1,1) is a number of days). Anything else is
 * passed as the value it evaluates to.
 */
export type ArgumentShape = 'date' | 'value' | { cell: StaticRef } | { sum: { minus: boolean; shape: ArgumentShape }[] };

/** Functions whose result Sheets types as a date (as the cell they make alone shows). */
const DATE_FUNCTIONS = new Set(['TODAY', 'NOW', 'DATE', 'EDATE', 'EOMONTH', 'WORKDAY', 'WORKDAY.INTL', 'TO_DATE']);
/** Operators binding looser than + and -: the whole is text or a boolean. */
const LOOSER = new Set(['ConcatOp', 'GtOp', 'EqOp', 'LtOp', 'NeqOp', 'GteOp', 'LteOp']);
/** Operators binding tighter: the term they are in is a number (TODAY()*2 is no date). */
const TIGHTER = new Set(['MulOp', 'DivOp', 'ExOp', 'PercentOp', 'Colon']);

/** Argument shapes are kept only for calls of names Sheets does not have. */
function isCustom(fn: string): boolean {
  return !fn.startsWith('__') && !SHEETS_FUNCTIONS.has(fn);
}

function shapeOf(tokens: LibToken[]): ArgumentShape {
  if (tokens.length === 0) return 'value';
  // Terms joined by + and - outside parentheses; any other operator makes the whole a plain value.
  const terms: { minus: boolean; tokens: LibToken[] }[] = [];
  let depth = 0;
  let current: { minus: boolean; tokens: LibToken[] } = { minus: false, tokens: [] };
  for (const t of tokens) {
    const kind = t.tokenType.name;
    if (depth === 0 && (kind === 'PlusOp' || kind === 'MinOp')) {
      if (current.tokens.length === 0) {
        // A sign in front of a term: -TODAY() is no date.
        if (kind === 'MinOp') current.minus = !current.minus;
        continue;
      }
      terms.push(current);
      current = { minus: kind === 'MinOp', tokens: [] };
      continue;
    }
    if (depth === 0 && LOOSER.has(kind)) return 'value';
    if (kind === 'Function' || kind === 'OpenParen') depth++;
    if (kind === 'CloseParen') depth--;
    current.tokens.push(t);
  }
  if (current.tokens.length === 0) return 'value';
  terms.push(current);
  const shapes = terms.map((term) => ({ minus: term.minus, shape: termShape(term.tokens) }));
  if (shapes.length === 1 && !shapes[0].minus) return shapes[0].shape;
  if (shapes.every((s) => s.shape === 'value')) return 'value';
  return { sum: shapes };
}

function termShape(tokens: LibToken[]): ArgumentShape {
  let depth = 0;
  for (const t of tokens) {
    const k = t.tokenType.name;
    if (k === 'Function' || k === 'OpenParen') depth++;
    else if (k === 'CloseParen') depth--;
    else if (depth === 0 && TIGHTER.has(k)) return 'value';
  }
  const first = tokens[0];
  const kind = first.tokenType.name;
  const closesAtEnd = () => {
    let depth = 0;
    for (let i = 0; i < tokens.length; i++) {
      const k = tokens[i].tokenType.name;
      if (k === 'Function' || k === 'OpenParen') depth++;
      if (k === 'CloseParen' && --depth === 0) return i === tokens.length - 1;
    }
    return false;
  };
  if (kind === 'Function' && closesAtEnd()) return DATE_FUNCTIONS.has(first.image.slice(0, -1).toUpperCase()) ? 'date' : 'value';
  if (kind === 'OpenParen' && closesAtEnd()) return shapeOf(tokens.slice(1, -1));
  let sheet: string | undefined;
  let at = 0;
  if (kind === 'Sheet') sheet = first.image.slice(0, -1);
  else if (kind === 'SheetQuoted') sheet = first.image.slice(1, -2).replace(/''/g, "'");
  if (sheet !== undefined) at = 1;
  if (tokens.length === at + 1 && tokens[at].tokenType.name === 'Cell') return { cell: boundsOf([tokens[at]], sheet) };
  return 'value';
}

function boundsOf(items: LibToken[], sheet: string | undefined): StaticRef {
  const rows: (number | undefined)[] = [];
  const columns: (number | undefined)[] = [];
  for (const item of items) {
    const m = /^\$?([A-Za-z]*)\$?(\d*)$/.exec(item.image);
    const letters = item.tokenType.name === 'Number' ? '' : (m?.[1] ?? '');
    const digits = item.tokenType.name === 'Number' ? item.image : (m?.[2] ?? '');
    columns.push(letters ? lettersToColumn(letters) : undefined);
    rows.push(digits ? Number(digits) : undefined);
  }
  const [startRow, endRow] = span(rows);
  const [startColumn, endColumn] = span(columns);
  return { sheet, startRow, endRow, startColumn, endColumn };
}

/** Smallest and largest given bound; an item without one leaves the end open. */
export function span(values: (number | undefined)[]): [number | undefined, number | undefined] {
  const given = values.filter((v): v is number => v !== undefined);
  if (given.length === 0) return [undefined, undefined];
  const open = given.length < values.length;
  return [Math.min(...given), open ? undefined : Math.max(...given)];
}
