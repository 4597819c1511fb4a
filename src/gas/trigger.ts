// The one hourly dispatcher trigger per user and document (Editor add-ons may have one time-driven
// trigger of each type per user per document, at most hourly): installed when the user's first
// schedule is saved, removed when their last one goes.
import { runsOnItsOwn } from '../core/schedule/dispatch';
import { RepairStore } from '../core/repair/store';
import type { GasContext } from './context';

export const DISPATCHER_FUNCTION = 'runScheduledReports';

function dispatcherTriggers(ctx: GasContext): GoogleAppsScript.Script.Trigger[] {
  return ScriptApp.getUserTriggers(ctx.spreadsheet()).filter((t) => t.getHandlerFunction() === DISPATCHER_FUNCTION);
}

/** Whether this user has configurations that run on their own (a schedule, a run to resume or retry). */
function hasSchedules(ctx: GasContext): boolean {
  const owner = ctx.userKey();
  // A repair under way goes on at the next hourly runs too.
  return ctx.configs().listWithStatus().some((item) => item.config.owner === owner && runsOnItsOwn(item))
    || new RepairStore(ctx.documentProps()).hasPending(owner);
}

/** Installs or removes the dispatcher so that it exists exactly when this user has something scheduled. */
export function syncTrigger(ctx: GasContext, wanted = hasSchedules(ctx)): void {
  const existing = dispatcherTriggers(ctx);
  if (wanted && existing.length === 0) {
    try {
      ScriptApp.newTrigger(DISPATCHER_FUNCTION).timeBased().everyHours(1).create();
    } catch (e) {
      // Another execution of this person installed it a moment ago (add-ons get one per document).
      if (dispatcherTriggers(ctx).length === 0) throw e;
    }
  } else if (!wanted) {
    for (const trigger of existing) ScriptApp.deleteTrigger(trigger);
  }
}
