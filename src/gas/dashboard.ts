// "Create dashboard" (one account) and "Compare accounts" (all of them): tabs of figures, chart-data
// blocks and embedded charts built from the report tabs, reading only each account's rows. What
// Sheetgram made is remembered (cells and chart ids), so a rebuild replaces exactly that and leaves
// whatever the person added on the tab. Parts that waited for data (a note in their place) are written
// by refreshWaitingDashboards after a run brings rows to the tabs they read: no rebuild by hand.
import { planDashboard, type DashboardPlan } from '../core/dashboard/layout';
import { planCombinedDashboard, type AccountSource } from '../core/dashboard/combined';
import type { PlannedCell } from '../core/dashboard/plan';
import { ACCOUNT_ID_HEADER, columnOf, type SourceTab } from '../core/dashboard/source';
import { POST_GROWTH_TAB } from '../core/growth/post-growth';
import { cell } from '../core/dashboard/a1';
import type { KeyValueStore } from '../core/ports';
import type { ReportConfiguration, ReportId } from '../core/reports/types';
import { SidebarError } from '../core/sidebar/errors';
import { dateFormatsFor, DEFAULT_COLUMN_WIDTH, widthRuns, type DateFormats } from '../core/tabs/look';
import { createContext, type GasContext } from './context';
import { serve } from './serve';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const RECORD = 'sheetgram.dashboard.';
/** The dashboards with parts waiting for data, and which tabs' new rows may complete them (one small property). */
const WAITING = 'sheetgram.dashboards.waiting';
/** The comparison's record: account ids are digits, so no account's record has this name. */
const COMBINED = 'all';
const COMBINED_TAB = 'Dashboard: all accounts';
const SOURCES: ReportId[] = ['user_information', 'account_insights', 'media_insights', 'recent_media', 'audience_demographics', 'online_followers'];
/** Growing chart-data blocks spill a row a day; Sheets does not add rows for a spill, so keep a year spare. */
const SPARE_ROWS = 400;
/** A refresh after a run starts only with this much of the execution left. */
const REFRESH_MARGIN_MS = 30_000;
/** The waiting list stays well below Google's 9 KB a value; past this it keeps no "seen" tabs (more re-checks, same result). */
const WAITING_MAX_BYTES = 6_000;

interface DashboardRecord {
  sheetId: number;
  cells: string[];
  charts: number[];
  /** Widths were set: later rebuilds keep the widths the person chose since. */
  sized?: boolean;
  /** The first column right of every chart-data block Sheetgram wrote here. */
  nextBlockColumn?: number;
  /** Parts written as notes: their cells and text. */
  waiting?: Record<string, { cells: string[]; text: string }>;
  /** The comparison's accounts in the order of its rows: a part written later lands in its own row. */
  accounts?: string[];
}

/**
 * A dashboard with waiting parts: `wait`, the tabs (as the configurations name them, as run logs do) whose
 * new rows may complete a part; `any`, some part waits for a report its account has no tab for yet, so a
 * tab not in `seen` (the account's known tabs) may be that report's new tab.
 */
interface WaitEntry {
  wait: string[];
  any: boolean;
  seen: string[];
}
type WaitIndex = Record<string, WaitEntry>;

/** What a run wrote, as its log entry says it (RunLogEntry has these). */
export interface WrittenTab {
  tab: string;
  rowsAdded: number;
  rowsUpdated: number;
}

const chartIds = (sheet: Sheet) => sheet.getCharts().map((c) => c.getChartId()).filter((id): id is number => id !== null);

function parse<T>(raw: string | null): T | null {
  if (!raw) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return null;
  }
}

