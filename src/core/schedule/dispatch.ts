// One tick of the hourly dispatcher, as one user: renew that user's sign-ins, then run what is due of
// the configurations that user owns (unfinished runs first, then the most overdue) while the
// execution has time. An account that needs reconnecting or is paused by Instagram is skipped for the
// rest of the tick; a report that waits for its person is left alone, quietly, until they have acted;
// an incomplete run is due again soon; a schedule that keeps failing e-mails its owner once.
import { maintainTokens, type MaintenanceDeps } from '../accounts/maintenance';
import type { AccountStore } from '../accounts/account-store';
import type { MailKind } from '../accounts/mail-settings';
import { nextDueAt, waitIsOver, type AccountStanding, type ConfigurationStatus, type WaitReason } from '../configurations/status';
import { STOPPED_TEXT, continuesWhen, googleLimitText, loadIntoBigQuery, runConfiguration, type RunEnvironment, type RunOutcome } from '../run/execute';
import { calendarDateIn, isoDate } from '../reports/dates';
import type { RunLogEntry } from '../run/run-log';
import { getReport } from '../reports/registry';
import type { ReportConfiguration } from '../reports/types';
import { runDueRepairs } from '../repair/dispatch';
import type { RepairStore } from '../repair/store';
import { nextRunAt } from './schedule';
import { loadsIntoBigQuery } from '../bigquery/target';
import type { TriggerTimeLedger } from './trigger-time';

export interface DispatchEnvironment extends RunEnvironment {
  /** The running user's Sheetgram key: only their configurations are theirs to run. */
  owner: string;
  maintenance: Omit<MaintenanceDeps, 'accounts' | 'clock' | 'timeZone' | 'mail'>;
  /** E-mails the running user; kind: what it is about (their e-mail settings; absent: a failure). */
  mail(subject: string, body: string, kind?: MailKind): void;
  spreadsheetName: string;
  /**
   * The person's daily trigger runtime, and when this execution started: runs stop before Google's
   * allowance instead of being killed by it. Absent: only the execution's own deadline counts.
   */
  triggerTime?: { ledger: TriggerTimeLedger; startedAt: number };
  /** Repairs the person asked for (Fill or repair history): run after the scheduled runs, in the time left. */
  repairs?: RepairStore;
}

export interface TickReport {
  outcomes: { configId: string; outcome: RunOutcome }[];
  entries: RunLogEntry[];
  /** Configurations left for a later tick (no time left in this execution). */
  leftForLater: string[];
  /** Whether this user still has anything to run on a schedule (else the trigger can go). */
  hasSchedules: boolean;
}

/** Do not start a run with less than this left: a page and a write must fit. */
export const MIN_RUN_MS = 45_000;
/**
 * Time kept at the end of a tick for what follows the runs: every account's throttle counters handed
 * back, the run log written, the day's trigger time recorded. Measured with the local runtime's costs
 * at 8 to 15 s for 25 accounts; without it, a tick that ran to its deadline passed Google's 6 minutes.
 */
export const TICK_TAIL_MS = 20_000;
/** Failed scheduled runs in a row before the owner hears about it (once). */
export const FAILURES_BEFORE_MAIL = 3;

/** Whether a configuration still runs on its own: a schedule, an unfinished run, or a retry pending. */
export function runsOnItsOwn(item: { config: ReportConfiguration; unfinished: boolean; status: ConfigurationStatus }): boolean {
  return item.config.schedule.kind !== 'off' || item.unfinished || item.status.retryAt !== undefined;
}

