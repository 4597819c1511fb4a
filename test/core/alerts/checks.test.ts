// What the alerts look for: a follower drop of more than the limit between two consecutive days'
// measured snapshots in the last 7 days, and a post whose first day (the Post Growth row at day 1) is
// below a share of the median of the account's up to 10 earlier posts at the same age.
import { describe, expect, it } from 'vitest';
import { ALERT_CHECKS, alertsOf, MEDIAN_AT_LEAST, MEDIAN_OF, RECENT_DAYS, type AlertContext } from '../../../src/core/alerts/checks';
import type { AlertSettings } from '../../../src/core/alerts/settings';
import type { Table } from '../../../src/core/functions/tables';
import { FOLLOWER_SOURCES } from '../../../src/core/reports/follower-history';
import { parseIsoDate } from '../../../src/core/reports/dates';
import { BAKERY, SUNNY, TZ, earlierPosts, growthOf, linkOf, profileOf, type GrowthRow, type Snapshot } from './tables';

/** Tuesday 10 March 2026 in Berlin: the last 7 days are 4 to 10 March. */
const TODAY = '2026-03-10';

function ctxOf(settings: Omit<AlertSettings, 'by'>, tables: { profile?: Table | null; growth?: Table | null }, today = TODAY): AlertContext {
  return {
    username: SUNNY.username, accountId: SUNNY.id, settings: { ...settings, by: 'owner' },
    profile: tables.profile ?? null, growth: tables.growth ?? null, timeZone: TZ, today: parseIsoDate(today)!,
  };
}

const drops = (limit: number, days: Snapshot[]) => alertsOf(ctxOf({ followerDrop: limit }, { profile: profileOf(days) }));
const weak = (percent: number, rows: GrowthRow[]) => alertsOf(ctxOf({ postBelowPercent: percent }, { growth: growthOf(rows) }));

describe('the checks', () => {
  it('are one per setting, each on only when its setting is set', () => {
    expect(ALERT_CHECKS.map((c) => c.setting)).toEqual(['followerDrop', 'postBelowPercent']);
    expect([RECENT_DAYS, MEDIAN_OF, MEDIAN_AT_LEAST]).toEqual([7, 10, 3]);
    const profile = profileOf([['2026-03-09', 1000], ['2026-03-10', 500]]);
    const growth = growthOf([...earlierPosts('E', ['2026-02-20', '2026-02-21', '2026-02-22'], [100, 100, 100]), { id: 'W', posted: '2026-03-08T11:00:00Z', views: 1 }]);
    expect(alertsOf(ctxOf({}, { profile, growth }))).toEqual([]);
    expect(alertsOf(ctxOf({ followerDrop: 10 }, { profile, growth })).map((a) => a.id)).toEqual(['followers:2026-03-10']);
    expect(alertsOf(ctxOf({ postBelowPercent: 50 }, { profile, growth })).map((a) => a.id)).toEqual(['post:W']);
    expect(alertsOf(ctxOf({ followerDrop: 10, postBelowPercent: 50 }, { profile, growth })).map((a) => a.id)).toEqual(['followers:2026-03-10', 'post:W']);
  });

  it('find nothing without the tabs, or without the columns they need', () => {
    expect(alertsOf(ctxOf({ followerDrop: 1, postBelowPercent: 100 }, {}))).toEqual([]);
    const noFollowers = profileOf([['2026-03-09', 1000], ['2026-03-10', 500]]);
    noFollowers.header = noFollowers.header.map((h) => (h === 'Followers' ? 'Follower count' : h));
    expect(alertsOf(ctxOf({ followerDrop: 1 }, { profile: noFollowers }))).toEqual([]);
    const noAge = growthOf([...earlierPosts('E', ['2026-02-20', '2026-02-21', '2026-02-22'], [100, 100, 100]), { id: 'W', posted: '2026-03-08T11:00:00Z', views: 1 }]);
    noAge.header = noAge.header.map((h) => (h === 'Days since posting' ? 'Age' : h));
    expect(alertsOf(ctxOf({ postBelowPercent: 100 }, { growth: noAge }))).toEqual([]);
  });
});

