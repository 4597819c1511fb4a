// The whole bench: for each scenario size, Sheetgram and the naive reference connector, each report on
// its own and the four together on one schedule, a first full pull and the next day's incremental run,
// every figure next to its lower bound; an agency's month in one spreadsheet against Google's quotas
// (reach.ts); and the local runtime's real cost per 1,000 rows.
import { getReport } from '../../src/core/reports/registry';
import type { ReportId } from '../../src/core/reports/types';
import { postCounts, runBounds, type Bounds, type PostCounts } from './bounds';
import type { Figures } from './figures';
import { benchAccounts, type AccountsBench } from './accounts';
import { benchMetaLimits, type MetaLimitsBench } from './meta-limits';
import { benchNaive } from './naive/run';
import { BENCH_REPORTS, LOOKBACK_DAYS, type BenchOptions, type ConnectorBench, type PhaseResult } from './bench-types';
import { benchSheetgram } from './sheetgram';
import { DEFAULT_LATENCY_MS } from './stack';
import { probeWallClock, type WallClockProbe } from './wall-clock';
import { REACH_BENCH, REACH_SIZES, type ReachRun } from './reach';
import { runReachPlan, type ReachPlanItem } from './reach-jobs';
import type { ReachBench } from './reach-doc';

export const BENCH_SIZES = [100, 1_000, 10_000];
export type Connector = 'sheetgram' | 'naive';
export type Phase = 'full' | 'incremental';
/** One report on its own, or the four together in one spreadsheet on one schedule. */
export type Scope = ReportId | 'together';

export interface BenchRow {
  media: number;
  scope: Scope;
  reports: ReportId[];
  phase: Phase;
  connector: Connector;
  figures: Figures;
  bounds: Bounds;
  posts: PostCounts;
  complete: boolean;
  /** ok, partial (n skipped), stopped: <why>. */
  outcome: string;
}

export interface BenchResult {
  latencyMs: number;
  sizes: number[];
  rows: BenchRow[];
  /** Idle dispatcher ticks between the phases (Sheetgram), summed per size. */
  idle: { media: number; connector: Connector; ticks: number; metaCalls: number; propertyReads: number; propertyWrites: number; virtualMs: number }[];
  probes: WallClockProbe[];
  /** Several accounts: one configuration for all against one per account (absent in older results). */
  accounts?: AccountsBench[];
  /** A small account's first pull under Meta's daily limit (absent in older results). */
  metaLimits?: MetaLimitsBench;
  /** How far one spreadsheet goes: the agency over many days (absent in older results, or when left out). */
  reach?: ReachBench;
}

/** The several-accounts bench: an agency's clients, each with this many posts. */
export const ACCOUNTS_BENCH = { clients: 20, media: 100 };

export interface RunBenchOptions {
  sizes?: number[];
  latencyMs?: number;
  /** Leave out the naive connector (faster). */
  naive?: boolean;
  /**
   * How far one spreadsheet goes: false leaves it out; days shortens it (development); jobs runs that many
   * at once; bigquery false leaves out the agency's run with BigQuery on.
   */
  reach?: false | { days?: number; jobs?: number; bigquery?: boolean };
  onStep?: (text: string) => void;
}

function outcomeOf(connector: Connector, phase: PhaseResult): string {
  if (connector === 'naive') {
    if (phase.figures.executions === 0) return 'did not run';
    const error = phase.figures.executionErrors[0];
    return error ? `stopped: ${error.replace(/^[^:]+: /, '')}` : 'ok';
  }
  if (!phase.complete) return 'unfinished';
  const finals = phase.runs.filter((r) => r.status !== 'continues');
  const failed = finals.filter((r) => r.status === 'failed').length;
  const partial = finals.filter((r) => r.status === 'partial').length;
  const more = phase.ticks > 1 ? ` over ${phase.ticks} ticks` : '';
  if (failed) return `${failed} failed${more}`;
  return `${partial ? `${partial} partial (items skipped)` : 'ok'}${more}`;
}

/** Rows (full and incremental) of one measured bench, each with its bounds. */
export function rowsOf(bench: ConnectorBench, scope: Scope): BenchRow[] {
  return (['full', 'incremental'] as Phase[]).map((phase) => {
    const result = bench[phase];
    const at = result.figures.firstExecutionAt ?? Date.parse(bench.scenario.start);
    const posts = postCounts(bench.scenario, at, LOOKBACK_DAYS);
    return {
      media: bench.media, scope, reports: bench.reports, phase, connector: bench.connector, figures: result.figures,
      bounds: runBounds(bench.reports, phase, posts, bench.latencyMs), posts, complete: result.complete, outcome: outcomeOf(bench.connector, result),
    };
  });
}

export async function measure(connector: Connector, options: BenchOptions): Promise<ConnectorBench> {
  return connector === 'sheetgram' ? benchSheetgram(options) : benchNaive(options);
}

