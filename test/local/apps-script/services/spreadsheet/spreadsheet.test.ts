import { describe, expect, it } from 'vitest';
import { SPREADSHEET_ERRORS } from '../../../../../local/apps-script/services/spreadsheet';
import { ALICE, setup } from './test-platform';

describe('Spreadsheet', () => {
  it('knows its id, name, url, locale and time zone', () => {
    const { ss } = setup();
    expect([ss.getId(), ss.getName(), ss.getUrl()]).toEqual(['doc-1', 'Insights', 'https://docs.google.com/spreadsheets/d/doc-1/edit']);
    expect([ss.getSpreadsheetLocale(), ss.getSpreadsheetTimeZone()]).toEqual(['en_US', 'America/New_York']);
    expect(() => ss.setSpreadsheetTimeZone('Mars/Olympus')).toThrow();
  });

  it('inserts sheets by name and index, refusing duplicate names with Google\'s message', () => {
    const { ss } = setup();
    ss.insertSheet('Posts');
    ss.insertSheet('Profile', 0);
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Profile', 'Sheet1', 'Posts']);
    expect(ss.getNumSheets()).toBe(3);
    expect(ss.getSheetByName('Posts')?.getIndex()).toBe(3);
    expect(() => ss.insertSheet('Posts')).toThrow('A sheet with the name "Posts" already exists. Please enter another name.');
    expect(ss.insertSheet().getName()).toBe('Sheet4');
    expect(ss.getSheetByName('Nope')).toBeNull();
  });

  it('refuses sheet names Sheets does not take (empty, over 100 characters, control characters) and takes the rest', () => {
    const { ss } = setup();
    for (const bad of ['', 'x'.repeat(101), 'Line\nbreak', 'Tab\there', 'Bell\u0007', 'Next\u0085line', 'Para\u2029graph']) {
      expect(() => ss.insertSheet(bad), JSON.stringify(bad)).toThrow(SPREADSHEET_ERRORS.invalidSheetName('sheetName'));
    }
    expect(SPREADSHEET_ERRORS.invalidSheetName('sheetName')).toBe('Invalid argument: sheetName');
    expect(ss.getNumSheets()).toBe(1);
    // Sheets takes what Excel refuses: slashes, colons, brackets, stars, question marks, quotes, emoji.
    for (const good of ['x'.repeat(100), 'Q1/Q2: [draft] *?', "User's Information", 'Reels 🎬 @sunny.creates', '\\ back']) {
      expect(ss.insertSheet(good).getName()).toBe(good);
    }
  });

  it('gives sheets stable ids that survive renames and are never reused', () => {
    const { ss, sheet, reopen } = setup();
    expect(sheet.getSheetId()).toBe(0);
    const posts = ss.insertSheet('Posts');
    const id = posts.getSheetId();
    posts.setName('Media');
    ss.deleteSheet(posts);
    const again = ss.insertSheet('Posts');
    expect(again.getSheetId()).not.toBe(id);
    expect(ss.getSheetById(id)).toBeNull();
    expect(reopen().getActiveSpreadsheet().getSheetById(again.getSheetId())?.getName()).toBe('Posts');
  });

  it('deletes sheets but never the last one', () => {
    const { ss, sheet } = setup();
    expect(() => ss.deleteSheet(sheet)).toThrow("You can't remove all the sheets in a document.");
    const other = ss.insertSheet('Other');
    ss.deleteSheet(sheet);
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Other']);
    expect(ss.getActiveSheet().getName()).toBe(other.getName());
  });

  it('tracks the active sheet; insertSheet activates the new one', () => {
    const { ss, sheet } = setup();
    const posts = ss.insertSheet('Posts');
    expect(ss.getActiveSheet().getName()).toBe('Posts');
    ss.setActiveSheet(sheet);
    expect(ss.getActiveSheet().getName()).toBe('Sheet1');
    posts.activate();
    expect(ss.getActiveSheet().getName()).toBe('Posts');
  });

  it('resolves "Tab!A1:B2" ranges, quoted names and the active sheet', () => {
    const { ss } = setup();
    ss.insertSheet('My Posts').getRange('B2').setValue('x');
    expect(ss.getRange("'My Posts'!B2").getValue()).toBe('x');
    expect(ss.getRange('My Posts!A1:B2').getValues()).toEqual([['', ''], ['', 'x']]);
    expect(ss.getRange('B2').getSheet().getName()).toBe('My Posts');
    expect(() => ss.getRange('Missing!A1')).toThrow(SPREADSHEET_ERRORS.badA1);
  });

  it('records toasts', () => {
    const { ss, workbook, platform } = setup();
    ss.toast('Refreshed 12 posts', 'Sheetgram', 5);
    expect(workbook.ui.toasts).toEqual([{ userId: ALICE.id, message: 'Refreshed 12 posts', title: 'Sheetgram', timeoutSeconds: 5, at: platform.clock.now() }]);
  });
});
