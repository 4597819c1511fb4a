// One tick of the hourly dispatcher, as one user: renew that user's sign-ins, then run what is due of
// the configurations that user owns (unfinished runs first, then the most overdue) while the
// execution has time. An account that needs reconnecting or is paused by Instagram is skipped for the
// rest of the tick; a schedule that keeps failing e-mails its owner once.
import { maintainTokens, type MaintenanceDeps } from '../accounts/maintenance';
import { runConfiguration, type RunEnvironment, type RunOutcome } from '../run/execute';
import type { RunLogEntry } from '../run/run-log';
import { getReport } from '../reports/registry';
import { nextRunAt } from './schedule';

export interface DispatchEnvironment extends RunEnvironment {
  /** The running user's Sheetgram key: only their configurations are theirs to run. */
  owner: string;
  maintenance: Omit<MaintenanceDeps, 'accounts' | 'clock' | 'timeZone' | 'mail'>;
  /** E-mails the running user. */
  mail(subject: string, body: string): void;
  spreadsheetName: string;
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
/** Failed scheduled runs in a row before the owner hears about it (once). */
export const FAILURES_BEFORE_MAIL = 3;

export function dispatch(env: DispatchEnvironment, deadline: number): TickReport {
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
  report.hasSchedules = mine.some(({ config, unfinished }) => config.schedule.kind !== 'off' || unfinished);
  const due = mine
    .map((item) => ({ ...item, next: item.unfinished ? -Infinity : nextRunAt(item.config.schedule, item.status.lastRunAt, tickAt, env.timeZone) }))
    .filter(({ next, status, unfinished }) => next !== null && next <= tickAt && !(status.resumeAt && status.resumeAt > tickAt)
      && !(status.stoppedReason && !unfinished))
    .sort((a, b) => (a.next as number) - (b.next as number) || (a.status.lastRunAt ?? 0) - (b.status.lastRunAt ?? 0));

  const blockedAccounts = new Set<string>();
  for (const { config } of due) {
    if (blockedAccounts.has(config.accountId)) continue;
    if (env.clock.now() + MIN_RUN_MS > deadline) {
      report.leftForLater.push(config.id);
      continue;
    }
    const outcome = runConfiguration(config, env, { deadline, trigger: 'schedule' });
    report.outcomes.push({ configId: config.id, outcome });
    report.entries.push(outcome.entry);
    const status = env.configs.status(config.id);
    if (outcome.reconnect || (status.resumeAt && status.resumeAt > env.clock.now())) blockedAccounts.add(config.accountId);
    if (outcome.summary.status === 'failed' && status.failures >= FAILURES_BEFORE_MAIL && !status.failureMailedAt) {
      const title = getReport(config.reportId).title;
      env.mail(
        `Sheetgram: "${title}" for @${config.accountUsername ?? config.accountId} keeps failing`,
        `The scheduled report "${title}" (tab "${config.tab.name}") in the spreadsheet "${env.spreadsheetName}" failed ${status.failures} times in a row.\n\n`
        + `Last error: ${outcome.summary.message}\n\nOpen the spreadsheet, then Extensions > Sheetgram > Open sidebar to see the details. `
        + 'Sheetgram keeps trying on schedule and will not e-mail again about this report until it has run successfully.\n',
      );
      env.configs.saveStatus(config.id, { ...status, failureMailedAt: env.clock.now() });
    }
  }
  return report;
}
