// A first User's Information run in Append mode writes the 30 days before it, rebuilt, under today's
// row: Run date, the account, Followers and Source filled, every other column empty. Later runs, other
// modes, a second account in the tab and a tab the person sorted never bring a second rebuild or a date twice.
import { describe, expect, it } from 'vitest';
import { FOLLOWER_SOURCES } from '../../../src/core/reports/follower-history';
import { defaultFields, getReport } from '../../../src/core/reports/registry';
import type { ReportConfiguration, WriteMode } from '../../../src/core/reports/types';
import { runReport, type RunDeps } from '../../../src/core/run/run-report';
import type { CellValue } from '../../../src/core/tabs/tab-port';
import { FakeClock } from '../../support/memory-ports';
import { MemoryTabs } from '../tabs/memory-tab';
import { FakeGraph, graphError } from './fake-graph';

const NOW = Date.parse('2026-07-15T12:00:00Z');
const TZ = 'Europe/Berlin';
const DAY = 86_400_000;
const TAB = "User's Information";

/** Meta's insights of an account with 1,234 followers now: 30 follows and 10 unfollows every day. */
function graphFor(accountId: string, clock: FakeClock): FakeGraph {
  const graph = new FakeGraph([], clock, 0, accountId);
  graph.accountInsights = (params) => {
    if (params.metric === 'follower_count') {
      const values = [];
      for (let end = Number(params.since) * 1000 + DAY; end <= Math.min(Number(params.until) * 1000, clock.ms); end += DAY) {
        values.push({ value: 30, end_time: new Date(end).toISOString().replace('.000Z', '+0000') });
      }
      return { data: [{ name: 'follower_count', values }] };
    }
    return { data: [{ name: 'follows_and_unfollows', total_value: { value: 40, breakdowns: [{ dimension_keys: ['follow_type'], results: [
      { dimension_values: ['FOLLOWER'], value: 30 }, { dimension_values: ['NON_FOLLOWER'], value: 10 }] }] } }] };
  };
  return graph;
}

function config(accountId: string, extra: Partial<ReportConfiguration> = {}): ReportConfiguration {
  return {
    id: `cfg-${accountId}`, accountId, accountUsername: `user${accountId.slice(-1)}`, loginFlow: 'instagram', reportId: 'user_information',
    fields: defaultFields(getReport('user_information')), tab: { sheetId: null, name: TAB }, mode: 'append' as WriteMode,
    schedule: { kind: 'daily', hour: 6 }, settings: {}, ...extra,
  };
}

function harness() {
  const clock = new FakeClock(NOW);
  const tabs = new MemoryTabs();
  const graphs = new Map<string, FakeGraph>();
  const deps = (accountId: string): RunDeps => {
    if (!graphs.has(accountId)) graphs.set(accountId, graphFor(accountId, clock));
    return { reader: graphs.get(accountId)!, tab: tabs, clock, deadline: clock.ms + 300_000, timeZone: TZ, log: { info: () => {}, warn: () => {} } };
  };
  /** Runs a configuration and keeps its state, as the runner does. */
  const run = (cfg: ReportConfiguration) => {
    const result = runReport(cfg, deps(cfg.accountId));
    cfg.state = result.state;
    return result;
  };
  const rows = (accountId?: string) => {
    const [head, ...body] = tabs.values(TAB);
    const at = (h: string) => head.indexOf(h);
    return body.filter((r) => !accountId || r[at('Account ID')] === accountId).map((r) => Object.fromEntries(head.map((h, i) => [h, r[i]])) as Record<string, CellValue>);
  };
  const day = (v: CellValue) => new Intl.DateTimeFormat('en-CA', { timeZone: TZ }).format(v as Date);
  return { clock, tabs, graphs, run, rows, day };
}

