// The Workbook's person-facing API (a user in the Sheets UI) and the workbook-wide limits.
import { describe, expect, it } from 'vitest';
import { MAX_WORKBOOK_CELLS, SPREADSHEET_ERRORS, Workbook } from '../../../../../local/apps-script/services/spreadsheet';
import { setup } from './test-platform';

const TOO_BIG = 'This action would increase the number of cells in the workbook above the limit of 10000000 cells.';

describe('Workbook', () => {
  it('starts with one 1000 x 26 tab called Sheet1 and the given settings', () => {
    const workbook = new Workbook({ name: 'Insights', timeZone: 'Asia/Tokyo', locale: 'ja_JP' });
    expect(workbook.sheets.map((s) => [s.name, s.maxRows, s.maxColumns])).toEqual([['Sheet1', 1000, 26]]);
    expect([workbook.name, workbook.timeZone, workbook.locale, workbook.cellCount()]).toEqual(['Insights', 'Asia/Tokyo', 'ja_JP', 26_000]);
    expect(() => new Workbook({ timeZone: 'Nowhere/City' })).toThrow();
  });

  it('refuses to grow past 10,000,000 cells, by inserting sheets, rows or columns', () => {
    const { ss, sheet, workbook } = setup();
    workbook.insertRows('Sheet1', 1001, 383_000);
    expect(workbook.cellCount()).toBe(9_984_000);
    expect(() => ss.insertSheet('Posts')).toThrow(TOO_BIG);
    expect(() => sheet.insertRowsAfter(1, 616)).toThrow(TOO_BIG);
    sheet.insertRowsAfter(1, 615);
    expect(workbook.cellCount()).toBe(9_999_990);
    expect(() => sheet.insertColumnsAfter(1, 1)).toThrow(SPREADSHEET_ERRORS.workbookTooLarge);
    sheet.getRange(sheet.getMaxRows(), 1).setValue('last');
    expect(() => sheet.appendRow(['one more'])).toThrow(TOO_BIG);
    expect(workbook.cellCount()).toBeLessThanOrEqual(MAX_WORKBOOK_CELLS);
    expect(ss.getNumSheets()).toBe(1);
  });

  it('refuses an appendRow whole: not the row without its columns', () => {
    const { sheet, workbook } = setup();
    workbook.insertRows('Sheet1', 1001, 383_614);
    sheet.getRange(sheet.getMaxRows(), 1).setValue('last');
    expect(MAX_WORKBOOK_CELLS - workbook.cellCount()).toBe(36);
    // A new row (26 cells) would fit; a 27th column for all 384,615 rows would not.
    expect(() => sheet.appendRow(Array.from({ length: 27 }, (_, i) => i))).toThrow(TOO_BIG);
    expect([sheet.getMaxRows(), sheet.getMaxColumns(), workbook.cellCount()]).toEqual([384_614, 26, 9_999_964]);
    sheet.appendRow(['fits']);
    expect(sheet.getMaxRows()).toBe(384_615);
  });

  it('never grows a grid by writing outside it, as Sheets does not', () => {
    const { sheet, workbook } = setup();
    expect(() => sheet.getRange(1001, 1).setValue('x')).toThrow(SPREADSHEET_ERRORS.outsideGrid);
    expect(() => sheet.getRange(1, 27)).toThrow(SPREADSHEET_ERRORS.outsideGrid);
    expect(workbook.cellCount()).toBe(26_000);
  });

  it('lets a person type values, parsed like Sheets parses typing', () => {
    const { workbook, sheet } = setup();
    workbook.typeInto('Sheet1', 'A1', '00123');
    workbook.typeInto('Sheet1', 'B1', "'00123");
    workbook.typeInto('Sheet1', 'C1', '=A1*2');
    expect(sheet.getRange('A1:B1').getValues()).toEqual([[123, '00123']]);
    expect(sheet.getRange('C1').getFormula()).toBe('=A1*2');
    expect(() => workbook.typeInto('Nope', 'A1', 'x')).toThrow('no sheet named "Nope"');
  });

  it('shows a person the display values of a whole tab', () => {
    const { workbook, sheet } = setup();
    sheet.getRange('A1:C2').setValues([['date', 'likes', 'rate'], [new Date('2026-01-05T05:00:00Z'), 1234, 0.5]]);
    sheet.getRange('B2').setNumberFormat('#,##0');
    sheet.getRange('C2').setNumberFormat('0%');
    expect(workbook.displayValues('Sheet1')).toEqual([['date', 'likes', 'rate'], ['1/5/2026', '1,234', '50%']]);
  });

  it('lets a person sort a range, move, insert and delete columns, and see a script read the result', () => {
    const { workbook, sheet } = setup();
    sheet.getRange('A1:C4').setValues([['id', 'likes', 'caption'], ['p1', 5, 'a'], ['p2', 9, 'b'], ['p3', 1, 'c']]);
    workbook.sortRange('Sheet1', 'A2:C4', 2, false);
    expect(sheet.getRange('A2:A4').getValues().flat()).toEqual(['p2', 'p1', 'p3']);
    workbook.moveColumn('Sheet1', 3, 1);
    expect(sheet.getRange('A1:C1').getValues()).toEqual([['caption', 'id', 'likes']]);
    workbook.insertColumns('Sheet1', 2);
    workbook.typeInto('Sheet1', 'B1', 'my notes');
    expect(sheet.getRange('A1:D1').getValues()).toEqual([['caption', 'my notes', 'id', 'likes']]);
    workbook.deleteColumns('Sheet1', 2);
    expect(sheet.getRange('A1:C2').getValues()).toEqual([['caption', 'id', 'likes'], ['b', 'p2', 9]]);
  });

  it('lets a person rename, add and delete tabs; scripts see the change', () => {
    const { workbook, ss } = setup();
    workbook.renameSheet('Sheet1', 'Posts');
    workbook.addSheet('Notes');
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Posts', 'Notes']);
    workbook.deleteSheet('Posts');
    expect(ss.getSheetByName('Posts')).toBeNull();
    workbook.addSheet('Archive');
    expect(() => workbook.renameSheet('Notes', 'ARCHIVE')).toThrow(SPREADSHEET_ERRORS.duplicateSheetName('ARCHIVE'));
  });

  it('lets a person filter: sorting through the filter moves rows, hiding keeps them in place', () => {
    const { workbook, sheet } = setup();
    sheet.getRange('A1:B4').setValues([['id', 'type'], ['p1', 'REELS'], ['p2', 'IMAGE'], ['p3', 'CAROUSEL_ALBUM']]);
    workbook.filter('Sheet1', { column: 2, sortAscending: true, keep: (type) => type !== 'IMAGE' });
    expect(sheet.getRange('A2:A4').getValues().flat()).toEqual(['p3', 'p2', 'p1']);
    expect([2, 3, 4].map((r) => sheet.isRowHiddenByFilter(r))).toEqual([false, true, false]);
    workbook.clearFilter('Sheet1');
    expect(sheet.isRowHiddenByFilter(3)).toBe(false);
  });

  it('person actions are not counted as script calls', () => {
    const { workbook, platform } = setup();
    platform.counters.reset();
    workbook.typeInto('Sheet1', 'A1', 'x');
    workbook.displayValues('Sheet1');
    expect(platform.counters.snapshot()).toEqual({});
  });
});
