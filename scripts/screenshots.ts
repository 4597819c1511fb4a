// Takes the screenshots of docs/getting-started.md and the README (docs/images/*.png) in the playground,
// the way a person uses Sheetgram: open the sidebar, connect the two demo accounts (Instagram Login and
// Facebook Login, through their consent windows), save reports, run them, open the log, let the virtual
// clock run a few days, type custom functions and build the dashboards, type a label on a post and read
// the Weekly Digest on the Monday after. `npm run screenshots` builds dist/ first; `node --import tsx
// scripts/screenshots.ts` uses the dist/ that is there.
//
// Elements are found by their role and visible name (as a person reads them), never by position, so a
// new button or section in the sidebar does not break the run. Each picture is 1280x800 or a crop of it,
// or of a window made wider or taller so that what it shows fits.
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type FrameLocator, type Locator, type Page } from 'playwright-core';
import { startPlayground, type Playground } from '../local/playground';

export const IMAGES_DIR = join(process.cwd(), 'docs', 'images');
const VIEWPORT = { width: 1280, height: 800 };
/** A taller window for crops of the sidebar that do not fit 800 px (the sidebar fills the window's height). */
const TALL = { width: 1280, height: 1800 };
const INFO = 'User\'s Information';
/** The reports "Create dashboard" draws from, besides User's Information. */
const DASHBOARD_REPORTS = ['Account Insights', 'Media Insights', 'Audience Demographics', 'Online Followers'];
const ALL = 'All connected accounts';
const MEDIA = 'Media Insights';
const DIGEST = 'Weekly Digest';

export interface Session {
  playground: Playground;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  sidebar: FrameLocator;
  errors: string[];
  /**
   * null: take the pictures. Otherwise a test's walk through the same steps: at each picture, what the
   * window and the sidebar say is added here (picture name -> text) and nothing is written.
   */
  seen: Map<string, string> | null;
  close(): Promise<void>;
}

const written: { name: string; bytes: number }[] = [];

/** At a picture: in a test's walk, what the page and the sidebar say; true when the picture should be taken. */
async function capture(s: Session, name: string): Promise<boolean> {
  if (!s.seen) return true;
  await settle(s);
  const page = await s.page.locator('body').innerText();
  const sidebar = await s.sidebar.locator('body').innerText();
  // A menu's choices are on screen once it is opened: they count as shown.
  const options = await s.sidebar.locator('option').allInnerTexts();
  s.seen.set(name, [page, sidebar, ...options].join('\n'));
  return false;
}

function log(text: string): void {
  console.log(`screenshots: ${text}`);
}

/** What a run said, while taking pictures (a test's walk stays quiet). */
function say(s: Session, text: string): void {
  if (!s.seen) log(text);
}

function imagePath(name: string): string {
  mkdirSync(IMAGES_DIR, { recursive: true });
  return join(IMAGES_DIR, name);
}

function noteWritten(name: string): void {
  const bytes = statSync(imagePath(name)).size;
  written.push({ name, bytes });
  log(`wrote docs/images/${name} (${Math.round(bytes / 1024)} KB)`);
}

/** The whole window. */
async function shootPage(s: Session, name: string): Promise<void> {
  if (!(await capture(s, name))) return;
  await settle(s);
  await s.page.screenshot({ path: imagePath(name) });
  noteWritten(name);
}

/**
 * The smallest rectangle around these elements, with a margin, kept inside `frame` (default: the
 * sidebar's iframe, 300 px wide; the sheet's section for crops of the spreadsheet).
 */
async function shootAround(s: Session, name: string, parts: Locator[], margin = 8, frame: Locator = s.page.locator('#sidebar')): Promise<void> {
  if (!(await capture(s, name))) return;
  await settle(s);
  const boxes = [];
  for (const part of parts) {
    const box = await part.boundingBox();
    if (!box) throw new Error(`${name}: an element to show is not on screen`);
    boxes.push(box);
  }
  const bounds = await frame.boundingBox();
  if (!bounds) throw new Error(`${name}: the frame to crop in is not on screen`);
  const left = Math.max(Math.min(...boxes.map((b) => b.x)) - margin, bounds.x);
  const top = Math.max(Math.min(...boxes.map((b) => b.y)) - margin, bounds.y);
  const right = Math.min(Math.max(...boxes.map((b) => b.x + b.width)) + margin, bounds.x + bounds.width);
  const bottom = Math.min(Math.max(...boxes.map((b) => b.y + b.height)) + margin, bounds.y + bounds.height);
  await s.page.screenshot({ path: imagePath(name), clip: { x: left, y: top, width: right - left, height: bottom - top } });
  noteWritten(name);
}

