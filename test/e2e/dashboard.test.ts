// The dashboard end to end: built from the report tabs after a few days of scheduled runs, its
// headline formulas agree with the tabs, its charts read chart-data blocks that have data, appended
// rows show up without a rebuild, a rebuild keeps what the person added, and missing data gets a note.
// Two accounts writing into the same tabs each see only their own rows; "Compare accounts" sets them side by side.
import { afterEach, describe, expect, it } from 'vitest';
import type { Stack } from '../../local/platform/stack';
import { REPORTS } from '../../src/core/reports/registry';
import { BAKERY, CREATOR, DAY, stack } from './support';

let s: Stack;
afterEach(async () => {
  await s?.close();
});

const TAB = 'Dashboard @sunny.creates';

/** Saves the reports with a daily schedule (default fields, less `without`); returns their configuration ids. */
function saveAll(reportIds: string[], accountId = CREATOR, without: string[] = []): string[] {
  return reportIds.map((reportId) => {
    const report = REPORTS.find((r) => r.id === reportId)!;
    return (s.rt.call('saveConfiguration', [{
      accountId, reportId, fields: report.fields.filter((f) => f.default && !without.includes(f.id)).map((f) => f.id), tabName: report.title, mode: report.defaultMode,
      schedule: { kind: 'daily', hour: 7 },
    }]) as { id: string }).id;
  });
}

const cell = (a1: string, tab = TAB) => {
  const sheet = s.rt.workbook.sheetNamed(tab)!;
  const { rect } = s.rt.workbook.rectOf(a1, sheet);
  return s.rt.workbook.valueAt(sheet, rect.row, rect.column);
};
const column = (tab: string, header: string) => {
  const [head, ...rows] = s.rt.workbook.values(tab);
  return rows.map((r) => r[head.indexOf(header)]);
};

