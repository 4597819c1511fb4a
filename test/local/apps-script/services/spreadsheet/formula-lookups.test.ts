// MATCH, INDEX and VLOOKUP as Sheets evaluates them, through formulas in a fresh workbook.
import { describe, expect, it } from 'vitest';
import { formulaBook } from './formula-book';

describe('lookups', () => {
  it('INDEX reads a cell, a whole column with 0, and is #NUM! outside the range', () => {
    const b = formulaBook();
    b.put('A1', [[1, 2, 3], [4, 5, 6], [7, 8, 9]]);
    expect(b.calc('=INDEX(A1:C3,2,3)')).toBe(6);
    expect(b.calc('=INDEX(A1:A3,2)')).toBe(4);
    expect(b.calc('=INDEX(A1:C3,4,1)')).toBe('#NUM!');
    expect(b.message()).toBe('Function INDEX parameter 2 value is 4. Valid values are between 0 and 3 inclusive.');
    b.calc('=INDEX(A1:C3,0,2)', 'E1');
    expect(b.values('E1:E3')).toEqual([[2], [5], [8]]);
    expect(b.calc('=INDEX({10,20;30,40},2,1)')).toBe(30);
  });

  it('INDEX of a date cell gives a Date, as the cell it points at', () => {
    const b = formulaBook();
    b.put('A1', [['2026-01-03'], ['2026-01-04']]);
    expect((b.calc('=INDEX(A1:A2,2)') as Date).toISOString()).toBe('2026-01-04T05:00:00.000Z');
  });

  it('MATCH finds exact (case-insensitive, wildcards), sorted ascending and sorted descending', () => {
    const b = formulaBook();
    b.put('A1', [['apple'], ['Banana'], ['cherry']]);
    b.put('B1', [[10], [20], [30], [40]]);
    b.put('C1', [[40], [30], [20], [10]]);
    expect(b.calc('=MATCH("banana",A1:A3,0)')).toBe(2);
    expect(b.calc('=MATCH("ch*",A1:A3,0)')).toBe(3);
    expect(b.calc('=MATCH(25,B1:B4)')).toBe(2);
    expect(b.calc('=MATCH(25,B1:B4,1)')).toBe(2);
    expect(b.calc('=MATCH(5,B1:B4,1)')).toBe('#N/A');
    expect(b.calc('=MATCH(25,C1:C4,-1)')).toBe(2);
    expect(b.calc('=MATCH(45,C1:C4,-1)')).toBe('#N/A');
    expect(b.calc('=MATCH("kiwi",A1:A3,0)')).toBe('#N/A');
    expect(b.message()).toBe("Did not find value 'kiwi' in MATCH evaluation.");
    expect(b.calc('=MATCH(1,A1:B3,0)')).toBe('#N/A');
  });

  it('VLOOKUP finds exact and sorted matches and hands back the cell', () => {
    const b = formulaBook();
    b.put('A1', [['a', 1], ['b', 2], ['c', 3]]);
    expect(b.calc('=VLOOKUP("B",A1:B3,2,FALSE)')).toBe(2);
    expect(b.calc('=VLOOKUP("bb",A1:B3,2)')).toBe(2);
    expect(b.calc('=VLOOKUP("z",A1:B3,2,FALSE)')).toBe('#N/A');
    expect(b.calc('=VLOOKUP("a",A1:B3,3,FALSE)')).toBe('#REF!');
  });

  it('VLOOKUP looks up a column of keys inside ARRAYFORMULA, one value (or #N/A) per key', () => {
    const b = formulaBook();
    b.put('A1', [['2026-01-03', 100], ['2026-01-05', 120], ['2026-01-04', 110]]);
    b.put('D1', [['2026-01-03'], ['2026-01-04'], ['2026-01-06']]);
    b.calc('=ARRAYFORMULA(VLOOKUP(D1:D3,A1:B3,2,FALSE))', 'F1');
    expect(b.values('F1:F3')).toEqual([[100], [110], ['#N/A']]);
    // The usual chart-data idiom: blanks where a key is missing, keys from a FILTER.
    b.calc('=ARRAYFORMULA(IFERROR(VLOOKUP(FILTER(D1:D3,D1:D3<>""),A1:B3,2,FALSE)))', 'G1');
    expect(b.values('G1:G3')).toEqual([[100], [110], ['']]);
    // Outside ARRAYFORMULA a range key is the cell on the formula's row, as before.
    expect(b.calc('=VLOOKUP(D1:D3,A1:B3,2,FALSE)', 'H2')).toBe(110);
  });
});
