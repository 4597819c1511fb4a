// Loading a configuration's rows into BigQuery after its runs, on the in-memory BigQuery: what a person
// relies on. Several accounts share a tab and a table: each export loads only its account's rows, and
// replaces exactly its days (no duplicates, nothing lost, other accounts untouched), the first time the
// whole history, then from the last day loaded on. Batches of whole days; the deadline; the sandbox;
// every kind of failure, remembered and retried.
import { describe, expect, it } from 'vitest';
import { exportToBigQuery, MAX_BYTES_PER_LOAD, MAX_ROWS_PER_LOAD, STAGING_KEPT_MS, type BigQueryLoadState, type ExportDeps } from '../../../src/core/bigquery/export';
import { stagingTableIdOf } from '../../../src/core/bigquery/schema';
import { tablePath } from '../../../src/core/bigquery/target';
import { ConfigurationStore } from '../../../src/core/configurations/store';
import { calendarDateIn, isoDate } from '../../../src/core/reports/dates';
import { getReport } from '../../../src/core/reports/registry';
import type { ReportConfiguration } from '../../../src/core/reports/types';
import { loadIntoBigQuery, type RunEnvironment } from '../../../src/core/run/execute';
import type { CellValue } from '../../../src/core/tabs/tab-port';
import { FakeClock, MemoryStore } from '../../support/memory-ports';
import { MemoryLock } from '../quota/memory-lock';
import { CountedTableChanges } from '../../../src/core/bigquery/table-changes';
import { MemoryTabs } from '../tabs/memory-tab';
import { FakeBigQuery, SANDBOX_DML_MESSAGE, type FailureSpec, type Row } from './fake-port';
import { BAKERY, configOf, dateOf, grid, headersOf, SUNNY, TARGET, TZ } from './sheet';

const P = 'acme-marketing';
const NOW = Date.parse('2026-07-03T08:00:00Z'); // 10:00 in Berlin
const COMPETITORS = 'acme-marketing.sheetgram.competitors';
const POSTS = 'acme-marketing.sheetgram.recent_media';

function world() {
  const tabs = new MemoryTabs();
  const port = new FakeBigQuery([P, 'acme-archive']);
  const clock = new FakeClock(NOW);
  const logs: string[] = [];
  const log = { info: (m: string) => logs.push(m), warn: (m: string) => logs.push(`warn: ${m}`) };
  /** Each configuration's state as its status keeps it between exports. */
  const states = new Map<string, BigQueryLoadState>();
  const exportOf = (config: ReportConfiguration, today: string, extra: Partial<ExportDeps> = {}) => {
    const state = exportToBigQuery(config, getReport(config.reportId), config.bigquery!, states.get(config.id), today, {
      port, tab: tabs, clock, log, timeZone: TZ, deadline: clock.now() + 300_000, ...extra,
    });
    states.set(config.id, state);
    return state;
  };
  const rows = (tableId: string, datasetId = 'sheetgram', projectId = P) => port.rows(projectId, datasetId, tableId);
  return { tabs, port, clock, logs, states, exportOf, rows };
}

// ---- Competitors: an Append tab (a Run date column), one row per competitor and run date ----

const competitor = (account: typeof SUNNY, day: string, username: string, followers: CellValue, extra: Record<string, CellValue> = {}): Record<string, CellValue> => ({
  'Run date': dateOf(day), Account: account.username, 'Account ID': account.id, Username: username, Followers: followers, ...extra,
});
/** Rows as "account day username followers", sorted. */
const lines = (rows: Row[]) => rows.map((r) => `${r.account} ${r.snapshot_date} ${r.username} ${r.followers_count}`).sort();
/** No account has a key twice on a day. */
const keysOnce = (rows: Row[], key: string) => {
  const keys = rows.map((r) => `${r.account_id}|${r.snapshot_date}|${r[key]}`);
  expect(new Set(keys).size).toBe(keys.length);
};

/** Two accounts' competitors in one tab, sorted by the person by username: the accounts' rows interleave. */
function sharedCompetitors(w: ReturnType<typeof world>) {
  const sheet = w.tabs.addSheet('Competitors', grid(headersOf('competitors', 'append'), [
    competitor(SUNNY, '2026-07-01', 'city.creator', 50), competitor(BAKERY, '2026-07-02', 'city.creator', 70),
    competitor(SUNNY, '2026-07-02', 'city.creator', 55), competitor(SUNNY, '2026-07-03', 'city.creator', 60),
    competitor(SUNNY, '2026-07-01', 'rival.bakery', 100), competitor(BAKERY, '2026-07-01', 'rival.bakery', 500),
    competitor(SUNNY, '2026-07-02', 'rival.bakery', 110), competitor(BAKERY, '2026-07-02', 'rival.bakery', 510),
    competitor(SUNNY, '2026-07-03', 'rival.bakery', 120), competitor(BAKERY, '2026-07-03', 'rival.bakery', 520),
  ]));
  const tab = { sheetId: sheet.sheetId, name: 'Competitors' };
  return { sheet, sunny: configOf('competitors', SUNNY, { tab }), bakery: configOf('competitors', BAKERY, { tab }) };
}

/** Sets one cell of the tab, found by header and by a row's account, day and username. */
function setCell(w: ReturnType<typeof world>, sheetName: string, find: (row: Record<string, CellValue>) => boolean, header: string, value: CellValue) {
  const sheet = w.tabs.sheet(sheetName);
  const head = sheet.cells[0].map(String);
  const byHeader = (r: CellValue[]) => Object.fromEntries(head.map((h, i) => [h, r[i]]));
  const row = sheet.cells.slice(1).find((r) => find(byHeader(r)));
  if (!row) throw new Error('no such row');
  row[head.indexOf(header)] = value;
}
function removeRows(w: ReturnType<typeof world>, sheetName: string, find: (row: Record<string, CellValue>) => boolean) {
  const sheet = w.tabs.sheet(sheetName);
  const head = sheet.cells[0].map(String);
  sheet.cells = [sheet.cells[0], ...sheet.cells.slice(1).filter((r) => !find(Object.fromEntries(head.map((h, i) => [h, r[i]]))))];
}
const isRow = (account: typeof SUNNY, day: string, username: string) => (r: Record<string, CellValue>) =>
  r['Account ID'] === account.id && r.Username === username && (r['Run date'] as Date).getTime() === dateOf(day).getTime();

