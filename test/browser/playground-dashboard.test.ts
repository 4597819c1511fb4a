// The dashboard, as a person builds it: the five reports it reads (and Media Insights' Post Growth tab), a few virtual days of daily runs,
// then "Create dashboard" in the sidebar; its embedded charts are drawn over the new tab from the
// chart specs the runtime keeps (chart.js for LINE/COLUMN, a table for TABLE, bars for GEO). One account
// here; playground-accounts.test.ts makes the dashboards of two, and the README's pictures of them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addReport, advance, connectInstagram, openPlayground, paintedPixels, selectTab, sidebarSays, type InPage, type Session } from './support/playground';

const REPORTS = ['User\'s Information', 'Account Insights', 'Media Insights', 'Audience Demographics', 'Online Followers'];
const DASHBOARD = 'Dashboard @sunny.creates';

let s: Session;
beforeAll(async () => {
  s = await openPlayground();
  await (await connectInstagram(s)).close();
  await s.sidebar.locator('li.account', { hasText: '@sunny.creates' }).waitFor();
});
afterAll(async () => { await s?.close(); });

describe('the dashboard', () => {
  it('is made from a few days of the five reports and shows its charts', async () => {
    for (const title of REPORTS) await addReport(s, title, { schedule: 'Daily' });
    // Saved after 07:00: each runs at the next hourly tick, then once a day.
    for (let day = 0; day < 3; day++) await advance(s, 'day');
    await s.sidebar.getByRole('button', { name: 'Create a dashboard tab for @sunny.creates' }).click();
    await sidebarSays(s, `The tab "${DASHBOARD}" shows 9 charts`);
    await s.page.getByRole('tab', { name: DASHBOARD }).waitFor();
    await selectTab(s, DASHBOARD);

    const figures = s.page.locator('figure.chart');
    await expect.poll(() => figures.count()).toBe(9);
    expect(await figures.evaluateAll((list) => list.map((f) => `${f.getAttribute('data-chart-type')}: ${f.querySelector('h3')?.textContent}`))).toEqual([
      'LINE: Followers over time', 'LINE: Daily reach and views', 'COLUMN: Average interactions by type', 'TABLE: Top 10 posts of the last 30 days',
      'LINE: Post growth: views by days since posting', 'COLUMN: Followers by age', 'COLUMN: Followers by gender', 'GEO: Followers by country', 'COLUMN: Followers online by hour (Pacific time)',
    ]);
    // One point per day: the 30 days the first run rebuilt, the first run and three days.
    expect(await figures.filter({ hasText: 'Followers over time' }).locator('canvas').getAttribute('aria-label')).toBe('Line chart of Followers: 34 points by Run date');
    await expect.poll(() => paintedPixels(s, 'Followers over time')).toBeGreaterThan(1000);
    await expect.poll(() => paintedPixels(s, 'Daily reach and views')).toBeGreaterThan(1000);
    // How posts grow: a point for each day 0-30 after posting, drawn.
    const growth = figures.filter({ hasText: 'Post growth' }).locator('canvas');
    expect(await growth.getAttribute('aria-label')).toMatch(/^Line chart of Median of posts of the last 90 days(, Latest post)?: 31 points by Days since posting$/);
    await expect.poll(() => paintedPixels(s, 'Post growth: views by days since posting')).toBeGreaterThan(1000);
    // Week over week, beside the headline figures.
    const grid = await s.page.locator('section.sheet').innerText();
    for (const label of ['Posts in the last 7 days', 'Views of posts of the last 7 days', 'Reach of posts of the last 7 days', 'vs the 7 days before']) expect(grid).toContain(label);
    const table = figures.filter({ hasText: 'Top 10 posts' }).locator('table');
    expect(await table.locator('th').allInnerTexts()).toEqual(['Permalink', 'Posted at', 'Total interactions']);
    const posts = await table.locator('tbody tr').count();
    expect(posts).toBeGreaterThan(0);
    expect(posts).toBeLessThanOrEqual(10);
    expect(await figures.filter({ hasText: 'Followers by country' }).locator('figcaption').innerText()).toContain('bar chart by country');
    // Every chart has data to draw: none says its range is empty.
    expect(await figures.locator('figcaption', { hasText: 'No data' }).allInnerTexts()).toEqual([]);
    expect(s.errors).toEqual([]);
    expect(await s.page.evaluate(() => (globalThis as unknown as InPage).document.querySelectorAll('img').length)).toBe(0);
  }, 60_000);
});
