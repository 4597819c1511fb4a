// Runs one saved configuration the way both "Run now" and the scheduler do: one run at a time (a
// lease), the account's token from the running user's own properties, the run itself, and then what
// it means: the configuration's state and status, "reconnect needed" on an auth error, a pause until
// Instagram's window allows, a wait for the person on a missing permission, a retry soon for a list
// Instagram cut short, and one line for the log tab.
import type { AccountStore } from '../accounts/account-store';
import { markReconnect } from '../accounts/maintenance';
import type { ConnectedAccount } from '../accounts/types';
import type { RunLeases } from '../configurations/leases';
import { retryAfterIncomplete, type ConfigurationStatus, type RunSummary, type WaitReason } from '../configurations/status';
import type { ConfigurationStore } from '../configurations/store';
import type { GraphClient } from '../graph/client';
import type { Clock, Log } from '../ports';
import { calendarDateIn, describeTime, isoDate } from '../reports/dates';
import { exportToBigQuery, type BigQueryLoadState } from '../bigquery/export';
import { loadsIntoBigQuery, tablePath, trimsTab } from '../bigquery/target';
import { tableIdOf } from '../bigquery/schema';
import type { TableChanges } from '../bigquery/table-changes';
import { growthDays, writePostGrowth } from '../growth/post-growth';
import type { BigQueryPort } from '../bigquery/port';
import { QUOTA_REASON_TEXT } from '../quota/quota-exhausted';
import { getReport } from '../reports/registry';
import type { ReportConfiguration } from '../reports/types';
import { TICK_TOLERANCE_MS } from '../schedule/schedule';
import type { TextEscaping } from '../tabs/cell-values';
import type { TabPort } from '../tabs/tab-port';
import { tokenForRun } from '../accounts/run-token';
import { sameTarget } from '../configurations/tab-names';
import type { RunLogEntry } from './run-log';
import { runReport, type RunResult } from './run-report';

export interface RunEnvironment {
  configs: ConfigurationStore;
  /** The running user's accounts and tokens. */
  accounts: AccountStore;
  leases: RunLeases;
  tab: TabPort;
  clock: Clock;
  log: Log;
  timeZone: string;
  textEscaping: TextEscaping;
  /** A Graph client for the account, spending its calls under the shared throttle. */
  openGraph(account: ConnectedAccount, token: string, deadline: number): GraphClient;
  /** Identifies this execution as a lease holder. */
  holder: string;
  /** Told after every page of a run (the sidebar polls it). */
  onProgress?(configId: string, progress: { pages: number; rows: number; callsUsed: number }): void;
  /** BigQuery for configurations that load there too (absent: none do here). */
  bigquery?: () => BigQueryPort;
  /** This spreadsheet's id: with a report's id, it names who loaded a BigQuery row. */
  spreadsheetId?: () => string;
  /** Changes made to BigQuery tables in the last 24 hours, counted in the spreadsheet's properties. */
  bigqueryTableChanges?: () => TableChanges;
}

export interface RunOptions {
  deadline: number;
  trigger: 'schedule' | 'run now';
}

export interface RunOutcome {
  summary: RunSummary;
  entry: RunLogEntry;
  /** The run stopped because the account needs the person to sign in again. */
  reconnect?: boolean;
  /** The configuration now waits for the person; discovered: this run found it out from Instagram's answer. */
  waiting?: { reason: WaitReason; discovered: boolean };
  /** The run stopped for a limit of the Google user (Google's daily UrlFetch quota): every account waits until resumeAt. */
  googleLimitUntil?: number;
  /** The run stopped at its deadline with work left (the next run continues where it stopped). */
  stoppedAtDeadline?: boolean;
  /** The spreadsheet had no room for the run's rows: this report waits a few hours (the account's others do not). */
  spreadsheetFull?: boolean;
}

/** How long a report that found the spreadsheet full waits before trying again on its own. */
export const ROOM_RETRY_MS = 6 * 60 * 60 * 1000;


