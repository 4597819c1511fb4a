// Aggregates, logic and TODAY()/NOW() with Google Sheets' edge cases: what ranges skip, what typed
// arguments coerce, how values compare. Lookups and criteria functions have their own files.
import { describe, expect, it } from 'vitest';
import { formulaBook } from './formula-book';

describe('aggregates', () => {
  it('SUM skips text and booleans in ranges but coerces typed arguments', () => {
    const b = formulaBook();
    b.put('A1', [[1], ['x'], [true], [2.5]]);
    expect(b.calc('=SUM(A1:A4)')).toBe(3.5);
    expect(b.calc('=SUM(1,"2",TRUE)')).toBe(4);
    expect(b.calc('=SUM("abc")')).toBe('#VALUE!');
    expect(b.message()).toBe("Function SUM parameter 1 expects number values. But 'abc' is a text and cannot be coerced to a number.");
    expect(b.calc('=SUM(A:A)')).toBe(3.5);
  });

  it('SUM, AVERAGE, MAX and MIN hand on the first error in a range', () => {
    const b = formulaBook();
    b.put('A1', [[1], ['=NA()'], [3]]);
    for (const fn of ['SUM', 'AVERAGE', 'MAX', 'MIN']) expect(b.calc(`=${fn}(A1:A3)`)).toBe('#N/A');
  });

  it('AVERAGE counts numbers only and is #DIV/0! without any', () => {
    const b = formulaBook();
    b.put('A1', [[2], [4], ['x'], ['']]);
    expect(b.calc('=AVERAGE(A1:A4)')).toBe(3);
    expect(b.calc('=AVERAGE(A3:A4)')).toBe('#DIV/0!');
    expect(b.message()).toBe('Evaluation of function AVERAGE caused a divide by zero error.');
  });

  it('MEDIAN takes the middle number (or the mean of the two), skips text, and is #NUM! without numbers', () => {
    const b = formulaBook();
    b.put('A1', [[5], [1], ['x'], [9], [''], [4]]);
    expect(b.calc('=MEDIAN(A1:A4)')).toBe(5);
    expect(b.calc('=MEDIAN(A1:A6)')).toBe(4.5);
    expect(b.calc('=MEDIAN(A1:A6,100)')).toBe(5);
    expect(b.calc('=MEDIAN(A3:A3)')).toBe('#NUM!');
    expect(b.message()).toBe('MEDIAN has no valid input data.');
    b.put('B1', [[1], ['=NA()']]);
    expect(b.calc('=MEDIAN(B1:B2)')).toBe('#N/A');
    // Over a FILTER with no match: its #N/A, which IFERROR turns into "".
    expect(b.calc('=IFERROR(MEDIAN(FILTER(A1:A6,A1:A6>100)),"")')).toBe('');
  });

  it('MAX and MIN ignore text, and give 0 for no numbers', () => {
    const b = formulaBook();
    b.put('A1', [[3], ["'9"], [7], [-2]]);
    expect(b.calc('=MAX(A1:A4)')).toBe(7);
    expect(b.calc('=MIN(A1:A4)')).toBe(-2);
    expect(b.calc('=MAX(B1:B5)')).toBe(0);
    expect(b.calc('=MAX(A1:A4, 10)')).toBe(10);
  });

  it('COUNT counts numbers (dates too); COUNTA everything but empty cells, "" from a formula included', () => {
    const b = formulaBook();
    b.put('A1', [[1], ['a'], [true], [''], ['=NA()'], ['=""'], ['2026-01-05']]);
    expect(b.calc('=COUNT(A1:A7)')).toBe(2);
    expect(b.calc('=COUNTA(A1:A7)')).toBe(6);
    expect(b.calc('=COUNTA(A:A)')).toBe(6);
    expect(b.calc('=COUNTBLANK(A1:A7)')).toBe(2);
  });

  it('LARGE picks the nth largest number and is #NUM! out of range', () => {
    const b = formulaBook();
    b.put('A1', [[5], [1], ['x'], [9], [7]]);
    expect(b.calc('=LARGE(A1:A5,1)')).toBe(9);
    expect(b.calc('=LARGE(A1:A5,3)')).toBe(5);
    expect(b.calc('=LARGE(A1:A5,0)')).toBe('#NUM!');
    expect(b.calc('=LARGE(A1:A5,5)')).toBe('#NUM!');
    expect(b.message()).toBe('Function LARGE parameter 2 value is 5. Valid values are between 1 and 4 inclusive.');
  });

  it('ROUND rounds half away from zero on the shown digits, also to tens', () => {
    const b = formulaBook();
    expect(b.calc('=ROUND(2.5)')).toBe(3);
    expect(b.calc('=ROUND(-2.5)')).toBe(-3);
    expect(b.calc('=ROUND(1.005,2)')).toBe(1.01);
    expect(b.calc('=ROUND(1234.5,-2)')).toBe(1200);
    expect(b.calc('=ROUND("x")')).toBe('#VALUE!');
    expect(b.calc('=ROUND()')).toBe('#N/A');
    expect(b.message()).toBe('Wrong number of arguments to ROUND. Expected between 1 and 2 arguments, but got 0 arguments.');
  });
});

