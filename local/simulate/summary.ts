// summary.json: what a simulation did, measured where it happened (the simulator's request log, the
// local network, the runtime's service counters and executions, the "Sheetgram log" tab). The format
// is documented field by field in docs/simulate.md; `version` changes when a field changes meaning.
import type { ExecutionRecord } from '../apps-script/execution';
import type { NetworkLogEntry } from '../apps-script/services/url-fetch';
import type { ExportResult } from '../export';
import type { RequestLogEntry } from '../instagram/handler';
import type { BigQuerySummary } from './bigquery';
import type { AccountOutcome } from './connect';
import type { LeftOut } from './config';
import type { ConfigurationOutcome } from './configure';
import { summarizeMetaCalls, type MetaCalls } from './meta-calls';
import { isReportRun, skippedIn, type LoggedRun } from './run-log';
import { groupTotals, type Counts, type ServiceGroup } from './service-calls';

export const SUMMARY_FORMAT = 'sheetgram-simulation-summary';
export const SUMMARY_VERSION = 1;

export interface SummaryError {
  kind: 'connect' | 'configuration' | 'execution' | 'run' | 'bigquery';
  /** ISO virtual time, when known. */
  at?: string;
  /** What failed: a function, a report and account, an account. */
  where: string;
  message: string;
}

export interface ExecutionGroup {
  count: number;
  failed: number;
  virtualMs: { total: number; max: number };
}

export interface SimulationSummary {
  format: typeof SUMMARY_FORMAT;
  version: typeof SUMMARY_VERSION;
  ok: boolean;
  scenario: { name: string; seed: number; start: string; accounts: number };
  simulated: { days: number; from: string; to: string; transport: 'http' | 'in-process'; latencyMs: number; timeZone: string };
  accounts: AccountOutcome[];
  configurations: ConfigurationOutcome[];
  leftOut: LeftOut[];
  meta: MetaCalls & { logEntries: number };
  network: { requests: number; roundTrips: number; failed: number; byHost: Record<string, number> };
  appsScript: { groups: Record<ServiceGroup, number>; calls: Counts };
  executions: {
    count: number;
    failed: number;
    virtualMs: { total: number; max: number };
    byFunction: Record<string, ExecutionGroup>;
    list: { id: number; function: string; user: string; start: string; durationMs: number; outcome: string; error?: string }[];
  };
  runs: {
    count: number;
    byStatus: Record<string, number>;
    rowsAdded: number;
    rowsUpdated: number;
    list: LoggedRun[];
    mayBeTrimmed: boolean;
  };
  skipped: { total: number; byReason: Record<string, number>; byReport: Record<string, number> };
  errors: SummaryError[];
  tabs: ExportResult['tabs'];
  files: { xlsx: string | null; csv: string[] };
  /** With --bigquery: the project, Check access, every table with its rows and CSV, the views, each card's BigQuery line; else null. */
  bigquery: BigQuerySummary | null;
  warnings: string[];
}

export interface SummaryInput {
  scenario: SimulationSummary['scenario'];
  simulated: SimulationSummary['simulated'];
  accounts: AccountOutcome[];
  configurations: ConfigurationOutcome[];
  leftOut: LeftOut[];
  requestLog: RequestLogEntry[];
  network: { stats: { calls: number; roundTrips: number }; log: readonly NetworkLogEntry[] };
  counters: Counts;
  executions: readonly ExecutionRecord[];
  runs: { runs: LoggedRun[]; mayBeTrimmed: boolean };
  exported: ExportResult;
  bigquery?: BigQuerySummary | null;
  warnings: string[];
}

const iso = (ms: number) => new Date(ms).toISOString();

function executionsPart(records: readonly ExecutionRecord[]): SimulationSummary['executions'] {
  const byFunction: Record<string, ExecutionGroup> = {};
  for (const r of records) {
    const g = (byFunction[r.function] ??= { count: 0, failed: 0, virtualMs: { total: 0, max: 0 } });
    g.count++;
    if (r.outcome === 'failed') g.failed++;
    g.virtualMs.total += r.duration;
    g.virtualMs.max = Math.max(g.virtualMs.max, r.duration);
  }
  return {
    count: records.length,
    failed: records.filter((r) => r.outcome === 'failed').length,
    virtualMs: { total: records.reduce((s, r) => s + r.duration, 0), max: records.reduce((m, r) => Math.max(m, r.duration), 0) },
    byFunction,
    list: records.map((r) => ({ id: r.id, function: r.function, user: r.user, start: iso(r.start), durationMs: r.duration, outcome: r.outcome, ...(r.error ? { error: r.error } : {}) })),
  };
}

