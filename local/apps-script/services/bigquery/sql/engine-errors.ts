// DuckDB's errors in BigQuery's words: what a translated statement fails with (unknown columns,
// grouping, conversions, overflow) becomes the answer BigQuery gives for the same mistake, pointing
// at the GoogleSQL text. Anything unrecognised keeps DuckDB's first line, still as invalidQuery.
import { BigQueryError, BQ_ERRORS } from '../errors';
import { bigQueryNameOf } from '../names';
import { positionOf } from './lexer';

/** "[line:column]" of the first whole-word occurrence of name in the GoogleSQL, or [1:1]. */
function where(source: string, name: string): string {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`(^|[^A-Za-z0-9_])(${escaped})(?![A-Za-z0-9_])`, 'i').exec(source);
  return positionOf(source, match ? match.index + match[1].length : 0);
}

export function fromEngine(message: string, source: string): BigQueryError {
  const first = message.split('\n')[0];
  let m: RegExpExecArray | null;
  if ((m = /Referenced column "?([^"]+?)"? not found/.exec(first))) return BQ_ERRORS.unrecognizedName(m[1], where(source, m[1]));
  if ((m = /Table "([^"]+)" does not have a column named "([^"]+)"/.exec(first))) return BQ_ERRORS.invalidQuery(`Name ${m[2]} not found inside ${m[1]} at ${where(source, m[2])}`);
  if ((m = /Ambiguous reference to column name "([^"]+)"/.exec(first))) return BQ_ERRORS.invalidQuery(`Column name ${m[1]} is ambiguous at ${where(source, m[1])}`);
  if ((m = /column "?([^" ]+)"? must appear in the GROUP BY clause/.exec(first))) {
    return BQ_ERRORS.invalidQuery(`SELECT list expression references column ${m[1]} which is neither grouped nor aggregated at ${where(source, m[1])}`);
  }
  if ((m = /Table with name "?([^" ]+)"? does not exist/.exec(first))) return new BigQueryError(404, 'notFound', `Not found: Table ${bigQueryNameOf(m[1])}`);
  if ((m = /Could not convert string '(.*)' to (INT64|INT32|BIGINT)/.exec(first))) return BQ_ERRORS.invalidQuery(`Bad int64 value: ${m[1]}`);
  if ((m = /Could not convert string '(.*)' to (DOUBLE|FLOAT)/.exec(first))) return BQ_ERRORS.invalidQuery(`Bad double value: ${m[1]}`);
  if ((m = /Could not convert string '(.*)' to BOOL/.exec(first))) return BQ_ERRORS.invalidQuery(`Bad bool value: ${m[1]}`);
  if ((m = /(?:Could not convert string|date field value out of range): "?'?(.*?)'?"? to DATE|invalid date field format: "(.*)"/.exec(first))) {
    return BQ_ERRORS.invalidQuery(`Invalid date: '${m[1] ?? m[2]}'`);
  }
  if ((m = /Overflow in (?:addition|subtraction|multiplication) of INT(?:64|32|128) \((.*)\)/.exec(first))) return BQ_ERRORS.invalidQuery(`int64 overflow: ${m[1]}`);
  if ((m = /NOT NULL constraint failed: [^.]*\.?"?([^"\s]+)"?/.exec(first))) return BQ_ERRORS.invalidQuery(`Required field ${m[1]} cannot be null`);
  if ((m = /syntax error at or near "([^"]*)"/.exec(first))) return BQ_ERRORS.syntax(`Unexpected "${m[1]}"`, where(source, m[1]));
  if (/syntax error at end of input/.test(first)) return BQ_ERRORS.syntax('Unexpected end of statement', positionOf(source, source.length));
  return BQ_ERRORS.invalidQuery(first.replace(/^(Binder|Parser|Conversion|Invalid Input|Out of Range|Catalog|Constraint|Not implemented) Error: /, ''));
}
