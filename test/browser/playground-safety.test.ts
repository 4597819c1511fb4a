// Text from Instagram is text everywhere the playground shows it: a username and a caption holding
// `<img src=x onerror=alert(...)>` render as those characters in the sidebar, the grid, the formula
// bar, the controls and the sign-in window, and no script of theirs runs (an alert would be caught).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultScenario } from '../../local/instagram/scenario';
import { addReport, cell, connectInstagram, filledRows, openPlayground, runNow, selectTab, tabRows, type InPage, type Session } from './support/playground';

const HOSTILE_NAME = 'sunny.creates<img src=x onerror=alert("username")>';
const HOSTILE_CAPTION = '<img src=x onerror=alert(1)>';

let s: Session;
beforeAll(async () => {
  const scenario = defaultScenario();
  scenario.accounts[0].username = HOSTILE_NAME;
  s = await openPlayground({ scenario });
});
afterAll(async () => { await s?.close(); });

/** Elements named `img` in the page, the sidebar and any popup: there are none unless markup got parsed. */
async function images(): Promise<number> {
  let count = 0;
  for (const page of s.context.pages()) {
    for (const frame of page.frames()) count += await frame.evaluate(() => (globalThis as unknown as InPage).document.querySelectorAll('img').length);
  }
  return count;
}

describe('hostile text', () => {
  it('shows the username as text in the consent window, the callback page and the sidebar', async () => {
    const popup = await connectInstagram(s, `@${HOSTILE_NAME}`);
    expect(await popup.locator('#result').innerText()).toBe(`@${HOSTILE_NAME} is connected`);
    await popup.close();
    const account = s.sidebar.locator('li.account .username');
    await account.waitFor();
    expect(await account.innerText()).toBe(`@${HOSTILE_NAME}`);
    expect(await s.page.locator('#revoke-account option').first().innerText()).toBe(`@${HOSTILE_NAME}`);
  });

  it('shows the username and the caption as text in the grid and the formula bar', async () => {
    await addReport(s, 'User\'s Information');
    await runNow(s, 'User\'s Information', `@${HOSTILE_NAME}`);
    await selectTab(s, 'User\'s Information');
    // Today's row comes last, under the 30 days the first run rebuilt (they have no username).
    await expect.poll(async () => (await tabRows(s, 'User\'s Information')).length).toBe(1 + 31);
    const [header, ...info] = await tabRows(s, 'User\'s Information');
    const column = header.indexOf('Username') + 1;
    expect(info.at(-1)![column - 1]).toBe(HOSTILE_NAME);
    // Drawn in the grid as text too, once scrolled to.
    await s.page.getByLabel('Cell address').fill(`${String.fromCharCode(64 + column)}${info.length + 1}`);
    await s.page.getByLabel('Cell address').press('Enter');
    await expect.poll(() => cell(s, info.length + 1, column).innerText()).toBe(HOSTILE_NAME);

    await addReport(s, 'User\'s Recent Media');
    await runNow(s, 'User\'s Recent Media', `@${HOSTILE_NAME}`);
    await selectTab(s, 'User\'s Recent Media');
    await expect.poll(async () => (await filledRows(s)).length).toBeGreaterThan(10);
    const rows = await filledRows(s);
    const captionColumn = rows[0].indexOf('Caption');
    const at = rows.findIndex((r) => r[captionColumn] === HOSTILE_CAPTION);
    expect(at).toBeGreaterThan(0);
    await cell(s, at + 1, captionColumn + 1).click();
    expect(await s.page.locator('#cell-input').inputValue()).toBe(HOSTILE_CAPTION);
  });

  it('ran none of it', async () => {
    expect(await images()).toBe(0);
    expect(s.dialogs).toEqual([]);
    expect(s.errors).toEqual([]);
  });

  it('would have noticed if it had: the same text parsed as HTML does raise an alert', async () => {
    await s.page.evaluate((html) => {
      const { document } = globalThis as unknown as InPage;
      const probe = document.createElement('div');
      probe.innerHTML = html.replace('alert(1)', 'alert("probe")');
      document.body.appendChild(probe);
    }, HOSTILE_CAPTION);
    await expect.poll(() => s.dialogs).toEqual(['alert: probe']);
  });
});
