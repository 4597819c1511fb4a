// Everything in the playground can be reached with Tab and used with Enter, Space, arrows and typing:
// the toolbar controls, the formula bar, the grid, the sheet tabs, the sidebar in its iframe and the
// consent window it opens.
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cell, openPlayground, type InPage, type Session } from './support/playground';

let s: Session;
beforeAll(async () => { s = await openPlayground(); });
afterAll(async () => { await s?.close(); });

/** What has the keyboard focus, looking into the sidebar's iframe: "#id", "tag:text" or "sidebar > ...". */
async function focused(page: Page = s.page): Promise<string> {
  return page.evaluate(() => {
    const describe = (e: any) => (e.id ? `#${e.id}` : `${e.tagName.toLowerCase()}:${(e.getAttribute('aria-label') || e.textContent || '').trim()}`);
    const active = (globalThis as unknown as InPage).document.activeElement;
    if (active?.tagName === 'IFRAME') return `sidebar > ${describe(active.contentDocument.activeElement)}`;
    return describe(active);
  });
}

/** Presses Tab until `target` has the focus; fails if it is not reached within `max` presses. */
async function tabTo(target: string | RegExp, page: Page = s.page, max = 80, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const now = await focused(page);
    if (typeof target === 'string' ? now === target : target.test(now)) return;
    seen.push(now);
  }
  throw new Error(`${String(target)} was not reached with Tab; focus went through ${seen.join(', ')}`);
}

const status = () => s.page.locator('#status').innerText();
const now = async () => Number(await s.page.locator('#clock').getAttribute('data-now'));

