// What a bench run is asked for and what it gives back, for Sheetgram and the naive connector alike.
import type { ReportId } from '../../src/core/reports/types';
import type { Scenario } from '../instagram/scenario';
import type { LoggedRun } from '../simulate/run-log';
import type { Figures } from './figures';

export const BENCH_REPORTS: ReportId[] = ['user_information', 'recent_media', 'media_insights', 'account_insights'];
export const LOOKBACK_DAYS = 30;
export const DAILY_HOUR = 6;

export interface PhaseResult {
  figures: Figures;
  /** The runs the phase made, as the "Sheetgram log" tab lists them. */
  runs: LoggedRun[];
  /** Dispatcher ticks that ran something. */
  ticks: number;
  /** Every report reached a final status (not "continues"). */
  complete: boolean;
  /** ISO time of the first tick that ran something. */
  startedAt: string | null;
}

export interface ConnectorBench {
  connector: 'sheetgram' | 'naive';
  media: number;
  reports: ReportId[];
  latencyMs: number;
  full: PhaseResult;
  incremental: PhaseResult;
  /** Ticks (or trigger runs) in between that ran no report. */
  idle: { ticks: number; figures: Figures };
  /** Tab name per report. */
  tabs: Record<string, string>;
  scenario: Scenario;
}

export interface BenchOptions {
  media: number;
  reports?: ReportId[];
  latencyMs?: number;
  bundleDir?: string;
}
