// Sheetgram under the bench: the real bundle, an account connected through the real sign-in, report
// configurations saved as the sidebar saves them (daily at 06:00), and two measured phases driven by
// the hourly dispatcher trigger: the first full pull, then the next day's incremental run. Ticks in
// between that run nothing are measured apart (idle ticks), so they neither hide nor inflate a phase.
import { defaultFields, getReport } from '../../src/core/reports/registry';
import type { ReportId } from '../../src/core/reports/types';
import { largeScenario } from '../instagram/scenario';
import { readRunLog } from '../simulate/run-log';
import { BENCH_REPORTS, DAILY_HOUR, LOOKBACK_DAYS, type BenchOptions, type ConnectorBench, type PhaseResult } from './bench-types';
import { addFigures, emptyFigures } from './figures';
import { DEFAULT_LATENCY_MS, HOUR_MS, startBenchStack, type BenchStack } from './stack';

/** A phase that has not finished after this many ticks is reported as unfinished. */
const MAX_TICKS = 48;

function saveReports(bench: BenchStack, reports: ReportId[]): Record<string, string> {
  const { rt } = bench.stack;
  const account = (rt.call('getSidebarState') as { accounts: { id: string }[] }).accounts[0];
  const tabs: Record<string, string> = {};
  for (const id of reports) {
    const report = getReport(id);
    const lookback = report.settings.some((s) => s.id === 'lookbackDays');
    rt.call('saveConfiguration', [{
      accountId: account.id, reportId: id, fields: defaultFields(report), tabName: report.title, mode: report.defaultMode,
      schedule: { kind: 'daily', hour: DAILY_HOUR }, settings: lookback ? { lookbackDays: String(LOOKBACK_DAYS) } : {},
    }]);
    tabs[id] = report.title;
  }
  return tabs;
}

/** Advances tick by tick until every report has a final line in the log; idle ticks go to `idle`. */
async function phase(bench: BenchStack, titles: string[], idle: ConnectorBench['idle']): Promise<PhaseResult> {
  const { stack, meter } = bench;
  const result: PhaseResult = { figures: emptyFigures(), runs: [], ticks: 0, complete: false, startedAt: null };
  const done = new Set<string>();
  for (let tick = 0; tick < MAX_TICKS && done.size < titles.length; tick++) {
    const seen = readRunLog(stack.rt.workbook).runs.length;
    const mark = await meter.mark();
    stack.rt.advance(HOUR_MS);
    const figures = await meter.since(mark);
    const runs = readRunLog(stack.rt.workbook).runs.slice(seen).filter((r) => titles.includes(r.report));
    if (runs.length === 0) {
      idle.ticks += 1;
      idle.figures = addFigures(idle.figures, figures);
      continue;
    }
    result.ticks += 1;
    result.figures = addFigures(result.figures, figures);
    result.runs.push(...runs);
    for (const r of runs) if (r.status !== 'continues') done.add(r.report);
  }
  result.complete = done.size === titles.length;
  if (result.figures.firstExecutionAt !== null) result.startedAt = new Date(result.figures.firstExecutionAt).toISOString();
  return result;
}

export async function benchSheetgram(options: BenchOptions): Promise<ConnectorBench> {
  const reports = options.reports ?? BENCH_REPORTS;
  const scenario = largeScenario({ media: options.media });
  const bench = await startBenchStack(scenario, { latencyMs: options.latencyMs, bundleDir: options.bundleDir });
  try {
    const connected = await bench.stack.connect('instagram', { account: scenario.accounts[0].igUserId });
    if (!connected.ok) throw new Error(`bench: the sign-in failed: ${connected.page.slice(0, 300)}`);
    const tabs = saveReports(bench, reports);
    const titles = reports.map((id) => getReport(id).title);
    const idle = { ticks: 0, figures: emptyFigures() };
    const full = await phase(bench, titles, idle);
    const incremental = await phase(bench, titles, idle);
    return { connector: 'sheetgram', media: options.media, reports, latencyMs: options.latencyMs ?? DEFAULT_LATENCY_MS, full, incremental, idle, tabs, scenario };
  } finally {
    await bench.stack.close();
  }
}
