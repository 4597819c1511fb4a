// Making, editing, deleting and running reports: save sends the configuration the user chose, Run now
// shows progress while it runs and the result after.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, recordedCalls, release, isFocused, type Harness } from './support/sidebar-page';
import { NOW, sidebarState } from './support/fixtures';
import type { Configuration } from '../../src/contract/sidebar';

let harness: Harness;
beforeAll(async () => { harness = await startHarness(); });
afterAll(async () => { await harness?.close(); });

const SAVED: Configuration = {
  id: 'cfg-3', accountId: '17841400000000002', reportId: 'recent_media', fields: ['id', 'like_count'], tabName: 'Porto posts', mode: 'update',
  schedule: { kind: 'every_hours', everyHours: 6 },
};

describe('saving a report', () => {
  it('preselects the defaults and sends exactly what the user chose', async () => {
    const page = await harness.open({ getSidebarState: [{ value: sidebarState() }], saveConfiguration: [{ value: SAVED }] });
    await page.getByRole('button', { name: 'New report' }).click();
    await page.getByLabel('Account', { exact: true }).selectOption({ label: '@studio.porto (Facebook Login)' });
    await page.getByLabel('Report', { exact: true }).selectOption({ label: 'User\'s Recent Media' });
    expect(await page.locator('#editor-report-line').innerText()).toContain('Posts with caption, likes and comments.');
    // Defaults of Recent Media are all ticked; the write mode follows the report's default.
    expect(await page.getByRole('checkbox', { name: 'Caption' }).isChecked()).toBe(true);
    expect(await page.getByRole('radio', { name: 'Update' }).isChecked()).toBe(true);
    expect(await page.getByLabel('New tab name').inputValue()).toBe('User\'s Recent Media');
    await page.getByRole('checkbox', { name: 'Caption' }).uncheck();
    await page.getByLabel('New tab name').fill('Porto posts');
    await page.getByLabel('Schedule').selectOption('every_hours');
    await page.getByLabel('How often').selectOption('6');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await recordedCalls(page, 'saveConfiguration')).length).toBe(1);
    const [save] = await recordedCalls(page, 'saveConfiguration');
    expect(save.args).toEqual([{
      accountId: '17841400000000002', reportId: 'recent_media', fields: ['id', 'like_count'], tabName: 'Porto posts', mode: 'update',
      schedule: { kind: 'every_hours', everyHours: 6 }, settings: {},
    }]);
    await expect.poll(() => page.locator('#status').innerText()).toContain('Saved: User\'s Recent Media into tab "Porto posts".');
    expect(await page.locator('form.editor').count()).toBe(0);
    expect(await recordedCalls(page, 'getSidebarState')).toHaveLength(2);
  });

  it('offers only the reports the account\'s login can serve', async () => {
    const page = await harness.open({ getSidebarState: [{ value: sidebarState() }] });
    await page.getByRole('button', { name: 'New report' }).click();
    const report = page.getByLabel('Report', { exact: true });
    expect(await report.locator('option').allInnerTexts()).toEqual(['User\'s Information', 'User\'s Recent Media']);
    await page.getByLabel('Account', { exact: true }).selectOption({ label: '@studio.porto (Facebook Login)' });
    expect(await report.locator('option').allInnerTexts()).toContain('Competitors');
  });

  it('edits an existing report: its choices are filled in and the id is sent back', async () => {
    const page = await harness.open({ getSidebarState: [{ value: sidebarState() }], saveConfiguration: [{ value: sidebarState().configurations[0] }] });
    await page.getByRole('button', { name: 'Edit User\'s Information for @bakery.lisbon' }).click();
    expect(await page.getByRole('heading', { name: 'Edit report' }).count()).toBe(1);
    expect(await page.getByRole('checkbox', { name: 'Bio' }).isChecked()).toBe(false);
    expect(await page.getByRole('radio', { name: 'Existing tab' }).isChecked()).toBe(true);
    expect(await page.getByLabel('Which existing tab').inputValue()).toBe('Profile');
    expect(await page.getByLabel('Between').inputValue()).toBe('7');
    await page.getByRole('checkbox', { name: 'Bio' }).check();
    await page.getByRole('radio', { name: 'Replace' }).check();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await recordedCalls(page, 'saveConfiguration')).length).toBe(1);
    expect((await recordedCalls(page, 'saveConfiguration'))[0].args).toEqual([{
      id: 'cfg-1', accountId: '17841400000000001', reportId: 'user_information', fields: ['date', 'followers_count', 'follows_count', 'biography'],
      tabName: 'Profile', mode: 'replace', schedule: { kind: 'daily', hour: 7 }, settings: {},
    }]);
  });

  it('suggests the schedule a report needs: Stories every few hours', async () => {
    const state = sidebarState();
    state.reports.push({ id: 'stories', title: 'Stories', description: 'Stories before they vanish.', loginFlows: ['instagram', 'facebook'], fields: [{ id: 'id', header: 'Media ID', description: 'id', default: true }], defaultMode: 'update', cadence: 'every 4 hours' });
    const page = await harness.open({ getSidebarState: [{ value: state }] });
    await page.getByRole('button', { name: 'New report' }).click();
    await page.getByLabel('Report', { exact: true }).selectOption({ label: 'Stories' });
    expect(await page.getByLabel('Schedule').inputValue()).toBe('every_hours');
    expect(await page.getByLabel('How often').inputValue()).toBe('4');
    await page.getByLabel('Report', { exact: true }).selectOption({ label: 'User\'s Information' });
    expect(await page.getByLabel('Schedule').inputValue()).toBe('daily');
  });

  it('asks for a report\'s settings, such as the competitors to watch, and sends them', async () => {
    const state = sidebarState();
    state.reports = state.reports.map((r) => (r.id === 'competitors'
      ? { ...r, settings: [{ id: 'competitors', label: 'Accounts', description: 'Usernames of business or creator accounts to watch' }] } : r));
    const page = await harness.open({ getSidebarState: [{ value: state }], saveConfiguration: [{ value: state.configurations[0] }] });
    await page.getByRole('button', { name: 'New report' }).click();
    await page.getByLabel('Account', { exact: true }).selectOption({ label: '@studio.porto (Facebook Login)' });
    await page.getByLabel('Report', { exact: true }).selectOption({ label: 'Competitors' });
    const accounts = page.getByLabel('Accounts', { exact: true });
    expect(await accounts.getAttribute('aria-describedby')).toBe('editor-setting-competitors-line');
    await accounts.fill('rival.bakery, @city.creator');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await recordedCalls(page, 'saveConfiguration')).length).toBe(1);
    const [input] = (await recordedCalls(page, 'saveConfiguration'))[0].args as [{ settings: Record<string, string> }];
    expect(input.settings).toEqual({ competitors: 'rival.bakery, @city.creator' });
  });

  it('refuses to save without fields or with a new tab named like an existing one, and says why', async () => {
    const page = await harness.open({ getSidebarState: [{ value: sidebarState() }] });
    await page.getByRole('button', { name: 'New report' }).click();
    for (const name of ['Date', 'Followers', 'Following']) await page.getByRole('checkbox', { name }).uncheck();
    await page.getByLabel('New tab name').fill('Profile');
    await page.getByRole('button', { name: 'Save' }).click();
    expect(await page.locator('#editor-fields-error').innerText()).toBe('Tick at least one thing to collect.');
    expect(await page.locator('#editor-tab-error').innerText()).toContain('A tab named "Profile" already exists');
    expect(await page.getByLabel('New tab name').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('alert').innerText()).toContain('Check the highlighted fields');
    expect(await isFocused(page.getByRole('checkbox', { name: 'Date' }))).toBe(true);
    expect(await recordedCalls(page, 'saveConfiguration')).toHaveLength(0);
  });

  it('deletes a report after a confirmation that says the tab stays', async () => {
    const after = sidebarState();
    after.configurations = after.configurations.slice(1);
    const page = await harness.open({ getSidebarState: [{ value: sidebarState() }, { value: after }], deleteConfiguration: [{ value: { message: 'Report deleted; the tab stays.' } }] });
    await page.getByRole('button', { name: 'Delete User\'s Information for @bakery.lisbon' }).click();
    expect(await page.locator('.confirm').innerText()).toContain('The tab "Profile" and its rows stay');
    await page.locator('.confirm').getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => page.locator('li.configuration').count()).toBe(1);
    expect((await recordedCalls(page, 'deleteConfiguration'))[0].args).toEqual(['cfg-1']);
  });
});

