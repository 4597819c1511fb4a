// "BigQuery only", end to end: the real bundle in the local Apps Script runtime (BigQuery on DuckDB)
// against the Instagram simulator over HTTP. @sunny's followers and posts go to BigQuery only, in tabs
// shared with @harbor.bakery's rows, which stay in the spreadsheet; a twin of each of @sunny's reports
// keeps everything in a tab of its own, as the truth BigQuery must equal. Daily runs for two weeks while
// the person sorts the shared tab and types a note beside a row; BigQuery turned off for two days; a
// sandbox project; and @harbor.bakery switching to BigQuery only with its history in the tab.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../local/platform/stack';
import { BAKERY, CREATOR, DAY, stackWithBothAccounts, table, wholeRows } from './support';

interface Card { id: string; lastRun?: { status: string; message: string }; bigqueryStatus?: { state: string; table: string; text: string } }

const PROJECT = 'acme-marketing';
const SANDBOX = 'free-tier-proj';
const ZONE = 'Europe/Lisbon';
const FOLLOWERS = 'Followers';
const POSTS = 'Posts';
const isoIn = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);

interface Saved { reportId: string; accountId: string; tabName: string; destination: string; projectId?: string; id?: string }
function save(s: Stack, r: Saved): string {
  const report = (s.rt.call('getSidebarState') as { reports: { id: string; fields: { id: string; default: boolean }[] }[] }).reports.find((x) => x.id === r.reportId)!;
  const card = s.rt.call('saveConfiguration', [{
    ...(r.id ? { id: r.id } : {}), accountId: r.accountId, reportId: r.reportId, fields: report.fields.filter((f) => f.default).map((f) => f.id), tabName: r.tabName,
    mode: 'append', schedule: { kind: 'daily', hour: 6 }, destination: r.destination,
    ...(r.destination === 'sheet' ? {} : { bigquery: { projectId: r.projectId ?? PROJECT, datasetId: 'sheetgram', location: 'EU' } }),
  }]) as Card;
  return card.id;
}
const runNow = (s: Stack, id: string) => s.rt.call('runConfigurationNow', [id]) as { status: string; message: string };
const card = (s: Stack, id: string) => (s.rt.call('getSidebarState') as { configurations: Card[] }).configurations.find((c) => c.id === id)!;
const bq = (s: Stack, sql: string) => s.rt.bigquery.query(sql);

/** An account's rows of a tab by run date: followers, or the posts' ids. */
function byDay(s: Stack, tab: string, accountId: string, column: string): Map<string, string[]> {
  const t = table(s, tab);
  const out = new Map<string, string[]>();
  for (const r of t.rows.filter((row) => row[t.at('Account ID')] === accountId)) {
    const day = isoIn(r[t.at('Run date')] as Date);
    out.set(day, [...(out.get(day) ?? []), String(r[t.at(column)])].sort());
  }
  return out;
}
function byDayInBigQuery(s: Stack, tableId: string, accountId: string, column: string, dataset = `${PROJECT}.sheetgram`): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of bq(s, `SELECT snapshot_date, ${column} AS v FROM \`${dataset}.${tableId}\` WHERE account_id = '${accountId}' ORDER BY snapshot_date`)) {
    const day = String(r.snapshot_date);
    out.set(day, [...(out.get(day) ?? []), String(r.v)].sort());
  }
  return out;
}
function duplicates(s: Stack, tableId: string, key: string, dataset = `${PROJECT}.sheetgram`): number {
  return Number(bq(s, `SELECT COUNT(*) AS n FROM (SELECT ${key} FROM \`${dataset}.${tableId}\` GROUP BY ${key} HAVING COUNT(*) > 1)`)[0].n);
}
/** The newest run date, as the spreadsheet-only twin holds it. */
const today = (s: Stack): string => [...byDay(s, 'All followers', CREATOR, 'Followers').keys()].sort().pop() ?? '';

