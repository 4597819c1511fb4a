// One report for several accounts (issue 13): the editor's account choice offers "All connected accounts"
// and "Choose accounts…" once two accounts are connected and sends `accounts` accordingly; the members of
// a group are one card with a line per account, and its Run now, Edit and Delete act on the group.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHarness, recordedCalls, release, isFocused, type Harness, type InPage } from './support/sidebar-page';
import { NOW, groupMembers, groupState, sidebarState } from './support/fixtures';
import type { TabDescription } from '../../src/contract/sidebar';

let harness: Harness;
beforeAll(async () => { harness = await startHarness(); });
afterAll(async () => { await harness?.close(); });

const BAKERY = '17841400000000001';
const PORTO = '17841400000000002';
const OLD = '17841400000000003';
const ATTACK = '<img src=x onerror="window.__pwned=1">';

const account = (page: Page) => page.getByLabel('Account', { exact: true });
const box = (page: Page, username: string) => page.getByRole('checkbox', { name: `@${username}`, exact: false });

async function savedInput(page: Page): Promise<Record<string, unknown>> {
  await expect.poll(async () => (await recordedCalls(page, 'saveConfiguration')).length).toBe(1);
  return (await recordedCalls(page, 'saveConfiguration'))[0].args?.[0] as Record<string, unknown>;
}

