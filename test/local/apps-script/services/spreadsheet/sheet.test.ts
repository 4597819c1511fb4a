import { describe, expect, it } from 'vitest';
import { SPREADSHEET_ERRORS } from '../../../../../local/apps-script/services/spreadsheet';
import { setup } from './test-platform';

describe('Sheet', () => {
  it('starts 1000 x 26 and reports the last row and column with content', () => {
    const { sheet } = setup();
    expect([sheet.getMaxRows(), sheet.getMaxColumns(), sheet.getLastRow(), sheet.getLastColumn()]).toEqual([1000, 26, 0, 0]);
    sheet.getRange('C7').setValue('x');
    sheet.getRange('E2').setNumberFormat('0.00'); // formatting alone is not content
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([7, 3]);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1:C7');
  });

  it('renames, refusing a name another tab has (in any case)', () => {
    const { ss, sheet } = setup();
    ss.insertSheet('Posts');
    sheet.setName('Profile');
    expect(ss.getSheetByName('Profile')?.getSheetId()).toBe(sheet.getSheetId());
    expect(() => sheet.setName('posts')).toThrow('A sheet with the name "posts" already exists. Please enter another name.');
  });

  it('refuses a name Sheets does not take, and keeps the old one', () => {
    const { sheet } = setup();
    for (const bad of ['', 'x'.repeat(101), 'two\nlines']) expect(() => sheet.setName(bad)).toThrow(SPREADSHEET_ERRORS.invalidSheetName('name'));
    expect(sheet.getName()).toBe('Sheet1');
    expect(sheet.setName('Q1/Q2 [draft]').getName()).toBe('Q1/Q2 [draft]');
  });

  it('inserts and deletes rows, shifting content', () => {
    const { sheet } = setup();
    sheet.getRange('A1:A3').setValues([['a'], ['b'], ['c']]);
    sheet.insertRowsAfter(1, 2);
    expect(sheet.getMaxRows()).toBe(1002);
    expect(sheet.getRange('A1:A5').getValues().flat()).toEqual(['a', '', '', 'b', 'c']);
    sheet.insertRowsBefore(1, 1);
    sheet.insertRows(1);
    expect(sheet.getRange('A3').getValue()).toBe('a');
    sheet.deleteRows(1, 4);
    sheet.deleteRow(1);
    expect(sheet.getRange('A1:A2').getValues().flat()).toEqual(['b', 'c']);
    expect(sheet.getMaxRows()).toBe(999);
    expect(() => sheet.deleteRows(990, 20)).toThrow(SPREADSHEET_ERRORS.rowsOutOfBounds);
    expect(() => sheet.deleteRows(1, 999)).toThrow('Sorry, it is not possible to delete all non-frozen rows.');
  });

  it('inserts and deletes columns, shifting content', () => {
    const { sheet } = setup();
    sheet.getRange('A1:C1').setValues([['id', 'date', 'likes']]);
    sheet.insertColumnsAfter(1, 1);
    sheet.insertColumnsBefore(1, 1);
    expect(sheet.getRange('A1:E1').getValues()).toEqual([['', 'id', '', 'date', 'likes']]);
    expect(sheet.getMaxColumns()).toBe(28);
    sheet.deleteColumns(1, 1);
    sheet.deleteColumn(2);
    expect(sheet.getRange('A1:C1').getValues()).toEqual([['id', 'date', 'likes']]);
    expect(sheet.getMaxColumns()).toBe(26);
  });

  it('appendRow writes after the last row with content and grows a full sheet', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setValue('header');
    sheet.appendRow(['00123', '=1+2']);
    expect(sheet.getRange('A2').getValue()).toBe(123);
    expect(sheet.getRange('B2').getFormula()).toBe('=1+2');
    sheet.getRange(1000, 1).setValue('last');
    sheet.appendRow(['grown', 'x', 'y']);
    expect([sheet.getMaxRows(), sheet.getLastRow(), sheet.getRange(1001, 1).getValue()]).toEqual([1001, 1001, 'grown']);
    sheet.appendRow(Array.from({ length: 30 }, (_, i) => i));
    expect(sheet.getMaxColumns()).toBe(30);
  });

  it('freezes rows, hides and shows, keeps column widths', () => {
    const { ss, sheet } = setup();
    sheet.setFrozenRows(1);
    expect(sheet.getFrozenRows()).toBe(1);
    expect(() => sheet.hideSheet()).toThrow(SPREADSHEET_ERRORS.hideLastSheet);
    const other = ss.insertSheet('Other');
    sheet.hideSheet();
    expect(sheet.isSheetHidden()).toBe(true);
    sheet.showSheet();
    expect(sheet.isSheetHidden()).toBe(false);
    other.setColumnWidth(2, 240);
    expect(other.getColumnWidth(2)).toBe(240);
    expect(other.getCharts()).toEqual([]);
  });

  it('clearContents keeps formats, clear removes everything', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setNumberFormat('0.00').setValue(1);
    sheet.clearContents();
    expect([sheet.getLastRow(), sheet.getRange('A1').getNumberFormat()]).toEqual([0, '0.00']);
    sheet.getRange('A1').setValue(1);
    sheet.clear();
    expect([sheet.getLastRow(), sheet.getRange('A1').getNumberFormat()]).toEqual([0, 'General']);
  });

  it('refuses use after its tab was deleted', () => {
    const { ss } = setup();
    const tab = ss.insertSheet('Temp');
    ss.deleteSheet(tab);
    expect(() => tab.getRange('A1')).toThrow(SPREADSHEET_ERRORS.sheetDeleted('Temp'));
  });
});

describe('Sheet ranges after structural changes', () => {
  it('keeps a Range at fixed coordinates, failing once rows beneath it were deleted', () => {
    const { sheet } = setup();
    const bottom = sheet.getRange(1000, 1);
    sheet.deleteRows(1, 10);
    expect(() => bottom.getValue()).toThrow(SPREADSHEET_ERRORS.outsideGrid);
    expect(sheet.getRange('Sheet1!A1').getA1Notation()).toBe('A1');
    expect(() => sheet.getRange('Other!A1')).toThrow(SPREADSHEET_ERRORS.badA1);
  });
});