export function dispatch(env: DispatchEnvironment, executionDeadline: number): TickReport {
  const deadline = executionDeadline - TICK_TAIL_MS;
  const report: TickReport = { outcomes: [], entries: [], leftForLater: [], hasSchedules: false };
  const tickAt = env.clock.now();
  const maintenance = maintainTokens({ ...env.maintenance, accounts: env.accounts, clock: env.clock, timeZone: env.timeZone, mail: env.mail });
  const note = (account: string, message: string) => report.entries.push({
    at: tickAt, report: 'Sign-in', account: `@${account}`, tab: '', trigger: 'maintenance', status: 'info', rowsAdded: 0, rowsUpdated: 0, calls: 0, durationMs: 0, message,
  });
  maintenance.refreshed.forEach((a) => note(a, 'Renewed the Instagram sign-in for another 60 days.'));
  maintenance.warned.forEach((a) => note(a, 'The Facebook sign-in expires within 7 days; an e-mail asked to reconnect.'));
  maintenance.stopped.forEach((a) => note(a, 'Reconnect needed: its reports stop until the account is connected again.'));

  const mine = env.configs.listWithStatus().filter(({ config }) => config.owner === env.owner);
  report.hasSchedules = mine.some(runsOnItsOwn) || Boolean(env.repairs?.hasPending(env.owner));
  const standing = standings(env.accounts);
  const due = mine
    .map((item) => ({ ...item, next: item.unfinished ? -Infinity : nextDueAt(nextRunAt(item.config.schedule, item.status.lastRunAt, tickAt, env.timeZone), item.status) }))
    .filter(({ next, status, config }) => next !== null && next <= tickAt && !(status.resumeAt && status.resumeAt > tickAt)
      && waitIsOver(status, standing(config.accountId)))
    .sort((a, b) => (a.next as number) - (b.next as number) || (a.status.lastRunAt ?? 0) - (b.status.lastRunAt ?? 0));

  const blockedAccounts = new Set<string>();
  // Google's daily UrlFetch quota is the Google user's: once a run meets it, no other run is attempted.
  let googleLimitUntil: number | undefined;
  for (const { config, unfinished } of due) {
    if (googleLimitUntil !== undefined) {
      // Waits for the same reset, and says why, without a call that Google would refuse.
      const waiting = env.configs.status(config.id);
      const message = googleLimitText(googleLimitUntil, env.clock.now(), env.timeZone);
      env.configs.saveStatus(config.id, { ...waiting, resumeAt: googleLimitUntil, lastRun: { at: env.clock.now(), status: 'continues', message, rowsAdded: 0, rowsUpdated: 0, callsUsed: 0 } });
      continue;
    }
    if (blockedAccounts.has(config.accountId)) continue;
    const day = env.triggerTime && dayLimit(env.triggerTime, unfinished, env.clock.now());
    const runDeadline = day && day.deadline < deadline ? day.deadline : deadline;
    if (env.clock.now() + MIN_RUN_MS > runDeadline) {
      if (day && runDeadline < deadline) waitForTriggerTime(env, config, unfinished, null);
      else report.leftForLater.push(config.id);
      continue;
    }
    const outcome = runConfiguration(config, env, { deadline: runDeadline, trigger: 'schedule' });
    // Stopped by the day's trigger time rather than the execution's: says so, and when it goes on.
    const dayStopped = Boolean(day && runDeadline < deadline && outcome.stoppedAtDeadline);
    if (dayStopped) waitForTriggerTime(env, config, unfinished, outcome);
    report.outcomes.push({ configId: config.id, outcome });
    report.entries.push(outcome.entry);
    const status = env.configs.status(config.id);
    if (outcome.googleLimitUntil !== undefined) {
      // Not a failure: no e-mail; the other reports wait for the same reset without calling.
      googleLimitUntil = outcome.googleLimitUntil;
      continue;
    }
    // A pause of the account (Instagram's limits), not the person's trigger time, keeps its other reports from running.
    if (outcome.reconnect || (!dayStopped && !outcome.spreadsheetFull && status.resumeAt && status.resumeAt > env.clock.now())) blockedAccounts.add(config.accountId);
    // The one e-mail of a wait: when a run finds out from Instagram (later runs wait without a word).
    if (outcome.waiting?.discovered) {
      const mail = WAIT_MAIL[outcome.waiting.reason](config, outcome.summary.message, env.spreadsheetName);
      env.mail(mail.subject, mail.body, 'sign_in');
    } else if (outcome.summary.status === 'failed' && !outcome.waiting && status.failures >= FAILURES_BEFORE_MAIL && !status.failureMailedAt) {
      const title = getReport(config.reportId).title;
      env.mail(
        `Sheetgram: "${title}" for @${config.accountUsername ?? config.accountId} keeps failing`,
        `The scheduled report "${title}" (tab "${config.tab.name}") in the spreadsheet "${env.spreadsheetName}" failed ${status.failures} times in a row.\n\n`
        + `Last error: ${outcome.summary.message}\n\nOpen the spreadsheet, then Extensions > Sheetgram > Open sidebar to see the details. `
        + 'Sheetgram keeps trying on schedule and will not e-mail again about this report until it has run successfully.\n',
        'failure',
      );
      env.configs.saveStatus(config.id, { ...status, failureMailedAt: env.clock.now() });
    }
  }
  if (env.repairs && googleLimitUntil === undefined) report.entries.push(...runDueRepairs(env, env.repairs, deadline, blockedAccounts).entries);
  loadLeftoverBigQuery(env, mine, new Set(report.outcomes.map((o) => o.configId)), deadline);
  return report;
}

/**
 * BigQuery loads a run could not finish (its time ran out) or that BigQuery refused for a while (a limit,
 * an outage) go on at the next tick, without reading Instagram again: the rows are in the tab.
 */
