// "Create dashboard" (one account) and "Compare accounts" (all of them): tabs of figures, chart-data
// blocks and embedded charts built from the report tabs, reading only each account's rows. What
// Sheetgram made is remembered (cells and chart ids), so a rebuild replaces exactly that and leaves
// whatever the person added on the tab.
import { planDashboard, type DashboardPlan } from '../core/dashboard/layout';
import { planCombinedDashboard, type AccountSource } from '../core/dashboard/combined';
import { ACCOUNT_ID_HEADER, columnOf, type SourceTab } from '../core/dashboard/source';
import { cell } from '../core/dashboard/a1';
import type { ReportConfiguration, ReportId } from '../core/reports/types';
import { SidebarError } from '../core/sidebar/errors';
import { createContext } from './context';
import { serve } from './serve';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const RECORD = 'sheetgram.dashboard.';
/** The comparison's record: account ids are digits, so no account's record has this name. */
const COMBINED = 'all';
const COMBINED_TAB = 'Dashboard: all accounts';
const SOURCES: ReportId[] = ['user_information', 'account_insights', 'media_insights', 'recent_media', 'audience_demographics', 'online_followers'];
/** Growing chart-data blocks spill a row a day; Sheets does not add rows for a spill, so keep a year spare. */
const SPARE_ROWS = 400;

interface DashboardRecord {
  sheetId: number;
  cells: string[];
  charts: number[];
}

const chartIds = (sheet: Sheet) => sheet.getCharts().map((c) => c.getChartId()).filter((id): id is number => id !== null);

/** Reads the report tabs the configurations write to, once each. */
function tabReader(spreadsheet: Spreadsheet, configs: ReportConfiguration[]) {
  const sheets = new Map<string, Sheet | null>();
  const sheetOf = (c: ReportConfiguration) => {
    if (!sheets.has(c.id)) sheets.set(c.id, (c.tab.sheetId !== null ? spreadsheet.getSheetById(c.tab.sheetId) : null) ?? spreadsheet.getSheetByName(c.tab.name));
    return sheets.get(c.id) ?? null;
  };
  /** An account's source tabs: per report, the tab of its most recent configuration. */
  const tabsOf = (accountId: string): SourceTab[] => {
    const mine = configs.filter((c) => c.accountId === accountId);
    return SOURCES.flatMap((reportId) => {
      const config = [...mine].reverse().find((c) => c.reportId === reportId);
      const sheet = config && sheetOf(config);
      if (!sheet) return [];
      const width = sheet.getLastColumn();
      const header = width ? sheet.getRange(1, 1, 1, width).getValues()[0].map(String) : [];
      const shared = configs.some((c) => c.accountId !== accountId && sheetOf(c)?.getSheetId() === sheet.getSheetId());
      const tab: SourceTab = { reportId, sheet: sheet.getName(), header, rows: 0, shared };
      return [{ ...tab, rows: rowsOf(sheet, columnOf(tab, ACCOUNT_ID_HEADER), accountId) }];
    });
  };
  const tallest = () => Math.max(0, ...[...sheets.values()].map((s) => s?.getLastRow() ?? 0));
  return { tabsOf, tallest };
}

/** The account's data rows (all of them when the tab has no Account ID column). */
function rowsOf(sheet: Sheet, idColumn: number, accountId: string): number {
  const rows = Math.max(0, sheet.getLastRow() - 1);
  if (!idColumn || !rows) return rows;
  return sheet.getRange(2, idColumn, rows, 1).getValues().filter(([v]) => String(v) === accountId).length;
}

