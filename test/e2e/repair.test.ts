// Fill or repair history, end to end: the real bundle in the local Apps Script runtime against the
// Instagram simulator over HTTP. Two accounts share an Account Insights tab and a Media Insights tab with
// a month of history; the person deletes and spoils some of @sunny.creates' rows and writes a note; a
// repair for @sunny.creates over some days makes those days equal what Instagram holds (the same report
// read afresh into a tab of its own), leaves @harbor.bakery's rows, other days and the note alone, adds
// no duplicate, and changes nothing when run again. A repair too long for one execution continues at
// the hourly runs; a range beyond what Instagram keeps is refused at the field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../local/platform/stack';
import { BAKERY, CREATOR, HOUR, columnLetter, columnsUpTo, refusal, stackWithBothAccounts, table } from './support';

type Cell = string | number | boolean | Date;
interface RepairView { reads: string; earliest: string | null; latest: string; from: string; to: string; keeps: string; pending?: { text: string }; last?: { text: string; status: string } }
interface ConfigView { id: string; accountId: string; reportId: string; tabName: string; repair?: RepairView }

const ZONE = 'Europe/Lisbon';
const AI = 'Account Insights';
const MI = 'Media Insights';

const isoIn = (d: Date, zone = ZONE) => new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
const shift = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const text = (v: Cell) => (v instanceof Date ? v.toISOString() : String(v));

function save(s: Stack, reportId: string, accountId: string, tabName: string): ConfigView {
  const report = (s.rt.call('getSidebarState') as { reports: { id: string; fields: { id: string; default: boolean }[] }[] }).reports.find((r) => r.id === reportId)!;
  return s.rt.call('saveConfiguration', [{ accountId, reportId, fields: report.fields.filter((f) => f.default).map((f) => f.id), tabName, mode: 'update', schedule: { kind: 'off' } }]) as ConfigView;
}
const runNow = (s: Stack, id: string) => s.rt.call('runConfigurationNow', [id]) as { status: string };
const view = (s: Stack, id: string) => (s.rt.call('getSidebarState') as { configurations: ConfigView[] }).configurations.find((c) => c.id === id)!;
const repair = (s: Stack, configurationId: string, from: string, to: string) => s.rt.call('startRepair', [{ configurationId, from, to }]) as { message: string; status: string };

/** An account's rows by key (day or media id): Sheetgram's columns as text, in header order. */
function rowsOf(s: Stack, tab: string, accountId: string, keyHeader: string, keyOf: (v: Cell) => string, headers?: string[]): Map<string, string[]> {
  const t = table(s, tab);
  const wanted = headers ?? t.header.filter((h) => h !== 'Notes');
  const out = new Map<string, string[]>();
  for (const row of t.rows.filter((r) => r[t.at('Account ID')] === accountId)) {
    const key = keyOf(row[t.at(keyHeader)]);
    expect(out.has(key), `no duplicate ${key}`).toBe(false);
    out.set(key, wanted.map((h) => text(row[t.at(h)])));
  }
  return out;
}
const dayKey = (v: Cell) => isoIn(v as Date);
const idKey = (v: Cell) => String(v);

/** The sheet row (1-based) of an account's key. */
function rowOf(s: Stack, tab: string, accountId: string, keyHeader: string, keyOf: (v: Cell) => string, key: string): number {
  const t = table(s, tab);
  const i = t.rows.findIndex((r) => r[t.at('Account ID')] === accountId && keyOf(r[t.at(keyHeader)]) === key);
  expect(i, `${accountId} ${key} in ${tab}`).toBeGreaterThanOrEqual(0);
  return i + 2;
}

