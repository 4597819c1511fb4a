// The report editor (issue 17), in a 300 px sidebar with the real report catalogue: a refused Save puts
// the sentence beside the field, marks it (aria-invalid, a red outline), scrolls it into view and focuses
// it, the alert only summarizing; Save, Cancel and "Sheetgram" stay in a footer fixed at the bottom;
// settings are controls (menus, a date picker, a time-zone picker by city) in the person's words, with
// hours and days in the spreadsheet's time zone; and all of it works from the keyboard.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { startHarness, recordedCalls, isFocused, type Harness, type InPage } from './support/sidebar-page';
import { sidebarState } from './support/fixtures';
import { REPORTS } from '../../src/core/reports/registry';
import type { Configuration, ConfigurationInput, ReportView, SidebarState } from '../../src/contract/sidebar';

let harness: Harness;
beforeAll(async () => { harness = await startHarness(); });
afterAll(async () => { await harness?.close(); });

const LISBON = '17841400000000001';
const PORTO = '17841400000000002';
/** Short enough that the editor scrolls, as in a laptop's sidebar. */
const VIEWPORT = { width: 300, height: 560 };
const RED = 'rgb(217, 48, 37)';

/** The catalogue as getSidebarState sends it (the registry's own labels and lines). */
function catalogue(): ReportView[] {
  return REPORTS.map((r) => ({
    id: r.id, title: r.title, description: r.description, loginFlows: [...r.loginFlows],
    fields: r.fields.map((f) => ({ id: f.id, header: f.header, description: f.description, default: f.default })),
    defaultMode: r.defaultMode, cadence: r.cadence.label.toLowerCase(),
    settings: r.settings.map((s) => ({ id: s.id, label: s.label, description: s.description })),
  }));
}

function state(...configurations: Configuration[]): SidebarState {
  const s = sidebarState();
  s.reports = catalogue();
  s.configurations.push(...configurations);
  return s;
}

const refusedAt = (field: string, sentence: string) => ({ error: `[sheetgram:invalid_input] [field:${field}] ${sentence}` });
const saves = async (page: Page) => (await recordedCalls(page, 'saveConfiguration')).map((c) => (c.args as [ConfigurationInput])[0]);

async function newReport(page: Page, report: string, account?: string): Promise<void> {
  await page.getByRole('button', { name: 'New report' }).click();
  if (account) await page.getByLabel('Account', { exact: true }).selectOption({ label: account });
  await page.getByLabel('Report', { exact: true }).selectOption({ label: report });
}

/** Scrolls the page to its end, where a person is when they reach Save. */
async function scrollToEnd(page: Page): Promise<void> {
  await page.evaluate(() => {
    const { document } = globalThis as unknown as InPage;
    document.scrollingElement.scrollTop = document.scrollingElement.scrollHeight;
  });
}

/** Whether the element is wholly on screen, above the fixed footer. */
async function inView(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const footer = await page.locator('.editor-footer').boundingBox();
  return Boolean(box && footer && box.y >= 0 && box.y + box.height <= footer.y);
}

/** The marks a refused field carries: its error sentence, aria-invalid, described by the sentence, a red outline, the focus. */
async function expectMarked(page: Page, control: Locator, errorId: string, sentence: string): Promise<void> {
  await expect.poll(() => page.locator(`#${errorId}`).innerText()).toBe(sentence);
  expect(await control.getAttribute('aria-invalid')).toBe('true');
  expect((await control.getAttribute('aria-describedby'))?.split(' ')).toContain(errorId);
  const ring = await control.evaluate((e) => (globalThis as unknown as { getComputedStyle(e: unknown): { boxShadow: string } }).getComputedStyle(e).boxShadow);
  expect(ring).toContain(RED);
  expect(await isFocused(control)).toBe(true);
  expect(await inView(page, control)).toBe(true);
}

async function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const { document } = globalThis as unknown as InPage;
    const a = document.activeElement;
    return a.getAttribute('aria-label') || (a.id && document.querySelector(`label[for="${a.id}"]`)?.textContent) || a.textContent || '';
  });
}

async function tabTo(page: Page, name: string, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
  for (let i = 0; i < 80; i += 1) {
    await page.keyboard.press(key);
    if ((await focusedName(page)) === name) return;
  }
  throw new Error(`Tab never reached "${name}"`);
}

