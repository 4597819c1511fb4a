// A fresh world for repair tests: two accounts (each with its fake Graph: posts, and account insights
// whose value for a day is a function of that day, so "the truth" is known), in-memory properties,
// tabs, leases and a fake clock that each call advances.
import { AccountStore } from '../../../src/core/accounts/account-store';
import type { ConnectedAccount } from '../../../src/core/accounts/types';
import { RunLeases } from '../../../src/core/configurations/leases';
import { ConfigurationStore } from '../../../src/core/configurations/store';
import type { GraphClient } from '../../../src/core/graph/client';
import { addDays, calendarDateIn, isoDate, midnightIn, PACIFIC, type CalendarDate } from '../../../src/core/reports/dates';
import { defaultFields, getReport } from '../../../src/core/reports/registry';
import type { ReportConfiguration, ReportId, WriteMode } from '../../../src/core/reports/types';
import { RepairStore } from '../../../src/core/repair/store';
import { runConfiguration, type RunEnvironment } from '../../../src/core/run/execute';
import { FakeClock, MemoryStore } from '../../support/memory-ports';
import { MemoryLock } from '../quota/memory-lock';
import { FakeGraph, makePosts } from '../run/fake-graph';
import { MemoryTabs } from '../tabs/memory-tab';

export const START = Date.parse('2026-07-15T12:00:00Z');
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const A = '17841400000000001';
export const B = '17841400000000002';
export const OWNER = 'user-1';
const NAMES: Record<string, string> = { [A]: 'sunny.creates', [B]: 'harbor.bakery' };

/** A metric's value on a Pacific day for an account: what Instagram holds. */
export function truth(account: string, metric: string, day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return (account === A ? 1000 : 5000) + metric.length * 31 + y + m * 40 + d;
}

const pacificDay = (seconds: string) => calendarDateIn(Number(seconds) * 1000, PACIFIC);

/**
 * Account insights as Meta answers them: a time series per Pacific day in [since, until), a total per
 * call's day; follower_count only for the last 30 days and nothing at all before `keepsFrom`.
 */
export class InsightsGraph extends FakeGraph {
  keepsFrom = '2000-01-01';
  failWith: (() => never) | null = null;
  constructor(posts: ReturnType<typeof makePosts>, private readonly time: FakeClock, msPerCall: number, account: string) {
    super(posts, time, msPerCall, account);
    this.accountInsights = (p) => this.insights(p);
  }
  private insights(p: Record<string, string>): unknown {
    if (this.failWith) this.failWith();
    const first = pacificDay(p.since);
    const end = pacificDay(p.until);
    const days: CalendarDate[] = [];
    for (let d = first; isoDate(d) < isoDate(end); d = addDays(d, 1)) if (isoDate(d) >= this.keepsFrom) days.push(d);
    const yesterday = addDays(calendarDateIn(this.time.ms, PACIFIC), -1);
    const metrics = p.metric.split(',');
    if (p.metric_type === 'time_series') {
      return { data: metrics.map((name) => ({ name, values: days
        .filter((d) => name !== 'follower_count' || isoDate(d) > isoDate(addDays(yesterday, -30)))
        .map((d) => ({ value: truth(this.accountId, name, isoDate(d)), end_time: new Date(midnightIn(addDays(d, 1), PACIFIC)).toISOString().replace('.000Z', '+0000') })) }))
        .filter((e) => e.values.length) };
    }
    if (!days.length) return { data: [] };
    const day = isoDate(days[0]);
    if (p.breakdown === 'follow_type') {
      return { data: [{ name: 'follows_and_unfollows', total_value: { value: 0, breakdowns: [{ dimension_keys: ['follow_type'], results: [
        { dimension_values: ['FOLLOWER'], value: truth(this.accountId, 'follows', day) }, { dimension_values: ['NON_FOLLOWER'], value: truth(this.accountId, 'unfollows', day) },
      ] }] } }] };
    }
    return { data: metrics.map((name) => ({ name, total_value: { value: truth(this.accountId, name, day) } })) };
  }
}

export function world(options: { msPerCall?: number } = {}) {
  const clock = new FakeClock(START);
  const graphs: Record<string, InsightsGraph> = {
    [A]: new InsightsGraph(makePosts(120, START - HOUR, 12), clock, options.msPerCall ?? 0, A),
    [B]: new InsightsGraph(makePosts(60, START - 2 * HOUR, 20), clock, options.msPerCall ?? 0, B),
  };
  const document = new MemoryStore();
  const user = new MemoryStore();
  const configs = new ConfigurationStore(document);
  const accounts = new AccountStore(user);
  for (const id of [A, B]) {
    const account: ConnectedAccount = {
      id, username: NAMES[id], accountType: 'BUSINESS', flow: 'instagram', scopes: [], connectedAt: START - HOUR, tokenIssuedAt: START - HOUR, tokenExpiresAt: null,
    };
    accounts.save(account, { accessToken: `token-${id}`, issuedAt: START - HOUR, expiresAt: null });
  }
  const tabs = new MemoryTabs();
  const repairs = new RepairStore(document);
  const env: RunEnvironment & { owner: string } = {
    configs, accounts, leases: new RunLeases(document, new MemoryLock(), clock), tab: tabs, clock, timeZone: 'Europe/Lisbon', textEscaping: 'apostrophe',
    log: { info: () => undefined, warn: () => undefined }, holder: 'tick', owner: OWNER,
    openGraph: (account) => Object.assign(graphs[account.id], { release: () => undefined, throttle: {} }) as unknown as GraphClient,
  };
  const save = (reportId: ReportId, account: string, tab: string, mode: WriteMode = 'update'): ReportConfiguration => {
    const config: ReportConfiguration = {
      id: `cfg-${reportId}-${account}`, accountId: account, loginFlow: 'instagram', reportId, fields: defaultFields(getReport(reportId)), tab: { sheetId: null, name: tab },
      mode, schedule: { kind: 'daily', hour: 6 }, settings: {}, owner: OWNER, accountUsername: NAMES[account], createdAt: START - HOUR,
    };
    configs.save(config);
    return config;
  };
  const run = (config: ReportConfiguration) => runConfiguration(configs.get(config.id)!, env, { deadline: clock.ms + 5 * 60_000, trigger: 'run now' });
  const table = (tab: string) => {
    const [head, ...rows] = tabs.values(tab);
    const header = head.map(String);
    return { header, rows, at: (h: string) => header.indexOf(h) };
  };
  return { clock, graphs, document, configs, accounts, tabs, repairs, env, save, run, table };
}

export type World = ReturnType<typeof world>;
