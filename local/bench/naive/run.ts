// The naive reference connector (bundle/Code.js, clearly not Sheetgram) under the same bench: the same
// scenario, stack, latency and meter. Setup stands for what a person does by hand with such a script:
// paste a long-lived token into Script Properties and run the trigger installer once. The first full
// pull is a run from the editor; the incremental run is its daily trigger firing the next morning.
import { fileURLToPath } from 'node:url';
import { GRAPH_API_VERSION, META_HOSTS } from '../../../src/core/config/platform';
import type { ReportId } from '../../../src/core/reports/types';
import { largeScenario } from '../../instagram/scenario';
import { addFigures, emptyFigures } from '../figures';
import { BENCH_REPORTS, type BenchOptions, type ConnectorBench, type PhaseResult } from '../bench-types';
import { DEFAULT_LATENCY_MS, HOUR_MS, startBenchStack, type BenchStack } from '../stack';

export const NAIVE_BUNDLE_DIR = fileURLToPath(new URL('./bundle', import.meta.url));
export const NAIVE_TABS: Record<string, string> = {
  user_information: 'Naive user information', recent_media: 'Naive recent media',
  media_insights: 'Naive media insights', account_insights: 'Naive account insights',
};
const NAIVE_FUNCTION = 'runNaiveReports';
const MAX_HOURS = 48;

function phaseFrom(figures: PhaseResult['figures']): PhaseResult {
  const startedAt = figures.firstExecutionAt === null ? null : new Date(figures.firstExecutionAt).toISOString();
  return { figures, runs: [], ticks: figures.executions, complete: figures.executions > 0 && figures.failedExecutions === 0, startedAt };
}

async function fullPull(bench: BenchStack): Promise<PhaseResult> {
  const { stack, meter } = bench;
  const mark = await meter.mark();
  try {
    stack.rt.call(NAIVE_FUNCTION);
  } catch {
    // A run killed by the time limit is part of the result: the meter reads it from rt.executions.
  }
  return phaseFrom(await meter.since(mark));
}

/** Hour by hour until the daily trigger has run once. */
async function nextTriggerRun(bench: BenchStack, idle: ConnectorBench['idle']): Promise<PhaseResult> {
  const { stack, meter } = bench;
  for (let hour = 0; hour < MAX_HOURS; hour++) {
    const mark = await meter.mark();
    stack.rt.advance(HOUR_MS);
    const figures = await meter.since(mark);
    if (figures.executions > 0) return phaseFrom(figures);
    idle.ticks += 1;
    idle.figures = addFigures(idle.figures, figures);
  }
  return { figures: emptyFigures(), runs: [], ticks: 0, complete: false, startedAt: null };
}

export async function benchNaive(options: BenchOptions): Promise<ConnectorBench> {
  const reports: ReportId[] = options.reports ?? BENCH_REPORTS;
  const scenario = largeScenario({ media: options.media });
  const account = scenario.accounts[0];
  // A bound script of its own, not an add-on: its daily trigger is allowed.
  const bench = await startBenchStack(scenario, { latencyMs: options.latencyMs, bundleDir: NAIVE_BUNDLE_DIR, runtime: { addOn: false } });
  try {
    const token = (await bench.stack.control('tokens', { igUserId: account.igUserId, kind: 'ig-long' })) as { accessToken: string };
    const script = bench.stack.rt.properties.script;
    script.set('NAIVE_TOKEN', token.accessToken);
    script.set('NAIVE_IG_USER_ID', account.igUserId);
    script.set('NAIVE_GRAPH_BASE', `${META_HOSTS.instagramGraph}/${GRAPH_API_VERSION}/`);
    script.set('NAIVE_REPORTS', reports.join(','));
    bench.stack.rt.call('installNaiveTrigger');
    const idle = { ticks: 0, figures: emptyFigures() };
    const full = await fullPull(bench);
    const incremental = await nextTriggerRun(bench, idle);
    const tabs = Object.fromEntries(reports.map((id) => [id, NAIVE_TABS[id]]));
    return { connector: 'naive', media: options.media, reports, latencyMs: options.latencyMs ?? DEFAULT_LATENCY_MS, full, incremental, idle, tabs, scenario };
  } finally {
    await bench.stack.close();
  }
}
