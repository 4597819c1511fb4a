// Post Growth, end to end: the real bundle against the Instagram simulator over HTTP. Two accounts share a
// Media Insights tab run daily for three simulated weeks; after each day the tab's figures are noted.
// The Post Growth tab must then hold, for every post up to the window's last day and every day a run read
// it, one row with exactly the figures Media Insights had that day, at no call of its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../local/platform/stack';
import { BAKERY, CREATOR, DAY, stackWithBothAccounts, table } from './support';

const ZONE = 'America/New_York';
const POSTS = 'Posts';
const GROWTH = 'Post Growth';
const isoIn = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);

const runNow = (s: Stack, id: string) => s.rt.call('runConfigurationNow', [id]) as { status: string; message: string };

/** Metric headers both tabs have (the figures that grow). */
const METRICS = ['Views', 'Reach', 'Likes', 'Comments', 'Saves', 'Shares', 'Total interactions'];

describe('Post Growth from Media Insights over three weeks', () => {
  let s: Stack;
  const ids: string[] = [];
  /** run date -> "account|media" -> the Media Insights figures that day, and the post's posting time. */
  const seen = new Map<string, Map<string, { posted: Date; figures: string[] }>>();

  const note = () => {
    const growth = table(s, GROWTH);
    const runDate = growth.rows.map((r) => isoIn(r[growth.at('Run date')] as Date)).sort().pop()!;
    const posts = table(s, POSTS);
    const day = new Map<string, { posted: Date; figures: string[] }>();
    for (const r of posts.rows) {
      day.set(`${r[posts.at('Account ID')]}|${r[posts.at('Media ID')]}`, { posted: r[posts.at('Posted at')] as Date, figures: METRICS.map((m) => String(r[posts.at(m)] ?? '')) });
    }
    seen.set(runDate, day);
  };

  beforeAll(async () => {
    s = await stackWithBothAccounts({ timeZone: ZONE });
    const report = (s.rt.call('getSidebarState') as { reports: { id: string; fields: { id: string; default: boolean }[] }[] }).reports.find((r) => r.id === 'media_insights')!;
    for (const accountId of [CREATOR, BAKERY]) {
      ids.push((s.rt.call('saveConfiguration', [{
        accountId, reportId: 'media_insights', fields: report.fields.filter((f) => f.default).map((f) => f.id), tabName: POSTS, mode: 'update',
        schedule: { kind: 'daily', hour: 6 }, settings: { postGrowthDays: '14' },
      }]) as { id: string }).id);
    }
    for (const id of ids) expect(runNow(s, id).status).toMatch(/ok|partial/);
    note();
    for (let day = 1; day <= 21; day++) {
      s.rt.advance(DAY);
      note();
    }
  }, 900_000);
  afterAll(async () => {
    await s?.close();
  });

  it('every Post Growth row holds exactly the figures Media Insights had that day', () => {
    const growth = table(s, GROWTH);
    expect(growth.rows.length).toBeGreaterThan(20);
    for (const r of growth.rows) {
      const runDate = isoIn(r[growth.at('Run date')] as Date);
      const key = `${r[growth.at('Account ID')]}|${r[growth.at('Media ID')]}`;
      const then = seen.get(runDate)?.get(key);
      expect(then, `${key} on ${runDate}`).toBeDefined();
      expect(METRICS.map((m) => String(r[growth.at(m)] ?? '')), `${key} on ${runDate}`).toEqual(then!.figures);
      const age = Math.round((Date.parse(`${runDate}T00:00:00Z`) - Date.parse(`${isoIn(then!.posted)}T00:00:00Z`)) / DAY);
      expect(r[growth.at('Days since posting')]).toBe(age);
    }
  });

  it('every post from its day of posting to 14 days after has a row for every day a run read it, once', () => {
    const growth = table(s, GROWTH);
    const rows = new Map<string, number>();
    for (const r of growth.rows) {
      const k = `${r[growth.at('Account ID')]}|${r[growth.at('Media ID')]}|${r[growth.at('Days since posting')]}`;
      rows.set(k, (rows.get(k) ?? 0) + 1);
    }
    expect([...rows.values()].every((n) => n === 1)).toBe(true);
    let expected = 0;
    for (const [runDate, day] of seen) {
      for (const [key, { posted }] of day) {
        const age = Math.round((Date.parse(`${runDate}T00:00:00Z`) - Date.parse(`${isoIn(posted)}T00:00:00Z`)) / DAY);
        if (age < 0 || age > 14) continue;
        expected++;
        expect(rows.has(`${key}|${age}`), `${key} day ${age} (${runDate})`).toBe(true);
      }
    }
    expect(expected).toBeGreaterThan(10);
    expect(rows.size).toBe(expected);
    // Both accounts' posts, in the one tab.
    expect(new Set(growth.rows.map((r) => r[growth.at('Account ID')]))).toEqual(new Set([CREATOR, BAKERY]));
  });

  it('shows each post\'s views on day 1, 3 and 7 in Media Insights, equal to its Post Growth row of that day', () => {
    const growth = table(s, GROWTH);
    const viewsOn = new Map(growth.rows.map((r) => [`${r[growth.at('Account ID')]}|${r[growth.at('Media ID')]}|${r[growth.at('Days since posting')]}`, r[growth.at('Views')]]));
    const posts = table(s, POSTS);
    const last = [...seen.keys()].sort().pop()!;
    let filled = 0;
    for (const r of posts.rows) {
      const key = `${r[posts.at('Account ID')]}|${r[posts.at('Media ID')]}`;
      const age = Math.round((Date.parse(`${last}T00:00:00Z`) - Date.parse(`${isoIn(r[posts.at('Posted at')] as Date)}T00:00:00Z`)) / DAY);
      // Posts the last run read again; older ones keep what their last read wrote.
      if (age > 29) continue;
      for (const n of [1, 3, 7]) {
        const expected = n <= age ? viewsOn.get(`${key}|${n}`) ?? '' : '';
        expect(r[posts.at(`Views on day ${n}`)], `${key} day ${n}`).toBe(expected);
        if (expected !== '') filled++;
      }
      // Past the 14 days Post Growth keeps here: never filled.
      expect(r[posts.at('Views on day 30')]).toBe('');
    }
    expect(filled).toBeGreaterThan(10);
  });
});
