// A small account under Meta's daily limit: the simulator counts as Meta does today ('buc' mode: 4,800
// calls per impression of the account in a rolling 24 hours, its impressions being its World views), the
// account has a handful of followers and many posts, and the four bench reports are saved for it. Sheetgram
// starts from its floor (a deployer's cautious one here: one impression's worth) until Account Insights
// reads the account's views, spreads the day over the hours, and its first pull is measured hour by hour:
// calls in each clock hour, the busiest rolling hour, the day's total against Meta's budget and its own.
import { defaultFields, getReport } from '../../src/core/reports/registry';
import type { RequestLogEntry } from '../instagram/handler';
import { BUC_CALLS_PER_IMPRESSION, worldImpressions } from '../instagram/rate-limit';
import { largeScenario, type Scenario } from '../instagram/scenario';
import { World } from '../instagram/world';
import { readRunLog } from '../simulate/run-log';
import { BENCH_REPORTS, DAILY_HOUR, LOOKBACK_DAYS } from './bench-types';
import { DEFAULT_LATENCY_MS, HOUR_MS, startBenchStack } from './stack';

export const META_LIMITS_BENCH = { media: 10_000, followers: 10, floor: BUC_CALLS_PER_IMPRESSION };

export interface MetaLimitsBench {
  media: number;
  followers: number;
  latencyMs: number;
  /** SHEETGRAM_DAILY_CALLS_FLOOR in force. */
  floor: number;
  /** The account's impressions in the 24 hours before the first pull, and Meta's budget from them (the simulator's). */
  impressions: number;
  metaBudget: number;
  /** Sheetgram's limits once the pull is done, as the sidebar shows them. */
  sheetgram: { hour: number; day: number; basis: string; summary: string };
  /** Calls to Meta for the account per clock hour (ISO start of the hour), from the first call on. */
  hours: { hour: string; calls: number }[];
  /** The most calls in one clock hour (Sheetgram's hourly share is per clock hour), and in the first 24 hours. */
  busiestHour: number;
  dayTotal: number;
  /** Runs that Meta's own daily limit stopped (80002): none when Sheetgram keeps within the budget. */
  pausedByMeta: number;
  ticks: number;
  complete: boolean;
}

const MAX_TICKS = 48;

export function smallAccountScenario(media: number, followers: number): Scenario {
  const s = largeScenario({ media });
  s.accounts[0] = { ...s.accounts[0], followers: { start: followers, dailyNet: 0, noise: 0 } };
  s.limits = { ...s.limits, rateLimitMode: 'buc' };
  return s;
}


export async function benchMetaLimits(options: { media?: number; followers?: number; floor?: number; latencyMs?: number } = {}): Promise<MetaLimitsBench> {
  const media = options.media ?? META_LIMITS_BENCH.media;
  const followers = options.followers ?? META_LIMITS_BENCH.followers;
  const floor = options.floor ?? META_LIMITS_BENCH.floor;
  const latencyMs = options.latencyMs ?? DEFAULT_LATENCY_MS;
  const scenario = smallAccountScenario(media, followers);
  const account = scenario.accounts[0].igUserId;
  const bench = await startBenchStack(scenario, { latencyMs, scriptProperties: { SHEETGRAM_DAILY_CALLS_FLOOR: String(floor) } });
  const { stack } = bench;
  try {
    const connected = await stack.connect('instagram', { account });
    if (!connected.ok) throw new Error(`bench: the sign-in failed: ${connected.page.slice(0, 300)}`);
    for (const id of BENCH_REPORTS) {
      const report = getReport(id);
      const lookback = report.settings.some((s) => s.id === 'lookbackDays');
      stack.rt.call('saveConfiguration', [{
        accountId: account, reportId: id, fields: defaultFields(report), tabName: report.title, mode: report.defaultMode,
        schedule: { kind: 'daily', hour: DAILY_HOUR }, settings: lookback ? { lookbackDays: String(LOOKBACK_DAYS) } : {},
      }]);
    }
    const titles = BENCH_REPORTS.map((id) => getReport(id).title);
    const startedAt = stack.rt.clock.now();
    const impressions = worldImpressions(World.fromScenario(scenario), account, startedAt) ?? 0;
    const before = ((await stack.control('log')) as RequestLogEntry[]).length;
    const done = new Set<string>();
    let ticks = 0;
    let pausedByMeta = 0;
    while (ticks < MAX_TICKS && done.size < titles.length) {
      const seen = readRunLog(stack.rt.workbook).runs.length;
      stack.rt.advance(HOUR_MS);
      ticks++;
      for (const r of readRunLog(stack.rt.workbook).runs.slice(seen)) {
        if (!titles.includes(r.report)) continue;
        if (r.status !== 'continues') done.add(r.report);
        if (/Instagram's daily limit for this account is reached/.test(r.message)) pausedByMeta++;
      }
    }
    const log = ((await stack.control('log')) as RequestLogEntry[]).slice(before)
      .filter((e) => e.account === account && e.host.startsWith('graph.') && !e.endpoint.includes('access_token'));
    const times = log.map((e) => Date.parse(e.time)).sort((a, b) => a - b);
    const hours = new Map<number, number>();
    for (const t of times) {
      const hour = Math.floor(t / HOUR_MS) * HOUR_MS;
      hours.set(hour, (hours.get(hour) ?? 0) + 1);
    }
    const quota = (stack.rt.call('getSidebarState') as { quota: { accountId: string; limit: number; day?: { limit: number; basis: string }; summary?: string }[] }).quota
      .find((q) => q.accountId === account);
    return {
      media, followers, latencyMs, floor, impressions, metaBudget: BUC_CALLS_PER_IMPRESSION * Math.max(1, impressions),
      sheetgram: { hour: quota?.limit ?? 0, day: quota?.day?.limit ?? 0, basis: quota?.day?.basis ?? '', summary: quota?.summary ?? '' },
      hours: [...hours].sort(([a], [b]) => a - b).map(([hour, calls]) => ({ hour: new Date(hour).toISOString(), calls })),
      busiestHour: Math.max(0, ...hours.values()),
      dayTotal: times.length ? times.filter((t) => t < times[0] + 24 * HOUR_MS).length : 0,
      pausedByMeta,
      ticks,
      complete: done.size === titles.length,
    };
  } finally {
    await stack.close();
  }
}
