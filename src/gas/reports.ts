// The sidebar's report actions: save (checked, then the dispatcher trigger kept in step), delete, Run
// now through the same path the scheduler takes, and the progress of a run in flight.
import type { Configuration as ConfigurationView, RunProgress, RunSummary } from '../ui/rpc';
import { configurationFromInput, type ConfigurationInput } from '../core/configurations/input';
import { runConfiguration } from '../core/run/execute';
import { writeRunLog } from '../core/run/run-log';
import { getReport } from '../core/reports/registry';
import { configurationView } from '../core/sidebar/view';
import { SidebarError } from '../core/sidebar/errors';
import { createContext, type GasContext } from './context';
import { sheetTabs } from './adapters/sheet-tabs';
import { serve } from './serve';
import { syncTrigger } from './trigger';

const PROGRESS = 'sheetgram.progress.';
/** How long "Run now" waits for a run of the same report that is already going. */
const WAIT_FOR_OTHER_RUN_MS = 20_000;

function progressCache(): GoogleAppsScript.Cache.Cache {
  return CacheService.getDocumentCache() ?? CacheService.getUserCache();
}

export function saveConfiguration(input: ConfigurationInput): ConfigurationView {
  return serve(() => {
    const ctx = createContext();
    const account = ctx.accounts().get(String(input?.accountId ?? ''));
    if (!account) throw new SidebarError('invalid_input', 'Choose one of your connected accounts.');
    if (account.reconnectReason) throw new SidebarError('reconnect_needed', `@${account.username} needs to be reconnected first: ${account.reconnectReason}`);
    const configs = ctx.configs();
    const existing = input.id ? configs.get(String(input.id)) : null;
    if (input.id && !existing) throw new SidebarError('not_found', 'This report was deleted in the meantime.');
    const config = configurationFromInput(input, { account, existing, owner: ctx.userKey(), now: Date.now(), newId: () => Utilities.getUuid() });
    configs.save(config);
    const status = configs.status(config.id);
    // Saving again is how a person says "try again": a stop for a missing permission or a pause ends.
    if (status.stoppedReason || status.resumeAt) configs.saveStatus(config.id, { ...status, stoppedReason: undefined, resumeAt: undefined });
    syncTrigger(ctx);
    return configurationView(config, configs.status(config.id), false, Date.now(), ctx.timeZone());
  });
}

export function deleteConfiguration(configurationId: string): { message: string } {
  return serve(() => {
    const ctx = createContext();
    const configs = ctx.configs();
    const config = configs.get(String(configurationId));
    if (!config) throw new SidebarError('not_found', 'This report was already deleted.');
    configs.remove(config.id);
    syncTrigger(ctx);
    return { message: `Deleted ${getReport(config.reportId).title} for @${config.accountUsername ?? config.accountId}. The tab "${config.tab.name}" and its rows stay.` };
  });
}

/** Writes the runs' lines to the log tab; a failure there must not lose a run's result. */
export function logRuns(ctx: GasContext, entries: Parameters<typeof writeRunLog>[1]): void {
  try {
    writeRunLog(sheetTabs(ctx.spreadsheet()), entries, ctx.settings().textEscaping);
  } catch (e) {
    ctx.log.warn(`Could not write the Sheetgram log tab: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export function runConfigurationNow(configurationId: string): RunSummary {
  return serve(() => {
    const ctx = createContext();
    const configs = ctx.configs();
    const config = configs.get(String(configurationId));
    if (!config) throw new SidebarError('not_found', 'This report was deleted in the meantime.');
    const env = ctx.runEnvironment();
    // A run of the same report already going: wait briefly for it, else leave it to finish.
    while (env.leases.heldUntil(config.id) !== null && Date.now() - ctx.startedAt < WAIT_FOR_OTHER_RUN_MS) Utilities.sleep(2_000);
    const cache = progressCache();
    env.onProgress = (id, p) => cache.put(PROGRESS + id, JSON.stringify({ phase: `Reading page ${p.pages}`, rowsWritten: p.rows, callsUsed: p.callsUsed } satisfies RunProgress), 600);
    let outcome;
    try {
      outcome = runConfiguration(config, env, { deadline: ctx.deadline, trigger: 'run now' });
    } finally {
      ctx.releaseThrottles();
    }
    cache.remove(PROGRESS + config.id);
    logRuns(ctx, [outcome.entry]);
    // An unfinished run is resumed by the dispatcher, which must exist for that.
    if (outcome.summary.status === 'continues') syncTrigger(ctx, true);
    return outcome.summary;
  });
}

export function getRunProgress(configurationId: string): RunProgress | null {
  return serve(() => {
    const raw = progressCache().get(PROGRESS + String(configurationId));
    return raw ? (JSON.parse(raw) as RunProgress) : null;
  });
}
