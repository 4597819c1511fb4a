// The SpreadsheetApp adapter's view of the spreadsheet's cells: every tab's grid measured once per
// execution and kept equal to the real grids through the adapter's own changes; new tabs trimmed to the
// columns Sheetgram writes.
import { afterEach, describe, expect, it } from 'vitest';
import { SPARE_COLUMNS, sheetTabs } from '../../../src/gas/adapters/sheet-tabs';
import { gridBook } from '../../../src/gas/adapters/tab-grids';
import { setup } from '../../local/apps-script/services/spreadsheet/test-platform';

const globals = globalThis as { SpreadsheetApp?: unknown };

function adapter() {
  const { app, ss, workbook, platform, reopen } = setup();
  workbook.addSheet('Mine');
  workbook.insertRows('Mine', 1001, 500);
  const book = gridBook(ss);
  // The adapter names the global for newDataValidation and DataValidationCriteria, as in Apps Script.
  globals.SpreadsheetApp = app;
  return { tabs: sheetTabs(ss, book), book, workbook, platform, reopen };
}

afterEach(() => {
  delete globals.SpreadsheetApp;
});
const real = (workbook: ReturnType<typeof setup>['workbook']) => workbook.sheets.map((s) => ({ sheetId: s.id, name: s.name, rows: s.maxRows, columns: s.maxColumns }));

