// A repair over fakes: it rewrites one account's rows of its days and nothing else (the other account's
// rows, rows outside the days, the person's notes), adds what was deleted, never duplicates, changes
// nothing when run again, resumes across executions, pauses on a rate limit, keeps what Instagram no
// longer gives, and is cancelled with a clear message when its report or tab is gone.
import { describe, expect, it } from 'vitest';
import { addDays, calendarDateIn, isoDate, midnightIn, PACIFIC, parseIsoDate } from '../../../src/core/reports/dates';
import { runDueRepairs } from '../../../src/core/repair/dispatch';
import { runRepair } from '../../../src/core/repair/run';
import { askRepair } from '../../../src/core/repair/start';
import type { CellValue } from '../../../src/core/tabs/tab-port';
import { dispatch } from '../../../src/core/schedule/dispatch';
import { graphError } from '../run/fake-graph';
import { A, B, DAY, HOUR, OWNER, START, truth, world, type World } from './world';

const TAB = 'Account Insights';
const ZONE = 'Europe/Lisbon';
const yesterday = (at: number) => addDays(calendarDateIn(at, PACIFIC), -1);
const dayBack = (at: number, n: number) => isoDate(addDays(yesterday(at), -n));
const iso = (v: CellValue) => (v instanceof Date ? isoDate(calendarDateIn(v.getTime(), ZONE)) : String(v));

/** Both accounts' Account Insights in one tab, after a first run each (30 days). */
function sharedTab() {
  const w = world();
  const configA = w.save('account_insights', A, TAB);
  const configB = w.save('account_insights', B, TAB);
  expect(w.run(configA).summary.status).toBe('ok');
  expect(w.run(configB).summary.status).toBe('ok');
  return { w, configA, configB };
}

/** The account's rows by date: header -> value. */
function rowsOf(w: World, account: string): Map<string, Record<string, CellValue>> {
  const t = w.table(TAB);
  const out = new Map<string, Record<string, CellValue>>();
  for (const row of t.rows.filter((r) => r[t.at('Account ID')] === account)) {
    const day = iso(row[t.at('Date')]);
    expect(out.has(day), `one row for ${account} ${day}`).toBe(false);
    out.set(day, Object.fromEntries(t.header.map((h, i) => [h, row[i]])));
  }
  return out;
}

function cell(w: World, row: number, header: string, value: CellValue): void {
  const t = w.table(TAB);
  let col = t.at(header);
  if (col < 0) {
    col = t.header.length;
    w.tabs.sheet(TAB).cells[0][col] = header;
  }
  w.tabs.sheet(TAB).cells[row - 1][col] = value;
}

/** The 1-based row of an account's day. */
function rowNumber(w: World, account: string, day: string): number {
  const t = w.table(TAB);
  return t.rows.findIndex((r) => r[t.at('Account ID')] === account && iso(r[t.at('Date')]) === day) + 2;
}

function ask(w: World, configId: string, from: string, to: string) {
  return askRepair({ config: w.configs.get(configId), account: w.accounts.get(w.configs.get(configId)!.accountId), input: { from, to }, owner: OWNER, now: w.clock.ms, timeZone: ZONE }, w.repairs);
}

