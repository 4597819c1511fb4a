// GoogleSQL's lexical rules: identifiers, `quoted identifiers` (paths may hold dots and hyphens),
// '...' and "..." strings with backslash escapes (r'' raw, ''' triple-quoted), numbers, @params,
// operators, and comments (--, #, /* */), which are dropped. Errors are BigQuery's syntax errors.
import { BQ_ERRORS } from '../errors';

export type Token =
  | { k: 'ident'; text: string; upper: string; pos: number }
  | { k: 'qident'; value: string; pos: number }
  | { k: 'string'; value: string; pos: number }
  | { k: 'number'; text: string; isInt: boolean; pos: number }
  | { k: 'param'; name: string; pos: number }
  | { k: 'op'; text: string; pos: number }
  | { k: 'eof'; pos: number };

/** "[line:column]" of an offset, 1-based, as BigQuery points at errors. */
export function positionOf(source: string, offset: number): string {
  let line = 1;
  let column = 1;
  for (let i = 0; i < offset && i < source.length; i++) {
    if (source[i] === '\n') {
      line++;
      column = 1;
    } else column++;
  }
  return `[${line}:${column}]`;
}

const OPERATORS = ['>>', '<<', '<=', '>=', '<>', '!=', '||', '=>', '(', ')', ',', '.', ';', '[', ']', '{', '}', '+', '-', '*', '/', '=', '<', '>', '&', '|', '^', '~', ':'];
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', a: '\x07', '\\': '\\', "'": "'", '"': '"', '`': '`', '?': '?' };

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const at = (offset: number) => positionOf(source, offset);
  while (i < source.length) {
    const c = source[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '#' || (c === '-' && source[i + 1] === '-')) {
      while (i < source.length && source[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      if (end < 0) throw BQ_ERRORS.syntax('Unclosed comment', at(i));
      i = end + 2;
      continue;
    }
    const start = i;
    // String and bytes literals, with r/b prefixes.
    const prefix = /^([rRbB]{1,2})(?=['"])/.exec(source.slice(i, i + 3));
    if (c === "'" || c === '"' || prefix) {
      const flags = prefix ? prefix[1].toLowerCase() : '';
      if (flags.includes('b')) throw BQ_ERRORS.notImplemented('BYTES literals', 'invalidQuery');
      i += flags.length;
      const { value, end } = readString(source, i, flags.includes('r'), at(start));
      tokens.push({ k: 'string', value, pos: start });
      i = end;
      continue;
    }
    if (c === '`') {
      let value = '';
      i++;
      for (;;) {
        if (i >= source.length) throw BQ_ERRORS.syntax('Unclosed identifier literal', at(start));
        if (source[i] === '\\') {
          value += ESCAPES[source[i + 1]] ?? source[i + 1];
          i += 2;
          continue;
        }
        if (source[i] === '`') break;
        value += source[i++];
      }
      i++;
      if (value === '') throw BQ_ERRORS.syntax('Invalid empty identifier', at(start));
      tokens.push({ k: 'qident', value, pos: start });
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(source[i + 1] ?? ''))) {
      const m = /^(0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/.exec(source.slice(i))!;
      const text = m[1];
      if (/^0x/i.test(text)) throw BQ_ERRORS.notImplemented('hexadecimal literals', 'invalidQuery');
      tokens.push({ k: 'number', text, isInt: /^\d+$/.test(text), pos: start });
      i += text.length;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i))!;
      tokens.push({ k: 'ident', text: m[0], upper: m[0].toUpperCase(), pos: start });
      i += m[0].length;
      continue;
    }
    if (c === '@') {
      if (source[i + 1] === '@') throw BQ_ERRORS.notImplemented('system variables (@@)', 'invalidQuery');
      const m = /^@([A-Za-z_][A-Za-z0-9_]*|`[^`]+`)/.exec(source.slice(i));
      if (!m) throw BQ_ERRORS.syntax('Unexpected "@"', at(start));
      tokens.push({ k: 'param', name: m[1].replace(/`/g, ''), pos: start });
      i += m[0].length;
      continue;
    }
    if (c === '?') throw BQ_ERRORS.notImplemented('positional query parameters (?); use @named parameters', 'invalidQuery');
    const op = OPERATORS.find((o) => source.startsWith(o, i));
    if (!op) throw BQ_ERRORS.syntax(`Illegal input character "${c}"`, at(start));
    tokens.push({ k: 'op', text: op, pos: start });
    i += op.length;
  }
  tokens.push({ k: 'eof', pos: source.length });
  return tokens;
}

function readString(source: string, i: number, raw: boolean, at: string): { value: string; end: number } {
  const quote = source[i];
  const triple = source.startsWith(quote.repeat(3), i);
  const close = triple ? quote.repeat(3) : quote;
  let j = i + close.length;
  let value = '';
  for (;;) {
    if (j >= source.length) throw BQ_ERRORS.syntax(triple ? 'Unclosed triple-quoted string literal' : 'Unclosed string literal', at);
    if (!triple && source[j] === '\n') throw BQ_ERRORS.syntax('Unclosed string literal', at);
    if (source.startsWith(close, j)) return { value, end: j + close.length };
    if (source[j] === '\\') {
      const next = source[j + 1];
      if (raw) {
        value += `\\${next}`;
        j += 2;
        continue;
      }
      if (next === 'u' || next === 'U' || next === 'x' || next === 'X') {
        const len = next === 'u' ? 4 : next === 'U' ? 8 : 2;
        const hex = source.slice(j + 2, j + 2 + len);
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) throw BQ_ERRORS.syntax('Illegal escape sequence', at);
        value += String.fromCodePoint(parseInt(hex, 16));
        j += 2 + len;
        continue;
      }
      if (/[0-7]/.test(next)) {
        const oct = source.slice(j + 1, j + 4);
        if (!/^[0-7]{3}$/.test(oct)) throw BQ_ERRORS.syntax('Illegal escape sequence', at);
        value += String.fromCharCode(parseInt(oct, 8));
        j += 4;
        continue;
      }
      if (!(next in ESCAPES)) throw BQ_ERRORS.syntax(`Illegal escape sequence: \\${next}`, at);
      value += ESCAPES[next];
      j += 2;
      continue;
    }
    value += source[j++];
  }
}
