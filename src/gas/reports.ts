// The sidebar's report actions: save (checked, then the dispatcher trigger kept in step), delete, Run
// now through the same path the scheduler takes, Run all (every report of the person in turn), the
// progress of a run in flight, and Open the log (the log tab, shown in the spreadsheet).
import type { ConnectedAccount } from '../core/accounts/types';
import type { Configuration as ConfigurationView, RunProgress, RunSummary, TabDescription } from '../contract/sidebar';
import { configurationFromInput, type ConfigurationInput } from '../core/configurations/input';
import { describeTabChoice, HEADER_CELLS, type TabSurvey } from '../core/configurations/tab-choice';
import { sameTabName } from '../core/configurations/tab-names';
import { membersOf } from '../core/configurations/groups';
import { runConfiguration, type RunOutcome } from '../core/run/execute';
import { LOG_TAB_NAME } from '../core/run/run-log';
import { getReport, REPORTS } from '../core/reports/registry';
import type { ReportConfiguration } from '../core/reports/types';
import { configurationView } from '../core/sidebar/view';
import { SidebarError } from '../core/sidebar/errors';
import { createContext, type GasContext } from './context';
import { runGroupNow, runInTurn, saveGroup } from './groups';
import { refreshWaitingDashboards } from './dashboard';
import { logRuns } from './run-log';
import { serve } from './serve';
import { isStoreFull, logStoreFull, STORE_FULL_TEXT } from './store-full';
import { syncTrigger } from './trigger';

const PROGRESS = 'sheetgram.progress.';
/** How long "Run now" waits for a run of the same report that is already going. */
const WAIT_FOR_OTHER_RUN_MS = 20_000;

function progressCache(): GoogleAppsScript.Cache.Cache {
  return CacheService.getDocumentCache() ?? CacheService.getUserCache();
}

/** The spreadsheet's tabs and where each configuration writes (by sheet id, so a renamed tab counts under its new name). */
export function tabSurvey(ctx: GasContext, sheets = ctx.spreadsheet().getSheets()): TabSurvey {
  const nameOfId = new Map(sheets.map((s) => [s.getSheetId(), s.getName()]));
  const usernames = new Map(ctx.accounts().list().map((a) => [a.id, a.username]));
  return {
    tabNames: sheets.map((s) => s.getName()),
    targets: ctx.configs().list().map((c) => ({
      configId: c.id, reportId: c.reportId, accountId: c.accountId, username: c.accountUsername ?? usernames.get(c.accountId) ?? '',
      tabName: (c.tab.sheetId !== null ? nameOfId.get(c.tab.sheetId) : undefined) ?? c.tab.name,
    })),
    contents(name) {
      const sheet = sheets.find((s) => sameTabName(s.getName(), name));
      if (!sheet) return null;
      const lastRow = sheet.getLastRow();
      const width = Math.min(sheet.getLastColumn(), HEADER_CELLS);
      const header = lastRow && width ? sheet.getRange(1, 1, 1, width).getValues()[0].map((v) => String(v ?? '')) : [];
      return { header, lastRow };
    },
  };
}

/** The editor asks before Save what writing this report for this account into the named tab would do. */
export function describeTab(name: string, reportId: string, accountId: string, configurationId: string): TabDescription {
  // The execution's start, before any service call: the time budget counts from here.
  const startedAt = Date.now();
  return serve(() => {
    const ctx = createContext(startedAt);
    const account = ctx.accounts().get(String(accountId ?? ''));
    if (!account) throw new SidebarError('invalid_input', 'Choose one of your connected accounts.');
    return describeTabChoice({ name: String(name ?? ''), reportId: String(reportId ?? ''), accountId: account.id, username: account.username, configurationId: configurationId ? String(configurationId) : null }, tabSurvey(ctx));
  });
}