/** Lets the page's poll and the sidebar's redraws finish, and hides the text cursor. */
async function settle(s: Session): Promise<void> {
  await s.page.waitForTimeout(900);
  await s.sidebar.locator('#spinner[hidden]').waitFor({ state: 'attached' }).catch(() => undefined);
}

async function poll<T>(what: string, read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > until) throw new Error(`waited ${timeoutMs / 1000} s for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The playground (port 0) in Debian's chromium, as the browser tests start it. `walk`: a test's walk, no pictures. */
export async function openSession(walk = false): Promise<Session> {
  const playground = await startPlayground({ port: 0 });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--hide-scrollbars', '--font-render-hinting=none'],
  });
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  context.setDefaultTimeout(20_000);
  // Everything the playground needs is on it.
  await context.route((url) => url.hostname !== '127.0.0.1', (route) => route.abort());
  const errors: string[] = [];
  context.on('page', (p) => {
    p.on('pageerror', (error) => errors.push(error.message));
    p.on('dialog', (dialog) => { errors.push(`unexpected dialog: ${dialog.message()}`); void dialog.dismiss(); });
  });
  const page = await context.newPage();
  await page.goto(playground.url);
  const sidebar = page.frameLocator('#sidebar');
  await sidebar.getByRole('heading', { name: 'Instagram accounts' }).waitFor();
  return {
    playground, browser, context, page, sidebar, errors, seen: walk ? new Map() : null,
    async close() {
      await browser.close();
      await playground.close();
    },
  };
}

/** Waits for the sidebar's status line to say `text`; fails with the sidebar's alert if one shows. */
async function sidebarSays(s: Session, text: string): Promise<void> {
  const status = s.sidebar.locator('#status', { hasText: text });
  const alert = s.sidebar.locator('#alert:not(:empty)');
  await status.or(alert).first().waitFor();
  if (!(await status.count())) throw new Error(`the sidebar said "${await alert.innerText()}" instead of "${text}"`);
}

async function openConnectBlock(s: Session): Promise<void> {
  const folded = s.sidebar.locator('details.connect:not([open]) > summary');
  if (await folded.count()) await folded.click();
}

/** The login choice, Get sign-in link, the link, the consent window (pick who signs in), Allow. */
async function connect(s: Session, login: 'Instagram Login' | 'Facebook Login', who: string, beforeClick?: () => Promise<void>): Promise<void> {
  await openConnectBlock(s);
  await s.sidebar.getByRole('radio', { name: login }).check();
  await s.sidebar.getByRole('button', { name: 'Get sign-in link' }).click();
  const link = s.sidebar.getByRole('link', { name: login === 'Instagram Login' ? /Sign in with Instagram/ : /Sign in with Facebook/ });
  await link.waitFor();
  if (beforeClick) await beforeClick();
  const [popup] = await Promise.all([s.context.waitForEvent('page'), link.click()]);
  await popup.waitForLoadState();
  await popup.getByRole('radio', { name: new RegExp(escapeRegExp(who)) }).check();
  await popup.getByRole('button', { name: 'Allow' }).click();
  await popup.locator('#result').waitFor();
  await popup.close();
}

async function selectTab(s: Session, name: string): Promise<void> {
  await s.page.getByRole('tab', { name, exact: true }).click();
  await s.page.locator(`#grid[aria-label=${JSON.stringify(`Cells of ${name}`)}]:not([aria-busy])`).waitFor();
}

async function advanceDay(s: Session): Promise<void> {
  const before = Number(await s.page.locator('#clock').getAttribute('data-now'));
  await s.page.getByRole('button', { name: 'Advance 1 day' }).click();
  await poll('the clock to move a day', async () => Number(await s.page.locator('#clock').getAttribute('data-now')), (now) => now >= before + 86_400_000, 60_000);
}

