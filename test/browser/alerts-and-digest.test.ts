// Alerts on an account card and the Weekly Digest tab, in the playground, as a person uses them.
// Alerts: the card says "Alerts: off."; the person unfolds "Alerts", types a number the server refuses
// (the sentence shows in the form's error line, both boxes marked), then two it takes (the card's line
// says what will be e-mailed and the sidebar says it saved); reopened, the sidebar shows the numbers
// again; emptied, the alerts are off. Digest: two accounts' User's Information and Media Insights
// reports run daily from a Friday; on the Monday a "Weekly Digest" tab holds this week against last
// week for each account, and a caption that reads as a formula is shown as the caption, never run.
// The person asked for the digest by e-mail too (E-mails in the sidebar): on the Monday it is in the
// playground's E-mails panel, its followers charts drawn as images the browser decodes, the caption as text.
import { afterEach, describe, expect, it } from 'vitest';
import type { FrameLocator, Locator } from 'playwright-core';
import type { RowsView } from '../../local/playground/views';
import { addReport, advance, cell, connectFacebook, connectInstagram, filledRows, isFocused, openPlayground, selectTab, sidebarSays, tabRows, type Session } from './support/playground';

let s: Session | undefined;
afterEach(async () => { await s?.close(); s = undefined; });

const SUNNY = '@sunny.creates';
const HARBOR = '@harbor.bakery';
const INFO = 'User\'s Information';
const MEDIA = 'Media Insights';
const DIGEST = 'Weekly Digest';