describe('filling and repairing history of two accounts sharing tabs', () => {
  let s: Stack;
  const ids: Record<string, Record<string, string>> = { [AI]: {}, [MI]: {} };
  beforeAll(async () => {
    s = await stackWithBothAccounts();
    for (const account of [CREATOR, BAKERY]) {
      ids[AI][account] = save(s, 'account_insights', account, AI).id;
      ids[MI][account] = save(s, 'media_insights', account, MI).id;
      for (const tab of [AI, MI]) expect(runNow(s, ids[tab][account]).status).toMatch(/ok|partial/);
    }
  }, 120_000);
  afterAll(async () => {
    await s?.close();
  });

  it('offers the form on both reports with the last 30 days and what Instagram keeps', () => {
    const ai = view(s, ids[AI][CREATOR]).repair!;
    expect(ai).toMatchObject({ reads: 'days', to: ai.latest, from: shift(ai.latest, -29), earliest: shift(ai.latest, -729) });
    expect(ai.keeps).toContain('new followers for 30 days');
    expect(view(s, ids[MI][CREATOR]).repair).toMatchObject({ reads: 'posts' });
    // A month of history: 30 days of each account in the shared tab.
    expect(rowsOf(s, AI, CREATOR, 'Date', dayKey).size).toBe(30);
    expect(rowsOf(s, AI, BAKERY, 'Date', dayKey).size).toBe(30);
  });

  it('Account Insights: the days of @sunny.creates equal Instagram again; @harbor.bakery, other days and notes are untouched', () => {
    const latest = view(s, ids[AI][CREATOR]).repair!.latest;
    const from = shift(latest, -20);
    const to = shift(latest, -5);
    const bakeryBefore = rowsOf(s, AI, BAKERY, 'Date', dayKey);
    const outside = shift(latest, -25);
    const outsideBefore = rowsOf(s, AI, CREATOR, 'Date', dayKey).get(outside)!;
    // The person deletes three of @sunny.creates' days, spoils a figure, notes a day, and spoils a day outside the range.
    for (const day of [shift(latest, -6), shift(latest, -12), shift(latest, -13)]) s.rt.workbook.deleteRows(AI, rowOf(s, AI, CREATOR, 'Date', dayKey, day));
    const t = table(s, AI);
    const reach = columnLetter(t.at('Reach') + 1);
    s.rt.workbook.typeInto(AI, `${reach}${rowOf(s, AI, CREATOR, 'Date', dayKey, shift(latest, -8))}`, '999999');
    s.rt.workbook.typeInto(AI, `${reach}${rowOf(s, AI, CREATOR, 'Date', dayKey, outside)}`, '-1');
    const notes = t.header.length + 1;
    columnsUpTo(s, AI, notes);
    s.rt.workbook.typeInto(AI, `${columnLetter(notes)}1`, 'Notes');
    s.rt.workbook.typeInto(AI, `${columnLetter(notes)}${rowOf(s, AI, CREATOR, 'Date', dayKey, shift(latest, -8))}`, 'launch day');
    expect(rowsOf(s, AI, CREATOR, 'Date', dayKey).size).toBe(27);

    const result = repair(s, ids[AI][CREATOR], from, to);
    expect(result.status).toBe('ok');
    expect(result.message).toMatch(/^Re-read .*: 13 rows refreshed, 3 added\./);

    // What Instagram holds for those days: the same report for @sunny.creates alone, read afresh.
    const truthId = save(s, 'account_insights', CREATOR, 'Truth AI').id;
    expect(runNow(s, truthId).status).toMatch(/ok|partial/);
    const truth = rowsOf(s, 'Truth AI', CREATOR, 'Date', dayKey, table(s, 'Truth AI').header);
    const after = rowsOf(s, AI, CREATOR, 'Date', dayKey, table(s, 'Truth AI').header);
    expect(after.size).toBe(30);
    for (let d = from; d <= to; d = shift(d, 1)) expect(after.get(d), d).toEqual(truth.get(d));
    expect(rowsOf(s, AI, CREATOR, 'Date', dayKey).get(outside)![table(s, AI).at('Reach')]).toBe('-1');
    expect(outsideBefore).not.toEqual(rowsOf(s, AI, CREATOR, 'Date', dayKey).get(outside));
    expect(rowsOf(s, AI, BAKERY, 'Date', dayKey)).toEqual(bakeryBefore);
    const noteRow = table(s, AI).rows.find((r) => r[table(s, AI).at('Notes')] === 'launch day')!;
    expect(dayKey(noteRow[table(s, AI).at('Date')])).toBe(shift(latest, -8));
    expect(noteRow[table(s, AI).at('Account ID')]).toBe(CREATOR);

    // Logged as a repair; the card says how it went.
    const log = table(s, 'Sheetgram log');
    expect(log.rows.some((r) => r[log.at('Started by')] === 'repair' && r[log.at('Account')] === '@sunny.creates' && r[log.at('Tab')] === AI)).toBe(true);
    expect(view(s, ids[AI][CREATOR]).repair!.last).toMatchObject({ status: 'ok', text: result.message });

    // The same repair again changes nothing.
    const before = JSON.stringify(s.rt.workbook.values(AI));
    expect(repair(s, ids[AI][CREATOR], from, to).message).toMatch(/16 rows refreshed, 0 added/);
    expect(JSON.stringify(s.rt.workbook.values(AI))).toBe(before);
  });

  it('Media Insights: the posts @sunny.creates published on those days are read again with their insights, the rest stay', () => {
    const latest = view(s, ids[MI][CREATOR]).repair!.latest;
    const from = shift(latest, -40);
    const to = shift(latest, -10);
    const t = table(s, MI);
    const postedOn = (r: Cell[]) => isoIn(r[t.at('Posted at')] as Date);
    const mine = t.rows.filter((r) => r[t.at('Account ID')] === CREATOR);
    const inRange = mine.filter((r) => postedOn(r) >= from && postedOn(r) <= to).map((r) => String(r[t.at('Media ID')]));
    const outside = mine.map((r) => String(r[t.at('Media ID')])).find((id) => !inRange.includes(id))!;
    expect(inRange.length).toBeGreaterThan(3);
    const bakeryBefore = rowsOf(s, MI, BAKERY, 'Media ID', idKey);
    const views = columnLetter(t.at('Views') + 1);
    s.rt.workbook.typeInto(MI, `${views}${rowOf(s, MI, CREATOR, 'Media ID', idKey, inRange[0])}`, '0');
    s.rt.workbook.typeInto(MI, `${views}${rowOf(s, MI, CREATOR, 'Media ID', idKey, outside)}`, '-5');
    s.rt.workbook.deleteRows(MI, rowOf(s, MI, CREATOR, 'Media ID', idKey, inRange[1]));

    const result = repair(s, ids[MI][CREATOR], from, to);
    expect(result.status).toMatch(/ok|partial/);
    expect(result.message).toContain(`${inRange.length - 1} rows refreshed, 1 added`);

    const truthId = save(s, 'media_insights', CREATOR, 'Truth MI').id;
    expect(runNow(s, truthId).status).toMatch(/ok|partial/);
    const headers = table(s, 'Truth MI').header;
    const truth = rowsOf(s, 'Truth MI', CREATOR, 'Media ID', idKey, headers);
    const after = rowsOf(s, MI, CREATOR, 'Media ID', idKey, headers);
    expect(after.size).toBe(mine.length);
    for (const id of inRange) expect(after.get(id), id).toEqual(truth.get(id));
    expect(after.get(outside)![headers.indexOf('Views')]).toBe('-5');
    expect(rowsOf(s, MI, BAKERY, 'Media ID', idKey)).toEqual(bakeryBefore);
  });

  it('refuses a range beyond what Instagram keeps, at the field, and starts nothing', () => {
    const latest = view(s, ids[AI][CREATOR]).repair!.latest;
    const message = refusal(() => repair(s, ids[AI][CREATOR], shift(latest, -800), shift(latest, -700)));
    expect(message).toMatch(/^\[sheetgram:invalid_input\] \[field:from\] Instagram keeps account insights for 2 years at most, so it has nothing before .*: choose .* or later\.$/);
    expect(refusal(() => repair(s, ids[AI][CREATOR], shift(latest, -3), shift(latest, 1)))).toMatch(/\[field:to\] Instagram completes a day's insights after midnight/);
    expect(view(s, ids[AI][CREATOR]).repair!.pending).toBeUndefined();
  });
});

describe('a repair longer than one execution', () => {
  let s: Stack;
  afterAll(async () => {
    await s?.close();
  });

  it('stops before the time limit, continues at the hourly runs, and ends with every day once', async () => {
    // Every round trip to Instagram takes 40 virtual seconds: a week of days fills most of an execution.
    s = await stackWithBothAccounts({ latencyMs: 40_000 });
    const id = save(s, 'account_insights', CREATOR, AI).id;
    expect(runNow(s, id).status).toBe('ok');
    const latest = view(s, id).repair!.latest;
    for (const day of [shift(latest, -2), shift(latest, -20)]) s.rt.workbook.deleteRows(AI, rowOf(s, AI, CREATOR, 'Date', dayKey, day));
    const first = repair(s, id, shift(latest, -29), latest);
    expect(first.status).toBe('continues');
    expect(first.message).toMatch(/so far; continues at the next hourly run\.$/);
    expect(view(s, id).repair!.pending!.text).toBe(first.message);
    let hours = 0;
    while (view(s, id).repair!.pending && hours < 8) {
      s.rt.advance(HOUR);
      hours++;
    }
    // Five weeks of days at two a execution: the sidebar's execution and at least two hourly runs.
    expect(hours).toBeGreaterThanOrEqual(2);
    const card = view(s, id).repair!;
    expect(card.pending).toBeUndefined();
    expect(card.last).toMatchObject({ status: 'ok' });
    expect(card.last!.text).toMatch(/: 28 rows refreshed, 2 added\./);
    const rows = rowsOf(s, AI, CREATOR, 'Date', dayKey);
    expect(rows.size).toBe(30);
    const log = table(s, 'Sheetgram log');
    const lines = log.rows.filter((r) => r[log.at('Started by')] === 'repair').map((r) => String(r[log.at('Status')]));
    expect(lines[0]).toBe('continues');
    expect(lines.at(-1)).toBe('ok');
    expect(lines.length).toBeGreaterThanOrEqual(2);

    // Cancelled by the person: nothing more is read, what it wrote stays, the last result stays on the card.
    expect(repair(s, id, shift(latest, -29), latest).status).toBe('continues');
    const kept = JSON.stringify(s.rt.workbook.values(AI));
    expect(s.rt.call('cancelRepair', [id])).toEqual({ message: expect.stringMatching(/^Repair of .* cancelled; the rows it already wrote stay\.$/) });
    s.rt.advance(HOUR);
    expect(view(s, id).repair!.pending).toBeUndefined();
    expect(view(s, id).repair!.last!.text).toBe(card.last!.text);
    expect(JSON.stringify(s.rt.workbook.values(AI))).toBe(kept);

    // Cut off again, then the person deletes the tab: the next hourly run cancels it and says why; no tab comes back.
    expect(repair(s, id, shift(latest, -29), latest).status).toBe('continues');
    s.rt.workbook.removeSheet(s.rt.workbook.sheetNamed(AI)!);
    s.rt.advance(HOUR);
    const cancelled = view(s, id).repair!;
    expect(cancelled.pending).toBeUndefined();
    expect(cancelled.last!.text).toMatch(/cancelled: the tab "Account Insights" was deleted\. Run the report to make it again, then fill or repair its history\.$/);
    expect(s.rt.workbook.sheetNamed(AI)).toBeUndefined();

    // And one whose report is deleted meanwhile: cancelled at the next hourly run, in the log.
    const other = save(s, 'account_insights', BAKERY, 'Bakery AI').id;
    expect(runNow(s, other).status).toBe('ok');
    expect(repair(s, other, shift(latest, -29), latest).status).toBe('continues');
    s.rt.call('deleteConfiguration', [other]);
    s.rt.advance(HOUR);
    const log2 = table(s, 'Sheetgram log');
    expect(String(log2.rows.at(-1)![log2.at('Message')])).toMatch(/^Repair of .* cancelled: the report was deleted, so nothing was written\.$/);
  }, 120_000);
});

