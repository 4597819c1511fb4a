// What a report's request plan is: a function that reads one page of source records from the Graph
// API, given where the previous page stopped. The runner calls it until the cursor comes back null.
import { mediaRefreshDays } from '../../growth/post-growth';
import type { LoginFlow } from '../../accounts/types';
import type { GraphReader } from '../graph-contract';
import type { FieldDefinition, ReportConfiguration, ReportState, SourceRecord } from '../types';
import type { Shortfall } from './listing';

/** JSON-serialisable position inside a plan, saved in checkpoints. */
export type PlanCursor = { [key: string]: string | number | boolean | null };

export interface SkippedItem {
  id: string;
  reason: string;
}

export interface PlanContext {
  reader: GraphReader;
  config: ReportConfiguration;
  flow: LoginFlow;
  /** The fields being written (chosen plus keys). */
  fields: FieldDefinition[];
  now: number;
  timeZone: string;
  apiMajor: number;
  /** What the last completed run remembered. */
  state: ReportState;
  /** Append mode: the dates (YYYY-MM-DD) the tab already holds a row of this account for (read when asked). */
  tabRunDates?: () => Set<string>;
  /**
   * A repair (core/repair): only these calendar days are read ('yyyy-mm-dd', both included): account
   * insight days, or posts published on them in the spreadsheet's time zone.
   */
  repair?: { from: string; to: string };
}

export interface PlanPage {
  records: SourceRecord[];
  /** Where to continue, or null when the plan is complete. */
  cursor: PlanCursor | null;
  skipped: SkippedItem[];
  notes: string[];
  /** Newest post timestamp (ISO) among the records, for the next incremental run. */
  highWaterMark?: string;
  /** Updates to remember once the run completes. */
  state?: Partial<ReportState>;
  /** The list ended before its end (with cursor null): the run is incomplete and is run again. */
  shortfall?: Shortfall;
}

export type RequestPlan = (ctx: PlanContext, cursor: PlanCursor | null) => PlanPage;

export function emptyPage(cursor: PlanCursor | null = null): PlanPage {
  return { records: [], cursor, skipped: [], notes: [] };
}

export const chosen = (ctx: PlanContext, id: string): boolean => ctx.fields.some((f) => f.id === id);

export const DAY_MS = 86_400_000;

export function lookbackStart(ctx: PlanContext): number {
  // Media Insights reads posts again as long as Post Growth keeps their days.
  const days = ctx.config.reportId === 'media_insights' ? mediaRefreshDays(ctx.config.settings) : ctx.config.settings.lookbackDays ?? 30;
  return ctx.now - days * DAY_MS;
}
