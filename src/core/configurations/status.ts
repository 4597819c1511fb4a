// What the sidebar and the scheduler know about a configuration's runs: the last run's summary, the
// last error in plain words, and why it is waiting (Instagram's limit, a stopped permission).

export type RunStatus = 'ok' | 'partial' | 'continues' | 'failed';

export interface RunSummary {
  /** Epoch ms when the run ended. */
  at: number;
  status: RunStatus;
  rowsAdded: number;
  rowsUpdated: number;
  callsUsed: number;
  /** Plain words, never a token. */
  message: string;
}

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