/** Types into a cell through the formula bar, as a person does. */
async function typeIntoCell(s: Session, a1: string, text: string): Promise<void> {
  await s.page.locator('#cell-address').fill(a1);
  await s.page.locator('#cell-address').press('Enter');
  const input = s.page.locator('#cell-input');
  await input.click();
  await input.fill(text);
  await input.press('Enter');
  await s.page.locator('#status', { hasText: `!${a1} set to ` }).waitFor();
}

/** The editor, filled in as a person does: account, report, and the report's own defaults. */
async function startReport(s: Session, title: string, account = ALL): Promise<void> {
  await s.sidebar.getByRole('button', { name: 'New report' }).click();
  await s.sidebar.getByRole('heading', { name: 'New report' }).waitFor();
  await s.sidebar.getByLabel('Account', { exact: true }).selectOption({ label: account });
  await s.sidebar.getByLabel('Report', { exact: true }).selectOption({ label: title });
}

async function save(s: Session, title: string): Promise<void> {
  await s.sidebar.getByRole('button', { name: 'Save', exact: true }).click();
  await sidebarSays(s, `Saved: ${title}`);
}

/** A report's card, by its title (a report for several accounts: "<title> · all connected accounts"). */
function card(s: Session, title: string): Locator {
  return s.sidebar.locator('li.configuration', { has: s.sidebar.locator('h4', { hasText: new RegExp(`^${escapeRegExp(title)}( ·|$)`) }) });
}

async function runCardNow(s: Session, title: string): Promise<string> {
  const item = card(s, title);
  await item.getByRole('button', { name: new RegExp(`^Run ${escapeRegExp(title)} for `) }).click();
  await item.locator('.run-note.run-result, .run-note.run-error').waitFor({ timeout: 60_000 });
  return item.locator('.run-note').innerText();
}

/**
 * Goes to the tab's last filled row the way a person does, by typing its address into the name box, so
 * the newest rows show (the header row stays: it is frozen).
 */
async function goToLastRow(s: Session, tab: string): Promise<void> {
  const rows = await s.page.evaluate(async (name) => {
    const state = await (await fetch('/api/state')).json() as { tabs: Array<{ name: string; rows: number }> };
    return state.tabs.find((t) => t.name === name)?.rows ?? 1;
  }, tab);
  await s.page.locator('#cell-address').fill(`A${rows}`);
  await s.page.locator('#cell-address').press('Enter');
  await s.page.locator(`#cell-${rows}-1`).waitFor();
}

/** Scrolls the sidebar back to its top, where its status line says what the last action did. */
async function scrollSidebarToTop(s: Session): Promise<void> {
  await s.sidebar.locator('html').evaluate((html: any) => { html.scrollTop = 0; });
}

/** Scrolls the sidebar so this element sits at its top (a little below, so the crop has room). */
async function scrollSidebarTo(target: Locator): Promise<void> {
  await target.evaluate((element: any) => {
    element.scrollIntoView({ block: 'start' });
    element.ownerDocument.scrollingElement.scrollTop -= 12;
  });
}

/** A crop of the sidebar in a taller window (so nothing is cut by the window's bottom), the first part at its top. */
async function shootSidebar(s: Session, name: string, parts: Locator[], margin = 8): Promise<void> {
  await s.page.setViewportSize(TALL);
  try {
    await scrollSidebarTo(parts[0]);
    await shootAround(s, name, parts, margin);
  } finally {
    await s.page.setViewportSize(VIEWPORT);
  }
}

/** Edits a saved report: its Account becomes "All connected accounts"; the tab and the rest stay. */
async function editToAll(s: Session, title: string, shoot?: string): Promise<void> {
  await card(s, title).getByRole('button', { name: new RegExp(`^Edit ${escapeRegExp(title)} for `) }).click();
  const editor = s.sidebar.locator('form.editor');
  await editor.getByRole('heading', { name: 'Edit report' }).waitFor();
  await editor.getByLabel('Account', { exact: true }).selectOption({ label: ALL });
  if (shoot) {
    await shootSidebar(s, shoot, [
      editor.getByRole('heading', { name: 'Edit report' }),
      editor.locator('#editor-accounts-line'),
    ]);
  }
  await save(s, `${title} for all connected accounts`);
}

