// One execution of a repair: the report's own run (runReport) in Update mode over the repair's days,
// with the account's token, Graph client, throttle and quota counters as every run, under the report's
// lease (a repair and the report never write the tab at once), from the repair's own checkpoint. The
// report's configuration, state and status are never changed: a repair only rewrites rows. What
// happened goes to the log (started by "repair") and, once finished, to the card.
import { markReconnect } from '../accounts/maintenance';
import { tokenForRun } from '../accounts/run-token';
import type { RunSummary } from '../configurations/status';
import { calendarDateIn, describeTime, isoDate } from '../reports/dates';
import { getReport } from '../reports/registry';
import type { ReportConfiguration } from '../reports/types';
import { QUOTA_REASON_TEXT } from '../quota/quota-exhausted';
import { continuesWhen, ROOM_RETRY_MS, type RunEnvironment } from '../run/execute';
import type { RunLogEntry } from '../run/run-log';
import { runReport, type RunResult } from '../run/run-report';
import { REPAIR_PLANS } from './plans';
import { daysText, repairRuleOf } from './rules';
import { REPAIR_RUN_PREFIX, type RepairJob, type RepairStore } from './store';

/** Failed executions in a row before a repair gives up (each waits an hour). */
export const REPAIR_ATTEMPTS = 3;
const HOUR = 3_600_000;

export interface RepairOutcome {
  summary: RunSummary;
  entry: RunLogEntry;
  /** The job is over (done, failed for good, or cancelled). */
  finished: boolean;
  /** Instagram's or Sheetgram's limit for the account: its other work waits too. */
  accountPaused?: boolean;
  /** Google's daily UrlFetch quota: nothing else runs until then. */
  googleLimitUntil?: number;
}

export interface RepairOptions {
  deadline: number;
}

const count = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** "31 rows refreshed, 3 added" */
function rowsText(result: Pick<RunResult, 'rowsAdded' | 'rowsUpdated'>): string {
  return `${count(result.rowsUpdated, 'row', 'rows')} refreshed, ${result.rowsAdded.toLocaleString('en-US')} added`;
}

/** The repair's checkpoint: kept apart from the report's own. */
export function repairCheckpoint(env: Pick<RunEnvironment, 'configs'>, configId: string) {
  return env.configs.checkpoints(REPAIR_RUN_PREFIX + configId);
}

export function runRepair(job: RepairJob, env: RunEnvironment, repairs: RepairStore, options: RepairOptions): RepairOutcome {
  const started = env.clock.now();
  const config = env.configs.get(job.configId);
  const days = daysText(job);
  const title = config ? getReport(config.reportId).title : 'A deleted report';
  const account = config ? env.accounts.get(config.accountId) : null;
  const who = `@${account?.username ?? config?.accountUsername ?? config?.accountId ?? 'unknown'}`;
  const outcome = (status: RunSummary['status'], message: string, finished: boolean, result?: RunResult): RepairOutcome => {
    const summary: RunSummary = {
      at: env.clock.now(), status, message, rowsAdded: result?.rowsAdded ?? 0, rowsUpdated: result?.rowsUpdated ?? 0, callsUsed: result?.callsUsed ?? 0,
    };
    const entry: RunLogEntry = {
      at: started, report: title, account: who, tab: config?.tab.name ?? '', trigger: 'repair', status, rowsAdded: summary.rowsAdded,
      rowsUpdated: summary.rowsUpdated, calls: summary.callsUsed, durationMs: env.clock.now() - started, message,
    };
    return { summary, entry, finished };
  };
  /** Ends the repair without writing: the reason says what to do. */
  const cancel = (why: string): RepairOutcome => {
    repairCheckpoint(env, job.configId).clear();
    const out = outcome('failed', `Repair of ${days} cancelled: ${why}`, true);
    repairs.finish(job.configId, config ? { from: job.from, to: job.to, summary: out.summary } : null);
    return out;
  };

  if (!config) return cancel('the report was deleted, so nothing was written.');
  const rule = repairRuleOf(config);
  const plan = REPAIR_PLANS[config.reportId];
  if (!rule || !plan) return cancel(`${title} now adds a row per run (Append), so it has no days to repair. Switch it to Update to repair it.`);
  // A deleted tab is not made again by a repair: the person's report would find rows it never wrote there.
  if (!env.tab.findTab(config.tab.sheetId, config.tab.name)) {
    return cancel(`the tab "${config.tab.name}" was deleted. Run the report to make it again, then fill or repair its history.`);
  }
  if (!account) return cancel(`${who} is not connected for the person who asked for it. Connect it, then start the repair again.`);
  const report = getReport(config.reportId);
  const token = tokenForRun(env.accounts, account, report.tokenUse ?? 'account', report.title, env.clock.now());
  if (!token.ok) return cancel(token.reason);

  if (!env.leases.claim(config.id, env.holder, options.deadline + 60_000)) {
    const out = outcome('continues', `Repair of ${days}: the report is running, so the repair continues at the next hourly run.`, false);
    repairs.save({ ...job, lastRun: out.summary });
    return out;
  }
  let result: RunResult;
  try {
    const graph = env.openGraph(account, token.token.accessToken, options.deadline);
    try {
      // Update mode over the report's keys, as the account is called today; the configuration's own state is not used.
      const run: ReportConfiguration = { ...config, id: REPAIR_RUN_PREFIX + config.id, mode: 'update', state: {}, accountUsername: account.username };
      result = runReport(run, {
        reader: graph, tab: env.tab, clock: env.clock, log: env.log, checkpoint: repairCheckpoint(env, config.id),
        deadline: options.deadline, timeZone: env.timeZone, textEscaping: env.textEscaping, repair: { days: { from: job.from, to: job.to }, plan },
      });
    } finally {
      graph.release();
    }
  } finally {
    env.leases.release(config.id, env.holder);
  }
  return settleRepair(job, result, env, repairs, days, (status, message, finished) => outcome(status, message, finished, result), account);
}