describe('alerts on an account card', () => {
  const DROP = 'Followers lost in a day, more than';
  const POST = 'A post\'s first-day views below (% of the median)';
  const REFUSAL = 'Type the followers lost in a day as a whole number such as 50, or leave it empty for no alert.';
  const ON = 'Alerts: e-mail when followers drop by more than 50 in a day, or when a post\'s first-day views are below 60% of the median of the posts before it.';

  const card = (sidebar: FrameLocator) => sidebar.locator('li.account', { hasText: SUNNY });
  const summaryLine = (sidebar: FrameLocator) => card(sidebar).locator('.alerts-summary');
  const fold = (sidebar: FrameLocator) => card(sidebar).locator('details.alerts-settings');
  const unfold = async (sidebar: FrameLocator) => {
    await card(sidebar).locator('summary', { hasText: /^Alerts$/ }).click();
    await expect.poll(() => fold(sidebar).getAttribute('open')).not.toBeNull();
  };
  const box = (sidebar: FrameLocator, label: string) => card(sidebar).getByLabel(label, { exact: true });
  const save = (sidebar: FrameLocator) => card(sidebar).getByRole('button', { name: `Save alerts for ${SUNNY}`, exact: true });
  /** The line the boxes name as their description besides their own hint: the form's error line. */
  const errorLine = async (input: Locator): Promise<Locator> => {
    const ids = (await input.getAttribute('aria-describedby'))?.split(' ') ?? [];
    const id = ids.find((i) => i.startsWith('alerts-error'));
    expect(id, 'the box is described by the form\'s error line').toBeDefined();
    return card(s!.sidebar).locator(`[id="${id}"]`);
  };

  /** Reopens the sidebar from the Extensions menu, as a person does, and waits for the new page. */
  async function reopenSidebar(session: Session): Promise<void> {
    await session.sidebar.locator('html').evaluate((html) => html.setAttribute('data-before-reopen', ''));
    await session.page.getByRole('button', { name: 'Sheetgram › Open sidebar', exact: true }).click();
    await expect.poll(() => session.sidebar.locator('html[data-before-reopen]').count()).toBe(0);
    await card(session.sidebar).locator('.alerts-summary').waitFor();
  }

  it('are off, refuse 2.5 at the form, save 50 and 60, are there again when the sidebar reopens, and go off when emptied', async () => {
    s = await openPlayground();
    const popup = await connectInstagram(s);
    await popup.close();
    const { sidebar } = s;
    await card(sidebar).waitFor();

    // Off by default, folded: the card says so in one line.
    expect(await summaryLine(sidebar).innerText()).toBe('Alerts: off.');
    expect(await box(sidebar, DROP).isVisible()).toBe(false);
    await unfold(sidebar);
    expect(await box(sidebar, DROP).inputValue()).toBe('');
    expect(await box(sidebar, POST).inputValue()).toBe('');

    // Not a whole number: the sentence is in the form's error line, read out politely, on that box only.
    await box(sidebar, DROP).fill('2.5');
    await save(sidebar).click();
    const line = await errorLine(box(sidebar, DROP));
    await expect.poll(() => line.innerText()).toContain(REFUSAL);
    expect(await line.getAttribute('aria-live')).toBe('polite');
    expect(await line.isVisible()).toBe(true);
    expect(await box(sidebar, DROP).getAttribute('aria-invalid')).toBe('true');
    expect(await box(sidebar, POST).getAttribute('aria-invalid')).toBeNull();
    expect(await isFocused(box(sidebar, DROP))).toBe(true);
    // Nothing was saved: the card still says off, the form stays open with what was typed.
    expect(await summaryLine(sidebar).innerText()).toBe('Alerts: off.');
    expect(await box(sidebar, DROP).inputValue()).toBe('2.5');

    // Whole numbers: saved; the card says what will be e-mailed and the sidebar says it was saved.
    await box(sidebar, DROP).fill('50');
    await box(sidebar, POST).fill('60');
    await save(sidebar).click();
    await expect.poll(() => summaryLine(sidebar).innerText()).toBe(ON);
    // No scheduled report yet: the message says the alerts need one to be sent.
    await sidebarSays(s, `Alerts for ${SUNNY} saved, but your hourly runs send them and you have no scheduled report in this spreadsheet`);
    expect(await sidebar.locator('#alert').innerText()).toBe('');
    // The form folds away, and the keyboard is on its "Alerts" again.
    expect(await fold(sidebar).getAttribute('open')).toBeNull();
    expect(await isFocused(card(sidebar).locator('summary', { hasText: /^Alerts$/ }))).toBe(true);

    // Reopened from the Extensions menu, the sidebar shows the saved numbers, unmarked.
    await reopenSidebar(s);
    expect(await summaryLine(sidebar).innerText()).toBe(ON);
    await unfold(sidebar);
    expect(await box(sidebar, DROP).inputValue()).toBe('50');
    expect(await box(sidebar, POST).inputValue()).toBe('60');
    for (const label of [DROP, POST]) expect(await box(sidebar, label).getAttribute('aria-invalid'), label).toBeNull();

    // With a daily report of the account, saving again says the hourly runs will send them. (Folded
    // first: the shared addReport helper presses a button whose name merely contains "Save", and the
    // unfolded form's "Save alerts for @sunny.creates" would match too.)
    await card(sidebar).locator('summary', { hasText: /^Alerts$/ }).click();
    await expect.poll(() => fold(sidebar).getAttribute('open')).toBeNull();
    await addReport(s, INFO, { schedule: 'Daily' });
    await unfold(sidebar);
    await save(sidebar).click();
    await sidebarSays(s, `Alerts for ${SUNNY} saved: your hourly runs check after each run and e-mail `);
    expect(await summaryLine(sidebar).innerText()).toBe(ON);

    // Both boxes emptied: the alerts are off again, on the card and after reopening.
    await unfold(sidebar);
    await box(sidebar, DROP).fill('');
    await box(sidebar, POST).fill('');
    await save(sidebar).click();
    await expect.poll(() => summaryLine(sidebar).innerText()).toBe('Alerts: off.');
    await sidebarSays(s, `Alerts for ${SUNNY} are off.`);
    await reopenSidebar(s);
    expect(await summaryLine(sidebar).innerText()).toBe('Alerts: off.');
    await unfold(sidebar);
    expect(await box(sidebar, DROP).inputValue()).toBe('');
    expect(await box(sidebar, POST).inputValue()).toBe('');

    expect(s.errors).toEqual([]);
    expect(s.dialogs).toEqual([]);
  }, 60_000);
});

