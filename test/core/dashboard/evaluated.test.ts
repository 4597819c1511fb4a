// The plans' formulas evaluated by the local Sheets engine over tabs that two accounts share: each
// account's dashboard shows its own figures, and the comparison sets both side by side.
import { describe, expect, it } from 'vitest';
import { planCombinedDashboard } from '../../../src/core/dashboard/combined';
import { planDashboard, type DashboardPlan, type SourceTab } from '../../../src/core/dashboard/layout';
import { setup } from '../../local/apps-script/services/spreadsheet/test-platform';

const SUNNY = '17841400000000001';
const BAKERY = '17841400000000002';
const DAYS = 10;

/** The clock is 2026-01-05 in New York: day 0 is ten days back, day 9 yesterday. */
const day = (i: number) => new Date(Date.UTC(2025, 11, 26 + i)).toISOString().slice(0, 10);

/** Shared tabs as the runs write them: the accounts' rows interleaved, ids as text; the bakery misses day 3. */
function book() {
  const t = setup();
  const write = (name: string, header: string[], rows: unknown[][]) => {
    const sheet = t.ss.insertSheet(name);
    sheet.getRange(1, 1, 1, header.length).setValues([header]);
    sheet.getRange(2, header.indexOf('Account ID') + 1, rows.length, 1).setNumberFormat('@');
    sheet.getRange(2, 1, rows.length, header.length).setValues(rows);
  };
  const profile: unknown[][] = [];
  const insights: unknown[][] = [];
  for (let i = 0; i < DAYS; i++) {
    profile.push([day(i), 'sunny.creates', SUNNY, 48_000 + 10 * i]);
    if (i !== 3) profile.push([day(i), 'harbor.bakery', BAKERY, 3_000 + i]);
    insights.push(['sunny.creates', SUNNY, day(i), 1_000 + i, 5_000]);
    insights.push(['harbor.bakery', BAKERY, day(i), 100, 200 + i]);
  }
  write("User's Information", ['Run date', 'Account', 'Account ID', 'Followers'], profile);
  write('Account Insights', ['Account', 'Account ID', 'Date', 'Reach', 'Views'], insights);
  const tab = (reportId: SourceTab['reportId'], name: string, accountId: string): SourceTab => {
    const values = t.ss.getSheetByName(name)!.getDataRange().getValues();
    const id = values[0].indexOf('Account ID');
    return { reportId, sheet: name, header: values[0].map(String), rows: values.filter((r) => r[id] === accountId).length, shared: true };
  };
  const tabsOf = (accountId: string) => [tab('user_information', "User's Information", accountId), tab('account_insights', 'Account Insights', accountId)];
  /** Writes a plan on a new tab and reads it back: value(a1), and a block's rows. */
  const show = (name: string, plan: DashboardPlan) => {
    const sheet = t.ss.insertSheet(name);
    sheet.insertColumnsAfter(sheet.getMaxColumns(), 20);
    for (const c of plan.cells) {
      const range = sheet.getRange(c.row, c.column);
      if (c.format) range.setNumberFormat(c.format);
      if (c.formula) range.setFormula(c.formula);
      else range.setValue(c.value ?? '');
    }
    return {
      value: (a1: string) => sheet.getRange(a1).getValue(),
      rows: (a1: string) => sheet.getRange(a1).getDisplayValues().filter((r) => r.some((v) => v !== '')),
    };
  };
  return { tabsOf, show };
}

describe('dashboard formulas over tabs two accounts share', () => {
  it('show each account only its own rows', () => {
    const b = book();
    const sunny = b.show('Dashboard @sunny.creates', planDashboard({ accountId: SUNNY, username: 'sunny.creates', tabs: b.tabsOf(SUNNY) }));
    const bakery = b.show('Dashboard @harbor.bakery', planDashboard({ accountId: BAKERY, username: 'harbor.bakery', tabs: b.tabsOf(BAKERY) }));
    expect(sunny.value('B4')).toBe(48_090);
    expect(bakery.value('B4')).toBe(3_009);
    // Seven days before 2026-01-05 is 2025-12-29 (day 3), which the bakery missed: its change reaches back to day 2.
    expect(sunny.value('B5')).toBe(60);
    expect(bakery.value('B5')).toBe(7);
    expect(sunny.rows('O2:P100')).toEqual([['Run date', 'Followers'], ...Array.from({ length: DAYS }, (_, i) => [day(i), String(48_000 + 10 * i)])]);
    expect(bakery.rows('O2:P100')).toHaveLength(1 + DAYS - 1);
    expect(bakery.rows('R2:T100').slice(1).every(([, reach]) => reach === '100')).toBe(true);
  });

  it('set the accounts side by side, with one followers column per account', () => {
    const b = book();
    const all = b.show('Dashboard: all accounts', planCombinedDashboard({ accounts: [
      { accountId: SUNNY, username: 'sunny.creates', tabs: b.tabsOf(SUNNY) },
      { accountId: BAKERY, username: 'harbor.bakery', tabs: b.tabsOf(BAKERY) },
    ] }));
    expect(all.rows('A5:F6')).toEqual([
      // The last 7 whole days are days 3 to 9 (reach 1003..1009, views 200+3..200+9); 30 days hold all ten.
      ['@sunny.creates', '48,090', '7,042', '10,045', '35,000', '50,000'],
      ['@harbor.bakery', '3,009', '700', '1,000', '1,442', '2,045'],
    ]);
    const block = all.rows('O2:Q100');
    expect(block[0]).toEqual(['Run date', '@sunny.creates', '@harbor.bakery']);
    expect(block).toHaveLength(1 + DAYS);
    // The day the bakery has no row stays empty, not 0.
    expect(block[4]).toEqual([day(3), '48030', '']);
    expect(block[10]).toEqual([day(9), '48090', '3009']);
  });
});
