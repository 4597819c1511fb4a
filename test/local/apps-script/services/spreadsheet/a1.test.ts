import { describe, expect, it } from 'vitest';
import { columnToLetters, lettersToColumn, parseA1, rectToA1, resolveA1 } from '../../../../../local/apps-script/services/spreadsheet/a1';

describe('A1 notation', () => {
  it('converts column numbers and letters both ways', () => {
    expect([1, 26, 27, 52, 702, 703, 18278].map(columnToLetters)).toEqual(['A', 'Z', 'AA', 'AZ', 'ZZ', 'AAA', 'ZZZ']);
    expect(['A', 'z', 'AA', 'ZZZ'].map(lettersToColumn)).toEqual([1, 26, 27, 18278]);
  });

  it('parses cells, rectangles, quoted tab names and open ranges', () => {
    expect(resolveA1(parseA1('B3')!, 1000, 26)).toEqual({ row: 3, column: 2, numRows: 1, numColumns: 1 });
    expect(parseA1("'My ''Tab'!$A$1:C2")).toMatchObject({ sheetName: "My 'Tab", startRow: 1, endRow: 2, startColumn: 1, endColumn: 3 });
    expect(resolveA1(parseA1('C2:A1')!, 1000, 26)).toEqual({ row: 1, column: 1, numRows: 2, numColumns: 3 });
    expect(resolveA1(parseA1('A:B')!, 1000, 26)).toEqual({ row: 1, column: 1, numRows: 1000, numColumns: 2 });
    expect(resolveA1(parseA1('2:3')!, 1000, 26)).toEqual({ row: 2, column: 1, numRows: 2, numColumns: 26 });
    expect(resolveA1(parseA1('A2:B')!, 1000, 26)).toEqual({ row: 2, column: 1, numRows: 999, numColumns: 2 });
  });

  it('rejects what is not A1 notation', () => {
    for (const bad of ['', 'A', '1', 'A0', 'A1:B2:C3', 'hello world', 'A1B']) expect(parseA1(bad), bad).toBeUndefined();
  });

  it('formats rectangles', () => {
    expect(rectToA1({ row: 1, column: 1, numRows: 1, numColumns: 1 })).toBe('A1');
    expect(rectToA1({ row: 2, column: 27, numRows: 3, numColumns: 2 })).toBe('AA2:AB4');
  });
});