describe('errors at the field', () => {
  it('Comments without the permission: the sentence beside Account, which is marked, scrolled to and focused; the alert summarizes', async () => {
    const sentence = 'Comments needs permission to read comments, which @bakery.lisbon did not give. Click Add permission next to @bakery.lisbon, and allow reading comments.';
    const page = await harness.open({ getSidebarState: [{ value: state() }], saveConfiguration: [refusedAt('accountId', sentence)] }, VIEWPORT);
    await newReport(page, 'Comments');
    await scrollToEnd(page);
    const account = page.getByLabel('Account', { exact: true });
    expect(await inView(page, account)).toBe(false);
    await page.getByRole('button', { name: 'Save' }).click();
    await expectMarked(page, account, 'editor-account-error', sentence);
    // The alert names the field; the sentence itself is where the field is.
    expect(await page.getByRole('alert').innerText()).toBe('Could not save. Check the highlighted field: "Account".');
    expect(await page.locator('body').innerText()).not.toMatch(/instagram_|_manage_comments/);
    expect(await saves(page)).toHaveLength(1);
  });

  it('Competitors with an empty list: marked at "Usernames to watch"; fixed and saved with the keyboard (Enter)', async () => {
    const sentence = 'List at least one competitor username, such as rival.bakery.';
    const page = await harness.open({
      getSidebarState: [{ value: state() }],
      saveConfiguration: [refusedAt('settings.competitors', sentence), { value: { id: 'cfg-9', accountId: PORTO, reportId: 'competitors', fields: ['username'], tabName: 'Competitors', mode: 'append', schedule: { kind: 'daily', hour: 7 } } }],
    }, VIEWPORT);
    await newReport(page, 'Competitors', '@studio.porto (Facebook Login)');
    await scrollToEnd(page);
    await page.getByRole('button', { name: 'Save' }).click();
    const usernames = page.getByLabel('Usernames to watch', { exact: true });
    await expectMarked(page, usernames, 'editor-setting-competitors-error', sentence);
    expect(await page.getByRole('alert').innerText()).toBe('Could not save. Check the highlighted field: "Usernames to watch".');
    expect((await saves(page))[0].settings).toEqual({});
    // The focus is in the box: type, Enter.
    await page.keyboard.type('rival.bakery, @city.creator');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await saves(page)).length).toBe(2);
    expect((await saves(page))[1].settings).toEqual({ competitors: 'rival.bakery, @city.creator' });
    await expect.poll(() => page.locator('#status').innerText()).toContain('Saved: Competitors');
  });

  it('a timeframe typed wrong: a menu in words, marked when refused; chosen and saved with the keyboard (Space)', async () => {
    const saved: Configuration = {
      id: 'cfg-aud', accountId: PORTO, reportId: 'audience_demographics', fields: ['audience', 'breakdown', 'value', 'count', 'timeframe'], tabName: 'Audience', mode: 'append',
      schedule: { kind: 'daily', hour: 7 }, settings: { timeframe: 'last_30_days' },
    };
    const sentence = 'Choose "This month" or "This week": the period Meta counts the audience over.';
    const page = await harness.open({ getSidebarState: [{ value: state(saved) }], saveConfiguration: [refusedAt('settings.timeframe', sentence), { value: saved }] }, VIEWPORT);
    await page.getByRole('button', { name: 'Edit Audience Demographics for @studio.porto' }).click();
    const period = page.getByLabel('Audience counted over', { exact: true });
    expect(await period.evaluate((s: any) => s.tagName)).toBe('SELECT');
    expect(await period.locator('option').allInnerTexts()).toEqual(['This month', 'This week', 'Last 30 days (no longer offered)']);
    expect(await period.inputValue()).toBe('last_30_days');
    // The column and the setting have different names: "Timeframe" is the column's box only.
    expect(await page.getByLabel('Timeframe', { exact: true }).getAttribute('type')).toBe('checkbox');
    await scrollToEnd(page);
    await page.getByRole('button', { name: 'Save' }).click();
    await expectMarked(page, period, 'editor-setting-timeframe-error', sentence);
    // The menu has the focus: one arrow up is "This week".
    await page.keyboard.press('ArrowUp');
    expect(await period.inputValue()).toBe('this_week');
    await tabTo(page, 'Save');
    await page.keyboard.press('Space');
    await expect.poll(async () => (await saves(page)).length).toBe(2);
    expect((await saves(page))[1].settings).toEqual({ timeframe: 'this_week' });
  });

  it('"Posts since" saved as 01/03/2026: refused at the date picker, which says the picked day in words; typed and saved from the keyboard', async () => {
    const saved: Configuration = {
      id: 'cfg-posts', accountId: LISBON, reportId: 'recent_media', fields: ['id', 'caption'], tabName: 'Posts 2026', mode: 'update',
      schedule: { kind: 'daily', hour: 7 }, settings: { postsSince: '01/03/2026' },
    };
    const sentence = '"01/03/2026" could be 1 March 2026 or 3 January 2026: pick the day in the calendar.';
    const page = await harness.open({ getSidebarState: [{ value: state(saved) }], saveConfiguration: [refusedAt('settings.postsSince', sentence), { value: saved }] }, VIEWPORT);
    await page.getByRole('button', { name: 'Edit User\'s Recent Media for @bakery.lisbon' }).click();
    const since = page.getByLabel('Posts since', { exact: true });
    expect(await since.getAttribute('type')).toBe('date');
    expect(await page.locator('#editor-setting-postsSince-line').innerText()).toContain('Saved as "01/03/2026".');
    await scrollToEnd(page);
    await page.getByRole('button', { name: 'Save' }).click();
    // What was saved is sent as it is, so the server's sentence says what is wrong rather than the setting vanishing.
    expect((await saves(page))[0].settings).toEqual({ postsSince: '01/03/2026' });
    await expectMarked(page, since, 'editor-setting-postsSince-error', sentence);
    // The date picker takes the day by keyboard (month, day, year in this browser's locale) and says it in words.
    await page.keyboard.type('03012026');
    expect(await since.inputValue()).toBe('2026-03-01');
    expect(await page.locator('#editor-setting-postsSince-line').innerText()).toContain('Picked: Sunday, 1 March 2026.');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await saves(page)).length).toBe(2);
    expect((await saves(page))[1].settings).toEqual({ postsSince: '2026-03-01' });
  });

  it('marks the editor\'s own refusals the same way, the first wrong field in the page\'s order focused; fixed with the keyboard', async () => {
    const page = await harness.open({ getSidebarState: [{ value: state() }], saveConfiguration: [{ value: state().configurations[0] }] }, VIEWPORT);
    await newReport(page, 'Account Insights');
    await page.getByLabel('Meta\'s days start at midnight in', { exact: true }).fill('Lisbn');
    for (const name of await page.locator('#editor-fields input:checked').evaluateAll((boxes: any[]) => boxes.map((b) => b.id))) await page.locator(`#${name}`).uncheck();
    await scrollToEnd(page);
    await page.getByRole('button', { name: 'Save' }).click();
    const first = page.locator('#editor-fields input').first();
    expect(await page.locator('#editor-fields-error').innerText()).toBe('Tick at least one thing to collect.');
    expect(await page.locator('#editor-fields').evaluate((e) => (globalThis as unknown as { getComputedStyle(e: unknown): { outlineColor: string } }).getComputedStyle(e).outlineColor)).toBe(RED);
    expect(await isFocused(first)).toBe(true);
    expect(await inView(page, first)).toBe(true);
    const zone = page.getByLabel('Meta\'s days start at midnight in', { exact: true });
    expect(await zone.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#editor-setting-insightDayTimeZone-error').innerText()).toBe('No time zone matches "Lisbn": type a city, such as Lisbon, and pick it from the list.');
    expect(await page.getByRole('alert').innerText()).toBe('Could not save. Check the highlighted fields: "Data to collect" and "Meta\'s days start at midnight in".');
    expect(await recordedCalls(page, 'saveConfiguration')).toHaveLength(0);
    // Keyboard only: Space ticks the focused box, Tab goes on to the zone, a city is typed, Enter saves.
    await page.keyboard.press('Space');
    expect(await first.isChecked()).toBe(true);
    await tabTo(page, 'Meta\'s days start at midnight in');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('Lisbon');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await saves(page)).length).toBe(1);
    expect((await saves(page))[0]).toMatchObject({ reportId: 'account_insights', fields: ['date'], settings: { insightDayTimeZone: 'Europe/Lisbon' } });
  });
});

