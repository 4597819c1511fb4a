// COUNTIF(S), SUMIF(S) and AVERAGEIF(S), and their criteria as Sheets reads them: ">=46000", "<>",
// "IMAGE", "ca*", a number or a boolean. Text matches case-insensitively and as a whole, with the
// wildcards * and ? (~ escapes them); numeric comparisons only match numbers (dates are numbers).
import { arity, type Call, type FormulaFunction } from './formula-call';
import { compareScalars, dims, fail, isError, MESSAGES, numberFromText, type Coercion, type Grid, type Scalar } from './formula-values';

export type Criterion = (v: Scalar) => boolean;

const OPERATOR = /^(<=|>=|<>|<|>|=)?([\s\S]*)$/;

/** A whole-string, case-insensitive matcher for text with * and ? wildcards. */
export function wildcardMatcher(pattern: string): (text: string) => boolean {
  if (!/[*?~]/.test(pattern)) {
    const lower = pattern.toLowerCase();
    return (text) => text.toLowerCase() === lower;
  }
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '~' && i + 1 < pattern.length && '*?~'.includes(pattern[i + 1])) source += '\\' + pattern[++i];
    else if (ch === '*') source += '[\\s\\S]*';
    else if (ch === '?') source += '[\\s\\S]';
    else source += ch.replace(/[.+^${}()|[\]\\/-]/g, '\\$&');
  }
  const re = new RegExp(`^${source}$`, 'i');
  return (text) => re.test(text);
}

function compareWith(op: string, cmp: number): boolean {
  switch (op) {
    case '<': return cmp < 0;
    case '<=': return cmp <= 0;
    case '>': return cmp > 0;
    case '>=': return cmp >= 0;
    default: return cmp === 0;
  }
}

export function criterionOf(criterion: Scalar, c: Coercion): Criterion {
  if (isError(criterion)) return (v) => isError(v) && v.error === criterion.error;
  if (criterion === null) return (v) => v === null || v === '';
  if (typeof criterion === 'number') return (v) => typeof v === 'number' && v === criterion;
  if (typeof criterion === 'boolean') return (v) => v === criterion;
  const [, op = '', operand] = OPERATOR.exec(criterion) as RegExpExecArray;
  const upper = operand.trim().toUpperCase();
  const asNumber = numberFromText(operand, c.timeZone, c.serial);
  const asBoolean = upper === 'TRUE' ? true : upper === 'FALSE' ? false : undefined;

  if (op === '' || op === '=') {
    if (operand === '') return (v) => v === null || v === '';
    if (asBoolean !== undefined) return (v) => v === asBoolean;
    if (asNumber !== undefined) {
      const lower = operand.toLowerCase();
      return (v) => (typeof v === 'number' ? v === asNumber : typeof v === 'string' && v.toLowerCase() === lower);
    }
    const match = wildcardMatcher(operand);
    return (v) => typeof v === 'string' && match(v);
  }
  if (op === '<>') {
    if (operand === '') return (v) => v !== null && v !== '';
    if (asBoolean !== undefined) return (v) => v !== asBoolean;
    if (asNumber !== undefined) return (v) => !(typeof v === 'number' && v === asNumber);
    const match = wildcardMatcher(operand);
    return (v) => !(typeof v === 'string' && match(v));
  }
  if (operand === '') return () => false;
  if (asNumber !== undefined) return (v) => typeof v === 'number' && compareWith(op, v - asNumber);
  if (asBoolean !== undefined) return (v) => typeof v === 'boolean' && compareWith(op, compareScalars(v, asBoolean));
  return (v) => typeof v === 'string' && compareWith(op, compareScalars(v, operand));
}

// ---- COUNTIF(S), SUMIF(S), AVERAGEIF(S) ------------------------------------------------------------

/** Ranges of *IFS must all have the same shape; whole columns from different rows do not. */
function sameShape(call: Call, tables: Grid[]): void {
  const { rows, columns } = dims(tables[0]);
  for (const t of tables) {
    const d = dims(t);
    if (d.rows !== rows || d.columns !== columns) fail('#VALUE!', MESSAGES.arraySize(call.name));
  }
}

