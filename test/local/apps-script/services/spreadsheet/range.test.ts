import { describe, expect, it } from 'vitest';
import { SPREADSHEET_ERRORS } from '../../../../../local/apps-script/services/spreadsheet';
import { setup } from './test-platform';

describe('Range', () => {
  it('rejects data of the wrong shape with Google\'s dimension messages', () => {
    const { sheet } = setup();
    const range = sheet.getRange(1, 1, 3, 2);
    expect(() => range.setValues([[1, 2], [3, 4]])).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 2 but the range has 3.',
    );
    expect(() => range.setValues([[1, 2], [3, 4], [5]])).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.',
    );
    expect(() => range.setValues('x' as never)).toThrow("The parameters (String) don't match the method signature for SpreadsheetApp.Range.setValues.");
    expect(sheet.getLastRow()).toBe(0);
  });

  it('throws for ranges outside the grid instead of growing the sheet', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange(1001, 1)).toThrow('The coordinates of the range are outside the dimensions of the sheet.');
    expect(() => sheet.getRange(1, 27)).toThrow(SPREADSHEET_ERRORS.outsideGrid);
    expect(() => sheet.getRange(999, 1, 5, 1)).toThrow(SPREADSHEET_ERRORS.outsideGrid);
    expect(() => sheet.getRange(0, 1)).toThrow(SPREADSHEET_ERRORS.startRowTooSmall);
    expect(() => sheet.getRange(1, 1, 0, 1)).toThrow(SPREADSHEET_ERRORS.tooFewRows);
    expect(() => sheet.getRange('AA1')).toThrow(SPREADSHEET_ERRORS.outsideGrid);
    expect(sheet.getMaxRows()).toBe(1000);
  });

  it('setValue fills every cell; getValue reads the top-left one', () => {
    const { sheet } = setup();
    sheet.getRange('B2:C3').setValue('x');
    expect(sheet.getRange('B2:C3').getValues()).toEqual([['x', 'x'], ['x', 'x']]);
    sheet.getRange('B2').setValue(7);
    expect(sheet.getRange('B2:C3').getValue()).toBe(7);
  });

  it('reports its position and A1 notation, and offsets within the grid', () => {
    const { sheet } = setup();
    const range = sheet.getRange('B2:D5');
    expect([range.getRow(), range.getColumn(), range.getNumRows(), range.getNumColumns(), range.getLastRow(), range.getLastColumn()]).toEqual([2, 2, 4, 3, 5, 4]);
    expect(range.getA1Notation()).toBe('B2:D5');
    expect(range.offset(1, 1).getA1Notation()).toBe('C3:E6');
    expect(range.offset(0, 0, 1, 1).getA1Notation()).toBe('B2');
    expect(() => range.offset(-2, 0)).toThrow(SPREADSHEET_ERRORS.startRowTooSmall);
    expect(range.getSheet().getName()).toBe('Sheet1');
  });

  it('sets and reads formulas and number formats', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B1').setFormulas([['=SUM(C:C)', '=A1*2']]);
    expect(sheet.getRange('A1:B1').getFormulas()).toEqual([['=SUM(C:C)', '=A1*2']]);
    expect(sheet.getRange('C1').getNumberFormat()).toBe('General');
    sheet.getRange('C1:C2').setNumberFormat('0.00%');
    expect(sheet.getRange('C1:C2').getNumberFormats()).toEqual([['0.00%'], ['0.00%']]);
    expect(() => sheet.getRange('A1:B1').setFormulas([['=1']])).toThrow(SPREADSHEET_ERRORS.columnsMismatch(1, 2));
  });

  it('clearContent keeps formats; clear removes both', () => {
    const { sheet } = setup();
    const cell = sheet.getRange('A1').setNumberFormat('0.00').setValue(3);
    cell.clearContent();
    expect([cell.getValue(), cell.getNumberFormat()]).toEqual(['', '0.00']);
    cell.setValue(3).clear();
    expect([cell.getValue(), cell.getNumberFormat()]).toEqual(['', 'General']);
  });

  it('records header styling', () => {
    const { sheet, workbook } = setup();
    sheet.getRange('A1:B1').setFontWeight('bold').setBackground('#eeeeee').setHorizontalAlignment('center').setWrap(true);
    expect(workbook.sheets[0].cellAt(1, 2)?.style).toEqual({ fontWeight: 'bold', background: '#eeeeee', horizontalAlignment: 'center', wrap: true });
  });

  it('sorts rows within the range by a column: numbers, then text, then booleans, blanks last', () => {
    const { sheet } = setup();
    sheet.getRange('A1:C6').setValues([
      ['b', 3, 'keep'], ['a', 'text', 'keep'], ['c', '', 'keep'], ['d', 1, 'keep'], ['e', true, 'keep'], ['f', 2, 'keep'],
    ]);
    sheet.getRange('A1:B6').sort({ column: 2, ascending: true });
    expect(sheet.getRange('A1:B6').getValues()).toEqual([['d', 1], ['f', 2], ['b', 3], ['a', 'text'], ['e', true], ['c', '']]);
    sheet.getRange('A1:B6').sort({ column: 2, ascending: false });
    expect(sheet.getRange('A1:A6').getValues().flat()).toEqual(['e', 'a', 'b', 'f', 'd', 'c']);
    expect(sheet.getRange('C1:C6').getValues().flat().every((v) => v === 'keep')).toBe(true);
    expect(() => sheet.getRange('A1:B6').sort(3)).toThrow(SPREADSHEET_ERRORS.sortColumnOutside);
  });

  it('does not implement members silently', () => {
    const { sheet } = setup();
    expect(() => (sheet.getRange('A1') as unknown as { merge(): void }).merge()).toThrow('not implemented in the local runtime: Range.merge');
  });

  it('writes 10,000 rows x 20 columns well under a second', () => {
    const { sheet, workbook } = setup();
    workbook.insertRows('Sheet1', 1001, 9_000);
    const rows = Array.from({ length: 10_000 }, (_, i) => Array.from({ length: 20 }, (_, j) => (j % 2 ? `caption ${i}` : i * j)));
    const started = performance.now();
    sheet.getRange(1, 1, 10_000, 20).setValues(rows);
    const values = sheet.getRange(1, 1, 10_000, 20).getValues();
    const elapsed = performance.now() - started;
    expect(values[9_999][19]).toBe('caption 9999');
    expect(sheet.getLastRow()).toBe(10_000);
    expect(elapsed).toBeLessThan(1_000);
  });
});
