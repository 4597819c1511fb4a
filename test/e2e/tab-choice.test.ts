// Choosing the tab, per account, through the real bundle: the editor's default names differ once an
// account has taken the title, a second account may share the first one's tab (and is told how rows stay
// apart), another report may not, Sheetgram's own tabs are refused, and a person's tab with data is used
// only with adoptTab.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../local/platform/stack';
import type { Configuration, SidebarState, TabDescription } from '../../src/contract/sidebar';
import { BAKERY, CREATOR, refusal, stackWithBothAccounts } from './support';

let s: Stack;
beforeAll(async () => {
  s = await stackWithBothAccounts();
});
afterAll(async () => {
  await s?.close();
});

const INFO = 'User\'s Information';
const FIELDS: Record<string, string[]> = { user_information: ['followers_count'], recent_media: ['id', 'caption'] };
const state = () => s.rt.call('getSidebarState') as SidebarState;
const save = (accountId: string, reportId: string, tabName: string, extra: Record<string, unknown> = {}) => s.rt.call('saveConfiguration', [{
  accountId, reportId, fields: FIELDS[reportId], tabName, mode: reportId === 'user_information' ? 'append' : 'update', schedule: { kind: 'off' }, ...extra,
}]) as Configuration;
const describeTab = (name: string, reportId: string, accountId: string, configurationId = '') =>
  s.rt.call('describeTab', [name, reportId, accountId, configurationId]) as TabDescription;

describe('the tab a report goes to, per account', () => {
  it('gives the second account its own default name for the same report', () => {
    expect(state().tabSuggestions?.[CREATOR]?.user_information).toBe(INFO);
    const first = save(CREATOR, 'user_information', state().tabSuggestions![CREATOR].user_information);
    expect(first.tabName).toBe(INFO);
    const suggested = state().tabSuggestions![BAKERY].user_information;
    expect(suggested).toBe('User\'s Information @harbor.bakery');
    // The first account asking again (a second setup of the same report) gets its own name too.
    expect(state().tabSuggestions![CREATOR].user_information).toBe('User\'s Information @sunny.creates');
  });

  it('lets the second account choose the first account\'s tab, and says what that means', () => {
    const d = describeTab(INFO, 'user_information', BAKERY);
    expect(d).toMatchObject({ use: 'shared', allowed: 'yes' });
    expect(d.message).toBe('This tab already holds rows of @sunny.creates for User\'s Information. Rows stay apart by account: each run touches only @harbor.bakery rows.');
    expect(save(BAKERY, 'user_information', INFO).tabName).toBe(INFO);
  });

  it('refuses a different report into that tab, and the same report and account twice, with a free name', () => {
    expect(describeTab(INFO, 'recent_media', CREATOR)).toMatchObject({ use: 'other_report', allowed: 'no', suggestion: 'User\'s Recent Media' });
    expect(refusal(() => save(CREATOR, 'recent_media', INFO))).toMatch(/^\[sheetgram:invalid_input\] \[field:tabName\] The tab "User's Information" holds User's Information for @sunny\.creates; each report needs its own tab\. Choose a new tab such as "User's Recent Media"\.$/);
    expect(refusal(() => save(CREATOR, 'user_information', INFO))).toMatch(/@sunny\.creates already collects User's Information into "User's Information" in another report\. Edit that report instead, or choose a new tab such as "User's Information @sunny\.creates"/);
    expect(refusal(() => save(CREATOR, 'user_information', 'Sheetgram log'))).toMatch(/reports cannot write there/);
    expect(state().configurations).toHaveLength(2);
  });

  it('refuses a person\'s own tab without adoptTab and accepts it with adoptTab', () => {
    s.rt.workbook.addSheet('Budget');
    for (const [a1, text] of [['A1', 'Month'], ['B1', 'Spend'], ['A2', 'Jan'], ['B2', '120'], ['A3', 'Feb']]) s.rt.workbook.typeInto('Budget', a1, text);
    const d = describeTab('Budget', 'recent_media', CREATOR);
    expect(d).toMatchObject({ use: 'your_tab', allowed: 'ask', header: ['Month', 'Spend'], rows: 3, suggestion: 'User\'s Recent Media' });
    expect(refusal(() => save(CREATOR, 'recent_media', 'Budget'))).toMatch(/was not made by Sheetgram and holds 3 rows of your data\. Choose a new tab such as "User's Recent Media", or tick "Use this tab anyway"/);
    const adopted = save(CREATOR, 'recent_media', 'Budget', { adoptTab: true });
    expect(adopted.tabName).toBe('Budget');
    // Saved once, the tab is the report's own: editing it asks nothing more.
    expect(describeTab('Budget', 'recent_media', CREATOR, adopted.id).use).toBe('same');
    expect(save(CREATOR, 'recent_media', 'Budget', { id: adopted.id, mode: 'replace' }).mode).toBe('replace');
    // The person's cells are untouched by saving.
    expect(s.rt.workbook.values('Budget').slice(0, 3).map((r) => r.slice(0, 2))).toEqual([['Month', 'Spend'], ['Jan', 120], ['Feb', '']]);
  });

  it('keeps an existing empty tab simple', () => {
    expect(describeTab('Sheet1', 'recent_media', BAKERY)).toMatchObject({ use: 'empty', allowed: 'yes' });
  });
});
