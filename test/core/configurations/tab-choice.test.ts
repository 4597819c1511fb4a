// What writing a report into a named tab would do: shared by accounts of the same report (said, allowed),
// another report's tab, a second configuration of the same report and account, and Sheetgram's own tabs
// (refused, with a free name), a person's tab with data (only when they tick the box). Saving checks the same.
import { describe, expect, it } from 'vitest';
import type { ConnectedAccount } from '../../../src/core/accounts/types';
import { configurationFromInput, InputError, type ConfigurationInput } from '../../../src/core/configurations/input';
import { describeTabChoice, tabRefusal, type TabSurvey, type TabTarget } from '../../../src/core/configurations/tab-choice';

const SUNNY = { accountId: '1', username: 'sunny' };
const BAKERY = { accountId: '2', username: 'bakery' };

function survey(tabs: Record<string, string[][]>, targets: TabTarget[] = []): TabSurvey {
  return {
    tabNames: Object.keys(tabs),
    targets,
    contents: (name) => {
      const rows = Object.entries(tabs).find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
      return rows ? { header: rows[0] ?? [], lastRow: rows.length } : null;
    },
  };
}
const target = (configId: string, reportId: string, who: { accountId: string; username: string }, tabName: string): TabTarget => ({ configId, reportId, ...who, tabName });
const ask = (name: string, s: TabSurvey, who = BAKERY, reportId = 'user_information', configurationId: string | null = null) =>
  describeTabChoice({ name, reportId, ...who, configurationId }, s);

const INFO = 'User\'s Information';
const withSunny = survey({ [INFO]: [['Date', 'Followers'], ['2026-01-01', '10']] }, [target('c1', 'user_information', SUNNY, INFO)]);