/** What a person reads after the reason a run waits for them. */
const WAIT_NOTE: Record<WaitReason, string> = {
  reconnect: 'Its scheduled reports wait until then and go on by themselves after.',
  permission: 'Scheduled runs wait until the report is saved again or the account is reconnected, and go on by themselves after.',
};

export const STOPPED_TEXT = "Stopped before Apps Script's time limit; the next run continues where this one stopped.";

/** "today, around 14:05", "tomorrow, around 09:00", "on 2026-07-12, around 09:00". */
export function continuesWhen(resumeAt: number, now: number, timeZone: string): string {
  const when = describeTime(resumeAt, now, timeZone);
  const clock = when.slice(-5);
  const sameDay = when.length === 5;
  const tomorrow = describeTime(now + 24 * 60 * 60 * 1000, now, timeZone).slice(0, 10) === when.slice(0, 10);
  const day = sameDay ? 'today' : tomorrow ? 'tomorrow' : `on ${when.slice(0, 10)}`;
  return `${day}, around ${clock}`;
}

/** "Google's daily limit ... is used up; Sheetgram continues tomorrow, around 14:05." */
export function googleLimitText(resumeAt: number, now: number, timeZone: string): string {
  return `${QUOTA_REASON_TEXT.google_urlfetch_daily}; Sheetgram continues ${continuesWhen(resumeAt, now, timeZone)}.`;
}