async function runAll(s: Session): Promise<string> {
  await s.sidebar.getByRole('button', { name: 'Run all' }).click();
  const note = s.sidebar.locator('.run-all .run-note');
  await s.sidebar.locator('.run-all .run-note.run-result, .run-all .run-note.run-error').waitFor({ timeout: 120_000 });
  return note.innerText();
}

async function createDashboard(s: Session, button: string, tab: string): Promise<void> {
  const create = s.sidebar.getByRole('button', { name: button });
  await create.scrollIntoViewIfNeeded();
  await create.click();
  await sidebarSays(s, `The tab "${tab}"`);
  await s.page.getByRole('tab', { name: tab }).waitFor();
  await selectTab(s, tab);
  await poll(`the charts of ${tab}`, () => s.page.locator('figure.chart canvas, figure.chart table').count(), (n) => n > 0);
  await s.page.locator('#grid').evaluate((grid: any) => { grid.scrollTop = 0; });
}

/** Every step of docs/getting-started.md, in its order, with a picture (or, in a test, a look) at each. */
export async function walkThrough(s: Session): Promise<void> {
  // 1. The sidebar as it opens the first time (Extensions > Sheetgram > Open sidebar): no account yet.
  await s.page.getByRole('button', { name: /Open sidebar/ }).waitFor();
  await s.sidebar.getByRole('button', { name: 'Get sign-in link' }).waitFor();
  await shootPage(s, 'getting-started-sidebar.png');

  // 2. Instagram Login for @sunny.creates: the sign-in link the sidebar gives (shown before clicking it).
  await connect(s, 'Instagram Login', '@sunny.creates', async () => {
    await shootSidebar(s, 'getting-started-connect.png', [s.sidebar.locator('#accounts')]);
  });
  await s.sidebar.locator('li.account', { hasText: '@sunny.creates' }).waitFor();
  await shootSidebar(s, 'getting-started-account.png', [s.sidebar.locator('#accounts')]);

  // 3. A report for it: User's Information, its fields; then tab, write mode and schedule.
  await startReport(s, INFO, '@sunny.creates (Instagram Login)');
  const editor = s.sidebar.locator('form.editor');
  await shootSidebar(s, 'getting-started-report.png', [
    editor.getByRole('heading', { name: 'New report' }),
    editor.getByRole('group', { name: 'Data to collect' }),
  ]);
  await editor.getByLabel('Schedule', { exact: true }).selectOption({ label: 'Daily' });
  // As a person sees it: the schedule just above Save and Cancel, which stay at the sidebar's bottom.
  await editor.locator('#editor-hour-line').evaluate((line: any) => {
    line.scrollIntoView({ block: 'end' });
    const footer = line.ownerDocument.querySelector('.editor-footer');
    line.ownerDocument.scrollingElement.scrollTop += (footer?.offsetHeight ?? 0) + 10;
  });
  await shootAround(s, 'getting-started-tab-mode.png', [
    editor.getByRole('group', { name: 'Tab' }),
    editor.getByRole('button', { name: 'Save', exact: true }),
  ]);
  await save(s, INFO);

  // 4. The report's card: saved, its first run due; then Run now and its result.
  await shootSidebar(s, 'getting-started-card.png', [card(s, INFO)]);
  say(s, `Run now: ${await runCardNow(s, INFO)}`);
  await shootSidebar(s, 'getting-started-run.png', [card(s, INFO)]);

  // 5. The tab it wrote.
  await selectTab(s, INFO);
  await goToLastRow(s, INFO);
  await shootPage(s, 'getting-started-tab.png');

  // 6. The dashboard's other reports for the same account, each with its own defaults; Run all; three
  //    virtual days so the daily rows pile up; then Create dashboard.
  for (const title of DASHBOARD_REPORTS) {
    await startReport(s, title, '@sunny.creates (Instagram Login)');
    await save(s, title);
  }
  say(s, `Run all: ${await runAll(s)}`);
  for (let day = 0; day < 3; day++) await advanceDay(s);
  await createDashboard(s, 'Create a dashboard tab for @sunny.creates', 'Dashboard @sunny.creates');
  await scrollSidebarToTop(s);
  await shootPage(s, 'dashboard.png');

  // 7. A second account, with Facebook Login; every report then for all connected accounts, one tab each.
  await connect(s, 'Facebook Login', 'Maria Harbor', async () => {
    await shootSidebar(s, 'getting-started-facebook.png', [s.sidebar.getByRole('group', { name: 'Connect an account with' }), s.sidebar.getByRole('button', { name: 'I have signed in: refresh' })]);
  });
  await poll('both accounts in the sidebar', () => s.sidebar.locator('li.account').count(), (n) => n === 2);
  await shootSidebar(s, 'getting-started-accounts.png', [s.sidebar.locator('#accounts')]);
  await editToAll(s, INFO, 'getting-started-all-accounts.png');
  for (const title of DASHBOARD_REPORTS) await editToAll(s, title);
  say(s, `Run all: ${await runAll(s)}`);
  for (let day = 0; day < 2; day++) await advanceDay(s);

  // 8. The README's first picture: one tab with both accounts' rows, and the report for all of them.
  await selectTab(s, INFO);
  await goToLastRow(s, INFO);
  await scrollSidebarTo(s.sidebar.getByRole('heading', { name: 'Reports', exact: true }));
  await shootPage(s, 'playground.png');

  // 9. Both accounts side by side.
  await createDashboard(s, 'Create a dashboard tab comparing all accounts', 'Dashboard: all accounts');
  await scrollSidebarToTop(s);
  await shootPage(s, 'dashboard-all.png');

  // 10. Custom functions typed into Sheet1, the formula bar showing one of them.
  await selectTab(s, 'Sheet1');
  const cells: Array<[string, string]> = [
    ['A1', 'Account'], ['B1', 'Followers'], ['C1', 'Posts'],
    ['A2', 'sunny.creates'], ['B2', '=IG_FOLLOWERS(A2)'], ['C2', '=IG_MEDIA_COUNT(A2)'],
    ['A3', 'harbor.bakery'], ['B3', '=IG_FOLLOWERS(A3)'], ['C3', '=IG_MEDIA_COUNT(A3)'],
  ];
  for (const [a1, text] of cells) await typeIntoCell(s, a1, text);
  await poll('the functions\' answers', () => s.page.locator('#cell-3-2').innerText(), (text) => /^\d[\d,]*$/.test(text.trim()));
  await s.page.locator('#cell-3-2').click();
  await shootAround(s, 'getting-started-functions.png', [s.page.locator('.formula-bar'), s.page.locator('#cell-4-5')], 0, s.page.locator('section.sheet'));

  // 11. The log tab, opened from the sidebar, after a few days of runs (a wider window shows its Message column).
  await s.page.setViewportSize({ width: 1680, height: 800 });
  const openLog = s.sidebar.getByRole('button', { name: /^Open the log/ });
  await openLog.scrollIntoViewIfNeeded();
  await openLog.click();
  await s.page.getByRole('tab', { name: 'Sheetgram log', selected: true }).waitFor();
  await s.page.locator('#grid[aria-label="Cells of Sheetgram log"]:not([aria-busy])').waitFor();
  await shootPage(s, 'getting-started-log.png');
  await s.page.setViewportSize(VIEWPORT);

  // 12. The e-mails section, its settings unfolded.
  await s.sidebar.getByText('Change e-mail settings', { exact: true }).click();
  await shootSidebar(s, 'getting-started-mail.png', [s.sidebar.locator('#mail')]);
  // The Weekly Digest by e-mail, asked for here, arrives on Monday (step 16).
  await s.sidebar.getByRole('checkbox', { name: 'The Weekly Digest, on Mondays' }).check();
  await s.sidebar.getByRole('button', { name: 'Save e-mail settings' }).click();
  await sidebarSays(s, 'E-mail settings saved.');

  // 13. The whole sidebar, top to bottom, in a window as tall as it is.
  const sidebarHeight = await s.sidebar.locator('html').evaluate((html: any) => html.scrollHeight as number);
  const frameTop = (await s.page.locator('#sidebar').boundingBox())?.y ?? 0;
  await s.page.setViewportSize({ width: VIEWPORT.width, height: Math.min(Math.ceil(frameTop + sidebarHeight + 4), 6000) });
  await s.sidebar.locator('html').evaluate((html: any) => { html.scrollTop = 0; });
  await shootAround(s, 'sidebar.png', [s.page.locator('#sidebar')], 0, s.page.locator('#sidebar'));
  await s.page.setViewportSize(VIEWPORT);

  // 14. Four days on (Sunday), a label typed into Media Insights as a person does: "Sponsored" (the first
  //     choice of the Label dropdown) on @sunny.creates's first post in the tab. A window wide enough for
  //     the posts' links, the Label column and the figures right of it, up to the views on day 1, 3, 7
  //     and 30. (The link's column comes first: a long link runs on over the empty Label cells, which
  //     without it would show the link's last letters as if they were a label.)
  for (let day = 0; day < 4; day++) await advanceDay(s);
  await selectTab(s, MEDIA);
  const media = await tabCells(s, MEDIA);
  const labelColumn = columnNamed(media[0], 'Label');
  const lastColumn = columnNamed(media[0], 'Views on day 30');
  const post = media.findIndex((row) => row[0] === 'sunny.creates') + 1;
  if (post < 2) throw new Error('no post of @sunny.creates in Media Insights');
  const labelCell = `${letters(labelColumn)}${post}`;
  await typeIntoCell(s, labelCell, 'Sponsored');
  await showColumns(s, columnNamed(media[0], 'Permalink'), lastColumn);
  // Back on the cell, so the formula bar shows the label.
  await s.page.locator('#cell-address').fill(labelCell);
  await s.page.locator('#cell-address').press('Enter');
  await poll('the label in the formula bar', () => s.page.locator('#cell-input').inputValue(), (text) => text === 'Sponsored');
  await shootAround(s, 'media-insights-labels.png', [s.page.locator('.formula-bar'), s.page.locator(`#cell-${post + 13}-${lastColumn}`)], 0, s.page.locator('section.sheet'));
  await s.page.setViewportSize(VIEWPORT);

  // 15. The next day is a Monday: the Weekly Digest tab, rebuilt at its first hourly run, whole, in a
  //     window tall enough for it (this week against last for both accounts, the top and bottom posts,
  //     labelled and unlabelled posts).
  await advanceDay(s);
  const today = await s.page.locator('#clock').innerText();
  if (!today.startsWith('Mon')) throw new Error(`the Weekly Digest is rebuilt on Mondays, and the clock says ${today}`);
  await selectTab(s, DIGEST);
  const digestRows = (await tabCells(s, DIGEST)).length;
  await fitRows(s, digestRows);
  await shootAround(s, 'weekly-digest.png', [s.page.locator('section.sheet')], 0, s.page.locator('section.sheet'));
  await s.page.setViewportSize(VIEWPORT);

  // 16. The digest by e-mail (asked for at step 12), as its reader sees it: the message from the
  //     playground's E-mails panel, whole, with its charts drawn by the local Charts service.
  await shootDigestMail(s, 'weekly-digest-mail.png');
}

