// One account's rows of a tab as BigQuery snapshots: by run date in an Append tab, as today's snapshot
// otherwise, whatever the person did to the tab (sorted it, added columns, renamed one, typed over cells).
import { describe, expect, it } from 'vitest';
import { readSnapshots } from '../../../src/core/bigquery/snapshot';
import { getReport } from '../../../src/core/reports/registry';
import type { CellValue } from '../../../src/core/tabs/tab-port';
import { MemoryTabs } from '../tabs/memory-tab';
import { BAKERY, dateOf, grid, headersOf, SUNNY, TZ } from './sheet';

const competitors = getReport('competitors');
const recentMedia = getReport('recent_media');

function competitorRow(account: typeof SUNNY, day: string, username: string, followers: CellValue, extra: Record<string, CellValue> = {}): Record<string, CellValue> {
  return { 'Run date': dateOf(day), Account: account.username, 'Account ID': account.id, Username: username, Followers: followers, 'Average likes': 12.5, ...extra };
}

/** An Append tab two accounts share, sorted by the person by Username (the accounts' rows interleave). */
function sharedAppendTab() {
  const tabs = new MemoryTabs();
  const rows = [
    competitorRow(BAKERY, '2026-07-02', 'city.creator', 900),
    competitorRow(SUNNY, '2026-07-01', 'city.creator', 1000),
    competitorRow(SUNNY, '2026-07-02', 'city.creator', 1010),
    competitorRow(BAKERY, '2026-07-02', 'rival.bakery', 5000),
    competitorRow(SUNNY, '2026-07-01', 'rival.bakery', 2000),
    competitorRow(SUNNY, '2026-07-02', 'rival.bakery', 2020),
  ];
  const sheet = tabs.addSheet('Competitors', grid(headersOf('competitors', 'append'), rows));
  return { tabs, tab: { sheetId: sheet.sheetId, name: sheet.name } };
}

describe('an Append tab', () => {
  it('gives the account\'s rows by run date, oldest first, and no other account\'s', () => {
    const { tabs, tab } = sharedAppendTab();
    const read = readSnapshots(tabs, tab, competitors, { accountId: SUNNY.id, byRunDate: true, today: '2026-07-02', timeZone: TZ, loadedBy: 'sheet-1/report-9' });
    expect(read.misfits).toBe(0);
    expect(read.days.map(([day, rows]) => [day, rows.map((r) => `${r.username}:${r.followers_count}`)])).toEqual([
      ['2026-07-01', ['city.creator:1000', 'rival.bakery:2000']],
      ['2026-07-02', ['city.creator:1010', 'rival.bakery:2020']],
    ]);
    expect(read.days[0][1][0]).toEqual({
      account_id: SUNNY.id, account: 'sunny', snapshot_date: '2026-07-01', loaded_by: 'sheet-1/report-9', username: 'city.creator', followers_count: 1000, recent_likes_avg: 12.5,
      media_count: null, recent_posts: null, recent_comments_avg: null, latest_post_at: null, recent_reels: null, recent_reel_views_avg: null,
    });
    const other = readSnapshots(tabs, tab, competitors, { accountId: BAKERY.id, byRunDate: true, today: '2026-07-02', timeZone: TZ });
    expect(other.days.map(([day, rows]) => [day, rows.length])).toEqual([['2026-07-02', 2]]);
  });

  it('from `since` on: the day loaded last and the days after it', () => {
    const { tabs, tab } = sharedAppendTab();
    const read = readSnapshots(tabs, tab, competitors, { accountId: SUNNY.id, byRunDate: true, since: '2026-07-02', today: '2026-07-02', timeZone: TZ });
    expect(read.days.map(([day]) => day)).toEqual(['2026-07-02']);
  });

  it('reads run dates as the day the spreadsheet shows, in its time zone', () => {
    for (const zone of ['Asia/Tokyo', 'America/Los_Angeles', 'Pacific/Kiritimati']) {
      const tabs = new MemoryTabs();
      const sheet = tabs.addSheet('Competitors', grid(headersOf('competitors', 'append'), [
        { ...competitorRow(SUNNY, '2026-07-01', 'rival.bakery', 1), 'Run date': dateOf('2026-07-01', zone) },
        { ...competitorRow(SUNNY, '2026-07-02', 'rival.bakery', 2), 'Run date': dateOf('2026-07-02', zone) },
      ]));
      const read = readSnapshots(tabs, sheet, competitors, { accountId: SUNNY.id, byRunDate: true, today: '2026-07-02', timeZone: zone });
      expect(read.days.map(([day]) => day), zone).toEqual(['2026-07-01', '2026-07-02']);
    }
  });

  it('leaves out a row whose run date was typed over (it has no day)', () => {
    const tabs = new MemoryTabs();
    const sheet = tabs.addSheet('Competitors', grid(headersOf('competitors', 'append'), [
      competitorRow(SUNNY, '2026-07-01', 'rival.bakery', 1),
      { ...competitorRow(SUNNY, '2026-07-01', 'city.creator', 2), 'Run date': 'yesterday' },
    ]));
    const read = readSnapshots(tabs, sheet, competitors, { accountId: SUNNY.id, byRunDate: true, today: '2026-07-02', timeZone: TZ });
    expect(read.days).toEqual([['2026-07-01', [expect.objectContaining({ username: 'rival.bakery' })]]]);
  });

  it('refuses, in words, when its Run date column is gone (rows without a day cannot be loaded)', () => {
    const tabs = new MemoryTabs();
    const headers = headersOf('competitors', 'append').filter((h) => h !== 'Run date');
    const sheet = tabs.addSheet('Competitors', grid(headers, [competitorRow(SUNNY, '2026-07-01', 'rival.bakery', 1)]));
    expect(() => readSnapshots(tabs, sheet, competitors, { accountId: SUNNY.id, byRunDate: true, today: '2026-07-02', timeZone: TZ }))
      .toThrow('The tab "Competitors" has no "Run date" column (renamed or deleted?), so nothing was loaded.');
  });
});

