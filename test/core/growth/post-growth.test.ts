// Post Growth rows from a Media Insights tab: the account's posts from the day of posting to N days after,
// each with its days since posting in the spreadsheet's time zone and the tab's figures; posts read again that long;
// written keyed by account, post and day, so a rerun the same day refreshes and the next day adds.
import { describe, expect, it } from 'vitest';
import { growthDays, growthFields, growthRows, mediaRefreshDays, POST_GROWTH_TAB, writePostGrowth } from '../../../src/core/growth/post-growth';
import { getReport } from '../../../src/core/reports/registry';
import type { CellValue } from '../../../src/core/tabs/tab-port';
import { MemoryTabs } from '../tabs/memory-tab';
import { BAKERY, dateOf, grid, headersOf, SUNNY, TZ } from '../bigquery/sheet';

const MEDIA = getReport('media_insights');
const HEADERS = headersOf('media_insights', 'update');
const post = (account: typeof SUNNY | null, id: string, posted: string, views: number, extra: Record<string, CellValue> = {}): Record<string, CellValue> => ({
  Account: account?.username ?? '', 'Account ID': account?.id ?? '', 'Media ID': id, 'Posted at': new Date(posted), Views: views, Reach: views / 2, ...extra,
});
const input = (runDate: string, days = 30) => ({ accountId: SUNNY.id, runDate, days, timeZone: TZ });
const byHeader = (fields: { header: string }[], row: unknown[]) => Object.fromEntries(fields.map((f, i) => [f.header, row[i]]));

describe('growthDays', () => {
  it('is the setting (when empty, 30 or the refresh days if fewer)', () => {
    expect(growthDays({})).toBe(30);
    expect(growthDays({ lookbackDays: 7 })).toBe(7);
    expect(growthDays({ lookbackDays: 90 })).toBe(30);
    expect(growthDays({ postGrowthDays: 7 })).toBe(7);
    expect(growthDays({ postGrowthDays: 60 })).toBe(60);
    expect(growthDays({ postGrowthDays: 0 })).toBe(0);
  });

  it('has Media Insights read posts again a day longer than they grow (a post N days old went out up to N + 1 days ago)', () => {
    expect(mediaRefreshDays({})).toBe(31);
    expect(mediaRefreshDays({ postGrowthDays: 7 })).toBe(30);
    expect(mediaRefreshDays({ postGrowthDays: 60, lookbackDays: 7 })).toBe(61);
    expect(mediaRefreshDays({ postGrowthDays: 0, lookbackDays: 7 })).toBe(7);
    expect(mediaRefreshDays({ lookbackDays: 90 })).toBe(90);
    // A short lookback chosen to save calls stays short: one day more at most.
    expect(mediaRefreshDays({ lookbackDays: 7 })).toBe(8);
  });
});

describe('growthRows', () => {
  const cells = grid(HEADERS, [
    post(SUNNY, '1', '2026-07-03T21:30:00Z', 100), // 23:30 in Berlin: posted on the 3rd
    post(BAKERY, '2', '2026-07-03T08:00:00Z', 900),
    post(SUNNY, '3', '2026-07-03T22:30:00Z', 50), // 00:30 on the 4th in Berlin
    post(SUNNY, '4', '2026-06-04T10:00:00Z', 5000), // 30 days before the 4th: the last day kept
    post(SUNNY, '5', '2026-06-03T10:00:00Z', 7000), // 31 days: outside
    post(null, 'my note', '2026-07-03T10:00:00Z', 1),
  ]);
  const fields = growthFields(MEDIA, HEADERS);

  it('takes the account\'s posts from the day of posting to 30 days after, days counted in the spreadsheet\'s time zone', () => {
    const rows = growthRows(HEADERS, cells.slice(1), fields, input('2026-07-04')).map((r) => byHeader(fields, r));
    expect(rows.map((r) => [r['Media ID'], r['Days since posting'], r.Views])).toEqual([['1', 1, 100], ['3', 0, 50], ['4', 30, 5000]]);
    expect((rows[0]['Run date'] as Date).getTime()).toBe(dateOf('2026-07-04').getTime());
    expect(rows[0]['Account ID']).toBe(SUNNY.id);
  });

  it('has the tab\'s post columns and metrics, after the account and days since posting', () => {
    expect(fields.slice(0, 4).map((f) => f.header)).toEqual(['Run date', 'Account', 'Account ID', 'Media ID']);
    expect(fields.map((f) => f.header)).toContain('Days since posting');
    expect(fields.map((f) => f.header)).toContain('Views');
    expect(fields.map((f) => f.header)).not.toContain('Caption');
    expect(fields.map((f) => f.header)).not.toContain('Views on day 7');
    expect(fields.map((f) => f.header)).toEqual(expect.arrayContaining(['Weekday posted', 'Hour posted', 'Label']));
  });

  it('nothing without the Account ID or Posted at column, or with a window of 0', () => {
    expect(growthRows(HEADERS.map((h) => (h === 'Posted at' ? 'When' : h)), cells.slice(1), fields, input('2026-07-04'))).toEqual([]);
    expect(growthRows(HEADERS, cells.slice(1), fields, input('2026-07-04', 0))).toEqual([]);
  });
});

