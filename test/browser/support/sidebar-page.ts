// Opens the built dist/sidebar.html in Debian's chromium, served from 127.0.0.1 on a free port, with the
// scripted google.script.run injected before the page's own script. One browser per test file, one
// fresh context (and fake) per page.
import { createServer, type Server } from 'node:http';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { SERVER_FUNCTIONS } from './fixtures';

const DIST = join(process.cwd(), 'dist');
const FAKE_RUN = readFileSync(join(import.meta.dirname, 'fake-script-run.js'), 'utf8');

/** One scripted answer: a value, a failure message, or held until the test releases it. */
export type Answer = { value: unknown; delayMs?: number } | { error: string; delayMs?: number } | { hold: string };
export type Answers = Record<string, Answer[]>;

export interface RecordedCall { name: string; args: unknown[] | null; refused?: string }

/**
 * The page's globals as seen inside page.evaluate callbacks. The root tsconfig has no DOM lib (server
 * code must not see one), so the DOM is typed loosely here: `const { document } = globalThis as unknown as InPage`.
 */
export interface InPage {
  document: any;
  __calls: RecordedCall[];
  __pwned?: number;
  __release(key: string, answer: unknown): void;
  __setAnswers(name: string, answers: unknown): void;
}

/** True when the locator's element has the keyboard focus. */
export async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === (globalThis as unknown as InPage).document.activeElement);
}

export interface Harness {
  open(answers: Answers, viewport?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  if (!existsSync(join(DIST, 'sidebar.html'))) throw new Error('dist/sidebar.html is missing: run `npm run build` first');
  const server = await serveDist();
  const { port } = server.address() as AddressInfo;
  const browser: Browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  return {
    async open(answers, viewport = { width: 300, height: 900 }) {
      const context = await browser.newContext({ viewport });
      // Nothing but the test server: a sidebar that reaches out anywhere else is a bug.
      await context.route((url) => url.hostname !== '127.0.0.1', (route) => route.abort());
      const page = await context.newPage();
      await page.addInitScript({ content: `${FAKE_RUN}\nwindow.__installFakeScriptRun(${JSON.stringify({ answers, serverFunctions: SERVER_FUNCTIONS })});` });
      await page.goto(`http://127.0.0.1:${port}/sidebar.html`);
      return page;
    },
    async close() {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function serveDist(): Promise<Server> {
  const server = createServer((request, response) => {
    const name = (request.url ?? '/').split('?')[0].replace(/^\/+/, '');
    const path = join(DIST, name);
    if (!/^[\w.-]+\.html$/.test(name) || !existsSync(path)) {
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(readFileSync(path));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export async function recordedCalls(page: Page, name?: string): Promise<RecordedCall[]> {
  const calls = await page.evaluate(() => (globalThis as unknown as InPage).__calls);
  return name ? calls.filter((c) => c.name === name) : calls;
}

export async function release(page: Page, key: string, answer: { value: unknown } | { error: string }): Promise<void> {
  await page.evaluate(([k, a]) => (globalThis as unknown as InPage).__release(k as string, a), [key, answer] as const);
}

export async function setAnswers(page: Page, name: string, answers: Answer[]): Promise<void> {
  await page.evaluate(([n, a]) => (globalThis as unknown as InPage).__setAnswers(n as string, a), [name, answers] as const);
}
