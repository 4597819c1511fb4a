// Running reports end to end over a fake Graph and an in-memory sheet: call budgets, resumes, failures, modes.
import { describe, expect, it } from 'vitest';
import { defaultFields } from '../../../src/core/reports/registry';
import type { ReportConfiguration, ReportId, WriteMode } from '../../../src/core/reports/types';
import type { Checkpoint, CheckpointStore } from '../../../src/core/run/checkpoint';
import { runReport, WRITE_MS_PER_CELL, type RunDeps } from '../../../src/core/run/run-report';
import { getReport } from '../../../src/core/reports/registry';
import { FakeClock } from '../../support/memory-ports';
import { GOOGLE_TOO_MANY_CELLS, MemoryTabs } from '../tabs/memory-tab';
import { SPREADSHEET_CELL_LIMIT } from '../../../src/core/tabs/spreadsheet-cells';
import { FakeGraph, makePosts, graphError } from './fake-graph';

const NOW = Date.parse('2026-07-15T12:00:00Z');
const TZ = 'Europe/Berlin';
const ACCOUNT = '17841400000000001';

function config(reportId: ReportId, extra: Partial<ReportConfiguration> = {}): ReportConfiguration {
  const report = getReport(reportId);
  return {
    id: `cfg-${reportId}`, accountId: ACCOUNT, loginFlow: 'facebook', reportId, fields: defaultFields(report),
    tab: { sheetId: null, name: report.title }, mode: report.defaultMode as WriteMode, schedule: { kind: 'daily', hour: 6 }, settings: {},
    ...extra,
  };
}

class MemoryCheckpoint implements CheckpointStore {
  value: string | null = null;
  saves = 0;
  failNextSave = false;
  load(): Checkpoint | null {
    return this.value ? JSON.parse(this.value) : null;
  }
  save(c: Checkpoint): void {
    if (this.failNextSave) {
      this.failNextSave = false;
      throw new Error('execution killed');
    }
    this.saves++;
    this.value = JSON.stringify(c);
  }
  clear(): void {
    this.value = null;
  }
}

function harness(posts = makePosts(10, NOW - 3_600_000)) {
  const clock = new FakeClock(NOW);
  const graph = new FakeGraph(posts, clock, 0);
  const tabs = new MemoryTabs();
  const checkpoint = new MemoryCheckpoint();
  const logs: string[] = [];
  const deps = (extra: Partial<RunDeps> = {}): RunDeps => ({
    reader: graph, tab: tabs, clock, checkpoint, deadline: clock.ms + 300_000, timeZone: TZ,
    log: { info: (m) => logs.push(m), warn: (m) => logs.push(m) }, ...extra,
  });
  return { clock, graph, tabs, checkpoint, logs, deps };
}

/** A column of a tab by its header, below the header. */
function columnValues(tabs: MemoryTabs, tab: string, header: string): unknown[] {
  const [head, ...rows] = tabs.values(tab);
  const at = head.indexOf(header);
  if (at < 0) throw new Error(`no column ${header} in ${tab}`);
  return rows.map((r) => r[at]);
}

const budget = (n: number) => Math.ceil(n / 100) + Math.ceil(n / 50) + 5;