/** Reads the report tabs the configurations write to, once each. */
function tabReader(spreadsheet: Spreadsheet, configs: ReportConfiguration[]) {
  const sheets = new Map<string, Sheet | null>();
  const sheetOf = (c: ReportConfiguration) => {
    if (!sheets.has(c.id)) sheets.set(c.id, (c.tab.sheetId !== null ? spreadsheet.getSheetById(c.tab.sheetId) : null) ?? spreadsheet.getSheetByName(c.tab.name));
    return sheets.get(c.id) ?? null;
  };
  /** The account's most recent configuration of a report. */
  const configOf = (accountId: string, reportId: ReportId) => [...configs].reverse().find((c) => c.accountId === accountId && c.reportId === reportId);
  /** An account's source tabs: per report, the tab of its most recent configuration. */
  const sourceOf = (sheet: Sheet, accountId: string, reportId: ReportId, extra: Partial<SourceTab>): SourceTab => {
    const width = sheet.getLastColumn();
    const header = width ? sheet.getRange(1, 1, 1, width).getValues()[0].map(String) : [];
    const tab: SourceTab = { reportId, sheet: sheet.getName(), header, rows: 0, ...extra };
    return { ...tab, rows: rowsOf(sheet, columnOf(tab, ACCOUNT_ID_HEADER), accountId) };
  };
  const tabsOf = (accountId: string): SourceTab[] => {
    const tabs = SOURCES.flatMap((reportId) => {
      const config = configOf(accountId, reportId);
      const sheet = config && sheetOf(config);
      if (!sheet) return [];
      const shared = configs.some((c) => c.accountId !== accountId && sheetOf(c)?.getSheetId() === sheet.getSheetId());
      return [sourceOf(sheet, accountId, reportId, { shared })];
    });
    // Media Insights' Post Growth tab, shared by every account (its rows name theirs).
    const growth = configOf(accountId, 'media_insights') ? spreadsheet.getSheetByName(POST_GROWTH_TAB) : null;
    return growth ? [...tabs, sourceOf(growth, accountId, 'media_insights', { shared: true, growth: true })] : tabs;
  };
  const tallest = () => Math.max(0, ...[...sheets.values()].map((s) => s?.getLastRow() ?? 0));
  /** The tab a report of the account writes to, as its configuration names it (and run logs do); null: none yet. */
  const tabNameOf = (accountId: string, reportId: ReportId) => configOf(accountId, reportId)?.tab.name ?? null;
  const tabNamesOf = (accountId: string) => configs.filter((c) => c.accountId === accountId).map((c) => c.tab.name);
  return { tabsOf, tallest, tabNameOf, tabNamesOf };
}
type TabReader = ReturnType<typeof tabReader>;

/** The account's data rows (all of them when the tab has no Account ID column). */
function rowsOf(sheet: Sheet, idColumn: number, accountId: string): number {
  const rows = Math.max(0, sheet.getLastRow() - 1);
  if (!idColumn || !rows) return rows;
  return sheet.getRange(2, idColumn, rows, 1).getValues().filter(([v]) => String(v) === accountId).length;
}

/** Columns for the blocks and charts, rows for the spills. */
function ensureGrid(sheet: Sheet, plan: Pick<DashboardPlan, 'cells' | 'charts'>, minRows: number): void {
  const widest = Math.max(0, ...plan.cells.map((c) => c.column), ...plan.charts.map((c) => c.column + 5));
  if (widest > sheet.getMaxColumns()) sheet.insertColumnsAfter(sheet.getMaxColumns(), widest - sheet.getMaxColumns());
  if (minRows > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), minRows - sheet.getMaxRows());
}

function writeCells(sheet: Sheet, cells: PlannedCell[]): void {
  for (const c of cells) {
    const range = sheet.getRange(c.row, c.column);
    if (c.format) range.setNumberFormat(c.format);
    if (c.formula) range.setFormula(c.formula);
    else range.setValue(c.value ?? '');
  }
}

/** Date formats down a chart-data column: its values spill there. */
function formatColumns(sheet: Sheet, formats: DashboardPlan['columnFormats']): void {
  const rows = sheet.getMaxRows();
  for (const f of formats) if (rows >= f.row) sheet.getRange(f.row, f.column, rows - f.row + 1, 1).setNumberFormat(f.format);
}

/** Inserts the charts and returns their ids. */
function insertCharts(spreadsheet: Spreadsheet, sheet: Sheet, charts: DashboardPlan['charts']): number[] {
  if (!charts.length) return [];
  const before = new Set(chartIds(sheet));
  for (const planned of charts) {
    let builder = sheet.newChart().setChartType(Charts.ChartType[planned.type]).setPosition(planned.row, planned.column, 0, 0).setNumHeaders(1);
    for (const a1 of planned.ranges) builder = builder.addRange(a1.includes('!') ? spreadsheet.getRange(a1) : sheet.getRange(a1));
    for (const [name, value] of Object.entries(planned.options)) builder = builder.setOption(name, value);
    sheet.insertChart(builder.build());
  }
  return chartIds(sheet).filter((id) => !before.has(id));
}

/** The waiting parts of a plan, with their cells and the text written there. */
function waitingOf(plan: DashboardPlan): Record<string, { cells: string[]; text: string }> {
  const out: Record<string, { cells: string[]; text: string }> = {};
  for (const { part } of plan.waiting) {
    const cells = plan.cells.filter((c) => c.part === part);
    out[part] = { cells: cells.map((c) => cell(c.row, c.column)), text: cells.map((c) => String(c.value ?? c.formula ?? '')).join('\n') };
  }
  return out;
}

