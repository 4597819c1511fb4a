// The playground in Debian's chromium: one playground server (port 0) and one browser per test file,
// a page as wide as a laptop screen, the sidebar reached as its iframe. Dialogs and page errors are
// recorded so a test can say none happened; nothing outside 127.0.0.1 may be reached.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Dialog, type FrameLocator, type Locator, type Page } from 'playwright-core';
import { startPlayground, type Playground, type PlaygroundOptions } from '../../../local/playground';

export const IMAGES = join(process.cwd(), 'docs', 'images');

export interface Session {
  playground: Playground;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** The real sidebar, inside its iframe. */
  sidebar: FrameLocator;
  /** Every alert/confirm/prompt any page or frame opened (each is dismissed). */
  dialogs: string[];
  /** Uncaught errors in the page, the sidebar or a popup. */
  errors: string[];
  close(): Promise<void>;
}

/** The page's globals inside page.evaluate (the root tsconfig has no DOM lib on purpose). */
export interface InPage {
  document: any;
}

export async function openPlayground(options: Omit<PlaygroundOptions, 'port'> = {}, viewport = { width: 1440, height: 900 }): Promise<Session> {
  const playground = await startPlayground({ ...options, port: 0 });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  // A step that does not happen fails in seconds with what was awaited, well inside the test's timeout.
  context.setDefaultTimeout(15_000);
  // Everything the playground needs is on it: a page that reaches out anywhere else is a bug.
  await context.route((url) => url.hostname !== '127.0.0.1', (route) => route.abort());
  const dialogs: string[] = [];
  const errors: string[] = [];
  const watch = (p: Page) => {
    p.on('dialog', (dialog: Dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    p.on('pageerror', (error) => errors.push(error.message));
  };
  context.on('page', watch);
  const page = await context.newPage();
  await page.goto(playground.url);
  const sidebar = page.frameLocator('#sidebar');
  await sidebar.getByRole('heading', { name: 'Instagram accounts' }).waitFor();
  return {
    playground, browser, context, page, sidebar, dialogs, errors,
    async close() {
      await browser.close();
      await playground.close();
    },
  };
}

/** Once an account is connected the sidebar folds its connect block: unfolds it (nothing to do before). */
export async function openConnectBlock(s: Session): Promise<void> {
  const folded = s.sidebar.locator('details.connect:not([open]) > summary');
  if (await folded.count()) await folded.click();
}

/** Connects an Instagram Login account the way a person does: the link, the consent window, Allow. */
export async function connectInstagram(s: Session, account = '@sunny.creates'): Promise<Page> {
  await openConnectBlock(s);
  await s.sidebar.getByRole('button', { name: 'Get sign-in link' }).click();
  const link = s.sidebar.getByRole('link', { name: /Sign in with Instagram/ });
  const [popup] = await Promise.all([s.context.waitForEvent('page'), link.click()]);
  await popup.waitForLoadState();
  await popup.getByRole('radio', { name: new RegExp(escapeRegExp(account)) }).check();
  await popup.getByRole('button', { name: 'Allow' }).click();
  await popup.locator('#result').waitFor();
  return popup;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Connects a Facebook Login account the way a person does: Facebook Login in the sidebar, the link, the
 * Facebook consent window (which names the Facebook person, not the Instagram account), Allow.
 */
export async function connectFacebook(s: Session, person = 'Maria Harbor'): Promise<Page> {
  await openConnectBlock(s);
  await s.sidebar.getByRole('radio', { name: 'Facebook Login' }).check();
  await s.sidebar.getByRole('button', { name: 'Get sign-in link' }).click();
  const link = s.sidebar.getByRole('link', { name: /Sign in with Facebook/ });
  const [popup] = await Promise.all([s.context.waitForEvent('page'), link.click()]);
  await popup.waitForLoadState();
  await popup.getByRole('radio', { name: new RegExp(escapeRegExp(person)) }).check();
  await popup.getByRole('button', { name: 'Allow' }).click();
  await popup.locator('#result').waitFor();
  return popup;
}

/**
 * Saves a new report in the sidebar's editor: report by title, its default fields, mode and schedule;
 * `account` is the editor's Account choice by its label, e.g. "All connected accounts" (default: the first).
 */
export async function addReport(s: Session, title: string, choose: { mode?: 'Append' | 'Replace' | 'Update'; schedule?: 'Daily' | 'Off (only Run now)'; account?: string } = {}): Promise<void> {
  await s.sidebar.getByRole('button', { name: 'New report' }).click();
  if (choose.account) await s.sidebar.getByLabel('Account', { exact: true }).selectOption({ label: choose.account });
  await s.sidebar.getByLabel('Report', { exact: true }).selectOption({ label: title });
  if (choose.mode) await s.sidebar.getByRole('radio', { name: choose.mode, exact: true }).check();
  if (choose.schedule) await s.sidebar.getByLabel('Schedule', { exact: true }).selectOption({ label: choose.schedule });
  await s.sidebar.getByRole('button', { name: 'Save', exact: true }).click();
  await sidebarSays(s, `Saved: ${title}`);
}

/** Waits for the sidebar's status line to say `text`; fails at once with the sidebar's error if one shows. */
export async function sidebarSays(s: Session, text: string): Promise<void> {
  const status = s.sidebar.locator('#status', { hasText: text });
  const alert = s.sidebar.locator('#alert:not(:empty)');
  await status.or(alert).first().waitFor();
  if (!(await status.count())) throw new Error(`the sidebar said "${await alert.innerText()}" instead of "${text}"`);
}

/** Presses the report's Run now and waits for its result line. */
export async function runNow(s: Session, title: string, account = '@sunny.creates'): Promise<string> {
  const run = s.sidebar.getByRole('button', { name: `Run ${title} for ${account} now`, exact: true });
  const item = s.sidebar.locator('li.configuration', { has: run });
  await run.click();
  // The click set the note to "Starting…" (run-progress); the run's result replaces it.
  await item.locator('.run-note.run-result, .run-note.run-error').waitFor({ timeout: 20_000 });
  return item.locator('.run-note').innerText();
}

/** The card of a report for several accounts (one card, a line per account), by the report's title. */
export function groupCard(s: Session, title: string): Locator {
  return s.sidebar.locator('li.configuration-group', { has: s.sidebar.locator('h4', { hasText: `${title} · ` }) });
}

/** Presses the Run now of a report for several accounts (it runs every account) and waits for its result line. */
export async function runGroupNow(s: Session, title: string): Promise<string> {
  const card = groupCard(s, title);
  await card.getByRole('button', { name: new RegExp(`^Run ${escapeRegExp(title)} for `) }).click();
  await card.locator('.run-note.run-result, .run-note.run-error').waitFor({ timeout: 30_000 });
  return card.locator('.run-note').innerText();
}

/** Types into a cell of the selected tab through the formula bar, as a person does, and waits for the write. */
export async function typeIntoCell(s: Session, a1: string, text: string): Promise<void> {
  const [, letters, digits] = /^([A-Z]+)(\d+)$/.exec(a1) ?? [];
  if (!letters) throw new Error(`"${a1}" is not an A1 address`);
  const column = [...letters].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);
  // A click on the cell, as a person does; the formula bar then names it.
  await cell(s, Number(digits), column).click();
  await expect.poll(() => s.page.locator('#cell-address').inputValue()).toBe(a1);
  const input = s.page.locator('#cell-input');
  await input.click();
  await input.fill(text);
  await input.press('Enter');
  await s.page.locator('#status', { hasText: `!${a1} set to ` }).waitFor();
}

/** The playground's own guide to the demo accounts: one line per account, with its connection state. */
export async function demoAccountLines(s: Session): Promise<string[]> {
  return s.page.locator('#demo-list li').allInnerTexts();
}

export async function selectTab(s: Session, name: string): Promise<void> {
  await s.page.getByRole('tab', { name, exact: true }).click();
  // Named after the tab at once; busy until that tab's cells have arrived and are drawn.
  await s.page.locator(`#grid[aria-label=${JSON.stringify(`Cells of ${name}`)}]:not([aria-busy])`).waitFor();
}

export function cell(s: Session, row: number, column: number): Locator {
  return s.page.locator(`#cell-${row}-${column}`);
}

/** The text of the grid's rows that are drawn (column letters and row numbers left out). */
export async function gridRows(s: Session): Promise<string[][]> {
  return s.page.locator('#grid .grid-frozen .grid-row, #grid .grid-body .grid-row').evaluateAll((rows) =>
    rows.map((row) => Array.from((row as any).querySelectorAll('[role=gridcell]')).map((c: any) => c.textContent as string)));
}

/** The grid's rows that hold something, trailing empty cells dropped. */
export async function filledRows(s: Session): Promise<string[][]> {
  return (await gridRows(s)).map((r) => {
    const cells = [...r];
    while (cells.length && cells[cells.length - 1] === '') cells.pop();
    return cells;
  }).filter((r) => r.length > 0);
}

/**
 * Every filled row of a tab as the page's grid gets them (header first), also those the grid has not
 * scrolled into view: a first User's Information run writes a month of rows at once.
 */
export async function tabRows(s: Session, tab: string): Promise<string[][]> {
  const view = await s.page.evaluate(async (name) => (await fetch(`/api/rows?tab=${encodeURIComponent(name)}&from=1&count=1000`)).json() as Promise<{ frozen: { text: string }[][]; cells: { text: string }[][] }>, tab);
  return [...view.frozen, ...view.cells].map((r) => {
    const cells = r.map((c) => c.text);
    while (cells.length && cells[cells.length - 1] === '') cells.pop();
    return cells;
  }).filter((r) => r.length > 0);
}

export async function advance(s: Session, what: 'hour' | 'day'): Promise<void> {
  const before = Number(await s.page.locator('#clock').getAttribute('data-now'));
  await s.page.getByRole('button', { name: `Advance 1 ${what}` }).click();
  const step = what === 'hour' ? 3_600_000 : 86_400_000;
  // At least the step: a run that fires at the end and takes virtual time moves the clock a little further.
  await expect.poll(async () => Number(await s.page.locator('#clock').getAttribute('data-now')), { timeout: 20_000 }).toBeGreaterThanOrEqual(before + step);
}

/** Canvas pixels of the chart with this title that are not blank: chart.js painted something. */
export async function paintedPixels(s: Session, title: string): Promise<number> {
  return s.page.locator('figure.chart', { hasText: title }).locator('canvas').evaluate((canvas: any) => {
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) n++;
    return n;
  });
}

export function screenshotPath(name: string): string {
  mkdirSync(IMAGES, { recursive: true });
  return join(IMAGES, name);
}

/** True when the locator's element has the keyboard focus (in its own document). */
export async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === (element as any).ownerDocument.activeElement);
}
