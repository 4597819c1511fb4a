// Two accounts in one spreadsheet, in the playground, as a person does it (issue 13): the toolbar says
// which login gives which demo account; @sunny.creates connects with Instagram Login and @harbor.bakery
// with Facebook Login, each through the sidebar and its consent window; the dashboard's five reports for
// "All connected accounts" go into shared tabs, run now and for three virtual days; =IG_FOLLOWERS("…")
// answers per account; each account's dashboard shows its own figures and charts, and "Compare accounts"
// sets them side by side. The README's pictures of these screens are taken by scripts/screenshots.ts
// (`npm run screenshots`), not here, so a test run leaves docs/images as it is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChartView } from '../../local/playground/views';
import { addReport, advance, cell, connectFacebook, connectInstagram, demoAccountLines, filledRows, groupCard, openPlayground, paintedPixels, runGroupNow, selectTab, sidebarSays, tabRows, type Session, typeIntoCell } from './support/playground';

const SUNNY = { id: '17841400000000001', username: 'sunny.creates' };
const HARBOR = { id: '17841400000000002', username: 'harbor.bakery' };
const ACCOUNTS = [HARBOR, SUNNY];
const INFO = 'User\'s Information';
const REPORTS = [INFO, 'Account Insights', 'Media Insights', 'Audience Demographics', 'Online Followers'];
const ALL = 'Dashboard: all accounts';
const CHART_TITLES = [
  'LINE: Followers over time', 'LINE: Daily reach and views', 'COLUMN: Average interactions by type', 'TABLE: Top 10 posts of the last 30 days',
  'LINE: Post growth: views by days since posting', 'COLUMN: Followers by age', 'COLUMN: Followers by gender', 'GEO: Followers by country', 'COLUMN: Followers online by hour (Pacific time)',
];

let s: Session;
beforeAll(async () => { s = await openPlayground(); });
afterAll(async () => { await s?.close(); });

const number = (text: string) => Number(text.replace(/,/g, ''));

/** The User's Information rows by account username, oldest first, as objects by header. */
async function infoRows(): Promise<Record<string, Record<string, string>[]>> {
  await selectTab(s, INFO);
  const [head, ...rows] = await tabRows(s, INFO);
  const byAccount: Record<string, Record<string, string>[]> = {};
  for (const row of rows) {
    const record = Object.fromEntries(head.map((h, i) => [h, row[i] ?? '']));
    (byAccount[record.Account] ??= []).push(record);
  }
  return byAccount;
}

/** The latest follower count of each account in the User's Information tab. */
async function latestFollowers(): Promise<Record<string, number>> {
  const rows = await infoRows();
  return Object.fromEntries(Object.entries(rows).map(([account, list]) => [account, number(list[list.length - 1].Followers)]));
}

/** The tab's embedded charts with their data, as the page reads them. */
async function chartsOf(tab: string): Promise<ChartView[]> {
  return s.page.evaluate(async (name) => (await fetch(`/api/charts?tab=${encodeURIComponent(name)}`)).json() as Promise<ChartView[]>, tab);
}