/** Writes a plan on its tab, first removing only what Sheetgram wrote there last time. */
function render(spreadsheet: Spreadsheet, store: KeyValueStore, key: string, tabName: string, plan: DashboardPlan, minRows: number, accounts?: string[]): Sheet {
  const previous = parse<DashboardRecord>(store.get(RECORD + key));
  let sheet = previous ? spreadsheet.getSheetById(previous.sheetId) : null;
  let made = false;
  if (sheet && previous) {
    // Only what Sheetgram made: its cells (a spilling formula takes its spill with it) and its charts.
    for (const a1 of previous.cells) sheet.getRange(a1).clearContent();
    for (const chart of sheet.getCharts()) if (previous.charts.includes(chart.getChartId() ?? -1)) sheet.removeChart(chart);
  } else {
    sheet = spreadsheet.getSheetByName(tabName);
    if (!sheet) {
      sheet = spreadsheet.insertSheet(tabName);
      made = true;
    }
  }

  // A new tab has 26 columns; the chart-data blocks sit further right, and grow downwards.
  ensureGrid(sheet, plan, minRows);
  writeCells(sheet, plan.cells);
  formatColumns(sheet, plan.columnFormats);
  // Widths once per tab: a rebuild keeps the widths the person chose since. A new tab's columns already have the default.
  if (!(previous?.sized && previous.sheetId === sheet.getSheetId())) {
    for (const run of widthRuns(plan.widths.filter((w) => !made || w.width !== DEFAULT_COLUMN_WIDTH))) sheet.setColumnWidths(run.column, run.count, run.width);
  }
  const charts = insertCharts(spreadsheet, sheet, plan.charts);
  const record: DashboardRecord = {
    sheetId: sheet.getSheetId(), cells: plan.cells.map((c) => cell(c.row, c.column)), charts, sized: true,
    nextBlockColumn: plan.nextBlockColumn, waiting: waitingOf(plan), ...(accounts ? { accounts } : {}),
  };
  store.set(RECORD + key, JSON.stringify(record));
  return sheet;
}

/** The spreadsheet's date formats (one call). */
const datesOf = (spreadsheet: Spreadsheet): DateFormats => dateFormatsFor(spreadsheet.getSpreadsheetLocale());

/** The username Sheetgram knows an account by, from its configurations or the connected accounts. */
function usernameOf(ctx: GasContext, all: ReportConfiguration[], accountId: string): string | undefined {
  return all.find((c) => c.accountId === accountId && c.accountUsername)?.accountUsername ?? ctx.accounts().get(accountId)?.username;
}

/**
 * The waiting list's entry for a plan: the tabs of the reports its waiting parts read (for the part's
 * account; a comparison's chart reads every account's), or `any` where an account has no such tab yet.
 */
function waitEntry(plan: DashboardPlan, accounts: string[], tabs: TabReader, seenBefore: string[] = []): WaitEntry | null {
  if (!plan.waiting.length) return null;
  const wait = new Set<string>();
  let any = false;
  for (const { part, reports } of plan.waiting) {
    const owner = accounts.find((a) => part.startsWith(`${a}:`));
    for (const accountId of owner ? [owner] : accounts) {
      for (const reportId of reports) {
        const name = tabs.tabNameOf(accountId, reportId);
        if (name === null) any = true;
        else wait.add(name);
      }
    }
  }
  const seen = any ? [...new Set([...seenBefore, ...accounts.flatMap((a) => tabs.tabNamesOf(a))])].filter((t) => !wait.has(t)) : [];
  return { wait: [...wait], any, seen };
}

function saveWaiting(store: KeyValueStore, index: WaitIndex): void {
  let raw = JSON.stringify(index);
  if (raw.length > WAITING_MAX_BYTES) raw = JSON.stringify(Object.fromEntries(Object.entries(index).map(([k, e]) => [k, { ...e, seen: [] }])));
  if (Object.keys(index).length === 0) store.delete(WAITING);
  else store.set(WAITING, raw);
}

/** Puts a dashboard's entry in the waiting list, or takes it out; writes only what changed. */
function updateWaiting(store: KeyValueStore, key: string, entry: WaitEntry | null, index = parse<WaitIndex>(store.get(WAITING)) ?? {}): void {
  const before = JSON.stringify(index[key] ?? null);
  if (entry) index[key] = entry;
  else delete index[key];
  if (JSON.stringify(entry) !== before) saveWaiting(store, index);
}

