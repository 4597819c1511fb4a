// SpreadsheetApp for one execution: per-execution facades over the persistent Workbook. The
// Workbook is the document; these objects only live as long as the script run that made them.
import { guarded, type Platform } from '../../platform';
import { enter, hasUi, type FacadeContext } from './access';
import { SPREADSHEET_ERRORS } from './messages';
import { BOOLEAN_CRITERIA, createConditionalFormatRuleBuilder } from './conditional-format';
import { createDataValidationBuilder, DATA_VALIDATION_CRITERIA } from './data-validation';
import { createSheet } from './sheet';
import type { SheetState } from './sheet-state';
import { createSpreadsheet } from './spreadsheet';
import { createUi } from './ui';
import type { Workbook } from './workbook';

export function createSpreadsheetApp(platform: Platform, workbook: Workbook): GoogleAppsScript.Spreadsheet.SpreadsheetApp {
  const sheets = new Map<SheetState, GoogleAppsScript.Spreadsheet.Sheet>();
  let spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet | undefined;
  const ctx: FacadeContext = {
    platform,
    workbook,
    stateOfSheet: new WeakMap(),
    stateOfRange: new WeakMap(),
    sheetFacade(state) {
      let facade = sheets.get(state);
      if (!facade) sheets.set(state, (facade = createSheet(ctx, state)));
      return facade;
    },
    spreadsheetFacade: () => (spreadsheet ??= createSpreadsheet(ctx)),
  };

  const enumOf = (names: readonly string[]) => Object.freeze(Object.fromEntries(names.map((n) => [n, n])));
  const app = {
    WrapStrategy: enumOf(['WRAP', 'OVERFLOW', 'CLIP']),
    BooleanCriteria: enumOf(BOOLEAN_CRITERIA),
    DataValidationCriteria: enumOf(DATA_VALIDATION_CRITERIA),
    newDataValidation: () => (enter(ctx, 'SpreadsheetApp', 'newDataValidation', 'free'), createDataValidationBuilder(ctx)),
    newConditionalFormatRule: () => (enter(ctx, 'SpreadsheetApp', 'newConditionalFormatRule', 'free'), createConditionalFormatRuleBuilder(ctx)),
    getActiveSpreadsheet: () => (enter(ctx, 'SpreadsheetApp', 'getActiveSpreadsheet', 'read'), ctx.spreadsheetFacade()),
    getActive: () => (enter(ctx, 'SpreadsheetApp', 'getActive', 'read'), ctx.spreadsheetFacade()),
    getActiveSheet: () => (enter(ctx, 'SpreadsheetApp', 'getActiveSheet', 'read'), ctx.sheetFacade(workbook.activeSheet)),
    getUi() {
      const execution = enter(ctx, 'SpreadsheetApp', 'getUi', 'free');
      if (!hasUi(execution)) throw new Error(SPREADSHEET_ERRORS.getUiContext);
      return createUi(ctx);
    },
    /** Writes are applied immediately here, so flush only counts (benchmarks read how often it runs). */
    flush: () => void enter(ctx, 'SpreadsheetApp', 'flush', 'free'),
    openById(id: string) {
      const execution = enter(ctx, 'SpreadsheetApp', 'openById', 'read');
      if (execution.authMode === 'CUSTOM_FUNCTION') throw new Error(SPREADSHEET_ERRORS.permission('SpreadsheetApp', 'openById'));
      if (id !== workbook.id) throw new Error(SPREADSHEET_ERRORS.openById);
      return ctx.spreadsheetFacade();
    },
  };
  return guarded('SpreadsheetApp', app) as unknown as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
}
