// Accounts and report cards: each sign-in in a sentence, Reconnect always and Add permission when a report
// needs one (both the same sign-in), the connect block folded once an account is connected, the cards
// grouped by account with one status each and their result said once, Run all, Open the log (in the
// spreadsheet, also in the playground), and the e-mail settings; all of it with the keyboard alone too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Configuration, MailSettingsView, SidebarState } from '../../src/contract/sidebar';
import { startHarness, recordedCalls, release, isFocused, type Harness, type InPage } from './support/sidebar-page';
import { NOW, sidebarState } from './support/fixtures';
import { focusedName, tabTo } from './support/keyboard';
import { addReport, connectInstagram, openPlayground, runNow as playgroundRunNow, selectTab, sidebarSays, type Session } from './support/playground';

let harness: Harness;
beforeAll(async () => { harness = await startHarness(); });
afterAll(async () => { await harness?.close(); });

const HOUR = 3_600_000;
const BAKERY = '17841400000000001';
const PORTO = '17841400000000002';
const OLD = '17841400000000003';
const CONNECT_URL = 'https://www.instagram.com/oauth/authorize?client_id=1&state=abc';
const UNAVAILABLE = 'Instagram was temporarily unavailable. Sheetgram will try again.';

/** The fixture as today's server sends it: sentences, permissions, statuses and the e-mail settings. */
function cardsState(): SidebarState {
  const state = sidebarState();
  state.reports.push({
    id: 'comments', title: 'Comments', description: 'Every comment.', loginFlows: ['instagram', 'facebook'], fields: [{ id: 'id', header: 'Comment id', description: 'Id', default: true }],
    defaultMode: 'update', cadence: 'daily', needsPermission: ['instagram', 'facebook'],
  });
  const [bakery, porto, old] = state.accounts;
  bakery.signIn = 'Signed in with Instagram; renews by itself.';
  bakery.lacking = { reportIds: ['comments'], needed: true };
  porto.signIn = 'Facebook sign-in expires on 9 Mar (in 6 days); reconnect before then.';
  porto.scopes.push('instagram_manage_comments');
  old.signIn = 'The Instagram sign-in stopped working. Instagram stopped accepting @old.shop\'s sign-in on 20 Feb. Reconnect to go on.';
  old.lacking = { reportIds: ['comments'], needed: false };
  const failed: Configuration = {
    id: 'cfg-2', accountId: OLD, reportId: 'recent_media', fields: ['id'], tabName: 'Posts', mode: 'update', schedule: { kind: 'every_hours', everyHours: 6 },
    lastRun: { at: NOW - 5 * HOUR, status: 'failed', rowsAdded: 0, rowsUpdated: 0, callsUsed: 1, message: 'Instagram stopped accepting @old.shop\'s sign-in on 20 Feb. Its scheduled reports wait until then and go on by themselves after.' },
    lastError: 'Instagram stopped accepting @old.shop\'s sign-in on 20 Feb. Its scheduled reports wait until then and go on by themselves after.',
    waitsFor: 'reconnect',
  };
  state.configurations = [
    state.configurations[0],
    failed,
    { id: 'cfg-3', accountId: BAKERY, reportId: 'recent_media', fields: ['id'], tabName: 'Bakery posts', mode: 'update', schedule: { kind: 'daily', hour: 6 }, nextRun: NOW, dueNow: true },
    {
      id: 'cfg-4', accountId: PORTO, reportId: 'user_information', fields: ['date'], tabName: 'Porto', mode: 'append', schedule: { kind: 'every_hours', everyHours: 1 },
      lastRun: { at: NOW - HOUR, status: 'failed', rowsAdded: 0, rowsUpdated: 0, callsUsed: 4, message: UNAVAILABLE }, lastError: UNAVAILABLE, nextRun: NOW, dueNow: true,
    },
    {
      id: 'cfg-5', accountId: PORTO, reportId: 'recent_media', fields: ['id'], tabName: 'Porto posts', mode: 'update', schedule: { kind: 'daily', hour: 7 },
      lastRun: { at: NOW - 3 * HOUR, status: 'failed', rowsAdded: 0, rowsUpdated: 0, callsUsed: 2, message: 'Instagram refused the request.' }, lastError: 'Instagram refused the request. Check the account.', nextRun: NOW + 21 * HOUR,
    },
  ];
  state.mail = { failures: true, signIns: true, digest: false, to: [], digestTo: [], ownAddress: 'maria@harbor.example', summary: 'Sheetgram e-mails maria@harbor.example when a report keeps failing and when a sign-in is about to expire or stops working.' };
  return state;
}