describe('Media Insights first full pull', () => {
  it.each([1_000, 10_000])('of %i posts stays within ceil(N/100)+ceil(N/50)+5 calls and 3 range writes', (n) => {
    const h = harness(makePosts(n, NOW - 3_600_000, 1));
    const result = runReport(config('media_insights'), h.deps());
    expect(result.status).toBe('done');
    expect(result.rowsAdded).toBe(n);
    expect(result.callsUsed).toBeLessThanOrEqual(budget(n));
    expect(h.graph.callsUsed).toBe(result.callsUsed);
    expect(h.tabs.rangeWrites).toBeLessThanOrEqual(3);
    expect(new Set(columnValues(h.tabs, 'Media Insights', 'Media ID')).size).toBe(n);
    expect(new Set(columnValues(h.tabs, 'Media Insights', 'Account ID'))).toEqual(new Set([ACCOUNT]));
    expect(result.state.highWaterMark).toBe(h.graph.posts[0].timestamp);
  });

  it('completes a 10,000-post pull over several deadline-bounded calls with no duplicate or missing row', () => {
    const h = harness(makePosts(10_000, NOW - 3_600_000, 1));
    h.graph.msPerCall = 1_000;
    const cfg = config('media_insights');
    const statuses: string[] = [];
    let result;
    for (let i = 0; i < 20; i++) {
      h.tabs.resetCounts();
      result = runReport(cfg, h.deps({ deadline: h.clock.ms + 60_000, reserveMs: 5_000 }));
      statuses.push(result.status);
      expect(h.tabs.rangeWrites).toBeLessThanOrEqual(3);
      if (result.status === 'done') break;
    }
    expect(statuses.length).toBeGreaterThan(2);
    expect(statuses.slice(0, -1).every((s) => s === 'partial')).toBe(true);
    expect(result!.status).toBe('done');
    const ids = columnValues(h.tabs, 'Media Insights', 'Media ID');
    expect(ids).toHaveLength(10_000);
    expect(new Set(ids).size).toBe(10_000);
    expect(result!.callsUsed).toBeLessThanOrEqual(budget(10_000));
    expect(h.checkpoint.value).toBeNull();
  });
});

describe('time to write', () => {
  it.each(['update', 'replace'] as const)('stops reading in time to commit what it holds and what it wrote, however large (%s)', (mode) => {
    const h = harness(makePosts(10_000, NOW - 3_600_000, 1));
    h.graph.msPerCall = 1_000;
    // As Sheets does, the fake tab commits written cells at the next read, or at the flush when the run ends.
    let pending = 0;
    const commit = () => {
      h.clock.ms += Math.ceil(pending * WRITE_MS_PER_CELL);
      pending = 0;
    };
    const write = h.tabs.writeRows.bind(h.tabs);
    h.tabs.writeRows = (tab, startRow, columns, rows) => {
      write(tab, startRow, columns, rows);
      pending += columns.length * rows.length;
    };
    for (const read of ['readHeader', 'readColumns', 'lastRow'] as const) {
      const original = h.tabs[read].bind(h.tabs) as (...args: unknown[]) => unknown;
      (h.tabs as unknown as Record<string, unknown>)[read] = (...args: unknown[]) => {
        commit();
        return original(...args);
      };
    }
    const cfg = config('media_insights', { mode });
    let result;
    for (let i = 0; i < 60; i++) {
      const deadline = h.clock.ms + 90_000;
      result = runReport(cfg, h.deps({ deadline, reserveMs: 5_000, maxBufferedRows: 2_000 }));
      commit();
      expect(h.clock.ms).toBeLessThanOrEqual(deadline);
      if (result.status === 'done') break;
    }
    expect(result!.status).toBe('done');
    expect(new Set(columnValues(h.tabs, 'Media Insights', 'Media ID')).size).toBe(10_000);
  }, 120_000);
});

describe('daily incremental run', () => {
  it('costs at most 20 calls for User Information, Recent Media, Media Insights and Account Insights of a 10,000-post account', () => {
    const h = harness(makePosts(10_000, NOW - 3_600_000, 12));
    const ids: ReportId[] = ['user_information', 'recent_media', 'media_insights', 'account_insights'];
    const configs = ids.map((id) => config(id));
    configs.forEach((c) => {
      const r = runReport(c, h.deps());
      expect(r.status).toBe('done');
      c.state = r.state;
    });
    // A day later: three new posts.
    h.clock.ms += 86_400_000;
    h.graph.posts.unshift(...makePosts(3, h.clock.ms - 3_600_000, 2).map((p, i) => ({ ...p, id: `1799999999999999${i}` })));
    const before = h.graph.callsUsed;
    h.tabs.resetCounts();
    for (const c of configs) expect(runReport(c, h.deps()).status).toBe('done');
    expect(h.graph.callsUsed - before).toBeLessThanOrEqual(20);
    expect(h.tabs.values("User's Recent Media")).toHaveLength(10_004);
    expect(h.tabs.rangeWrites).toBeLessThanOrEqual(3 * configs.length);
    // Account Insights: one new day added, the two provisional days re-read in place.
    expect(h.tabs.values('Account Insights')).toHaveLength(1 + 31);
  });

  it('reads everything again in Replace mode, so the tab never holds just the recent slice', () => {
    const h = harness(makePosts(300, NOW - 3_600_000, 12));
    const cfg = config('recent_media', { mode: 'replace' });
    cfg.state = runReport(cfg, h.deps()).state;
    h.clock.ms += 86_400_000;
    expect(runReport(cfg, h.deps()).status).toBe('done');
    expect(h.tabs.values("User's Recent Media")).toHaveLength(301);
  });
});