describe('describeTabChoice', () => {
  it('a new name: the tab is created', () => {
    expect(ask('Bakery profile', withSunny)).toMatchObject({ use: 'new', allowed: 'yes', message: 'Sheetgram creates the tab "Bakery profile" on the first run.' });
  });

  it('the same report for another account: allowed, and says the rows stay apart', () => {
    const d = ask(INFO, withSunny);
    expect(d).toMatchObject({ use: 'shared', allowed: 'yes' });
    expect(d.message).toBe('This tab already holds rows of @sunny for User\'s Information. Rows stay apart by account: each run touches only @bakery rows.');
    expect(d.suggestion).toBeUndefined();
    // Case does not matter to Sheets, so not here either.
    expect(ask('user\'s information', withSunny).use).toBe('shared');
  });

  it('names every other account sharing the tab', () => {
    const s = survey({ [INFO]: [['Date']] }, [target('c1', 'user_information', SUNNY, INFO), target('c2', 'user_information', { accountId: '3', username: 'porto' }, INFO)]);
    expect(ask(INFO, s).message).toMatch(/^This tab already holds rows of @sunny and @porto for User's Information\./);
  });

  it('another report\'s tab: refused, with a free name', () => {
    const d = ask(INFO, withSunny, BAKERY, 'recent_media');
    expect(d).toMatchObject({ use: 'other_report', allowed: 'no', suggestion: 'User\'s Recent Media' });
    expect(d.message).toBe('The tab "User\'s Information" holds User\'s Information for @sunny; each report needs its own tab. Choose a new tab such as "User\'s Recent Media".');
  });

  it('a second configuration of the same report and account: refused; editing the first is fine', () => {
    const d = ask(INFO, withSunny, SUNNY);
    expect(d).toMatchObject({ use: 'same_account', allowed: 'no', suggestion: 'User\'s Information @sunny' });
    expect(d.message).toMatch(/^@sunny already collects User's Information into "User's Information" in another report\. Edit that report instead/);
    expect(ask(INFO, withSunny, SUNNY, 'user_information', 'c1')).toMatchObject({ use: 'same', allowed: 'yes' });
  });

  it('Sheetgram\'s own tabs: refused, even before they exist', () => {
    for (const name of ['Sheetgram log', 'Dashboard @sunny']) {
      const d = ask(name, survey({ 'Dashboard @sunny': [['Followers']] }));
      expect(d).toMatchObject({ use: 'sheetgram', allowed: 'no', suggestion: INFO });
      expect(d.message).toMatch(/reports cannot write there\. Choose another tab such as "User's Information"\./);
    }
  });

  it('a person\'s tab with data: shows its first row and size, and asks', () => {
    const budget = survey({ Budget: [['Month', 'Spend', '', 'Notes', 'A', 'B', 'C'], ['Jan', '10'], ['Feb', '12']], [INFO]: [] });
    const d = ask('budget', budget);
    expect(d).toMatchObject({ name: 'budget', use: 'your_tab', allowed: 'ask', header: ['Month', 'Spend', '', 'Notes', 'A'], rows: 3, suggestion: 'User\'s Information @bakery' });
    expect(d.message).toBe('The tab "budget" was not made by Sheetgram and holds 3 rows of your data. Choose a new tab such as "User\'s Information @bakery", '
      + 'or tick "Use this tab anyway": Sheetgram adds its own columns and never overwrites your cells.');
  });

  it('an edit that keeps its report, account and tab is not refused what it already does', () => {
    // Saved before tabs were checked: two reports in one tab.
    const legacy = survey({ Mixed: [['x']] }, [target('c1', 'user_information', SUNNY, 'Mixed'), target('c2', 'recent_media', SUNNY, 'Mixed')]);
    expect(ask('Mixed', legacy, SUNNY, 'user_information', 'c1')).toMatchObject({ use: 'same', allowed: 'yes' });
    // Moving it to another account is a new choice, and checked.
    expect(ask('Mixed', legacy, BAKERY, 'user_information', 'c1').use).toBe('other_report');
    expect(ask(INFO, withSunny, SUNNY, 'user_information', 'c1').use).toBe('same');
  });

  it('an empty tab is simply used', () => {
    expect(ask('Sheet1', survey({ Sheet1: [] }))).toMatchObject({ use: 'empty', allowed: 'yes' });
  });

  it('a refusal wins over a sharing account', () => {
    const mixed = survey({ Mixed: [['x']] }, [target('c1', 'user_information', SUNNY, 'Mixed'), target('c2', 'recent_media', SUNNY, 'Mixed')]);
    expect(ask('Mixed', mixed).use).toBe('other_report');
  });
});

describe('tabRefusal', () => {
  it('refuses "no", and "ask" unless the person ticked the box', () => {
    expect(tabRefusal(ask(INFO, withSunny, BAKERY, 'recent_media'), true)).toMatch(/each report needs its own tab/);
    const budget = ask('Budget', survey({ Budget: [['Month'], ['Jan']] }));
    expect(tabRefusal(budget, false)).toMatch(/tick "Use this tab anyway"/);
    expect(tabRefusal(budget, true)).toBeNull();
    expect(tabRefusal(ask(INFO, withSunny), false)).toBeNull();
  });
});

describe('saving checks the tab too', () => {
  const account: ConnectedAccount = {
    id: '2', username: 'bakery', accountType: 'BUSINESS', flow: 'instagram', scopes: ['instagram_business_basic', 'instagram_business_manage_insights'],
    connectedAt: 0, tokenIssuedAt: 0, tokenExpiresAt: null,
  };
  const input = (extra: Partial<ConfigurationInput> = {}): ConfigurationInput => ({
    accountId: '2', reportId: 'user_information', fields: ['followers_count'], tabName: INFO, mode: 'append', schedule: { kind: 'off' }, ...extra,
  });
  const s = survey({ [INFO]: [['Followers'], ['1']], Budget: [['Month'], ['Jan']] }, [target('c1', 'user_information', SUNNY, INFO)]);
  const ctx = (existing: ReturnType<typeof configurationFromInput> | null = null) => ({
    account, existing, owner: 'u', now: 1, newId: () => 'c9',
    describeTab: (name: string, reportId: string) => describeTabChoice({ name, reportId, accountId: '2', username: 'bakery', configurationId: existing?.id }, s),
  });
  const refusal = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      if (e instanceof InputError) return e.message;
      throw e;
    }
    return null;
  };

  it('saves into a tab the same report writes for another account', () => {
    expect(configurationFromInput(input(), ctx()).tab).toEqual({ sheetId: null, name: INFO });
  });

  it('refuses another report\'s tab and Sheetgram\'s tabs, with what to do', () => {
    expect(refusal(() => configurationFromInput(input({ reportId: 'recent_media', fields: ['id'], mode: 'update' }), ctx()))).toMatch(/each report needs its own tab\. Choose a new tab such as "User's Recent Media"/);
    expect(refusal(() => configurationFromInput(input({ tabName: 'Sheetgram log' }), ctx()))).toMatch(/reports cannot write there/);
  });

  it('refuses a person\'s tab without adoptTab and takes it with adoptTab', () => {
    expect(refusal(() => configurationFromInput(input({ tabName: 'Budget' }), ctx()))).toMatch(/not made by Sheetgram.*tick "Use this tab anyway"/);
    expect(configurationFromInput(input({ tabName: 'Budget', adoptTab: true }), ctx()).tab.name).toBe('Budget');
  });

  it('does not ask again when an edit keeps the report, account and tab', () => {
    const saved = configurationFromInput(input({ tabName: 'Budget', adoptTab: true }), ctx());
    expect(configurationFromInput(input({ id: saved.id, tabName: 'Budget', mode: 'replace' }), ctx(saved)).mode).toBe('replace');
  });
});
