// Keyboard only: every control is reached with Tab (one stop per radio group, as browsers do) and
// works with Enter or Space; a whole report can be made without the mouse.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHarness, recordedCalls, type Harness, type InPage } from './support/sidebar-page';
import { sidebarState } from './support/fixtures';
import { focusedName, tabTo } from './support/keyboard';

let harness: Harness;
beforeAll(async () => { harness = await startHarness(); });
afterAll(async () => { await harness?.close(); });

/** Marks every visible, enabled control (one per radio group) and returns their marks. */
async function markControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const { document } = globalThis as unknown as InPage;
    const seenGroups = new Set<string>();
    const marks: string[] = [];
    // A folded block's summary is a control too (Enter or Space unfolds it).
    document.querySelectorAll('button, a[href], input, select, textarea, summary').forEach((element: any, index: number) => {
      const control = element;
      if (control.disabled || element.getClientRects().length === 0) return;
      // Inside a folded block (its summary aside) nothing shows, whatever the layout boxes say.
      if (element.tagName !== 'SUMMARY' && element.closest('details:not([open])')) return;
      if (control.type === 'radio') {
        if (seenGroups.has(control.name)) return;
        seenGroups.add(control.name);
      }
      const mark = `${element.tagName.toLowerCase()}-${index}`;
      element.dataset.kb = mark;
      marks.push(mark);
    });
    return marks;
  });
}

/** Presses Tab until focus wraps past the last control; returns the marks (radio groups by name) in order. */
async function tabThrough(page: Page, limit: number): Promise<string[]> {
  const reached: string[] = [];
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press('Tab');
    const mark = await page.evaluate(() => {
      const { document } = globalThis as unknown as InPage;
      const active = document.activeElement;
      if (!active || active === document.body) return null;
      if (active.type === 'radio') {
        const first = document.querySelector(`input[type=radio][name="${active.name}"][data-kb]`);
        return first?.dataset.kb ?? null;
      }
      return active.dataset.kb ?? null;
    });
    if (mark) reached.push(mark);
  }
  return reached;
}


describe('keyboard', () => {
  it('reaches every control of the main view with Tab', async () => {
    const page = await harness.open({ getSidebarState: [{ value: sidebarState() }] });
    await page.locator('li.configuration').first().waitFor();
    const marks = await markControls(page);
    expect(marks.length).toBeGreaterThan(15);
    const reached = await tabThrough(page, marks.length + 5);
    expect(new Set(reached)).toEqual(new Set(marks));
  });

  it('reaches every control of the report editor with Tab', async () => {
    const page = await harness.open({ getSidebarState: [{ value: sidebarState() }] });
    await page.getByRole('button', { name: 'New report' }).click();
    await page.getByLabel('Schedule').waitFor();
    const marks = await markControls(page);
    const reached = await tabThrough(page, marks.length + 5);
    expect(new Set(reached)).toEqual(new Set(marks));
  });

  it('makes a report with the keyboard alone', async () => {
    const state = sidebarState();
    const page = await harness.open({ getSidebarState: [{ value: state }], saveConfiguration: [{ value: state.configurations[0] }] });
    await page.locator('li.configuration').first().waitFor();
    await tabTo(page, 'New report');
    await page.keyboard.press('Enter');
    // Focus moves into the editor, on its heading, so Tab continues from there.
    expect(await page.evaluate(() => (globalThis as unknown as InPage).document.activeElement?.id)).toBe('editor-heading');
    await page.keyboard.press('Tab');
    expect(await focusedName(page)).toBe('Account');
    await page.keyboard.press('ArrowDown');
    expect(await page.getByLabel('Account', { exact: true }).inputValue()).toBe('17841400000000002');
    await tabTo(page, 'Bio');
    await page.keyboard.press('Space');
    expect(await page.getByRole('checkbox', { name: 'Bio' }).isChecked()).toBe(true);
    await tabTo(page, 'Append');
    await page.keyboard.press('ArrowDown');
    expect(await page.getByRole('radio', { name: 'Replace' }).isChecked()).toBe(true);
    await tabTo(page, 'New tab name');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('Porto daily');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await recordedCalls(page, 'saveConfiguration')).length).toBe(1);
    expect((await recordedCalls(page, 'saveConfiguration'))[0].args).toEqual([{
      accountId: '17841400000000002', reportId: 'user_information', fields: ['date', 'followers_count', 'follows_count', 'biography'],
      tabName: 'Porto daily', mode: 'replace', schedule: { kind: 'daily', hour: 7 }, settings: {},
    }]);
  });

  it('connects, confirms and cancels with Enter, Space and Escape', async () => {
    const page = await harness.open({ getSidebarState: [{ value: sidebarState() }], getConnectUrl: [{ value: { url: 'https://www.instagram.com/oauth/authorize?client_id=1' } }] });
    await page.locator('li.account').first().waitFor();
    // The connect block is folded once accounts are connected: Enter unfolds it.
    await tabTo(page, 'Connect another account');
    await page.keyboard.press('Enter');
    await tabTo(page, 'Get sign-in link');
    await page.keyboard.press('Space');
    await page.getByRole('link', { name: /Sign in with Instagram/ }).waitFor();
    expect(await focusedName(page)).toBe('Sign in with Instagram (opens a new tab)');
    await tabTo(page, 'Disconnect @old.shop');
    await page.keyboard.press('Enter');
    expect(await focusedName(page)).toBe('Disconnect');
    await page.keyboard.press('Escape');
    expect(await page.locator('.confirm').count()).toBe(0);
    expect(await focusedName(page)).toBe('Disconnect @old.shop');
    expect(await recordedCalls(page, 'disconnectAccount')).toHaveLength(0);
  });
});