export function saveConfiguration(input: ConfigurationInput): ConfigurationView {
  // The execution's start, before any service call: the time budget counts from here.
  const startedAt = Date.now();
  return serve(() => {
    const ctx = createContext(startedAt);
    const configs = ctx.configs();
    const existing = input?.id ? configs.get(String(input.id)) : null;
    if (input?.id && !existing) throw new SidebarError('not_found', 'This report was deleted in the meantime.');
    // A schedule needs the hourly trigger: installed before anything is stored, so a refusal stores nothing.
    if (input?.schedule && (input.schedule as { kind?: string }).kind !== 'off') installTriggerBeforeSave(ctx);
    let saved: ReportConfiguration[];
    try {
      saved = input?.accounts !== undefined || existing?.group ? saveGroup(ctx, input, existing, tabSurvey(ctx)) : [saveOne(ctx, input, existing)];
    } catch (e) {
      // Refused (bad input, no room in the store): a trigger installed for it goes again if nothing else needs it.
      try {
        syncTrigger(ctx);
      } catch {
        // The refusal is what the person needs to read; the dispatcher removes itself at its next tick anyway.
      }
      throw e;
    }
    for (const config of saved) {
      const status = configs.status(config.id);
      // Saving again is how a person says "try again": a stop for a missing permission or a pause ends.
      if (status.stoppedReason || status.resumeAt) configs.saveStatus(config.id, { ...status, stoppedReason: undefined, resumeAt: undefined });
    }
    syncTrigger(ctx);
    return configurationView(saved[0], configs.status(saved[0].id), false, Date.now(), ctx.timeZone());
  });
}

/** Google's refusal when the user has 20 triggers of this script (one per spreadsheet with Sheetgram schedules). */
const TRIGGER_LIMIT = /too many triggers/i;

function installTriggerBeforeSave(ctx: GasContext): void {
  try {
    syncTrigger(ctx, true);
  } catch (e) {
    // By its message, not instanceof: Apps Script's errors need not be this realm's Error.
    if (TRIGGER_LIMIT.test(String((e as { message?: unknown } | null)?.message ?? e))) {
      throw new SidebarError('invalid_input', 'Google allows one Google account 20 Sheetgram schedules across spreadsheets (one per spreadsheet with '
        + 'scheduled reports), and yours are all in use, so this schedule could not be saved. Remove Sheetgram schedules from a spreadsheet '
        + 'you no longer use (or set its reports to Off), then save again; Run now works without a schedule.');
    }
    throw e;
  }
}

function saveOne(ctx: GasContext, input: ConfigurationInput, existing: ReportConfiguration | null): ReportConfiguration {
  const account = ctx.accounts().get(String(input?.accountId ?? ''));
  if (!account) throw new SidebarError('invalid_input', 'Choose one of your connected accounts.');
  if (account.reconnectReason) throw new SidebarError('reconnect_needed', `@${account.username} needs to be reconnected first: ${account.reconnectReason}`);
  // Read the tabs only when the tab choice is new (an unchanged edit is not asked again).
  const describe = (tabName: string, reportId: string) => describeTabChoice({ name: tabName, reportId, accountId: account.id, username: account.username, configurationId: existing?.id ?? null }, tabSurvey(ctx));
  const config = configurationFromInput(input, { account, existing, owner: ctx.userKey(), now: Date.now(), newId: () => Utilities.getUuid(), describeTab: describe });
  ctx.configs().save(config);
  return config;
}

export function deleteConfiguration(configurationId: string): { message: string } {
  // The execution's start, before any service call: the time budget counts from here.
  const startedAt = Date.now();
  return serve(() => {
    const ctx = createContext(startedAt);
    const configs = ctx.configs();
    const config = configs.get(String(configurationId));
    if (!config) throw new SidebarError('not_found', 'This report was already deleted.');
    const members = membersOf(configs.list(), config);
    for (const member of members) configs.remove(member.id);
    syncTrigger(ctx);
    const whose = members.length > 1 ? `${members.length} accounts` : `@${config.accountUsername ?? config.accountId}`;
    return { message: `Deleted ${getReport(config.reportId).title} for ${whose}. The tab "${config.tab.name}" and its rows stay.` };
  });
}

/**
 * Runs as Run now runs them: the progress of each run for the sidebar's polls, and a run of the same
 * report already going is waited for briefly, else left to finish.
 */