/** The Weekly Digest e-mail of the outbox, opened on its own page (as the E-mails panel's frame shows it). */
async function shootDigestMail(s: Session, name: string): Promise<void> {
  const outbox = await s.page.evaluate(async () => (await fetch('/api/mail')).json() as Promise<{ messages: { index: number; subject: string }[] }>);
  const mail = outbox.messages.find((m) => m.subject.startsWith('Sheetgram weekly digest'));
  if (!mail) throw new Error(`no Weekly Digest e-mail on Monday among ${JSON.stringify(outbox.messages.map((m) => m.subject))}`);
  const reader = await s.context.newPage();
  try {
    await reader.setViewportSize({ width: 720, height: 800 });
    await reader.goto(`${s.playground.url}/api/mail/message?index=${mail.index}`);
    await poll('the charts drawn', () => reader.locator('img').evaluateAll((imgs: any[]) => imgs.length > 0 && imgs.every((i) => i.complete && i.naturalWidth > 0)), Boolean);
    if (s.seen) {
      s.seen.set(name, await reader.locator('body').innerText());
      return;
    }
    await reader.screenshot({ path: imagePath(name), fullPage: true });
    noteWritten(name);
  } finally {
    await reader.close();
  }
}

/** Every row of a tab (its header first) as the page's grid gets them, also those not scrolled into view. */
async function tabCells(s: Session, tab: string): Promise<string[][]> {
  const view = await s.page.evaluate(async (name) => (await fetch(`/api/rows?tab=${encodeURIComponent(name)}&from=1&count=1000`)).json() as Promise<{ frozen: { text: string }[][]; cells: { text: string }[][] }>, tab);
  return [...view.frozen, ...view.cells].map((row) => row.map((cell) => cell.text));
}

