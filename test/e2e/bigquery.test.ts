// BigQuery as a second destination, end to end: the real bundle in the local Apps Script runtime (its
// BigQuery backed by DuckDB) against the Instagram simulator over HTTP. Two accounts share a followers
// tab (Append) and a posts tab (Update) that also load into one BigQuery dataset, run daily for two
// simulated weeks while the person sorts a tab, types notes and inserts a column of their own. Every table then equals the tab per
// account and day; re-runs add nothing; BigQuery failing leaves the tab alone and the next run loads
// what was missed; a sandbox project works without DML; a person who left BigQuery unticked is asked.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../local/platform/stack';
import { BAKERY, CREATOR, DAY, HOUR, OWNER, stackWithBothAccounts, table, wholeRows } from './support';

interface Card { id: string; accountId: string; lastRun?: { status: string; message: string }; bigqueryStatus?: { state: string; table: string; text: string } }
interface Check { ok: boolean; message: string; field?: string; consentUrl?: string; sandbox?: boolean }

const PROJECT = 'acme-marketing';
const SANDBOX = 'free-tier-proj';
const FOLLOWERS = 'Followers';
const POSTS = 'Posts';
const ZONE = 'Europe/Lisbon';
const isoIn = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);

function save(s: Stack, reportId: string, accountId: string, tabName: string, mode: string, projectId = PROJECT, datasetId = 'sheetgram'): Card {
  const report = (s.rt.call('getSidebarState') as { reports: { id: string; fields: { id: string; default: boolean }[] }[] }).reports.find((r) => r.id === reportId)!;
  return s.rt.call('saveConfiguration', [{
    accountId, reportId, fields: report.fields.filter((f) => f.default).map((f) => f.id), tabName, mode, schedule: { kind: 'daily', hour: 6 },
    destination: 'sheet_and_bigquery', bigquery: { projectId, datasetId, location: 'EU' },
  }]) as Card;
}
const runNow = (s: Stack, id: string) => s.rt.call('runConfigurationNow', [id]) as { status: string; message: string };
const card = (s: Stack, id: string) => (s.rt.call('getSidebarState') as { configurations: Card[] }).configurations.find((c) => c.id === id)!;
const check = (s: Stack, projectId: string, datasetId = 'sheetgram') => s.rt.call('checkBigQuery', [{ projectId, datasetId, location: 'EU' }]) as Check;

const bq = (s: Stack, sql: string) => s.rt.bigquery.query(sql);

/** An account's followers by run date, from the tab. */
function followersInTab(s: Stack, accountId: string, tab = FOLLOWERS): Map<string, number> {
  const t = table(s, tab);
  const out = new Map<string, number>();
  for (const r of t.rows.filter((row) => row[t.at('Account ID')] === accountId)) out.set(isoIn(r[t.at('Run date')] as Date), Number(r[t.at('Followers')]));
  return out;
}
function followersInBigQuery(s: Stack, accountId: string, dataset = `${PROJECT}.sheetgram`): Map<string, number> {
  const rows = bq(s, `SELECT snapshot_date, followers_count FROM \`${dataset}.user_information\` WHERE account_id = '${accountId}' ORDER BY snapshot_date`);
  return new Map(rows.map((r) => [String(r.snapshot_date), Number(r.followers_count)]));
}
function duplicates(s: Stack, tableId: string, key: string, dataset = `${PROJECT}.sheetgram`): number {
  return bq(s, `SELECT COUNT(*) AS n FROM (SELECT ${key}, COUNT(*) AS c FROM \`${dataset}.${tableId}\` GROUP BY ${key} HAVING COUNT(*) > 1)`).map((r) => Number(r.n))[0];
}
/** The posts of an account in the tab, id -> likes. */
function postsInTab(s: Stack, accountId: string): Map<string, string> {
  const t = table(s, POSTS);
  return new Map(t.rows.filter((r) => r[t.at('Account ID')] === accountId).map((r) => [String(r[t.at('Media ID')]), String(r[t.at('Likes')])]));
}