describe('logic', () => {
  it('IF picks a branch, FALSE without an else, and refuses text as a condition', () => {
    const b = formulaBook();
    expect(b.calc('=IF(1>2,"a","b")')).toBe('b');
    expect(b.calc('=IF(FALSE,1)')).toBe(false);
    expect(b.calc('=IF(A1,"set","empty")')).toBe('empty');
    expect(b.calc('=IF("abc",1,2)')).toBe('#VALUE!');
    expect(b.calc('=IF(1)')).toBe('#N/A');
  });

  it('IFERROR replaces any error, "" when no fallback is given', () => {
    const b = formulaBook();
    expect(b.calc('=IFERROR(1/0,"none")')).toBe('none');
    expect(b.calc('=IFERROR(NA())')).toBe('');
    expect(b.calc('=IFERROR(5,0)')).toBe(5);
    expect(b.calc('=IFNA(1/0,"x")')).toBe('#DIV/0!');
  });

  it('AND and OR take booleans and numbers, skip text in ranges, refuse typed text', () => {
    const b = formulaBook();
    b.put('A1', [[false], ['text']]);
    expect(b.calc('=AND(TRUE,1)')).toBe(true);
    expect(b.calc('=AND(TRUE,0)')).toBe(false);
    expect(b.calc('=OR(A1:A2)')).toBe(false);
    expect(b.calc('=OR(A1:A2,2>1)')).toBe(true);
    expect(b.calc('=AND("x")')).toBe('#VALUE!');
    expect(b.calc('=AND(B1:B3)')).toBe('#VALUE!');
  });

  it('compares as Sheets does: empty equals "" and 0, text case-insensitively, numbers below text', () => {
    const b = formulaBook();
    b.put('A1', [['Image']]);
    expect(b.calc('=B1=""')).toBe(true);
    expect(b.calc('=B1=0')).toBe(true);
    expect(b.calc('=A1="IMAGE"')).toBe(true);
    expect(b.calc('=A1<>"image"')).toBe(false);
    expect(b.calc('=5<"a"')).toBe(true);
    expect(b.calc('=TRUE>"z"')).toBe(true);
    expect(b.calc('="a"&1/4&TRUE')).toBe('a0.25TRUE');
  });
});

describe('TODAY() and NOW() on the virtual clock', () => {
  it('reads the runtime clock in the spreadsheet time zone and moves with it', () => {
    const b = formulaBook({ timeZone: 'Asia/Tokyo' });
    // The clock reads 2026-01-05T14:00Z: 23:00 in Tokyo.
    expect((b.calc('=TODAY()') as Date).toISOString()).toBe('2026-01-04T15:00:00.000Z');
    expect((b.calc('=NOW()') as Date).toISOString()).toBe('2026-01-05T14:00:00.000Z');
    b.platform.clock.advance(2 * 3_600_000);
    expect((b.calc('=TODAY()') as Date).toISOString()).toBe('2026-01-05T15:00:00.000Z');
  });

  it('is a serial number in arithmetic, and a Date again in a date-formatted cell', () => {
    const b = formulaBook();
    const today = 46027; // 2026-01-05
    expect(b.calc('=TODAY()-30')).toBe(today - 30);
    b.sheet.getRange('Y1').setNumberFormat('yyyy-mm-dd');
    b.sheet.getRange('Y1').setFormula('=TODAY()-30');
    expect(b.sheet.getRange('Y1').getDisplayValue()).toBe('2025-12-06');
    expect(b.sheet.getRange('Y1').getValue()).toBeInstanceOf(Date);
    expect(b.sheet.getRange('Z1').getDisplayValue()).toBe(String(today - 30));
  });

  it('counts days between a date cell and TODAY()', () => {
    const b = formulaBook();
    b.put('A1', [['2025-12-26']]);
    expect(b.calc('=TODAY()-A1')).toBe(10);
    expect(b.calc('=DAY(A1)')).toBe(26);
  });
});
