// The editor's tab choice, per account: the default name comes from the server's suggestions, an existing
// tab is described next to the tab field before Save (as text), a refused tab stops Save, and a person's
// own tab needs the "Use this tab anyway" box, which is then sent as adoptTab.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHarness, recordedCalls, isFocused, type Harness, type InPage } from './support/sidebar-page';
import { sidebarState } from './support/fixtures';
import type { SidebarState, TabDescription } from '../../src/contract/sidebar';

// The fake google.script.run offers only the listed server functions.

let harness: Harness;
beforeAll(async () => { harness = await startHarness(); });
afterAll(async () => { await harness?.close(); });

const PORTO = '17841400000000002';
const SHARED: TabDescription = {
  name: 'Profile', use: 'shared', allowed: 'yes',
  message: 'This tab already holds rows of @bakery.lisbon for User\'s Information. Rows stay apart by account: each run touches only @studio.porto rows.',
};
const BUDGET: TabDescription = {
  name: 'Budget', use: 'your_tab', allowed: 'ask', header: ['Month', 'Spend'], rows: 3, suggestion: 'User\'s Information @studio.porto',
  message: 'The tab "Budget" was not made by Sheetgram and holds 3 rows of your data. Choose a new tab such as "User\'s Information @studio.porto", or tick "Use this tab anyway": Sheetgram adds its own columns and never overwrites your cells.',
};

function state(): SidebarState {
  const s = sidebarState();
  s.tabs = [...s.tabs, 'Budget'];
  s.tabSuggestions = { [PORTO]: { user_information: 'User\'s Information @studio.porto', recent_media: 'User\'s Recent Media' } };
  return s;
}

async function newReportFor(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'New report' }).click();
  await page.getByLabel('Account', { exact: true }).selectOption({ label: '@studio.porto (Facebook Login)' });
  await page.getByLabel('Report', { exact: true }).selectOption({ label: 'User\'s Information' });
}

const note = (page: Page) => page.locator('#editor-tab-note');
const message = (page: Page) => page.locator('#editor-tab-message');

describe('choosing the tab', () => {
  it('offers the account\'s own default name', async () => {
    const page = await harness.open({ getSidebarState: [{ value: state() }] });
    await newReportFor(page);
    expect(await page.getByLabel('New tab name').inputValue()).toBe('User\'s Information @studio.porto');
    // A free name needs no word from the server.
    expect(await recordedCalls(page, 'describeTab')).toHaveLength(0);
  });

  it('says next to the tab field that the rows of two accounts stay apart, and saves', async () => {
    const page = await harness.open({ getSidebarState: [{ value: state() }], describeTab: [{ value: SHARED }], saveConfiguration: [{ value: state().configurations[0] }] });
    await newReportFor(page);
    await page.getByLabel('Which existing tab').selectOption('Profile');
    await expect.poll(() => note(page).innerText()).toBe(SHARED.message);
    expect(await message(page).innerText()).toBe(SHARED.message);
    expect((await recordedCalls(page, 'describeTab'))[0].args).toEqual(['Profile', 'user_information', PORTO, '']);
    // The note sits in the Tab group, described to screen readers as a live status.
    expect(await page.locator('fieldset:has(#editor-tab-existing) #editor-tab-note').count()).toBe(1);
    expect(await note(page).getAttribute('aria-live')).toBe('polite');
    expect(await page.getByRole('checkbox', { name: /Use this tab anyway/ }).isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await recordedCalls(page, 'saveConfiguration')).length).toBe(1);
    const [input] = (await recordedCalls(page, 'saveConfiguration'))[0].args as [Record<string, unknown>];
    expect(input).toMatchObject({ accountId: PORTO, reportId: 'user_information', tabName: 'Profile' });
    expect(input).not.toHaveProperty('adoptTab');
  });

  it('requires the box for a person\'s own tab, shows its first row, and sends adoptTab once ticked', async () => {
    const page = await harness.open({ getSidebarState: [{ value: state() }], describeTab: [{ value: BUDGET }], saveConfiguration: [{ value: state().configurations[0] }] });
    await newReportFor(page);
    await page.getByLabel('Which existing tab').selectOption('Budget');
    await expect.poll(() => note(page).innerText()).toContain('was not made by Sheetgram and holds 3 rows');
    expect(await page.locator('#editor-tab-contents').innerText()).toBe('First row: Month | Spend. 3 rows in all.');
    const adopt = page.getByRole('checkbox', { name: 'Use this tab anyway: Sheetgram adds its own columns and never overwrites your cells' });
    expect(await adopt.isVisible()).toBe(true);
    expect(await adopt.isChecked()).toBe(false);
    await page.getByRole('button', { name: 'Save' }).click();
    expect(await page.locator('#editor-tab-error').innerText()).toBe('Tick "Use this tab anyway", or choose a new tab such as "User\'s Information @studio.porto".');
    expect(await isFocused(adopt)).toBe(true);
    expect(await recordedCalls(page, 'saveConfiguration')).toHaveLength(0);
    await adopt.check();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await recordedCalls(page, 'saveConfiguration')).length).toBe(1);
    expect((await recordedCalls(page, 'saveConfiguration'))[0].args).toEqual([expect.objectContaining({ tabName: 'Budget', adoptTab: true })]);
  });

  it('takes the suggested free name in one click', async () => {
    const page = await harness.open({ getSidebarState: [{ value: state() }], describeTab: [{ value: BUDGET }] });
    await newReportFor(page);
    await page.getByLabel('Which existing tab').selectOption('Budget');
    await page.getByRole('button', { name: 'Use "User\'s Information @studio.porto"' }).click();
    expect(await page.getByRole('radio', { name: 'New tab' }).isChecked()).toBe(true);
    expect(await page.getByLabel('New tab name').inputValue()).toBe('User\'s Information @studio.porto');
    expect(await isFocused(page.getByLabel('New tab name'))).toBe(true);
    expect(await note(page).innerText()).toBe('');
    expect(await page.getByRole('checkbox', { name: /Use this tab anyway/ }).isVisible()).toBe(false);
  });

  it('stops Save for a refused tab and says what to do, as text', async () => {
    const attack = '<img src=x onerror="window.__pwned=1">';
    const refused: TabDescription = {
      name: 'Posts', use: 'other_report', allowed: 'no', suggestion: `User's Information ${attack}`,
      message: `The tab "Posts" holds User's Recent Media for @old.shop; each report needs its own tab. Choose a new tab such as "User's Information ${attack}".`,
    };
    const page = await harness.open({ getSidebarState: [{ value: state() }], describeTab: [{ value: refused }] });
    await newReportFor(page);
    await page.getByLabel('New tab name').fill('Posts');
    await expect.poll(() => message(page).innerText()).toBe(refused.message);
    expect(await page.getByRole('button', { name: `Use "User's Information ${attack}"` }).count()).toBe(1);
    await page.getByRole('radio', { name: 'Existing tab' }).check();
    await page.getByLabel('Which existing tab').selectOption('Posts');
    await page.getByRole('button', { name: 'Save' }).click();
    expect(await page.locator('#editor-tab-error').innerText()).toBe(refused.message);
    expect(await page.getByLabel('Which existing tab').getAttribute('aria-invalid')).toBe('true');
    expect(await recordedCalls(page, 'saveConfiguration')).toHaveLength(0);
    expect(await page.locator('#editor-tab-note img').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as unknown as InPage).__pwned)).toBeUndefined();
  });
});
