// "Fill or repair history…" with the keyboard alone: the form opens from the card, the dates are typed,
// the sentence says what will happen, the repair is sent, and the card then says how it went; a range the
// wrong way round is refused beside the date it is about, and so is one the server refuses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { SidebarState } from '../../src/contract/sidebar';
import { isFocused, recordedCalls, startHarness, type Harness } from './support/sidebar-page';
import { NOW, sidebarState } from './support/fixtures';
import { focusedName, tabTo } from './support/keyboard';

let harness: Harness;
beforeAll(async () => { harness = await startHarness(); });
afterAll(async () => { await harness?.close(); });

const BAKERY = '17841400000000001';
const OPEN = 'Fill or repair history of Account Insights for @bakery.lisbon';
const KEEPS = 'Instagram keeps account insights for up to 2 years (its documentation promises 90 days) and new followers for 30 days: a value it no longer gives keeps what your tab holds.';
const DONE = 'Re-read 10–20 Feb 2025: 9 rows refreshed, 2 added.';
const PENDING = 'Repair of 10 Mar 2024 – 20 Feb 2025: 120 rows refreshed, 4 added so far; continues at the next hourly run.';

function repairState(after?: 'done' | 'pending'): SidebarState {
  const state = sidebarState();
  state.reports.push({
    id: 'account_insights', title: 'Account Insights', description: 'One row per day of account metrics.', loginFlows: ['instagram', 'facebook'],
    fields: [{ id: 'date', header: 'Date', description: 'Day', default: true }, { id: 'reach', header: 'Reach', description: 'Accounts reached', default: true }],
    defaultMode: 'update', cadence: 'daily',
  });
  state.configurations.push({
    id: 'cfg-ai', accountId: BAKERY, reportId: 'account_insights', fields: ['date', 'reach'], tabName: 'Account Insights', mode: 'update', schedule: { kind: 'daily', hour: 7 },
    lastRun: { at: NOW - 3_600_000, status: 'ok', rowsAdded: 2, rowsUpdated: 28, callsUsed: 61, message: '' }, nextRun: NOW + 20 * 3_600_000,
    repair: {
      reads: 'days', earliest: '2023-03-04', latest: '2025-03-02', from: '2025-02-01', to: '2025-03-02', keeps: KEEPS,
      ...(after === 'done' ? { last: { from: '2025-02-10', to: '2025-02-20', at: NOW, status: 'ok' as const, text: DONE } } : {}),
      ...(after === 'pending' ? { pending: { from: '2024-03-10', to: '2025-02-20', text: PENDING } } : {}),
    },
  });
  return state;
}


const card = (page: Page) => page.locator('li.configuration[data-configuration-id="cfg-ai"]');

/** Types a date into the focused date field as a person does: month, day, year (the browser's en-US order). */
async function typeDate(page: Page, iso: string): Promise<void> {
  const [y, m, d] = iso.split('-');
  await page.keyboard.type(`${m}${d}${y}`);
}