describe('follower drop', () => {
  it('alerts on more than the limit in a day, not on exactly the limit', () => {
    expect(drops(50, [['2026-03-08', 1000], ['2026-03-09', 950]])).toEqual([]);
    const [alert, ...more] = drops(50, [['2026-03-08', 1000], ['2026-03-09', 949]]);
    expect(more).toEqual([]);
    expect(alert.id).toBe('followers:2026-03-09');
    expect(alert.text).toBe('@sunny lost 51 followers from 2026-03-08 to 2026-03-09 (1000 to 949); the alert is for more than 50 in a day.');
  });

  it('ignores gains and small losses', () => {
    expect(drops(50, [['2026-03-07', 1000], ['2026-03-08', 1200], ['2026-03-09', 1190], ['2026-03-10', 1200]])).toEqual([]);
  });

  it('only alerts on the last 7 days, today included', () => {
    // 10 March minus 8 days: 2 March.
    expect(drops(50, [['2026-03-01', 1000], ['2026-03-02', 900]])).toEqual([]);
    // The drop onto 3 March is 7 days ago: just out; onto 4 March, 6 days ago: just in.
    expect(drops(50, [['2026-03-02', 1000], ['2026-03-03', 900]])).toEqual([]);
    expect(drops(50, [['2026-03-03', 1000], ['2026-03-04', 900]]).map((a) => a.id)).toEqual(['followers:2026-03-04']);
    // Today's snapshot counts.
    expect(drops(50, [['2026-03-09', 1000], ['2026-03-10', 900]]).map((a) => a.id)).toEqual(['followers:2026-03-10']);
    // A snapshot dated after today (a wrong clock) makes no alert.
    expect(drops(50, [['2026-03-10', 1000], ['2026-03-11', 900]])).toEqual([]);
  });

  it('needs snapshots on consecutive days: a gap day gives none', () => {
    expect(drops(50, [['2026-03-08', 1000], ['2026-03-10', 800]])).toEqual([]);
  });

  it('ignores the rebuilt and estimated days before the first run', () => {
    expect(drops(50, [['2026-03-07', 2000, FOLLOWER_SOURCES.rebuilt], ['2026-03-08', 1000, FOLLOWER_SOURCES.rebuilt], ['2026-03-09', 900]])).toEqual([]);
    expect(drops(50, [['2026-03-08', 1000, FOLLOWER_SOURCES.estimate], ['2026-03-09', 900]])).toEqual([]);
    // Two rebuilt days with a drop between them: no alert either.
    expect(drops(50, [['2026-03-08', 1000, FOLLOWER_SOURCES.rebuilt], ['2026-03-09', 900, FOLLOWER_SOURCES.rebuilt]])).toEqual([]);
    // A measured day after a rebuilt day of the same date counts (the run's own row).
    expect(drops(50, [['2026-03-08', 1000, FOLLOWER_SOURCES.rebuilt], ['2026-03-08', 1000], ['2026-03-09', 900]]).map((a) => a.id)).toEqual(['followers:2026-03-09']);
  });

  it('counts an empty Source, or a tab without the column, as measured', () => {
    expect(drops(50, [['2026-03-08', 1000, ''], ['2026-03-09', 900, '']]).map((a) => a.id)).toEqual(['followers:2026-03-09']);
    const header = ['Run date', 'Account ID', 'Followers'];
    const old = profileOf([['2026-03-08', 1000], ['2026-03-09', 900]], SUNNY, header);
    expect(alertsOf(ctxOf({ followerDrop: 50 }, { profile: old })).map((a) => a.id)).toEqual(['followers:2026-03-09']);
  });

  it('reads run dates typed as text too', () => {
    const days = ['2026-03-08', '2026-03-09'];
    const profile = profileOf([[days[0], 1000], [days[1], 900]]);
    profile.rows = profile.rows.map((r, n) => r.map((c, i) => (i === 0 ? `'${days[n]}` : c)));
    expect(alertsOf(ctxOf({ followerDrop: 50 }, { profile })).map((a) => a.id)).toEqual(['followers:2026-03-09']);
  });

  it('gives several drops several alerts with distinct ids', () => {
    const alerts = drops(20, [
      ['2026-03-05', 1000], ['2026-03-06', 970], ['2026-03-07', 960], ['2026-03-08', 900], ['2026-03-09', 905], ['2026-03-10', 800],
    ]);
    expect(alerts.map((a) => a.id)).toEqual(['followers:2026-03-10', 'followers:2026-03-08', 'followers:2026-03-06']);
    expect(new Set(alerts.map((a) => a.id)).size).toBe(3);
    expect(alerts[0].text).toMatch(/^@sunny lost 105 followers from 2026-03-09 to 2026-03-10 \(905 to 800\)/);
    expect(alerts[1].text).toMatch(/^@sunny lost 60 followers from 2026-03-07 to 2026-03-08 \(960 to 900\)/);
    expect(alerts[2].text).toMatch(/^@sunny lost 30 followers from 2026-03-05 to 2026-03-06 \(1000 to 970\)/);
  });
});