/** The column (1-based) under this header, as a person finds it by reading the header row. */
function columnNamed(header: string[], name: string): number {
  const index = header.indexOf(name);
  if (index < 0) throw new Error(`no column "${name}" among ${JSON.stringify(header)}`);
  return index + 1;
}

/** A column's letters, as the name box takes them (11 -> K). */
function letters(column: number): string {
  let text = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) text = String.fromCharCode(65 + ((n - 1) % 26)) + text;
  return text;
}

/** Widens the window until these columns fit beside the row numbers, and scrolls the grid so the first is at its left. */
async function showColumns(s: Session, first: number, last: number): Promise<void> {
  const grid = s.page.locator('#grid');
  // Measured in one go inside the grid (it redraws its rows at each poll): the columns' edges in its
  // content, whatever its scroll, and the width of the row numbers.
  const { from, to, rowNumbers } = await grid.evaluate((element: any, [a, b]: number[]) => {
    const origin = element.getBoundingClientRect().left - element.scrollLeft;
    const head = element.querySelector('.grid-head');
    // (No named function here: the bundler would wrap it in a helper the page does not have.)
    const [left, right] = [a, b].map((column) => head.querySelector(`[aria-colindex="${column + 1}"]`).getBoundingClientRect());
    return { from: left.left - origin, to: right.right - origin, rowNumbers: head.querySelector('.rownum').offsetWidth as number };
  }, [first, last]);
  const wanted = rowNumbers + to - from;
  const shown = await grid.evaluate((element: any) => element.clientWidth as number);
  const size = s.page.viewportSize() ?? VIEWPORT;
  await s.page.setViewportSize({ width: size.width + Math.max(0, wanted - shown), height: size.height });
  await poll('the wider grid', () => grid.evaluate((element: any) => element.clientWidth as number), (width) => width >= wanted);
  await grid.evaluate((element: any, x: number) => { element.scrollLeft = x; }, from - rowNumbers);
}

