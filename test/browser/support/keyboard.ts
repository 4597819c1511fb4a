// Moving through the sidebar with the keyboard alone, as a person who does not use a mouse would.
import type { Page } from 'playwright-core';
import type { InPage } from './sidebar-page';

/** The accessible name of the focused control: its aria-label, its label's text, or its own text. */
export async function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const { document } = globalThis as unknown as InPage;
    const a = document.activeElement;
    return a.getAttribute('aria-label') || (a.id && document.querySelector(`label[for="${a.id}"]`)?.textContent) || a.textContent || '';
  });
}

/** Presses Tab until the focused control's accessible name is `name` (at most `presses` times). */
export async function tabTo(page: Page, name: string, presses = 120): Promise<void> {
  for (let i = 0; i < presses; i += 1) {
    await page.keyboard.press('Tab');
    if ((await focusedName(page)) === name) return;
  }
  throw new Error(`Tab never reached "${name}"`);
}
