// The rebuilt follower history of a first User's Information run: the followers at the end of each of
// Meta's days (which end at midnight Pacific) from today's count and each later day's follows and
// unfollows, labelled with the spreadsheet's date on which the day ended, checked against a forward
// model of the account (a start figure plus each day's net change), in time zones east and west of Meta's.
import { describe, expect, it } from 'vitest';
import { followerHistory, FOLLOWER_SOURCES, NO_HISTORY, OWN_RUN_DATE, rebuildFollowers, type HistoryInput } from '../../../src/core/reports/follower-history';
import type { CalendarDate } from '../../../src/core/reports/dates';
import type { GraphReader, GraphRequest, GraphResult } from '../../../src/core/reports/graph-contract';
import { graphError } from '../run/fake-graph';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const PACIFIC_ZONE = new Intl.DateTimeFormat('en-US', { timeZone: 'America/Los_Angeles', timeZoneName: 'short' });
/**
 * When Meta's day ends: the Los Angeles midnight after it, 07:00 UTC in daylight time (all of July),
 * 08:00 in standard time. Asked half an hour past 07:00 UTC, just after a daylight midnight, before a standard one.
 */
const endOf = (iso: string) => {
  const next = Date.parse(`${iso}T00:00:00Z`) + DAY;
  return next + (/PDT/.test(PACIFIC_ZONE.format(new Date(next + 7.5 * HOUR))) ? 7 : 8) * HOUR;
};
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const date = (text: string): CalendarDate => ({ year: Number(text.slice(0, 4)), month: Number(text.slice(5, 7)), day: Number(text.slice(8, 10)) });
const plus = (text: string, days: number) => iso(Date.parse(`${text}T00:00:00Z`) + days * DAY);

/** An account as Meta sees it: its follows and unfollows per Pacific day, and its followers at any moment. */
class Account {
  /** Pacific days that Meta gives nothing for, or no unfollows for. */
  silentDays = new Set<string>();
  noUnfollows = new Set<string>();
  refuse: 'permission' | null = null;
  /** scale 0: an account whose followers do not move. */
  constructor(private readonly start = 5_000, private readonly scale = 1) {}

  follows(day: string): number {
    return this.scale * (20 + (Number(day.slice(8)) * 7) % 13);
  }
  unfollows(day: string): number {
    return this.scale * ((Number(day.slice(8)) * 5) % 31);
  }
  /** Followers at an instant: the start (on 2026-05-01) plus the net change of every day ended by then. */
  followersAt(ms: number): number {
    let n = this.start;
    for (let d = '2026-05-01'; endOf(d) <= ms; d = plus(d, 1)) n += this.follows(d) - this.unfollows(d);
    return n;
  }
}

/** Meta's account insights for the account, at `now`: follower_count (30 days) and follows_and_unfollows per call. */
class Reader implements GraphReader {
  callsUsed = 0;
  readonly asked: string[] = [];
  constructor(private readonly account: Account, private readonly now: number) {}

  private days(params: Record<string, string>): string[] {
    const since = Number(params.since) * 1000;
    const until = Number(params.until) * 1000;
    const out: string[] = [];
    for (let d = iso(since - DAY); endOf(d) <= Math.min(until, this.now); d = plus(d, 1)) if (endOf(d) > since) out.push(d);
    return out;
  }

  get<T>(path: string, params: Record<string, string> = {}): T {
    this.callsUsed++;
    this.asked.push(`${params.metric} ${params.since}-${params.until}`);
    if (this.account.refuse) throw graphError('permission', 'Instagram refused this request: a permission is missing.', 10);
    expect(params).toMatchObject({ metric: 'follower_count', period: 'day', metric_type: 'time_series' });
    expect(Number(params.until) - Number(params.since)).toBeLessThanOrEqual(30 * 86_400);
    const days = this.days(params).filter((d) => endOf(d) > this.now - 30 * DAY && !this.account.silentDays.has(d));
    const values = days.map((d) => ({ value: this.account.follows(d), end_time: new Date(endOf(d)).toISOString().replace('.000Z', '+0000') }));
    return { data: values.length ? [{ name: 'follower_count', period: 'day', values }] : [] } as T;
  }

  page(): never {
    throw new Error('not used');
  }

