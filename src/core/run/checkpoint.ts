// Where an unfinished run stands, saved after every write so the next execution continues from there
// (plain JSON: it lives in PropertiesService, ~9 KB a value, so lists are capped).
import type { PlanCursor, SkippedItem } from '../reports/plans/plan';
import type { ReportState } from '../reports/types';
import type { TabRef } from '../tabs/tab-port';

export interface Checkpoint {
  configId: string;
  /** The run's date (YYYY-MM-DD, spreadsheet time zone): Append rows are stamped with it. */
  runDate: string;
  /** When the run began: lookback windows and insight days stay fixed across executions. */
  startedAt: number;
  /** Where the plan continues; null with started=false means "from the beginning". */
  cursor: PlanCursor | null;
  blocksWritten: number;
  rowsAdded: number;
  rowsUpdated: number;
  callsUsed: number;
  highWaterMark: string | null;
  state: Partial<ReportState>;
  /** Replace: rows of this run's earlier blocks kept in the staging tab. */
  staged?: number;
  rowsRemoved?: number;
  tab?: TabRef;
  skipped: SkippedItem[];
  messages: string[];
}

export interface CheckpointStore {
  load(): Checkpoint | null;
  save(checkpoint: Checkpoint): void;
  clear(): void;
}

/** A run asked for and not started yet (or just started): the next execution runs it from the beginning. */
export function queuedCheckpoint(configId: string, runDate: string, startedAt: number): Checkpoint {
  return {
    configId, runDate, startedAt, cursor: null, blocksWritten: 0, rowsAdded: 0, rowsUpdated: 0, callsUsed: 0,
    highWaterMark: null, state: {}, skipped: [], messages: [],
  };
}

export const MAX_LISTED = 50;

export function capped<T>(items: T[]): T[] {
  return items.length > MAX_LISTED ? items.slice(items.length - MAX_LISTED) : items;
}
