// Auth modes, UI contexts, openById and call counting of the per-execution SpreadsheetApp.
import { describe, expect, it } from 'vitest';
import { GOOGLE_ERRORS } from '../../../../../local/apps-script/platform';
import { createSpreadsheetApp, SPREADSHEET_ERRORS } from '../../../../../local/apps-script/services/spreadsheet';
import { setup } from './test-platform';

describe('SpreadsheetApp', () => {
  it('keeps the document across executions; facades are per execution', () => {
    const { app, platform, workbook } = setup();
    app.getActiveSpreadsheet().getSheets()[0].getRange('A1').setValue('kept');
    platform.run();
    expect(createSpreadsheetApp(platform, workbook).getActive().getRange('A1').getValue()).toBe('kept');
  });

  it('is read-only in a custom function: every change throws the permission error', () => {
    const { platform, workbook, sheet } = setup();
    sheet.getRange('A1').setValue('existing');
    platform.run({ authMode: 'CUSTOM_FUNCTION' });
    const ss = createSpreadsheetApp(platform, workbook).getActiveSpreadsheet();
    const tab = ss.getSheets()[0];
    expect(tab.getRange('A1').getValue()).toBe('existing');
    const attempts: [string, () => unknown][] = [
      ['Range.setValue', () => tab.getRange('A1').setValue(1)],
      ['Range.setValues', () => tab.getRange('A1').setValues([[1]])],
      ['Range.setNumberFormat', () => tab.getRange('A1').setNumberFormat('@')],
      ['Range.clearContent', () => tab.getRange('A1').clearContent()],
      ['Sheet.appendRow', () => tab.appendRow([1])],
      ['Sheet.insertRowsAfter', () => tab.insertRowsAfter(1, 1)],
      ['Sheet.deleteRow', () => tab.deleteRow(1)],
      ['Sheet.clear', () => tab.clear()],
      ['Sheet.setName', () => tab.setName('x')],
      ['Spreadsheet.insertSheet', () => ss.insertSheet('x')],
      ['Spreadsheet.deleteSheet', () => ss.deleteSheet(tab)],
    ];
    for (const [member, attempt] of attempts) expect(attempt, member).toThrow(`You do not have permission to call ${member}.`);
    expect(GOOGLE_ERRORS.permission('Range.setValue')).toBe(SPREADSHEET_ERRORS.permission('Range', 'setValue'));
    expect(tab.getRange('A1').getValue()).toBe('existing');
    expect(ss.getNumSheets()).toBe(1);
  });

  it('refuses the document in NONE mode but still builds menus', () => {
    const { platform, workbook } = setup();
    platform.run({ authMode: 'NONE', kind: 'simple-trigger' });
    const app = createSpreadsheetApp(platform, workbook);
    expect(() => app.getActiveSpreadsheet()).toThrow('You do not have permission to call SpreadsheetApp.getActiveSpreadsheet.');
    app.getUi().createAddonMenu().addItem('Open sidebar', 'showSidebar').addToUi();
    expect(workbook.ui.menus('alice')).toHaveLength(1);
  });

  it('lets LIMITED read and write the document (onOpen of an enabled add-on)', () => {
    const { platform, workbook } = setup();
    platform.run({ authMode: 'LIMITED', kind: 'simple-trigger' });
    const ss = createSpreadsheetApp(platform, workbook).getActiveSpreadsheet();
    ss.getSheets()[0].getRange('A1').setValue('ok');
    expect(ss.getRange('A1').getValue()).toBe('ok');
  });

  it('throws from getUi() in custom functions and executions without a UI (time-driven triggers)', () => {
    const { platform, workbook } = setup();
    platform.run({ authMode: 'CUSTOM_FUNCTION' });
    expect(() => createSpreadsheetApp(platform, workbook).getUi()).toThrow('Cannot call SpreadsheetApp.getUi() from this context.');
    platform.run({ authMode: 'FULL', kind: 'script', hasUi: false });
    expect(() => createSpreadsheetApp(platform, workbook).getUi()).toThrow(SPREADSHEET_ERRORS.getUiContext);
    platform.run({ authMode: 'FULL' });
    expect(() => createSpreadsheetApp(platform, workbook).getUi()).not.toThrow();
  });

  it('opens only its own document by id, and nothing in a custom function', () => {
    const { platform, workbook, app } = setup();
    expect(app.openById('doc-1').getName()).toBe('Insights');
    expect(() => app.openById('other')).toThrow(SPREADSHEET_ERRORS.openById);
    platform.run({ authMode: 'CUSTOM_FUNCTION' });
    expect(() => createSpreadsheetApp(platform, workbook).openById('doc-1')).toThrow('You do not have permission to call SpreadsheetApp.openById.');
  });

  it('counts every call by class and method', () => {
    const { platform, sheet, app } = setup();
    platform.counters.reset();
    const range = sheet.getRange(1, 1, 2, 2);
    range.setValues([[1, 2], [3, 4]]);
    range.getValues();
    range.getValues();
    app.flush();
    expect(platform.counters.snapshot()).toEqual({ 'Range.getValues': 2, 'Range.setValues': 1, 'Sheet.getRange': 1, 'SpreadsheetApp.flush': 1 });
  });

  it('throws for members it does not implement', () => {
    const { app } = setup();
    expect(() => (app as unknown as { openByUrl(u: string): void }).openByUrl('x')).toThrow('not implemented in the local runtime: SpreadsheetApp.openByUrl');
  });
});