describe('the footer', () => {
  it('holds Save, Cancel and the add-on\'s name, fixed at the bottom of the 300 px sidebar while the form scrolls', async () => {
    const page = await harness.open({ getSidebarState: [{ value: state() }] }, VIEWPORT);
    await newReport(page, 'Media Insights');
    const footer = page.locator('.editor-footer');
    expect(await footer.locator('button').allInnerTexts()).toEqual(['Save', 'Cancel']);
    expect(await footer.innerText()).toContain('Sheetgram');
    expect(await footer.evaluate((e) => (globalThis as unknown as { getComputedStyle(e: unknown): { position: string } }).getComputedStyle(e).position)).toBe('fixed');
    const atBottom = async () => {
      const box = await footer.boundingBox();
      return Boolean(box && Math.round(box.y + box.height) === VIEWPORT.height && box.width === VIEWPORT.width);
    };
    const scrollTop = () => page.evaluate(() => (globalThis as unknown as InPage).document.scrollingElement.scrollTop as number);
    await page.evaluate(() => (globalThis as unknown as InPage).document.scrollingElement.scrollTo(0, 0));
    expect(await scrollTop()).toBe(0);
    expect(await atBottom()).toBe(true);
    await scrollToEnd(page);
    expect(await scrollTop()).toBeGreaterThan(200);
    expect(await atBottom()).toBe(true);
    // Nothing is left behind the footer at the end of the form.
    expect(await inView(page, page.getByLabel('Schedule', { exact: true }))).toBe(true);
  });

  it('comes after every field in the keyboard\'s order, and Cancel gives the focus back to "New report"', async () => {
    const page = await harness.open({ getSidebarState: [{ value: state() }] }, VIEWPORT);
    await newReport(page, 'User\'s Information');
    await page.getByLabel('Schedule', { exact: true }).focus();
    await page.keyboard.press('Tab');
    expect(await focusedName(page)).toBe(`Between (Lisbon time)`);
    await page.keyboard.press('Tab');
    expect(await focusedName(page)).toBe('Save');
    expect(await inView(page, page.getByLabel('Between (Lisbon time)'))).toBe(true);
    await page.keyboard.press('Tab');
    expect(await focusedName(page)).toBe('Cancel');
    await page.keyboard.press('Enter');
    expect(await page.locator('form.editor').count()).toBe(0);
    expect(await page.locator('.editor-footer').count()).toBe(0);
    expect(await focusedName(page)).toBe('New report');
  });
});

