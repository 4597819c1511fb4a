// The comparison of all accounts: a row of figures per account, each formula keeping only that
// account's rows of its own tabs, and followers over time with a column per account.
import { describe, expect, it } from 'vitest';
import { planCombinedDashboard, type AccountSource } from '../../../src/core/dashboard/combined';
import type { SourceTab } from '../../../src/core/dashboard/source';
import { textWidth } from '../../../src/core/tabs/look';

const SUNNY = '17841400000000001';
const BAKERY = '17841400000000002';

const ui = (sheet = "User's Information", rows = 5): SourceTab => ({ reportId: 'user_information', sheet, header: ['Run date', 'Account', 'Account ID', 'Followers'], rows, shared: true });
const ai = (): SourceTab => ({ reportId: 'account_insights', sheet: 'Account Insights', header: ['Account', 'Account ID', 'Date', 'Reach', 'Views'], rows: 30, shared: true });
const mi = (): SourceTab => ({ reportId: 'media_insights', sheet: 'Media Insights', header: ['Account', 'Account ID', 'Posted at', 'Reach', 'Total interactions'], rows: 40 });

const sunny = (tabs: SourceTab[] = [ui(), ai(), mi()]): AccountSource => ({ accountId: SUNNY, username: 'sunny.creates', tabs });
const bakery = (tabs: SourceTab[] = [ui(), ai()]): AccountSource => ({ accountId: BAKERY, username: 'harbor.bakery', tabs });
const at = (plan: ReturnType<typeof planCombinedDashboard>, row: number, column: number) => plan.cells.find((c) => c.row === row && c.column === column);