describe('the account choice in the editor', () => {
  it('offers several accounts only once two are connected', async () => {
    const one = sidebarState();
    one.accounts = one.accounts.slice(0, 1);
    let page = await harness.open({ getSidebarState: [{ value: one }] });
    await page.getByRole('button', { name: 'New report' }).click();
    expect(await account(page).locator('option').allInnerTexts()).toEqual(['@bakery.lisbon (Instagram Login)']);
    expect(await page.getByRole('group', { name: 'Accounts for this report' }).count()).toBe(0);

    page = await harness.open({ getSidebarState: [{ value: sidebarState() }] });
    await page.getByRole('button', { name: 'New report' }).click();
    expect(await account(page).locator('option').allInnerTexts()).toEqual([
      '@bakery.lisbon (Instagram Login)', '@studio.porto (Facebook Login)', '@old.shop (Instagram Login)', 'All connected accounts', 'Choose accounts…',
    ]);
    // One account stays the default; the boxes show only for "Choose accounts…".
    expect(await account(page).inputValue()).toBe(BAKERY);
    expect(await page.getByRole('group', { name: 'Accounts for this report' }).isVisible()).toBe(false);
    expect(await page.locator('#editor-tab-group-hint').isVisible()).toBe(false);
  });

  it('"All connected accounts" sends accounts {kind: all}, the report\'s title as the tab, and says the rows share it', async () => {
    const page = await harness.open({ getSidebarState: [{ value: sidebarState() }], saveConfiguration: [{ value: { ...groupMembers({ kind: 'all' })[1], tabName: 'User\'s Information' } }] });
    await page.getByRole('button', { name: 'New report' }).click();
    await account(page).selectOption({ label: 'All connected accounts' });
    await page.getByLabel('Report', { exact: true }).selectOption({ label: 'User\'s Information' });
    expect(await page.locator('#editor-accounts-line').innerText()).toBe('Every account you connect, now and later, into one tab.');
    expect(await page.getByLabel('New tab name').inputValue()).toBe('User\'s Information');
    expect(await page.locator('#editor-tab-group-hint').innerText()).toBe('All accounts\' rows go into this one tab, each row naming its account.');
    expect(await page.getByLabel('New tab name').getAttribute('aria-describedby')).toContain('editor-tab-group-hint');
    await page.getByRole('button', { name: 'Save' }).click();
    expect(await savedInput(page)).toEqual({
      accountId: BAKERY, reportId: 'user_information', fields: ['date', 'followers_count', 'follows_count'], tabName: 'User\'s Information',
      mode: 'append', schedule: { kind: 'daily', hour: 7 }, settings: {}, accounts: { kind: 'all' },
    });
    await expect.poll(() => page.locator('#status').innerText()).toBe('Saved: User\'s Information for all connected accounts into tab "User\'s Information".');
  });

  it('says who "all" leaves out, and takes the first account\'s suggestion when the title is taken', async () => {
    const state = sidebarState();
    state.tabs.push('Competitors');
    state.tabSuggestions = { [PORTO]: { competitors: 'Competitors @studio.porto' } };
    const page = await harness.open({ getSidebarState: [{ value: state }] });
    await page.getByRole('button', { name: 'New report' }).click();
    // Competitors is offered for a group as soon as one connected account can have it.
    await account(page).selectOption({ label: 'All connected accounts' });
    await page.getByLabel('Report', { exact: true }).selectOption({ label: 'Competitors' });
    expect(await page.locator('#editor-accounts-line').innerText())
      .toBe('Every account you connect, now and later, into one tab. Left out: @bakery.lisbon and @old.shop (Competitors needs Facebook Login).');
    expect(await page.getByLabel('New tab name').inputValue()).toBe('Competitors @studio.porto');
  });

  it('"Choose accounts…" sends the ticked ids; an account the report cannot serve is disabled with the reason', async () => {
    const page = await harness.open({ getSidebarState: [{ value: sidebarState() }], saveConfiguration: [{ value: groupMembers()[0] }] });
    await page.getByRole('button', { name: 'New report' }).click();
    await account(page).selectOption({ label: 'Choose accounts…' });
    const group = page.getByRole('group', { name: 'Accounts for this report' });
    expect(await group.isVisible()).toBe(true);
    // It starts from the account that was chosen.
    expect(await box(page, 'bakery.lisbon').isChecked()).toBe(true);
    await page.getByLabel('Report', { exact: true }).selectOption({ label: 'Competitors' });
    for (const name of ['bakery.lisbon', 'old.shop']) {
      expect(await box(page, name).isDisabled()).toBe(true);
      expect(await box(page, name).isChecked()).toBe(false);
    }
    expect(await page.locator(`#editor-account-${BAKERY}-line`).innerText()).toBe('Competitors needs Facebook Login');
    expect(await box(page, 'bakery.lisbon').getAttribute('aria-describedby')).toBe(`editor-account-${BAKERY}-line`);
    expect(await box(page, 'studio.porto').isDisabled()).toBe(false);

    // Nothing ticked: Save says so at the boxes.
    await page.getByRole('button', { name: 'Save' }).click();
    expect(await page.locator('#editor-accounts-error').innerText()).toBe('Tick at least one account.');
    expect(await isFocused(box(page, 'studio.porto'))).toBe(true);
    expect(await recordedCalls(page, 'saveConfiguration')).toHaveLength(0);

    await box(page, 'studio.porto').check();
    await page.getByRole('button', { name: 'Save' }).click();
    expect(await savedInput(page)).toMatchObject({ accountId: PORTO, reportId: 'competitors', accounts: { kind: 'these', accountIds: [PORTO] } });
  });

  it('sends every ticked account in the list\'s order, the first one as accountId', async () => {
    const page = await harness.open({ getSidebarState: [{ value: sidebarState() }], saveConfiguration: [{ value: groupMembers()[0] }] });
    await page.getByRole('button', { name: 'New report' }).click();
    await account(page).selectOption({ label: '@old.shop (Instagram Login)' });
    await account(page).selectOption({ label: 'Choose accounts…' });
    expect(await box(page, 'old.shop').isChecked()).toBe(true);
    await box(page, 'bakery.lisbon').check();
    await page.getByRole('button', { name: 'Save' }).click();
    const input = await savedInput(page);
    expect(input).toMatchObject({ accountId: BAKERY, reportId: 'user_information', accounts: { kind: 'these', accountIds: [BAKERY, OLD] } });
    expect(input).not.toHaveProperty('id');
  });

  it('asks about an existing tab with the first chosen account', async () => {
    const shared: TabDescription = { name: 'Profile', use: 'same', allowed: 'yes', message: 'Rows stay apart by account.' };
    const page = await harness.open({ getSidebarState: [{ value: sidebarState() }], describeTab: [{ value: shared }] });
    await page.getByRole('button', { name: 'New report' }).click();
    await account(page).selectOption({ label: 'Choose accounts…' });
    await box(page, 'bakery.lisbon').uncheck();
    await box(page, 'studio.porto').check();
    await page.getByLabel('Which existing tab').selectOption('Profile');
    await expect.poll(() => page.locator('#editor-tab-message').innerText()).toBe(shared.message);
    expect((await recordedCalls(page, 'describeTab'))[0].args).toEqual(['Profile', 'user_information', PORTO, '']);
  });

  it('editing a member shows the group\'s choice and saves the group', async () => {
    const state = groupState();
    const page = await harness.open({ getSidebarState: [{ value: state }], saveConfiguration: [{ value: state.configurations[2] }] });
    await page.getByRole('button', { name: /^Edit User's Information for @bakery\.lisbon, / }).click();
    expect(await account(page).inputValue()).toBe(':these');
    for (const name of ['bakery.lisbon', 'studio.porto', 'old.shop']) expect(await box(page, name).isChecked()).toBe(true);
    expect(await page.getByLabel('Which existing tab').inputValue()).toBe('Profiles');
    await box(page, 'old.shop').uncheck();
    await page.getByRole('button', { name: 'Save' }).click();
    const input = await savedInput(page);
    expect(input).toMatchObject({ accountId: BAKERY, tabName: 'Profiles', accounts: { kind: 'these', accountIds: [BAKERY, PORTO] } });
    expect(['grp-1-porto', 'grp-1-bakery', 'grp-1-old']).toContain(input.id);
  });

  it('editing a group for all connected accounts shows "All connected accounts"', async () => {
    const page = await harness.open({ getSidebarState: [{ value: groupState({ kind: 'all' }) }] });
    await page.getByRole('button', { name: /^Edit User's Information for all connected accounts/ }).click();
    expect(await account(page).inputValue()).toBe(':all');
    expect(await page.getByRole('group', { name: 'Accounts for this report' }).isVisible()).toBe(false);
  });
});

describe('the card of a group', () => {
  it('is one card with a line per account, by username, names rendered as text only', async () => {
    const state = groupState();
    state.accounts[1].username = `zz${ATTACK}`;
    state.configurations.find((c) => c.id === 'grp-1-old')!.lastError = ATTACK;
    const page = await harness.open({ getSidebarState: [{ value: state }] });
    await page.locator('li.configuration').first().waitFor();
    // Two single reports and the group: three cards; the group first, then each account's by username.
    expect(await page.locator('li.configuration').count()).toBe(3);
    expect(await page.locator('section.report-block h3').allInnerTexts()).toEqual(['For several accounts', '@bakery.lisbon', '@old.shop']);
    expect(await page.locator('li.configuration h4').allInnerTexts()).toEqual([
      'User\'s Information · 3 accounts', 'User\'s Information', 'User\'s Recent Media',
    ]);
    const card = page.locator('li.configuration[data-group-id="grp-1"]');
    expect(await card.innerText()).toContain('Tab "Profiles" · Append · Daily, between 07:00-08:00');
    const lines = card.locator('li.member');
    expect(await lines.count()).toBe(3);
    expect(await lines.locator('.username').allInnerTexts()).toEqual(['@bakery.lisbon', '@old.shop', `@zz${ATTACK}`]);
    expect(await lines.nth(0).locator('.last-run').innerText()).toMatch(/^@bakery\.lisbon: Last run 3 Mar, 07:30: Finished with some items skipped: 1 row added, 0 updated, 3 calls used\. Bio not shared\.$/);
    expect(await lines.nth(0).locator('.next-run').innerText()).toBe('Next run: 4 Mar, 07:30');
    expect(await lines.nth(1).locator('.last-error').innerText()).toBe(`Last error: ${ATTACK}`);
    expect(await lines.nth(2).locator('.last-run').innerText()).toContain(`@zz${ATTACK}: Last run`);
    expect(await page.locator('main img, main script').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as unknown as InPage).__pwned)).toBeUndefined();
  });

  it('says "all connected accounts" for such a group', async () => {
    const page = await harness.open({ getSidebarState: [{ value: groupState({ kind: 'all' }) }] });
    await page.locator('li.configuration-group').waitFor();
    expect(await page.locator('li.configuration-group h4').innerText()).toBe('User\'s Information · all connected accounts');
  });

  it('Run now runs the group once, with a member\'s id, and shows the result', async () => {
    const page = await harness.open({
      getSidebarState: [{ value: groupState() }],
      runConfigurationNow: [{ hold: 'run' }],
      getRunProgress: [{ value: null }],
    });
    const run = page.getByRole('button', { name: 'Run User\'s Information for @bakery.lisbon, @old.shop and @studio.porto now' });
    await run.click();
    expect(await run.isDisabled()).toBe(true);
    const note = page.locator('#run-note-group-grp-1');
    expect(await note.innerText()).toBe('Starting…');
    const message = '@bakery.lisbon: 1 row added; @old.shop: reconnect needed; @studio.porto: 1 row added';
    await release(page, 'run', { value: { at: NOW, status: 'partial', rowsAdded: 2, rowsUpdated: 0, callsUsed: 5, message } });
    await expect.poll(() => note.innerText()).toBe(`Finished with some items skipped: 2 rows added, 0 updated, 5 calls used. ${message}`);
    await expect.poll(async () => (await recordedCalls(page, 'getSidebarState')).length).toBe(2);
    const calls = await recordedCalls(page, 'runConfigurationNow');
    expect(calls).toHaveLength(1);
    expect(['grp-1-porto', 'grp-1-bakery', 'grp-1-old']).toContain((calls[0].args as string[])[0]);
    // The single report of the same account was not touched.
    expect(await page.locator('#run-note-cfg-1').innerText()).toBe('');
  });

  it('Delete deletes the group once, after a confirmation naming its accounts', async () => {
    const after = sidebarState();
    const page = await harness.open({
      getSidebarState: [{ value: groupState() }, { value: after }],
      deleteConfiguration: [{ value: { message: 'Report deleted for 3 accounts; the tab stays.' } }],
    });
    await page.getByRole('button', { name: 'Delete User\'s Information for @bakery.lisbon, @old.shop and @studio.porto' }).click();
    expect(await page.locator('.confirm').innerText()).toContain('Delete the User\'s Information report for @bakery.lisbon, @old.shop and @studio.porto? The tab "Profiles" and its rows stay');
    await page.locator('.confirm').getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => page.locator('li.configuration').count()).toBe(2);
    const calls = await recordedCalls(page, 'deleteConfiguration');
    expect(calls).toHaveLength(1);
    expect(['grp-1-porto', 'grp-1-bakery', 'grp-1-old']).toContain((calls[0].args as string[])[0]);
    expect(await page.locator('#status').innerText()).toBe('Report deleted for 3 accounts; the tab stays.');
  });
});