describe('writePostGrowth', () => {
  it('adds a row per post and day, and a rerun the same day refreshes it; other accounts\' rows stay', () => {
    const tabs = new MemoryTabs();
    const sheet = tabs.addSheet('Posts', grid(HEADERS, [post(SUNNY, '1', '2026-07-03T10:00:00Z', 100), post(BAKERY, '2', '2026-07-03T10:00:00Z', 900)]));
    const source = { sheetId: sheet.sheetId, name: 'Posts' };
    const deps = { tab: tabs, timeZone: TZ, escaping: 'apostrophe' as const };
    const sunny = { id: SUNNY.id, username: SUNNY.username };
    expect(writePostGrowth(MEDIA, source, { id: BAKERY.id, username: BAKERY.username }, { ...input('2026-07-04'), accountId: BAKERY.id }, deps)).toMatchObject({ rows: 1, rowsAdded: 1 });
    expect(writePostGrowth(MEDIA, source, sunny, input('2026-07-04'), deps)).toMatchObject({ rows: 1, rowsAdded: 1 });
    sheet.cells[1][HEADERS.indexOf('Views')] = 120;
    expect(writePostGrowth(MEDIA, source, sunny, input('2026-07-04'), deps)).toMatchObject({ rowsAdded: 0, rowsUpdated: 1 });
    sheet.cells[1][HEADERS.indexOf('Views')] = 150;
    expect(writePostGrowth(MEDIA, source, sunny, input('2026-07-05'), deps)).toMatchObject({ rowsAdded: 1, rowsUpdated: 0 });
    const growth = tabs.sheet(POST_GROWTH_TAB).cells;
    const head = growth[0].map(String);
    expect(growth.slice(1).map((r) => [r[head.indexOf('Account')], r[head.indexOf('Days since posting')], r[head.indexOf('Views')]]))
      .toEqual([['bakery', 1, 900], ['sunny', 1, 120], ['sunny', 2, 150]]);
  });
});

describe('growthRows from an Append tab', () => {
  it('takes only the run\'s own rows (older run dates hold older figures), whatever the order', () => {
    const headers = headersOf('media_insights', 'append');
    const fields = growthFields(MEDIA, headers);
    const cells = grid(headers, [
      { ...post(SUNNY, '1', '2026-07-03T10:00:00Z', 150), 'Run date': dateOf('2026-07-05') },
      { ...post(SUNNY, '1', '2026-07-03T10:00:00Z', 120), 'Run date': dateOf('2026-07-04') },
      { ...post(SUNNY, '1', '2026-07-03T10:00:00Z', 100), 'Run date': '2026-07-03' },
    ]);
    const rows = (day: string) => growthRows(headers, cells.slice(1), fields, input(day)).map((r) => byHeader(fields, r)).map((r) => [r['Days since posting'], r.Views]);
    expect(rows('2026-07-05')).toEqual([[2, 150]]);
    expect(rows('2026-07-03')).toEqual([[0, 100]]);
  });
});
