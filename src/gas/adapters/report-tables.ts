// A configuration's tab as a table (header and rows, values as getValues gives them), read once per
// execution: what custom functions and the weekly digest work from.
import type { Cell, Table } from '../../core/functions/tables';
import type { ReportConfiguration } from '../../core/reports/types';

export function reportTables(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): (config: ReportConfiguration) => Table | null {
  const tables = new Map<number, Table | null>();
  return (config) => {
    const sheet = (config.tab.sheetId !== null ? spreadsheet.getSheetById(config.tab.sheetId) : null) ?? spreadsheet.getSheetByName(config.tab.name);
    if (!sheet) return null;
    const id = sheet.getSheetId();
    if (!tables.has(id)) {
      const values = sheet.getDataRange().getValues() as Cell[][];
      tables.set(id, values.length ? { header: values[0].map(String), rows: values.slice(1) } : null);
    }
    return tables.get(id) ?? null;
  };
}