describe('sheetTabs and its GridBook', () => {
  it('measures every tab once, then follows its own tabs, rows and deletions without reading again', () => {
    const { tabs, book, workbook, platform } = adapter();
    expect(book.measured()).toBeNull();
    const listed = platform.counters.get('Spreadsheet', 'getSheets');
    expect(tabs.grids()).toEqual(real(workbook));
    const measured = platform.counters.get('Sheet', 'getMaxRows');
    expect(measured).toBe(2);

    const posts = tabs.createTab('Posts', 4);
    tabs.writeRows(posts, 1, [1, 2, 3, 4], Array.from({ length: 1_200 }, (_, i) => [i, 'a', 'b', 'c']));
    tabs.deleteRows(posts, 2, 100);
    const mine = tabs.findTab(null, 'Mine')!;
    tabs.writeRows(mine, 1, [30], [['my column 30']]);
    tabs.deleteTab(tabs.findTab(null, 'Sheet1')!);
    const reads = platform.counters.get('Sheet', 'getMaxRows');
    expect(tabs.grids()).toEqual(real(workbook));
    expect(book.measured()).toEqual(real(workbook));
    // No second measure: the reads since are the writes' own (a new tab's size, a grid grown before a write).
    expect(platform.counters.get('Sheet', 'getMaxRows')).toBe(reads);
    expect(platform.counters.get('Spreadsheet', 'getSheets')).toBe(listed + 1);
  });

  it('gives a new tab the columns asked for and a few spare for notes, and leaves a person\'s tabs as they are', () => {
    const { tabs, workbook } = adapter();
    tabs.createTab('Posts', 12);
    tabs.createTab('Wide', 40);
    tabs.createTab('Almost', 23);
    expect(workbook.sheets.map((s) => [s.name, s.maxRows, s.maxColumns])).toEqual([
      ['Sheet1', 1000, 26], ['Mine', 1500, 26], ['Posts', 1000, 12 + SPARE_COLUMNS], ['Wide', 1000, 26], ['Almost', 1000, 26],
    ]);
  });

  it('styles a header, sets widths one call per run and reads the locale once', () => {
    const { tabs, workbook, platform } = adapter();
    const posts = tabs.createTab('Posts', 5);
    tabs.writeRows(posts, 1, [1, 2, 3, 4, 5], [['a', 'b', 'c', 'd', 'e']]);
    tabs.styleHeader(posts, 5);
    const sheet = workbook.sheetNamed('Posts')!;
    expect(sheet.frozenRows).toBe(1);
    for (let c = 1; c <= 5; c++) expect(sheet.cellAt(1, c)?.style).toEqual({ fontWeight: 'bold', background: '#f3f3f3', wrap: false });
    expect(sheet.cellAt(1, 6)).toBeUndefined();

    const before = platform.counters.get('Sheet', 'setColumnWidths');
    tabs.setColumnWidths(posts, [{ column: 1, count: 2, width: 160 }, { column: 4, count: 1, width: 240 }]);
    expect(platform.counters.get('Sheet', 'setColumnWidths') - before).toBe(2);
    expect([1, 2, 3, 4].map((c) => sheet.columnWidths.get(c) ?? 100)).toEqual([160, 160, 100, 240]);

    expect([tabs.locale(), tabs.locale()]).toEqual(['en_US', 'en_US']);
    expect(platform.counters.get('Spreadsheet', 'getSpreadsheetLocale')).toBe(1);
  });

  it('sets a lenient dropdown on a column\'s data rows, reads it back, and carries it onto rows a later write grows', () => {
    const { tabs, workbook, reopen } = adapter();
    const posts = tabs.createTab('Posts', 4);
    const sheet = workbook.sheetNamed('Posts')!;
    expect(tabs.dropdownOf(posts, 3)).toBeNull();
    tabs.setDropdown(posts, 3, ['Reel', 'Story']);
    expect(tabs.dropdownOf(posts, 3)).toEqual(['Reel', 'Story']);
    expect(tabs.dropdownOf(posts, 2)).toBeNull();
    const rule = { criteria: 'VALUE_IN_LIST', values: [['Reel', 'Story'], true], allowInvalid: true, helpText: null };
    expect(sheet.cellAt(1, 3)?.validation).toBeUndefined();
    for (const row of [2, 500, 1000]) expect(sheet.cellAt(row, 3)?.validation).toEqual(rule);

    // Rows the grid grows by get the dropdown again; a value outside the list is kept (allow invalid).
    tabs.writeRows(posts, 1, [1, 2, 3, 4], Array.from({ length: 1_200 }, (_, i) => [i, 'a', i === 1_199 ? 'Carousel' : 'Reel', 'c']));
    expect(sheet.maxRows).toBe(1_200);
    for (const row of [1_001, 1_200]) expect(sheet.cellAt(row, 3)?.validation).toEqual(rule);
    expect(sheet.cellAt(1_200, 3)?.value).toBe('Carousel');
    expect(sheet.cellAt(1_200, 2)?.validation).toBeUndefined();

    // A later execution reads what the document holds; a rule a person removed reads as none.
    const next = reopen();
    globals.SpreadsheetApp = next;
    const later = sheetTabs(next.getActiveSpreadsheet());
    expect(later.dropdownOf(posts, 3)).toEqual(['Reel', 'Story']);
    next.getActiveSpreadsheet().getSheetByName('Posts')!.getRange('C2').clearDataValidations();
    expect(later.dropdownOf(posts, 3)).toBeNull();
    // Outside the grid there is no rule.
    expect(later.dropdownOf(posts, 40)).toBeNull();
  });

  it('keeps the person\'s own settings of a dropdown (reject input, help text) when its list grows', () => {
    const { tabs, workbook } = adapter();
    const posts = tabs.createTab('Posts', 3);
    tabs.setDropdown(posts, 2, ['Sponsored']);
    const sheet = workbook.sheetNamed('Posts')!;
    // The person makes it strict and explains it, in Data > Data validation.
    const app = globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    const strict = app.newDataValidation().requireValueInList(['Sponsored', 'Launch'], true).setAllowInvalid(false).setHelpText('Pick a campaign').build();
    app.getActiveSpreadsheet().getSheetByName('Posts')!.getRange(2, 2, sheet.maxRows - 1, 1).setDataValidation(strict);
    tabs.setDropdown(posts, 2, ['Sponsored', 'Launch', 'Giveaway']);
    expect(sheet.cellAt(2, 2)?.validation).toEqual({ criteria: 'VALUE_IN_LIST', values: [['Sponsored', 'Launch', 'Giveaway'], true], allowInvalid: false, helpText: 'Pick a campaign' });
  });

  it('grows a one-row tab to row 2 before it sets a dropdown, and reads only list rules', () => {
    const { tabs, workbook } = adapter();
    const posts = tabs.createTab('Posts', 2);
    tabs.deleteRows(posts, 2, 999);
    expect(tabs.dropdownOf(posts, 1)).toBeNull();
    tabs.setDropdown(posts, 1, ['a']);
    const sheet = workbook.sheetNamed('Posts')!;
    expect([sheet.maxRows, tabs.gridOf(posts).rows]).toEqual([2, 2]);
    expect(tabs.dropdownOf(posts, 1)).toEqual(['a']);
    // A checkbox is data validation too, but not a dropdown.
    workbook.sheetNamed('Posts')!.cellFor(2, 2).checkbox = { checked: true, unchecked: false };
    expect(tabs.dropdownOf(posts, 2)).toBeNull();
  });
});
