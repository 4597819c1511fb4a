// Every report Sheetgram offers, in sidebar order, and what is derived from them: the field list a
// configuration writes, its headers and key headers, and the reports table in docs/reports.md.
import type { LoginFlow } from '../accounts/types';
import { ACCOUNT_FIELD, ACCOUNT_ID_FIELD, RUN_DATE_FIELD } from './catalog/common-fields';
import { COMMENTS, STORIES } from './catalog/engagement';
import { COMPETITORS, HASHTAGS, TAGGED_MEDIA } from './catalog/facebook-only';
import {
  ACCOUNT_INSIGHTS, AUDIENCE_DEMOGRAPHICS, MEDIA_INSIGHTS, ONLINE_FOLLOWERS, RECENT_MEDIA, USER_INFORMATION,
} from './catalog/own-account';
import type { FieldDefinition, ReportDefinition, ReportId, WriteMode } from './types';

export const REPORTS: readonly ReportDefinition[] = [
  USER_INFORMATION, RECENT_MEDIA, MEDIA_INSIGHTS, ACCOUNT_INSIGHTS, AUDIENCE_DEMOGRAPHICS, STORIES, COMMENTS,
  ONLINE_FOLLOWERS, TAGGED_MEDIA, COMPETITORS, HASHTAGS,
];

export function getReportOrNull(id: string): ReportDefinition | null {
  return REPORTS.find((r) => r.id === id) ?? null;
}

export function getReport(id: string): ReportDefinition {
  const report = getReportOrNull(id);
  if (!report) throw new Error(`Unknown report: ${id}`);
  return report;
}

/** Columns every report writes first, whatever was chosen: whose row it is. */
export const ACCOUNT_FIELDS: readonly FieldDefinition[] = [ACCOUNT_FIELD, ACCOUNT_ID_FIELD];

/** The fields a configuration writes, in column order: run date (Append), the account, keys, then the chosen ones. */
export function fieldsToWrite(report: ReportDefinition, chosen: string[], mode: WriteMode, flow: LoginFlow): FieldDefinition[] {
  const wanted = new Set([...report.keyColumns, ...chosen]);
  const fields = report.fields.filter((f) => wanted.has(f.id) && (!f.flows || f.flows.includes(flow)));
  return [...(mode === 'append' ? [RUN_DATE_FIELD] : []), ...ACCOUNT_FIELDS, ...fields];
}

/** Headers of the key columns for a mode: the account always, and Append keys rows by run date too. */
export function keyHeaders(report: ReportDefinition, mode: WriteMode): string[] {
  const keys = [ACCOUNT_ID_FIELD.header, ...report.keyColumns.map((k) => report.fields.find((f) => f.id === k)?.header ?? k)];
  return mode === 'append' ? [RUN_DATE_FIELD.header, ...keys] : keys;
}

export function defaultFields(report: ReportDefinition): string[] {
  return report.fields.filter((f) => f.default).map((f) => f.id);
}

const FLOW_NAMES: Record<LoginFlow, string> = { instagram: 'Instagram Login', facebook: 'Facebook Login' };
const MODE_NAMES: Record<WriteMode, string> = { append: 'Append', replace: 'Replace', update: 'Update' };

/** The reports table for docs/reports.md, generated so it cannot drift from the code. */
export function renderReportsTable(): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const lines = [
    '| Report | What it gives | Fields (default in bold) | Key | Default mode | Login | Runs |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const r of REPORTS) {
    const fields = r.fields.map((f) => (f.default ? `**${f.header}**` : f.header)).join(', ');
    const key = keyHeaders(r, r.defaultMode).join(' + ');
    const flows = r.loginFlows.map((f) => FLOW_NAMES[f]).join(', ');
    lines.push(`| ${cell(r.title)} | ${cell(r.description)} | ${cell(fields)} | ${cell(key)} | ${MODE_NAMES[r.defaultMode]} | ${flows} | ${r.cadence.label} |`);
  }
  return lines.join('\n');
}

export type { ReportId };