describe('two accounts loading shared tabs into one BigQuery dataset', () => {
  let s: Stack;
  const ids: Record<string, Record<string, string>> = { [FOLLOWERS]: {}, [POSTS]: {} };
  beforeAll(async () => {
    s = await stackWithBothAccounts({
      timeZone: ZONE,
      runtime: { bigquery: { projects: [{ projectId: PROJECT }, { projectId: SANDBOX, billing: false }, { projectId: 'api-off-proj', apiEnabled: false }, { projectId: 'not-yours-proj', users: ['someone@example.org'] }] } },
    });
    expect(check(s, PROJECT)).toMatchObject({ ok: true });
    for (const account of [CREATOR, BAKERY]) {
      ids[FOLLOWERS][account] = save(s, 'user_information', account, FOLLOWERS, 'append').id;
      ids[POSTS][account] = save(s, 'media_insights', account, POSTS, 'update').id;
    }
    for (const tab of [FOLLOWERS, POSTS]) for (const account of [CREATOR, BAKERY]) expect(runNow(s, ids[tab][account]).status).toMatch(/ok|partial/);
    // Two weeks of daily runs; the person sorts the followers tab and writes a note on the way.
    for (let day = 1; day <= 14; day++) {
      s.rt.advance(DAY);
      if (day === 5) {
        const t = table(s, FOLLOWERS);
        s.rt.workbook.sortRange(FOLLOWERS, wholeRows(s, FOLLOWERS, t.rows.length + 1), t.at('Account') + 1, false);
        s.rt.workbook.typeInto(FOLLOWERS, `${String.fromCharCode(65 + t.header.length)}1`, 'Notes');
        s.rt.workbook.typeInto(FOLLOWERS, `${String.fromCharCode(65 + t.header.length)}2`, 'a good week');
      }
      if (day === 9) {
        // A column of the person's own, put in between Sheetgram's, on both tabs.
        for (const tab of [FOLLOWERS, POSTS]) {
          s.rt.workbook.insertColumns(tab, 3);
          s.rt.workbook.typeInto(tab, 'C1', 'Campaign');
        }
      }
    }
  }, 600_000);
  afterAll(async () => {
    await s?.close();
  });

  it('Check access says the dataset is ready, and what is wrong elsewhere, at the field', () => {
    expect(check(s, PROJECT).message).toContain(`${PROJECT}.sheetgram`);
    expect(check(s, 'api-off-proj')).toMatchObject({ ok: false, field: 'projectId', message: expect.stringContaining('turned off') });
    expect(check(s, 'not-yours-proj')).toMatchObject({ ok: false, field: 'projectId', message: expect.stringContaining('BigQuery Job User') });
    expect(check(s, 'no-such-project')).toMatchObject({ ok: false, field: 'projectId' });
    expect(check(s, 'Not A Project')).toMatchObject({ ok: false, field: 'projectId' });
    expect(check(s, SANDBOX)).toMatchObject({ ok: true, sandbox: true, message: expect.stringContaining('60 days') });
  });

  it('every run date of every account is in the table once, with the tab\'s followers', () => {
    for (const account of [CREATOR, BAKERY]) {
      const tab = followersInTab(s, account);
      expect(tab.size).toBeGreaterThanOrEqual(15);
      expect(followersInBigQuery(s, account)).toEqual(tab);
    }
    expect(duplicates(s, 'user_information', 'account_id, snapshot_date')).toBe(0);
  });

  it('each day keeps a snapshot of every post, so the growth view shows how posts grew', () => {
    for (const account of [CREATOR, BAKERY]) {
      const latest = bq(s, `SELECT id, likes FROM \`${PROJECT}.sheetgram.media_insights_latest\` WHERE account_id = '${account}'`);
      expect(new Map(latest.map((r) => [String(r.id), String(r.likes ?? '')]))).toEqual(postsInTab(s, account));
      const days = bq(s, `SELECT COUNT(DISTINCT snapshot_date) AS n FROM \`${PROJECT}.sheetgram.media_insights\` WHERE account_id = '${account}'`)[0];
      expect(Number(days.n)).toBe(15);
    }
    expect(duplicates(s, 'media_insights', 'account_id, id, snapshot_date')).toBe(0);
    const growth = bq(s, `SELECT MIN(days_since_posting) AS first, MAX(days_since_posting) AS last FROM \`${PROJECT}.sheetgram.media_insights_growth\``)[0];
    expect(Number(growth.first)).toBeGreaterThanOrEqual(0);
    expect(Number(growth.last)).toBeGreaterThan(14);
  });

  it('running again the same day replaces that day: nothing twice, nothing lost, the other account untouched', () => {
    const before = followersInBigQuery(s, BAKERY);
    const posts = bq(s, `SELECT COUNT(*) AS n FROM \`${PROJECT}.sheetgram.media_insights\``)[0].n;
    expect(runNow(s, ids[FOLLOWERS][CREATOR]).status).toMatch(/ok|partial/);
    expect(runNow(s, ids[POSTS][CREATOR]).status).toMatch(/ok|partial/);
    expect(followersInBigQuery(s, CREATOR)).toEqual(followersInTab(s, CREATOR));
    expect(followersInBigQuery(s, BAKERY)).toEqual(before);
    expect(bq(s, `SELECT COUNT(*) AS n FROM \`${PROJECT}.sheetgram.media_insights\``)[0].n).toBe(posts);
    expect(duplicates(s, 'user_information', 'account_id, snapshot_date')).toBe(0);
  });

  it('the sample queries of docs/bigquery.md answer, over the tables and views', () => {
    const doc = readFileSync('docs/bigquery.md', 'utf8');
    const statements = [...doc.matchAll(/```sql\n([\s\S]*?)```/g)].flatMap((m) => m[1].split(';'))
      .map((q) => q.replace(/^--.*$/gm, '').trim()).filter(Boolean);
    expect(statements.length).toBeGreaterThanOrEqual(3);
    for (const sql of statements) expect(bq(s, sql).length, sql).toBeGreaterThan(0);
  });

  it('the card says where the rows went', () => {
    const status = card(s, ids[FOLLOWERS][CREATOR]).bigqueryStatus!;
    expect(status).toMatchObject({ state: 'ok', table: `${PROJECT}.sheetgram.user_information` });
    expect(status.text).toMatch(/^BigQuery: \d+ rows? of \d+ days? loaded/);
  });

  it('BigQuery failing leaves the tab alone; the next run loads the days it missed', () => {
    const project = s.rt.bigquery.projects.get(PROJECT)!;
    project.apiEnabled = false;
    s.rt.advance(DAY);
    const failed = card(s, ids[FOLLOWERS][BAKERY]);
    expect(failed.lastRun?.status).toMatch(/ok|partial/);
    expect(failed.bigqueryStatus).toMatchObject({ state: 'failed', text: expect.stringContaining('turned off') });
    const tab = followersInTab(s, BAKERY);
    expect(followersInBigQuery(s, BAKERY).size).toBe(tab.size - 1);
    project.apiEnabled = true;
    s.rt.advance(DAY);
    expect(followersInBigQuery(s, BAKERY)).toEqual(followersInTab(s, BAKERY));
    expect(card(s, ids[FOLLOWERS][BAKERY]).bigqueryStatus?.state).toBe('ok');
    expect(duplicates(s, 'user_information', 'account_id, snapshot_date')).toBe(0);
  });

  it('a sandbox project (no DML) gets the same rows, a day\'s partition at a time', () => {
    const id = save(s, 'user_information', CREATOR, 'Followers (sandbox)', 'append', SANDBOX).id;
    expect(runNow(s, id).status).toMatch(/ok|partial/);
    const tab = followersInTab(s, CREATOR, 'Followers (sandbox)');
    expect(tab.size).toBe(31);
    expect(followersInBigQuery(s, CREATOR, `${SANDBOX}.sheetgram`)).toEqual(tab);
    expect(card(s, id).bigqueryStatus?.text).toContain('sandbox');
    // Again the same day: the day's partition is rewritten, not added to.
    expect(runNow(s, id).status).toMatch(/ok|partial/);
    expect(followersInBigQuery(s, CREATOR, `${SANDBOX}.sheetgram`)).toEqual(tab);
    expect(duplicates(s, 'user_information', 'account_id, snapshot_date', `${SANDBOX}.sheetgram`)).toBe(0);
  });

  it('a repair of the tab reaches BigQuery at the next hourly run, not a day later', () => {
    // Hours after the day's run, the latest posts have grown: the repair reads them again.
    s.rt.advance(2 * HOUR);
    const id = ids[POSTS][CREATOR];
    const form = (s.rt.call('getSidebarState') as { configurations: { id: string; repair?: { latest: string } }[] }).configurations.find((c) => c.id === id)!.repair!;
    const from = new Date(Date.parse(`${form.latest}T00:00:00Z`) - 3 * DAY).toISOString().slice(0, 10);
    const bakery = bq(s, `SELECT COUNT(*) AS n FROM \`${PROJECT}.sheetgram.media_insights\` WHERE account_id = '${BAKERY}'`)[0].n;
    const repaired = s.rt.call('startRepair', [{ configurationId: id, from, to: form.latest }]) as { status: string; message: string };
    expect(repaired.status).toMatch(/ok|partial/);
    const latest = () => new Map(bq(s, `SELECT id, likes FROM \`${PROJECT}.sheetgram.media_insights_latest\` WHERE account_id = '${CREATOR}'`)
      .map((r) => [String(r.id), String(r.likes ?? '')]));
    expect(latest()).not.toEqual(postsInTab(s, CREATOR));
    s.rt.advance(HOUR);
    expect(latest()).toEqual(postsInTab(s, CREATOR));
    expect(card(s, id).bigqueryStatus?.state).toBe('ok');
    expect(duplicates(s, 'media_insights', 'account_id, id, snapshot_date')).toBe(0);
    expect(bq(s, `SELECT COUNT(*) AS n FROM \`${PROJECT}.sheetgram.media_insights\` WHERE account_id = '${BAKERY}'`)[0].n).toBe(bakery);
  });

  it('a second report of the same account into the same table loads nothing, and says which report loads it', () => {
    const before = followersInBigQuery(s, CREATOR);
    const second = save(s, 'user_information', CREATOR, 'Followers 2', 'append').id;
    expect(runNow(s, second).status).toMatch(/ok|partial/);
    expect(table(s, 'Followers 2').rows.length).toBeGreaterThan(0);
    const status = card(s, second).bigqueryStatus!;
    expect(status.state).toBe('failed');
    expect(status.text).toContain(`already goes to ${PROJECT}.sheetgram.user_information from the report in this spreadsheet's tab "Followers"`);
    expect(followersInBigQuery(s, CREATOR)).toEqual(before);
    expect(bq(s, `SELECT COUNT(DISTINCT loaded_by) AS n FROM \`${PROJECT}.sheetgram.user_information\` WHERE account_id = '${CREATOR}'`)[0].n).toBe(1);
    expect(duplicates(s, 'user_information', 'account_id, snapshot_date')).toBe(0);

    // The person turns BigQuery off for the first report, as the card says: the second loads at once.
    const report = (s.rt.call('getSidebarState') as { reports: { id: string; fields: { id: string; default: boolean }[] }[] }).reports.find((r) => r.id === 'user_information')!;
    s.rt.call('saveConfiguration', [{
      id: ids[FOLLOWERS][CREATOR], accountId: CREATOR, reportId: 'user_information', fields: report.fields.filter((f) => f.default).map((f) => f.id),
      tabName: FOLLOWERS, mode: 'append', schedule: { kind: 'daily', hour: 6 }, destination: 'sheet',
    }]);
    expect(runNow(s, second).status).toMatch(/ok|partial/);
    expect(card(s, second).bigqueryStatus?.state).toBe('ok');
    expect(followersInBigQuery(s, CREATOR)).toEqual(new Map([...before, ...followersInTab(s, CREATOR, 'Followers 2')]));
    expect(duplicates(s, 'user_information', 'account_id, snapshot_date')).toBe(0);
  });
});