describe('controls and words', () => {
  it('Meta\'s day: a time-zone picker by city, the spreadsheet\'s zone named and listed first; the default is not sent; a city typed is', async () => {
    const page = await harness.open({ getSidebarState: [{ value: state() }], saveConfiguration: [{ value: state().configurations[0] }] }, VIEWPORT);
    await newReport(page, 'Account Insights');
    const zone = page.getByLabel('Meta\'s days start at midnight in', { exact: true });
    expect(await zone.inputValue()).toBe('Los Angeles (America/Los_Angeles)');
    const line = await page.locator('#editor-setting-insightDayTimeZone-line').innerText();
    expect(line).toContain('Pacific time (Los Angeles)');
    expect(line).toContain('This spreadsheet\'s time zone is Lisbon (Europe/Lisbon).');
    const options = await page.locator(`#${await zone.getAttribute('list')} option`).evaluateAll((os: any[]) => os.map((o) => o.value));
    expect(options.slice(0, 2)).toEqual(['Los Angeles (America/Los_Angeles)', 'Lisbon (Europe/Lisbon)']);
    expect(options.length).toBeGreaterThan(300);
    expect(options).toContain('Tokyo (Asia/Tokyo)');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await saves(page)).length).toBe(1);
    expect((await saves(page))[0].settings).toEqual({});

    const again = await harness.open({ getSidebarState: [{ value: state() }], saveConfiguration: [{ value: state().configurations[0] }] }, VIEWPORT);
    await newReport(again, 'Account Insights');
    await again.getByLabel('Meta\'s days start at midnight in', { exact: true }).fill('lisbon');
    await again.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await saves(again)).length).toBe(1);
    expect((await saves(again))[0].settings).toEqual({ insightDayTimeZone: 'Europe/Lisbon' });
  });

  it('hours in the spreadsheet\'s zone: the schedule, and Online Followers\' local time; Pacific time said once, where Meta counts it so', async () => {
    const page = await harness.open({ getSidebarState: [{ value: state() }] }, VIEWPORT);
    await newReport(page, 'Online Followers');
    expect(await page.getByLabel('Between (Lisbon time)', { exact: true }).inputValue()).toBe('7');
    expect(await page.locator('#editor-hour-line').innerText()).toBe('Hours in the spreadsheet\'s time zone, Lisbon (Europe/Lisbon). Google picks the minute within the hour.');
    expect(await page.locator('#editor-field-local_time-line').innerText()).toBe('The start of that hour in the spreadsheet\'s time zone (Lisbon)');
    const text = await page.locator('form.editor').innerText();
    expect(text.match(/Pacific time/g)).toHaveLength(1);
  });

  it('labels in the person\'s words: no API names or values in any report\'s editor, no two controls named alike', async () => {
    const page = await harness.open({ getSidebarState: [{ value: state() }] }, VIEWPORT);
    await page.getByRole('button', { name: 'New report' }).click();
    for (const account of ['@bakery.lisbon (Instagram Login)', '@studio.porto (Facebook Login)']) {
      await page.getByLabel('Account', { exact: true }).selectOption({ label: account });
      for (const title of await page.getByLabel('Report', { exact: true }).locator('option').allInnerTexts()) {
        await page.getByLabel('Report', { exact: true }).selectOption({ label: title });
        const text = await page.locator('form.editor').innerText();
        expect(text, title).not.toMatch(/Media_Creator|this_month|this_week|instagram_business|instagram_manage|pages_read/);
        const names = await page.locator('form.editor label').allInnerTexts();
        expect(new Set(names).size, `${title}: ${names.join(', ')}`).toBe(names.length);
      }
    }
  });
});
