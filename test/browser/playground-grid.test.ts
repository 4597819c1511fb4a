// A 10,000-row tab in the grid: the real Recent Media report of an account with 10,000 posts, drawn a
// screenful at a time (the DOM holds only the rows in view), with the header row frozen on top, and
// fast to open, to scroll and to jump to the end of.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { largeScenario } from '../../local/instagram/scenario';
import { addReport, cell, connectInstagram, filledRows, openPlayground, runNow, selectTab, type Session } from './support/playground';

const POSTS = 10_000;
let s: Session;
beforeAll(async () => {
  s = await openPlayground({ scenario: largeScenario({ media: POSTS }) });
  await (await connectInstagram(s)).close();
  await s.sidebar.locator('li.account', { hasText: '@sunny.creates' }).waitFor();
  await addReport(s, 'User\'s Recent Media', { schedule: 'Off (only Run now)' });
  expect(await runNow(s, 'User\'s Recent Media')).toMatch(/^Finished: 10,?000 rows added/);
}, 60_000);
afterAll(async () => { await s?.close(); });

const drawnRows = () => s.page.locator('#grid .grid-body .grid-row').count();

describe('a 10,000-row tab', () => {
  it('opens quickly with only the rows in view in the page', async () => {
    const started = Date.now();
    await selectTab(s, 'User\'s Recent Media');
    await expect.poll(async () => (await filledRows(s)).length).toBeGreaterThan(10);
    expect(Date.now() - started).toBeLessThan(3_000);
    // The grid says how many rows it has (all of them, and room to type below), not how many are drawn.
    expect(Number(await s.page.locator('#grid').getAttribute('aria-rowcount'))).toBeGreaterThan(POSTS + 1);
    expect(await drawnRows()).toBeLessThan(80);
  });

  it('jumps to the last row with Ctrl+End and keeps the header row on screen', async () => {
    await s.page.locator('#grid').focus();
    const started = Date.now();
    await s.page.keyboard.press('Control+End');
    await expect.poll(() => s.page.getByLabel('Cell address').inputValue()).toMatch(new RegExp(`^[A-Z]+${POSTS + 1}$`));
    // Every row starts with its account (Account, Account ID), then the post's Media ID.
    await expect.poll(() => cell(s, POSTS + 1, 3).innerText()).toMatch(/^\d{10,}$/);
    expect(await cell(s, POSTS + 1, 1).innerText()).toBe('sunny.creates');
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(await drawnRows()).toBeLessThan(80);
    // The frozen header row is drawn, and at the top of the grid's viewport.
    const header = s.page.locator('#grid .grid-frozen');
    expect(await header.locator('[role=gridcell]').nth(2).innerText()).toBe('Media ID');
    const [grid, frozen] = await Promise.all([s.page.locator('#grid').boundingBox(), header.boundingBox()]);
    expect(frozen && grid && frozen.y - grid.y).toBeLessThanOrEqual(30);
  });

  it('scrolls to the middle and draws those rows', async () => {
    await s.page.locator('#grid').evaluate((grid: any) => { grid.scrollTop = 5_000 * 24; });
    await expect.poll(() => cell(s, 5_005, 3).innerText()).toMatch(/^\d{10,}$/);
    expect(await drawnRows()).toBeLessThan(80);
    expect(s.errors).toEqual([]);
  });
});