describe('two accounts in the playground', () => {
  it('says which login gives each demo account, and connects both through the sidebar\'s consent windows', async () => {
    expect(await demoAccountLines(s)).toEqual([
      '@sunny.creates (Creator): Instagram Login not connected',
      '@harbor.bakery (Business): Facebook Login, log in as Maria Harbor not connected',
    ]);
    expect(await s.page.locator('#demo-hint').isVisible()).toBe(true);

    const instagram = await connectInstagram(s, '@sunny.creates');
    expect(await instagram.locator('#result').innerText()).toBe('@sunny.creates is connected');
    await instagram.close();
    await s.sidebar.locator('li.account', { hasText: '@sunny.creates' }).waitFor();
    await expect.poll(() => demoAccountLines(s)).toContain('@sunny.creates (Creator): Instagram Login connected');

    const facebook = await connectFacebook(s, 'Maria Harbor');
    // Facebook's consent page was the simulator's; the window landed on the playground's /usercallback.
    expect(new URL(facebook.url()).pathname).toBe('/macros/d/SIM/usercallback');
    expect(await facebook.locator('#result').innerText()).toBe('@harbor.bakery is connected');
    await facebook.close();
    await s.sidebar.locator('li.account', { hasText: '@harbor.bakery' }).waitFor();

    const accounts = s.sidebar.locator('li.account');
    expect(await accounts.count()).toBe(2);
    expect((await accounts.allInnerTexts()).map((t) => t.split('\n').slice(0, 2).join(' · ')).sort()).toEqual([
      '@harbor.bakery · Business account · Facebook Login', '@sunny.creates · Creator account · Instagram Login',
    ]);
    expect(await s.sidebar.getByRole('button', { name: 'Create a dashboard tab comparing all accounts' }).isVisible()).toBe(true);
    await expect.poll(() => demoAccountLines(s)).toEqual([
      '@sunny.creates (Creator): Instagram Login connected',
      '@harbor.bakery (Business): Facebook Login, log in as Maria Harbor connected',
    ]);
    // Both are in: the how-to line steps aside.
    expect(await s.page.locator('#demo-hint').isVisible()).toBe(false);
  });

  it('runs one User\'s Information report for all connected accounts into one tab, each row naming its account', async () => {
    await addReport(s, INFO, { account: 'All connected accounts', schedule: 'Daily' });
    const card = groupCard(s, INFO);
    expect(await card.locator('h4').innerText()).toBe('User\'s Information · all connected accounts');
    expect(await s.sidebar.locator('li.configuration').count()).toBe(1);
    // Each account's first run also rebuilt its 30 days before today (follower-history.test.ts).
    expect(await runGroupNow(s, INFO)).toMatch(/^Finished: 62 rows added/);

    // One card, one line per account, each with its own run.
    const lines = card.locator('li.member');
    await expect.poll(() => lines.locator('.last-run').allInnerTexts()).toEqual([
      expect.stringMatching(/^@harbor\.bakery: Last run 10 Jul, 13:00: Finished: 31 rows added/),
      expect.stringMatching(/^@sunny\.creates: Last run 10 Jul, 13:00: Finished: 31 rows added/),
    ]);
    expect(await lines.evaluateAll((items) => items.map((i) => i.getAttribute('data-account-id')))).toEqual([HARBOR.id, SUNNY.id]);

    await selectTab(s, INFO);
    await expect.poll(async () => (await tabRows(s, INFO)).length).toBe(1 + 62);
    const [head, ...rows] = await tabRows(s, INFO);
    expect(head.slice(0, 3)).toEqual(['Run date', 'Account', 'Account ID']);
    expect(head).toContain('Followers');
    const followers = head.indexOf('Followers');
    const named = [...new Set(rows.map((r) => JSON.stringify([r[1], r[2]])))].map((r) => JSON.parse(r)).sort();
    expect(named).toEqual([[HARBOR.username, HARBOR.id], [SUNNY.username, SUNNY.id]]);
    // Far apart: a creator with ~48,000 followers and a bakery with ~3,000 (today's rows, the last of each).
    const of = (username: string) => number(rows.filter((r) => r[1] === username).at(-1)![followers]);
    expect(of(SUNNY.username)).toBeGreaterThan(40_000);
    expect(of(HARBOR.username)).toBeLessThan(5_000);
  });

  it('answers =IG_FOLLOWERS("…") typed into cells with each account\'s latest figure from the tab', async () => {
    const latest = await latestFollowers();
    await selectTab(s, 'Sheet1');
    await typeIntoCell(s, 'A1', 'Account');
    await typeIntoCell(s, 'B1', 'Followers');
    for (const [k, a] of ACCOUNTS.entries()) {
      await typeIntoCell(s, `A${k + 2}`, `@${a.username}`);
      await typeIntoCell(s, `B${k + 2}`, `=IG_FOLLOWERS("${a.username}")`);
    }
    await expect.poll(() => cell(s, 2, 2).innerText()).toBe(String(latest[HARBOR.username]));
    await expect.poll(() => cell(s, 3, 2).innerText()).toBe(String(latest[SUNNY.username]));
    // The formula bar shows the cell's formula, the grid its value.
    await cell(s, 2, 2).click();
    expect(await s.page.locator('#cell-input').inputValue()).toBe('=IG_FOLLOWERS("harbor.bakery")');
  });

  it('keeps both accounts\' dashboard reports in shared tabs for three virtual days; the formulas follow', async () => {
    for (const title of REPORTS.slice(1)) await addReport(s, title, { account: 'All connected accounts', schedule: 'Daily' });
    expect(await s.sidebar.locator('li.configuration-group').count()).toBe(REPORTS.length);
    // Saved after 07:00: each new report runs at the next hourly tick, then all of them once a day.
    for (let day = 0; day < 3; day++) await advance(s, 'day');
    const rows = await infoRows();
    expect(Object.keys(rows).sort()).toEqual([HARBOR.username, SUNNY.username]);
    for (const a of ACCOUNTS) {
      // Days as the spreadsheet's locale (en_US) writes them.
      // The 30 days the first run rebuilt (10 June to 9 July), then a row a day.
      const dates = rows[a.username].map((r) => r['Run date']);
      expect(dates).toHaveLength(30 + 4);
      expect([dates[0], ...dates.slice(-4)]).toEqual(['6/10/2026', '7/10/2026', '7/11/2026', '7/12/2026', '7/13/2026']);
      expect(rows[a.username].every((r) => r['Account ID'] === a.id)).toBe(true);
    }
    const latest = await latestFollowers();

    await selectTab(s, 'Sheet1');
    await expect.poll(() => cell(s, 2, 2).innerText()).toBe(String(latest[HARBOR.username]));
    await expect.poll(() => cell(s, 3, 2).innerText()).toBe(String(latest[SUNNY.username]));
  }, 90_000);

  it('makes a dashboard per account that shows that account\'s followers, and its charts', async () => {
    const latest = await latestFollowers();
    for (const a of ACCOUNTS) {
      const tab = `Dashboard @${a.username}`;
      await s.sidebar.getByRole('button', { name: `Create a dashboard tab for @${a.username}` }).click();
      await sidebarSays(s, `The tab "${tab}" shows 9 charts for @${a.username}`);
      await s.page.getByRole('tab', { name: tab }).waitFor();
      await selectTab(s, tab);
      expect(await cell(s, 4, 1).innerText()).toBe('Followers now');
      // The headline is this account's latest count, not the other's.
      await expect.poll(async () => number(await cell(s, 4, 2).innerText())).toBe(latest[a.username]);

      const figures = s.page.locator('figure.chart');
      await expect.poll(() => figures.count()).toBe(9);
      expect(await figures.evaluateAll((list) => list.map((f) => `${f.getAttribute('data-chart-type')}: ${f.querySelector('h3')?.textContent}`))).toEqual(CHART_TITLES);
      expect(await figures.filter({ hasText: 'Followers over time' }).locator('canvas').getAttribute('aria-label')).toBe('Line chart of Followers: 34 points by Run date');
      await expect.poll(() => paintedPixels(s, 'Followers over time')).toBeGreaterThan(1000);
      await expect.poll(() => paintedPixels(s, 'Daily reach and views')).toBeGreaterThan(1000);
      // Its followers chart draws its own 34 days (30 rebuilt, four read), none of the other account's.
      const charts = await chartsOf(tab);
      const followersChart = charts.find((c) => c.title === 'Followers over time')!;
      const own = (await infoRows())[a.username].map((r) => number(r.Followers));
      await selectTab(s, tab);
      expect(followersChart.rows.map((r) => r[1])).toEqual(own);
      // Every chart has data to draw: none says its range is empty.
      expect(charts.filter((c) => c.rows.length === 0).map((c) => c.title)).toEqual([]);
      expect(await figures.locator('figcaption', { hasText: 'No data' }).allInnerTexts()).toEqual([]);
    }
  }, 60_000);

  it('compares the accounts side by side: a row per account with its followers, and a line per account', async () => {
    const latest = await latestFollowers();
    await s.sidebar.getByRole('button', { name: 'Create a dashboard tab comparing all accounts' }).click();
    await sidebarSays(s, `The tab "${ALL}" compares 2 accounts: @harbor.bakery, @sunny.creates.`);
    await s.page.getByRole('tab', { name: ALL }).waitFor();
    await selectTab(s, ALL);
    const rows = await filledRows(s);
    const head = rows.find((r) => r[0] === 'Account');
    expect(head?.[1]).toBe('Followers now');
    const listed = rows.filter((r) => r[0].startsWith('@')).map((r) => [r[0], number(r[1])]);
    expect(listed).toEqual([[`@${HARBOR.username}`, latest[HARBOR.username]], [`@${SUNNY.username}`, latest[SUNNY.username]]]);

    const [chart] = await chartsOf(ALL);
    expect(chart.title).toBe('Followers over time, by account');
    expect(chart.headers).toEqual(['Run date', '@harbor.bakery', '@sunny.creates']);
    expect(chart.rows).toHaveLength(30 + 4);
    const figure = s.page.locator('figure.chart');
    await expect.poll(() => figure.count()).toBe(1);
    await expect.poll(() => paintedPixels(s, 'Followers over time, by account')).toBeGreaterThan(1000);
  });

  it('opened no dialog and raised no error on the way', () => {
    expect(s.dialogs).toEqual([]);
    expect(s.errors).toEqual([]);
  });
});