describe('two accounts sharing an Append tab', () => {
  it('the first export loads every run date of its own account, and only its account', () => {
    const w = world();
    const { sunny, bakery } = sharedCompetitors(w);
    expect(w.exportOf(sunny, '2026-07-03')).toEqual({ table: COMPETITORS, lastDay: '2026-07-03', rows: 6, days: 3, lastLoadAt: NOW, columns: expect.any(Number), zone: expect.any(String), day: expect.any(String) });
    expect(lines(w.rows('competitors'))).toEqual([
      'sunny 2026-07-01 city.creator 50', 'sunny 2026-07-01 rival.bakery 100', 'sunny 2026-07-02 city.creator 55',
      'sunny 2026-07-02 rival.bakery 110', 'sunny 2026-07-03 city.creator 60', 'sunny 2026-07-03 rival.bakery 120',
    ]);
    expect(w.exportOf(bakery, '2026-07-03')).toEqual({ table: COMPETITORS, lastDay: '2026-07-03', rows: 4, days: 3, lastLoadAt: NOW, columns: expect.any(Number), zone: expect.any(String), day: expect.any(String) });
    expect(w.rows('competitors')).toHaveLength(10);
    expect(lines(w.rows('competitors')).filter((l) => l.startsWith('bakery'))).toEqual([
      'bakery 2026-07-01 rival.bakery 500', 'bakery 2026-07-02 city.creator 70', 'bakery 2026-07-02 rival.bakery 510', 'bakery 2026-07-03 rival.bakery 520',
    ]);
    // Each load carried one account's rows only.
    for (const load of w.port.loads()) expect(new Set(load.rows.map((r) => r.account_id)).size).toBe(1);
    keysOnce(w.rows('competitors'), 'username');
  });

  it('exporting the same day again replaces that account\'s day: no duplicates, nothing lost, the other account untouched', () => {
    const w = world();
    const { sunny, bakery } = sharedCompetitors(w);
    w.exportOf(sunny, '2026-07-03');
    w.exportOf(bakery, '2026-07-03');
    // A later run of the same day refreshed a figure, and the person removed a competitor of that day.
    setCell(w, 'Competitors', isRow(SUNNY, '2026-07-03', 'rival.bakery'), 'Followers', 125);
    removeRows(w, 'Competitors', isRow(SUNNY, '2026-07-03', 'city.creator'));
    const before = lines(w.rows('competitors'));
    expect(w.exportOf(sunny, '2026-07-03')).toMatchObject({ lastDay: '2026-07-03', rows: 1, days: 1 });
    // Only the day loaded last went up again.
    expect(w.port.loads().at(-1)!.rows.map((r) => r.snapshot_date)).toEqual(['2026-07-03']);
    const after = lines(w.rows('competitors'));
    expect(after).toEqual(before.filter((l) => !l.startsWith('sunny 2026-07-03')).concat('sunny 2026-07-03 rival.bakery 125').sort());
    // And once more: the same.
    w.exportOf(sunny, '2026-07-03');
    expect(lines(w.rows('competitors'))).toEqual(after);
    keysOnce(w.rows('competitors'), 'username');
  });

  it('later exports load from the last day loaded on (a change to an older day stays as loaded)', () => {
    const w = world();
    const { sheet, sunny } = sharedCompetitors(w);
    w.exportOf(sunny, '2026-07-03');
    setCell(w, 'Competitors', isRow(SUNNY, '2026-07-01', 'rival.bakery'), 'Followers', 999);
    sheet.cells.push(grid(headersOf('competitors', 'append'), [competitor(SUNNY, '2026-07-04', 'rival.bakery', 130)])[1]);
    expect(w.exportOf(sunny, '2026-07-04')).toMatchObject({ lastDay: '2026-07-04', rows: 3, days: 2 });
    const merge = w.port.statements().at(-1)!;
    expect(merge.params).toContainEqual({ name: 'snapshot_dates', type: 'DATE', value: ['2026-07-03', '2026-07-04'] });
    expect(lines(w.rows('competitors'))).toContain('sunny 2026-07-01 rival.bakery 100');
    expect(lines(w.rows('competitors'))).toContain('sunny 2026-07-04 rival.bakery 130');
    expect(w.rows('competitors')).toHaveLength(7);
  });

  it('another dataset chosen: the whole tab again, into the new dataset made where the person chose; the old one left as it was', () => {
    const w = world();
    const { sunny } = sharedCompetitors(w);
    w.exportOf(sunny, '2026-07-03');
    const moved = { ...sunny, bigquery: { projectId: P, datasetId: 'instagram', location: 'EU' } };
    expect(w.exportOf(moved, '2026-07-03')).toEqual({ table: 'acme-marketing.instagram.competitors', lastDay: '2026-07-03', rows: 6, days: 3, lastLoadAt: NOW, columns: expect.any(Number), zone: expect.any(String), day: expect.any(String) });
    expect(w.port.dataset(P, 'instagram')?.location).toBe('EU');
    expect(w.rows('competitors', 'instagram')).toHaveLength(6);
    expect(w.rows('competitors', 'sheetgram')).toHaveLength(6);
    // Another project too.
    const archived = { ...sunny, bigquery: { projectId: 'acme-archive', datasetId: 'sheetgram', location: 'US' } };
    expect(w.exportOf(archived, '2026-07-03')).toMatchObject({ table: 'acme-archive.sheetgram.competitors', rows: 6, days: 3 });
    expect(w.rows('competitors', 'sheetgram', 'acme-archive')).toHaveLength(6);
  });

  it('run dates written in a spreadsheet east of UTC are the days the tab shows', () => {
    const w = world();
    const zone = 'Asia/Tokyo';
    const sheet = w.tabs.addSheet('Competitors', grid(headersOf('competitors', 'append'), [
      { ...competitor(SUNNY, '2026-07-01', 'rival.bakery', 100), 'Run date': dateOf('2026-07-01', zone) },
      { ...competitor(SUNNY, '2026-07-02', 'rival.bakery', 110), 'Run date': dateOf('2026-07-02', zone) },
    ]));
    const config = configOf('competitors', SUNNY, { tab: { sheetId: sheet.sheetId, name: sheet.name } });
    w.exportOf(config, '2026-07-02', { timeZone: zone });
    expect(lines(w.rows('competitors'))).toEqual(['sunny 2026-07-01 rival.bakery 100', 'sunny 2026-07-02 rival.bakery 110']);
  });

  it('User\'s Information, the follower trend, loads too', () => {
    const w = world();
    const sheet = w.tabs.addSheet('Profile', grid(headersOf('user_information', 'append'), [
      { 'Run date': dateOf('2026-07-02'), Account: 'sunny', 'Account ID': SUNNY.id, Username: 'sunny', Followers: 1000, Source: 'measured' },
      { 'Run date': dateOf('2026-07-03'), Account: 'sunny', 'Account ID': SUNNY.id, Username: 'sunny', Followers: 1010, Source: 'measured' },
    ]));
    const config = configOf('user_information', SUNNY, { tab: { sheetId: sheet.sheetId, name: sheet.name } });
    const state = w.exportOf(config, '2026-07-03');
    expect(state.error).toBeUndefined();
    expect(w.rows('user_information').map((r) => [r.snapshot_date, r.followers_count, r.source])).toEqual([['2026-07-02', 1000, 'measured'], ['2026-07-03', 1010, 'measured']]);
  });
});

// ---- User's Recent Media: an Update tab (no Run date), one row per post, refreshed in place ----

const post = (account: typeof SUNNY, id: string, likes: CellValue, extra: Record<string, CellValue> = {}): Record<string, CellValue> => ({
  Account: account.username, 'Account ID': account.id, 'Media ID': id, 'Posted at': new Date('2026-06-20T09:00:00Z'), 'Media type': 'IMAGE',
  Caption: `post ${id}`, 'Like count': likes, 'Comment count': 1, ...extra,
});
const postLines = (rows: Row[]) => rows.map((r) => `${r.account} ${r.snapshot_date} ${r.id} ${r.like_count}`).sort();

function sharedPosts(w: ReturnType<typeof world>, rows = [post(SUNNY, '1', 10), post(BAKERY, '7', 70), post(SUNNY, '2', 20)], headers = headersOf('recent_media', 'update')) {
  const sheet = w.tabs.addSheet('Posts', grid(headers, rows));
  const tab = { sheetId: sheet.sheetId, name: 'Posts' };
  return { sheet, sunny: configOf('recent_media', SUNNY, { tab }), bakery: configOf('recent_media', BAKERY, { tab }) };
}