describe('repairing Account Insights in a tab two accounts share', () => {
  it("rewrites A's rows of those days from Instagram, adds the deleted ones, and leaves B, other days and notes alone", () => {
    const { w, configA } = sharedTab();
    const from = dayBack(START, 20);
    const to = dayBack(START, 5);
    const bBefore = JSON.stringify([...rowsOf(w, B)]);
    // The person deletes three of A's days, spoils a Reach, writes a note, and spoils a day outside the range.
    for (const day of [dayBack(START, 6), dayBack(START, 10), dayBack(START, 11)]) w.tabs.deleteRows({ sheetId: w.tabs.sheet(TAB).sheetId, name: TAB }, rowNumber(w, A, day), 1);
    cell(w, rowNumber(w, A, dayBack(START, 15)), 'Reach', 'oops');
    cell(w, rowNumber(w, A, dayBack(START, 15)), 'Notes', 'campaign launch');
    cell(w, rowNumber(w, A, dayBack(START, 25)), 'Reach', 'outside');

    const job = ask(w, configA.id, from, to);
    const out = runRepair(job, w.env, w.repairs, { deadline: w.clock.ms + 5 * 60_000 });
    expect(out.finished).toBe(true);
    expect(out.summary).toMatchObject({ status: 'ok', rowsAdded: 3, rowsUpdated: 13 });
    expect(out.entry).toMatchObject({ trigger: 'repair', account: '@sunny.creates', tab: TAB, report: 'Account Insights' });
    expect(out.summary.message).toMatch(/^Re-read \d+ \w+ – \d+ \w+ 2026: 13 rows refreshed, 3 added\.$|^Re-read \d+–\d+ \w+ 2026: 13 rows refreshed, 3 added\.$/);

    const a = rowsOf(w, A);
    expect(a.size).toBe(30);
    for (let n = 5; n <= 20; n++) {
      const day = dayBack(START, n);
      expect(a.get(day)!.Reach, day).toBe(truth(A, 'reach', day));
      expect(a.get(day)!.Likes, day).toBe(truth(A, 'likes', day));
      expect(a.get(day)!.Provisional).toBe(false);
    }
    expect(a.get(dayBack(START, 15))!.Notes).toBe('campaign launch');
    expect(a.get(dayBack(START, 25))!.Reach).toBe('outside');
    expect(JSON.stringify([...rowsOf(w, B)])).toBe(bBefore);
    // The report itself is unchanged: its state, status and schedule are its own.
    expect(w.configs.get(configA.id)!.state).toEqual(w.configs.get(configA.id)!.state);
    expect(w.repairs.job(configA.id)).toBeNull();
    expect(w.repairs.all().results.get(configA.id)?.summary.status).toBe('ok');

    // The same repair again changes nothing.
    const before = JSON.stringify(w.tabs.values(TAB));
    const again = runRepair(ask(w, configA.id, from, to), w.env, w.repairs, { deadline: w.clock.ms + 5 * 60_000 });
    expect(again.summary).toMatchObject({ status: 'ok', rowsAdded: 0, rowsUpdated: 16 });
    expect(JSON.stringify(w.tabs.values(TAB))).toBe(before);
  });

  it('resumes across executions when the time limit cuts it, without losing or doubling a row', () => {
    const { w, configA } = sharedTab();
    for (const g of Object.values(w.graphs)) g.msPerCall = 10_000;
    const rows = w.tabs.values(TAB).length;
    w.tabs.deleteRows({ sheetId: w.tabs.sheet(TAB).sheetId, name: TAB }, rowNumber(w, A, dayBack(START, 3)), 1);
    const job = ask(w, configA.id, dayBack(START, 27), dayBack(START, 0));
    let executions = 0;
    let out;
    do {
      executions++;
      out = runRepair(w.repairs.job(configA.id) ?? job, w.env, w.repairs, { deadline: w.clock.ms + 5 * 60_000 });
      if (!out.finished) {
        expect(out.summary.status).toBe('continues');
        expect(out.summary.message).toMatch(/so far; continues at the next hourly run\.$/);
        expect(w.repairs.job(configA.id)?.lastRun?.status).toBe('continues');
        w.clock.ms += HOUR;
      }
    } while (!out.finished && executions < 10);
    expect(executions).toBeGreaterThanOrEqual(3);
    expect(out.summary.status).toBe('ok');
    expect(w.tabs.values(TAB).length).toBe(rows);
    const a = rowsOf(w, A);
    for (let n = 0; n <= 27; n++) expect(a.get(dayBack(START, n))!.Reach).toBe(truth(A, 'reach', dayBack(START, n)));
    // The checkpoint went with the job.
    expect([...w.document.data.keys()].filter((k) => k.includes('repair'))).toEqual([`sheetgram.repaired.${configA.id}`]);
  });

  it('keeps what Instagram no longer gives: days it has nothing for, and new followers after 30 days', () => {
    const { w, configA } = sharedTab();
    w.clock.ms += 10 * DAY;
    const oldest = dayBack(START, 29);
    const kept = rowsOf(w, A).get(oldest)!['New followers'];
    expect(typeof kept).toBe('number');
    cell(w, rowNumber(w, A, oldest), 'Reach', 'spoilt');
    cell(w, rowNumber(w, A, dayBack(START, 28)), 'Likes', 'also spoilt');
    // Instagram keeps nothing before START's 28 days back any more.
    w.graphs[A].keepsFrom = dayBack(START, 28);
    const out = runRepair(ask(w, configA.id, oldest, dayBack(START, 20)), w.env, w.repairs, { deadline: w.clock.ms + 5 * 60_000 });
    expect(out.summary.status).toBe('ok');
    expect(out.summary.message).toContain('Instagram gave nothing for 1 day');
    expect(out.summary.message).toContain('older days keep the New followers your tab holds');
    const a = rowsOf(w, A);
    expect(a.get(oldest)!.Reach).toBe('spoilt');
    expect(a.get(oldest)!['New followers']).toBe(kept);
    expect(a.get(dayBack(START, 28))!.Likes).toBe(truth(A, 'likes', dayBack(START, 28)));
    expect(a.get(dayBack(START, 28))!['New followers']).toBe(truth(A, 'follower_count', dayBack(START, 28)));
  });
});