  getMany<T>(requests: GraphRequest[]): GraphResult<T>[] {
    return requests.map((r) => {
      this.callsUsed++;
      const params = r.params ?? {};
      this.asked.push(`${params.metric} ${params.since}-${params.until}`);
      expect(params).toMatchObject({ metric: 'follows_and_unfollows', metric_type: 'total_value', breakdown: 'follow_type' });
      const days = this.days(params);
      expect(days).toHaveLength(1);
      const [d] = days;
      if (this.account.silentDays.has(d)) return { ok: true, value: { data: [] } as T };
      if (this.account.noUnfollows.has(d)) return { ok: false, error: graphError('transient', 'An unknown error has occurred.', 1) };
      const results = [{ dimension_values: ['FOLLOWER'], value: this.account.follows(d) }, { dimension_values: ['NON_FOLLOWER'], value: this.account.unfollows(d) }].filter((x) => x.value > 0);
      const total = this.account.follows(d) + this.account.unfollows(d);
      return { ok: true, value: { data: [{ name: 'follows_and_unfollows', period: 'day', total_value: { value: total, breakdowns: [{ dimension_keys: ['follow_type'], results }] } }] } as T };
    });
  }
}

function run(account: Account, nowIso: string, timeZone: string, inTab: string[] = []) {
  const now = Date.parse(nowIso);
  const reader = new Reader(account, now);
  const runDate = date(new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(now)));
  const input: HistoryInput = {
    reader, accountId: '17841400000000001', username: 'dino', followersNow: account.followersAt(now), nowMs: now, runDate, timeZone, inTab: new Set(inTab),
  };
  const out = followerHistory(input);
  const rows = out.records.map((r) => ({ date: isoOf(r[OWN_RUN_DATE] as CalendarDate), followers: r.followers_count as number, source: r.source as string }));
  return { ...out, rows, reader, runDate: isoOf(runDate), now };
}