describe('Run now', () => {
  it('shows progress while the run is out, then the result', async () => {
    const page = await harness.open({
      getSidebarState: [{ value: sidebarState() }],
      runConfigurationNow: [{ hold: 'run' }],
      getRunProgress: [{ value: { phase: 'Reading posts (page 2)', rowsWritten: 40, callsUsed: 3 } }],
    });
    const run = page.getByRole('button', { name: 'Run User\'s Information for @bakery.lisbon now' });
    await run.click();
    const note = page.locator('#run-note-cfg-1');
    expect(await note.getAttribute('aria-live')).toBe('polite');
    expect(await note.innerText()).toBe('Starting…');
    expect(await run.isDisabled()).toBe(true);
    expect(await page.locator('#spinner').isVisible()).toBe(true);
    await expect.poll(() => note.innerText(), { timeout: 5000 }).toBe('Reading posts (page 2): 40 rows written, 3 calls used');
    expect((await recordedCalls(page, 'getRunProgress'))[0].args).toEqual(['cfg-1']);
    await release(page, 'run', { value: { at: NOW, status: 'ok', rowsAdded: 12, rowsUpdated: 3, callsUsed: 15, message: '' } });
    await expect.poll(() => note.innerText()).toBe('Finished: 12 rows added, 3 updated, 15 calls used.');
    // The list reloads once the run is over; the result stays on screen.
    await expect.poll(async () => (await recordedCalls(page, 'getSidebarState')).length).toBe(2);
    expect(await page.locator('#run-note-cfg-1').innerText()).toBe('Finished: 12 rows added, 3 updated, 15 calls used.');
    expect(await run.isDisabled()).toBe(false);
    await expect.poll(() => page.locator('#spinner').isVisible()).toBe(false);
    // Polling stopped with the run.
    const polls = (await recordedCalls(page, 'getRunProgress')).length;
    await page.waitForTimeout(1500);
    expect((await recordedCalls(page, 'getRunProgress')).length).toBe(polls);
  });

  it('polls progress at most every 3 s, backing off to 15 s, and stops when the run returns', async () => {
    const page = await harness.open({
      getSidebarState: [{ value: sidebarState() }],
      runConfigurationNow: [{ hold: 'run' }],
      getRunProgress: [{ value: { phase: 'Reading posts (page 2)', rowsWritten: 40, callsUsed: 3 } }],
    });
    // Timers from here on follow a clock the test moves.
    await page.clock.install();
    await page.getByRole('button', { name: 'Run User\'s Information for @bakery.lisbon now' }).click();
    const polls = async () => (await recordedCalls(page, 'getRunProgress')).length;
    await page.clock.runFor(2_900);
    expect(await polls()).toBe(0);
    // Polls at 3, 8, 16, 29, 44, 59, 74, 89, 104, 119 s: ten in two minutes (one a second would be 120).
    await page.clock.runFor(117_100);
    await expect.poll(polls).toBe(10);
    await release(page, 'run', { value: { at: NOW, status: 'ok', rowsAdded: 12, rowsUpdated: 3, callsUsed: 15, message: '' } });
    await expect.poll(() => page.locator('#run-note-cfg-1').innerText()).toBe('Finished: 12 rows added, 3 updated, 15 calls used.');
    await page.clock.runFor(60_000);
    expect(await polls()).toBe(10);
  });
});
