// When the Weekly Digest is rebuilt: on Mondays in the spreadsheet's time zone, once per Monday unless
// the tick's runs changed the reports it reads, under the document's lock, only in a document with
// Media Insights or User's Information reports.
import { describe, expect, it } from 'vitest';
import { DIGEST_BUILT_KEY, weeklyDigest, type DigestDeps } from '../../../src/core/digest/build';
import { DIGEST_TAB } from '../../../src/core/digest/names';
import type { Cell, FunctionSources, Table } from '../../../src/core/functions/tables';
import type { ReportConfiguration } from '../../../src/core/reports/types';
import { FakeClock, ListLog, MemoryStore } from '../../support/memory-ports';
import { MemoryLock } from '../quota/memory-lock';
import { MemoryTabs } from '../tabs/memory-tab';
import { SUNNY, configOf, dateOf, headersOf } from '../bigquery/sheet';

const TZ = 'Europe/Berlin';
/** 00:30 on Monday 2 March 2026 in Berlin; still Sunday 1 March in UTC. */
const MONDAY_BERLIN_SUNDAY_UTC = Date.parse('2026-03-01T23:30:00Z');
const TUESDAY = Date.parse('2026-03-03T09:00:00Z');
const HOUR = 3_600_000;

function tableOf(header: string[], rows: Record<string, Cell>[]): Table {
  return { header, rows: rows.map((r) => header.map((h) => (h in r ? r[h] : ''))) };
}

const MEDIA = tableOf(headersOf('media_insights', 'append'), [{
  'Run date': dateOf('2026-03-01'), 'Account ID': SUNNY.id, 'Media ID': 'M1', 'Posted at': new Date('2026-02-25T10:00:00Z'),
  Views: 120, Reach: 90, 'Total interactions': 12, Caption: '=HYPERLINK("http://x","y")', Permalink: 'https://www.instagram.com/p/M1/',
}]);
const INFO = tableOf(headersOf('user_information', 'append'), [
  { 'Run date': dateOf('2026-02-23'), 'Account ID': SUNNY.id, Followers: 100 },
  { 'Run date': dateOf('2026-03-01'), 'Account ID': SUNNY.id, Followers: 110 },
]);
const TABLES: Record<string, Table> = { 'Media Insights': MEDIA, "User's Information": INFO };

interface World {
  deps: DigestDeps;
  tabs: MemoryTabs;
  store: MemoryStore;
  lock: MemoryLock;
  clock: FakeClock;
  log: ListLog;
}

/** Fresh fakes; sources read the same clock the build does. */
function world(now: number, configs: ReportConfiguration[] = [configOf('media_insights', SUNNY), configOf('user_information', SUNNY)], timeZone = TZ): World {
  const [tabs, store, lock, clock, log] = [new MemoryTabs(), new MemoryStore(), new MemoryLock(), new FakeClock(now), new ListLog()];
  const sources: FunctionSources = {
    configurations: () => configs,
    ownerAccounts: () => [SUNNY],
    table: (c) => TABLES[c.tab.name] ?? null,
    now: () => clock.now(),
    timeZone: () => timeZone,
  };
  return { deps: { sources, tab: tabs, store, lock, clock, log }, tabs, store, lock, clock, log };
}

