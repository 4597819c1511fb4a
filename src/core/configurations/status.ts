// What the sidebar and the scheduler know about a configuration's runs: the last run's summary, the
// last error in plain words, why it is waiting (Instagram's limit, the person), and when an incomplete
// run is tried again.

import type { RunSummary } from '../../contract/sidebar';
import type { BigQueryLoadState } from '../bigquery/export';

/** A run's outcome as the sidebar shows it (the RPC contract's shape). */
export type { RunStatus, RunSummary } from '../../contract/sidebar';

/**
 * What the person must do before runs can go on: sign in again (or connect the account for the person who
 * owns the report), or grant a permission / lift a restriction and then save the report or reconnect.
 */
export type WaitReason = 'reconnect' | 'permission';

export interface ConfigurationStatus {
  lastRun?: RunSummary;
  /** When the last run started (scheduled or Run now): the schedule counts from it. */
  lastRunAt?: number;
  /** The last failure in plain words, kept until a run succeeds. */
  lastError?: string;
  /** Failed runs in a row. */
  failures: number;
  /** When the owner was e-mailed about repeated failures (once until a run succeeds). */
  failureMailedAt?: number;
  /** No scheduled run before this (Instagram's or Google's limit). */
  resumeAt?: number;
  /** A permission is missing: scheduled runs stop until the configuration is saved again. */
  stoppedReason?: string;
  /**
   * The run cannot go on until the person acts; set with the one log line that says so. Scheduled runs
   * leave the configuration alone (no retries, lines or e-mails) until the wait is over (see waitIsOver).
   */
  waiting?: { reason: WaitReason; since: number };
  /** An incomplete run (a list Instagram cut short) is tried again at the first tick at or after this. */
  retryAt?: number;
  /** Incomplete runs in a row: retries back off, and after INCOMPLETE_RETRY_HOURS only the schedule runs it. */
  incompleteRuns?: number;
  /** How its BigQuery side stands (destination 'sheet_and_bigquery'). */
  bigquery?: BigQueryLoadState;
}

/**
 * Hours until an incomplete run is tried again, by how many came incomplete in a row. A list cut short
 * once is usually whole an hour later; one that stays short is left to the schedule rather than re-read
 * every hour.
 */
export const INCOMPLETE_RETRY_HOURS = [1, 2, 4];

const HOUR = 3_600_000;

/**
 * The retry of an incomplete run, as status fields. `tolerance`: how early a tick may come (the hourly
 * trigger fires at a minute Google picks), so "in an hour" is the next tick.
 */
export function retryAfterIncomplete(previous: ConfigurationStatus, now: number, tolerance: number): Pick<ConfigurationStatus, 'retryAt' | 'incompleteRuns'> {
  const runs = (previous.incompleteRuns ?? 0) + 1;
  const hours = INCOMPLETE_RETRY_HOURS[runs - 1];
  return { incompleteRuns: runs, retryAt: hours === undefined ? undefined : now + hours * HOUR - tolerance };
}

/** When a configuration is next due: the earlier of its schedule and a pending retry (null: neither). */
export function nextDueAt(scheduled: number | null, status: ConfigurationStatus): number | null {
  if (status.retryAt === undefined) return scheduled;
  return scheduled === null ? status.retryAt : Math.min(scheduled, status.retryAt);
}

/** What the account looks like to the person who owns the report, for waitIsOver. */
export interface AccountStanding {
  /** Connected for this person, not marked "reconnect needed", and with a sign-in. */
  usable: boolean;
  /** When the account's current sign-in was issued (a reconnect renews it). */
  signedInAt?: number;
}

/**
 * Whether a wait for the person is over: after a reconnect (the account usable again, or for a permission
 * a sign-in newer than the wait), or, for a permission, once the report was saved again (which clears
 * stoppedReason). A status from before waits existed that has stoppedReason waits the same way.
 */
export function waitIsOver(status: ConfigurationStatus, account: AccountStanding): boolean {
  const waiting = status.waiting ?? (status.stoppedReason ? { reason: 'permission' as const, since: status.lastRunAt ?? 0 } : undefined);
  if (!waiting) return true;
  if (!account.usable) return false;
  if (waiting.reason === 'reconnect') return true;
  return !status.stoppedReason || (account.signedInAt ?? 0) > waiting.since;
}
