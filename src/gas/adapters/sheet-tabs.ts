// SpreadsheetApp as the core's TabPort: few calls per operation, and the grid grown before a write
// (Sheets refuses ranges outside the sheet; only insert* and appendRow grow it). Every grid change is
// told to the execution's GridBook, so the spreadsheet's cell count is measured at most once.
import { HEADER_BACKGROUND } from '../../core/tabs/look';
import type { CellValue, TabPort, TabRef } from '../../core/tabs/tab-port';
import { gridBook, type GridBook } from './tab-grids';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Runs of adjacent columns: [first column, indexes into `columns`]. */
function runsOf(columns: number[]): { first: number; indexes: number[] }[] {
  const order = columns.map((c, i) => [c, i] as const).sort((a, b) => a[0] - b[0]);
  const runs: { first: number; indexes: number[] }[] = [];
  for (const [column, index] of order) {
    const last = runs[runs.length - 1];
    if (last && last.first + last.indexes.length === column) last.indexes.push(index);
    else runs.push({ first: column, indexes: [index] });
  }
  return runs;
}

/** Adjacent columns with the same format, as one range each. */
function formatRuns(formats: { column: number; format: string }[]): { column: number; width: number; format: string }[] {
  const sorted = [...formats].sort((a, b) => a.column - b.column);
  const runs: { column: number; width: number; format: string }[] = [];
  for (const f of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.format === f.format && last.column + last.width === f.column) last.width++;
    else runs.push({ column: f.column, width: 1, format: f.format });
  }
  return runs;
}

/** Empty columns a new report tab keeps beside the report's own, for the person's notes and formulas. */
export const SPARE_COLUMNS = 4;