describe('per-item failures', () => {
  it('drops a refused metric for that post only, keeps the rest, and says so', () => {
    const posts = makePosts(6, NOW - 3_600_000);
    posts[1].refuses = ['shares'];
    const h = harness(posts);
    const result = runReport(config('media_insights'), h.deps());
    expect(result.status).toBe('done');
    const rows = h.tabs.values('Media Insights');
    const header = rows[0];
    const shares = header.indexOf('Shares');
    const reach = header.indexOf('Reach');
    const byId = new Map(rows.slice(1).map((r) => [r[header.indexOf('Media ID')], r]));
    expect(byId.get(posts[1].id)![shares]).toBe('');
    expect(byId.get(posts[1].id)![reach]).toBeGreaterThan(0);
    expect(byId.get(posts[2].id)![shares]).toBe(0);
    expect(result.messages.join('\n')).toMatch(/refused the metric "shares"/);
  });

  it('skips the posts on a page that predate the business conversion (2108006) and logs them', () => {
    const posts = makePosts(5, NOW - 3_600_000);
    posts.slice(3).forEach((p) => (p.preConversion = true));
    const h = harness(posts);
    const result = runReport(config('media_insights'), h.deps());
    expect(result.status).toBe('done');
    expect(result.skipped.map((s) => s.id)).toEqual([posts[3].id, posts[4].id]);
    expect(h.tabs.values('Media Insights')).toHaveLength(4);
    expect(h.logs.join('\n')).toMatch(new RegExp(`Skipped ${posts[3].id}`));
  });

  it('finds the business conversion on a page by binary search and reads no further back', () => {
    const posts = makePosts(500, NOW - 3_600_000, 1);
    posts.slice(120).forEach((p) => (p.preConversion = true));
    const h = harness(posts);
    const result = runReport(config('media_insights'), h.deps());
    expect(result.status).toBe('done');
    expect(h.tabs.values('Media Insights')).toHaveLength(121);
    // The profile's post count, two whole pages, then on the third: the refused nested call, the page
    // without insights, and at most ceil(log2(50)) windows. No call per post, and pages 4 to 10 are not read at all.
    expect(h.graph.callsUsed).toBeLessThanOrEqual(1 + 2 + 2 + Math.ceil(Math.log2(50)));
    // Stopping at the conversion is Sheetgram's choice: the list is not short of the profile's 500.
    expect(result.shortfall).toBeUndefined();
    expect(result.skipped).toHaveLength(30);
    expect(result.skipped[0]).toEqual({ id: posts[120].id, reason: expect.stringMatching(/before the account became a business account/) });
    expect(result.messages.join(' ')).toMatch(/read no further back/);
  });

  it('keeps empty apart from zero', () => {
    const posts = makePosts(3, NOW - 3_600_000);
    posts[0].noData = ['reach'];
    const h = harness(posts);
    runReport(config('media_insights'), h.deps());
    const rows = h.tabs.values('Media Insights');
    expect(rows[1][rows[0].indexOf('Reach')]).toBe('');
    expect(rows[1][rows[0].indexOf('Shares')]).toBe(0);
  });

  it('fails the run on an auth error without losing what was written', () => {
    const h = harness();
    runReport(config('recent_media'), h.deps());
    const before = h.tabs.values("User's Recent Media");
    h.graph.page = () => {
      throw graphError('auth', 'Reconnect the account: its access expired.');
    };
    const result = runReport(config('recent_media'), h.deps());
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'auth', message: 'Reconnect the account: its access expired.' } });
    expect(h.tabs.values("User's Recent Media")).toEqual(before);
  });
});