function networkPart(network: SummaryInput['network']): SimulationSummary['network'] {
  const byHost: Record<string, number> = {};
  for (const e of network.log) {
    let host = 'unknown';
    try {
      host = new URL(e.url).host;
    } catch {
      // a URL the runtime refused to parse still counts, under "unknown"
    }
    byHost[host] = (byHost[host] ?? 0) + 1;
  }
  return {
    requests: network.stats.calls,
    roundTrips: network.stats.roundTrips,
    failed: network.log.filter((e) => e.status === null).length,
    byHost: Object.fromEntries(Object.entries(byHost).sort(([a], [b]) => a.localeCompare(b))),
  };
}

function runsPart(input: SummaryInput['runs']): { runs: SimulationSummary['runs']; skipped: SimulationSummary['skipped'] } {
  const list = input.runs.filter(isReportRun);
  const byStatus: Record<string, number> = {};
  const skipped: SimulationSummary['skipped'] = { total: 0, byReason: {}, byReport: {} };
  for (const run of list) {
    byStatus[run.status] = (byStatus[run.status] ?? 0) + 1;
    for (const s of skippedIn(run.message)) {
      skipped.total += s.count;
      skipped.byReason[s.reason] = (skipped.byReason[s.reason] ?? 0) + s.count;
      const key = `${run.report} ${run.account}`;
      skipped.byReport[key] = (skipped.byReport[key] ?? 0) + s.count;
    }
  }
  return {
    runs: {
      count: list.length, byStatus,
      rowsAdded: list.reduce((s, r) => s + r.rowsAdded, 0), rowsUpdated: list.reduce((s, r) => s + r.rowsUpdated, 0),
      list: input.runs, mayBeTrimmed: input.mayBeTrimmed,
    },
    skipped,
  };
}

function errorsOf(input: SummaryInput): SummaryError[] {
  const errors: SummaryError[] = [];
  for (const a of input.accounts) if (a.flow && !a.connected) errors.push({ kind: 'connect', where: `@${a.username}`, message: a.note ?? 'not connected' });
  for (const c of input.configurations) if (!c.saved) errors.push({ kind: 'configuration', where: `${c.report} @${c.account}`, message: c.error ?? 'not saved' });
  for (const e of input.executions) if (e.outcome === 'failed') errors.push({ kind: 'execution', at: iso(e.start), where: e.function, message: e.error ?? 'failed' });
  for (const r of input.runs.runs) if (isReportRun(r) && r.status === 'failed') errors.push({ kind: 'run', at: r.at, where: `${r.report} ${r.account}`, message: r.message });
  const bq = input.bigquery;
  if (bq && !bq.check.ok) errors.push({ kind: 'bigquery', where: `${bq.projectId}.${bq.datasetId}`, message: bq.check.message });
  // A failed load leaves the tab written (the run is ok) but BigQuery behind: the run was asked to load it.
  for (const l of bq?.loads ?? []) if (l.state === 'failed') errors.push({ kind: 'bigquery', where: `${l.report} @${l.account}`, message: l.text });
  return errors;
}

export function buildSummary(input: SummaryInput): SimulationSummary {
  const { runs, skipped } = runsPart(input.runs);
  const errors = errorsOf(input);
  const warnings = [...input.warnings];
  for (const f of input.exported.fallbacks) warnings.push(`${f.cells} cells of "${f.sheet}" exported without their ${f.what}: ${f.reason}`);
  for (const t of input.exported.xlsxNotes?.truncated ?? []) warnings.push(`${t.cells} cells of "${t.sheet}" cut to Excel's 32,767 characters in the .xlsx (the CSV keeps them whole)`);
  if (input.runs.mayBeTrimmed) warnings.push('The "Sheetgram log" tab reached the lines it keeps: the oldest runs may be missing from runs and skipped.');
  return {
    format: SUMMARY_FORMAT,
    version: SUMMARY_VERSION,
    ok: errors.length === 0,
    scenario: input.scenario,
    simulated: input.simulated,
    accounts: input.accounts,
    configurations: input.configurations,
    leftOut: input.leftOut,
    meta: { ...summarizeMetaCalls(input.requestLog), logEntries: input.requestLog.length },
    network: networkPart(input.network),
    appsScript: { groups: groupTotals(input.counters), calls: input.counters },
    executions: executionsPart(input.executions),
    runs,
    skipped,
    errors,
    tabs: input.exported.tabs,
    files: { xlsx: input.exported.xlsx ?? null, csv: input.exported.tabs.map((t) => t.csv) },
    bigquery: input.bigquery ?? null,
    warnings,
  };
}