describe('Fill or repair history, keyboard only', () => {
  it('opens the form, takes two dates, says what will happen, repairs, and the card says how it went', async () => {
    const page = await harness.open({
      getSidebarState: [{ value: repairState() }, { value: repairState('done') }],
      startRepair: [{ value: { message: DONE, status: 'ok' } }],
    });
    await card(page).waitFor();
    // Only the report that has days to repair offers it.
    expect(await page.locator('button[data-repair]').count()).toBe(1);
    await tabTo(page, OPEN);
    await page.keyboard.press('Enter');
    const from = card(page).getByLabel('From', { exact: true });
    const to = card(page).getByLabel('To', { exact: true });
    expect(await isFocused(from)).toBe(true);
    expect(await from.inputValue()).toBe('2025-02-01');
    expect(await to.inputValue()).toBe('2025-03-02');
    expect(await to.getAttribute('max')).toBe('2025-03-02');
    expect(await card(page).locator('.repair-form').innerText()).toContain(KEEPS);

    await typeDate(page, '2025-02-10');
    // Tab goes through the date's parts (month, day, year), then on to the last day.
    await tabTo(page, 'To');
    expect(await isFocused(to)).toBe(true);
    await typeDate(page, '2025-02-20');
    expect(await from.inputValue()).toBe('2025-02-10');
    expect(await to.inputValue()).toBe('2025-02-20');
    expect(await card(page).locator('.repair-promise').innerText())
      .toBe('Re-reads 10–20 Feb 2025 for @bakery.lisbon: rows of those days are replaced, nothing else changes.');

    await tabTo(page, 'Re-read these days');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await recordedCalls(page, 'startRepair')).length).toBe(1);
    expect((await recordedCalls(page, 'startRepair'))[0].args).toEqual([{ configurationId: 'cfg-ai', from: '2025-02-10', to: '2025-02-20' }]);
    // The card is drawn again with the result, once, and the keyboard is there.
    const line = card(page).locator('.repair-last');
    await expect.poll(() => line.count()).toBe(1);
    expect(await line.innerText()).toMatch(/^History repaired 3 Mar, 09:30: Re-read 10–20 Feb 2025: 9 rows refreshed, 2 added\.$/);
    expect(await isFocused(line)).toBe(true);
    expect(await card(page).locator('.repair-form').count()).toBe(0);
    // Said once: on the card, not again in the sidebar's notice.
    expect(await page.locator('#status').innerText()).toBe('');
  });

  it('refuses a range the wrong way round beside the last day, sends nothing, and shows a refusal of the server at its field', async () => {
    const page = await harness.open({
      getSidebarState: [{ value: repairState() }],
      startRepair: [{ error: '[sheetgram:invalid_input] [field:from] Instagram keeps account insights for 2 years at most, so it has nothing before 4 Mar 2023: choose 4 Mar 2023 or later.' }],
    });
    await card(page).waitFor();
    await tabTo(page, OPEN);
    await page.keyboard.press('Enter');
    await tabTo(page, 'To');
    const to = card(page).getByLabel('To', { exact: true });
    expect(await isFocused(to)).toBe(true);
    await typeDate(page, '2025-01-15');
    await tabTo(page, 'Re-read these days');
    await page.keyboard.press('Enter');
    const toError = card(page).locator(`#${await to.getAttribute('aria-describedby')}`);
    expect(await to.getAttribute('aria-invalid')).toBe('true');
    expect(await toError.innerText()).toBe('The last day comes before the first: choose 1 Feb 2025 or later.');
    expect(await isFocused(to)).toBe(true);
    expect(await recordedCalls(page, 'startRepair')).toEqual([]);

    // Put right; the server then refuses the first day (as it would for a change of what Meta keeps).
    await typeDate(page, '2025-02-15');
    await tabTo(page, 'Re-read these days');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await recordedCalls(page, 'startRepair')).length).toBe(1);
    const from = card(page).getByLabel('From', { exact: true });
    await expect.poll(() => from.getAttribute('aria-invalid')).toBe('true');
    expect(await to.getAttribute('aria-invalid')).toBeNull();
    expect(await card(page).locator('.field-error').allInnerTexts()).toContain('Instagram keeps account insights for 2 years at most, so it has nothing before 4 Mar 2023: choose 4 Mar 2023 or later.');
    expect(await isFocused(from)).toBe(true);
    // Escape closes the form and gives the keyboard back to the button.
    await page.keyboard.press('Escape');
    expect(await card(page).locator('.repair-form').count()).toBe(0);
    expect(await focusedName(page)).toBe(OPEN);
  });

  it('shows a repair under way on the card and cancels it', async () => {
    const page = await harness.open({
      getSidebarState: [{ value: repairState('pending') }, { value: repairState() }],
      cancelRepair: [{ value: { message: 'Repair of 10 Mar 2024 – 20 Feb 2025 cancelled; the rows it already wrote stay.' } }],
    });
    await card(page).waitFor();
    expect(await card(page).locator('.repair-pending p').innerText()).toBe(PENDING);
    await tabTo(page, 'Cancel the repair of 10 Mar 2024 – 20 Feb 2025 for @bakery.lisbon');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await recordedCalls(page, 'cancelRepair')).length).toBe(1);
    expect((await recordedCalls(page, 'cancelRepair'))[0].args).toEqual(['cfg-ai']);
    await expect.poll(() => card(page).locator('.repair-pending').count()).toBe(0);
    expect(await page.locator('#status').innerText()).toBe('Repair of 10 Mar 2024 – 20 Feb 2025 cancelled; the rows it already wrote stay.');
  });

  it('on a report of several accounts, asks which account: a repair is for one', async () => {
    const state = repairState();
    const ai = state.configurations.pop()!;
    const group = { id: 'grp-ai', accounts: { kind: 'all' as const } };
    state.configurations.push(
      { ...ai, id: 'grp-ai-bakery', group },
      { ...ai, id: 'grp-ai-porto', accountId: '17841400000000002', group, repair: { ...ai.repair!, latest: '2025-03-01', to: '2025-03-01', from: '2025-01-31' } },
    );
    const page = await harness.open({ getSidebarState: [{ value: state }], startRepair: [{ value: { message: DONE, status: 'ok' } }] });
    await page.locator('li.configuration-group').waitFor();
    await tabTo(page, 'Fill or repair history of Account Insights for all connected accounts (@bakery.lisbon and @studio.porto)');
    await page.keyboard.press('Enter');
    const account = page.getByLabel('Account', { exact: true });
    expect(await isFocused(account)).toBe(true);
    await page.keyboard.press('ArrowDown');
    expect(await page.getByLabel('To', { exact: true }).inputValue()).toBe('2025-03-01');
    expect(await page.locator('.repair-promise').innerText()).toBe('Re-reads 31 Jan – 1 Mar 2025 for @studio.porto: rows of those days are replaced, nothing else changes.');
    await tabTo(page, 'Re-read these days');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await recordedCalls(page, 'startRepair')).length).toBe(1);
    expect((await recordedCalls(page, 'startRepair'))[0].args).toEqual([{ configurationId: 'grp-ai-porto', from: '2025-01-31', to: '2025-03-01' }]);
  });
});
