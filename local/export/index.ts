// Exports the local workbook: one CSV per tab (display values) and the whole workbook as .xlsx.
// Shared by `npm run simulate` and the playground.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Workbook } from '../apps-script/services/spreadsheet';
import { toCsv } from './csv';
import { csvFileNames } from './file-names';
import { readWorkbook, type DisplayFallback, type ExportGrid } from './grid';
import { buildXlsx, type XlsxNotes } from './xlsx';

export { toCsv, parseCsv, csvField } from './csv';
export { csvFileNames, excelSheetNames } from './file-names';
export { readGrid, readWorkbook, type DisplayFallback, type ExportCell, type ExportConditionalFormat, type ExportGrid } from './grid';
export { buildXlsx, EXCEL_CELL_CHARACTERS, type XlsxNotes } from './xlsx';

export interface ExportedTab {
  name: string;
  rows: number;
  columns: number;
  /** File name inside the output folder. */
  csv: string;
}

export interface ExportResult {
  tabs: ExportedTab[];
  /** File name of the .xlsx inside the output folder (absent when not asked for). */
  xlsx?: string;
  fallbacks: DisplayFallback[];
  xlsxNotes?: XlsxNotes;
}

export interface ExportOptions {
  /** .xlsx file name inside dir; null for none. Default workbook.xlsx. */
  xlsx?: string | null;
}

function describeTabs(grids: ExportGrid[], files: string[]): ExportedTab[] {
  return grids.map((g, i) => ({ name: g.name, rows: g.rows.length, columns: g.rows[0]?.length ?? 0, csv: files[i] }));
}

/** Each tab's CSV in memory (for a server that offers downloads), in tab order. */
export function csvFiles(workbook: Workbook): { tab: string; file: string; csv: string; fallbacks: DisplayFallback[] }[] {
  const { grids, fallbacks } = readWorkbook(workbook);
  const files = csvFileNames(grids.map((g) => g.name));
  return grids.map((grid, i) => ({ tab: grid.name, file: files[i], csv: toCsv(grid), fallbacks: fallbacks.filter((f) => f.sheet === grid.name) }));
}

/** The whole workbook as .xlsx bytes. */
export async function xlsxBuffer(workbook: Workbook): Promise<{ bytes: Buffer; notes: XlsxNotes; fallbacks: DisplayFallback[] }> {
  const { grids, fallbacks } = readWorkbook(workbook);
  const { workbook: book, notes } = buildXlsx(grids, workbook.timeZone);
  return { bytes: Buffer.from(await book.xlsx.writeBuffer()), notes, fallbacks };
}

export async function exportWorkbook(workbook: Workbook, dir: string, options: ExportOptions = {}): Promise<ExportResult> {
  mkdirSync(dir, { recursive: true });
  const { grids, fallbacks } = readWorkbook(workbook);
  const files = csvFileNames(grids.map((g) => g.name));
  grids.forEach((grid, i) => writeFileSync(join(dir, files[i]), toCsv(grid), 'utf8'));
  const result: ExportResult = { tabs: describeTabs(grids, files), fallbacks };
  const xlsxName = options.xlsx === undefined ? 'workbook.xlsx' : options.xlsx;
  if (xlsxName !== null) {
    const { workbook: book, notes } = buildXlsx(grids, workbook.timeZone);
    await book.xlsx.writeFile(join(dir, xlsxName));
    result.xlsx = xlsxName;
    result.xlsxNotes = notes;
  }
  return result;
}
