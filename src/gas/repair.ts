// The sidebar's "Fill or repair history": the repair is checked and stored, then run at once as Run now
// runs a report (what does not fit this execution goes on at the next hourly runs, which the
// dispatcher trigger is kept for), and logged. Cancel stops one under way; what it wrote stays.
import type { RepairInput, RunStatus } from '../contract/sidebar';
import { daysText } from '../core/repair/rules';
import { runRepair, repairCheckpoint } from '../core/repair/run';
import { askRepair } from '../core/repair/start';
import { RepairStore } from '../core/repair/store';
import { SidebarError } from '../core/sidebar/errors';
import { createContext, type GasContext } from './context';
import { logRuns } from './run-log';
import { serve } from './serve';
import { syncTrigger } from './trigger';

export function repairStore(ctx: GasContext): RepairStore {
  return new RepairStore(ctx.documentProps());
}

export function startRepair(input: RepairInput): { message: string; status: RunStatus } {
  // The execution's start, before any service call: the time budget counts from here.
  const startedAt = Date.now();
  return serve(() => {
    const ctx = createContext(startedAt);
    const config = ctx.configs().get(String(input?.configurationId ?? ''));
    const repairs = repairStore(ctx);
    const job = askRepair({
      config, account: config ? ctx.accounts().get(config.accountId) : null, input: { from: input?.from, to: input?.to },
      owner: ctx.userKey(), now: Date.now(), timeZone: ctx.timeZone(),
    }, repairs);
    // The hourly run must exist before anything runs: it continues what does not fit this execution.
    try {
      syncTrigger(ctx, true);
    } catch (e) {
      // No hourly run (Google's 20 triggers are used up): a repair that could not go on is not started.
      repairs.drop(job.configId);
      throw e;
    }
    let outcome;
    try {
      outcome = runRepair(job, ctx.runEnvironment(), repairs, { deadline: ctx.deadline });
    } finally {
      ctx.releaseThrottles();
    }
    logRuns(ctx, [outcome.entry]);
    if (outcome.finished) syncTrigger(ctx);
    return { message: outcome.summary.message, status: outcome.summary.status };
  });
}

export function cancelRepair(configurationId: string): { message: string } {
  const startedAt = Date.now();
  return serve(() => {
    const ctx = createContext(startedAt);
    const repairs = repairStore(ctx);
    const id = String(configurationId ?? '');
    const job = repairs.job(id);
    if (!job) throw new SidebarError('not_found', 'This repair has already finished.');
    repairCheckpoint({ configs: ctx.configs() }, id).clear();
    repairs.drop(id);
    syncTrigger(ctx);
    return { message: `Repair of ${daysText(job)} cancelled; the rows it already wrote stay.` };
  });
}