function runNowRunner(ctx: GasContext): (member: ReportConfiguration) => RunOutcome {
  const env = ctx.runEnvironment();
  const cache = progressCache();
  env.onProgress = (id, p) => cache.put(PROGRESS + id, JSON.stringify({ phase: `Reading page ${p.pages}`, rowsWritten: p.rows, callsUsed: p.callsUsed } satisfies RunProgress), 600);
  return (member) => {
    while (env.leases.heldUntil(member.id) !== null && Date.now() - ctx.startedAt < WAIT_FOR_OTHER_RUN_MS) Utilities.sleep(2_000);
    try {
      return runConfiguration(member, env, { deadline: ctx.deadline, trigger: 'run now' });
    } finally {
      cache.remove(PROGRESS + member.id);
    }
  };
}

/** After Run now or Run all: the log's lines, and the dispatcher for what continues, is retried or was queued. */
function afterRunNow(ctx: GasContext, outcomes: RunOutcome[], queued: number): void {
  logRuns(ctx, outcomes.map((o) => o.entry));
  refreshWaitingDashboards(ctx, outcomes.map((o) => o.entry));
  // An unfinished or incomplete run is resumed or retried by the dispatcher, which must exist for that.
  if (queued || outcomes.some((o) => o.summary.status === 'continues' || o.summary.status === 'incomplete')) syncTrigger(ctx, true);
  // A failed run left unfinished is tried again at the next hourly run (its card says so): also without a schedule.
  else if (outcomes.some((o) => o.summary.status === 'failed')) syncTrigger(ctx);
}

export function runConfigurationNow(configurationId: string): RunSummary {
  // The execution's start, before any service call: the time budget counts from here.
  const startedAt = Date.now();
  return serve(() => {
    const ctx = createContext(startedAt);
    const configs = ctx.configs();
    const config = configs.get(String(configurationId));
    if (!config) throw new SidebarError('not_found', 'This report was deleted in the meantime.');
    const run = runNowRunner(ctx);
    let result: { summary: RunSummary; outcomes: RunOutcome[]; queued: number };
    try {
      result = config.group ? runGroupNow(ctx, config, run) : ((outcome) => ({ summary: outcome.summary, outcomes: [outcome], queued: 0 }))(run(config));
    } catch (e) {
      if (!isStoreFull(e)) throw e;
      // As the hourly run: a line in the log tab and the console, and the person reads why in the card.
      const account = config.group ? '' : `@${ctx.accounts().get(config.accountId)?.username ?? config.accountUsername ?? config.accountId}`;
      logStoreFull(ctx, { report: getReport(config.reportId).title, account, tab: config.tab.name, trigger: 'run now' });
      return { at: Date.now(), status: 'failed', rowsAdded: 0, rowsUpdated: 0, callsUsed: 0, message: STORE_FULL_TEXT };
    } finally {
      ctx.releaseThrottles();
    }
    afterRunNow(ctx, result.outcomes, result.queued);
    return result.summary;
  });
}

/**
 * Every report of the person in the order the sidebar lists them: by account (username; accounts no
 * longer connected last), then the registry's order of reports, then tab.
 */
