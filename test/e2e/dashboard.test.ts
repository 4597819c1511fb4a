// The dashboard end to end: built from the report tabs after a few days of scheduled runs, its
// headline formulas agree with the tabs, its charts read the right columns and have data, appended
// rows show up without a rebuild, a rebuild keeps what the person added, and missing data gets a note.
import { afterEach, describe, expect, it } from 'vitest';
import type { Stack } from '../../local/platform/stack';
import { REPORTS } from '../../src/core/reports/registry';
import { CREATOR, DAY, stack } from './support';

let s: Stack;
afterEach(async () => {
  await s?.close();
});

const TAB = 'Dashboard @sunny.creates';

function saveAll(reportIds: string[]) {
  for (const reportId of reportIds) {
    const report = REPORTS.find((r) => r.id === reportId)!;
    s.rt.call('saveConfiguration', [{
      accountId: CREATOR, reportId, fields: report.fields.filter((f) => f.default).map((f) => f.id), tabName: report.title, mode: report.defaultMode,
      schedule: { kind: 'daily', hour: 7 },
    }]);
  }
}

const cell = (a1: string) => {
  const sheet = s.rt.workbook.sheetNamed(TAB)!;
  const { rect } = s.rt.workbook.rectOf(a1, sheet);
  return s.rt.workbook.valueAt(sheet, rect.row, rect.column);
};
const column = (tab: string, header: string) => {
  const [head, ...rows] = s.rt.workbook.values(tab);
  return rows.map((r) => r[head.indexOf(header)]);
};

describe('the dashboard', () => {
  it('shows headline figures that agree with the report tabs and eight charts with data', async () => {
    s = await stack({ transport: 'in-process' });
    await s.connect('instagram');
    saveAll(['user_information', 'account_insights', 'media_insights', 'recent_media', 'audience_demographics', 'online_followers']);
    s.rt.advance(3 * DAY);
    const { message } = s.rt.call('createDashboard', [CREATOR]) as { message: string };
    expect(message).toBe(`The tab "${TAB}" shows 8 charts for @sunny.creates.`);

    const followers = column("User's Information", 'Followers');
    expect(cell('B4')).toBe(followers[followers.length - 1]);
    expect(cell('B5')).toBe('not enough history yet');
    const since = s.rt.clock.now() - 30 * DAY;
    const posted = column("User's Recent Media", 'Posted at') as Date[];
    // TODAY() is midnight of the sheet's day: posts from that midnight 30 days back count.
    expect(cell('B7')).toBeGreaterThanOrEqual(posted.filter((d) => d.getTime() >= since).length);
    expect(cell('B7')).toBeLessThanOrEqual(posted.filter((d) => d.getTime() >= since - DAY).length);
    expect(typeof cell('B8')).toBe('number');
    expect(cell('B9')).toBeGreaterThan(0);

    const charts = s.rt.workbook.charts(TAB);
    expect(charts.map((c) => c.type).sort()).toEqual(['COLUMN', 'COLUMN', 'COLUMN', 'COLUMN', 'GEO', 'LINE', 'LINE', 'TABLE']);
    const followersChart = charts.find((c) => c.options.title === 'Followers over time')!;
    // The run-date and followers columns of the User's Information tab, header included, whole columns.
    const [head] = s.rt.workbook.values("User's Information");
    const letter = (header: string) => String.fromCharCode(65 + head.indexOf(header));
    const rows = s.rt.workbook.sheetNamed("User's Information")!.maxRows;
    expect(followersChart.ranges).toEqual([`'User''s Information'!A1:A${rows}`, `'User''s Information'!${letter('Followers')}1:${letter('Followers')}${rows}`]);
    for (const chart of charts) expect(s.rt.workbook.chartData(TAB, chart.id).length, String(chart.options.title)).toBeGreaterThan(1);
    // Whole columns: the next day's row shows in the chart without rebuilding.
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
    saveAll(['user_information']);
    s.rt.advance(DAY / 2);
    const first = s.rt.call('createDashboard', [CREATOR]) as { message: string };
    expect(first.message).toMatch(/shows 0 charts.*8 charts wait for data: Followers over time: needs at least 2 days of history/);
    expect(String(cell('A12'))).toMatch(/^Followers over time: needs at least 2 days of history/);
    expect(String(cell('G12'))).toMatch(/^Daily reach: Add the Account Insights report for @sunny.creates/);
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
    expect(cell('A12')).toBe('');
    expect(String(cell('A32'))).toMatch(/^Average interactions by type: Add the Media Insights report/);
    // Rebuilding again adds no duplicate chart.
    s.rt.call('createDashboard', [CREATOR]);
    expect(s.rt.workbook.charts(TAB)).toHaveLength(2);
  });
});
