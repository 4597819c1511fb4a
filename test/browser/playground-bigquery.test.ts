// The playground's BigQuery panel, as a person uses it: the demo projects are offered; a User's
// Information report saved with "This spreadsheet and BigQuery" (project sheetgram-demo, after Check
// access) and run now shows its table and view with their rows; a query's rows come back as a table,
// a failing one as its error in words, anything but a SELECT is refused; values stay text; and all of it
// works from the keyboard.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectInstagram, isFocused, openPlayground, runNow, sidebarSays, tabRows, type Session } from './support/playground';

const TABLE = 'sheetgram-demo.sheetgram.user_information';
const TITLE = 'User\'s Information';

let s: Session;
beforeAll(async () => { s = await openPlayground(); });
afterAll(async () => { await s?.close(); });

const panel = () => s.page.locator('#bigquery');
const tableRow = (path: string) => s.page.locator(`#bq-table-list tr[data-table="${path}"]`);
const resultStatus = () => s.page.locator('#bq-result-status');
const sql = () => s.page.getByLabel('GoogleSQL query', { exact: true });

/** The query result's table: header, then rows, as text. */
async function resultRows(): Promise<string[][]> {
  return s.page.locator('#bq-rows tr').evaluateAll((rows) => rows.map((r) => Array.from((r as any).cells).map((c: any) => c.textContent as string)));
}

/** Types a query and runs it with the button; waits for the status to say how it went. */
async function query(text: string): Promise<string> {
  await sql().fill(text);
  await s.page.getByRole('button', { name: 'Run query', exact: true }).click();
  // The click said "Running the query…" at once; the answer replaces it.
  await expect.poll(() => resultStatus().innerText()).not.toMatch(/^Running/);
  return resultStatus().innerText();
}