describe("a first User's Information run", () => {
  it('writes the 30 days before it, rebuilt and marked, then today\'s row; the next days add one row each', () => {
    const h = harness();
    const cfg = config('17841400000000001');
    const first = h.run(cfg);
    expect(first.status).toBe('done');
    expect(first.rowsAdded).toBe(31);
    expect(first.callsUsed).toBe(1 + 1 + 30);
    expect(first.messages.join(' ')).toMatch(/Added @user1's followers for 30 days before today/);
    const rows = h.rows();
    expect(rows.map((r) => h.day(r['Run date']))).toEqual([...Array.from({ length: 30 }, (_, i) => new Date(NOW - (30 - i) * DAY).toISOString().slice(0, 10)), '2026-07-15']);
    const today = rows.at(-1)!;
    expect(today).toMatchObject({ Followers: 1234, Source: FOLLOWER_SOURCES.measured, Username: 'dino', Posts: 0 });
    // 14 July's row is the count when Meta's 13 July ended (09:00 on the 14th in Berlin): today's count less
    // 14 July's net change (30 follows, 10 unfollows); each day before it 20 fewer.
    rows.slice(0, 30).forEach((r, i) => {
      expect(r).toMatchObject({ Account: 'user1', 'Account ID': '17841400000000001', Source: FOLLOWER_SOURCES.rebuilt, Followers: 1234 - 20 * (30 - i) });
      for (const other of ['Username', 'Name', 'Biography', 'Website', 'Follows', 'Posts', 'Account type']) expect(r[other], other).toBe('');
    });

    for (let d = 1; d <= 7; d++) {
      h.clock.ms += DAY;
      const later = h.run(cfg);
      expect(later.rowsAdded).toBe(1);
      expect(later.callsUsed).toBe(1);
    }
    const dates = h.rows().map((r) => h.day(r['Run date']));
    expect(dates).toHaveLength(38);
    expect(new Set(dates).size).toBe(38);
  });

  it('never writes a date twice: a re-run the same day, a second account, a sorted tab, a new configuration', () => {
    const h = harness();
    const a = config('17841400000000001');
    const b = config('17841400000000002');
    h.run(a);
    // A re-run before the state was saved (the first one stopped short) finds the rows and adds none.
    const again = h.run({ ...a, state: undefined });
    expect(again.rowsAdded).toBe(0);
    // The person sorts the tab newest first; the second account's first run rebuilds its own days.
    const sheet = h.tabs.sheet(TAB);
    const [head, ...body] = sheet.cells;
    sheet.cells = [head, ...body.reverse()];
    expect(h.run(b).rowsAdded).toBe(31);
    expect(h.rows('17841400000000002').filter((r) => r.Source === FOLLOWER_SOURCES.rebuilt)).toHaveLength(30);
    expect(h.rows('17841400000000001')).toHaveLength(31);
    // Three days later the account is saved again as a new configuration: only the two missing days are rebuilt.
    h.clock.ms += 3 * DAY;
    const renewed = h.run(config('17841400000000001', { id: 'cfg-new' }));
    expect(renewed.rowsAdded).toBe(2 + 1);
    for (const id of ['17841400000000001', '17841400000000002']) {
      const dates = h.rows(id).map((r) => h.day(r['Run date']));
      expect(new Set(dates).size, id).toBe(dates.length);
    }
  });

  it('rebuilds nothing in Replace or Update mode, after a first run, or without the Source column to mark the rows', () => {
    for (const cfg of [
      config('17841400000000001', { mode: 'replace' }), config('17841400000000001', { mode: 'update' }),
      config('17841400000000001', { state: { lastRunDate: '2026-07-14' } }),
      config('17841400000000001', { fields: defaultFields(getReport('user_information')).filter((f) => f !== 'source') }),
    ]) {
      const h = harness();
      const result = h.run(cfg);
      expect(result.rowsAdded, cfg.mode).toBe(1);
      expect(result.callsUsed).toBe(1);
    }
  });

  it('writes today\'s row and a note when Instagram refuses the insights; the run does not fail', () => {
    const h = harness();
    const cfg = config('17841400000000001');
    const refused = new FakeGraph([], h.clock, 0, cfg.accountId);
    refused.accountInsights = () => {
      throw graphError('permission', '(#10) Application does not have permission for this action', 10);
    };
    const result = runReport(cfg, { reader: refused, tab: h.tabs, clock: h.clock, deadline: h.clock.ms + 300_000, timeZone: TZ, log: { info: () => {}, warn: () => {} } });
    expect(result.status).toBe('done');
    expect(result.rowsAdded).toBe(1);
    expect(result.callsUsed).toBe(2);
    expect(result.messages.join(' ')).toMatch(/did not allow Sheetgram to read its insights/);
    expect(h.rows()).toHaveLength(1);
  });
});