const isoOf = (d: CalendarDate) => `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

/** The truth for a row: followers when the Meta day that ends on that spreadsheet date ended. */
function truth(account: Account, rowDate: string, timeZone: string): number {
  for (let d = plus(rowDate, -2); d <= rowDate; d = plus(d, 1)) {
    const label = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(endOf(d)));
    if (label === rowDate) return account.followersAt(endOf(d));
  }
  throw new Error(`no Meta day ends on ${rowDate} in ${timeZone}`);
}

describe('rebuilt follower history', () => {
  it('gives the 30 dates before the run, each the followers when Meta\'s day ended that date (Berlin)', () => {
    const account = new Account();
    // 14:00 in Berlin: Meta's 14 July ended at 09:00 today, so today's row (measured) covers it.
    const r = run(account, '2026-07-15T12:00:00Z', 'Europe/Berlin');
    expect(r.rows.map((x) => x.date)).toEqual(Array.from({ length: 30 }, (_, i) => plus('2026-06-15', i)));
    for (const row of r.rows) expect(row.followers, row.date).toBe(truth(account, row.date, 'Europe/Berlin'));
    expect(new Set(r.rows.map((x) => x.source))).toEqual(new Set([FOLLOWER_SOURCES.rebuilt]));
    // The newest row is yesterday's 09:00 figure; today's row is the count now (which already has 14 July in it).
    expect(r.rows.at(-1)!.followers).toBe(account.followersAt(endOf('2026-07-13')));
    // One follower_count call and one follows_and_unfollows call per day after the oldest.
    expect(r.reader.callsUsed).toBe(1 + 30);
    expect(r.notes).toEqual([expect.stringMatching(/^Added @dino's followers for 30 days before today/)]);
  });

  it('moves with the end of Meta\'s day: a run just before and just after Pacific midnight (Berlin)', () => {
    const account = new Account();
    // 08:59 in Berlin: Meta's 14 July is not over; its changes are not in the count yet.
    const before = run(account, '2026-07-15T06:59:00Z', 'Europe/Berlin');
    const after = run(account, '2026-07-15T07:01:00Z', 'Europe/Berlin');
    expect(before.runDate).toBe('2026-07-15');
    expect(after.runDate).toBe('2026-07-15');
    for (const r of [before, after]) {
      expect(r.rows).toHaveLength(30);
      for (const row of r.rows) expect(row.followers, row.date).toBe(truth(account, row.date, 'Europe/Berlin'));
    }
    // Same dates and figures either side of the boundary: the last complete day moved, the count with it.
    expect(after.rows).toEqual(before.rows);
    expect(before.reader.callsUsed).toBe(1 + 29);
  });

  it('labels each day by the date it ended in the spreadsheet: Tokyo (ahead of Meta) and Los Angeles (Meta\'s own zone)', () => {
    const account = new Account();
    // 05:00 in Tokyo on 16 July: Meta's 14 July ended at 16:00 on the 15th there.
    const tokyo = run(account, '2026-07-15T20:00:00Z', 'Asia/Tokyo');
    expect(tokyo.runDate).toBe('2026-07-16');
    expect(tokyo.rows.map((x) => x.date)).toEqual(Array.from({ length: 30 }, (_, i) => plus('2026-06-16', i)));
    for (const row of tokyo.rows) expect(row.followers, row.date).toBe(truth(account, row.date, 'Asia/Tokyo'));
    expect(tokyo.notes).toHaveLength(1);
    expect(tokyo.rows.at(-1)).toMatchObject({ date: '2026-07-15', followers: account.followersAt(endOf('2026-07-14')) });
    // Los Angeles, 13:00 on 15 July: Meta's 14 July ended at midnight starting the 15th: today's own row.
    const la = run(account, '2026-07-15T20:00:00Z', 'America/Los_Angeles');
    expect(la.runDate).toBe('2026-07-15');
    expect(la.rows.at(-1)).toMatchObject({ date: '2026-07-14', followers: account.followersAt(endOf('2026-07-13')) });
    for (const row of la.rows) expect(row.followers, row.date).toBe(truth(account, row.date, 'America/Los_Angeles'));
  });

  it('asks follower_count in two ranges when 30 days take in the 25-hour day of November, and stays exact', () => {
    const account = new Account();
    // Berlin, 15 November: the month before runs over 1 November, when Los Angeles went back an hour.
    const r = run(account, '2026-11-15T12:00:00Z', 'Europe/Berlin');
    expect(r.rows).toHaveLength(30);
    for (const row of r.rows) expect(row.followers, row.date).toBe(truth(account, row.date, 'Europe/Berlin'));
    expect(r.reader.asked.filter((a) => a.startsWith('follower_count'))).toHaveLength(2);
    expect(r.reader.callsUsed).toBe(2 + 30);
  });

  it('leaves dates the tab already has for the account alone, and asks nothing when it has them all', () => {
    const account = new Account();
    const inTab = ['2026-07-10', '2026-07-11', '2026-06-15'];
    const r = run(account, '2026-07-15T12:00:00Z', 'Europe/Berlin', inTab);
    expect(r.rows).toHaveLength(27);
    expect(r.rows.some((x) => inTab.includes(x.date))).toBe(false);
    for (const row of r.rows) expect(row.followers).toBe(truth(account, row.date, 'Europe/Berlin'));
    // The oldest wanted date is now 16 June: one day fewer to read.
    expect(r.reader.callsUsed).toBe(1 + 29);
    const all = run(account, '2026-07-15T12:00:00Z', 'Europe/Berlin', Array.from({ length: 30 }, (_, i) => plus('2026-06-15', i)));
    expect(all).toMatchObject({ records: [], notes: [] });
    expect(all.reader.callsUsed).toBe(0);
  });

  it('marks the days before a day without unfollows as estimates from new followers only', () => {
    const account = new Account();
    account.noUnfollows.add('2026-07-05');
    const r = run(account, '2026-07-15T12:00:00Z', 'Europe/Berlin');
    expect(r.rows).toHaveLength(30);
    // Rows of 6 July (end of Meta's 5 July) and later need no 5 July figures: exact.
    const exact = r.rows.filter((x) => x.date >= '2026-07-06');
    const estimated = r.rows.filter((x) => x.date < '2026-07-06');
    expect(exact.every((x) => x.source === FOLLOWER_SOURCES.rebuilt && x.followers === truth(account, x.date, 'Europe/Berlin'))).toBe(true);
    expect(estimated.every((x) => x.source === FOLLOWER_SOURCES.estimate)).toBe(true);
    // Taking 5 July's follows as its whole change counts its unfollows as if they had not happened.
    for (const x of estimated) expect(x.followers).toBe(truth(account, x.date, 'Europe/Berlin') - account.unfollows('2026-07-05'));
    expect(r.notes.join(' ')).toMatch(/did not give the unfollows of 1 day \(latest 5 Jul 2026\)/);
  });

  it('stops at a day Meta gave nothing for: the days before it are not guessed', () => {
    const account = new Account();
    account.silentDays.add('2026-07-01');
    const r = run(account, '2026-07-15T12:00:00Z', 'Europe/Berlin');
    // The row of 2 July (end of Meta's 1 July) needs only later days; older rows would need 1 July.
    expect(r.rows.map((x) => x.date)).toEqual(Array.from({ length: 13 }, (_, i) => plus('2026-07-02', i)));
    for (const row of r.rows) expect(row.followers).toBe(truth(account, row.date, 'Europe/Berlin'));
    expect(r.notes.join(' ')).toMatch(/gave no figures for 1 Jul 2026, so the days before it were not rebuilt/);
  });

  it('says once why there is no history: under 100 followers (no call), a missing permission, no data', () => {
    const small = run(new Account(99, 0), '2026-07-15T12:00:00Z', 'Europe/Berlin');
    expect(small.records).toEqual([]);
    expect(small.reader.callsUsed).toBe(0);
    expect(small.notes).toEqual([NO_HISTORY.few_followers('@dino', '99')]);
    expect(small.notes[0]).toMatch(/only for accounts with 100 followers or more/);

    const refused = new Account();
    refused.refuse = 'permission';
    const r = run(refused, '2026-07-15T12:00:00Z', 'Europe/Berlin');
    expect(r.records).toEqual([]);
    expect(r.reader.callsUsed).toBe(1);
    expect(r.notes).toEqual([NO_HISTORY.permission('@dino', '')]);

    const silent = new Account();
    for (let d = '2026-06-01'; d <= '2026-07-15'; d = plus(d, 1)) silent.silentDays.add(d);
    const none = run(silent, '2026-07-15T12:00:00Z', 'Europe/Berlin');
    expect(none.records).toEqual([]);
    expect(none.reader.callsUsed).toBe(1);
    expect(none.notes[0]).toMatch(/gave no daily follows/);
  });

  it('never shows what an unexpected failure carries, and never throws', () => {
    const account = new Account();
    const r = run(account, '2026-07-15T12:00:00Z', 'Europe/Berlin');
    const broken = Object.assign(Object.create(r.reader) as Reader, {
      get: () => {
        throw new Error('GET https://graph.instagram.com/v27.0/me?access_token=IGQVJ-SECRET failed');
      },
    });
    const out = followerHistory({
      reader: broken, accountId: '1', username: 'dino', followersNow: 5_000, nowMs: r.now, runDate: date('2026-07-15'), timeZone: 'Europe/Berlin', inTab: new Set(),
    });
    expect(out.records).toEqual([]);
    expect(out.notes).toEqual([NO_HISTORY.error('@dino', 'an unexpected error')]);
    expect(JSON.stringify(out)).not.toMatch(/SECRET|access_token/);
  });

  it('keeps the later of two Meta days that end on one spreadsheet date, and never labels a day not yet over', () => {
    // 23-hour and 25-hour days around a clock change can put two ends on one date in some zones.
    const days = [
      { day: date('2026-07-10'), endMs: Date.parse('2026-07-11T00:30:00Z'), follows: 5, unfollows: 1 },
      { day: date('2026-07-11'), endMs: Date.parse('2026-07-11T23:30:00Z'), follows: 7, unfollows: 2 },
      { day: date('2026-07-12'), endMs: Date.parse('2026-07-12T23:30:00Z'), follows: 3, unfollows: 0 },
    ];
    const out = rebuildFollowers({ followersNow: 1000, nowMs: Date.parse('2026-07-12T12:00:00Z'), days, wanted: new Set(['2026-07-11', '2026-07-12']), timeZone: 'UTC' });
    // 12 July's day is not over at noon: no row for it, but a change Meta gave for it is taken back.
    expect(out.days.map((d) => [isoOf(d.runDate), d.followers])).toEqual([['2026-07-11', 997]]);
  });
});