/** Makes the window tall enough for the tab's rows (and the column letters) in the grid, from its top. */
async function fitRows(s: Session, rows: number): Promise<void> {
  const shown = await s.page.locator('#grid').evaluate((grid: any) => grid.clientHeight as number);
  const wanted = (rows + 1) * 24 + 8;
  const size = s.page.viewportSize() ?? VIEWPORT;
  await s.page.setViewportSize({ width: size.width, height: size.height + Math.max(0, wanted - shown) });
  await s.page.locator('#grid').evaluate((grid: any) => { grid.scrollTop = 0; });
  await s.page.locator(`#cell-${rows}-1`).waitFor();
}

async function main(): Promise<void> {
  const started = Date.now();
  const s = await openSession();
  try {
    await walkThrough(s);
  } finally {
    await s.close();
  }
  if (s.errors.length) throw new Error(`the page reported errors: ${s.errors.join(' | ')}`);
  const large = written.filter((w) => w.bytes > 300 * 1024);
  if (large.length) log(`larger than 300 KB: ${large.map((w) => w.name).join(', ')}`);
  log(`${written.length} images in ${Math.round((Date.now() - started) / 1000)} s`);
}

// Run as a script (not when a test imports walkThrough).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(`screenshots: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    process.exit(1);
  });
}