/** The agency at its size with consumer figures, every report also loading into BigQuery. */
export function bigQueryReachItem(days: number, latencyMs: number): ReachPlanItem {
  return { ...REACH_BENCH, days, account: 'consumer', latencyMs, bigquery: true };
}

/**
 * The runs of "How far one spreadsheet goes": the smaller sizes (Workspace settings: the demand no
 * allowance cuts, for the estimate), the agency for each kind of account, and the agency with BigQuery.
 */
export function reachPlan(days: number, latencyMs: number, bigquery: boolean): ReachPlanItem[] {
  const plan: ReachPlanItem[] = [...REACH_SIZES.filter((s) => s !== REACH_BENCH.accounts).map((accounts) => ({ accounts, account: 'workspace' as const })),
    { accounts: REACH_BENCH.accounts, account: 'consumer' as const }, { accounts: REACH_BENCH.accounts, account: 'workspace' as const }]
    .map(({ accounts, account }) => ({ ...REACH_BENCH, accounts, instagramLogin: Math.round((REACH_BENCH.instagramLogin * accounts) / REACH_BENCH.accounts), days, account, latencyMs }));
  // The BigQuery run is the agency's month with every load's SQL on top, so likely the longest: first, so it is not
  // left to run alone at the end.
  return bigquery ? [bigQueryReachItem(days, latencyMs), ...plan] : plan;
}

/** A result with its run with BigQuery replaced by `run` (added when it had none); everything else as it was. */
export function withBigQueryRun(result: BenchResult, run: ReachRun): BenchResult {
  return { ...result, reach: { runs: [...(result.reach?.runs ?? []).filter((r) => !r.options.bigquery), run] } };
}

export async function runBench(options: RunBenchOptions = {}): Promise<BenchResult> {
  const sizes = options.sizes ?? BENCH_SIZES;
  const latencyMs = options.latencyMs ?? DEFAULT_LATENCY_MS;
  const connectors: Connector[] = options.naive === false ? ['sheetgram'] : ['sheetgram', 'naive'];
  const result: BenchResult = { latencyMs, sizes, rows: [], idle: [], probes: [] };
  for (const media of sizes) {
    for (const connector of connectors) {
      const scopes: Scope[] = [...BENCH_REPORTS, 'together'];
      const idle = { media, connector, ticks: 0, metaCalls: 0, propertyReads: 0, propertyWrites: 0, virtualMs: 0 };
      for (const scope of scopes) {
        options.onStep?.(`${media} posts, ${connector}, ${scope === 'together' ? 'the four reports together' : getReport(scope).title}`);
        const bench = await measure(connector, { media, latencyMs, reports: scope === 'together' ? BENCH_REPORTS : [scope] });
        result.rows.push(...rowsOf(bench, scope));
        if (scope === 'together') {
          idle.ticks += bench.idle.ticks;
          idle.metaCalls += bench.idle.figures.metaCalls;
          idle.propertyReads += bench.idle.figures.propertyReads;
          idle.propertyWrites += bench.idle.figures.propertyWrites;
          idle.virtualMs += bench.idle.figures.virtualMs;
        }
      }
      result.idle.push(idle);
    }
  }
  result.accounts = [];
  for (const way of ['one configuration', 'one per account'] as const) {
    options.onStep?.(`${ACCOUNTS_BENCH.clients} accounts, ${way}`);
    result.accounts.push(await benchAccounts({ ...ACCOUNTS_BENCH, latencyMs, way }));
  }
  options.onStep?.('a small account under Meta\'s daily limit');
  result.metaLimits = await benchMetaLimits({ latencyMs });
  if (options.reach !== false) {
    const days = options.reach?.days ?? REACH_BENCH.days;
    const jobs = options.reach?.jobs ?? 1;
    const plan = reachPlan(days, latencyMs, options.reach?.bigquery !== false);
    result.reach = { runs: await measureReach(plan, jobs, options.onStep) };
  }
  options.onStep?.('the local runtime per 1,000 rows');
  result.probes = probeWallClock();
  return result;
}

/** How a reach run is named in the progress lines. */
export function reachItemName(item: ReachPlanItem): string {
  return `${item.accounts} accounts (${item.account}${item.bigquery ? ', BigQuery' : ''})`;
}

/** The plan's runs, told as they go. */
export async function measureReach(plan: ReachPlanItem[], jobs: number, onStep?: (text: string) => void): Promise<ReachRun[]> {
  const days = Math.max(...plan.map((p) => p.days));
  onStep?.(`how far one spreadsheet goes: ${plan.map(reachItemName).join(', ')}, ${days} days, ${jobs > 1 ? `${jobs} at once` : 'one after the other'}`);
  return runReachPlan(plan, jobs, (item, day) => {
    if (day % 5 === 0 || day === item.days) onStep?.(`how far one spreadsheet goes: ${reachItemName(item)}: day ${day}`);
  });
}