describe('planCombinedDashboard', () => {
  it('writes one row per account, every figure filtered by that account', () => {
    const plan = planCombinedDashboard({ accounts: [sunny(), bakery()] });
    expect(plan.cells.filter((c) => c.row === 4).map((c) => c.value)).toEqual([
      'Account', 'Followers now', 'Reach, last 7 days', 'Reach, last 30 days', 'Views, last 7 days', 'Views, last 30 days',
      'Engagement rate per post (30 days)', 'Posts in the last 30 days',
    ]);
    // Usernames are values kept as text, never put into a formula.
    expect(at(plan, 5, 1)).toEqual({ row: 5, column: 1, value: '@sunny.creates', format: '@' });
    expect(at(plan, 6, 1)).toEqual({ row: 6, column: 1, value: '@harbor.bakery', format: '@' });
    for (const [row, id] of [[5, SUNNY], [6, BAKERY]] as const) {
      const [, followers, reach7, , , views30] = Array.from({ length: 6 }, (_, i) => at(plan, row, 1 + i));
      expect(followers!.formula).toBe(`=IFERROR(INDEX(SORT(FILTER({'User''s Information'!A2:A,'User''s Information'!D2:D},'User''s Information'!A2:A<>"",'User''s Information'!C2:C&""="${id}"),1,FALSE),1,2),"")`);
      expect(reach7!.formula).toBe(`=IFERROR(SUM(FILTER('Account Insights'!D2:D,'Account Insights'!C2:C>=TODAY()-7,'Account Insights'!C2:C<TODAY(),'Account Insights'!B2:B&""="${id}")),"no days yet")`);
      expect(views30!.formula).toContain(`SUM(FILTER('Account Insights'!E2:E,'Account Insights'!C2:C>=TODAY()-30,`);
      for (const c of plan.cells.filter((x) => x.row === row && x.formula)) expect(c.formula).toContain(`&""="${id}"`);
    }
    expect(at(plan, 5, 7)!.formula).toBe(`=IFERROR(AVERAGE(FILTER('Media Insights'!E2:E,'Media Insights'!C2:C>=TODAY()-30,'Media Insights'!B2:B&""="${SUNNY}"))/B5,"")`);
    expect(at(plan, 5, 8)!.formula).toBe(`=IFERROR(ROWS(FILTER('Media Insights'!C2:C,'Media Insights'!C2:C>=TODAY()-30,'Media Insights'!B2:B&""="${SUNNY}")),0)`);
    // The bakery has no Media Insights: its cells say so.
    expect(at(plan, 6, 7)!.value).toBe('Add the Media Insights report for @harbor.bakery in the sidebar to see this.');
    expect(plan.notes.map((n) => n.key)).toEqual([`${BAKERY}:Engagement rate per post (30 days)`, `${BAKERY}:Posts in the last 30 days`]);
  });

  it('charts followers with the run dates down and one column per account', () => {
    const plan = planCombinedDashboard({ accounts: [sunny(), bakery()] });
    expect(plan.charts).toEqual([{
      key: 'followers', title: 'Followers over time, by account', type: 'LINE', ranges: ['O2:Q'], row: 12, column: 1,
      options: { title: 'Followers over time, by account', legend: 'bottom', interpolateNulls: true },
    }]);
    expect([15, 16, 17].map((c) => at(plan, 2, c)!.value)).toEqual(['Run date', '@sunny.creates', '@harbor.bakery']);
    const [d, f, id] = ["'User''s Information'!A2:A", "'User''s Information'!D2:D", "'User''s Information'!C2:C"];
    // Both accounts write into one tab: its dates are read once, for either account.
    expect(at(plan, 3, 15)!.formula).toBe(`=IFERROR(SORT(UNIQUE(FILTER(${d},${d}<>"",(${id}&""="${SUNNY}")+(${id}&""="${BAKERY}")))),"")`);
    expect(at(plan, 3, 17)!.formula).toBe(`=ARRAYFORMULA(IFERROR(VLOOKUP(FILTER(O3:O,O3:O<>""),FILTER({${d},${f}},${d}<>"",${id}&""="${BAKERY}"),2,FALSE)))`);
  });

  it('reads each account from its own tabs, stacking the run dates of tabs that differ', () => {
    const plan = planCombinedDashboard({ accounts: [sunny([ui('Sunny profile')]), bakery([{ ...ui('Old profile'), header: ['Run date', 'Followers'], shared: false }])] });
    expect(at(plan, 5, 2)!.formula).toContain(`'Sunny profile'!C2:C&""="${SUNNY}"`);
    // An old tab without Account ID that only the bakery writes to is wholly the bakery's.
    expect(at(plan, 6, 2)!.formula).toBe(`=IFERROR(INDEX(SORT(FILTER({'Old profile'!A2:A,'Old profile'!B2:B},'Old profile'!A2:A<>""),1,FALSE),1,2),"")`);
    const sunnyDates = `IFERROR(FILTER('Sunny profile'!A2:A,'Sunny profile'!A2:A<>"",('Sunny profile'!C2:C&""="${SUNNY}")),"")`;
    const bakeryDates = `IFERROR(FILTER('Old profile'!A2:A,'Old profile'!A2:A<>""),"")`;
    const stacked = `{${sunnyDates};${bakeryDates}}`;
    expect(at(plan, 3, 15)!.formula).toBe(`=IFERROR(SORT(UNIQUE(FILTER(${stacked},${stacked}<>""))),"")`);
  });

  it('says what is missing instead of charting nothing', () => {
    const plan = planCombinedDashboard({ accounts: [sunny([ai()]), bakery([ui("User's Information", 1)])] });
    expect(plan.charts).toEqual([]);
    expect(plan.notes.find((n) => n.key === 'followers')!.text).toMatch(/^Followers over time, by account: needs at least 2 days/);
    expect(at(plan, 5, 2)!.value).toBe('Add the User\'s Information report for @sunny.creates in the sidebar to see this.');
    // Three accounts push the chart below the table.
    const three = planCombinedDashboard({ accounts: [sunny(), bakery(), { ...bakery(), accountId: '3', username: 'c' }, { ...bakery(), accountId: '4', username: 'd' }, { ...bakery(), accountId: '5', username: 'e' }, { ...bakery(), accountId: '6', username: 'f' }] });
    expect(three.charts[0].row).toBe(13);
  });

  it('sizes every column for its header and says which reports a waiting figure needs', () => {
    const plan = planCombinedDashboard({ accounts: [sunny(), bakery()] });
    const width = (column: number) => plan.widths.find((w) => w.column === column)?.width ?? 100;
    for (const c of plan.cells.filter((x) => x.row === 4)) expect(width(c.column), String(c.value)).toBeGreaterThanOrEqual(textWidth(String(c.value)));
    expect(plan.waiting).toEqual([
      { part: `${BAKERY}:Engagement rate per post (30 days)`, reports: ['media_insights'] },
      { part: `${BAKERY}:Posts in the last 30 days`, reports: ['recent_media', 'media_insights'] },
    ]);
    expect(at(plan, 5, 8)!.format).toBe('#,##0');
    expect(plan.cells.filter((c) => c.part === `${BAKERY}:Posts in the last 30 days`).map((c) => [c.row, c.column])).toEqual([[6, 8]]);
  });
});
