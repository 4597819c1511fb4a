// Several accounts in one configuration (an agency's twenty clients): the four bench reports saved once
// each "for all connected accounts", against the same reports saved once per account on their own.
// Measured: Meta calls per account in each way (they must be equal: a group is only a way to keep one
// table), executions and ticks, virtual time and property writes, for the first pull and the next day.
import { defaultFields, getReport } from '../../src/core/reports/registry';
import { agencyScenario } from '../instagram/scenario';
import type { RequestLogEntry } from '../instagram/handler';
import { readRunLog } from '../simulate/run-log';
import { BENCH_REPORTS, DAILY_HOUR, LOOKBACK_DAYS } from './bench-types';
import { addFigures, emptyFigures, type Figures } from './figures';
import { DEFAULT_LATENCY_MS, HOUR_MS, startBenchStack, type BenchStack } from './stack';

export type AccountsWay = 'one configuration' | 'one per account';

export interface AccountsPhase {
  figures: Figures;
  ticks: number;
  /** Meta calls per account id. */
  callsByAccount: Record<string, number>;
  /** Every account's every report reached a final status. */
  complete: boolean;
}

export interface AccountsBench {
  clients: number;
  media: number;
  latencyMs: number;
  way: AccountsWay;
  /** Configurations saved (members included). */
  configurations: number;
  full: AccountsPhase;
  incremental: AccountsPhase;
}

const MAX_TICKS = 48;

function save(bench: BenchStack, way: AccountsWay): number {
  const { rt } = bench.stack;
  const accounts = (rt.call('getSidebarState') as { accounts: { id: string; username: string }[] }).accounts;
  for (const id of BENCH_REPORTS) {
    const report = getReport(id);
    const base = {
      reportId: id, fields: defaultFields(report), mode: report.defaultMode, schedule: { kind: 'daily', hour: DAILY_HOUR },
      settings: report.settings.some((s) => s.id === 'lookbackDays') ? { lookbackDays: String(LOOKBACK_DAYS) } : {},
    };
    if (way === 'one configuration') rt.call('saveConfiguration', [{ ...base, accountId: accounts[0].id, tabName: report.title, accounts: { kind: 'all' } }]);
    else for (const a of accounts) rt.call('saveConfiguration', [{ ...base, accountId: a.id, tabName: `${report.title} @${a.username}` }]);
  }
  return (rt.call('getSidebarState') as { configurations: unknown[] }).configurations.length;
}

/** Tick by tick until every report of every account has a final line in the log. */
async function phase(bench: BenchStack, expected: number): Promise<AccountsPhase> {
  const { stack, meter } = bench;
  const result: AccountsPhase = { figures: emptyFigures(), ticks: 0, callsByAccount: {}, complete: false };
  const done = new Set<string>();
  const before = ((await stack.control('log')) as RequestLogEntry[]).length;
  for (let tick = 0; tick < MAX_TICKS && done.size < expected; tick++) {
    const seen = readRunLog(stack.rt.workbook).runs.length;
    const mark = await meter.mark();
    stack.rt.advance(HOUR_MS);
    const runs = readRunLog(stack.rt.workbook).runs.slice(seen).filter((r) => r.startedBy !== 'maintenance');
    if (!runs.length) continue;
    result.ticks++;
    result.figures = addFigures(result.figures, await meter.since(mark));
    for (const r of runs) if (r.status !== 'continues') done.add(`${r.report}|${r.account}`);
  }
  result.complete = done.size === expected;
  for (const e of ((await stack.control('log')) as RequestLogEntry[]).slice(before)) {
    if (e.account && e.host.startsWith('graph.') && !e.endpoint.includes('access_token')) result.callsByAccount[e.account] = (result.callsByAccount[e.account] ?? 0) + 1;
  }
  return result;
}

export async function benchAccounts(options: { clients: number; media: number; latencyMs?: number; way: AccountsWay }): Promise<AccountsBench> {
  const latencyMs = options.latencyMs ?? DEFAULT_LATENCY_MS;
  const bench = await startBenchStack(agencyScenario({ clients: options.clients, media: options.media }), { latencyMs });
  try {
    const connected = await bench.stack.connect('facebook');
    if (!connected.ok) throw new Error(`bench: the Facebook sign-in failed: ${connected.page.slice(0, 300)}`);
    const configurations = save(bench, options.way);
    const expected = options.clients * BENCH_REPORTS.length;
    const full = await phase(bench, expected);
    const incremental = await phase(bench, expected);
    return { clients: options.clients, media: options.media, latencyMs, way: options.way, configurations, full, incremental };
  } finally {
    await bench.stack.close();
  }
}