describe('BigQuery only: the history in BigQuery, the newest day in the tab', () => {
  let s: Stack;
  const id: Record<string, string> = {};
  beforeAll(async () => {
    s = await stackWithBothAccounts({ timeZone: ZONE, runtime: { bigquery: { projects: [{ projectId: PROJECT }, { projectId: SANDBOX, billing: false }] } } });
    id.followers = save(s, { reportId: 'user_information', accountId: CREATOR, tabName: FOLLOWERS, destination: 'bigquery' });
    id.posts = save(s, { reportId: 'recent_media', accountId: CREATOR, tabName: POSTS, destination: 'bigquery' });
    id.bakeryFollowers = save(s, { reportId: 'user_information', accountId: BAKERY, tabName: FOLLOWERS, destination: 'sheet' });
    id.twinFollowers = save(s, { reportId: 'user_information', accountId: CREATOR, tabName: 'All followers', destination: 'sheet' });
    id.twinPosts = save(s, { reportId: 'recent_media', accountId: CREATOR, tabName: 'All posts', destination: 'sheet' });
    for (const config of Object.values(id)) expect(runNow(s, config).status).toMatch(/ok|partial/);
    for (let day = 1; day <= 14; day++) {
      s.rt.advance(DAY);
      if (day === 4) {
        // The person sorts the shared tab by account and writes a note beside @harbor.bakery's first row.
        const t = table(s, FOLLOWERS);
        s.rt.workbook.sortRange(FOLLOWERS, wholeRows(s, FOLLOWERS, t.rows.length + 1), t.at('Account') + 1, true);
        s.rt.workbook.typeInto(FOLLOWERS, `${String.fromCharCode(65 + t.header.length)}1`, 'Notes');
        const bakeryRow = table(s, FOLLOWERS).rows.findIndex((r) => r[t.at('Account ID')] === BAKERY) + 2;
        s.rt.workbook.typeInto(FOLLOWERS, `${String.fromCharCode(65 + t.header.length)}${bakeryRow}`, 'a good week');
      }
    }
  }, 900_000);
  afterAll(async () => {
    await s?.close();
  });

  it('BigQuery holds every day of @sunny once, equal to the spreadsheet-only twin', () => {
    const followers = byDay(s, 'All followers', CREATOR, 'Followers');
    expect(followers.size).toBeGreaterThanOrEqual(15);
    expect(byDayInBigQuery(s, 'user_information', CREATOR, 'followers_count')).toEqual(followers);
    const posts = byDay(s, 'All posts', CREATOR, 'Media ID');
    expect(posts.size).toBe(15);
    expect(byDayInBigQuery(s, 'recent_media', CREATOR, 'id')).toEqual(posts);
    expect(duplicates(s, 'user_information', 'account_id, snapshot_date')).toBe(0);
    expect(duplicates(s, 'recent_media', 'account_id, id, snapshot_date')).toBe(0);
  });

  it('the tabs keep only @sunny\'s newest day; @harbor.bakery\'s rows and the note stay', () => {
    expect([...byDay(s, FOLLOWERS, CREATOR, 'Followers').keys()]).toEqual([today(s)]);
    expect([...byDay(s, POSTS, CREATOR, 'Media ID').keys()]).toEqual([today(s)]);
    expect(byDay(s, POSTS, CREATOR, 'Media ID').get(today(s))).toEqual(byDay(s, 'All posts', CREATOR, 'Media ID').get(today(s)));
    const bakery = byDay(s, FOLLOWERS, BAKERY, 'Followers');
    expect(bakery.size).toBeGreaterThanOrEqual(15);
    const t = table(s, FOLLOWERS);
    const noted = t.rows.filter((r) => r[t.at('Notes')] === 'a good week');
    expect(noted).toHaveLength(1);
    expect(noted[0][t.at('Account ID')]).toBe(BAKERY);
    expect(bq(s, `SELECT COUNT(*) AS n FROM \`${PROJECT}.sheetgram.user_information\` WHERE account_id = '${BAKERY}'`)[0].n).toBe(0);
  });

  it('the card says the tab keeps the newest day', () => {
    expect(card(s, id.followers).bigqueryStatus).toMatchObject({ state: 'ok', text: expect.stringContaining('The tab keeps the newest day') });
  });

  it('BigQuery off for two days: the rows wait in the tab, then go, nothing twice', () => {
    const project = s.rt.bigquery.projects.get(PROJECT)!;
    project.apiEnabled = false;
    s.rt.advance(2 * DAY);
    expect(byDay(s, FOLLOWERS, CREATOR, 'Followers').size).toBe(3);
    expect(card(s, id.followers).bigqueryStatus).toMatchObject({ state: 'failed', text: expect.stringContaining('the tab keeps its rows until BigQuery has them') });
    project.apiEnabled = true;
    s.rt.advance(DAY);
    expect([...byDay(s, FOLLOWERS, CREATOR, 'Followers').keys()]).toEqual([today(s)]);
    expect(byDayInBigQuery(s, 'user_information', CREATOR, 'followers_count')).toEqual(byDay(s, 'All followers', CREATOR, 'Followers'));
    expect(byDayInBigQuery(s, 'recent_media', CREATOR, 'id')).toEqual(byDay(s, 'All posts', CREATOR, 'Media ID'));
    expect(duplicates(s, 'user_information', 'account_id, snapshot_date')).toBe(0);
    expect(duplicates(s, 'recent_media', 'account_id, id, snapshot_date')).toBe(0);
  });

  it('running again the same day keeps the day in the tab and in BigQuery once', () => {
    expect(runNow(s, id.posts).status).toMatch(/ok|partial/);
    expect([...byDay(s, POSTS, CREATOR, 'Media ID').keys()]).toEqual([today(s)]);
    expect(byDayInBigQuery(s, 'recent_media', CREATOR, 'id').get(today(s))).toEqual(byDay(s, POSTS, CREATOR, 'Media ID').get(today(s)));
    expect(duplicates(s, 'recent_media', 'account_id, id, snapshot_date')).toBe(0);
  });

  it('a sandbox project, whose rows expire after 60 days: the tab keeps every row, and the card says why', () => {
    const sandboxed = save(s, { reportId: 'user_information', accountId: CREATOR, tabName: 'Followers (sandbox)', destination: 'bigquery', projectId: SANDBOX });
    expect(runNow(s, sandboxed).status).toMatch(/ok|partial/);
    const tab = byDay(s, 'Followers (sandbox)', CREATOR, 'Followers');
    expect(tab.size).toBeGreaterThan(1);
    expect(byDayInBigQuery(s, 'user_information', CREATOR, 'followers_count', `${SANDBOX}.sheetgram`)).toEqual(tab);
    expect(card(s, sandboxed).bigqueryStatus?.text).toContain('so the tab keeps every row');
  });

  it('a first run again (a field added) rebuilds no history over the days BigQuery holds', () => {
    const before = byDayInBigQuery(s, 'user_information', CREATOR, 'followers_count');
    const report = (s.rt.call('getSidebarState') as { reports: { id: string; fields: { id: string; default: boolean }[] }[] }).reports.find((x) => x.id === 'user_information')!;
    const fields = [...report.fields.filter((f) => f.default).map((f) => f.id), report.fields.find((f) => !f.default)!.id];
    s.rt.call('saveConfiguration', [{
      id: id.followers, accountId: CREATOR, reportId: 'user_information', fields, tabName: FOLLOWERS, mode: 'append', schedule: { kind: 'daily', hour: 6 },
      destination: 'bigquery', bigquery: { projectId: PROJECT, datasetId: 'sheetgram', location: 'EU' },
    }]);
    expect(runNow(s, id.followers).status).toMatch(/ok|partial/);
    const after = byDayInBigQuery(s, 'user_information', CREATOR, 'followers_count');
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [day, followers] of before) if (day !== today(s)) expect(after.get(day), day).toEqual(followers);
    expect([...byDay(s, FOLLOWERS, CREATOR, 'Followers').keys()]).toEqual([today(s)]);
  });

  it('@harbor.bakery switching to BigQuery only: its history goes to BigQuery, then leaves the shared tab', () => {
    const history = byDay(s, FOLLOWERS, BAKERY, 'Followers');
    save(s, { id: id.bakeryFollowers, reportId: 'user_information', accountId: BAKERY, tabName: FOLLOWERS, destination: 'bigquery' });
    expect(runNow(s, id.bakeryFollowers).status).toMatch(/ok|partial/);
    // The run refreshed today's row (a rerun that day): the days before are the tab's history as it was.
    const kept = byDay(s, FOLLOWERS, BAKERY, 'Followers');
    expect([...kept.keys()]).toEqual([today(s)]);
    expect(byDayInBigQuery(s, 'user_information', BAKERY, 'followers_count')).toEqual(new Map([...history, ...kept]));
    expect(history.size).toBeGreaterThan(15);
    // The note went with its row, which BigQuery now has; @sunny's newest day is still there.
    expect([...byDay(s, FOLLOWERS, CREATOR, 'Followers').keys()]).toEqual([today(s)]);
    expect(duplicates(s, 'user_information', 'account_id, snapshot_date')).toBe(0);
  });
});