function planOne(ctx: GasContext, spreadsheet: Spreadsheet, all: ReportConfiguration[], accountId: string, options: { firstBlockColumn?: number; only?: ReadonlySet<string> } = {}) {
  const configs = all.filter((c) => c.accountId === accountId);
  const username = configs[0]?.accountUsername ?? ctx.accounts().get(accountId)?.username;
  if (!username) return null;
  const tabs = tabReader(spreadsheet, all);
  const plan = planDashboard({ accountId, username, tabs: tabs.tabsOf(accountId), dates: datesOf(spreadsheet), ...options });
  return { plan, username, tabs };
}

/** The comparison of these accounts (those Sheetgram knows a username for; with `withTabs`, only those with a report tab). */
function planCombined(ctx: GasContext, spreadsheet: Spreadsheet, all: ReportConfiguration[], ids: string[], options: { firstBlockColumn?: number; only?: ReadonlySet<string>; withTabs?: boolean } = {}) {
  const tabs = tabReader(spreadsheet, all);
  const accounts: AccountSource[] = ids.flatMap((accountId) => {
    const username = usernameOf(ctx, all, accountId);
    const sources = username ? tabs.tabsOf(accountId) : [];
    return username && (sources.length || !options.withTabs) ? [{ accountId, username, tabs: sources }] : [];
  });
  return { plan: planCombinedDashboard({ accounts, dates: datesOf(spreadsheet), firstBlockColumn: options.firstBlockColumn, only: options.only }), accounts, tabs };
}

export function createDashboard(accountId: string): { message: string } {
  // The execution's start, before any service call: the time budget counts from here.
  const startedAt = Date.now();
  return serve(() => {
    const ctx = createContext(startedAt);
    const spreadsheet = ctx.spreadsheet();
    const id = String(accountId);
    const planned = planOne(ctx, spreadsheet, ctx.configs().list(), id);
    if (!planned) throw new SidebarError('not_found', 'Connect this account and add a report first: the dashboard is built from report tabs.');
    const { plan, username, tabs } = planned;
    const store = ctx.documentProps();
    const sheet = render(spreadsheet, store, id, `Dashboard @${username}`, plan, tabs.tallest() + SPARE_ROWS);
    updateWaiting(store, id, waitEntry(plan, [id], tabs));
    const notes = plan.notes.length ? ` ${plan.notes.length} ${plan.notes.length === 1 ? 'chart waits' : 'charts wait'} for data: ${plan.notes.map((n) => n.text).join(' ')}` : '';
    const later = plan.notes.length ? ' Each appears after a run brings its data.' : '';
    return { message: `The tab "${sheet.getName()}" shows ${plan.charts.length} charts for @${username}.${notes}${later}` };
  });
}

export function createCombinedDashboard(): { message: string } {
  // The execution's start, before any service call: the time budget counts from here.
  const startedAt = Date.now();
  return serve(() => {
    const ctx = createContext(startedAt);
    const spreadsheet = ctx.spreadsheet();
    const all = ctx.configs().list();
    // A stable order: by username; accounts without any report tab are left out.
    const ids = [...new Set(all.map((c) => c.accountId))].sort((a, b) => (usernameOf(ctx, all, a) ?? a).localeCompare(usernameOf(ctx, all, b) ?? b));
    const { plan, accounts, tabs } = planCombined(ctx, spreadsheet, all, ids, { withTabs: true });
    if (accounts.length === 0) throw new SidebarError('not_found', 'Add reports for your accounts first: the comparison is built from their report tabs.');

    const store = ctx.documentProps();
    const order = accounts.map((a) => a.accountId);
    const sheet = render(spreadsheet, store, COMBINED, COMBINED_TAB, plan, tabs.tallest() + SPARE_ROWS, order);
    updateWaiting(store, COMBINED, waitEntry(plan, order, tabs));
    const waiting = plan.notes.length ? ` ${plan.notes.length} ${plan.notes.length === 1 ? 'part waits' : 'parts wait'} for data; the tab says what each needs, and each appears after a run brings its data.` : '';
    return { message: `The tab "${sheet.getName()}" compares ${accounts.length} accounts: ${accounts.map((a) => `@${a.username}`).join(', ')}.${waiting}` };
  });
}

/** Whether a run's new rows may complete one of a dashboard's waiting parts. */
function isDue(entry: WaitEntry, written: string[]): boolean {
  return written.some((t) => entry.wait.includes(t) || (entry.any && !entry.seen.includes(t)));
}

/**
 * Writes the parts of one dashboard that waited and now have their data, where they were planned: their
 * note cells are cleared, their cells, chart-data blocks (right of every block already there) and charts
 * written, and the record updated. Parts still waiting get their note rewritten if it changed. Nothing
 * else on the tab is touched. Returns the dashboard's new waiting entry.
 */