describe('a person who left BigQuery unticked', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await stackWithBothAccounts({
      users: [{ email: OWNER, withheldScopes: ['https://www.googleapis.com/auth/bigquery'] }],
      runtime: { bigquery: { projects: [{ projectId: PROJECT }] } },
    });
  }, 120_000);
  afterAll(async () => {
    await s?.close();
  });

  it('is asked for it only when choosing BigQuery, and loads once allowed', () => {
    const plain = s.rt.call('saveConfiguration', [{ accountId: CREATOR, reportId: 'user_information', fields: ['followers_count'], tabName: 'Plain', mode: 'append', schedule: { kind: 'off' } }]) as Card;
    expect(runNow(s, plain.id).status).toMatch(/ok|partial/);
    const asked = check(s, PROJECT);
    expect(asked).toMatchObject({ ok: false, consentUrl: expect.stringMatching(/^https:\/\//) });
    const id = save(s, 'user_information', CREATOR, FOLLOWERS, 'append').id;
    expect(runNow(s, id).status).toMatch(/ok|partial/);
    expect(table(s, FOLLOWERS).rows.length).toBeGreaterThan(0);
    expect(card(s, id).bigqueryStatus).toMatchObject({ state: 'failed', text: expect.stringContaining('not allowed') });
    s.rt.grantScopes(OWNER);
    expect(check(s, PROJECT).ok).toBe(true);
    s.rt.advance(HOUR);
    runNow(s, id);
    expect(followersInBigQuery(s, CREATOR)).toEqual(followersInTab(s, CREATOR));
  });
});
