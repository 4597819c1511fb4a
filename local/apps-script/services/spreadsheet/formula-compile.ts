// What we learn from a formula's tokens before evaluating it, once per formula text:
// - array literals {a, b; c, d} rewritten as calls (the grammar only allows constants in braces,
//   Sheets allows ranges and expressions);
// - where operators and calls are evaluated element-wise (inside FILTER, ARRAYFORMULA, ...), since
//   elsewhere Sheets reduces a range to the cell on the formula's row or column;
// - the references it names (so referenced formulas are evaluated first, without deep recursion);
// - whether it can produce an array at all (only those can spill over other cells).
import { lex, type LibToken } from './formula-library';
import { lettersToColumn } from './a1';

export const LITERAL = '__ARRAY_LITERAL';
export const LITERAL_ROW = '__ARRAY_ROW';

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
  'SUMPRODUCT T TEXT TODAY TRIM TRUE TRUNC UPPER VALUE VLOOKUP HLOOKUP WEEKDAY WEEKNUM WORKDAY XOR YEAR'
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

const BROKEN = (text: string, broken: 'parse' | 'name'): CompiledFormula => ({ text, broken, arrayAt: new Map(), callArrayAt: new Map(), refs: [], maySpill: false });

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
  const text = rewriteArrayLiterals(body, original);
  if (text === undefined) return BROKEN(body, 'parse');
  const tokens = tokensOf(text);
  if (!tokens) return BROKEN(text, 'parse');
  return { text, ...scan(tokens) };
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
}

const REF_ITEM = new Set(['Cell', 'Column', 'Number']);

function scan(tokens: LibToken[]): Omit<CompiledFormula, 'text'> {
  const arrayAt = new Map<number, boolean>();
  const callArrayAt = new Map<number, boolean>();
  const refs: StaticRef[] = [];
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
      stack.push({ fn, opened: i });
      arrayAt.set(t.startOffset, arrayFrames > 0);
      continue;
    }
    if (kind === 'CloseParen') {
      const frame = stack.pop();
      if (frame?.fn !== undefined) {
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
  return { arrayAt, callArrayAt, topCallEnd, refs, maySpill };
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