describe('weeklyDigest', () => {
  it('is not due on a Tuesday: nothing written, no lock taken', () => {
    const w = world(TUESDAY);
    expect(weeklyDigest(w.deps, true)).toBe('not due');
    expect(w.tabs.findTab(null, DIGEST_TAB)).toBeNull();
    expect(w.store.data.size).toBe(0);
    expect(w.lock.attempts).toBe(0);
  });

  it('is due on a Monday in the spreadsheet time zone, though Sunday in UTC', () => {
    const w = world(MONDAY_BERLIN_SUNDAY_UTC);
    expect(weeklyDigest(w.deps, false)).toBe('built');
    const values = w.tabs.values(DIGEST_TAB);
    expect(values[0]).toEqual(['Sheetgram weekly digest', 'This week: 2026-02-23 to 2026-03-01', 'Last week: 2026-02-16 to 2026-02-22', '', '', '', '', '']);
    expect(values[1][0]).toBe('Built 2026-03-02 00:30 (Europe/Berlin) from the report tabs; rebuilt every Monday. Columns right of H are yours.');
    expect(values.find((r) => r[0] === "'@sunny" && r[1] === 'Followers gained')).toEqual(["'@sunny", 'Followers gained', 10, '', '', '', '', '']);
    // The caption is written escaped.
    expect(values.some((r) => r[7] === '\'=HYPERLINK("http://x","y")')).toBe(true);
    expect(w.store.get(DIGEST_BUILT_KEY)).toBe('2026-03-02');
    expect(w.log.lines).toEqual([`info: Weekly Digest: rebuilt (${values.length} rows).`]);
    expect(w.lock.acquired).toBe(1);
    expect(w.lock.held).toBe(false);
  });

  it('is not due at the same instant in a spreadsheet whose time zone is UTC (still Sunday)', () => {
    const w = world(MONDAY_BERLIN_SUNDAY_UTC, undefined, 'UTC');
    expect(weeklyDigest(w.deps, true)).toBe('not due');
    expect(w.tabs.findTab(null, DIGEST_TAB)).toBeNull();
  });

  it('is not due on the Sunday evening before in Berlin', () => {
    const w = world(Date.parse('2026-03-01T22:59:00Z')); // 23:59 on Sunday in Berlin
    expect(weeklyDigest(w.deps, true)).toBe('not due');
    expect(w.tabs.findTab(null, DIGEST_TAB)).toBeNull();
  });

  it('builds once a Monday, then again only when the reports changed', () => {
    const w = world(MONDAY_BERLIN_SUNDAY_UTC);
    expect(weeklyDigest(w.deps, false)).toBe('built');
    w.clock.ms += HOUR;
    expect(weeklyDigest(w.deps, false)).toBe('not due');
    expect(w.lock.attempts).toBe(1);
    w.clock.ms += HOUR;
    expect(weeklyDigest(w.deps, true)).toBe('built');
    expect(w.tabs.values(DIGEST_TAB)[1][0]).toContain('Built 2026-03-02 02:30 (Europe/Berlin)');
    expect(w.lock.acquired).toBe(2);
    // Late on Monday in Berlin, still the same Monday.
    w.clock.ms = Date.parse('2026-03-02T22:30:00Z');
    expect(weeklyDigest(w.deps, false)).toBe('not due');
    expect(w.store.get(DIGEST_BUILT_KEY)).toBe('2026-03-02');
  });

  it('builds again on the next Monday', () => {
    const w = world(MONDAY_BERLIN_SUNDAY_UTC);
    w.store.set(DIGEST_BUILT_KEY, '2026-02-23');
    expect(weeklyDigest(w.deps, false)).toBe('built');
    expect(w.store.get(DIGEST_BUILT_KEY)).toBe('2026-03-02');
    w.clock.ms = Date.parse('2026-03-09T07:00:00Z');
    expect(weeklyDigest(w.deps, false)).toBe('built');
    expect(w.store.get(DIGEST_BUILT_KEY)).toBe('2026-03-09');
    expect(w.tabs.values(DIGEST_TAB)[0][1]).toBe('This week: 2026-03-02 to 2026-03-08');
  });

  it('is busy when the lock is refused: nothing written, nothing recorded', () => {
    const w = world(MONDAY_BERLIN_SUNDAY_UTC);
    w.lock.refuse = true;
    expect(weeklyDigest(w.deps, true)).toBe('busy');
    expect(w.tabs.findTab(null, DIGEST_TAB)).toBeNull();
    expect(w.store.get(DIGEST_BUILT_KEY)).toBeNull();
    expect(w.log.lines).toEqual([]);
    // The next tick, lock free, builds it.
    w.lock.refuse = false;
    expect(weeklyDigest(w.deps, false)).toBe('built');
  });

  it('is not due in a document without Media Insights or User\'s Information reports: no tab created', () => {
    const w = world(MONDAY_BERLIN_SUNDAY_UTC, [configOf('account_insights', SUNNY)]);
    expect(weeklyDigest(w.deps, true)).toBe('not due');
    expect(w.tabs.findTab(null, DIGEST_TAB)).toBeNull();
    expect(w.store.data.size).toBe(0);
    expect(w.lock.attempts).toBe(0);
    const empty = world(MONDAY_BERLIN_SUNDAY_UTC, []);
    expect(weeklyDigest(empty.deps, true)).toBe('not due');
    expect(empty.tabs.sheets).toEqual([]);
  });

  it('builds with User\'s Information alone', () => {
    const w = world(MONDAY_BERLIN_SUNDAY_UTC, [configOf('user_information', SUNNY)]);
    expect(weeklyDigest(w.deps, false)).toBe('built');
    expect(w.tabs.values(DIGEST_TAB).find((r) => r[1] === 'Posts')).toEqual(["'@sunny", 'Posts', 0, 0, 0, '', '', '']);
  });

  it('releases the lock and records nothing when writing fails', () => {
    const w = world(MONDAY_BERLIN_SUNDAY_UTC);
    w.tabs.createTab = () => {
      throw new Error('Service Spreadsheets failed');
    };
    expect(() => weeklyDigest(w.deps, false)).toThrow('Service Spreadsheets failed');
    expect(w.lock.held).toBe(false);
    expect(w.store.get(DIGEST_BUILT_KEY)).toBeNull();
  });
});
