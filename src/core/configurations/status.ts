// What the sidebar and the scheduler know about a configuration's runs: the last run's summary, the
// last error in plain words, and why it is waiting (Instagram's limit, a stopped permission).

import type { RunSummary } from '../../ui/rpc';

/** A run's outcome as the sidebar shows it (the RPC contract's shape). */
export type { RunStatus, RunSummary } from '../../ui/rpc';

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
}
