// The sidebar draws what getSidebarState answers: accounts with token status, saved reports with their
// last run, next run and last error, the hour's quota as meters, the log link; and it fits 300 px.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, recordedCalls, type Harness, type InPage } from './support/sidebar-page';
import { sidebarState } from './support/fixtures';

let harness: Harness;
beforeAll(async () => { harness = await startHarness(); });
afterAll(async () => { await harness?.close(); });

describe('sidebar state', () => {
  it('lists each account with its type and token status in words', async () => {
    const page = await harness.open({ getSidebarState: [{ value: sidebarState() }] });
    const accounts = page.locator('li.account');
    await expect.poll(() => accounts.count()).toBe(3);
    const texts = await accounts.allInnerTexts();
    expect(texts[0]).toContain('@bakery.lisbon');
    expect(texts[0]).toContain('Business account · Instagram Login');
    expect(texts[0]).toContain('renews automatically');
    expect(texts[1]).toContain('Creator account · Facebook Login');
    expect(texts[1]).toContain('expires in 6 days: reconnect (until 2025-03-09)');
    expect(texts[2]).toContain('reconnect needed');
    expect(await recordedCalls(page, 'getSidebarState')).toHaveLength(1);
  });

  it('shows each saved report with last run, next run and last error', async () => {
    const page = await harness.open({ getSidebarState: [{ value: sidebarState() }] });
    const items = page.locator('li.configuration');
    await expect.poll(() => items.count()).toBe(2);
    const [first, second] = await items.allInnerTexts();
    expect(first).toContain('User\'s Information');
    // Grouped by account: the card sits under its account's heading.
    expect(await page.locator('section.report-block').first().locator('h3').innerText()).toBe('@bakery.lisbon');
    expect(await page.locator('section.report-block').first().locator('li.configuration').first().getAttribute('data-configuration-id')).toBe('cfg-1');
    expect(first).toContain('Tab "Profile" · Append · Daily, between 07:00-08:00');
    // 07:30 UTC in Lisbon (WET, UTC+0 in March) is 07:30.
    expect(first).toContain('Last run 3 Mar, 07:30: Finished: 1 row added, 0 updated, 2 calls used.');
    expect(first).toContain('Next run: 4 Mar, 07:30');
    expect(second).toContain('Every 6 hours');
    expect(second).toContain('Failed');
    expect(second).toContain('Last error: Instagram stopped accepting @old.shop\'s sign-in');
  });

  it('shows the hour\'s calls per account as a meter with its values, and links the log tab', async () => {
    const page = await harness.open({ getSidebarState: [{ value: sidebarState() }] });
    const meters = page.locator('meter');
    await expect.poll(() => meters.count()).toBe(2);
    expect(await meters.nth(0).getAttribute('value')).toBe('57');
    expect(await meters.nth(0).getAttribute('max')).toBe('200');
    expect(await meters.nth(1).getAttribute('aria-valuetext')).toBe('190 of 200 calls');
    expect(await page.getByRole('meter', { name: '@studio.porto' }).count()).toBe(1);
    // The log opens in the spreadsheet (a server function shows its tab), not in a new browser tab.
    expect(await page.getByRole('button', { name: 'Open the log ("Sheetgram log" tab)' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: /Open the log/ }).count()).toBe(0);
  });

  it('shows only the setup problem when the deployer has not finished setup', async () => {
    const state = { ...sidebarState(), setupProblem: 'Sheetgram is not set up yet: set META_APP_ID and META_APP_SECRET in Script Properties.' };
    const page = await harness.open({ getSidebarState: [{ value: state }] });
    await page.getByText('Setup needed').waitFor();
    expect(await page.locator('#setup').innerText()).toContain('META_APP_ID');
    expect(await page.locator('#accounts').isVisible()).toBe(false);
    expect(await page.locator('#reports').isVisible()).toBe(false);
  });

  it('fits 300 px without sideways scrolling', async () => {
    const page = await harness.open({ getSidebarState: [{ value: sidebarState() }] });
    await page.locator('li.configuration').first().waitFor();
    expect(await page.evaluate(() => (globalThis as unknown as InPage).document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
  });

  it('says the sidebar could not load, in words, and offers to try again', async () => {
    const page = await harness.open({ getSidebarState: [{ error: 'NetworkError: Connection failure due to HTTP 0' }, { value: sidebarState() }] });
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.innerText()).toContain('The connection to Google dropped');
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => page.locator('li.account').count()).toBe(3);
  });
});
