// A tab as a table (header and rows, values as getValues gives them), read once per execution: a
// configuration's tab for custom functions, the weekly digest and alerts, or a tab by its name (Post Growth).
import type { Cell, Table } from '../../core/functions/tables';
import type { ReportConfiguration } from '../../core/reports/types';

/** The tab's values as a table, or null for an empty tab. */
export function tableOf(sheet: GoogleAppsScript.Spreadsheet.Sheet): Table | null {
  const values = sheet.getDataRange().getValues() as Cell[][];
  return values.length ? { header: values[0].map(String), rows: values.slice(1) } : null;
}

export function reportTables(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): (config: ReportConfiguration) => Table | null {
  const tables = new Map<number, Table | null>();
  return (config) => {
    const sheet = (config.tab.sheetId !== null ? spreadsheet.getSheetById(config.tab.sheetId) : null) ?? spreadsheet.getSheetByName(config.tab.name);
    if (!sheet) return null;
    const id = sheet.getSheetId();
    if (!tables.has(id)) tables.set(id, tableOf(sheet));
    return tables.get(id) ?? null;
  };
}