describe('weak post', () => {
  /** Three earlier posts, day 1 long ago: median 200. */
  const EARLIER = earlierPosts('E', ['2026-02-20', '2026-02-21', '2026-02-22'], [100, 200, 300]);

  it('alerts below the share of the median of the earlier posts, naming the account, the numbers and the link', () => {
    const alerts = weak(50, [...EARLIER, { id: 'W', posted: '2026-03-08T11:00:00Z', views: 90 }]);
    expect(alerts).toEqual([{
      id: 'post:W',
      text: `@sunny's post of 2026-03-08 had 90 views on its first day, 45% of the median of the 3 posts before it at that age (200): ${linkOf('W')}; the alert is for below 50%.`,
    }]);
  });

  it('does not alert at or above the share', () => {
    expect(weak(50, [...EARLIER, { id: 'W', posted: '2026-03-08T11:00:00Z', views: 100 }])).toEqual([]);
    expect(weak(50, [...EARLIER, { id: 'W', posted: '2026-03-08T11:00:00Z', views: 250 }])).toEqual([]);
    expect(weak(50, [...EARLIER, { id: 'W', posted: '2026-03-08T11:00:00Z', views: 99 }]).map((a) => a.id)).toEqual(['post:W']);
  });

  it('names the day of posting in the spreadsheet time zone', () => {
    // 23:30 in Berlin on 8 March is still 22:30 UTC; the first day's run is 9 March.
    const [alert] = weak(50, [...EARLIER, { id: 'W', posted: '2026-03-08T22:30:00Z', views: 10 }]);
    expect(alert.text).toMatch(/^@sunny's post of 2026-03-08 had 10 views/);
    // 00:30 in Berlin on 9 March is 8 March in UTC.
    const [late] = weak(50, [...EARLIER, { id: 'L', posted: '2026-03-08T23:30:00Z', views: 10 }]);
    expect(late.text).toMatch(/^@sunny's post of 2026-03-09 had 10 views/);
  });

  it('needs at least 3 earlier posts', () => {
    expect(weak(50, [...EARLIER.slice(1), { id: 'W', posted: '2026-03-08T11:00:00Z', views: 1 }])).toEqual([]);
    expect(weak(50, [{ id: 'W', posted: '2026-03-08T11:00:00Z', views: 1 }])).toEqual([]);
  });

  it('only compares with posts posted before it', () => {
    // Three low posts after it do not make it strong, nor count as its earlier posts.
    const later = earlierPosts('N', ['2026-03-08', '2026-03-08', '2026-03-08'], [1, 1, 1]).map((p, i) => ({ ...p, posted: `2026-03-08T1${3 + i}:00:00Z` }));
    expect(weak(50, [{ id: 'W', posted: '2026-03-08T11:00:00Z', views: 1 }, ...later])).toEqual([]);
  });

  it('takes the median of only the last 10 earlier posts', () => {
    // The last 10 before it: five of 100 and five of 1000, median 550; an 11th, older, of a million
    // would make the median of 11 posts 1000.
    const days = Array.from({ length: 11 }, (_, i) => `2026-02-${String(10 + i).padStart(2, '0')}`);
    const earlier = earlierPosts('E', days, [1_000_000, 100, 1000, 100, 1000, 100, 1000, 100, 1000, 100, 1000]);
    // 300 is below half of 1000 but not below half of 550.
    expect(weak(50, [...earlier, { id: 'W', posted: '2026-03-08T11:00:00Z', views: 300 }])).toEqual([]);
    const [alert] = weak(50, [...earlier, { id: 'W', posted: '2026-03-08T11:00:00Z', views: 220 }]);
    expect(alert.text).toBe(`@sunny's post of 2026-03-08 had 220 views on its first day, 40% of the median of the 10 posts before it at that age (550): ${linkOf('W')}; the alert is for below 50%.`);
  });

  it("ignores other accounts' rows", () => {
    // Bakery's low posts between sunny's would bring the median down to 10 if they counted.
    const bakery = earlierPosts('B', ['2026-02-23', '2026-02-24', '2026-02-25', '2026-02-26', '2026-02-27'], [10, 10, 10, 10, 10], BAKERY);
    const rows = [...EARLIER, ...bakery, { id: 'W', posted: '2026-03-08T11:00:00Z', views: 90 },
      // Bakery's own weak post is bakery's business.
      { id: 'BW', posted: '2026-03-08T12:00:00Z', views: 0, account: BAKERY }];
    const alerts = weak(50, rows);
    expect(alerts.map((a) => a.id)).toEqual(['post:W']);
    expect(alerts[0].text).toMatch(/45% of the median of the 3 posts before it at that age \(200\)/);
  });

  it('reads an account id kept as text with an apostrophe', () => {
    const growth = growthOf([...EARLIER, { id: 'W', posted: '2026-03-08T11:00:00Z', views: 90 }]);
    const at = growth.header.indexOf('Account ID');
    growth.rows = growth.rows.map((r) => r.map((c, i) => (i === at ? `'${String(c)}` : c)));
    expect(alertsOf(ctxOf({ postBelowPercent: 50 }, { growth })).map((a) => a.id)).toEqual(['post:W']);
  });

  it('only looks at the first day: the day-0 and day-2 rows are ignored', () => {
    // Huge day-0 and day-2 views of the earlier posts leave the median at 200.
    const otherDays = EARLIER.flatMap((p) => [{ ...p, age: 0, views: 50_000 }, { ...p, age: 2, views: 90_000 }]);
    const alerts = weak(50, [...EARLIER, ...otherDays, { id: 'W', posted: '2026-03-08T11:00:00Z', views: 90 }]);
    expect(alerts.map((a) => a.id)).toEqual(['post:W']);
    expect(alerts[0].text).toMatch(/\(200\)/);
    // A recent post with only a day-0 and a day-2 row, both tiny: no alert.
    expect(weak(50, [...EARLIER, { id: 'Z', posted: '2026-03-07T11:00:00Z', views: 1, age: 0 }, { id: 'Z', posted: '2026-03-07T11:00:00Z', views: 2, age: 2 }])).toEqual([]);
  });

  it('does not alert a post whose first day is older than 7 days', () => {
    // Posted 1 March, its first day 2 March: 8 days before 10 March.
    expect(weak(50, [...EARLIER, { id: 'O', posted: '2026-03-01T11:00:00Z', views: 1 }])).toEqual([]);
    // First day 3 March, 7 days ago: out; first day 4 March: in.
    expect(weak(50, [...EARLIER, { id: 'O', posted: '2026-03-02T11:00:00Z', views: 1 }])).toEqual([]);
    expect(weak(50, [...EARLIER, { id: 'I', posted: '2026-03-03T11:00:00Z', views: 1 }]).map((a) => a.id)).toEqual(['post:I']);
  });

  it('gives each weak recent post its own alert, the id staying the same from day to day', () => {
    const rows = [...EARLIER, { id: 'W1', posted: '2026-03-05T11:00:00Z', views: 10 }, { id: 'W2', posted: '2026-03-08T11:00:00Z', views: 10 }];
    const today = alertsOf(ctxOf({ postBelowPercent: 50 }, { growth: growthOf(rows) }));
    const tomorrow = alertsOf(ctxOf({ postBelowPercent: 50 }, { growth: growthOf(rows) }, '2026-03-11'));
    expect(today.map((a) => a.id)).toEqual(['post:W1', 'post:W2']);
    expect(tomorrow).toEqual(today);
    // W2 joins the earlier posts of later posts: the median of 100, 200, 300, 10 is 150.
    expect(today[1].text).toMatch(/of the median of the 4 posts before it at that age \(150\)/);
  });
});