/** Writes a plan on its tab, first removing only what Sheetgram wrote there last time. */
function render(spreadsheet: Spreadsheet, store: { get(k: string): string | null; set(k: string, v: string): void }, key: string, tabName: string, plan: DashboardPlan, minRows: number): Sheet {
  const raw = store.get(RECORD + key);
  const previous = raw ? (JSON.parse(raw) as DashboardRecord) : null;
  let sheet = previous ? spreadsheet.getSheetById(previous.sheetId) : null;
  if (sheet && previous) {
    // Only what Sheetgram made: its cells (a spilling formula takes its spill with it) and its charts.
    for (const a1 of previous.cells) sheet.getRange(a1).clearContent();
    for (const chart of sheet.getCharts()) if (previous.charts.includes(chart.getChartId() ?? -1)) sheet.removeChart(chart);
  } else sheet = spreadsheet.getSheetByName(tabName) ?? spreadsheet.insertSheet(tabName);

  // A new tab has 26 columns; the chart-data blocks sit further right, and grow downwards.
  const widest = Math.max(...plan.cells.map((c) => c.column), ...plan.charts.map((c) => c.column + 5));
  if (widest > sheet.getMaxColumns()) sheet.insertColumnsAfter(sheet.getMaxColumns(), widest - sheet.getMaxColumns());
  if (minRows > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), minRows - sheet.getMaxRows());
  for (const c of plan.cells) {
    const range = sheet.getRange(c.row, c.column);
    if (c.format) range.setNumberFormat(c.format);
    if (c.formula) range.setFormula(c.formula);
    else range.setValue(c.value ?? '');
  }
  const before = new Set(chartIds(sheet));
  for (const planned of plan.charts) {
    let builder = sheet.newChart().setChartType(Charts.ChartType[planned.type]).setPosition(planned.row, planned.column, 0, 0).setNumHeaders(1);
    for (const a1 of planned.ranges) builder = builder.addRange(a1.includes('!') ? spreadsheet.getRange(a1) : sheet.getRange(a1));
    for (const [name, value] of Object.entries(planned.options)) builder = builder.setOption(name, value);
    sheet.insertChart(builder.build());
  }
  const charts = chartIds(sheet).filter((id) => !before.has(id));
  store.set(RECORD + key, JSON.stringify({ sheetId: sheet.getSheetId(), cells: plan.cells.map((c) => cell(c.row, c.column)), charts } satisfies DashboardRecord));
  return sheet;
}

export function createDashboard(accountId: string): { message: string } {
  // The execution's start, before any service call: the time budget counts from here.
  const startedAt = Date.now();
  return serve(() => {
    const ctx = createContext(startedAt);
    const spreadsheet = ctx.spreadsheet();
    const all = ctx.configs().list();
    const configs = all.filter((c) => c.accountId === String(accountId));
    const username = configs[0]?.accountUsername ?? ctx.accounts().get(String(accountId))?.username;
    if (!username) throw new SidebarError('not_found', 'Connect this account and add a report first: the dashboard is built from report tabs.');

    const tabs = tabReader(spreadsheet, all);
    const plan = planDashboard({ accountId: String(accountId), username, tabs: tabs.tabsOf(String(accountId)) });
    const sheet = render(spreadsheet, ctx.documentProps(), String(accountId), `Dashboard @${username}`, plan, tabs.tallest() + SPARE_ROWS);
    const notes = plan.notes.length ? ` ${plan.notes.length} ${plan.notes.length === 1 ? 'chart waits' : 'charts wait'} for data: ${plan.notes.map((n) => n.text).join(' ')}` : '';
    return { message: `The tab "${sheet.getName()}" shows ${plan.charts.length} charts for @${username}.${notes}` };
  });
}

export function createCombinedDashboard(): { message: string } {
  // The execution's start, before any service call: the time budget counts from here.
  const startedAt = Date.now();
  return serve(() => {
    const ctx = createContext(startedAt);
    const spreadsheet = ctx.spreadsheet();
    const all = ctx.configs().list();
    const tabs = tabReader(spreadsheet, all);
    const accounts: AccountSource[] = [...new Set(all.map((c) => c.accountId))].flatMap((accountId) => {
      const username = all.find((c) => c.accountId === accountId && c.accountUsername)?.accountUsername ?? ctx.accounts().get(accountId)?.username;
      const sources = tabs.tabsOf(accountId);
      return username && sources.length ? [{ accountId, username, tabs: sources }] : [];
    }).sort((a, b) => a.username.localeCompare(b.username)); // a stable order: by username
    if (accounts.length === 0) throw new SidebarError('not_found', 'Add reports for your accounts first: the comparison is built from their report tabs.');

    const plan = planCombinedDashboard({ accounts });
    const sheet = render(spreadsheet, ctx.documentProps(), COMBINED, COMBINED_TAB, plan, tabs.tallest() + SPARE_ROWS);
    const waiting = plan.notes.length ? ` ${plan.notes.length} ${plan.notes.length === 1 ? 'part waits' : 'parts wait'} for data; the tab says what each needs.` : '';
    return { message: `The tab "${sheet.getName()}" compares ${accounts.length} accounts: ${accounts.map((a) => `@${a.username}`).join(', ')}.${waiting}` };
  });
}
