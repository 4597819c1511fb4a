// The size banner (issue 15): from 70% of Google's 10 million cells the sidebar says how full the
// spreadsheet is, how long until full, which tabs grow fastest and are largest, and what to do.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/sidebar-page';
import { sidebarState } from './support/fixtures';

let harness: Harness;
beforeAll(async () => { harness = await startHarness(); });
afterAll(async () => { await harness?.close(); });

const MESSAGE = 'It has 9,240,000 of the 10 million cells Google Sheets allows in one spreadsheet (every tab\'s rows × columns count, empty cells too). '
  + 'At the pace of the last 14 days it is full in about 38 days. Growing fastest: "<b>Posts</b>" (+20,000 cells a day). '
  + 'Largest tabs: "Archive" (8,000,000 cells). To make room: delete tabs or old rows you no longer need.';

describe('the size banner', () => {
  it('is not there while the spreadsheet is below 70%', async () => {
    const page = await harness.open({ getSidebarState: [{ value: sidebarState() }] });
    await expect.poll(() => page.locator('li.account').count()).toBe(3);
    expect(await page.locator('#cells').isHidden()).toBe(true);
  });

  it('shows how full, the pace and what to do above the reports, as text, with a meter', async () => {
    const cells = { percent: 92, used: 9_240_000, limit: 10_000_000, level: 90, heading: 'This spreadsheet is 92% full', message: MESSAGE };
    const page = await harness.open({ getSidebarState: [{ value: { ...sidebarState(), cells } }] });
    const banner = page.locator('#cells');
    await expect.poll(() => banner.isVisible()).toBe(true);
    expect(await banner.getAttribute('class')).toBe('banner banner-danger');
    expect(await page.getByRole('region', { name: 'This spreadsheet is 92% full' }).count()).toBe(1);
    expect(await banner.locator('h2').innerText()).toBe('This spreadsheet is 92% full');
    // Tab names stay text: nothing from the server is parsed as HTML.
    expect(await banner.locator('p').innerText()).toBe(MESSAGE);
    expect(await banner.locator('b').count()).toBe(0);
    const meter = banner.locator('meter');
    expect(await meter.getAttribute('max')).toBe('10000000');
    expect(await meter.getAttribute('value')).toBe('9240000');
    expect(await meter.getAttribute('aria-valuetext')).toBe('92% of 10 million cells');
    // Before the accounts and reports: it is the first thing the person reads.
    const shown = page.locator('main > section:not([hidden])');
    expect([await shown.nth(0).getAttribute('id'), await shown.nth(1).getAttribute('id')]).toEqual(['cells', 'accounts']);
  });

  it('warns in a calmer colour between 70% and 90%', async () => {
    const cells = { percent: 74, used: 7_400_000, limit: 10_000_000, level: 70, heading: 'This spreadsheet is 74% full', message: 'It has 7,400,000 of the 10 million cells.' };
    const page = await harness.open({ getSidebarState: [{ value: { ...sidebarState(), cells } }] });
    const banner = page.locator('#cells');
    await expect.poll(() => banner.isVisible()).toBe(true);
    expect(await banner.getAttribute('class')).toBe('banner banner-warning');
  });
});