describe('the BigQuery panel', () => {
  it('opens from the keyboard and offers the demo projects, with no dataset yet', async () => {
    const summary = panel().locator('summary');
    await summary.focus();
    await s.page.keyboard.press('Enter');
    expect(await panel().evaluate((d: any) => d.open)).toBe(true);
    await expect.poll(() => s.page.locator('#bq-projects').innerText()).toContain('sheetgram-demo (with billing)');
    expect(await s.page.locator('#bq-projects').innerText()).toContain('sheetgram-sandbox (a sandbox: no billing, tables expire after 60 days)');
    expect(await s.page.locator('#bq-count').innerText()).toBe('no dataset yet');
    expect(await s.page.locator('#bq-tables').innerText()).toMatch(/^No dataset yet/);
  });

  it('shows the dataset Check access made, then the table and view a run loaded, with their rows', async () => {
    const popup = await connectInstagram(s);
    await popup.close();
    await s.sidebar.locator('li.account', { hasText: '@sunny.creates' }).waitFor();
    await s.sidebar.getByRole('button', { name: 'New report' }).click();
    await s.sidebar.getByLabel('Report', { exact: true }).selectOption({ label: TITLE });
    await s.sidebar.getByRole('radio', { name: 'This spreadsheet and BigQuery' }).check();
    await s.sidebar.getByLabel('Google Cloud project id', { exact: true }).fill('sheetgram-demo');
    await s.sidebar.getByRole('button', { name: 'Check access' }).click();
    await expect.poll(() => s.sidebar.locator('#editor-bq-check-message').innerText()).toContain('sheetgram-demo.sheetgram');
    // Check access made the dataset; its tables come with the first run.
    await expect.poll(() => s.page.locator('#bq-table-list').innerText()).toContain('No tables yet');
    await s.sidebar.getByRole('button', { name: 'Save' }).click();
    await sidebarSays(s, `Saved: ${TITLE}`);
    expect(await runNow(s, TITLE)).toMatch(/^Finished: 31 rows added/);

    const rows = (await tabRows(s, TITLE)).length - 1;
    expect(rows).toBe(31);
    await expect.poll(() => tableRow(TABLE).locator('td').allInnerTexts()).toEqual(['sheetgram-demo.sheetgram', 'Table', String(rows), 'Query']);
    expect(await tableRow(TABLE).locator('th').innerText()).toBe('user_information');
    // The view answers with the latest snapshot of the one account.
    expect(await tableRow(`${TABLE}_latest`).locator('td').allInnerTexts()).toEqual(['sheetgram-demo.sheetgram', 'View', '1', 'Query']);
    expect(await s.page.locator('#bq-count').innerText()).toBe('1 dataset, 2 tables and views');
  });

  it('queries a table from its row: every row of the table, columns named', async () => {
    await s.page.getByRole('button', { name: `Query ${TABLE}`, exact: true }).click();
    await expect.poll(() => resultStatus().innerText()).toBe('31 rows.');
    expect(await sql().inputValue()).toBe(`SELECT * FROM \`${TABLE}\` LIMIT 100`);
    const [header, ...rows] = await resultRows();
    expect(header.slice(0, 3)).toEqual(['account_id', 'account', 'snapshot_date']);
    expect(header).toContain('followers_count');
    expect(rows).toHaveLength(31);
    expect(new Set(rows.map((r) => r[header.indexOf('account')]))).toEqual(new Set(['sunny.creates']));
    expect(await s.page.locator('#bq-rows th[scope=col]').count()).toBe(header.length);
  });

  it('runs a typed SELECT with Ctrl+Enter: the latest day has the tab\'s followers', async () => {
    const tab = await tabRows(s, TITLE);
    const last = tab[tab.length - 1];
    const followers = last[tab[0].indexOf('Followers')].replace(/,/g, '');
    const [month, day, year] = last[tab[0].indexOf('Run date')].split('/');
    await sql().fill(`SELECT snapshot_date, followers_count FROM \`${TABLE}\` ORDER BY snapshot_date DESC LIMIT 1`);
    await sql().press('Control+Enter');
    await expect.poll(() => resultStatus().innerText()).toBe('1 row.');
    expect(await resultRows()).toEqual([['snapshot_date', 'followers_count'], [`${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`, followers]]);
    // The focus stays in the query box, to change the query and run it again.
    expect(await isFocused(sql())).toBe(true);
  });

  it('says why a query failed, in BigQuery\'s words, and refuses anything but a SELECT', async () => {
    expect(await query('SELECT * FROM `sheetgram-demo.sheetgram.nope`')).toBe('The query failed: Not found: Table sheetgram-demo:sheetgram.nope');
    expect(await resultStatus().getAttribute('class')).toContain('error');
    expect(await s.page.locator('#bq-rows').count()).toBe(0);
    expect(await query('SELEC 1')).toMatch(/^The query failed: Syntax error/);
    expect(await query(`DELETE FROM \`${TABLE}\` WHERE TRUE`)).toBe('The query failed: The panel only reads: DELETE changes data, which only Sheetgram\'s loads do. Write a SELECT.');
    expect(await query(`WITH x AS (SELECT 1) DELETE FROM \`${TABLE}\` WHERE TRUE`)).toContain('The panel only reads: DELETE');
    expect(await query(`SELECT COUNT(*) AS n FROM \`${TABLE}\``)).toBe('1 row.');
    expect(await resultRows()).toEqual([['n'], ['31']]);
  });

  it('shows values as text: markup stays text, NULL is said', async () => {
    const markup = '<img src=x onerror="alert(1)"><b>bold</b>';
    expect(await query(`SELECT '${markup}' AS html, NULL AS nothing, TRUE AS yes, 1.5 AS rate`)).toBe('1 row.');
    expect(await resultRows()).toEqual([['html', 'nothing', 'yes', 'rate'], [markup, 'NULL', 'true', '1.5']]);
    expect(await s.page.locator('#bq-rows img, #bq-rows b').count()).toBe(0);
    expect(await s.page.locator('#bq-rows td.null').innerText()).toBe('NULL');
    expect(s.dialogs).toEqual([]);
    expect(s.errors).toEqual([]);
  });
});
