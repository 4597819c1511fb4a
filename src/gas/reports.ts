// The sidebar's report actions: save (checked, then the dispatcher trigger kept in step), delete, Run
// now through the same path the scheduler takes, and the progress of a run in flight.
import type { Configuration as ConfigurationView, RunProgress, RunSummary, TabDescription } from '../ui/rpc';
import { configurationFromInput, type ConfigurationInput } from '../core/configurations/input';
import { describeTabChoice, HEADER_CELLS, type TabSurvey } from '../core/configurations/tab-choice';
import { sameTabName } from '../core/configurations/tab-names';
import { membersOf } from '../core/configurations/groups';
import { runConfiguration, type RunOutcome } from '../core/run/execute';
import { getReport } from '../core/reports/registry';
import type { ReportConfiguration } from '../core/reports/types';
import { configurationView } from '../core/sidebar/view';
import { SidebarError } from '../core/sidebar/errors';
import { createContext, type GasContext } from './context';
import { runGroupNow, saveGroup } from './groups';
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

export function runConfigurationNow(configurationId: string): RunSummary {
  // The execution's start, before any service call: the time budget counts from here.
  const startedAt = Date.now();
  return serve(() => {
    const ctx = createContext(startedAt);
    const configs = ctx.configs();
    const config = configs.get(String(configurationId));
    if (!config) throw new SidebarError('not_found', 'This report was deleted in the meantime.');
    const env = ctx.runEnvironment();
    const cache = progressCache();
    env.onProgress = (id, p) => cache.put(PROGRESS + id, JSON.stringify({ phase: `Reading page ${p.pages}`, rowsWritten: p.rows, callsUsed: p.callsUsed } satisfies RunProgress), 600);
    const run = (member: ReportConfiguration) => {
      // A run of the same report already going: wait briefly for it, else leave it to finish.
      while (env.leases.heldUntil(member.id) !== null && Date.now() - ctx.startedAt < WAIT_FOR_OTHER_RUN_MS) Utilities.sleep(2_000);
      try {
        return runConfiguration(member, env, { deadline: ctx.deadline, trigger: 'run now' });
      } finally {
        cache.remove(PROGRESS + member.id);
      }
    };
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
    const { summary, outcomes, queued } = result;
    logRuns(ctx, outcomes.map((o) => o.entry));
    // An unfinished or incomplete run is resumed or retried by the dispatcher, which must exist for that.
    if (queued || outcomes.some((o) => o.summary.status === 'continues' || o.summary.status === 'incomplete')) syncTrigger(ctx, true);
    return summary;
  });
}

export function getRunProgress(configurationId: string): RunProgress | null {
  return serve(() => {
    const raw = progressCache().get(PROGRESS + String(configurationId));
    return raw ? (JSON.parse(raw) as RunProgress) : null;
  });
}