const cardOf = (page: Page, id: string) => page.locator(`li.configuration[data-configuration-id="${id}"]`);
const accountOf = (page: Page, id: string) => page.locator(`li.account[data-account-id="${id}"]`);


/** What saveMailSettings answers once the person chose another address. */
const saved: { message: string; mail: MailSettingsView } = {
  message: 'E-mail settings saved. Sheetgram e-mails alerts@harbor.example when a report keeps failing and when a sign-in is about to expire or stops working.',
  mail: { failures: true, signIns: true, digest: false, to: ['alerts@harbor.example'], digestTo: [], ownAddress: 'maria@harbor.example', summary: 'Sheetgram e-mails alerts@harbor.example when a report keeps failing and when a sign-in is about to expire or stops working.' },
};

describe('accounts', () => {
  it('say each sign-in and its expiry in a sentence, and offer Reconnect for every account', async () => {
    const page = await harness.open({ getSidebarState: [{ value: cardsState() }] });
    await page.locator('li.account').first().waitFor();
    expect(await page.locator('li.account .token').allInnerTexts()).toEqual([
      'Signed in with Instagram; renews by itself.',
      'Facebook sign-in expires on 9 Mar (in 6 days); reconnect before then.',
      'The Instagram sign-in stopped working. Instagram stopped accepting @old.shop\'s sign-in on 20 Feb. Reconnect to go on.',
    ]);
    expect(await page.getByRole('button', { name: /^Reconnect @/ }).count()).toBe(3);
  });

  it('offer Add permission where the sign-in lacks one, saying so more strongly when a saved report needs it', async () => {
    const page = await harness.open({ getSidebarState: [{ value: cardsState() }], getConnectUrl: [{ value: { url: CONNECT_URL } }] });
    await page.locator('li.account').first().waitFor();
    expect(await page.getByRole('button', { name: /^Add permission/ }).evaluateAll((b) => b.map((x) => x.getAttribute('aria-label')))).toEqual([
      'Add permission for Comments to @bakery.lisbon', 'Add permission for Comments to @old.shop',
    ]);
    expect(await accountOf(page, BAKERY).locator('.permission').innerText()).toBe('Comments needs a permission this sign-in lacks: click Add permission and allow it.');
    expect(await accountOf(page, OLD).locator('.permission').innerText()).toBe('To collect Comments too, click Add permission.');
    expect(await accountOf(page, PORTO).locator('.permission').count()).toBe(0);
    // Add permission: the same sign-in, asking for the report's permission, for this account.
    await page.getByRole('button', { name: 'Add permission for Comments to @bakery.lisbon' }).click();
    const link = accountOf(page, BAKERY).getByRole('link', { name: /Sign in with Instagram/ });
    await link.waitFor();
    expect(await isFocused(link)).toBe(true);
    // Reconnect keeps what the sign-in has: Porto's includes comments, Old's does not.
    await page.getByRole('button', { name: 'Reconnect @studio.porto' }).click();
    await accountOf(page, PORTO).getByRole('link').waitFor();
    await page.getByRole('button', { name: 'Reconnect @old.shop' }).click();
    await accountOf(page, OLD).getByRole('link').waitFor();
    expect((await recordedCalls(page, 'getConnectUrl')).map((c) => c.args)).toEqual([
      ['instagram', ['comments'], BAKERY], ['facebook', ['comments'], PORTO], ['instagram', [], OLD],
    ]);
  });

  it('fold the connect block once an account is connected, keep it as the person left it, and fold it again for a new account', async () => {
    const none = cardsState();
    none.accounts = [];
    const one = cardsState();
    one.accounts = one.accounts.slice(0, 1);
    const two = cardsState();
    two.accounts = two.accounts.slice(0, 2);
    const page = await harness.open({ getSidebarState: [{ value: none }, { value: one }, { value: one }, { value: two }], getConnectUrl: [{ value: { url: CONNECT_URL } }] });
    // Nothing connected: connecting is all there is, unfolded.
    await page.getByRole('button', { name: 'Get sign-in link' }).waitFor();
    expect(await page.locator('summary').filter({ hasText: 'Connect another account' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Get sign-in link' }).click();
    await page.getByRole('button', { name: 'I have signed in: refresh' }).click();
    await expect.poll(() => page.locator('li.account').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Get sign-in link' }).isVisible()).toBe(false);
    const summary = page.locator('summary', { hasText: 'Connect another account' });
    await summary.click();
    expect(await page.getByRole('button', { name: 'Get sign-in link' }).isVisible()).toBe(true);
    // A redraw with the same accounts keeps it open.
    await page.getByRole('button', { name: 'Get sign-in link' }).click();
    await page.getByRole('button', { name: 'I have signed in: refresh' }).click();
    await expect.poll(async () => (await recordedCalls(page, 'getSidebarState')).length).toBe(3);
    expect(await page.getByRole('button', { name: 'Get sign-in link' }).isVisible()).toBe(true);
    // A new account: folded again.
    await page.getByRole('button', { name: 'Get sign-in link' }).click();
    await page.getByRole('button', { name: 'I have signed in: refresh' }).click();
    await expect.poll(() => page.locator('li.account').count()).toBe(2);
    expect(await page.getByRole('button', { name: 'Get sign-in link' }).isVisible()).toBe(false);
  });
});

describe('report cards', () => {
  it('are grouped by account (by username), then in the registry\'s order of reports', async () => {
    const page = await harness.open({ getSidebarState: [{ value: cardsState() }] });
    await page.locator('li.configuration').first().waitFor();
    expect(await page.locator('section.report-block h3').allInnerTexts()).toEqual(['@bakery.lisbon', '@old.shop', '@studio.porto']);
    const titles = (id: string) => page.locator(`section.report-block[data-account-id="${id}"] li.configuration h4`).allInnerTexts();
    expect(await titles(BAKERY)).toEqual(['User\'s Information', 'User\'s Recent Media']);
    expect(await titles(OLD)).toEqual(['User\'s Recent Media']);
    expect(await titles(PORTO)).toEqual(['User\'s Information', 'User\'s Recent Media']);
    // Each block is a region named by its account.
    expect(await page.getByRole('region', { name: '@studio.porto' }).count()).toBe(1);
  });

  it('say one status each: first run due, the real next attempt after a failure, or waiting for the person', async () => {
    const page = await harness.open({ getSidebarState: [{ value: cardsState() }] });
    await page.locator('li.configuration').first().waitFor();
    const status = (id: string) => cardOf(page, id).locator('.next-run').allInnerTexts();
    expect(await status('cfg-1')).toEqual(['Next run: 4 Mar, 07:30']);
    expect(await status('cfg-3')).toEqual(['First run due now: the next hourly run starts it, or click Run now.']);
    expect(await cardOf(page, 'cfg-3').locator('.last-run').count()).toBe(0);
    expect(await status('cfg-4')).toEqual(['Next try at the next hourly run.']);
    expect(await status('cfg-5')).toEqual(['Next try: 4 Mar, 06:30']);
    expect(await status('cfg-2')).toEqual(['Waits for you: click Reconnect next to @old.shop; it goes on by itself after that.']);
    // No card promises a run at a clock time of this hour.
    for (const text of await page.locator('.next-run').allInnerTexts()) expect(text).not.toContain('3 Mar, 09:30');
  });

  it('say a result once: an error the last run already said is not repeated; what it adds is', async () => {
    const page = await harness.open({ getSidebarState: [{ value: cardsState() }] });
    await page.locator('li.configuration').first().waitFor();
    const porto = await cardOf(page, 'cfg-4').innerText();
    expect(porto.match(/Instagram was temporarily unavailable/g)).toHaveLength(1);
    expect(await cardOf(page, 'cfg-4').locator('.last-error').count()).toBe(0);
    expect(await cardOf(page, 'cfg-2').locator('.last-error').count()).toBe(0);
    // Only the sentence the result did not say.
    expect(await cardOf(page, 'cfg-5').locator('.last-error').innerText()).toBe('Last error: Check the account.');
  });

  it('after Run now, say the result in the note only, not again on the card', async () => {
    const after = cardsState();
    const summary = { at: NOW + 60_000, status: 'failed' as const, rowsAdded: 0, rowsUpdated: 0, callsUsed: 4, message: UNAVAILABLE };
    Object.assign(after.configurations.find((c) => c.id === 'cfg-4')!, { lastRun: summary, lastError: UNAVAILABLE });
    const page = await harness.open({ getSidebarState: [{ value: cardsState() }, { value: after }], runConfigurationNow: [{ hold: 'run' }], getRunProgress: [{ value: null }] });
    await page.getByRole('button', { name: 'Run User\'s Information for @studio.porto now' }).click();
    await release(page, 'run', { value: summary });
    await expect.poll(async () => (await recordedCalls(page, 'getSidebarState')).length).toBe(2);
    const card = cardOf(page, 'cfg-4');
    await expect.poll(() => card.locator('.run-note').innerText()).toBe(`Failed: 0 rows added, 0 updated, 4 calls used. ${UNAVAILABLE}`);
    expect((await card.innerText()).match(/Instagram was temporarily unavailable/g)).toHaveLength(1);
    expect(await card.locator('.last-run').count()).toBe(0);
  });
});

describe('Run all', () => {
  it('runs every report on the server once, holding each card\'s Run now meanwhile, then says what happened', async () => {
    const page = await harness.open({ getSidebarState: [{ value: cardsState() }], runAllNow: [{ hold: 'all' }] });
    const all = page.getByRole('button', { name: 'Run all' });
    await all.click();
    expect(await all.isDisabled()).toBe(true);
    const note = page.locator('#run-note-run-all');
    expect(await note.getAttribute('aria-live')).toBe('polite');
    expect(await note.innerText()).toBe('Running your reports one after the other…');
    expect(await page.locator('button[data-run-now]:not([disabled])').count()).toBe(0);
    const message = 'Ran 3 reports: 3 reports finished. 1 report waits for the next hourly run, which starts it first (no time left in this one).';
    await release(page, 'all', { value: { at: NOW, status: 'continues', rowsAdded: 5, rowsUpdated: 2, callsUsed: 31, message } });
    await expect.poll(() => note.innerText()).toBe(`${message} In all: 5 rows added, 2 updated, 31 calls used.`);
    await expect.poll(async () => (await recordedCalls(page, 'getSidebarState')).length).toBe(2);
    expect(await recordedCalls(page, 'runAllNow')).toHaveLength(1);
    expect(await page.getByRole('button', { name: 'Run all' }).isDisabled()).toBe(false);
    expect(await page.locator('button[data-run-now]:not([disabled])').count()).toBe(5);
    expect(await recordedCalls(page, 'runConfigurationNow')).toHaveLength(0);
  });

  it('keeps what the person typed and did not save in the alerts and e-mail forms when the sidebar redraws', async () => {
    const page = await harness.open({ getSidebarState: [{ value: cardsState() }], runAllNow: [{ value: { at: NOW, status: 'ok', rowsAdded: 1, rowsUpdated: 0, callsUsed: 3, message: 'Ran 5 reports.' } }] });
    const card = accountOf(page, PORTO);
    await card.locator('summary', { hasText: /^Alerts$/ }).click();
    await card.getByLabel('Followers lost in a day, more than', { exact: true }).fill('75');
    await page.getByText('Change e-mail settings').click();
    await page.getByRole('checkbox', { name: 'Sign-ins that expire or stop working' }).uncheck();
    await page.getByLabel('Send the digest to', { exact: true }).fill('team@harbor.example');
    await page.getByLabel('Addresses to send them to').fill('ops@harbor.example');
    // Run all brings a new state, and every section is drawn again.
    await page.getByRole('button', { name: 'Run all' }).click();
    await expect.poll(async () => (await recordedCalls(page, 'getSidebarState')).length).toBe(2);
    await expect.poll(() => page.locator('#run-note-run-all').innerText()).toContain('Ran 5 reports.');
    expect(await card.getByLabel('Followers lost in a day, more than', { exact: true }).inputValue()).toBe('75');
    expect(await page.getByRole('checkbox', { name: 'Sign-ins that expire or stop working' }).isChecked()).toBe(false);
    expect(await page.getByRole('checkbox', { name: 'The Weekly Digest, on Mondays' }).isChecked()).toBe(true);
    expect(await page.getByLabel('Send the digest to', { exact: true }).inputValue()).toBe('team@harbor.example');
    expect(await page.getByLabel('Addresses to send them to').inputValue()).toBe('ops@harbor.example');
    expect(await page.getByRole('radio', { name: 'These addresses' }).isChecked()).toBe(true);
  });

  it('says why when it could not run', async () => {
    const page = await harness.open({ getSidebarState: [{ value: cardsState() }], runAllNow: [{ error: '[sheetgram:not_found] You have no reports in this spreadsheet yet: add one with New report.' }] });
    await page.getByRole('button', { name: 'Run all' }).click();
    await expect.poll(() => page.locator('#run-note-run-all').innerText()).toContain('You have no reports in this spreadsheet yet');
    expect(await page.locator('#run-note-run-all').getAttribute('class')).toContain('run-error');
  });
});

describe('Open the log', () => {
  it('asks the server to show the log tab in the spreadsheet, and says so', async () => {
    const page = await harness.open({ getSidebarState: [{ value: cardsState() }], openLogTab: [{ value: { message: 'The "Sheetgram log" tab is open in the spreadsheet; the latest runs are at the bottom.' } }] });
    await page.getByRole('button', { name: 'Open the log ("Sheetgram log" tab)' }).click();
    await expect.poll(() => page.locator('#status').innerText()).toBe('The "Sheetgram log" tab is open in the spreadsheet; the latest runs are at the bottom.');
    expect(await recordedCalls(page, 'openLogTab')).toHaveLength(1);
    expect(await page.locator('a[target="_blank"]').count()).toBe(0);
  });
});

describe('e-mails', () => {

  it('tells the person that failure and sign-in e-mails exist, and where they go', async () => {
    const page = await harness.open({ getSidebarState: [{ value: cardsState() }] });
    await page.locator('#mail-heading').waitFor();
    expect(await page.locator('#mail-summary').innerText()).toBe('Sheetgram e-mails maria@harbor.example when a report keeps failing and when a sign-in is about to expire or stops working.');
    expect(await page.getByRole('checkbox', { name: 'Reports that keep failing' }).isVisible()).toBe(false);
  });

  it('checks the addresses before saving, then saves and says what it will do', async () => {
    const page = await harness.open({ getSidebarState: [{ value: cardsState() }], saveMailSettings: [{ value: saved }] });
    await page.getByText('Change e-mail settings').click();
    expect(await page.getByRole('checkbox', { name: 'Reports that keep failing' }).isChecked()).toBe(true);
    expect(await page.getByRole('radio', { name: 'My address (maria@harbor.example)' }).isChecked()).toBe(true);
    const addresses = page.getByLabel('Addresses to send them to');
    await addresses.fill('alerts@harbor, maria');
    // Typing addresses chooses them.
    expect(await page.getByRole('radio', { name: 'These addresses' }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Save e-mail settings' }).click();
    expect(await page.locator('.mail-form .others-addresses .field-error').innerText()).toBe('These are not e-mail addresses: alerts@harbor, maria. Type addresses like name@example.com, separated by commas.');
    expect(await addresses.getAttribute('aria-invalid')).toBe('true');
    expect(await isFocused(addresses)).toBe(true);
    expect(await recordedCalls(page, 'saveMailSettings')).toHaveLength(0);
    await addresses.fill('alerts@harbor.example');
    await page.getByRole('button', { name: 'Save e-mail settings' }).click();
    await expect.poll(() => page.locator('#status').innerText()).toBe(saved.message);
    expect((await recordedCalls(page, 'saveMailSettings'))[0].args).toEqual([{ failures: true, signIns: true, digest: false, to: ['alerts@harbor.example'], digestTo: [] }]);
    expect(await page.locator('#mail-summary').innerText()).toBe(saved.mail.summary);
  });

  it('shows the server\'s refusal next to the addresses', async () => {
    const page = await harness.open({ getSidebarState: [{ value: cardsState() }], saveMailSettings: [{ error: '[sheetgram:invalid_input] Type at most 5 addresses: every address counts toward Google\'s daily e-mail limit.' }] });
    await page.getByText('Change e-mail settings').click();
    await page.getByRole('checkbox', { name: 'Sign-ins that expire or stop working' }).uncheck();
    await page.getByRole('button', { name: 'Save e-mail settings' }).click();
    await expect.poll(() => page.locator('.mail-form .others-addresses .field-error').innerText()).toContain('Type at most 5 addresses');
    expect((await recordedCalls(page, 'saveMailSettings'))[0].args).toEqual([{ failures: true, signIns: false, digest: false, to: 'me', digestTo: [] }]);
  });

  it('shows the server\'s refusal of the digest\'s own addresses next to them', async () => {
    const page = await harness.open({ getSidebarState: [{ value: cardsState() }], saveMailSettings: [{ error: '[sheetgram:invalid_input] For the Weekly Digest: Type at most 5 addresses: every address counts toward Google\'s daily e-mail limit.' }] });
    await page.getByText('Change e-mail settings').click();
    const digestTo = page.getByLabel('Send the digest to', { exact: true });
    await digestTo.fill('a@b.example, c@b.example');
    expect(await page.getByRole('checkbox', { name: 'The Weekly Digest, on Mondays' }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Save e-mail settings' }).click();
    await expect.poll(() => digestTo.getAttribute('aria-invalid')).toBe('true');
    const line = page.locator(`[id="${(await digestTo.getAttribute('aria-describedby'))!.split(' ')[1]}"]`);
    expect(await line.innerText()).toMatch(/^Type at most 5 addresses: every address counts toward Google's daily e-mail limit\./);
    expect(await page.getByLabel('Addresses to send them to').getAttribute('aria-invalid')).toBeNull();
    expect(await isFocused(digestTo)).toBe(true);
    expect((await recordedCalls(page, 'saveMailSettings'))[0].args).toEqual([{ failures: true, signIns: true, digest: true, to: 'me', digestTo: ['a@b.example', 'c@b.example'] }]);
  });
});

describe('with the keyboard alone', () => {
  it('runs all, opens the log, adds a permission and changes the e-mails', async () => {
    const page = await harness.open({
      getSidebarState: [{ value: cardsState() }],
      runAllNow: [{ value: { at: NOW, status: 'ok', rowsAdded: 1, rowsUpdated: 0, callsUsed: 3, message: 'Ran 3 reports: 3 reports finished.' } }],
      openLogTab: [{ value: { message: 'The "Sheetgram log" tab is open in the spreadsheet; the latest runs are at the bottom.' } }],
      getConnectUrl: [{ value: { url: CONNECT_URL } }],
      saveMailSettings: [{ value: { ...saved, mail: { ...saved.mail, failures: false, to: [] } } }],
    });
    await page.locator('li.configuration').first().waitFor();
    await tabTo(page, 'Add permission for Comments to @bakery.lisbon');
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedName(page)).toBe('Sign in with Instagram (opens a new tab)');

    await tabTo(page, 'Run all');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#run-note-run-all').innerText()).toBe('Ran 3 reports: 3 reports finished. In all: 1 row added, 0 updated, 3 calls used.');

    await page.locator('#reports-heading').focus();
    await tabTo(page, 'Change e-mail settings');
    await page.keyboard.press('Enter');
    await tabTo(page, 'Reports that keep failing');
    await page.keyboard.press('Space');
    expect(await page.getByRole('checkbox', { name: 'Reports that keep failing' }).isChecked()).toBe(false);
    await tabTo(page, 'Save e-mail settings');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await recordedCalls(page, 'saveMailSettings')).length).toBe(1);
    expect((await recordedCalls(page, 'saveMailSettings'))[0].args).toEqual([{ failures: false, signIns: true, digest: false, to: 'me', digestTo: [] }]);
    // Focus lands on the folded settings, where the person was.
    await expect.poll(() => focusedName(page)).toBe('Change e-mail settings');

    await tabTo(page, 'Open the log ("Sheetgram log" tab)');
    await page.keyboard.press('Space');
    await expect.poll(async () => (await recordedCalls(page, 'openLogTab')).length).toBe(1);
  });

  it('reaches every new control with Tab, and the page still fits 300 px', async () => {
    const page = await harness.open({ getSidebarState: [{ value: cardsState() }] });
    await page.locator('li.configuration').first().waitFor();
    await page.getByText('Change e-mail settings').click();
    await page.getByText('Connect another account').click();
    const names = new Set<string>();
    for (let i = 0; i < 90; i += 1) {
      await page.keyboard.press('Tab');
      names.add(await focusedName(page));
    }
    for (const name of ['Reconnect @old.shop', 'Add permission for Comments to @old.shop', 'Run all', 'Get sign-in link', 'Reports that keep failing',
      'Sign-ins that expire or stop working', 'Addresses to send them to', 'Save e-mail settings', 'Open the log ("Sheetgram log" tab)']) {
      expect(names).toContain(name);
    }
    expect(await page.evaluate(() => (globalThis as unknown as InPage).document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
  });
});

describe('Open the log in the playground', () => {
  let s: Session | undefined;
  afterAll(async () => { await s?.close(); });

  it('shows the log tab in the grid, where the spreadsheet is, and no new browser tab', async () => {
    s = await openPlayground();
    await (await connectInstagram(s)).close();
    await s.sidebar.locator('li.account', { hasText: '@sunny.creates' }).waitFor();
    await addReport(s, 'User\'s Information', { schedule: 'Off (only Run now)' });
    // Today's row and the 30 days before it, rebuilt (follower-history.test.ts).
    expect(await playgroundRunNow(s, 'User\'s Information')).toMatch(/^Finished: 31 rows added/);
    await selectTab(s, 'Sheet1');
    const pages = s.context.pages().length;
    await s.sidebar.getByRole('button', { name: 'Open the log ("Sheetgram log" tab)' }).click();
    await sidebarSays(s, 'The "Sheetgram log" tab is open in the spreadsheet');
    await s.page.locator('#grid[aria-label="Cells of Sheetgram log"]').waitFor();
    expect(s.context.pages().length).toBe(pages);
    expect(s.errors).toEqual([]);
  });
});
