// Operators as Sheets evaluates them (ADD, MINUS, ..., EQ, CONCAT are their names in error texts):
// empty cells are 0 / "" / FALSE, text compares case-insensitively, 1/0 is #DIV/0!. Arrays are
// combined element by element; the caller decides when operands are arrays at all.
import { compareScalars, fail, filledGrid, isError, MESSAGES, textOf, toNumber, type Coercion, type Grid, type Scalar } from './formula-values';
import { guard } from './formula-call';

const NAMES: Record<string, string> = {
  '+': 'ADD', '-': 'MINUS', '*': 'MULTIPLY', '/': 'DIVIDE', '^': 'POW', '&': 'CONCAT',
  '=': 'EQ', '<>': 'NE', '>': 'GT', '>=': 'GTE', '<': 'LT', '<=': 'LTE',
};

function finite(n: number): number {
  if (!Number.isFinite(n)) fail('#NUM!', 'The result is not a finite number.');
  return n;
}

export function binary(op: string, a: Scalar, b: Scalar, c: Coercion): Scalar {
  if (isError(a)) return a;
  if (isError(b)) return b;
  const name = NAMES[op];
  switch (op) {
    case '&':
      return textOf(a) + textOf(b);
    case '=': case '<>': case '>': case '>=': case '<': case '<=': {
      const cmp = compareScalars(a, b);
      return op === '=' ? cmp === 0 : op === '<>' ? cmp !== 0 : op === '>' ? cmp > 0 : op === '>=' ? cmp >= 0 : op === '<' ? cmp < 0 : cmp <= 0;
    }
  }
  const x = toNumber(a, c, name, 1);
  const y = toNumber(b, c, name, 2);
  switch (op) {
    case '+': return x + y;
    case '-': return x - y;
    case '*': return x * y;
    case '/':
      if (y === 0) fail('#DIV/0!', 'Function DIVIDE parameter 2 cannot be zero.');
      return finite(x / y);
    case '^':
      return finite(x ** y);
  }
  throw new Error(`unknown operator ${op}`);
}

export function unary(prefixes: string[], v: Scalar, c: Coercion): Scalar {
  if (isError(v)) return v;
  const negative = prefixes.filter((p) => p === '-').length % 2 === 1;
  if (!negative) return v === null ? 0 : v;
  return -toNumber(v, c, 'UMINUS', 1);
}

export function percent(v: Scalar, c: Coercion): Scalar {
  if (isError(v)) return v;
  return toNumber(v, c, 'UNARY_PERCENT', 1) / 100;
}

/** Element by element; a single row or column stretches, other size mismatches are #VALUE!. */
export function combine(a: Scalar | Grid, b: Scalar | Grid, op: string, fn: (x: Scalar, y: Scalar) => Scalar): Scalar | Grid {
  const run = (x: Scalar, y: Scalar): Scalar => {
    try {
      return fn(x, y);
    } catch (e) {
      if (isError(e)) return e;
      throw e;
    }
  };
  if (!Array.isArray(a) && !Array.isArray(b)) return run(a, b);
  const ga: Grid = Array.isArray(a) ? a : [[a]];
  const gb: Grid = Array.isArray(b) ? b : [[b]];
  const rows = size(ga.length, gb.length);
  const columns = size(ga[0]?.length ?? 0, gb[0]?.length ?? 0);
  if (rows === undefined || columns === undefined) return guard(() => fail('#VALUE!', MESSAGES.arraySize(NAMES[op] ?? op)));
  const out: Grid = filledGrid<Scalar>(rows, columns, null);
  for (let r = 0; r < rows; r++) {
    const ra = ga[ga.length === 1 ? 0 : r];
    const rb = gb[gb.length === 1 ? 0 : r];
    for (let col = 0; col < columns; col++) out[r][col] = run(ra[ra.length === 1 ? 0 : col], rb[rb.length === 1 ? 0 : col]);
  }
  return out;
}

function size(x: number, y: number): number | undefined {
  if (x === y || y === 1) return x;
  if (x === 1) return y;
  return undefined;
}

export function mapGrid(v: Scalar | Grid, fn: (x: Scalar) => Scalar): Scalar | Grid {
  if (!Array.isArray(v)) return guard(() => fn(v));
  return v.map((row) => row.map((x) => guard(() => fn(x))));
}
