// SpreadsheetApp for the local Apps Script runtime: the persistent Workbook (the bound document,
// with a person-facing API for tests and the playground) and the per-execution SpreadsheetApp.
export { Workbook, MAX_WORKBOOK_CELLS, MAX_SHEET_NAME, type FormulaEvaluator, type FormulaLocation, type WorkbookClock, type WorkbookOptions } from './workbook';
export type { CustomFunction } from './formulas';
export type { ChartInfo, ChartPosition } from './chart-state';
export { createSpreadsheetApp } from './spreadsheet-app';
export { SPREADSHEET_ERRORS } from './messages';
export { MAX_CELL_CHARACTERS } from './value-parsing';
export { SUPPORTED_NUMBER_FORMATS } from './display';
export type { CellValue } from './cell';
export type { AlertRecord, ButtonName, ButtonSetName, MenuEntry, MenuRecord, ShownHtml, ToastRecord, UiRecord } from './ui-record';
