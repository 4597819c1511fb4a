// Tabs as runs leave them, for the BigQuery tests: the headers a configuration writes (from the
// registry), rows given by header, run dates as the Date cells Sheets gives back in the spreadsheet's
// time zone, and configurations that load into BigQuery.
import { dateCell, parseIsoDate } from '../../../src/core/reports/dates';
import { defaultFields, fieldsToWrite, getReport } from '../../../src/core/reports/registry';
import type { ReportConfiguration, ReportId, WriteMode } from '../../../src/core/reports/types';
import type { BigQueryTarget } from '../../../src/contract/sidebar';
import type { CellValue } from '../../../src/core/tabs/tab-port';

export const TZ = 'Europe/Berlin';
export const SUNNY = { id: '17841400000000001', username: 'sunny' };
export const BAKERY = { id: '17841400000000002', username: 'bakery' };
export const TARGET: BigQueryTarget = { projectId: 'acme-marketing', datasetId: 'sheetgram', location: 'US' };

/** Headers of a configuration's tab, in the order a run writes them. */
export function headersOf(reportId: ReportId, mode: WriteMode, fields?: string[]): string[] {
  const report = getReport(reportId);
  return fieldsToWrite(report, fields ?? defaultFields(report), mode, 'facebook').map((f) => f.header);
}

/** A tab's cells: the header row, then each row's cells by header ('' where a row has none). */
export function grid(headers: string[], rows: Record<string, CellValue>[]): CellValue[][] {
  return [headers, ...rows.map((r) => headers.map((h) => r[h] ?? ''))];
}

/** The cell Sheets holds for a date (midnight in the spreadsheet's time zone). */
export function dateOf(iso: string, timeZone = TZ): Date {
  return dateCell(parseIsoDate(iso)!, timeZone);
}

export function configOf(reportId: ReportId, account: { id: string; username: string }, extra: Partial<ReportConfiguration> = {}): ReportConfiguration {
  const report = getReport(reportId);
  return {
    id: `${reportId}-${account.username}`, accountId: account.id, accountUsername: account.username, loginFlow: 'facebook', reportId,
    fields: defaultFields(report), tab: { sheetId: null, name: report.title }, mode: report.defaultMode, schedule: { kind: 'daily', hour: 6 },
    settings: {}, destination: 'sheet_and_bigquery', bigquery: TARGET, ...extra,
  };
}