describe('resuming', () => {
  it('re-running a block after a crash between writing and checkpointing duplicates nothing', () => {
    const h = harness(makePosts(300, NOW - 3_600_000, 1));
    const cfg = config('recent_media');
    // First execution writes a block mid-run, then dies while saving the checkpoint.
    h.checkpoint.failNextSave = true;
    expect(() => runReport(cfg, h.deps({ maxBufferedRows: 100 }))).toThrow('execution killed');
    expect(h.tabs.values("User's Recent Media").length).toBe(101);
    const result = runReport(cfg, h.deps({ maxBufferedRows: 100 }));
    expect(result.status).toBe('done');
    const ids = columnValues(h.tabs, "User's Recent Media", 'Media ID');
    expect(ids).toHaveLength(300);
    expect(new Set(ids).size).toBe(300);
  });

  it('Replace over several executions keeps old rows until the new ones are complete', () => {
    const h = harness(makePosts(250, NOW - 3_600_000, 1));
    // The tab this configuration wrote before rows named their account.
    const cfg = config('recent_media', { mode: 'replace', state: { lastRunDate: '2026-07-14' } });
    h.tabs.addSheet("User's Recent Media", [['Media ID', 'Posted at'], ['old-1', ''], ['old-2', '']]);
    h.graph.msPerCall = 10_000;
    const first = runReport(cfg, h.deps({ deadline: h.clock.ms + 25_000, reserveMs: 1_000 }));
    expect(first.status).toBe('partial');
    expect(h.tabs.values("User's Recent Media").map((r) => r[0]).slice(1)).toEqual(['old-1', 'old-2']);
    expect(h.tabs.sheet('Sheetgram staging cfg-recent_media').hidden).toBe(true);
    let result = first;
    for (let i = 0; i < 5 && result.status !== 'done'; i++) result = runReport(cfg, h.deps({ deadline: h.clock.ms + 25_000, reserveMs: 1_000 }));
    expect(result.status).toBe('done');
    const ids = columnValues(h.tabs, "User's Recent Media", 'Media ID');
    expect(ids).toHaveLength(250);
    expect(new Set(ids).size).toBe(250);
    expect(ids).not.toContain('old-1');
    expect(h.tabs.sheets.map((x) => x.name)).toEqual(["User's Recent Media"]);
  });
});

describe('a failed sheet write', () => {
  it('reports failed and leaves the checkpoint where it was, so the next run writes the same rows once', () => {
    const h = harness(makePosts(300, NOW - 3_600_000, 1));
    const cfg = config('recent_media');
    h.graph.msPerCall = 10_000;
    expect(runReport(cfg, h.deps({ deadline: h.clock.ms + 25_000, reserveMs: 1_000 })).status).toBe('partial');
    const saved = h.checkpoint.value;
    const write = h.tabs.writeRows.bind(h.tabs);
    h.tabs.writeRows = () => {
      throw new Error('Service Spreadsheets failed while accessing document');
    };
    const failed = runReport(cfg, h.deps({ deadline: h.clock.ms + 25_000, reserveMs: 1_000 }));
    expect(failed).toMatchObject({ status: 'failed', error: { kind: 'sheet' } });
    expect(h.checkpoint.value).toBe(saved);
    h.tabs.writeRows = write;
    let result = failed;
    for (let i = 0; i < 10 && result.status !== 'done'; i++) result = runReport(cfg, h.deps({ deadline: h.clock.ms + 25_000, reserveMs: 1_000 }));
    const ids = columnValues(h.tabs, "User's Recent Media", 'Media ID');
    expect(new Set(ids).size).toBe(300);
    expect(ids).toHaveLength(300);
  });
});