describe('two accounts sharing an Update tab', () => {
  it('each export is a snapshot of the account\'s rows on the day of the run', () => {
    const w = world();
    const { sunny, bakery } = sharedPosts(w);
    expect(w.exportOf(sunny, '2026-07-03')).toEqual({ table: POSTS, lastDay: '2026-07-03', rows: 2, days: 1, lastLoadAt: NOW, columns: expect.any(Number), zone: expect.any(String), day: expect.any(String) });
    expect(w.exportOf(bakery, '2026-07-03')).toMatchObject({ rows: 1, days: 1 });
    expect(postLines(w.rows('recent_media'))).toEqual(['bakery 2026-07-03 7 70', 'sunny 2026-07-03 1 10', 'sunny 2026-07-03 2 20']);
  });

  it('the same day again replaces the account\'s snapshot; the next day adds one; the other account stays', () => {
    const w = world();
    const { sunny, bakery } = sharedPosts(w);
    w.exportOf(sunny, '2026-07-03');
    w.exportOf(bakery, '2026-07-03');
    // Likes refreshed by a later run, and a post the person deleted from Instagram (and the tab).
    setCell(w, 'Posts', (r) => r['Media ID'] === '1', 'Like count', 15);
    removeRows(w, 'Posts', (r) => r['Media ID'] === '2');
    w.exportOf(sunny, '2026-07-03');
    expect(postLines(w.rows('recent_media'))).toEqual(['bakery 2026-07-03 7 70', 'sunny 2026-07-03 1 15']);
    w.clock.ms += 86_400_000;
    setCell(w, 'Posts', (r) => r['Media ID'] === '1', 'Like count', 18);
    expect(w.exportOf(sunny, '2026-07-04')).toMatchObject({ lastDay: '2026-07-04', rows: 1, days: 1 });
    expect(postLines(w.rows('recent_media'))).toEqual(['bakery 2026-07-03 7 70', 'sunny 2026-07-03 1 15', 'sunny 2026-07-04 1 18']);
    keysOnce(w.rows('recent_media'), 'id');
  });
});

describe('what the person did to the tab', () => {
  it('sorted rows, moved columns and columns of their own: the right values, their columns left out', () => {
    const w = world();
    const headers = ['Notes', 'Like count', 'Media ID', 'Account ID', 'Campaign', 'Caption', 'Account', 'Posted at'];
    const { sunny } = sharedPosts(w, [
      { Notes: 'best', 'Like count': 30, 'Media ID': '3', 'Account ID': SUNNY.id, Campaign: 'summer', Caption: 'c3', Account: 'sunny' },
      { Notes: '', 'Like count': 20, 'Media ID': '9', 'Account ID': BAKERY.id, Campaign: 'x', Caption: 'b9', Account: 'bakery' },
      { Notes: 'meh', 'Like count': 10, 'Media ID': '1', 'Account ID': SUNNY.id, Campaign: '', Caption: 'c1', Account: 'sunny' },
    ], headers);
    expect(w.exportOf(sunny, '2026-07-03').error).toBeUndefined();
    const rows = w.rows('recent_media');
    expect(rows.map((r) => [r.id, r.like_count, r.caption, r.account])).toEqual([['3', 30, 'c3', 'sunny'], ['1', 10, 'c1', 'sunny']]);
    expect(Object.keys(rows[0])).not.toContain('Notes');
    expect(Object.keys(rows[0])).not.toContain('Campaign');
  });

  it('a renamed or deleted Sheetgram column: its values go NULL, nothing else breaks', () => {
    const w = world();
    const headers = headersOf('recent_media', 'update').map((h) => (h === 'Like count' ? 'Likes ❤' : h)).filter((h) => h !== 'Media type');
    const { sunny } = sharedPosts(w, [{ ...post(SUNNY, '1', 10), 'Likes ❤': 10 }, { ...post(SUNNY, '2', 20), 'Likes ❤': 20 }], headers);
    const state = w.exportOf(sunny, '2026-07-03');
    expect(state).toMatchObject({ rows: 2, days: 1 });
    expect(state.error).toBeUndefined();
    expect(w.rows('recent_media').map((r) => [r.id, r.like_count, r.media_type, r.comments_count, r.caption])).toEqual([['1', null, null, 1, 'post 1'], ['2', null, null, 1, 'post 2']]);
  });

  it('text typed over a number: NULL, counted in the log, and the load still happens', () => {
    const w = world();
    const { sunny } = sharedPosts(w, [post(SUNNY, '1', 'lots!'), post(SUNNY, '2', 20, { 'Comment count': 'n/a' }), post(BAKERY, '7', 'x')]);
    const state = w.exportOf(sunny, '2026-07-03');
    expect(state).toMatchObject({ rows: 2, days: 1 });
    expect(state.error).toBeUndefined();
    expect(w.rows('recent_media').map((r) => [r.id, r.like_count, r.comments_count])).toEqual([['1', null, 1], ['2', 20, null]]);
    expect(w.logs).toContain('warn: BigQuery: 2 cells of "Posts" were not of their column\'s type and were loaded as empty.');
  });

  it('ids like "00123" stay text, and a caption starting with "=" stays text', () => {
    const w = world();
    // As the writer escapes it: Sheets gives the caption back without the apostrophe.
    const { sunny } = sharedPosts(w, [post(SUNNY, '00123', 5, { Caption: "'=SUM(A1:A3) is not a formula", 'Account ID': SUNNY.id })]);
    w.exportOf(sunny, '2026-07-03');
    const [row] = w.rows('recent_media');
    expect(row.id).toBe('00123');
    expect(row.caption).toBe('=SUM(A1:A3) is not a formula');
    expect(row.account_id).toBe(SUNNY.id);
    expect(row.timestamp).toBe('2026-06-20T09:00:00.000Z');
  });

  it('dates of an Update tab (Account Insights\' Date) in a time zone west of UTC are the days the tab shows', () => {
    const w = world();
    const zone = 'America/Los_Angeles';
    const sheet = w.tabs.addSheet('Insights', grid(headersOf('account_insights', 'update'), [
      { Account: 'sunny', 'Account ID': SUNNY.id, Date: dateOf('2026-07-01', zone), Provisional: false, Reach: 100 },
      { Account: 'sunny', 'Account ID': SUNNY.id, Date: dateOf('2026-07-02', zone), Provisional: true, Reach: 90 },
    ]));
    const config = configOf('account_insights', SUNNY, { tab: { sheetId: sheet.sheetId, name: sheet.name } });
    w.exportOf(config, '2026-07-03', { timeZone: zone });
    expect(w.rows('account_insights').map((r) => [r.snapshot_date, r.date, r.provisional, r.reach])).toEqual([
      ['2026-07-03', '2026-07-01', false, 100], ['2026-07-03', '2026-07-02', true, 90],
    ]);
  });

  it('the tab gone: said in words, the tab named, tried again at the next run', () => {
    const w = world();
    const config = configOf('recent_media', SUNNY, { tab: { sheetId: 4242, name: 'Posts' } });
    const state = w.exportOf(config, '2026-07-03');
    expect(state.error).toContain('The tab "Posts" was not found');
    expect(state.needsPerson).toBeUndefined();
    // BigQuery refused nothing: the words must not say it did.
    expect(state.error).not.toMatch(/BigQuery refused/);
  });

  it('its Account ID column gone: a failure in words, never "0 rows loaded"; the rows already loaded stay', () => {
    const w = world();
    const { sunny } = sharedPosts(w);
    w.exportOf(sunny, '2026-07-03');
    const { sunny: later } = sharedPosts(w, [post(SUNNY, '1', 11)], headersOf('recent_media', 'update').filter((h) => h !== 'Account ID'));
    const state = w.exportOf({ ...later, id: sunny.id }, '2026-07-04');
    expect(state.error).toContain('has no "Account ID" column (renamed or deleted?), so nothing was loaded');
    expect(state.rows).toBeUndefined();
    expect(state.lastDay).toBe('2026-07-03');
    expect(postLines(w.rows('recent_media'))).toEqual(['sunny 2026-07-03 1 10', 'sunny 2026-07-03 2 20']);
  });

  it('an empty tab: nothing to load, no failure', () => {
    const w = world();
    const { sunny } = sharedPosts(w, []);
    expect(w.exportOf(sunny, '2026-07-03')).toEqual({ table: POSTS, rows: 0, days: 0, lastLoadAt: NOW, columns: expect.any(Number), zone: expect.any(String), day: expect.any(String) });
    expect(w.port.callsOf('load')).toHaveLength(0);
  });
});

