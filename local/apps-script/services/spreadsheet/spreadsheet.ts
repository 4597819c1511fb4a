// The Spreadsheet facade for the bound document: tabs, the active sheet, A1 ranges across tabs,
// time zone and locale, and toasts.
import { guarded } from '../../platform';
import { enter, typeNameOf, type Access, type FacadeContext } from './access';
import { SPREADSHEET_ERRORS } from './messages';
import { createRange } from './range';
import type { SheetState } from './sheet-state';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export function createSpreadsheet(ctx: FacadeContext): Spreadsheet {
  const { workbook, platform } = ctx;
  const begin = (method: string, access: Access) => enter(ctx, 'Spreadsheet', method, access);
  const stateOf = (method: string, sheet: unknown): SheetState => {
    const state = sheet && typeof sheet === 'object' ? ctx.stateOfSheet.get(sheet) : undefined;
    if (!state) throw new Error(SPREADSHEET_ERRORS.methodSignature(`SpreadsheetApp.Spreadsheet.${method}`, typeNameOf(sheet)));
    return state;
  };

  const spreadsheet = {
    getId: () => (begin('getId', 'read'), workbook.id),
    getName: () => (begin('getName', 'read'), workbook.name),
    rename(name: string) {
      begin('rename', 'write');
      workbook.name = String(name);
    },
    getUrl: () => (begin('getUrl', 'read'), `https://docs.google.com/spreadsheets/d/${workbook.id}/edit`),
    getSheets: () => (begin('getSheets', 'read'), workbook.sheets.map((s) => ctx.sheetFacade(s))),
    getNumSheets: () => (begin('getNumSheets', 'read'), workbook.sheets.length),
    getSheetByName(name: string) {
      begin('getSheetByName', 'read');
      const state = workbook.sheetNamed(String(name));
      return state ? ctx.sheetFacade(state) : null;
    },
    getSheetById(id: number) {
      begin('getSheetById', 'read');
      const state = workbook.sheetWithId(Number(id));
      return state ? ctx.sheetFacade(state) : null;
    },
    /** insertSheet(), insertSheet(index), insertSheet(name) or insertSheet(name, index); index is 0-based. */
    insertSheet(a?: unknown, b?: unknown) {
      begin('insertSheet', 'write');
      const name = typeof a === 'string' ? a : undefined;
      const index = typeof a === 'number' ? a : typeof b === 'number' ? b : undefined;
      if (a !== undefined && name === undefined && index === undefined) {
        throw new Error(SPREADSHEET_ERRORS.methodSignature('SpreadsheetApp.Spreadsheet.insertSheet', typeNameOf(a)));
      }
      return ctx.sheetFacade(workbook.createSheet(name, index));
    },
    deleteSheet(sheet: unknown) {
      begin('deleteSheet', 'write');
      workbook.removeSheet(stateOf('deleteSheet', sheet));
    },
    getActiveSheet: () => (begin('getActiveSheet', 'read'), ctx.sheetFacade(workbook.activeSheet)),
    setActiveSheet(sheet: unknown) {
      begin('setActiveSheet', 'read');
      const state = stateOf('setActiveSheet', sheet);
      workbook.activate(state);
      return ctx.sheetFacade(state);
    },
    getSpreadsheetTimeZone: () => (begin('getSpreadsheetTimeZone', 'read'), workbook.timeZone),
    setSpreadsheetTimeZone(timeZone: string) {
      begin('setSpreadsheetTimeZone', 'write');
      workbook.setTimeZone(String(timeZone));
    },
    getSpreadsheetLocale: () => (begin('getSpreadsheetLocale', 'read'), workbook.locale),
    /** "Tab!A1:B2", or "A1:B2" on the active sheet. */
    getRange(a1: string) {
      begin('getRange', 'read');
      const { sheet, rect } = workbook.rectOf(String(a1));
      return createRange(ctx, sheet, rect);
    },
    // Unverified: whether a custom function may toast; the strict choice treats it as a change.
    toast(message: unknown, title?: unknown, timeoutSeconds?: number) {
      const execution = begin('toast', 'write');
      workbook.ui.toasts.push({
        userId: execution.user.id, message: String(message), title: title === undefined ? undefined : String(title), timeoutSeconds, at: platform.clock.now(),
      });
    },
  };
  return guarded('Spreadsheet', spreadsheet) as unknown as Spreadsheet;
}
