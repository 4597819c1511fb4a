// A run whose list Instagram cut short: it writes what it read, says it is incomplete, keeps the state it
// started from (so the next run reads the gap again), and a Replace run removes nothing.
import { describe, expect, it } from 'vitest';
import { defaultFields, getReport } from '../../../src/core/reports/registry';
import type { ReportConfiguration, ReportId, WriteMode } from '../../../src/core/reports/types';
import type { Checkpoint, CheckpointStore } from '../../../src/core/run/checkpoint';
import { runReport, type RunDeps } from '../../../src/core/run/run-report';
import { FakeClock } from '../../support/memory-ports';
import { MemoryTabs } from '../tabs/memory-tab';
import { FakeGraph, makePosts } from './fake-graph';
import type { GraphPage } from '../../../src/core/graph/reader';

const NOW = Date.parse('2026-07-15T12:00:00Z');
const TAB = "User's Recent Media";

function config(reportId: ReportId, extra: Partial<ReportConfiguration> = {}): ReportConfiguration {
  const report = getReport(reportId);
  return {
    id: `cfg-${reportId}`, accountId: '17841400000000001', loginFlow: 'facebook', reportId, fields: defaultFields(report),
    tab: { sheetId: null, name: report.title }, mode: report.defaultMode as WriteMode, schedule: { kind: 'daily', hour: 6 }, settings: {}, ...extra,
  };
}

function harness(posts = makePosts(400, NOW - 3_600_000, 6)) {
  const clock = new FakeClock(NOW);
  const graph = new FakeGraph(posts, clock, 0);
  const tabs = new MemoryTabs();
  let stored: string | null = null;
  const checkpoint: CheckpointStore = {
    load: () => (stored ? (JSON.parse(stored) as Checkpoint) : null),
    save: (c) => { stored = JSON.stringify(c); },
    clear: () => { stored = null; },
  };
  const logs: string[] = [];
  const deps = (): RunDeps => ({
    reader: graph, tab: tabs, clock, checkpoint, deadline: clock.ms + 300_000, timeZone: 'UTC',
    log: { info: (m) => logs.push(m), warn: (m) => logs.push(m) },
  });
  const ids = () => {
    const [head, ...rows] = tabs.values(TAB);
    return rows.map((r) => r[head.indexOf('Media ID')]);
  };
  return { clock, graph, tabs, deps, logs, ids, checkpoint: () => stored };
}

/** Page `n` of /media (100 posts a page) comes without paging: the list seems to end there. */
const endAfterPage = (n: number) => (page: GraphPage<any>, at: number) => (at === n ? { ...page, next: null, after: null } : page);

describe('an incomplete run', () => {
  it('writes what it read, says so, keeps its starting state, and the next run fills the gap', () => {
    const h = harness();
    const cfg = config('recent_media');
    h.graph.pageFault = endAfterPage(3);
    const first = runReport(cfg, h.deps());
    expect(first.status).toBe('incomplete');
    expect(first.shortfall).toBe('Instagram ended the list of posts early (a page came without a link to the next one): 300 of 400 read; Sheetgram tries again at the next run.');
    expect(h.ids()).toHaveLength(300);
    expect(first.state).toEqual({});
    expect(h.checkpoint()).toBeNull();
    expect(h.logs.join('\n')).toMatch(/300 of 400 read/);

    cfg.state = first.state;
    h.graph.pageFault = undefined;
    const second = runReport(cfg, h.deps());
    expect(second.status).toBe('done');
    expect(second.shortfall).toBeUndefined();
    expect(h.ids()).toHaveLength(400);
    expect(new Set(h.ids()).size).toBe(400);
    expect(second.state.highWaterMark).toBe(h.graph.posts[0].timestamp);
  });

  it('on an incremental run, keeps the old high-water mark and run date, so the next run reads from there again', () => {
    const h = harness();
    const cfg = config('recent_media', { settings: { lookbackDays: 1 } });
    cfg.state = runReport(cfg, h.deps()).state;
    const before = cfg.state;
    // Ten days later, 150 new posts; the list stops after the first page of them.
    h.clock.ms += 10 * 86_400_000;
    h.graph.posts.unshift(...makePosts(150, h.clock.ms - 3_600_000, 1).map((p, i) => ({ ...p, id: `1799999999999${String(i).padStart(4, '0')}` })));
    h.graph.pageFault = endAfterPage(1);
    const short = runReport(cfg, h.deps());
    expect(short.status).toBe('incomplete');
    expect(short.state).toEqual(before);
    expect(h.ids()).toHaveLength(500);
    h.graph.pageFault = undefined;
    const filled = runReport({ ...cfg, state: short.state }, h.deps());
    expect(filled.status).toBe('done');
    expect(new Set(h.ids()).size).toBe(550);
    expect(h.ids()).toHaveLength(550);
    expect(filled.state.lastRunDate).toBe('2026-07-25');
  });

  it('in Replace mode, removes no row it did not read this time', () => {
    const h = harness();
    const cfg = config('recent_media', { mode: 'replace' });
    expect(runReport(cfg, h.deps()).status).toBe('done');
    expect(h.ids()).toHaveLength(400);
    h.graph.pageFault = endAfterPage(2);
    const short = runReport(cfg, h.deps());
    expect(short.status).toBe('incomplete');
    expect(short.rowsUpdated).toBe(200);
    expect(h.ids()).toHaveLength(400);
    expect(short.messages.join(' ')).toMatch(/Replace removed no rows this time/);
    // A whole run removes what is gone from Instagram again.
    h.graph.pageFault = undefined;
    h.graph.posts.pop();
    expect(runReport(cfg, h.deps()).status).toBe('done');
    expect(h.ids()).toHaveLength(399);
  });
});