describe('a repair that cannot go on', () => {
  it('is cancelled when its report was deleted, and says so in the log', () => {
    const { w, configA } = sharedTab();
    const job = ask(w, configA.id, dayBack(START, 5), dayBack(START, 1));
    w.configs.remove(configA.id);
    const out = runRepair(job, w.env, w.repairs, { deadline: w.clock.ms + 5 * 60_000 });
    expect(out).toMatchObject({ finished: true, summary: { status: 'failed', callsUsed: 0 } });
    expect(out.summary.message).toMatch(/^Repair of \d+–\d+ \w+ 2026 cancelled: the report was deleted, so nothing was written\.$/);
    expect(w.repairs.all()).toEqual({ jobs: [], results: new Map() });
  });

  it('is cancelled when its tab was deleted, without making the tab again', () => {
    const { w, configA } = sharedTab();
    const job = ask(w, configA.id, dayBack(START, 5), dayBack(START, 1));
    w.tabs.deleteTab({ sheetId: w.tabs.sheet(TAB).sheetId, name: TAB });
    const out = runRepair(job, w.env, w.repairs, { deadline: w.clock.ms + 5 * 60_000 });
    expect(out.summary.message).toContain(`cancelled: the tab "${TAB}" was deleted. Run the report to make it again`);
    expect(w.tabs.sheets.some((s) => s.name === TAB)).toBe(false);
    expect(w.repairs.all().results.get(configA.id)?.summary.status).toBe('failed');
  });

  it('pauses on Instagram\'s rate limit like any run, and the hourly run goes on once it is over', () => {
    const { w, configA } = sharedTab();
    const job = ask(w, configA.id, dayBack(START, 5), dayBack(START, 1));
    w.graphs[A].failWith = () => { throw graphError('rate_limit', 'Application request limit reached', 4); };
    const out = runRepair(job, w.env, w.repairs, { deadline: w.clock.ms + 5 * 60_000 });
    expect(out).toMatchObject({ finished: false, accountPaused: true, summary: { status: 'continues' } });
    expect(out.summary.message).toMatch(/paused: Instagram's request limit for this account was reached; continues at/);
    const resumeAt = w.repairs.job(configA.id)!.resumeAt!;
    expect(resumeAt).toBeGreaterThan(w.clock.ms);
    w.graphs[A].failWith = null;
    // Before then the hourly run leaves it; after, it finishes it.
    expect(runDueRepairs(w.env, w.repairs, w.clock.ms + 5 * 60_000, new Set()).entries).toEqual([]);
    w.clock.ms = resumeAt;
    const [line] = runDueRepairs(w.env, w.repairs, w.clock.ms + 5 * 60_000, new Set()).entries;
    expect(line).toMatchObject({ trigger: 'repair', status: 'ok', rowsUpdated: 5 });
    expect(w.repairs.job(configA.id)).toBeNull();
  });

  it('is refused beyond what Instagram keeps, for a report that appends, and while another repair of it goes on', () => {
    const { w, configA } = sharedTab();
    expect(() => ask(w, configA.id, '2020-01-01', dayBack(START, 1))).toThrow(/keeps account insights for 2 years at most/);
    ask(w, configA.id, dayBack(START, 5), dayBack(START, 1));
    expect(() => ask(w, configA.id, dayBack(START, 3), dayBack(START, 1))).toThrow(/is still going: wait until it is done, or cancel it first/);
    const appended = w.save('account_insights', B, 'Appended', 'append');
    expect(() => ask(w, appended.id, dayBack(START, 3), dayBack(START, 1))).toThrow(/adds a row per run \(Append\)/);
  });
});

describe('posts', () => {
  it('re-reads the posts published on those days and their insights, and nothing else', () => {
    const w = world();
    const config = w.save('media_insights', A, 'Media Insights');
    expect(w.run(config).summary.status).toBe('ok');
    const t = () => w.table('Media Insights');
    const byId = () => new Map(t().rows.map((r) => [String(r[t().at('Media ID')]), r]));
    const all = byId();
    const time = (id: string) => (all.get(id)![t().at('Posted at')] as Date).getTime();
    const ids = [...all.keys()];
    const from = isoDate(calendarDateIn(START - 10 * DAY, ZONE));
    const to = isoDate(calendarDateIn(START - 5 * DAY, ZONE));
    const inRange = ids.filter((id) => { const d = isoDate(calendarDateIn(time(id), ZONE)); return d >= from && d <= to; });
    const outside = ids.find((id) => !inRange.includes(id))!;
    const sheet = w.tabs.sheet('Media Insights');
    const reachCol = t().at('Reach');
    const rowOf = (id: string) => t().rows.findIndex((r) => String(r[t().at('Media ID')]) === id) + 1;
    sheet.cells[rowOf(inRange[0])][reachCol] = 'spoilt';
    sheet.cells[rowOf(outside)][reachCol] = 'outside';
    w.tabs.deleteRows({ sheetId: sheet.sheetId, name: 'Media Insights' }, rowOf(inRange[1]) + 1, 1);
    const listed: Record<string, string>[] = [];
    const page = w.graphs[A].page.bind(w.graphs[A]);
    w.graphs[A].page = (path, params = {}, at) => { listed.push(params); return page(path, params, at); };
    const out = runRepair(ask(w, config.id, from, to), w.env, w.repairs, { deadline: w.clock.ms + 5 * 60_000 });
    expect(out.summary).toMatchObject({ status: 'ok', rowsAdded: 1, rowsUpdated: inRange.length - 1 });
    // Only the days' posts were listed (the edge's since/until: midnights in the spreadsheet's zone), in one page.
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ since: String(midnightIn(parseIsoDate(from)!, ZONE) / 1000), until: String(midnightIn(addDays(parseIsoDate(to)!, 1), ZONE) / 1000 - 1) });
    const after = byId();
    expect(after.size).toBe(ids.length);
    expect(after.get(inRange[0])![reachCol]).toBe(all.get(inRange[0])![reachCol]);
    expect(after.get(inRange[1])![reachCol]).toBe(all.get(inRange[1])![reachCol]);
    expect(after.get(outside)![reachCol]).toBe('outside');
  });
});

describe('the hourly dispatcher', () => {
  it('runs a repair after the scheduled reports and keeps the trigger while one is under way', () => {
    const { w, configA } = sharedTab();
    ask(w, configA.id, dayBack(START, 5), dayBack(START, 1));
    const env = {
      ...w.env, repairs: w.repairs, maintenance: { transport: { send: () => { throw new Error('no network'); }, sendAll: () => [] }, hosts: {} as never },
      mail: () => undefined, spreadsheetName: 'Plan',
    };
    for (const c of w.configs.list()) w.configs.save({ ...c, schedule: { kind: 'off' } });
    const report = dispatch(env, w.clock.ms + 5 * 60_000);
    expect(report.hasSchedules).toBe(true);
    expect(report.entries.map((e) => [e.trigger, e.status])).toEqual([['repair', 'ok']]);
    expect(dispatch(env, w.clock.ms + 5 * 60_000).hasSchedules).toBe(false);
    // Its report deleted, the result it left for the card goes at the next hourly run.
    expect(w.repairs.all().results.has(configA.id)).toBe(true);
    w.configs.remove(configA.id);
    dispatch(env, w.clock.ms + 5 * 60_000);
    expect(w.repairs.all().results.size).toBe(0);
  });
});