export function runAllOrder(configs: readonly ReportConfiguration[], accounts: ReadonlyMap<string, ConnectedAccount>): ReportConfiguration[] {
  const accountKey = (c: ReportConfiguration) => {
    const account = accounts.get(c.accountId);
    return account ? `0${account.username.toLowerCase()}` : `1${c.accountUsername ?? c.accountId}`;
  };
  const reportIndex = (id: string) => {
    const index = REPORTS.findIndex((r) => r.id === id);
    return index < 0 ? REPORTS.length : index;
  };
  return [...configs].sort((a, b) => accountKey(a).localeCompare(accountKey(b)) || reportIndex(a.reportId) - reportIndex(b.reportId)
    || a.tab.name.localeCompare(b.tab.name) || a.id.localeCompare(b.id));
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What Run all did, in a few sentences (each report's own result is on its card). */
function runAllText(outcomes: RunOutcome[], queued: number, waiting: string[]): string {
  const count = (status: RunSummary['status']) => outcomes.filter((o) => o.summary.status === status).length;
  const finished = count('ok') + count('partial');
  const parts = [
    finished && `${plural(finished, 'report', 'reports')} finished`,
    count('incomplete') && `${plural(count('incomplete'), 'report', 'reports')} incomplete (tried again at the next hourly run)`,
    count('continues') && `${plural(count('continues'), 'report', 'reports')} paused (${count('continues') === 1 ? 'it continues' : 'they continue'} on ${count('continues') === 1 ? 'its' : 'their'} own)`,
    count('failed') && `${plural(count('failed'), 'report', 'reports')} failed (${count('failed') === 1 ? 'its card says' : 'their cards say'} why)`,
  ].filter(Boolean) as string[];
  const sentences = [`Ran ${plural(outcomes.length, 'report', 'reports')}${parts.length ? `: ${parts.join(', ')}` : ''}.`];
  if (queued) sentences.push(`${plural(queued, 'report waits', 'reports wait')} for the next hourly run, which starts ${queued === 1 ? 'it' : 'them'} first (no time left in this one).`);
  if (waiting.length) sentences.push(`Not run: ${waiting.join(', ')} ${waiting.length === 1 ? 'needs' : 'need'} to be reconnected first.`);
  return sentences.join(' ');
}

/**
 * Run all: every report of the person, in the sidebar's order, in turn while a run still fits the
 * execution; the rest are queued for the next hourly run, which runs them first (as a group's members).
 * Reports of an account that needs reconnecting are left alone (their run could not start).
 */
export function runAllNow(): RunSummary {
  // The execution's start, before any service call: the time budget counts from here.
  const startedAt = Date.now();
  return serve(() => {
    const ctx = createContext(startedAt);
    const accounts = new Map(ctx.accounts().list().map((a) => [a.id, a]));
    const mine = ctx.configs().list().filter((c) => c.owner === ctx.userKey());
    if (!mine.length) throw new SidebarError('not_found', 'You have no reports in this spreadsheet yet: add one with New report.');
    const usable = (c: ReportConfiguration) => {
      const account = accounts.get(c.accountId);
      return Boolean(account && !account.reconnectReason);
    };
    const ordered = runAllOrder(mine, accounts);
    const waiting = [...new Set(ordered.filter((c) => !usable(c)).map((c) => `@${accounts.get(c.accountId)?.username ?? c.accountUsername ?? c.accountId}`))];
    const name = (c: ReportConfiguration) => `${getReport(c.reportId).title} for @${accounts.get(c.accountId)?.username ?? c.accountUsername ?? c.accountId}`;
    let result: { summary: RunSummary; outcomes: RunOutcome[]; queued: number };
    try {
      result = runInTurn(ctx, ordered.filter(usable), runNowRunner(ctx), name);
    } catch (e) {
      if (!isStoreFull(e)) throw e;
      logStoreFull(ctx, { report: 'Run all', account: '', tab: '', trigger: 'run now' });
      return { at: Date.now(), status: 'failed', rowsAdded: 0, rowsUpdated: 0, callsUsed: 0, message: STORE_FULL_TEXT };
    } finally {
      ctx.releaseThrottles();
    }
    afterRunNow(ctx, result.outcomes, result.queued);
    return { ...result.summary, message: runAllText(result.outcomes, result.queued, waiting) };
  });
}

/** Open the log: shows the log tab in the spreadsheet, at its latest line. */
export function openLogTab(): { message: string } {
  // The execution's start, before any service call: the time budget counts from here.
  const startedAt = Date.now();
  return serve(() => {
    const spreadsheet = createContext(startedAt).spreadsheet();
    const sheet = spreadsheet.getSheetByName(LOG_TAB_NAME);
    if (!sheet) throw new SidebarError('not_found', `There is no "${LOG_TAB_NAME}" tab yet: it appears with the first run.`);
    if (sheet.isSheetHidden()) sheet.showSheet();
    spreadsheet.setActiveSheet(sheet);
    // The latest runs are at the bottom: put them in view.
    sheet.getRange(Math.max(1, sheet.getLastRow()), 1).activate();
    return { message: `The "${LOG_TAB_NAME}" tab is open in the spreadsheet; the latest runs are at the bottom.` };
  });
}

export function getRunProgress(configurationId: string): RunProgress | null {
  return serve(() => {
    const raw = progressCache().get(PROGRESS + String(configurationId));
    return raw ? (JSON.parse(raw) as RunProgress) : null;
  });
}
