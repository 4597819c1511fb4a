// Typed handles on fast-formula-parser (a CommonJS package without types). We use its lexer, its
// grammar and its function library; evaluation rules (operators, references, the functions a
// dashboard uses) are ours, so they follow Google Sheets rather than Excel.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export interface LibToken {
  image: string;
  startOffset: number;
  tokenType: { name: string };
}

/** A reference as the grammar builds it (1-based; open bounds are filled in by applyRange). */
export interface LibRef {
  sheet?: string;
  row?: number;
  col?: number;
  from?: { row: number; col: number };
  to?: { row: number; col: number };
}

export interface LibError extends Error {
  /** The error code, e.g. "#N/A". */
  readonly error: string;
  details?: unknown;
}

export interface LibErrorClass {
  new (code: string, message?: string, details?: unknown): LibError;
  ERROR(message: string, details?: unknown): LibError;
}

export interface LibUtils {
  applyInfix(a: unknown, op: string, b: unknown): unknown;
  applyPrefix(prefixes: string[], value: unknown): unknown;
  applyPostfix(value: unknown, postfix: string): unknown;
  applyRange(refs: unknown[]): unknown;
  applyIntersect(refs: unknown[]): unknown;
  applyUnion(refs: unknown[]): unknown;
}

export interface LibParser {
  parse(text: string, position: { row: number; col: number; sheet: string }, allowReturnArray: boolean): unknown;
  callFunction(name: string, args: unknown[]): unknown;
  checkFormulaResult(result: unknown, allowReturnArray?: boolean): unknown;
  getVariable(name: string): unknown;
  utils: LibUtils;
  parser: { LA(n: number): LibToken };
  functions: Record<string, (...args: unknown[]) => unknown>;
  funsNullAs0: string[];
  position?: { row: number; col: number; sheet: string };
}

interface LibParserClass {
  new (config: object): LibParser;
  FormulaError: LibErrorClass;
  MAX_ROW: number;
  MAX_COLUMN: number;
  prototype: { _callFunction(this: LibParser, name: string, args: unknown[]): unknown };
}

const FormulaParser = require('fast-formula-parser') as LibParserClass;
const lexing = require('fast-formula-parser/grammar/lexing') as { lex(text: string): { tokens: LibToken[] } };

export const FormulaError = FormulaParser.FormulaError;
export const MAX_ROW = FormulaParser.MAX_ROW;
export const MAX_COLUMN = FormulaParser.MAX_COLUMN;

export function createLibParser(config: { onCell(ref: LibRef): unknown; onRange(ref: LibRef): unknown }): LibParser {
  return new FormulaParser(config);
}

/** The library's own function call (reference retrieval, its argument shapes, its functions). */
export function callLibraryFunction(parser: LibParser, name: string, args: unknown[]): unknown {
  return FormulaParser.prototype._callFunction.call(parser, name, args);
}

/** Throws the library's #ERROR! when the text does not lex. */
export function lex(text: string): LibToken[] {
  return lexing.lex(text).tokens;
}

export function isLibError(value: unknown): value is LibError {
  return value instanceof FormulaError;
}
