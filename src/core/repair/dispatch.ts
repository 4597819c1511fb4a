// Repairs in the hourly dispatcher: after the scheduled runs, in the time left, the person's repairs in
// the order they were asked for. A repair waits out a pause of its account (Instagram's limit, a
// reconnect) like any run, and one cut off by the execution's time limit goes on at the next tick.
import type { AccountStore } from '../accounts/account-store';
import type { RunEnvironment } from '../run/execute';
import type { RunLogEntry } from '../run/run-log';
import { runRepair } from './run';
import type { RepairStore } from './store';

/** Do not start a repair with less than this left: a page and a write must fit (as dispatch's MIN_RUN_MS). */
export const MIN_REPAIR_MS = 45_000;

export interface RepairTick {
  entries: RunLogEntry[];
  /** Google's daily UrlFetch quota was met: nothing else may call until then. */
  googleLimitUntil?: number;
}

/** An account that is connected but must be reconnected: its repairs wait without a word. */
function waitsForReconnect(accounts: AccountStore, accountId: string | undefined): boolean {
  const account = accountId ? accounts.get(accountId) : null;
  return Boolean(account?.reconnectReason);
}

export function runDueRepairs(
  env: RunEnvironment & { owner: string }, repairs: RepairStore, deadline: number, blockedAccounts: Set<string>,
): RepairTick {
  const tick: RepairTick = { entries: [] };
  const { jobs, results } = repairs.all();
  // The result of a repair whose report was deleted since has no card to show on.
  for (const configId of results.keys()) if (!env.configs.get(configId)) repairs.finish(configId, null);
  for (const job of jobs) {
    if (job.owner !== env.owner) continue;
    const now = env.clock.now();
    if (job.resumeAt !== undefined && job.resumeAt > now) continue;
    const accountId = env.configs.get(job.configId)?.accountId;
    if (accountId && (blockedAccounts.has(accountId) || waitsForReconnect(env.accounts, accountId))) continue;
    if (now + MIN_REPAIR_MS > deadline) break;
    const outcome = runRepair(job, env, repairs, { deadline });
    tick.entries.push(outcome.entry);
    if (outcome.googleLimitUntil !== undefined) {
      tick.googleLimitUntil = outcome.googleLimitUntil;
      break;
    }
    if (outcome.accountPaused && accountId) blockedAccounts.add(accountId);
  }
  return tick;
}
