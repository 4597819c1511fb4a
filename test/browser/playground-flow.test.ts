// The playground end to end, as a person uses it: connect @sunny.creates through the simulator's
// consent page in a new window, a daily User's Information report in Append mode, Run now, three
// virtual days, =IG_FOLLOWERS() typed into a cell, a Recent Media report, disconnect. (The README's
// pictures are of two accounts: playground-accounts.test.ts takes them.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addReport, advance, cell, connectInstagram, filledRows, openPlayground, runNow, selectTab, tabRows, type Session } from './support/playground';

let s: Session;
beforeAll(async () => { s = await openPlayground(); });
afterAll(async () => { await s?.close(); });

describe('the playground', () => {
  it('connects the demo account through the consent window and shows the page Apps Script returns', async () => {
    expect(await s.sidebar.getByText('No Instagram account is connected yet').count()).toBe(1);
    const popup = await connectInstagram(s);
    // The consent page was the simulator's; the window then landed on the playground's /usercallback.
    expect(new URL(popup.url()).pathname).toBe('/macros/d/SIM/usercallback');
    expect(await popup.locator('#result').innerText()).toBe('@sunny.creates is connected');
    expect(await popup.locator('#result').getAttribute('data-ok')).toBe('true');
    await popup.close();
    // The sidebar is reopened with the new account.
    await s.sidebar.locator('li.account', { hasText: '@sunny.creates' }).waitFor();
    expect(await s.sidebar.locator('li.account .token').innerText()).toBe('Signed in with Instagram; renews by itself.');
  });

  it('runs a daily User\'s Information report now and once a day as the clock moves: four dated rows', async () => {
    await addReport(s, 'User\'s Information', { mode: 'Append', schedule: 'Daily' });
    // The first run also rebuilds the 30 days before it (follower-history.test.ts).
    expect(await runNow(s, 'User\'s Information')).toMatch(/^Finished: 31 rows added/);
    await selectTab(s, 'User\'s Information');
    await expect.poll(async () => (await tabRows(s, 'User\'s Information')).length).toBe(1 + 31);
    for (let day = 0; day < 3; day++) await advance(s, 'day');
    await expect.poll(async () => (await tabRows(s, 'User\'s Information')).length).toBe(1 + 34);
    const rows = await tabRows(s, 'User\'s Information');
    expect(rows[0][0]).toBe('Run date');
    // Days as the spreadsheet's locale (en_US) writes them: 10 June to 9 July rebuilt, then four runs.
    expect(rows[1][0]).toBe('6/10/2026');
    expect(rows.slice(-4).map((r) => r[0])).toEqual(['7/10/2026', '7/11/2026', '7/12/2026', '7/13/2026']);
    // The sidebar was reopened with the runs the clock made.
    await expect.poll(() => s.sidebar.locator('li.configuration .last-run').innerText()).toMatch(/^Last run 13 Jul/);
  });

  it('evaluates =IG_FOLLOWERS() typed into a cell to the latest count in the tab', async () => {
    const rows = await tabRows(s, 'User\'s Information');
    const followersColumn = rows[0].indexOf('Followers');
    expect(followersColumn).toBeGreaterThan(0);
    const latest = Number(rows[rows.length - 1][followersColumn].replace(/,/g, ''));
    expect(latest).toBeGreaterThan(40_000);
    await selectTab(s, 'Sheet1');
    await s.page.getByLabel('Cell address').fill('B2');
    await s.page.getByLabel('Cell address').press('Enter');
    await s.page.locator('#grid').press('=');
    await s.page.keyboard.type('IG_FOLLOWERS()');
    await s.page.keyboard.press('Enter');
    await expect.poll(() => cell(s, 2, 2).innerText()).toBe(String(latest));
    // The formula bar shows the formula of the cell, the grid its value.
    await s.page.getByLabel('Cell address').fill('B2');
    await s.page.getByLabel('Cell address').press('Enter');
    expect(await s.page.locator('#cell-input').inputValue()).toBe('=IG_FOLLOWERS()');
  });

  it('shows the posts of a Recent Media report, captions as text', async () => {
    await addReport(s, 'User\'s Recent Media');
    expect(await runNow(s, 'User\'s Recent Media')).toMatch(/^Finished/);
    await selectTab(s, 'User\'s Recent Media');
    await expect.poll(async () => (await filledRows(s)).length).toBeGreaterThan(20);
    const rows = await filledRows(s);
    const caption = rows[0].indexOf('Caption');
    expect(caption).toBeGreaterThanOrEqual(0);
    expect(rows.slice(1).map((r) => r[caption])).toContain('=HYPERLINK("http://evil.example","click me")');
  });

  it('disconnects the account after asking, and keeps its tabs', async () => {
    await s.sidebar.getByRole('button', { name: 'Disconnect @sunny.creates' }).click();
    await s.sidebar.locator('.confirm').getByRole('button', { name: 'Disconnect' }).click();
    await s.sidebar.getByText('No Instagram account is connected yet').waitFor();
    expect(await s.page.getByRole('tab', { name: 'User\'s Recent Media' }).count()).toBe(1);
    expect(s.dialogs).toEqual([]);
    expect(s.errors).toEqual([]);
  });
});