function refreshOne(ctx: GasContext, spreadsheet: Spreadsheet, store: KeyValueStore, key: string, entry: WaitEntry, written: string[]): WaitEntry | null {
  const record = parse<DashboardRecord>(store.get(RECORD + key));
  const sheet = record?.waiting ? spreadsheet.getSheetById(record.sheetId) : null;
  // A dashboard deleted, or made before parts were remembered: only a rebuild by hand.
  if (!record?.waiting || !sheet) return null;
  const parts = new Set(Object.keys(record.waiting));
  const all = ctx.configs().list();
  const options = { firstBlockColumn: record.nextBlockColumn, only: parts };
  const planned = key === COMBINED
    ? planCombined(ctx, spreadsheet, all, record.accounts ?? [], options)
    : planOne(ctx, spreadsheet, all, key, options);
  if (!planned) return null;
  const { plan, tabs } = planned;
  const accounts = key === COMBINED ? (record.accounts ?? []) : [key];
  // A comparison whose accounts are no longer all known would put rows in other places: a rebuild by hand.
  if ('accounts' in planned && planned.accounts.length !== accounts.length) return null;

  const still = waitingOf(plan);
  const changed = [...parts].filter((part) => still[part]?.text !== record.waiting![part].text);
  if (!changed.length) return waitEntry(plan, accounts, tabs, [...entry.seen, ...written]);

  const cleared = new Set(changed.flatMap((part) => record.waiting![part].cells));
  for (const a1 of cleared) sheet.getRange(a1).clearContent();
  const cells = plan.cells.filter((c) => c.part !== undefined && changed.includes(c.part));
  const charts = plan.charts.filter((c) => changed.includes(c.key));
  ensureGrid(sheet, { cells, charts }, tabs.tallest() + SPARE_ROWS);
  writeCells(sheet, cells);
  formatColumns(sheet, plan.columnFormats.filter((f) => changed.includes(f.part)));
  const added = insertCharts(spreadsheet, sheet, charts);

  const kept = record.cells.filter((a1) => !cleared.has(a1));
  const next: DashboardRecord = {
    ...record,
    cells: [...new Set([...kept, ...cells.map((c) => cell(c.row, c.column))])],
    charts: [...record.charts, ...added],
    nextBlockColumn: plan.nextBlockColumn,
    waiting: Object.fromEntries(Object.entries(still).filter(([part]) => parts.has(part))),
  };
  store.set(RECORD + key, JSON.stringify(next));
  const left = { ...plan, waiting: plan.waiting.filter((w) => parts.has(w.part)) };
  return waitEntry(left, accounts, tabs, [...entry.seen, ...written]);
}

/**
 * After a run (scheduled or Run now): dashboards with parts waiting for data whose tabs just got rows have
 * those parts written, as a rebuild would, touching only Sheetgram's cells and charts. Costs no service
 * call when no run wrote rows, one property read when none of the written tabs is waited on. Never fails
 * the run: a dashboard that cannot be refreshed is left for the next run (or a rebuild by hand).
 */
export function refreshWaitingDashboards(ctx: GasContext, entries: readonly WrittenTab[]): void {
  const written = [...new Set(entries.filter((e) => e.tab && e.rowsAdded + e.rowsUpdated > 0).map((e) => e.tab))];
  if (!written.length) return;
  const store = ctx.documentProps();
  const index = parse<WaitIndex>(store.get(WAITING));
  if (!index) return;
  const due = Object.keys(index).filter((key) => isDue(index[key], written));
  if (!due.length) return;
  const lock = LockService.getDocumentLock();
  if (lock && !lock.tryLock(10_000)) return;
  try {
    // Read again under the lock: another execution may have refreshed meanwhile.
    const read = store.get(WAITING);
    const current = parse<WaitIndex>(read) ?? {};
    const spreadsheet = ctx.spreadsheet();
    for (const key of due) {
      if (!current[key] || Date.now() > ctx.deadline - REFRESH_MARGIN_MS) continue;
      try {
        const entry = refreshOne(ctx, spreadsheet, store, key, current[key], written);
        if (entry) current[key] = entry;
        else delete current[key];
      } catch (e) {
        ctx.log.warn(`Sheetgram could not add the waiting parts of the dashboard "${key}": ${String((e as { message?: unknown } | null)?.message ?? e)}`);
      }
    }
    if (JSON.stringify(current) !== JSON.stringify(parse<WaitIndex>(read) ?? {})) saveWaiting(store, current);
  } finally {
    lock?.releaseLock();
  }
}