function countText(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** "3 skipped: reason" per distinct reason, most frequent first. */
function skippedText(skipped: { reason: string }[]): string {
  const byReason = new Map<string, number>();
  for (const s of skipped) byReason.set(s.reason, (byReason.get(s.reason) ?? 0) + 1);
  return [...byReason].sort((a, b) => b[1] - a[1]).map(([reason, n]) => `${countText(n, 'item', 'items')} skipped: ${reason}`).join(' ');
}

/** Notes worth a person's attention (a recreated tab, a refused metric, the hashtag budget), briefly. */
const MAX_NOTES_TEXT = 600;

/** What a person should know beyond the counts (which the summary carries as numbers). */
function doneText(result: RunResult): string {
  let notes = [...new Set(result.messages)].join(' ');
  if (notes.length > MAX_NOTES_TEXT) notes = `${notes.slice(0, MAX_NOTES_TEXT - 1)}…`;
  return [skippedText(result.skipped), notes].filter(Boolean).join(' ');
}

export function runConfiguration(config: ReportConfiguration, env: RunEnvironment, options: RunOptions): RunOutcome {
  const started = env.clock.now();
  const report = getReport(config.reportId);
  const account = env.accounts.get(config.accountId);
  const entryOf = (summary: RunSummary): RunLogEntry => ({
    at: started, report: report.title, account: `@${account?.username ?? config.accountUsername ?? config.accountId}`, tab: config.tab.name,
    trigger: options.trigger, status: summary.status, rowsAdded: summary.rowsAdded, rowsUpdated: summary.rowsUpdated, calls: summary.callsUsed,
    durationMs: env.clock.now() - started, message: summary.message || 'Finished.',
  });
  const finish = (summary: RunSummary, extra: Partial<RunOutcome> = {}): RunOutcome => ({ summary, entry: entryOf(summary), ...extra });
  /**
   * A run that could not start because the account needs the person: nothing was read or written. The
   * status says why and waits; the scheduler leaves the report alone until the person has reconnected.
   */
  /** wholeAccount: the account itself needs the person (not just this report's user token). */
  const refused = (reason: string, wholeAccount = true): RunOutcome => {
    const now = env.clock.now();
    const message = `${reason} ${WAIT_NOTE.reconnect}`;
    const summary: RunSummary = { at: now, status: 'failed', rowsAdded: 0, rowsUpdated: 0, callsUsed: 0, message };
    const status = env.configs.status(config.id);
    env.configs.saveStatus(config.id, {
      ...status, lastRun: summary, lastError: message, failures: (status.failures ?? 0) + 1, waiting: { reason: 'reconnect', since: now },
    });
    return finish(summary, { ...(wholeAccount ? { reconnect: true } : {}), waiting: { reason: 'reconnect', discovered: false } });
  };

  if (!account) {
    return refused(`@${config.accountUsername ?? config.accountId} is not connected for the person running this report. Connect it in the sidebar and save the report again.`);
  }
  if (account.reconnectReason) return refused(`@${account.username} needs to be reconnected: ${account.reconnectReason} Click Reconnect in the sidebar.`);
  // The account's Page token for its own data (it does not expire), the user token where Meta wants the person.
  const run = tokenForRun(env.accounts, account, report.tokenUse ?? 'account', report.title, env.clock.now());
  if (!run.ok) return refused(run.reason, !env.accounts.token(account.id));
  const token = run.token;

  // The lease outlives the run a little, so a run killed by the time limit still frees it soon.
  if (!env.leases.claim(config.id, env.holder, options.deadline + 60_000)) {
    const message = 'This report is already running in another window or on its schedule; it finishes there.';
    return finish({ at: env.clock.now(), status: 'continues', rowsAdded: 0, rowsUpdated: 0, callsUsed: 0, message });
  }
  try {
    const graph = env.openGraph(account, token.accessToken, options.deadline);
    let result: RunResult;
    try {
      // Rows name the account as it is called today, whatever it was called when the report was saved.
      result = runReport({ ...config, accountUsername: account.username }, {
        reader: graph, tab: env.tab, clock: env.clock, log: env.log, checkpoint: env.configs.checkpoints(config.id),
        deadline: options.deadline, timeZone: env.timeZone, textEscaping: env.textEscaping,
        sharedTab: () => env.configs.list().some((c) => c.accountId !== config.accountId && sameTarget(c.tab, config.tab)),
        ...(trimsTab(config) ? { loadedUpTo: loadedUpTo(config, env) } : {}),
        onProgress: env.onProgress && ((progress) => env.onProgress?.(config.id, progress)),
      });
    } finally {
      graph.release();
    }
    const settled = settle(config, account, result, env, started, finish);
    const outcome = config.reportId === 'media_insights' && result.status === 'done' ? withPostGrowth(config, account, settled, result, env, options.deadline) : settled;
    return loadsIntoBigQuery(config) && (result.status === 'done' || result.status === 'incomplete')
      // This run's own day: an incomplete run's state is the one it started from, with the last run's date.
      ? withBigQuery(config, outcome, result.runDate ?? isoDate(calendarDateIn(started, env.timeZone)), env, options.deadline)
      : outcome;
  } finally {
    env.leases.release(config.id, env.holder);
  }
}

function settle(
  config: ReportConfiguration, account: ConnectedAccount, result: RunResult, env: RunEnvironment, started: number,
  finish: (summary: RunSummary, extra?: Partial<RunOutcome>) => RunOutcome,
): RunOutcome {
  const now = env.clock.now();
  const previous = env.configs.status(config.id);
  const base = { at: now, rowsAdded: result.rowsAdded, rowsUpdated: result.rowsUpdated, callsUsed: result.callsUsed };
  const saved = env.configs.get(config.id) ?? config;
  // The tab may have been recreated or renamed: remember where the rows went, whatever the outcome.
  const tab = result.tab ? { sheetId: result.tab.sheetId, name: result.tab.name } : saved.tab;
  const status: ConfigurationStatus = { ...previous, lastRunAt: started };

  let summary: RunSummary;
  const extra: Partial<RunOutcome> = {};
  let changed: ReportConfiguration | undefined;
  // It ran, so whatever it waited for is over; a wait it runs into is set again below.
  status.waiting = undefined;
  if (result.status === 'done' || result.status === 'incomplete') {
    // An incomplete run's state is the one it started from (see runReport): saving it changes nothing.
    changed = { ...saved, tab, state: result.state };
    Object.assign(status, { lastError: undefined, failures: 0, failureMailedAt: undefined, resumeAt: undefined, stoppedReason: undefined, retryAt: undefined, incompleteRuns: undefined });
    if (result.status === 'done') {
      summary = { ...base, status: result.skipped.length ? 'partial' : 'ok', message: doneText(result) };
    } else {
      // What it read is written; the list is read again soon, from where this run began.
      summary = { ...base, status: 'incomplete', message: [result.shortfall, doneText(result)].filter(Boolean).join(' ') };
      Object.assign(status, retryAfterIncomplete(previous, now, TICK_TOLERANCE_MS));
    }
  } else {
    if (tab.sheetId !== saved.tab.sheetId || tab.name !== saved.tab.name) changed = { ...saved, tab };
    const error = result.error;
    if (!error) {
      extra.stoppedAtDeadline = true;
      summary = { ...base, status: 'continues', message: [doneText(result), STOPPED_TEXT].filter(Boolean).join(' ') };
    } else if (error.resumeAt !== undefined && error.pause === QUOTA_REASON_TEXT.google_urlfetch_daily) {
      // Google's limit, not Instagram's and not a failure: no retry, no failure count, no e-mail.
      status.resumeAt = error.resumeAt;
      extra.googleLimitUntil = error.resumeAt;
      summary = { ...base, status: 'continues', message: googleLimitText(error.resumeAt, now, env.timeZone) };
    } else if (error.kind === 'spreadsheet_full') {
      // Only the person can make room: tried again after a few hours (or by Run now), not every hour, each
      // retry re-reading what it could not write. It still counts as a failure, so the owner hears of it.
      status.resumeAt = now + ROOM_RETRY_MS;
      status.failures = (previous.failures ?? 0) + 1;
      status.lastError = error.message;
      extra.spreadsheetFull = true;
      summary = { ...base, status: 'failed', message: `${error.message} Sheetgram tries again ${continuesWhen(status.resumeAt, now, env.timeZone)}, or at once with Run now once there is room.` };
    } else if (error.resumeAt !== undefined && error.pause) {
      status.resumeAt = error.resumeAt;
      summary = { ...base, status: 'continues', message: `${error.pause}; continuing at ${describeTime(error.resumeAt, now, env.timeZone)}.` };
    } else {
      const wait = WAITS_FOR_PERSON[error.kind];
      if (error.kind === 'auth') {
        markReconnect(env.accounts, account, error.message);
        extra.reconnect = true;
      }
      if (error.kind === 'permission') status.stoppedReason = error.message;
      if (wait) {
        status.waiting = { reason: wait, since: now };
        extra.waiting = { reason: wait, discovered: true };
      }
      status.failures = (previous.failures ?? 0) + 1;
      status.lastError = error.message;
      summary = { ...base, status: 'failed', message: wait ? `${error.message} ${WAIT_NOTE[wait]}` : error.message };
    }
  }
  status.lastRun = summary;
  env.configs.saveRun(config.id, status, changed);
  return finish(summary, extra);
}

/**
 * After a run whose rows are in the tab: the tab's rows that BigQuery lacks go there too. A failure is
 * the BigQuery side's alone: the run stays a success, its status says what went wrong, and the next
 * run loads what this one could not.
 */
function withBigQuery(config: ReportConfiguration, outcome: RunOutcome, today: string, env: RunEnvironment, deadline: number): RunOutcome {
  const state = loadIntoBigQuery(config, today, env, deadline);
  const said = state.error ? `BigQuery: ${state.error}` : state.pending ? 'BigQuery: part of the rows are loaded; the rest follows at the next hourly run.' : '';
  if (!said) return outcome;
  const summary = { ...outcome.summary, message: [outcome.summary.message, said].filter(Boolean).join(' ') };
  env.configs.saveStatus(config.id, { ...env.configs.status(config.id), lastRun: summary });
  return { ...outcome, summary, entry: { ...outcome.entry, message: summary.message } };
}

/** "BigQuery only": the newest day its table holds of the report (none when the target changed since). */
function loadedUpTo(config: ReportConfiguration, env: RunEnvironment): string | undefined {
  const state = env.configs.status(config.id).bigquery;
  if (!config.bigquery || !state?.lastDay || state.table !== tablePath(config.bigquery, tableIdOf(getReport(config.reportId)))) return undefined;
  return state.lastDay;
}

/** Time the Post Growth rows may take after a run (two tabs read and written). */
const POST_GROWTH_RESERVE_MS = 30_000;

/**
 * After a complete Media Insights run: today's figures of the account's young posts go to the Post
 * Growth tab. A failure there is said on the run, whose own rows are written.
 */
function withPostGrowth(config: ReportConfiguration, account: ConnectedAccount, outcome: RunOutcome, result: RunResult, env: RunEnvironment, deadline: number): RunOutcome {
  const days = growthDays(config.settings);
  if (days <= 0) return outcome;
  // A read and a write of two tabs: not started where Apps Script could stop the execution halfway.
  if (env.clock.now() + POST_GROWTH_RESERVE_MS > deadline) {
    env.log.warn(`Post Growth: no time left after the run of @${account.username}; the day has no row (the next complete run writes its own).`);
    return outcome;
  }
  const saved = env.configs.get(config.id) ?? config;
  const source = env.tab.findTab(saved.tab.sheetId, saved.tab.name);
  if (!source) return outcome;
  try {
    const out = writePostGrowth(getReport('media_insights'), source, { id: account.id, username: account.username }, {
      accountId: account.id, runDate: result.runDate ?? isoDate(calendarDateIn(env.clock.now(), env.timeZone)), days, timeZone: env.timeZone,
    }, { tab: env.tab, timeZone: env.timeZone, escaping: env.textEscaping });
    out.messages.forEach((m) => env.log.warn(m));
    env.log.info(`Post Growth: ${out.rows} rows of @${account.username} (${out.rowsAdded} new, ${out.rowsUpdated} refreshed).`);
    return outcome;
  } catch (e) {
    const said = `Post Growth: ${e instanceof Error ? e.message : String(e)}`;
    env.log.warn(said);
    const summary = { ...outcome.summary, message: [outcome.summary.message, said].join(' ') };
    env.configs.saveStatus(config.id, { ...env.configs.status(config.id), lastRun: summary });
    return { ...outcome, summary, entry: { ...outcome.entry, message: summary.message } };
  }
}

/** Longer than any one partition rewrite (a query job of seconds); a killed execution's lease frees itself. */
const DAY_LEASE_MS = 10 * 60_000;

/** Loads what the tab holds that BigQuery lacks, and saves how that went on the configuration's status. */
export function loadIntoBigQuery(config: ReportConfiguration, today: string, env: RunEnvironment, deadline: number): BigQueryLoadState {
  const saved = env.configs.get(config.id) ?? config;
  if (!saved.bigquery) return { table: '' };
  const port = env.bigquery?.();
  const previous = env.configs.status(config.id).bigquery;
  const state: BigQueryLoadState = port
    ? exportToBigQuery(saved, getReport(saved.reportId), saved.bigquery, previous, today, {
      port, tab: env.tab, clock: env.clock, log: env.log, timeZone: env.timeZone, deadline,
      ...(env.spreadsheetId ? { loadedBy: `${env.spreadsheetId()}/${saved.id}` } : {}),
      // Only a report that still loads into the same dataset keeps the account from this one.
      reportOf: (id) => {
        const other = env.configs.get(id);
        const same = other !== null && loadsIntoBigQuery(other) && other.bigquery.projectId === saved.bigquery!.projectId && other.bigquery.datasetId === saved.bigquery!.datasetId;
        return other && same ? { tab: other.tab.name } : null;
      },
      // A lease of the spreadsheet, expiring by itself should the execution be killed while it holds it.
      dayLease: {
        claim: (key) => env.leases.claim(`bigquery:${key}`, env.holder, env.clock.now() + DAY_LEASE_MS),
        release: (key) => env.leases.release(`bigquery:${key}`, env.holder),
      },
      ...(env.bigqueryTableChanges ? { tableChanges: env.bigqueryTableChanges() } : {}),
    })
    : { table: '', error: 'BigQuery is not available in this deployment of Sheetgram.', needsPerson: true };
  env.configs.saveStatus(config.id, { ...env.configs.status(config.id), bigquery: state });
  return state;
}

/** Errors that only the person can end: the run waits for them instead of failing again every hour. */
const WAITS_FOR_PERSON: Partial<Record<string, WaitReason>> = { auth: 'reconnect', permission: 'permission' };