export function sheetTabs(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, book: GridBook = gridBook(spreadsheet)): TabPort {
  const sheets = new Map<number, Sheet>();
  let locale: string | undefined;
  /** Column formats set in this execution, re-applied to rows the grid grows by (new rows start unformatted). */
  const formatsOf = new Map<number, { column: number; width: number; format: string }[]>();
  const applyFormats = (sheet: Sheet, fromRow: number, rows: number) => {
    for (const run of formatsOf.get(sheet.getSheetId()) ?? []) sheet.getRange(fromRow, run.column, rows, run.width).setNumberFormat(run.format);
  };
  /**
   * Dropdowns set in this execution, by tab and column, re-applied to rows the grid grows by (new rows
   * start without validation, as they start unformatted): rows appended later keep the dropdown.
   */
  const dropdownsOf = new Map<number, Map<number, GoogleAppsScript.Spreadsheet.DataValidation>>();
  const applyDropdowns = (sheet: Sheet, fromRow: number, rows: number) => {
    for (const [column, rule] of dropdownsOf.get(sheet.getSheetId()) ?? []) sheet.getRange(fromRow, column, rows, 1).setDataValidation(rule);
  };
  const sheetOf = (tab: TabRef): Sheet => {
    let sheet = sheets.get(tab.sheetId);
    if (!sheet) {
      sheet = spreadsheet.getSheetById(tab.sheetId) ?? undefined;
      if (!sheet) throw new Error(`The tab "${tab.name}" was deleted while Sheetgram was writing to it.`);
      sheets.set(tab.sheetId, sheet);
    }
    return sheet;
  };
  const refOf = (sheet: Sheet): TabRef => {
    const ref = { sheetId: sheet.getSheetId(), name: sheet.getName() };
    sheets.set(ref.sheetId, sheet);
    return ref;
  };
  const ensureGrid = (tab: TabRef, sheet: Sheet, lastRow: number, lastColumn: number) => {
    const rows = sheet.getMaxRows();
    if (lastRow > rows) {
      sheet.insertRowsAfter(rows, lastRow - rows);
      applyFormats(sheet, rows + 1, lastRow - rows);
      applyDropdowns(sheet, rows + 1, lastRow - rows);
    }
    const columns = sheet.getMaxColumns();
    if (lastColumn > columns) sheet.insertColumnsAfter(columns, lastColumn - columns);
    if (lastRow > rows || lastColumn > columns) book.set(tab.sheetId, tab.name, { rows: Math.max(rows, lastRow), columns: Math.max(columns, lastColumn) });
  };

  return {
    findTab(sheetId, name) {
      const byId = sheetId !== null ? spreadsheet.getSheetById(sheetId) : null;
      const sheet = byId ?? spreadsheet.getSheetByName(name);
      return sheet ? refOf(sheet) : null;
    },
    createTab(name, columns) {
      const sheet = spreadsheet.insertSheet(name);
      const ref = refOf(sheet);
      const rows = sheet.getMaxRows();
      const made = sheet.getMaxColumns();
      // Every column left empty holds a cell in each row this tab ever gets: keep the report's columns and
      // a few beside them for the person's own notes, not Sheets' 26.
      const keep = columns >= 1 ? columns + SPARE_COLUMNS : made;
      if (keep < made) sheet.deleteColumns(keep + 1, made - keep);
      book.set(ref.sheetId, ref.name, { rows, columns: Math.min(made, keep) });
      return ref;
    },
    hideTab(tab) {
      sheetOf(tab).hideSheet();
    },
    deleteTab(tab) {
      spreadsheet.deleteSheet(sheetOf(tab));
      sheets.delete(tab.sheetId);
      formatsOf.delete(tab.sheetId);
      dropdownsOf.delete(tab.sheetId);
      book.remove(tab.sheetId);
    },
    readHeader(tab) {
      const sheet = sheetOf(tab);
      const width = sheet.getLastColumn();
      if (width === 0) return [];
      const header = sheet.getRange(1, 1, 1, width).getValues()[0].map((v) => (v === null || v === undefined ? '' : String(v)));
      while (header.length && header[header.length - 1] === '') header.pop();
      return header;
    },
    lastRow: (tab) => sheetOf(tab).getLastRow(),
    readColumns(tab, columns, firstRow, lastRow) {
      if (!columns.length || lastRow < firstRow) return [];
      const lo = Math.min(...columns);
      const hi = Math.max(...columns);
      const sheet = sheetOf(tab);
      // One read of the bounding block; the gaps (a user's own columns) are dropped here.
      const values = sheet.getRange(firstRow, lo, lastRow - firstRow + 1, hi - lo + 1).getValues() as CellValue[][];
      return values.map((row) => columns.map((c) => row[c - lo]));
    },
    writeRows(tab, startRow, columns, rows) {
      if (!rows.length || !columns.length) return;
      const sheet = sheetOf(tab);
      ensureGrid(tab, sheet, startRow + rows.length - 1, Math.max(...columns));
      for (const run of runsOf(columns)) {
        const block = rows.map((row) => run.indexes.map((i) => row[i]));
        sheet.getRange(startRow, run.first, rows.length, run.indexes.length).setValues(block);
      }
    },
    deleteRows(tab, startRow, count) {
      if (count <= 0) return;
      sheetOf(tab).deleteRows(startRow, count);
      book.deletedRows(tab.sheetId, count);
    },
    setColumnFormats(tab, formats) {
      const sheet = sheetOf(tab);
      const runs = formatRuns(formats);
      formatsOf.set(tab.sheetId, runs);
      const height = sheet.getMaxRows() - 1;
      ensureGrid(tab, sheet, 2, Math.max(...formats.map((f) => f.column)));
      if (height >= 1) applyFormats(sheet, 2, height);
    },
    styleHeader(tab, columns) {
      const sheet = sheetOf(tab);
      sheet.setFrozenRows(1);
      sheet.getRange(1, 1, 1, columns).setFontWeight('bold').setBackground(HEADER_BACKGROUND).setWrap(false);
    },
    setColumnWidths(tab, runs) {
      const sheet = sheetOf(tab);
      for (const run of runs) sheet.setColumnWidths(run.column, run.count, run.width);
    },
    dropdownOf(tab, column) {
      const sheet = sheetOf(tab);
      // A cell outside the grid has no rule (and getRange would refuse it).
      if (sheet.getMaxRows() < 2 || column > sheet.getMaxColumns()) return null;
      const rule = sheet.getRange(2, column).getDataValidation();
      if (!rule || rule.getCriteriaType() !== SpreadsheetApp.DataValidationCriteria.VALUE_IN_LIST) return null;
      // VALUE_IN_LIST's criteria values are [the list, showDropdown].
      const [choices] = rule.getCriteriaValues() as [unknown[], boolean];
      return choices.map(String);
    },
    setDropdown(tab, column, choices) {
      const sheet = sheetOf(tab);
      ensureGrid(tab, sheet, 2, column);
      // The person's rule with the new list (they may have made it strict, or given help text); a new one
      // allows invalid: a value outside the list is kept and marked, so a person may type a new choice.
      const existing = sheet.getMaxRows() >= 2 ? sheet.getRange(2, column).getDataValidation() : null;
      const rule = existing && existing.getCriteriaType() === SpreadsheetApp.DataValidationCriteria.VALUE_IN_LIST
        ? existing.copy().requireValueInList(choices, true).build()
        : SpreadsheetApp.newDataValidation().requireValueInList(choices, true).setAllowInvalid(true).build();
      const columns = dropdownsOf.get(tab.sheetId) ?? new Map<number, GoogleAppsScript.Spreadsheet.DataValidation>();
      columns.set(column, rule);
      dropdownsOf.set(tab.sheetId, columns);
      sheet.getRange(2, column, sheet.getMaxRows() - 1, 1).setDataValidation(rule);
    },
    locale: () => (locale ??= spreadsheet.getSpreadsheetLocale()),
    gridOf(tab) {
      const sheet = sheetOf(tab);
      const grid = { rows: sheet.getMaxRows(), columns: sheet.getMaxColumns() };
      book.set(tab.sheetId, tab.name, grid);
      return grid;
    },
    grids: () => book.all(),
  };
}