/**
 * BigQuery holds a snapshot of the tab per day, and today's was taken before the repair: the next tick
 * loads today's again (replacing it, nothing else), so repaired rows do not wait for tomorrow's run.
 */
function reloadIntoBigQuery(env: RunEnvironment, configId: string, now: number): void {
  const status = env.configs.status(configId);
  // A failing BigQuery side keeps its own retries (and its wait for the person): its next load has the repair.
  if (!status.bigquery?.lastLoadAt || status.bigquery.error) return;
  env.configs.saveStatus(configId, { ...status, bigquery: { ...status.bigquery, pending: true, day: isoDate(calendarDateIn(now, env.timeZone)) } });
}

function settleRepair(
  job: RepairJob, result: RunResult, env: RunEnvironment, repairs: RepairStore, days: string,
  outcome: (status: RunSummary['status'], message: string, finished: boolean) => RepairOutcome, account: NonNullable<ReturnType<RunEnvironment['accounts']['get']>>,
): RepairOutcome {
  const now = env.clock.now();
  const notes = [...new Set(result.messages)].join(' ');
  const finish = (out: RepairOutcome) => {
    repairs.finish(job.configId, { from: job.from, to: job.to, summary: out.summary });
    return out;
  };
  const goOn = (out: RepairOutcome, resumeAt?: number, failures = 0) => {
    repairs.save({ ...job, lastRun: out.summary, failures, ...(resumeAt !== undefined ? { resumeAt } : { resumeAt: undefined }) });
    return out;
  };
  if (result.status === 'done' || result.status === 'incomplete') {
    if (result.rowsAdded + result.rowsUpdated > 0) reloadIntoBigQuery(env, job.configId, now);
    const skipped = result.skipped.length ? ` ${count(result.skipped.length, 'item', 'items')} skipped: ${result.skipped[0].reason}` : '';
    const status = result.status === 'incomplete' ? 'incomplete' : result.skipped.length ? 'partial' : 'ok';
    const short = result.shortfall ? ` ${result.shortfall.replace(/ Sheetgram tries again at the next run\.$/, ' Start the repair again to read the rest.')}` : '';
    return finish(outcome(status, `Re-read ${days}: ${rowsText(result)}.${short}${skipped}${notes ? ` ${notes}` : ''}`, true));
  }
  const error = result.error;
  if (!error) return goOn(outcome('continues', `Repair of ${days}: ${rowsText(result)} so far; continues at the next hourly run.`, false));
  if (error.resumeAt !== undefined && error.pause) {
    const google = error.pause === QUOTA_REASON_TEXT.google_urlfetch_daily;
    const out = outcome('continues', `Repair of ${days} paused: ${error.pause}; continues ${google ? continuesWhen(error.resumeAt, now, env.timeZone) : `at ${describeTime(error.resumeAt, now, env.timeZone)}`}.`, false);
    return goOn({ ...out, ...(google ? { googleLimitUntil: error.resumeAt } : { accountPaused: true }) }, error.resumeAt, job.failures ?? 0);
  }
  if (error.kind === 'spreadsheet_full') {
    const resumeAt = now + ROOM_RETRY_MS;
    return goOn(outcome('failed', `Repair of ${days}: ${error.message} It tries again ${continuesWhen(resumeAt, now, env.timeZone)}.`, false), resumeAt, job.failures ?? 0);
  }
  if (error.kind === 'auth') {
    // As any run: the account waits for Reconnect, and so does the repair (the hourly run skips it until then).
    markReconnect(env.accounts, account, error.message);
    return goOn(outcome('failed', `Repair of ${days} waits for you: ${error.message} Click Reconnect next to @${account.username}; it goes on after that.`, false), undefined, job.failures ?? 0);
  }
  const failures = (job.failures ?? 0) + 1;
  if (failures >= REPAIR_ATTEMPTS) return finish(outcome('failed', `Repair of ${days} stopped after ${failures} tries: ${error.message} What it read is in the tab; start it again to finish.`, true));
  return goOn(outcome('failed', `Repair of ${days}: ${error.message} It tries again at the next hourly run.`, false), now + HOUR - 5 * 60_000, failures);
}