describe('the Weekly Digest tab', () => {
  const HEADER = ['Account', 'Figure', 'This week', 'Last week', 'Change', 'Change (%)'];
  /** The creator's newest posts include this caption (the simulator's default scenario). */
  const FORMULA_CAPTION = '=HYPERLINK("http://evil.example","click me")';
  const whole = /^-?\d+$/;

  it('appears on the Monday after two accounts\' reports ran daily: this week against last, followers gained per account, captions as text', async () => {
    s = await openPlayground();
    const instagram = await connectInstagram(s, SUNNY);
    await instagram.close();
    await s.sidebar.locator('li.account', { hasText: SUNNY }).waitFor();
    const facebook = await connectFacebook(s, 'Maria Harbor');
    await facebook.close();
    await s.sidebar.locator('li.account', { hasText: HARBOR }).waitFor();
    await addReport(s, INFO, { account: 'All connected accounts', schedule: 'Daily' });
    await addReport(s, MEDIA, { account: 'All connected accounts', schedule: 'Daily' });
    const tabs = () => s!.page.getByRole('tab').allInnerTexts();
    // The digest by e-mail: off until ticked under E-mails.
    await s.sidebar.getByText('Change e-mail settings').click();
    const digestBox = s.sidebar.getByRole('checkbox', { name: 'The Weekly Digest, on Mondays' });
    expect(await digestBox.isChecked()).toBe(false);
    // Typing an address for the digest ticks it; a wrong one is refused at the box, before the server.
    const digestTo = s.sidebar.getByLabel('Send the digest to', { exact: true });
    await digestTo.fill('team@harbor');
    expect(await digestBox.isChecked()).toBe(true);
    await s.sidebar.getByRole('button', { name: 'Save e-mail settings' }).click();
    await expect.poll(() => digestTo.getAttribute('aria-invalid')).toBe('true');
    expect(await s.sidebar.locator('.mail-form .digest-addresses .field-error').innerText()).toBe('This is not an e-mail address: team@harbor. Type addresses like name@example.com, separated by commas.');
    await digestTo.fill('team@harbor.example');
    await s.sidebar.getByRole('button', { name: 'Save e-mail settings' }).click();
    await sidebarSays(s, 'E-mail settings saved.');
    await expect.poll(() => s!.sidebar.locator('#mail-summary').innerText()).toMatch(/^Sheetgram e-mails owner@example\.com when .* The Weekly Digest goes to team@harbor\.example on Mondays/);

    // The playground starts on Friday 10 July 2026, 13:00 in Lisbon; the reports run at the next ticks,
    // then every morning. No digest before Monday.
    expect(await s.page.locator('#clock').innerText()).toMatch(/^Fri, 10 Jul 2026, 13:00/);
    await advance(s, 'day');
    await advance(s, 'day');
    expect(await s.page.locator('#clock').innerText()).toMatch(/^Sun, 12 Jul 2026/);
    expect(await tabs()).toEqual(expect.arrayContaining([INFO, MEDIA]));
    expect(await tabs()).not.toContain(DIGEST);

    await advance(s, 'day');
    expect(await s.page.locator('#clock').innerText()).toMatch(/^Mon, 13 Jul 2026/);
    await expect.poll(tabs).toContain(DIGEST);
    await selectTab(s, DIGEST);

    // What the grid shows: the title in A1, the two weeks beside it, then the figures' table.
    expect(await cell(s, 1, 1).innerText()).toBe('Sheetgram weekly digest');
    const shown = await filledRows(s);
    expect(shown[0]).toEqual(['Sheetgram weekly digest', 'This week: 2026-07-06 to 2026-07-12', 'Last week: 2026-06-29 to 2026-07-05']);
    expect(shown[1][0]).toMatch(/^Built 2026-07-13 \d\d:\d\d \(Europe\/Lisbon\) from the report tabs; rebuilt every Monday\./);
    expect(shown).toContainEqual(HEADER);

    // Every row of the tab (also those below the screen): a "Followers gained" line per account, in
    // whole numbers, whose change is this week's less last week's.
    const rows = await tabRows(s, DIGEST);
    const header = rows.findIndex((r) => r.join('|') === HEADER.join('|'));
    expect(header).toBe(2);
    for (const account of [SUNNY, HARBOR]) {
      const gained = rows.filter((r) => r[0] === account && r[1] === 'Followers gained');
      expect(gained, account).toHaveLength(1);
      const [, , thisWeek, lastWeek, change, percent] = gained[0];
      for (const n of [thisWeek, lastWeek, change]) expect(n, `${account}: ${gained[0].join(' | ')}`).toMatch(whole);
      expect(Number(change)).toBe(Number(thisWeek) - Number(lastWeek));
      expect(Number(percent)).toBeCloseTo((Number(change) / Number(lastWeek)) * 100, 0);
      // Both accounts gain followers in the simulator, week after week.
      expect(Number(thisWeek)).toBeGreaterThan(0);
      // The figures' lines come right after the header, each account's together.
      expect(rows.findIndex((r) => r[0] === account)).toBeGreaterThan(header);
    }

    // No cell of the digest is a formula; the caption that reads as one is shown as it was written.
    const view = await s.page.evaluate(async (tab) => (await fetch(`/api/rows?tab=${encodeURIComponent(tab)}&from=1&count=1000`)).json() as Promise<RowsView>, DIGEST);
    const formulas = [...view.frozen, ...view.cells].flatMap((row, r) => row.flatMap((c, col) => (c.formula === undefined ? [] : [`R${r + 1}C${col + 1} ${c.formula}`])));
    expect(formulas).toEqual([]);
    const captionRow = rows.find((r) => r[0] === SUNNY && r[7] === FORMULA_CAPTION);
    expect(captionRow, 'the =HYPERLINK caption is listed as text among this week\'s posts').toBeDefined();
    expect(rows.flat()).not.toContain('click me');
    // In the grid too: the cell reads the caption, not the link it would make.
    const captionCell = s.page.locator('#grid [role=gridcell]', { hasText: 'evil.example' });
    expect(await captionCell.count()).toBe(1);
    expect(await captionCell.innerText()).toBe(FORMULA_CAPTION);
    expect(await captionCell.locator('a').count()).toBe(0);

    // The e-mail, in the playground's E-mails panel: one digest, its figures and its charts.
    await s.page.locator('#mail summary').click();
    const digestMail = s.page.locator('#mail-list button.mail-item', { hasText: 'Sheetgram weekly digest' });
    await expect.poll(() => digestMail.count(), { timeout: 10_000 }).toBe(1);
    expect(await digestMail.locator('.mail-subject').innerText()).toMatch(/^Sheetgram weekly digest: .+, week of 2026-07-06$/);
    expect(await digestMail.locator('.mail-extras').innerText()).toBe('(HTML, 2 images)');
    expect(await digestMail.locator('.mail-to').innerText()).toBe('team@harbor.example');
    await digestMail.click();
    const mail = s.page.frameLocator('#mail-frame');
    await expect.poll(() => mail.locator('h1').innerText()).toMatch(/^Weekly Digest of /);
    for (const account of [SUNNY, HARBOR]) {
      expect(await mail.locator('h2', { hasText: account }).count()).toBe(1);
      const chart = mail.locator(`img[alt="Followers of ${account}, day by day"]`);
      // A real PNG the browser decodes, at the size the e-mail declares.
      await expect.poll(() => chart.evaluate((img: any) => img.complete && img.naturalWidth)).toBe(560);
      expect(await chart.evaluate((img: any) => img.naturalHeight)).toBe(240);
    }
    // Without Account Insights, no reach chart: a sentence says what it needs.
    expect(await mail.locator('body').innerText()).toContain('Daily reach: a chart needs Account Insights rows on two days of these weeks.');
    expect(await mail.locator('a[href^="javascript"]').count()).toBe(0);
    expect(await mail.locator('script').count()).toBe(0);

    expect(s.errors).toEqual([]);
    expect(s.dialogs).toEqual([]);
  }, 90_000);
});
