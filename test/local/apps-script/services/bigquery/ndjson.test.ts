// BigQuery's JSON load rules on their own: what each column type takes, how bad rows are worded and
// counted against maxBadRecords, and the REST wire forms of values (Java doubles for FLOAT and
// TIMESTAMP, trimmed NUMERIC).
import { describe, expect, it } from 'vitest';
import { readNdjson } from '../../../../../local/apps-script/services/bigquery/ndjson';
import type { Field } from '../../../../../local/apps-script/services/bigquery/types';
import { javaDouble, numericText, parseTimestamp, restCell } from '../../../../../local/apps-script/services/bigquery/values';

const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
const field = (name: string, type: Field['type'], mode: Field['mode'] = 'NULLABLE'): Field => ({ name, type, mode });

function one(type: Field['type'], value: unknown, mode: Field['mode'] = 'NULLABLE') {
  const result = readNdjson(bytes(JSON.stringify({ x: value })), { fields: [field('x', type, mode)], ignoreUnknownValues: false, maxBadRecords: 0, rowBytes: 1e8 });
  if (result.failure) return { error: result.rowErrors[0].message.replace(/^.*?position \d+: /, '') };
  return { value: result.rows[0][0] };
}

describe('JSON values by column type', () => {
  it('INT64 takes integers and strings of integers, not 1.5, "abc", true or out-of-range numbers', () => {
    expect(one('INTEGER', 42)).toEqual({ value: '42' });
    expect(one('INTEGER', '-7')).toEqual({ value: '-7' });
    // Written as a string, the 19 digits survive (a JSON number this big would not).
    expect(one('INTEGER', '9223372036854775807')).toEqual({ value: '9223372036854775807' });
    expect(one('INTEGER', 1.5)).toEqual({ error: "Could not convert value 'double_value: 1.5' to integer. Field: x; Value: 1.5" });
    expect(one('INTEGER', 'abc')).toEqual({ error: 'Could not convert value \'string_value: "abc"\' to integer. Field: x; Value: abc' });
    expect(one('INTEGER', true)).toEqual({ error: "Could not convert value 'bool_value: true' to integer. Field: x; Value: true" });
    expect(one('INTEGER', '9223372036854775808').error).toMatch(/to integer/);
  });

  it('FLOAT64 and NUMERIC take numbers and numeric strings; NUMERIC refuses 30 integer digits', () => {
    expect(one('FLOAT', 1.5)).toEqual({ value: '1.5' });
    expect(one('FLOAT', '2e3')).toEqual({ value: '2e3' });
    expect(one('FLOAT', 'NaN')).toEqual({ value: 'NaN' });
    expect(one('FLOAT', 'x').error).toMatch(/to double\. Field: x; Value: x/);
    expect(one('NUMERIC', '12.345')).toEqual({ value: '12.345' });
    expect(one('NUMERIC', '100000000000000000000000000000')).toEqual({ error: 'Invalid NUMERIC value: 100000000000000000000000000000 Field: x; Value: 100000000000000000000000000000' });
  });

  it('BOOL takes true/false and their strings; STRING takes strings and numbers as written, not booleans', () => {
    expect(one('BOOLEAN', false)).toEqual({ value: 'false' });
    expect(one('BOOLEAN', 'TRUE')).toEqual({ value: 'true' });
    expect(one('BOOLEAN', 'yes').error).toMatch(/to boolean/);
    expect(one('STRING', 'a')).toEqual({ value: 'a' });
    expect(one('STRING', 12.50)).toEqual({ value: '12.5' });
    expect(one('STRING', true).error).toMatch(/to string/);
  });

  it('DATE takes YYYY-[M]M-[D]D of a real day; TIMESTAMP its documented forms, in UTC', () => {
    expect(one('DATE', '2026-1-5')).toEqual({ value: '2026-01-05' });
    expect(one('DATE', '2026-02-30').error).toMatch(/^Couldn't convert value to date/);
    expect(one('TIMESTAMP', '2026-01-05T10:00:00Z')).toEqual({ value: '2026-01-05 10:00:00+00' });
    expect(one('TIMESTAMP', '2026-01-05 10:00')).toEqual({ value: '2026-01-05 10:00:00+00' });
    expect(one('TIMESTAMP', '2026-01-05 10:00:00.123456 UTC')).toEqual({ value: '2026-01-05 10:00:00.123456+00' });
    expect(one('TIMESTAMP', '2026-01-05T10:00:00+02:00')).toEqual({ value: '2026-01-05 08:00:00+00' });
    expect(one('TIMESTAMP', '2026/01/05 10:00:00')).toEqual({ value: '2026-01-05 10:00:00+00' });
    expect(one('TIMESTAMP', 1767607200)).toEqual({ value: '2026-01-05 10:00:00+00' });
    expect(one('TIMESTAMP', 'AA')).toEqual({
      error:
        "Couldn't convert value to timestamp: Could not parse 'AA' as a timestamp. Required format is YYYY-MM-DD HH:MM[:SS[.SSSSSS]] or YYYY/MM/DD HH:MM[:SS[.SSSSSS]] Field: x; Value: AA",
    });
    expect(one('TIMESTAMP', '2014-04-02T20:00:00.000-0400').error).toMatch(/as a timestamp/);
    expect(one('DATETIME', '2026-01-05T10:00:00')).toEqual({ value: '2026-01-05 10:00:00' });
  });

  it('NULL: fine for NULLABLE; REQUIRED refuses null and absence, each in its own words', () => {
    expect(one('STRING', null)).toEqual({ value: null });
    expect(one('STRING', null, 'REQUIRED')).toEqual({ error: 'Only optional fields can be set to NULL. Field: x; Value: NULL' });
    const missing = readNdjson(bytes('{}'), { fields: [field('x', 'STRING', 'REQUIRED')], ignoreUnknownValues: false, maxBadRecords: 0, rowBytes: 1e8 });
    expect(missing.rowErrors[0].message).toMatch(/Missing required field: x\.$/);
  });

  it('arrays and objects for scalar columns are refused', () => {
    expect(one('STRING', [1])).toEqual({ error: 'Array specified for non-repeated field: x.' });
    expect(one('STRING', { a: 1 }).error).toMatch(/non-record field: x/);
  });
});

describe('rows, errors and maxBadRecords', () => {
  const fields = [field('account_id', 'STRING', 'REQUIRED'), field('followers', 'INTEGER')];
  const file = ['{"account_id":"a","followers":1}', '{"account_id":"b","followers":"abc"}', '', '{"account_id":"c","extra":1}', '{"account_id":"d"'].join('\n');

  it('gives up at the first bad row past maxBadRecords, with BigQuery\'s three kinds of messages and byte positions', () => {
    const r = readNdjson(bytes(file), { fields, ignoreUnknownValues: false, maxBadRecords: 0, rowBytes: 1e8 });
    expect(r.failure!.errorResult.message).toBe(
      'Error while reading data, error message: JSON table encountered too many errors, giving up. Rows: 2; errors: 1. Please look into the errors[] collection for more details.',
    );
    expect(r.failure!.errors.map((e) => e.message)).toEqual([
      r.failure!.errorResult.message,
      'Error while reading data, error message: JSON processing encountered too many errors, giving up. Rows: 2; errors: 1; max bad: 0; error percent: 0',
      'Error while reading data, error message: JSON parsing error in row starting at position 33: Could not convert value \'string_value: "abc"\' to integer. Field: followers; Value: abc',
    ]);
  });

  it('skips bad rows within maxBadRecords and reports them; unknown fields pass with ignoreUnknownValues', () => {
    const r = readNdjson(bytes(file), { fields, ignoreUnknownValues: true, maxBadRecords: 5, rowBytes: 1e8 });
    expect(r.failure).toBeUndefined();
    expect(r.rows).toEqual([
      ['a', '1'],
      ['c', null],
    ]);
    expect(r.badRecords).toBe(2);
    expect(r.rowErrors[1].message).toMatch(/position 100: Parser terminated before end of string$/);
    const strict = readNdjson(bytes(file), { fields, ignoreUnknownValues: false, maxBadRecords: 5, rowBytes: 1e8 });
    expect(strict.rowErrors.map((e) => e.message.replace(/^.*position \d+: /, ''))).toContain('No such field: extra.');
  });
});

describe('REST values', () => {
  it('FLOAT and TIMESTAMP as Java writes doubles: TIMESTAMP is float seconds since the epoch', () => {
    expect(javaDouble(1764748800)).toBe('1.7647488E9');
    expect(javaDouble(1.5)).toBe('1.5');
    expect(javaDouble(3)).toBe('3.0');
    expect(javaDouble(1e21)).toBe('1.0E21');
    expect(javaDouble(0.0001)).toBe('1.0E-4');
    expect(restCell(String(parseTimestamp('2025-12-03T08:00:00Z')), 'TIMESTAMP', false)).toEqual({ v: '1.7647488E9' });
    expect(restCell(String(parseTimestamp('2026-01-05T10:00:00.5Z')), 'TIMESTAMP', false)).toEqual({ v: '1.7676072005E9' });
  });

  it('INT64, NUMERIC, BOOL, DATE, NULL and arrays', () => {
    expect(restCell('42', 'INTEGER', false)).toEqual({ v: '42' });
    expect(numericText('1.500000000')).toBe('1.5');
    expect(numericText('-2.000000000')).toBe('-2');
    expect(restCell(true, 'BOOLEAN', false)).toEqual({ v: 'true' });
    expect(restCell('2026-01-05', 'DATE', false)).toEqual({ v: '2026-01-05' });
    expect(restCell(null, 'STRING', false)).toEqual({ v: null });
    expect(restCell(['a', 'b'], 'STRING', true)).toEqual({ v: [{ v: 'a' }, { v: 'b' }] });
  });
});