/** Which cells pass every (range, criterion) pair, as flags in row-major order. */
function matches(call: Call, pairs: unknown[]): { ranges: Grid[]; passed: boolean[] } {
  const ranges: Grid[] = [];
  const tests: ((v: Scalar) => boolean)[] = [];
  for (let i = 0; i < pairs.length; i += 2) {
    ranges.push(call.table(pairs[i]).values);
    tests.push(criterionOf(call.scalar(pairs[i + 1]), call.coercion));
  }
  sameShape(call, ranges);
  const { rows, columns } = dims(ranges[0]);
  const passed = new Array<boolean>(rows * columns).fill(true);
  ranges.forEach((range, k) => {
    const test = tests[k];
    for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) if (passed[r * columns + c] && !test(range[r][c])) passed[r * columns + c] = false;
  });
  return { ranges, passed };
}

function numbersWhere(values: Grid, passed: boolean[]): number[] {
  const out: number[] = [];
  const columns = values[0]?.length ?? 0;
  passed.forEach((ok, i) => {
    if (!ok) return;
    const v = values[Math.floor(i / columns)][i % columns];
    if (isError(v)) throw v;
    if (typeof v === 'number') out.push(v);
  });
  return out;
}

/** SUMIF's sum range starts at its own top-left cell and takes the criteria range's shape. */
function resized(call: Call, arg: unknown, like: Grid): Grid {
  const ref = call.reference(arg);
  const { rows, columns } = dims(like);
  if (!ref) return call.table(arg).values;
  const rect = { row: ref.rect.row, column: ref.rect.column, numRows: rows, numColumns: columns };
  return call.table(call.refValue(ref.sheet, rect)).values;
}

const COUNTIF: FormulaFunction = (call, args) => {
  arity(call, args, 2);
  return matches(call, args).passed.filter(Boolean).length;
};

const COUNTIFS: FormulaFunction = (call, args) => {
  if (args.length < 2 || args.length % 2 !== 0) fail('#N/A', MESSAGES.arity(call.name, 2, Infinity, args.length));
  return matches(call, args).passed.filter(Boolean).length;
};

const SUMIF: FormulaFunction = (call, args) => {
  arity(call, args, 2, 3);
  const { ranges, passed } = matches(call, args.slice(0, 2));
  const values = args.length === 3 && args[2] !== null ? resized(call, args[2], ranges[0]) : ranges[0];
  return numbersWhere(values, passed).reduce((a, b) => a + b, 0);
};

const AVERAGEIF: FormulaFunction = (call, args) => {
  arity(call, args, 2, 3);
  const { ranges, passed } = matches(call, args.slice(0, 2));
  const values = args.length === 3 && args[2] !== null ? resized(call, args[2], ranges[0]) : ranges[0];
  return mean(call, numbersWhere(values, passed));
};

const ifs = (average: boolean): FormulaFunction => (call, args) => {
  if (args.length < 3 || args.length % 2 !== 1) fail('#N/A', MESSAGES.arity(call.name, 3, Infinity, args.length));
  const values = call.table(args[0]).values;
  const { ranges, passed } = matches(call, args.slice(1));
  sameShape(call, [values, ranges[0]]);
  const list = numbersWhere(values, passed);
  return average ? mean(call, list) : list.reduce((a, b) => a + b, 0);
};

function mean(call: Call, list: number[]): number {
  if (list.length === 0) fail('#DIV/0!', MESSAGES.divideByZero(call.name));
  return list.reduce((a, b) => a + b, 0) / list.length;
}

export const CRITERIA_FUNCTIONS: Record<string, FormulaFunction> = {
  COUNTIF,
  COUNTIFS,
  SUMIF,
  SUMIFS: ifs(false),
  AVERAGEIF,
  AVERAGEIFS: ifs(true),
};
