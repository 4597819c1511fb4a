// Issue 17 in the playground: docs/functions.md's formulas typed into cells through the formula bar,
// as a person copies them from the docs, after a few virtual days of daily reports. A date computed
// in the cell (TODAY()-30, TODAY()-1), an empty account (=IG_FOLLOWERS(, "2026-07-10")) and the
// refresh trick (=IG_FOLLOWERS(, , MAX('Sheetgram log'!A:A))) each give a value; a wrong argument
// still gives #ERROR! with a note that says what to type instead.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addReport, advance, cell, connectInstagram, openPlayground, selectTab, typeIntoCell, type Session } from './support/playground';

const INFO = 'User\'s Information';
/** The default scenario's first day: the reports' first rows are from it. */
const FIRST_DAY = '2026-07-10';

let s: Session;
beforeAll(async () => {
  s = await openPlayground();
}, 60_000);
afterAll(async () => { await s?.close(); });

const text = (row: number, column: number) => cell(s, row, column).innerText();
const number = (shown: string) => Number(shown.replace(/,/g, ''));

describe('the docs\' formulas typed into the playground', () => {
  it('has three days of daily User\'s Information and Account Insights rows to read', async () => {
    await (await connectInstagram(s)).close();
    await s.sidebar.locator('li.account', { hasText: '@sunny.creates' }).waitFor();
    await addReport(s, INFO, { schedule: 'Daily' });
    await addReport(s, 'Account Insights', { schedule: 'Daily' });
    for (let day = 0; day < 3; day++) await advance(s, 'day');
    await selectTab(s, INFO);
    await expect.poll(() => s.page.locator('#grid .grid-body .grid-row').count()).toBeGreaterThan(3);
    await selectTab(s, 'Sheet1');
  }, 120_000);

  it('=IG_HISTORY("followers_count", TODAY()-30) spills a Date and Followers table from the first day', async () => {
    await typeIntoCell(s, 'A1', '=IG_HISTORY("followers_count", TODAY()-30)');
    await expect.poll(() => text(1, 1)).toBe('Date');
    expect(await text(1, 2)).toBe('Followers');
    // 30 days back from 13 July: the first run rebuilt those days (follower-history.test.ts), so they are there.
    expect(await text(2, 1)).toMatch(/^(6\/13\/2026|2026-06-13)$/);
    expect(number(await text(2, 2))).toBeGreaterThan(40_000);
    expect(number(await text(4, 2))).toBeGreaterThan(40_000);
  });

  it('=IG_FOLLOWERS(, "2026-07-10") reads the first account on that day, not an account named "2026-07-10"', async () => {
    await typeIntoCell(s, 'D1', `=IG_FOLLOWERS(, "${FIRST_DAY}")`);
    // The history in A:B starts on 13 June: 10 July, the first run's own day, is its 28th row.
    expect(await text(29, 1)).toMatch(/^(7\/10\/2026|2026-07-10)$/);
    await expect.poll(() => text(1, 4)).toBe(await text(29, 2));
  });

  it('=IG_METRIC("reach", TODAY()-1) reads yesterday: its reach once stored, else says that day is not in yet', async () => {
    // The clock is 13 July, early afternoon in Lisbon. Instagram closes a day at midnight Pacific time
    // (08:00 in Lisbon), after the 07:00 run: 12 July may not be stored yet, 11 July is.
    await typeIntoCell(s, 'E1', '=IG_METRIC("reach", TODAY()-1)');
    await expect.poll(() => text(1, 5)).toMatch(/^([\d,]+|No data for 2026-07-12 yet: the latest is from 2026-07-11\.)$/);
    await typeIntoCell(s, 'E2', '=IG_METRIC("reach", TODAY()-2)');
    await expect.poll(() => text(2, 5)).toMatch(/^[\d,]+$/);
  });

  it('the refresh trick =IG_FOLLOWERS(, , MAX(\'Sheetgram log\'!A:A)) gives the latest followers', async () => {
    await typeIntoCell(s, 'F1', "=IG_FOLLOWERS(, , MAX('Sheetgram log'!A:A))");
    await expect.poll(() => text(1, 6)).toMatch(/^[\d,]+$/);
    // The last row of the IG_HISTORY table in A1 holds the latest count.
    let last = 2;
    while (/^[\d,]+$/.test(await text(last + 1, 2))) last++;
    const latest = await text(last, 2);
    expect(number(await text(1, 6))).toBe(number(latest));
  });

  it('a wrong argument shows #ERROR! with a note in the person\'s words', async () => {
    await typeIntoCell(s, 'G1', '=IG_HISTORY("followers_count", 30)');
    await expect.poll(() => text(1, 7)).toBe('#ERROR!');
    expect(await cell(s, 1, 7).getAttribute('title')).toBe(
      'start must be a date, like "2026-01-31", DATE(2026,1,31), TODAY()-30 or a date cell (got the number 30; for 30 days ago, type TODAY()-30).');
    await typeIntoCell(s, 'H1', '=IG_HISTORY("happiness", TODAY()-30)');
    await expect.poll(() => text(1, 8)).toBe('#ERROR!');
    expect(await cell(s, 1, 8).getAttribute('title')).toMatch(/^Unknown metric "happiness"\. Use one of: .*followers_count/);
    expect(s.errors).toEqual([]);
    expect(s.dialogs).toEqual([]);
  });
});
