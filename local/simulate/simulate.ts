// One simulation: the real bundle in the local runtime against the simulator seeded from a scenario.
// Connects the accounts, saves the configurations, lets the virtual clock run N days (the hourly
// dispatcher fires as Apps Script would fire it), then exports every tab and builds the summary.
// With bigquery, the reports also load into a seeded BigQuery project, whose tables are exported too.
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { exportWorkbook } from '../export';
import type { RequestLogEntry } from '../instagram/handler';
import type { Scenario } from '../instagram/scenario';
import { startStack, type Stack } from '../platform/stack';
import { bigQueryLoads, exportBigQuery, seedProject, SIMULATE_TARGET, type BigQuerySummary } from './bigquery';
import { defaultConfig, resolveEntries, type ConfigEntry } from './config';
import { saveConfigurations } from './configure';
import { connectAccounts, sidebarAccounts } from './connect';
import { readRunLog } from './run-log';
import { buildSummary, type SimulationSummary } from './summary';

export const DAY_MS = 24 * 3_600_000;
/** The simulator keeps this many log entries; more means the oldest are gone. */
const REQUEST_LOG_CAPACITY = 200_000;
/** Entries per page when reading the simulator's log, so no answer grows with the length of the run. */
export const REQUEST_LOG_PAGE = 20_000;

/** The simulator's whole request log, read page by page (GET log?after=SEQ&limit=N). */
export async function readRequestLog(stack: Pick<Stack, 'control'>, pageSize = REQUEST_LOG_PAGE): Promise<RequestLogEntry[]> {
  const entries: RequestLogEntry[] = [];
  let after = 0;
  for (;;) {
    const page = (await stack.control(`log?after=${after}&limit=${pageSize}`)) as RequestLogEntry[];
    entries.push(...page);
    if (page.length < pageSize) return entries;
    after = page[page.length - 1].seq;
  }
}

export interface SimulationOptions {
  scenario: Scenario;
  scenarioName: string;
  days: number;
  /** Where the files go. */
  out: string;
  /** Configurations to save; default: every report each account supports. */
  config?: ConfigEntry[];
  transport?: 'http' | 'in-process';
  latencyMs?: number;
  bundleDir?: string;
  /** Every configuration also loads into BigQuery (project sheetgram-simulate), exported after the run. */
  bigquery?: boolean;
  /** Told after each virtual day. */
  onDay?: (day: number, days: number) => void;
}

export interface SimulationResult {
  summary: SimulationSummary;
  /** Where summary.json was written. */
  summaryPath: string;
}

/** The simulation on a stack the caller started (and closes): tests look into it afterwards. */
export async function simulateOnStack(stack: Stack, options: SimulationOptions): Promise<SimulationResult> {
  const { rt } = stack;
  const from = rt.clock.now();
  const accounts = await connectAccounts(stack, options.scenario);
  const connected = sidebarAccounts(stack);
  const defaults = options.config ? { entries: options.config, leftOut: [] } : defaultConfig(connected, options.scenario);
  // As a person does before saving: Check access, which also makes the dataset.
  const check = options.bigquery ? checkBigQuery(stack) : undefined;
  const configurations = saveConfigurations(stack, resolveEntries(defaults.entries), undefined, options.bigquery ? SIMULATE_TARGET : undefined);
  for (let day = 1; day <= options.days; day++) {
    rt.advance(DAY_MS);
    options.onDay?.(day, options.days);
  }
  const requestLog = await readRequestLog(stack);
  const exported = await exportWorkbook(rt.workbook, options.out);
  const bigquery: BigQuerySummary | null = check
    ? { projectId: SIMULATE_TARGET.projectId, datasetId: SIMULATE_TARGET.datasetId, check, ...exportBigQuery(rt.bigquery, options.out), loads: bigQueryLoads(stack) }
    : null;
  const warnings: string[] = [];
  if (requestLog.length >= REQUEST_LOG_CAPACITY) warnings.push(`The simulator's request log holds its maximum of ${REQUEST_LOG_CAPACITY} entries: the oldest calls are not counted.`);
  const summary = buildSummary({
    scenario: { name: options.scenarioName, seed: options.scenario.seed, start: options.scenario.start, accounts: options.scenario.accounts.length },
    simulated: {
      days: options.days, from: new Date(from).toISOString(), to: new Date(rt.clock.now()).toISOString(),
      transport: options.transport ?? 'http', latencyMs: options.latencyMs ?? 0, timeZone: rt.workbook.timeZone,
    },
    accounts, configurations, leftOut: defaults.leftOut, requestLog,
    network: { stats: stack.network.stats, log: stack.network.log },
    counters: rt.counters.snapshot(), executions: rt.executions, runs: readRunLog(rt.workbook), exported, bigquery, warnings,
  });
  const summaryPath = join(options.out, 'summary.json');
  writeFileSync(summaryPath, `${JSON.stringify(summary, null, 2)}\n`, 'utf8');
  return { summary, summaryPath };
}

function checkBigQuery(stack: Stack): { ok: boolean; message: string } {
  seedProject(stack.rt.bigquery);
  const found = stack.rt.call('checkBigQuery', [SIMULATE_TARGET]) as { ok: boolean; message: string };
  return { ok: found.ok, message: found.message };
}

export async function runSimulation(options: SimulationOptions): Promise<SimulationResult> {
  const stack = await startStack({
    scenario: options.scenario, transport: options.transport ?? 'http', latencyMs: options.latencyMs, bundleDir: options.bundleDir,
  });
  try {
    return await simulateOnStack(stack, options);
  } finally {
    await stack.close();
  }
}