function loadLeftoverBigQuery(env: DispatchEnvironment, mine: { config: ReportConfiguration; status: ConfigurationStatus }[], ranNow: Set<string>, deadline: number): void {
  for (const { config, status } of mine) {
    const state = status.bigquery;
    if (!loadsIntoBigQuery(config) || ranNow.has(config.id) || !state || !(state.pending || (state.error && !state.needsPerson))) continue;
    // A failure BigQuery may get over by itself is tried again less and less often, not every hour.
    if (!state.pending && state.retryAt !== undefined && state.retryAt > env.clock.now()) continue;
    if (env.clock.now() + MIN_RUN_MS > deadline) return;
    if (!env.leases.claim(config.id, env.holder, deadline + 60_000)) continue;
    try {
      loadIntoBigQuery(config, state.day ?? config.state?.lastRunDate ?? isoDate(calendarDateIn(env.clock.now(), env.timeZone)), env, deadline);
    } finally {
      env.leases.release(config.id, env.holder);
    }
  }
}

/** Where the day's trigger time ends this run: continuing pulls get less than the day's scheduled runs. */
function dayLimit(time: NonNullable<DispatchEnvironment['triggerTime']>, unfinished: boolean, now: number): { deadline: number } {
  const budget = time.ledger.budget(time.startedAt);
  // The tick's tail counts toward the day's trigger time as well.
  return { deadline: now + (unfinished ? budget.continuingMs : budget.scheduledMs) - TICK_TAIL_MS };
}

/**
 * A report that the day's trigger time stopped (or did not let start): it waits until enough of the
 * day's time is free again, and its status says why in the person's words. Run now is not trigger time,
 * so the sidebar's Run now still goes on at once.
 */
function waitForTriggerTime(env: DispatchEnvironment, config: ReportConfiguration, unfinished: boolean, outcome: RunOutcome | null): void {
  const time = env.triggerTime;
  if (!time) return;
  const now = env.clock.now();
  const limits = time.ledger.limits();
  const resumeAt = time.ledger.availableAt(unfinished ? limits.continuingMs : limits.dayMs, MIN_RUN_MS * 2, now - time.startedAt);
  const minutes = time.ledger.settings.minutesPerDay;
  const message = (unfinished || outcome ? 'A long history is read over several days: ' : '')
    + `Google gives scheduled runs ${minutes} minutes a day for each person, and today's share for Sheetgram is used. `
    + (unfinished || outcome ? 'What is read so far is in the tab; ' : '')
    + `Sheetgram continues ${continuesWhen(resumeAt, now, env.timeZone)}, or now with Run now.`;
  const status = env.configs.status(config.id);
  const lastRun = outcome
    ? { ...outcome.summary, message: [outcome.summary.message.replace(STOPPED_TEXT, '').trim(), message].filter(Boolean).join(' ') }
    : { at: now, status: 'continues' as const, rowsAdded: 0, rowsUpdated: 0, callsUsed: 0, message };
  env.configs.saveStatus(config.id, { ...status, resumeAt, lastRun });
  if (outcome) {
    outcome.summary = lastRun;
    outcome.entry = { ...outcome.entry, message: lastRun.message };
  }
}

/**
 * How each account stands for the person running the tick, for reports that wait for them (read lazily:
 * most ticks have none). A token is read only for an account that otherwise looks usable.
 */
function standings(accounts: AccountStore): (accountId: string) => AccountStanding {
  let listed: Map<string, { reconnectReason?: string; tokenIssuedAt: number }> | null = null;
  return (accountId) => {
    listed ??= new Map(accounts.list().map((a) => [a.id, a]));
    const account = listed.get(accountId);
    const usable = Boolean(account && !account.reconnectReason && accounts.token(accountId));
    return { usable, signedInAt: account?.tokenIssuedAt };
  };
}

const OPEN_SIDEBAR = 'Open the spreadsheet, then Extensions > Sheetgram > Open sidebar';

/** The e-mail that tells a person a report waits for them. */
const WAIT_MAIL: Record<WaitReason, (config: ReportConfiguration, message: string, spreadsheet: string) => { subject: string; body: string }> = {
  reconnect: (config, message, spreadsheet) => ({
    subject: `Sheetgram: reconnect @${config.accountUsername ?? config.accountId} so its reports go on`,
    body: `${message}\n\n${OPEN_SIDEBAR} and click Reconnect next to the account. Its scheduled reports in the spreadsheet "${spreadsheet}" `
      + 'wait until then without trying again, and go on by themselves at the next hourly run after you reconnect.\n',
  }),
  permission: (config, message, spreadsheet) => ({
    subject: `Sheetgram: "${getReport(config.reportId).title}" for @${config.accountUsername ?? config.accountId} waits for you`,
    body: `${message}\n\n${OPEN_SIDEBAR}, reconnect the account allowing every permission (or save the report again once the cause is fixed). `
      + `The report (tab "${config.tab.name}" in "${spreadsheet}") waits until then and goes on by itself at the next hourly run.\n`,
  }),
};