describe('an Update tab', () => {
  function updateTab(rows: Record<string, CellValue>[], headers = headersOf('recent_media', 'update')) {
    const tabs = new MemoryTabs();
    const sheet = tabs.addSheet('Posts', grid(headers, rows));
    return { tabs, tab: { sheetId: sheet.sheetId, name: sheet.name } };
  }
  const post = (account: typeof SUNNY, id: string, likes: CellValue, extra: Record<string, CellValue> = {}) => ({
    Account: account.username, 'Account ID': account.id, 'Media ID': id, 'Posted at': new Date('2026-06-20T09:00:00Z'), 'Media type': 'IMAGE', Caption: `post ${id}`, 'Like count': likes, ...extra,
  });

  it('is one snapshot of today: every row of the account', () => {
    const { tabs, tab } = updateTab([post(SUNNY, '1', 10), post(BAKERY, '2', 20), post(SUNNY, '3', 30)]);
    const read = readSnapshots(tabs, tab, recentMedia, { accountId: SUNNY.id, byRunDate: false, since: '2026-07-09', today: '2026-07-02', timeZone: TZ });
    expect(read.days).toHaveLength(1);
    expect(read.days[0][0]).toBe('2026-07-02');
    expect(read.days[0][1].map((r) => [r.id, r.like_count, r.snapshot_date])).toEqual([['1', 10, '2026-07-02'], ['3', 30, '2026-07-02']]);
    expect(read.days[0][1][0].timestamp).toBe('2026-06-20T09:00:00.000Z');
  });

  it('finds columns by header wherever the person moved them, ignoring their own columns and the header\'s case', () => {
    const headers = ['My notes', 'like count', 'Media ID', ' Account ID ', 'Caption', 'Budget', 'ACCOUNT'];
    const { tabs, tab } = updateTab([
      { 'My notes': 'great one', 'like count': 7, 'Media ID': '00123', ' Account ID ': SUNNY.id, Caption: '=1+1 was the joke', Budget: 300, ACCOUNT: 'sunny' },
    ], headers);
    const read = readSnapshots(tabs, tab, recentMedia, { accountId: SUNNY.id, byRunDate: false, today: '2026-07-02', timeZone: TZ });
    expect(read.days[0][1]).toEqual([{ account_id: SUNNY.id, account: 'sunny', snapshot_date: '2026-07-02', loaded_by: null, like_count: 7, id: '00123', caption: '=1+1 was the joke' }]);
  });

  it('leaves a renamed or deleted column out (NULL in BigQuery), and its Account column too', () => {
    const headers = headersOf('recent_media', 'update').map((h) => (h === 'Like count' ? 'Likes (mine)' : h)).filter((h) => h !== 'Account');
    const { tabs, tab } = updateTab([{ ...post(SUNNY, '1', 10), 'Likes (mine)': 10 }], headers);
    const [[, [row]]] = readSnapshots(tabs, tab, recentMedia, { accountId: SUNNY.id, byRunDate: false, today: '2026-07-02', timeZone: TZ }).days;
    expect(row.like_count).toBeUndefined();
    expect(row.account).toBeNull();
    expect(row).toMatchObject({ id: '1', caption: 'post 1', media_type: 'IMAGE' });
  });

  it('counts cells typed over with something not of their column\'s type, and sends them as NULL', () => {
    const { tabs, tab } = updateTab([post(SUNNY, '1', 'n/a'), post(SUNNY, '2', 5, { 'Posted at': 'last week' }), post(BAKERY, '3', 'lots')]);
    const read = readSnapshots(tabs, tab, recentMedia, { accountId: SUNNY.id, byRunDate: false, today: '2026-07-02', timeZone: TZ });
    expect(read.misfits).toBe(2);
    expect(read.days[0][1].map((r) => [r.like_count, r.timestamp])).toEqual([[null, '2026-06-20T09:00:00.000Z'], [5, null]]);
  });

  it('gives nothing for an empty tab or a tab of headers, and refuses a tab without its Account ID column', () => {
    const empty = new MemoryTabs();
    expect(readSnapshots(empty, empty.addSheet('x'), recentMedia, { accountId: SUNNY.id, byRunDate: false, today: '2026-07-02', timeZone: TZ }).days).toEqual([]);
    const headerOnly = updateTab([]);
    expect(readSnapshots(headerOnly.tabs, headerOnly.tab, recentMedia, { accountId: SUNNY.id, byRunDate: false, today: '2026-07-02', timeZone: TZ }).days).toEqual([]);
    const noId = updateTab([post(SUNNY, '1', 1)], headersOf('recent_media', 'update').filter((h) => h !== 'Account ID'));
    expect(() => readSnapshots(noId.tabs, noId.tab, recentMedia, { accountId: SUNNY.id, byRunDate: false, today: '2026-07-02', timeZone: TZ }))
      .toThrow('The tab "Posts" has no "Account ID" column (renamed or deleted?), so nothing was loaded.');
  });
});