describe('the dashboard', () => {
  it('shows headline figures that agree with the report tabs and nine charts with data', async () => {
    s = await stack({ transport: 'in-process' });
    await s.connect('instagram');
    saveAll(['user_information', 'account_insights', 'media_insights', 'recent_media', 'audience_demographics', 'online_followers']);
    s.rt.advance(3 * DAY);
    const { message } = s.rt.call('createDashboard', [CREATOR]) as { message: string };
    expect(message).toBe(`The tab "${TAB}" shows 9 charts for @sunny.creates.`);

    const followers = column("User's Information", 'Followers') as number[];
    expect(cell('B4')).toBe(followers[followers.length - 1]);
    // The first run rebuilt the 30 days before it (a row a day): the change over 7 days is there from the start.
    expect(followers.length).toBeGreaterThan(30);
    expect(cell('B5')).toBe(followers[followers.length - 1] - followers[followers.length - 1 - 7]);
    const since = s.rt.clock.now() - 30 * DAY;
    const posted = column("User's Recent Media", 'Posted at') as Date[];
    // TODAY() is midnight of the sheet's day: posts from that midnight 30 days back count.
    expect(cell('B7')).toBeGreaterThanOrEqual(posted.filter((d) => d.getTime() >= since).length);
    expect(cell('B7')).toBeLessThanOrEqual(posted.filter((d) => d.getTime() >= since - DAY).length);
    expect(typeof cell('B8')).toBe('number');
    expect(cell('B9')).toBeGreaterThan(0);

    const charts = s.rt.workbook.charts(TAB);
    expect(charts.map((c) => c.type).sort()).toEqual(['COLUMN', 'COLUMN', 'COLUMN', 'COLUMN', 'GEO', 'LINE', 'LINE', 'LINE', 'TABLE']);
    const followersChart = charts.find((c) => c.options.title === 'Followers over time')!;
    // A chart-data block on the dashboard, from its header down to the tab's last row.
    const rows = s.rt.workbook.sheetNamed(TAB)!.maxRows;
    expect(followersChart.ranges).toEqual([`'${TAB}'!O2:P${rows}`]);
    expect(s.rt.workbook.chartData(TAB, followersChart.id).map((r) => r[1])).toEqual(['Followers', ...column("User's Information", 'Followers')]);
    for (const chart of charts) expect(s.rt.workbook.chartData(TAB, chart.id).length, String(chart.options.title)).toBeGreaterThan(1);
    // Week over week: the last 7 days (TODAY() is the sheet's midnight, so up to a day more), and the change.
    const within = (days: number) => (d: Date) => d.getTime() >= s.rt.clock.now() - days * DAY;
    expect(cell('A11')).toBe('Posts in the last 7 days');
    expect(cell('B11')).toBeGreaterThanOrEqual(posted.filter(within(6)).length);
    expect(cell('B11')).toBeLessThanOrEqual(posted.filter(within(7)).length);
    const mediaPosted = column('Media Insights', 'Posted at') as Date[];
    const mediaViews = column('Media Insights', 'Views') as number[];
    const viewsWithin = (days: number) => mediaViews.filter((_, i) => within(days)(mediaPosted[i])).reduce((a, b) => a + b, 0);
    expect(cell('B12')).toBeGreaterThanOrEqual(viewsWithin(6));
    expect(cell('B12')).toBeLessThanOrEqual(viewsWithin(7));
    expect(typeof cell('C12') === 'number' || cell('C12') === '').toBe(true);
    // How posts grow: day 1's median is the median of the Post Growth rows of day 1 of the last 90 days' posts.
    const growthChart = charts.find((c) => c.options.title === 'Post growth: views by days since posting')!;
    const curve = s.rt.workbook.chartData(TAB, growthChart.id);
    expect(curve).toHaveLength(32);
    const g = s.rt.workbook.values('Post Growth') as (string | number | Date)[][];
    const at = (h: string) => g[0].indexOf(h);
    const dayOne = g.slice(1).filter((r) => r[at('Account ID')] === CREATOR && r[at('Days since posting')] === 1 && within(90)(r[at('Posted at')] as Date))
      .map((r) => r[at('Views')] as number).sort((a, b) => a - b);
    expect(dayOne.length).toBeGreaterThan(0);
    const mid = Math.floor(dayOne.length / 2);
    expect(curve[2]).toEqual([1, dayOne.length % 2 ? dayOne[mid] : (dayOne[mid - 1] + dayOne[mid]) / 2, expect.anything()]);
    // The block grows: the next day's row shows in the chart without rebuilding.
    const before = s.rt.workbook.chartData(TAB, followersChart.id).length;
    s.rt.advance(DAY);
    expect(s.rt.workbook.chartData(TAB, followersChart.id).length).toBe(before + 1);
    // A week on, the change over 7 days is the difference between the two snapshots.
    s.rt.advance(6 * DAY);
    const shown = s.rt.workbook.displayValues("User's Information").slice(1).map((r) => r[0]);
    const now = column("User's Information", 'Followers') as number[];
    expect(cell('B5')).toBe(now[now.length - 1] - now[shown.length - 1 - 7]);
  });

  it('rebuilds only what Sheetgram made, and says what is missing instead of drawing empty charts', async () => {
    s = await stack({ transport: 'in-process' });
    await s.connect('instagram');
    // Without the Source column the first run rebuilds no past days (follower-history.test.ts): the followers chart waits.
    saveAll(['user_information'], CREATOR, ['source']);
    s.rt.advance(DAY / 2);
    const first = s.rt.call('createDashboard', [CREATOR]) as { message: string };
    expect(first.message).toMatch(/shows 0 charts.*9 charts wait for data: Followers over time: needs at least 2 days of history/);
    expect(String(cell('A15'))).toMatch(/^Followers over time: needs at least 2 days of history/);
    // The second chart of a row starts right of the first, past the wide label column.
    expect(String(cell('E15'))).toMatch(/^Daily reach: Add the Account Insights report for @sunny.creates/);
    // The person adds notes of their own on the tab, beside and below Sheetgram's cells.
    s.rt.workbook.typeInto(TAB, 'D4', 'Goal: 50k by December');
    s.rt.workbook.typeInto(TAB, 'A120', 'my own table');
    s.rt.advance(2 * DAY);
    saveAll(['account_insights']);
    s.rt.advance(DAY);
    const second = s.rt.call('createDashboard', [CREATOR]) as { message: string };
    expect(second.message).toMatch(/shows 2 charts/);
    expect(cell('D4')).toBe('Goal: 50k by December');
    expect(cell('A120')).toBe('my own table');
    expect(s.rt.workbook.charts(TAB).map((c) => c.options.title)).toEqual(['Followers over time', 'Daily reach and views']);
    // The notes the charts replaced are gone; the ones still waiting are rewritten.
    expect(cell('A15')).toBe('');
    expect(String(cell('A35'))).toMatch(/^Average interactions by type: Add the Media Insights report/);
    // Rebuilding again adds no duplicate chart.
    s.rt.call('createDashboard', [CREATOR]);
    expect(s.rt.workbook.charts(TAB)).toHaveLength(2);
  });

  it('draws a waiting chart once a run brings its data, without a rebuild, and leaves everything else as it was', async () => {
    s = await stack({ transport: 'in-process' });
    await s.connect('instagram');
    // Without the Source column the first run rebuilds no past days (follower-history.test.ts): the followers chart waits.
    saveAll(['user_information'], CREATOR, ['source']);
    s.rt.advance(DAY / 2);
    s.rt.call('createDashboard', [CREATOR]);
    expect(s.rt.workbook.charts(TAB)).toHaveLength(0);
    expect(String(cell('A15'))).toMatch(/^Followers over time: needs at least 2 days of history/);
    expect(String(cell('B8'))).toMatch(/^Add the Media Insights report/);
    // The person's own notes, and a width of their own for the label column.
    s.rt.workbook.typeInto(TAB, 'D4', 'Goal: 50k by December');
    s.rt.workbook.typeInto(TAB, 'A120', 'my own table');
    const sheet = s.rt.workbook.sheetNamed(TAB)!;
    sheet.columnWidths.set(1, 300);

    // The next day's scheduled run brings the second snapshot: the followers chart appears where its note was.
    s.rt.advance(DAY);
    const [followers] = s.rt.workbook.charts(TAB);
    expect(followers.options.title).toBe('Followers over time');
    expect(followers.position).toMatchObject({ row: 15, column: 1 });
    expect(cell('A15')).toBe('');
    expect(s.rt.workbook.chartData(TAB, followers.id).map((r) => r[1])).toEqual(['Followers', ...column("User's Information", 'Followers')]);
    expect(String(cell('E15'))).toMatch(/^Daily reach: Add the Account Insights report/);
    expect([cell('D4'), cell('A120'), sheet.columnWidths.get(1)]).toEqual(['Goal: 50k by December', 'my own table', 300]);

    // A day on, nothing new can be drawn: the chart stays the same chart.
    s.rt.advance(DAY);
    expect(s.rt.workbook.charts(TAB).map((c) => c.id)).toEqual([followers.id]);

    // Media Insights added and run now: its figures and charts appear, with blocks beside the first one.
    const [media] = saveAll(['media_insights']);
    s.rt.call('runConfigurationNow', [media]);
    const titles = s.rt.workbook.charts(TAB).map((c) => c.options.title);
    expect(titles).toEqual(['Followers over time', 'Average interactions by type', 'Top 10 posts of the last 30 days', 'Post growth: views by days since posting']);
    expect(typeof cell('B8')).toBe('number');
    expect(cell('B9')).toBeGreaterThan(0);
    for (const chart of s.rt.workbook.charts(TAB)) expect(s.rt.workbook.chartData(TAB, chart.id).length, String(chart.options.title)).toBeGreaterThan(1);
    // Top posts' dates in the sheet's date-time style, as in the report tabs.
    const top = s.rt.workbook.charts(TAB).find((c) => c.options.title === 'Top 10 posts of the last 30 days')!;
    const block = /^([A-Z]+)2:/.exec(top.ranges[0].split('!').pop()!)![1];
    expect(s.rt.workbook.displayValues(TAB)[2][s.rt.workbook.rectOf(`${block}1`, sheet).rect.column]).toMatch(/^\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d{2}:\d{2}$/);
    expect([cell('D4'), cell('A120')]).toEqual(['Goal: 50k by December', 'my own table']);

    // A rebuild by hand afterwards replaces exactly Sheetgram's cells and charts: no duplicates.
    s.rt.call('createDashboard', [CREATOR]);
    expect(s.rt.workbook.charts(TAB).map((c) => c.options.title)).toEqual(titles);
    expect(sheet.columnWidths.get(1)).toBe(300);
  });

  it('fills a comparison\'s waiting figures when their report first runs', async () => {
    s = await stack({ transport: 'in-process' });
    await s.connect('instagram');
    await s.connect('facebook');
    for (const account of [CREATOR, BAKERY]) saveAll(['user_information', 'account_insights'], account);
    s.rt.advance(2 * DAY);
    const ALL = 'Dashboard: all accounts';
    s.rt.call('createCombinedDashboard', []);
    // @harbor.bakery is row 5, @sunny.creates row 6; column G is the engagement rate.
    expect(String(cell('G6', ALL))).toMatch(/^Add the Media Insights report/);
    s.rt.workbook.typeInto(ALL, 'J5', 'my note');
    saveAll(['media_insights'], CREATOR);
    s.rt.advance(DAY);
    expect(cell('A6', ALL)).toBe('@sunny.creates');
    expect(typeof cell('G6', ALL)).toBe('number');
    expect(String(cell('G5', ALL))).toMatch(/^Add the Media Insights report/);
    expect(cell('J5', ALL)).toBe('my note');
    expect(s.rt.workbook.charts(ALL)).toHaveLength(1);
  });

  it('shows each account only its own rows when two accounts write into the same tabs, and both side by side', async () => {
    s = await stack({ transport: 'in-process' });
    await s.connect('instagram');
    await s.connect('facebook');
    for (const account of [CREATOR, BAKERY]) saveAll(['user_information', 'account_insights'], account);
    s.rt.advance(9 * DAY);

    /** An account's rows of a shared tab, as objects by header. */
    const rowsOf = (tab: string, accountId: string) => {
      const [head, ...rows] = s.rt.workbook.values(tab);
      return rows.map((r) => Object.fromEntries(head.map((h, i) => [String(h), r[i]]))).filter((r) => r['Account ID'] === accountId);
    };
    const accounts = [{ id: CREATOR, username: 'sunny.creates' }, { id: BAKERY, username: 'harbor.bakery' }];
    const ui = accounts.map((a) => rowsOf("User's Information", a.id));
    // Both accounts' rows are in the one tab: the 30 days each first run rebuilt, then a snapshot a day each.
    expect(ui.map((rows) => rows.length)).toEqual([40, 40]);
    expect(s.rt.workbook.values("User's Information")).toHaveLength(1 + 80);

    for (const [k, a] of accounts.entries()) {
      const tab = `Dashboard @${a.username}`;
      const { message } = s.rt.call('createDashboard', [a.id]) as { message: string };
      expect(message).toMatch(new RegExp(`^The tab "${tab}" shows 2 charts for @${a.username.replace('.', '\\.')}\\.`));
      const followers = ui[k].map((r) => r.Followers as number);
      expect(cell('B4', tab)).toBe(followers[followers.length - 1]);
      expect(cell('B5', tab)).toBe(followers[followers.length - 1] - followers[followers.length - 1 - 7]);
      // Every point of its charts is one of its own rows, in date order.
      const charts = s.rt.workbook.charts(tab);
      const data = (title: string) => s.rt.workbook.chartData(tab, charts.find((c) => String(c.options.title).startsWith(title))!.id).slice(1);
      expect(data('Followers over time').map((r) => r[1])).toEqual(followers);
      const insights = rowsOf('Account Insights', a.id).sort((x, y) => (x.Date as Date).getTime() - (y.Date as Date).getTime());
      expect(insights.length).toBeGreaterThan(20);
      expect(data('Daily reach').map((r) => [r[1], r[2]])).toEqual(insights.map((r) => [r.Reach, r.Views]));
    }
    // The two accounts are far apart: neither dashboard's followers came near the other's.
    expect(cell('B4', 'Dashboard @sunny.creates')).toBeGreaterThan(40_000);
    expect(cell('B4', 'Dashboard @harbor.bakery')).toBeLessThan(5_000);

    const ALL = 'Dashboard: all accounts';
    const { message } = s.rt.call('createCombinedDashboard', []) as { message: string };
    // Accounts in the order of their usernames.
    expect(message).toBe(`The tab "${ALL}" compares 2 accounts: @harbor.bakery, @sunny.creates. 4 parts wait for data; the tab says what each needs, and each appears after a run brings its data.`);
    // TODAY() in the sheet's zone, and the Account Insights rows with their days in the sheet's zone.
    const dayOf = new Intl.DateTimeFormat('en-CA', { timeZone: s.rt.workbook.timeZone });
    const today = dayOf.format(s.rt.clock.now());
    const dayBefore = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) - n * DAY).toISOString().slice(0, 10);
    const [head, ...rows] = s.rt.workbook.values('Account Insights').map((r) => r.map((v) => v));
    const at = (h: string) => head.map(String).indexOf(h);
    const insights = rows.map((r) => ({ id: r[at('Account ID')], day: dayOf.format(r[at('Date')] as Date), reach: r[at('Reach')] as number, views: r[at('Views')] as number }));
    for (const [k, a] of [...accounts].reverse().entries()) {
      const row = 5 + k;
      expect(cell(`A${row}`, ALL)).toBe(`@${a.username}`);
      expect(cell(`B${row}`, ALL)).toBe(cell('B4', `Dashboard @${a.username}`));
      // Reach and views of the last 7 and 30 whole days before today, from this account's rows only.
      const sum = (metric: 'reach' | 'views', n: number) => insights.filter((r) => r.id === a.id && r.day >= dayBefore(n) && r.day < today).reduce((t, r) => t + r[metric], 0);
      expect(sum('reach', 7)).toBeGreaterThan(0);
      expect([cell(`C${row}`, ALL), cell(`D${row}`, ALL), cell(`E${row}`, ALL), cell(`F${row}`, ALL)]).toEqual([sum('reach', 7), sum('reach', 30), sum('views', 7), sum('views', 30)]);
      expect(String(cell(`G${row}`, ALL))).toMatch(/^Add the Media Insights report/);
    }
    // Followers over time: run dates down, a column per account, each the account's own snapshots.
    const [chart] = s.rt.workbook.charts(ALL);
    expect(chart.options.title).toBe('Followers over time, by account');
    const [header, ...points] = s.rt.workbook.chartData(ALL, chart.id);
    expect(header).toEqual(['Run date', '@harbor.bakery', '@sunny.creates']);
    expect(points).toHaveLength(40);
    expect(points.map((p) => p[1])).toEqual(ui[1].map((r) => r.Followers));
    expect(points.map((p) => p[2])).toEqual(ui[0].map((r) => r.Followers));
    // A rebuild replaces what Sheetgram made, nothing more.
    s.rt.workbook.typeInto(ALL, 'J5', 'my note');
    s.rt.call('createCombinedDashboard', []);
    expect(cell('J5', ALL)).toBe('my note');
    expect(s.rt.workbook.charts(ALL)).toHaveLength(1);
  });
});
