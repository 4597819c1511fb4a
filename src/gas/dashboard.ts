// "Create dashboard": a tab of headline formulas, chart-data blocks and embedded charts for one
// account, built from its report tabs. What Sheetgram made is remembered (cells and chart ids), so a
// rebuild replaces exactly that and leaves whatever the person added on the tab.
import { planDashboard, type SourceTab } from '../core/dashboard/layout';
import { cell } from '../core/dashboard/a1';
import type { ReportConfiguration, ReportId } from '../core/reports/types';
import { SidebarError } from '../core/sidebar/errors';
import { createContext } from './context';
import { serve } from './serve';

const RECORD = 'sheetgram.dashboard.';
const SOURCES: ReportId[] = ['user_information', 'account_insights', 'media_insights', 'recent_media', 'audience_demographics', 'online_followers'];

interface DashboardRecord {
  sheetId: number;
  cells: string[];
  charts: number[];
}

const chartIds = (sheet: GoogleAppsScript.Spreadsheet.Sheet) => sheet.getCharts().map((c) => c.getChartId()).filter((id): id is number => id !== null);

export function createDashboard(accountId: string): { message: string } {
  return serve(() => {
    const ctx = createContext();
    const spreadsheet = ctx.spreadsheet();
    const configs = ctx.configs().list().filter((c) => c.accountId === String(accountId));
    const username = configs[0]?.accountUsername ?? ctx.accounts().get(String(accountId))?.username;
    if (!username) throw new SidebarError('not_found', 'Connect this account and add a report first: the dashboard is built from report tabs.');

    const tabs: SourceTab[] = [];
    for (const reportId of SOURCES) {
      const config = [...configs].reverse().find((c: ReportConfiguration) => c.reportId === reportId);
      const sheet = config && ((config.tab.sheetId !== null ? spreadsheet.getSheetById(config.tab.sheetId) : null) ?? spreadsheet.getSheetByName(config.tab.name));
      if (!sheet) continue;
      const width = sheet.getLastColumn();
      const header = width ? sheet.getRange(1, 1, 1, width).getValues()[0].map(String) : [];
      tabs.push({ reportId, sheet: sheet.getName(), header, rows: Math.max(0, sheet.getLastRow() - 1) });
    }
    const plan = planDashboard({ username, tabs });

    const store = ctx.documentProps();
    const raw = store.get(RECORD + accountId);
    const previous = raw ? (JSON.parse(raw) as DashboardRecord) : null;
    let sheet = previous ? spreadsheet.getSheetById(previous.sheetId) : null;
    if (sheet && previous) {
      // Only what Sheetgram made: its cells (a spilling formula takes its spill with it) and its charts.
      for (const a1 of previous.cells) sheet.getRange(a1).clearContent();
      for (const chart of sheet.getCharts()) if (previous.charts.includes(chart.getChartId() ?? -1)) sheet.removeChart(chart);
    } else {
      const name = `Dashboard @${username}`;
      sheet = spreadsheet.getSheetByName(name) ?? spreadsheet.insertSheet(name);
    }

    // A new tab has 26 columns; the chart-data blocks sit further right.
    const widest = Math.max(...plan.cells.map((c) => c.column), ...plan.charts.map((c) => c.column + 5));
    if (widest > sheet.getMaxColumns()) sheet.insertColumnsAfter(sheet.getMaxColumns(), widest - sheet.getMaxColumns());
    for (const c of plan.cells) {
      const range = sheet.getRange(c.row, c.column);
      if (c.formula) range.setFormula(c.formula);
      else range.setValue(c.value ?? '');
      if (c.format) range.setNumberFormat(c.format);
    }
    const before = new Set(chartIds(sheet));
    for (const planned of plan.charts) {
      let builder = sheet.newChart().setChartType(Charts.ChartType[planned.type]).setPosition(planned.row, planned.column, 0, 0).setNumHeaders(1);
      for (const a1 of planned.ranges) builder = builder.addRange(a1.includes('!') ? spreadsheet.getRange(a1) : sheet.getRange(a1));
      for (const [key, value] of Object.entries(planned.options)) builder = builder.setOption(key, value);
      sheet.insertChart(builder.build());
    }
    const charts = chartIds(sheet).filter((id) => !before.has(id));
    store.set(RECORD + accountId, JSON.stringify({ sheetId: sheet.getSheetId(), cells: plan.cells.map((c) => cell(c.row, c.column)), charts } satisfies DashboardRecord));
    const notes = plan.notes.length ? ` ${plan.notes.length} ${plan.notes.length === 1 ? 'chart waits' : 'charts wait'} for data: ${plan.notes.map((n) => n.text).join(' ')}` : '';
    return { message: `The tab "${sheet.getName()}" shows ${plan.charts.length} charts for @${username}.${notes}` };
  });
}