describe('a spreadsheet at Google\'s 10 million cells', () => {
  /** The person's tabs, leaving exactly `free` cells under the limit. */
  const fill = (tabs: MemoryTabs, free: number) => {
    const rows = Math.floor((SPREADSHEET_CELL_LIMIT - tabs.cellCount() - free) / 26);
    tabs.addSheet('Archive', [['mine']], { rows, columns: 26 });
    tabs.addSheet('Archive 2', [['mine']], { rows: 1, columns: SPREADSHEET_CELL_LIMIT - tabs.cellCount() - free });
  };

  it('fails the block that does not fit, writes none of it, keeps the checkpoint, and writes every row once when there is room', () => {
    const h = harness(makePosts(300, NOW - 3_600_000, 1));
    const cfg = config('recent_media');
    h.graph.msPerCall = 10_000;
    // A first execution writes a block and stops for time.
    expect(runReport(cfg, h.deps({ deadline: h.clock.ms + 25_000, reserveMs: 1_000 })).status).toBe('partial');
    const tab = "User's Recent Media";
    const written = h.tabs.values(tab).length;
    const saved = h.checkpoint.value;
    // The tab's grid ends at its last row (as one past Sheets' first 1000 rows does), and the person fills
    // the spreadsheet: what is left is less than the rest of the posts need.
    const width = h.tabs.sheet(tab).grid.columns;
    h.tabs.sheet(tab).grid.rows = written;
    fill(h.tabs, width * 10);
    let failed = runReport(cfg, h.deps({ deadline: h.clock.ms + 25_000, reserveMs: 1_000 }));
    expect(failed.status).toBe('failed');
    expect(failed.error?.kind).toBe('spreadsheet_full');
    expect(failed.error?.message).toMatch(/^This spreadsheet is full: Google Sheets allows 10 million cells .* and it has 9,999,\d{3}\. The \d+ new rows for "User's Recent Media" need \d[\d,]* more cells, so Sheetgram wrote none of them/);
    expect(failed.error?.message).toContain('Largest tabs: "Archive"');
    expect(h.tabs.values(tab)).toHaveLength(written);
    expect(h.checkpoint.value).toBe(saved);
    expect(failed.state).toEqual(cfg.state ?? {});
    // The person deletes a tab: the next runs write the rest, each post once.
    h.tabs.deleteTab(h.tabs.findTab(null, 'Archive')!);
    for (let i = 0; i < 10 && failed.status !== 'done'; i++) failed = runReport(cfg, h.deps({ deadline: h.clock.ms + 25_000, reserveMs: 1_000 }));
    expect(failed.status).toBe('done');
    const ids = columnValues(h.tabs, tab, 'Media ID');
    expect(ids).toHaveLength(300);
    expect(new Set(ids).size).toBe(300);
  });

  it('says the same when Google refuses growth its own count allowed (the person added cells meanwhile)', () => {
    const h = harness(makePosts(20, NOW - 3_600_000, 1));
    fill(h.tabs, 30_000);
    // The count is taken before the person's growth: Google then refuses the new tab itself.
    const grids = h.tabs.grids();
    h.tabs.grids = () => grids;
    h.tabs.sheet('Archive 2').grid.columns += 10_000;
    const result = runReport(config('recent_media'), h.deps());
    expect(result.status).toBe('failed');
    expect(result.error?.kind).toBe('spreadsheet_full');
    expect(result.error?.message).toMatch(/^This spreadsheet is full: .* The 20 new rows for "User's Recent Media" do not fit, so Sheetgram wrote none of them/);
    expect(result.error?.message).not.toContain(GOOGLE_TOO_MANY_CELLS);
  });
});

describe('Append mode', () => {
  it('stamps rows with the run date and replaces that date on a second run', () => {
    const h = harness();
    const cfg = config('user_information');
    runReport(cfg, h.deps());
    runReport(cfg, h.deps());
    let rows = h.tabs.values("User's Information");
    expect(rows).toHaveLength(2);
    expect(rows[0][0]).toBe('Run date');
    expect(rows[1][0]).toEqual(new Date('2026-07-14T22:00:00Z')); // 15 July, midnight in Berlin
    h.clock.ms += 86_400_000;
    runReport(cfg, h.deps());
    rows = h.tabs.values("User's Information");
    expect(rows).toHaveLength(3);
    expect(rows[1][rows[0].indexOf('Account ID')]).toBe(ACCOUNT);
  });
});
