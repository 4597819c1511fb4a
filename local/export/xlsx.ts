// The whole workbook as one .xlsx file, as File > Download > Microsoft Excel gives it: typed values
// (numbers, booleans, dates as wall-clock date-times in the spreadsheet's zone) with their number
// formats, text as text (never a formula), frozen header rows, hidden tabs hidden.
import ExcelJS from 'exceljs';
import { excelSheetNames } from './file-names';
import type { ExportCell, ExportGrid } from './grid';
import { wallClockDate } from './wall-time';

/** Excel's limit per cell; Sheets allows 50,000, so longer text is cut and counted. */
export const EXCEL_CELL_CHARACTERS = 32_767;
const GENERAL_DATE_TIME = 'm/d/yyyy h:mm:ss';

export interface XlsxNotes {
  /** Cells whose text was longer than Excel allows, per tab. */
  truncated: { sheet: string; cells: number }[];
  /** Worksheet name used for each tab (Excel allows 31 characters, no []:*?/\). */
  sheetNames: { tab: string; worksheet: string }[];
}

type XlsxValue = ExcelJS.CellValue;

function excelValue(cell: ExportCell, timeZone: string, cut: () => void): { value: XlsxValue; numFmt?: string } {
  const format = cell.format && cell.format.toLowerCase() !== 'general' ? cell.format : undefined;
  const result = cell.value instanceof Date ? wallClockDate(cell.value, timeZone) : cell.value;
  if (cell.formula !== undefined) {
    return { value: { formula: cell.formula.replace(/^=/, ''), result: result === '' ? undefined : result } as ExcelJS.CellFormulaValue, numFmt: format };
  }
  if (result instanceof Date) return { value: result, numFmt: format ?? GENERAL_DATE_TIME };
  if (typeof result === 'string') {
    if (result === '') return { value: null };
    if (result.length <= EXCEL_CELL_CHARACTERS) return { value: result, numFmt: format };
    cut();
    return { value: result.slice(0, EXCEL_CELL_CHARACTERS), numFmt: format };
  }
  return { value: result, numFmt: format };
}

export function buildXlsx(grids: readonly ExportGrid[], timeZone: string): { workbook: ExcelJS.Workbook; notes: XlsxNotes } {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Sheetgram local platform';
  const names = excelSheetNames(grids.map((g) => g.name));
  const notes: XlsxNotes = { truncated: [], sheetNames: [] };
  grids.forEach((grid, i) => {
    const sheet = workbook.addWorksheet(names[i], {
      state: grid.hidden ? 'hidden' : 'visible',
      views: grid.frozenRows > 0 ? [{ state: 'frozen', ySplit: grid.frozenRows }] : [],
    });
    notes.sheetNames.push({ tab: grid.name, worksheet: names[i] });
    let truncated = 0;
    grid.rows.forEach((row, r) => {
      row.forEach((cell, c) => {
        const { value, numFmt } = excelValue(cell, timeZone, () => truncated++);
        if (value === null) return;
        const target = sheet.getCell(r + 1, c + 1);
        target.value = value;
        if (numFmt) target.numFmt = numFmt;
      });
    });
    if (truncated) notes.truncated.push({ sheet: grid.name, cells: truncated });
  });
  return { workbook, notes };
}