describe('the table and its views', () => {
  it('a later export asks BigQuery only to load and merge (and drop its staging table)', () => {
    const w = world();
    const { sunny } = sharedPosts(w);
    w.exportOf(sunny, '2026-07-03');
    const before = w.port.calls.length;
    w.exportOf(sunny, '2026-07-04');
    expect(w.port.calls.slice(before).map((c) => c.method)).toEqual(['allowed', 'load', 'query', 'removeTable']);
  });

  it('are made on the first export (dataset in the chosen location, partitioned table, views); the staging table is removed', () => {
    const w = world();
    const { sunny } = sharedPosts(w);
    w.exportOf({ ...sunny, bigquery: { ...TARGET, location: 'europe-west1' } }, '2026-07-03');
    const dataset = w.port.dataset(P, 'sheetgram')!;
    expect(dataset.location).toBe('europe-west1');
    expect([...dataset.tables.keys()]).toEqual(['recent_media']);
    expect([...dataset.views.keys()].sort()).toEqual(['recent_media_growth', 'recent_media_latest']);
    expect(dataset.tables.get('recent_media')!.spec).toMatchObject({ partitionBy: 'snapshot_date', clusterBy: ['account_id', 'id'] });
    expect(w.port.callsOf('removeTable').map((c) => c.args[2])).toEqual([stagingTableIdOf(sunny.id)]);
    expect(w.port.table(P, 'sheetgram', stagingTableIdOf(sunny.id))).toBeUndefined();
  });

  it('views a failure kept from being made are made at the next export', () => {
    const w = world();
    const { sunny } = sharedPosts(w);
    // The table is made, then BigQuery's rate limit refuses a view: the rows are loaded all the same.
    w.port.fail('putView', { code: 403, reason: 'rateLimitExceeded', message: 'Exceeded rate limits: too many api requests per user per method for this user_method.' });
    const first = w.exportOf(sunny, '2026-07-03');
    expect(first.error).toBeUndefined();
    expect(first.rows).toBeGreaterThan(0);
    expect(w.logs.join('\n')).toMatch(/could not be made: BigQuery's limit was reached/);
    expect(w.exportOf(sunny, '2026-07-04').error).toBeUndefined();
    expect([...w.port.dataset(P, 'sheetgram')!.views.keys()].sort()).toEqual(['recent_media_growth', 'recent_media_latest']);
  });

  it('are made once, and again when the registry added columns (added at the end)', () => {
    const w = world();
    const { sunny } = sharedPosts(w);
    w.exportOf(sunny, '2026-07-03');
    const table = w.port.table(P, 'sheetgram', 'recent_media')!;
    // A table made before the registry had "Carousel items", by a Sheetgram that knew one column fewer.
    table.columns = table.columns.filter((c) => c.name !== 'children_count');
    for (const r of table.rows) delete r.children_count;
    w.states.set(sunny.id, { ...w.states.get(sunny.id)!, columns: table.columns.length });
    w.exportOf(sunny, '2026-07-04');
    expect(w.port.callsOf('createTable')).toHaveLength(1);
    // Made with the table, and made again once it grew (the growth view lists its number columns).
    expect(w.port.callsOf('putView')).toHaveLength(4);
    expect(w.port.callsOf('addColumns')).toHaveLength(1);
    expect(table.columns.at(-1)?.name).toBe('children_count');
    expect(w.rows('recent_media')).toHaveLength(4);
    w.exportOf(sunny, '2026-07-05');
    expect(w.port.callsOf('putView')).toHaveLength(4);
  });
});

describe('batches', () => {
  /** `perDay` competitors a day for the account, over the days given. */
  function bigTab(w: ReturnType<typeof world>, days: string[], perDay: number) {
    const rows: Record<string, CellValue>[] = [];
    for (const day of days) {
      for (let i = 0; i < perDay; i++) rows.push(competitor(SUNNY, day, `c${i}`, i));
      rows.push(competitor(BAKERY, day, 'rival.bakery', 1));
    }
    const sheet = w.tabs.addSheet('Competitors', grid(headersOf('competitors', 'append'), rows));
    return configOf('competitors', SUNNY, { tab: { sheetId: sheet.sheetId, name: sheet.name } });
  }

  it(`hold at most ${MAX_ROWS_PER_LOAD.toLocaleString('en-US')} rows, split by whole days`, () => {
    const w = world();
    const config = bigTab(w, ['2026-07-01', '2026-07-02', '2026-07-03'], 7_000);
    expect(w.exportOf(config, '2026-07-03')).toMatchObject({ rows: 21_000, days: 3, lastDay: '2026-07-03' });
    const loads = w.port.loads();
    expect(loads.map((l) => l.rows.length)).toEqual([14_000, 7_000]);
    expect(loads.map((l) => [...new Set(l.rows.map((r) => r.snapshot_date))])).toEqual([['2026-07-01', '2026-07-02'], ['2026-07-03']]);
    expect(w.port.statements().map((s) => s.params.find((p) => p.name === 'snapshot_dates')!.value)).toEqual([['2026-07-01', '2026-07-02'], ['2026-07-03']]);
    expect(w.rows('competitors')).toHaveLength(21_000);
    keysOnce(w.rows('competitors'), 'username');
  });

  it(`hold at most ${MAX_BYTES_PER_LOAD / 1024 / 1024} MB, however few the rows`, () => {
    const w = world();
    const rows: Record<string, CellValue>[] = [];
    // 2,000 rows of about 6 KB a day: 12 MB a day, so two days fit a load and three do not.
    for (const day of ['2026-07-01', '2026-07-02', '2026-07-03']) for (let i = 0; i < 2_000; i++) rows.push(competitor(SUNNY, day, `c${i}-${'é'.repeat(3_000)}`, i));
    const sheet = w.tabs.addSheet('Competitors', grid(headersOf('competitors', 'append'), rows));
    const config = configOf('competitors', SUNNY, { tab: { sheetId: sheet.sheetId, name: sheet.name } });
    expect(w.exportOf(config, '2026-07-03')).toMatchObject({ rows: 6_000, days: 3 });
    expect(w.port.loads().map((l) => l.rows.length)).toEqual([4_000, 2_000]);
  });

  it('a day larger than a batch goes whole, alone', () => {
    const w = world();
    const config = bigTab(w, ['2026-07-01', '2026-07-02'], MAX_ROWS_PER_LOAD + 1);
    w.exportOf(config, '2026-07-02');
    expect(w.port.loads().map((l) => l.rows.length)).toEqual([MAX_ROWS_PER_LOAD + 1, MAX_ROWS_PER_LOAD + 1]);
  });

  it('the deadline leaves the rest pending; the next export goes on from there, nothing twice', () => {
    const w = world();
    const config = bigTab(w, ['2026-07-01', '2026-07-02', '2026-07-03'], 12_000);
    // Each load job takes 40 seconds; the run has 100 seconds left.
    w.port.onCall = (call) => {
      if (call.method === 'load') w.clock.ms += 40_000;
    };
    const first = w.exportOf(config, '2026-07-03', { deadline: NOW + 100_000 });
    expect(first).toMatchObject({ pending: true, lastDay: '2026-07-02', rows: 24_000, days: 2 });
    expect(first.error).toBeUndefined();
    expect(w.port.callsOf('removeTable')).toHaveLength(0);
    // Kept for the next export, and gone by itself should none come.
    expect(w.port.callsOf('expireTable').map((c) => c.args[3])).toEqual([NOW + 100_000 - 20_000 + STAGING_KEPT_MS]);
    w.port.onCall = undefined;
    const second = w.exportOf(config, '2026-07-03');
    expect(second.pending).toBeUndefined();
    expect(second).toMatchObject({ lastDay: '2026-07-03', days: 2 });
    expect(w.rows('competitors')).toHaveLength(36_000);
    keysOnce(w.rows('competitors'), 'username');
    expect(w.port.callsOf('removeTable')).toHaveLength(1);
  });

  it('no time for a single batch: everything pending, loaded by the next export', () => {
    const w = world();
    const { sunny } = sharedCompetitors(w);
    expect(w.exportOf(sunny, '2026-07-03', { deadline: NOW + 30_000 })).toMatchObject({ pending: true, rows: 0, days: 0 });
    expect(w.port.callsOf('load')).toHaveLength(0);
    expect(w.exportOf(sunny, '2026-07-03')).toMatchObject({ rows: 6, days: 3, lastDay: '2026-07-03' });
    expect(w.rows('competitors')).toHaveLength(6);
  });
});

describe('a BigQuery sandbox (DML refused)', () => {
  it('replaces a day\'s partition at a time instead, and remembers it', () => {
    const w = world();
    w.port.sandbox(P);
    const { sunny, bakery } = sharedCompetitors(w);
    const first = w.exportOf(sunny, '2026-07-03');
    expect(first).toMatchObject({ noDml: true, rows: 6, days: 3, lastDay: '2026-07-03' });
    expect(first.error).toBeUndefined();
    const statements = w.port.statements();
    expect(statements[0].sql).toMatch(/^MERGE/);
    expect(statements.slice(1).map((s) => s.destination)).toEqual([
      { datasetId: 'sheetgram', tableId: 'competitors$20260701' }, { datasetId: 'sheetgram', tableId: 'competitors$20260702' }, { datasetId: 'sheetgram', tableId: 'competitors$20260703' },
    ]);
    expect(w.logs).toContain('BigQuery project acme-marketing allows no DML (a sandbox): replacing a day\'s partition at a time.');
    w.exportOf(bakery, '2026-07-03');
    expect(w.rows('competitors')).toHaveLength(10);

    // Again the same day: no MERGE tried, the account's day replaced, the other account's day kept.
    setCell(w, 'Competitors', isRow(SUNNY, '2026-07-03', 'rival.bakery'), 'Followers', 125);
    const before = w.port.statements().length;
    expect(w.exportOf(sunny, '2026-07-03')).toMatchObject({ noDml: true, rows: 2, days: 1 });
    expect(w.port.statements().slice(before).map((s) => s.destination?.tableId)).toEqual(['competitors$20260703']);
    expect(lines(w.rows('competitors')).filter((l) => l.includes('2026-07-03'))).toEqual([
      'bakery 2026-07-03 rival.bakery 520', 'sunny 2026-07-03 city.creator 60', 'sunny 2026-07-03 rival.bakery 125',
    ]);
    keysOnce(w.rows('competitors'), 'username');
  });

  it('rewrites a day only under a lease of that day: while another load holds it, nothing changes and a later tick tries again', () => {
    const w = world();
    w.port.sandbox(P);
    const { sunny, bakery } = sharedCompetitors(w);
    const order: string[] = [];
    w.port.onCall = (call) => {
      if (call.method === 'query') order.push('query');
    };
    const dayLease = { claim: (key: string) => (order.push(`claim ${key}`), true), release: (key: string) => void order.push(`release ${key}`) };
    w.exportOf(sunny, '2026-07-03', { dayLease });
    expect(order).toEqual([
      'query', // the MERGE, refused by the sandbox
      `claim ${COMPETITORS}$20260701`, 'query', `release ${COMPETITORS}$20260701`,
      `claim ${COMPETITORS}$20260702`, 'query', `release ${COMPETITORS}$20260702`,
      `claim ${COMPETITORS}$20260703`, 'query', `release ${COMPETITORS}$20260703`,
    ]);
    const before = lines(w.rows('competitors'));
    const busy = w.exportOf(bakery, '2026-07-03', { dayLease: { claim: () => false, release: () => undefined } });
    expect(busy.error).toBe(`Another load of this spreadsheet was rewriting 2026-07-01 of ${COMPETITORS}; Sheetgram tries again later.`);
    expect(busy.needsPerson).toBeUndefined();
    expect(busy.retryAt).toBeGreaterThan(w.clock.ms);
    expect(lines(w.rows('competitors'))).toEqual(before);
    expect(w.exportOf(bakery, '2026-07-03', { dayLease }).error).toBeUndefined();
    expect(w.rows('competitors')).toHaveLength(10);
  });
});

describe('BigQuery\'s daily limit on changes to a table', () => {
  it('a sandbox\'s day rewrites stop at Sheetgram\'s share: the rest waits in the tab until changes are free again, then loads', () => {
    const w = world();
    w.port.sandbox(P);
    const { sunny, bakery } = sharedCompetitors(w);
    const store = new MemoryStore();
    // A share of 4 changes: @sunny's three days, then one of @bakery's.
    const tableChanges = new CountedTableChanges(store, new MemoryLock(), w.clock, 4);
    expect(w.exportOf(sunny, '2026-07-03', { tableChanges }).error).toBeUndefined();
    const stopped = w.exportOf(bakery, '2026-07-03', { tableChanges });
    expect(stopped.error).toBe(`BigQuery allows 1,500 changes to a table in 24 hours, and Sheetgram has made 4 to ${COMPETITORS} `
      + '(in a BigQuery sandbox each day of each account is one change), leaving the rest to others. The days not loaded yet wait in the tab.');
    expect(stopped.retryAt).toBe(Date.parse('2026-07-04T08:00:00Z'));
    // A limit, not a failure: no backoff count, and nothing asked of the person.
    expect(stopped.failures).toBeUndefined();
    expect(stopped.needsPerson).toBeUndefined();
    // No job was started past the share.
    expect(w.port.statements().filter((q) => q.destination)).toHaveLength(4);
    expect(w.rows('competitors').filter((r) => r.account === 'bakery')).toHaveLength(1);
    w.clock.ms = Date.parse('2026-07-04T08:00:00Z');
    expect(w.exportOf(bakery, '2026-07-03', { tableChanges }).error).toBeUndefined();
    expect(w.rows('competitors')).toHaveLength(10);
    keysOnce(w.rows('competitors'), 'username');
  });

  it('a MERGE is not a change that counts (DML)', () => {
    const w = world();
    const { sunny } = sharedCompetitors(w);
    const tableChanges = new CountedTableChanges(new MemoryStore(), new MemoryLock(), w.clock, 1);
    expect(w.exportOf(sunny, '2026-07-03', { tableChanges }).error).toBeUndefined();
    expect(tableChanges.used(COMPETITORS)).toBe(0);
  });
});

describe('one report per account and table', () => {
  const SHEET = 'sheet-1';
  const by = (config: ReportConfiguration, sheet = SHEET) => ({ loadedBy: `${sheet}/${config.id}` });

  it('a second report of the same account into the table loads nothing and says which report loads it; the first goes on', () => {
    const w = world();
    const { sunny, bakery } = sharedPosts(w);
    const tabs = new Map([[sunny.id, 'Posts']]);
    const reportOf = (id: string) => (tabs.has(id) ? { tab: tabs.get(id)! } : null);
    expect(w.exportOf(sunny, '2026-07-03', { ...by(sunny), reportOf }).error).toBeUndefined();
    expect(w.exportOf(bakery, '2026-07-03', { ...by(bakery), reportOf }).error).toBeUndefined();
    expect(w.rows('recent_media').map((r) => r.loaded_by)).toEqual(expect.arrayContaining([`${SHEET}/${sunny.id}`, `${SHEET}/${bakery.id}`]));

    const again = { ...sunny, id: 'recent_media-sunny-2', tab: { sheetId: null, name: 'Posts again' } };
    w.tabs.addSheet('Posts again', grid(headersOf('recent_media', 'update'), [post(SUNNY, '1', 999)]));
    tabs.set(again.id, 'Posts again');
    const refused = w.exportOf(again, '2026-07-04', { ...by(again), reportOf });
    expect(refused.error).toBe(`@sunny's User's Recent Media already goes to ${POSTS} from the report in this spreadsheet's tab "Posts", which loaded days up to 2026-07-03. `
      + 'One report per account loads a table, so this one loaded nothing (its tab is complete). Turn BigQuery off for the other report, or choose another dataset here; '
      + 'Sheetgram takes over by itself once the other has loaded nothing for 7 days.');
    expect(refused.needsPerson).toBe(true);
    expect(postLines(w.rows('recent_media'))).toEqual(['bakery 2026-07-03 7 70', 'sunny 2026-07-03 1 10', 'sunny 2026-07-03 2 20']);
    // The first one's exports are not held up by the second.
    expect(w.exportOf(sunny, '2026-07-04', { ...by(sunny), reportOf }).error).toBeUndefined();
    expect(w.exportOf(again, '2026-07-05', { ...by(again), reportOf }).error).toContain('loaded days up to 2026-07-04');

    // The first report deleted: the second takes the account over, its days replacing the old ones from then on.
    tabs.delete(sunny.id);
    expect(w.exportOf(again, '2026-07-05', { ...by(again), reportOf })).toMatchObject({ rows: 1, days: 1, lastDay: '2026-07-05' });
    expect(w.exportOf(again, '2026-07-05', { ...by(again), reportOf }).error).toBeUndefined();
    keysOnce(w.rows('recent_media'), 'id');
  });

  it('a report in another spreadsheet: refused while it loads, taken over after 7 days without', () => {
    const w = world();
    const { sunny } = sharedPosts(w);
    const reportOf = () => null;
    expect(w.exportOf(sunny, '2026-07-03', { ...by(sunny, 'sheet-elsewhere'), reportOf }).error).toBeUndefined();
    const mine = { ...sunny, id: 'recent_media-sunny-here' };
    expect(w.exportOf(mine, '2026-07-10', { ...by(mine), reportOf }).error).toContain('from a report in another spreadsheet (id sheet-elsewhere), which loaded days up to 2026-07-03');
    expect(w.exportOf(mine, '2026-07-11', { ...by(mine), reportOf })).toMatchObject({ rows: 2, lastDay: '2026-07-11' });
  });

  it('two reports that both loaded the account before the check existed: one keeps it, the other stops, and stays stopped', () => {
    const w = world();
    const { sunny } = sharedPosts(w);
    const first = { ...sunny, id: 'a-report' };
    const second = { ...sunny, id: 'b-report' };
    const reportOf = (id: string) => ({ tab: `tab of ${id}` });
    // Loaded by both without loaded_by (before it existed), each replacing the other's days.
    w.exportOf(first, '2026-07-03');
    w.exportOf(second, '2026-07-03');
    // The first day with the check: each sees no other (the rows carry no loaded_by yet), both load.
    expect(w.exportOf(second, '2026-07-04', { ...by(second), reportOf }).error).toBeUndefined();
    expect(w.exportOf(first, '2026-07-04', { ...by(first), reportOf }).error).toBeUndefined();
    // The next day both see the other: the first by loaded_by keeps the account.
    expect(w.exportOf(second, '2026-07-05', { ...by(second), reportOf }).error).toContain('from the report in this spreadsheet\'s tab "tab of a-report"');
    expect(w.exportOf(first, '2026-07-05', { ...by(first), reportOf }).error).toBeUndefined();
    expect(w.exportOf(second, '2026-07-06', { ...by(second), reportOf }).error).toContain('loaded days up to 2026-07-05');
    expect(w.exportOf(first, '2026-07-06', { ...by(first), reportOf }).error).toBeUndefined();
    expect(new Set(w.rows('recent_media').filter((r) => String(r.snapshot_date) >= '2026-07-05').map((r) => r.loaded_by))).toEqual(new Set([`${SHEET}/a-report`]));
  });

  it('every other loader counts: a deleted report here that loaded last does not hide a live one elsewhere', () => {
    const w = world();
    const { sunny } = sharedPosts(w);
    const elsewhere = { ...sunny, id: 'elsewhere-report' };
    expect(w.exportOf(elsewhere, '2026-07-02', { ...by(elsewhere, 'sheet-2'), reportOf: () => null }).error).toBeUndefined();
    // Rows a report of this spreadsheet loaded the day after, before it was deleted.
    const table = w.rows('recent_media');
    table.push(...table.map((r) => ({ ...r, snapshot_date: '2026-07-03', loaded_by: `${SHEET}/deleted-report` })));
    const mine = { ...sunny, id: 'new-report' };
    expect(w.exportOf(mine, '2026-07-04', { ...by(mine), reportOf: () => null }).error).toContain('another spreadsheet (id sheet-2)');
  });

  it('checks once a day, not at every export', () => {
    const w = world();
    const { sunny } = sharedPosts(w);
    const checks = () => w.port.statements().filter((q) => q.sql.startsWith('SELECT loaded_by')).length;
    w.exportOf(sunny, '2026-07-03', { ...by(sunny), reportOf: () => null });
    w.exportOf(sunny, '2026-07-03', { ...by(sunny), reportOf: () => null });
    expect(checks()).toBe(1);
    w.exportOf(sunny, '2026-07-04', { ...by(sunny), reportOf: () => null });
    expect(checks()).toBe(2);
  });

  it('rows loaded before the loaded_by column existed belong to no report: nothing is refused for them', () => {
    const w = world();
    const { sunny } = sharedPosts(w);
    w.exportOf(sunny, '2026-07-03');
    const next = { ...sunny, id: 'recent_media-sunny-new' };
    expect(w.exportOf(next, '2026-07-04', { ...by(next), reportOf: () => null }).error).toBeUndefined();
  });
});

describe('failures', () => {
  const CASES: { what: string; failure: FailureSpec; text: RegExp; needsPerson: boolean }[] = [
    { what: 'no role', failure: { code: 403, reason: 'accessDenied', message: 'Access Denied: Project acme-marketing: User does not have bigquery.jobs.create permission in project acme-marketing.' }, text: /^Your Google account may not use BigQuery in project acme-marketing\./, needsPerson: true },
    { what: 'the API off', failure: { code: 403, reason: 'accessNotConfigured', message: 'BigQuery API has not been used in project 1234 before or it is disabled.' }, text: /^The BigQuery API is turned off in project acme-marketing\./, needsPerson: true },
    { what: 'rows refused', failure: { code: 400, reason: 'invalid', message: 'Error while reading data.' }, text: /^BigQuery refused the rows: Error while reading data\.$/, needsPerson: true },
    { what: 'a quota', failure: { code: 403, reason: 'quotaExceeded', message: 'Quota exceeded: Your table exceeded quota for imports or query appends per table.' }, text: /^BigQuery's limit was reached/, needsPerson: false },
    { what: 'BigQuery down', failure: { code: 503, reason: 'backendError', message: 'Backend error.' }, text: /^BigQuery did not answer in time\./, needsPerson: false },
    { what: 'a job outliving the deadline', failure: { code: 0, reason: 'timeout', message: 'BigQuery job j1 was still running when the script\'s time ran out.' }, text: /^BigQuery did not answer in time\./, needsPerson: false },
  ];

  for (const c of CASES) {
    it(`${c.what}: said in words, ${c.needsPerson ? 'waiting for the person' : 'retried by itself'}, what was loaded before kept`, () => {
      const w = world();
      const { sheet, sunny } = sharedCompetitors(w);
      const loaded = w.exportOf(sunny, '2026-07-03');
      sheet.cells.push(grid(headersOf('competitors', 'append'), [competitor(SUNNY, '2026-07-04', 'rival.bakery', 130)])[1]);
      w.clock.ms += 86_400_000;
      w.port.fail('load', c.failure);
      const state = w.exportOf(sunny, '2026-07-04');
      expect(state.error).toMatch(c.text);
      expect(state.needsPerson).toBe(c.needsPerson ? true : undefined);
      expect(state).toMatchObject({ table: COMPETITORS, lastDay: '2026-07-03', lastLoadAt: loaded.lastLoadAt });
      expect(w.logs.some((l) => l.startsWith('warn: BigQuery: '))).toBe(true);
      // The next export loads what BigQuery lacks, and the failure is gone.
      const next = w.exportOf(sunny, '2026-07-04');
      expect(next).toMatchObject({ lastDay: '2026-07-04', rows: 3, days: 2 });
      expect(next.error).toBeUndefined();
      expect(next.needsPerson).toBeUndefined();
      expect(w.rows('competitors')).toHaveLength(7);
    });
  }

  it('a failure BigQuery may get over by itself is retried after 1, 2, 4 and 8 hours, then daily; a success forgets it', () => {
    const w = world();
    const { sunny } = sharedCompetitors(w);
    w.port.fail('load', { code: 503, reason: 'backendError', message: 'Backend error.' }, { times: 6 });
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      const state = w.exportOf(sunny, '2026-07-03');
      expect(state).toMatchObject({ failures: i + 1, error: expect.stringMatching(/did not answer in time/) });
      waits.push((state.retryAt! - w.clock.ms) / 60_000);
      w.clock.ms = state.retryAt!;
    }
    expect(waits).toEqual([55, 115, 235, 475, 955, 1435]);
    const done = w.exportOf(sunny, '2026-07-03');
    expect(done.error).toBeUndefined();
    expect(done.failures).toBeUndefined();
    expect(done.retryAt).toBeUndefined();
  });

  it('a failure between the load and the MERGE: nothing in the table twice after the retry', () => {
    const w = world();
    const { sunny } = sharedCompetitors(w);
    w.port.fail('query', { code: 503, reason: 'backendError', message: 'Backend error.' });
    const state = w.exportOf(sunny, '2026-07-03');
    expect(state.error).toMatch(/did not answer in time/);
    expect(state.lastDay).toBeUndefined();
    expect(w.rows('competitors')).toHaveLength(0);
    // The staging table left behind goes by itself, should no export come again (the report deleted).
    expect(w.port.callsOf('expireTable').map((c) => c.args)).toEqual([[P, 'sheetgram', stagingTableIdOf(sunny.id), NOW + STAGING_KEPT_MS]]);
    expect(w.rows(stagingTableIdOf(sunny.id))).toHaveLength(6);
    w.exportOf(sunny, '2026-07-03');
    expect(w.rows('competitors')).toHaveLength(6);
    keysOnce(w.rows('competitors'), 'username');
  });

  it('BigQuery not allowed: the person must allow it, and nothing is asked of BigQuery', () => {
    const w = world();
    w.port.consented = false;
    const { sunny } = sharedCompetitors(w);
    const state = w.exportOf(sunny, '2026-07-03');
    expect(state).toEqual({
      table: COMPETITORS, needsPerson: true, day: '2026-07-03',
      error: 'You have not allowed Sheetgram to use BigQuery. Click "Allow Sheetgram to use BigQuery", tick BigQuery on Google\'s page, then check again.',
    });
    expect(w.port.calls.map((c) => c.method)).toEqual(['allowed']);
  });

  it('a project Google Cloud does not have', () => {
    const w = world();
    const { sunny } = sharedCompetitors(w);
    const state = w.exportOf({ ...sunny, bigquery: { ...TARGET, projectId: 'acme-typo' } }, '2026-07-03');
    expect(state).toMatchObject({ table: 'acme-typo.sheetgram.competitors', needsPerson: true });
    expect(state.error).toBe('Google Cloud has no project "acme-typo" that your Google account can see. Check the project id on the Cloud console\'s dashboard.');
  });

  it('a sandbox refusal of anything but the MERGE is a failure like any other (retried)', () => {
    const w = world();
    const { sunny } = sharedCompetitors(w);
    w.port.fail('load', { code: 403, reason: 'billingNotEnabled', message: SANDBOX_DML_MESSAGE });
    const state = w.exportOf(sunny, '2026-07-03');
    expect(state).toMatchObject({ error: 'Project acme-marketing is a BigQuery sandbox (no billing account).' });
    expect(state.needsPerson).toBeUndefined();
  });
});

describe('after a run (loadIntoBigQuery)', () => {
  function environment(port: FakeBigQuery | null) {
    const w = world();
    const configs = new ConfigurationStore(new MemoryStore());
    const env = {
      configs, tab: w.tabs, clock: w.clock, log: { info: () => {}, warn: () => {} }, timeZone: TZ, ...(port ? { bigquery: () => port } : {}),
    } as unknown as RunEnvironment;
    return { w, configs, env };
  }

  it('saves how the load went on the configuration\'s status, and the next load starts from it', () => {
    const port = new FakeBigQuery([P]);
    const { w, configs, env } = environment(port);
    const { sheet, sunny } = sharedCompetitors(w);
    configs.save(sunny);
    const state = loadIntoBigQuery(sunny, '2026-07-03', env, NOW + 300_000);
    expect(configs.status(sunny.id).bigquery).toEqual(state);
    expect(state).toMatchObject({ table: COMPETITORS, lastDay: '2026-07-03', rows: 6 });
    sheet.cells.push(grid(headersOf('competitors', 'append'), [competitor(SUNNY, '2026-07-04', 'rival.bakery', 130)])[1]);
    expect(loadIntoBigQuery(sunny, '2026-07-04', env, NOW + 300_000)).toMatchObject({ lastDay: '2026-07-04', rows: 3, days: 2 });
    expect(port.rows(P, 'sheetgram', 'competitors')).toHaveLength(7);
  });

  it('uses the target as saved (the person may have changed it during the run)', () => {
    const port = new FakeBigQuery([P]);
    const { w, configs, env } = environment(port);
    const { sunny } = sharedCompetitors(w);
    configs.save({ ...sunny, bigquery: { ...TARGET, datasetId: 'instagram' } });
    expect(loadIntoBigQuery(sunny, '2026-07-03', env, NOW + 300_000).table).toBe(tablePath({ ...TARGET, datasetId: 'instagram' }, 'competitors'));
  });

  it('a deployment without the BigQuery service says so', () => {
    const { w, configs, env } = environment(null);
    const { sunny } = sharedCompetitors(w);
    configs.save(sunny);
    expect(loadIntoBigQuery(sunny, '2026-07-03', env, NOW + 300_000)).toEqual({ table: '', error: 'BigQuery is not available in this deployment of Sheetgram.', needsPerson: true });
  });

  it('a configuration without a BigQuery target loads nothing and saves nothing', () => {
    const port = new FakeBigQuery([P]);
    const { w, configs, env } = environment(port);
    const { sunny } = sharedCompetitors(w);
    const sheetOnly = { ...sunny, destination: undefined, bigquery: undefined };
    configs.save(sheetOnly);
    expect(loadIntoBigQuery(sheetOnly, '2026-07-03', env, NOW + 300_000)).toEqual({ table: '' });
    expect(configs.status(sunny.id).bigquery).toBeUndefined();
    expect(port.calls).toEqual([]);
  });
});

describe('BigQuery only: the tab keeps the newest day and what BigQuery lacks', () => {
  const only = (config: ReportConfiguration): ReportConfiguration => ({ ...config, mode: 'append', destination: 'bigquery' });
  /** The tab's rows as "account MM-DD username", in the tab's order. */
  const tabLines = (w: ReturnType<typeof world>) => {
    const cells = w.tabs.sheet('Competitors').cells;
    const head = cells[0].map(String);
    return cells.slice(1).map((r) => {
      const day = r[head.indexOf('Run date')] as Date;
      return `${r[head.indexOf('Account')]} ${isoDate(calendarDateIn(day.getTime(), TZ)).slice(5)} ${r[head.indexOf('Username')]}`;
    });
  };

  it('loads every day of the account, then removes its rows of the days before the run\'s own; other accounts\' rows stay', () => {
    const w = world();
    const { sunny } = sharedCompetitors(w);
    const state = w.exportOf(only(sunny), '2026-07-03');
    expect(state).toMatchObject({ rows: 6, days: 3, lastDay: '2026-07-03', removed: 4 });
    expect(lines(w.rows('competitors'))).toEqual([
      'sunny 2026-07-01 city.creator 50', 'sunny 2026-07-01 rival.bakery 100', 'sunny 2026-07-02 city.creator 55',
      'sunny 2026-07-02 rival.bakery 110', 'sunny 2026-07-03 city.creator 60', 'sunny 2026-07-03 rival.bakery 120',
    ]);
    expect(tabLines(w)).toEqual([
      'bakery 07-02 city.creator', 'sunny 07-03 city.creator', 'bakery 07-01 rival.bakery', 'bakery 07-02 rival.bakery',
      'sunny 07-03 rival.bakery', 'bakery 07-03 rival.bakery',
    ]);
    expect(w.logs).toContain('BigQuery only: removed 4 rows of @sunny from "Competitors" that BigQuery now has.');
  });

  it('the next day loads the day kept and the new one, and removes the day kept; BigQuery never loses a row', () => {
    const w = world();
    const { sunny } = sharedCompetitors(w);
    w.exportOf(only(sunny), '2026-07-03');
    // The next day's run appends its rows.
    const sheet = w.tabs.sheet('Competitors');
    const head = sheet.cells[0].map(String);
    sheet.cells.push(head.map((h) => competitor(SUNNY, '2026-07-04', 'rival.bakery', 130)[h] ?? ''));
    const next = w.exportOf(only(sunny), '2026-07-04');
    expect(next).toMatchObject({ days: 2, lastDay: '2026-07-04', removed: 2 });
    expect(w.rows('competitors').filter((r) => r.account === 'sunny')).toHaveLength(7);
    keysOnce(w.rows('competitors'), 'username');
    expect(tabLines(w).filter((l) => l.startsWith('sunny'))).toHaveLength(1);
  });

  it('a failed load removes nothing: the rows wait in the tab for the retry', () => {
    const w = world();
    const { sunny } = sharedCompetitors(w);
    const before = tabLines(w);
    w.port.fail('query', { code: 503, reason: 'backendError', message: 'Backend error.' });
    const state = w.exportOf(only(sunny), '2026-07-03');
    expect(state.error).toBeDefined();
    expect(state.removed).toBeUndefined();
    expect(tabLines(w)).toEqual(before);
    expect(w.exportOf(only(sunny), '2026-07-03')).toMatchObject({ rows: 6, removed: 4 });
  });

  it('another report loading the account: nothing loaded, nothing removed', () => {
    const w = world();
    const { sunny } = sharedCompetitors(w);
    w.exportOf({ ...sunny, id: 'other' }, '2026-07-03', { loadedBy: 'sheet-b/other' });
    const before = tabLines(w);
    const state = w.exportOf(only(sunny), '2026-07-03', { loadedBy: 'sheet-a/mine' });
    expect(state).toMatchObject({ needsPerson: true });
    expect(tabLines(w)).toEqual(before);
  });

  it('a table whose rows expire (a sandbox\'s 60 days) keeps every row in the tab, and says so', () => {
    const w = world();
    w.port.sandbox(P);
    const { sunny } = sharedCompetitors(w);
    const before = tabLines(w);
    const state = w.exportOf(only(sunny), '2026-07-03');
    expect(state).toMatchObject({ rows: 6, expires: true });
    expect(state.removed).toBeUndefined();
    expect(tabLines(w)).toEqual(before);
  });

  it('while the rows expire, later exports read from the last day loaded on, not the whole history again', () => {
    const w = world();
    w.port.sandbox(P);
    const { sunny } = sharedCompetitors(w);
    expect(w.exportOf(only(sunny), '2026-07-03')).toMatchObject({ days: 3, expires: true });
    const rewrites = () => w.port.statements().filter((q) => q.destination).length;
    const before = rewrites();
    expect(w.exportOf(only(sunny), '2026-07-03')).toMatchObject({ days: 1, expires: true });
    expect(rewrites() - before).toBe(1);
  });

  it('time running out while loading: the days loaded go, the rest stay for the next export', () => {
    const w = world();
    const rows: Record<string, CellValue>[] = [];
    // 12,000 rows a day: a load job per day.
    for (const day of ['2026-07-01', '2026-07-02', '2026-07-03']) {
      for (let i = 0; i < 12_000; i++) rows.push(competitor(SUNNY, day, `c${i}`, i));
      rows.push(competitor(BAKERY, day, 'rival.bakery', 1));
    }
    const sheet = w.tabs.addSheet('Competitors', grid(headersOf('competitors', 'append'), rows));
    const config = only(configOf('competitors', SUNNY, { tab: { sheetId: sheet.sheetId, name: sheet.name } }));
    // Each load job takes 40 seconds; the run has 100 seconds left: two days load.
    w.port.onCall = (call) => {
      if (call.method === 'load') w.clock.ms += 40_000;
    };
    // The last day loaded stays too: the next export reads from it on.
    expect(w.exportOf(config, '2026-07-03', { deadline: NOW + 100_000 })).toMatchObject({ pending: true, lastDay: '2026-07-02', removed: 12_000 });
    expect(tabLines(w).filter((l) => l.startsWith('sunny 07-01'))).toHaveLength(0);
    expect(tabLines(w).filter((l) => l.startsWith('sunny'))).toHaveLength(24_000);
    w.port.onCall = undefined;
    expect(w.exportOf(config, '2026-07-03')).toMatchObject({ rows: 24_000, days: 2, lastDay: '2026-07-03', removed: 12_000 });
    expect(tabLines(w).filter((l) => l.startsWith('sunny'))).toHaveLength(12_000);
    expect(w.rows('competitors')).toHaveLength(36_000);
    keysOnce(w.rows('competitors'), 'username');
    expect(tabLines(w).filter((l) => l.startsWith('bakery'))).toHaveLength(3);
  });

  it('no time left to remove rows: they stay, and go with the next export', () => {
    const w = world();
    const { sunny } = sharedCompetitors(w);
    w.port.onCall = (call) => {
      if (call.method === 'query') w.clock.ms += 60_000;
    };
    const first = w.exportOf(only(sunny), '2026-07-03', { deadline: NOW + 62_000 });
    expect(first).toMatchObject({ rows: 6, removed: 0 });
    expect(tabLines(w).filter((l) => l.startsWith('sunny'))).toHaveLength(6);
    w.port.onCall = undefined;
    expect(w.exportOf(only(sunny), '2026-07-03')).toMatchObject({ rows: 2, removed: 4 });
    keysOnce(w.rows('competitors'), 'username');
  });

  it('a day the tab holds only part of (rows removed by hand, a trim cut short) never replaces BigQuery\'s whole copy', () => {
    const w = world();
    const { sunny } = sharedCompetitors(w);
    w.exportOf(sunny, '2026-07-03');
    // Under "This spreadsheet and BigQuery" the person removed a row of the 1st to save cells, then switches.
    removeRows(w, 'Competitors', isRow(SUNNY, '2026-07-01', 'rival.bakery'));
    expect(w.exportOf(only(sunny), '2026-07-03')).toMatchObject({ days: 1, removed: 3 });
    expect(w.rows('competitors').filter((r) => r.account === 'sunny' && r.snapshot_date === '2026-07-01')).toHaveLength(2);
    expect(w.rows('competitors').filter((r) => r.account === 'sunny')).toHaveLength(6);
  });

  it('with the spreadsheet and BigQuery, nothing is removed', () => {
    const w = world();
    const { sunny } = sharedCompetitors(w);
    const before = tabLines(w);
    expect(w.exportOf(sunny, '2026-07-03').removed).toBeUndefined();
    expect(tabLines(w)).toEqual(before);
  });
});