describe('with the keyboard only', () => {
  it('reaches every control in order, from the toolbar through the grid and tabs into the sidebar', async () => {
    const order: string[] = [];
    for (let i = 0; i < 16; i++) {
      await s.page.keyboard.press('Tab');
      order.push(await focused());
    }
    expect(order.slice(0, 13)).toEqual([
      'button:Sheetgram › Open sidebar', '#advance-hour', '#advance-day', '#fault-rate', '#fault-latency', '#apply-faults',
      '#revoke-account', '#revoke-button', '#download', '#cell-address', '#cell-input', '#grid', 'button:Sheet1',
    ]);
    expect(order.slice(13)).toContain('sidebar > button:Get sign-in link');
  });

  it('connects through the sidebar and the consent window', async () => {
    await s.page.locator('body').focus();
    await tabTo('sidebar > button:Get sign-in link');
    await s.page.keyboard.press('Enter');
    // The sidebar puts the focus on the link it made.
    await expect.poll(() => focused()).toMatch(/^sidebar > a:Sign in with Instagram/);
    const [popup] = await Promise.all([s.context.waitForEvent('page'), s.page.keyboard.press('Enter')]);
    await popup.waitForLoadState();
    await tabTo('button:Allow', popup, 10);
    await popup.keyboard.press('Enter');
    await popup.locator('#result').waitFor();
    expect(await popup.locator('#result').innerText()).toBe('@sunny.creates is connected');
    await popup.close();
    await s.sidebar.locator('li.account', { hasText: '@sunny.creates' }).waitFor();
  });

  it('adds a report and runs it from the sidebar', async () => {
    await s.page.locator('body').focus();
    await tabTo('sidebar > #new-report');
    await s.page.keyboard.press('Enter');
    await expect.poll(() => focused()).toBe('sidebar > #editor-heading');
    await s.page.keyboard.press('Tab');
    await s.page.keyboard.press('Tab');
    await expect.poll(() => focused()).toBe('sidebar > #editor-report');
    // Enter in the form's text box submits it, as in any form.
    await tabTo('sidebar > #editor-tab-name');
    await s.page.keyboard.press('Enter');
    await s.sidebar.locator('#status', { hasText: 'Saved: User\'s Information' }).waitFor();
    await expect.poll(() => focused()).toBe('sidebar > #new-report');
    // Back up to the new report's Run now button, once its card is drawn (as a person waits to see it:
    // the list redraws after the save, and on a busy machine that can come after the focus moved).
    await s.sidebar.getByRole('button', { name: 'Run User\'s Information for @sunny.creates now' }).waitFor();
    await tabTo('sidebar > button:Run User\'s Information for @sunny.creates now', s.page, 6, 'Shift+Tab');
    await s.page.keyboard.press('Enter');
    await s.sidebar.locator('.run-note.run-result').waitFor();
    // Today's row and the 30 days before it, rebuilt (follower-history.test.ts).
    expect(await s.sidebar.locator('.run-note').innerText()).toMatch(/^Finished: 31 rows added/);
  });

  it('advances the clock with Enter and Space', async () => {
    const before = await now();
    await s.page.locator('body').focus();
    await tabTo('#advance-hour');
    await s.page.keyboard.press('Enter');
    // Trigger runs take virtual time (start-up, service calls): the clock ends a little after the hour.
    const within = (target: number) => async () => { const t = await now(); return t >= target && t < target + 60_000; };
    await expect.poll(within(before + 3_600_000)).toBe(true);
    // The focus stays where the person is: pressing Enter again would advance again.
    expect(await focused()).toBe('#advance-hour');
    await s.page.keyboard.press('Tab');
    await s.page.keyboard.press('Space');
    await expect.poll(within(before + 25 * 3_600_000)).toBe(true);
    await expect.poll(status).toBe('Advanced 1 day: 24 trigger runs. Now Sat, 11 Jul 2026, 14:00.');
  });

  it('sets faults by typing and Enter', async () => {
    await s.page.locator('body').focus();
    await tabTo('#fault-rate');
    await s.page.keyboard.press('Control+A');
    await s.page.keyboard.type('25');
    await s.page.keyboard.press('Tab');
    await s.page.keyboard.press('Control+A');
    await s.page.keyboard.type('200');
    await s.page.keyboard.press('Enter');
    await expect.poll(status).toBe('Instagram faults: 25 % of calls fail with a transient error; 200 ms latency.');
    await s.page.keyboard.press('Shift+Tab');
    await s.page.keyboard.press('Control+A');
    await s.page.keyboard.type('0');
    await s.page.keyboard.press('Tab');
    await s.page.keyboard.press('Control+A');
    await s.page.keyboard.type('0');
    await s.page.keyboard.press('Enter');
    await expect.poll(status).toBe('Instagram faults: 0 % of calls fail with a transient error; 0 ms latency.');
  });

  it('downloads the workbook as .xlsx with Enter', async () => {
    await s.page.locator('body').focus();
    await tabTo('#download');
    const [download] = await Promise.all([s.page.waitForEvent('download'), s.page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toBe('Sheetgram playground.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await download.path());
    const tab = book.getWorksheet('User\'s Information');
    expect(tab).toBeDefined();
    // The header, the 30 rebuilt days, the run now and the daily run after the clock moved a day.
    expect(tab?.getCell('A1').value).toBe('Run date');
    expect(tab?.actualRowCount).toBe(1 + 30 + 2);
  });

  it('moves around the grid with the arrows, types into a cell, and Escape leaves a cell alone', async () => {
    await s.page.locator('body').focus();
    await tabTo('#grid');
    await s.page.keyboard.press('ArrowDown');
    await s.page.keyboard.press('ArrowDown');
    await s.page.keyboard.press('ArrowRight');
    expect(await s.page.getByLabel('Cell address').inputValue()).toBe('B3');
    await s.page.keyboard.type('hello');
    expect(await focused()).toBe('#cell-input');
    await s.page.keyboard.press('Enter');
    await expect.poll(() => cell(s, 3, 2).innerText()).toBe('hello');
    expect(await focused()).toBe('#grid');
    expect(await s.page.getByLabel('Cell address').inputValue()).toBe('B4');
    await s.page.keyboard.type('oops');
    await s.page.keyboard.press('Escape');
    expect(await focused()).toBe('#grid');
    expect(await cell(s, 4, 2).innerText()).toBe('');
  });

  it('switches sheets with the arrow keys and Enter, and reopens the sidebar from the Extensions menu', async () => {
    await s.page.locator('body').focus();
    await tabTo('button:Sheet1');
    await s.page.keyboard.press('ArrowRight');
    expect(await focused()).toBe('button:User\'s Information');
    await s.page.keyboard.press('Enter');
    await expect.poll(() => s.page.locator('#grid').getAttribute('aria-label')).toBe('Cells of User\'s Information');
    expect(await s.page.getByRole('tab', { name: 'User\'s Information' }).getAttribute('aria-selected')).toBe('true');

    await s.page.locator('body').focus();
    await tabTo('button:Sheetgram › Open sidebar');
    await s.page.keyboard.press('Enter');
    await expect.poll(status).toBe('Sheetgram › Open sidebar: done.');
    await s.sidebar.locator('li.account', { hasText: '@sunny.creates' }).waitFor();
    expect(s.errors).toEqual([]);
  });

  it('reaches the account\'s buttons in the sidebar and disconnects with Enter, confirming with Enter', async () => {
    await s.page.locator('body').focus();
    await tabTo('sidebar > button:Create a dashboard tab for @sunny.creates');
    await s.page.keyboard.press('Tab');
    expect(await focused()).toBe('sidebar > button:Disconnect @sunny.creates');
    await s.page.keyboard.press('Enter');
    // The confirmation takes the focus; Enter confirms.
    expect(await focused()).toBe('sidebar > button:Disconnect');
    await s.page.keyboard.press('Enter');
    await s.sidebar.getByText('No Instagram account is connected yet').waitFor();
  });

  it('revokes a sign-in with the keyboard', async () => {
    await s.page.locator('body').focus();
    await tabTo('#revoke-account');
    expect(await s.page.locator('#revoke-account').inputValue()).toBe('17841400000000001');
    await s.page.keyboard.press('Tab');
    await s.page.keyboard.press('Enter');
    await expect.poll(status).toMatch(/^Revoked \d+ tokens? of @sunny\.creates/);
  });
});
