// Connecting goes through a real link the user clicks (popups from async handlers are blocked);
// disconnecting asks first and says the tabs stay.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHarness, recordedCalls, isFocused, type Harness, type InPage } from './support/sidebar-page';
import { sidebarState } from './support/fixtures';

let harness: Harness;
beforeAll(async () => { harness = await startHarness(); });
afterAll(async () => { await harness?.close(); });

const CONNECT_URL = 'https://www.facebook.com/v23.0/dialog/oauth?client_id=123&state=abc&scope=instagram_basic';

/** Once an account is connected, the connect block is folded: unfold it. */
async function openConnect(page: Page): Promise<void> {
  await page.getByText('Connect another account').click();
}

describe('connecting an account', () => {
  it('says in a line what each login gives', async () => {
    const page = await harness.open({ getSidebarState: [{ value: sidebarState() }] });
    await openConnect(page);
    const facebook = page.getByRole('radio', { name: 'Facebook Login' });
    await facebook.waitFor();
    const described = await facebook.evaluate((input) => (globalThis as unknown as InPage).document.getElementById(input.getAttribute('aria-describedby') ?? '')?.textContent);
    expect(described).toContain('competitors, hashtags and tags');
    expect(await page.getByRole('radio', { name: 'Instagram Login' }).isChecked()).toBe(true);
  });

  it('fetches the URL for the chosen flow first and shows it as a link opening a new tab', async () => {
    const page = await harness.open({ getSidebarState: [{ value: sidebarState() }], getConnectUrl: [{ value: { url: CONNECT_URL } }] });
    await openConnect(page);
    await page.getByRole('radio', { name: 'Facebook Login' }).check();
    await page.getByRole('button', { name: 'Get sign-in link' }).click();
    const link = page.getByRole('link', { name: /Sign in with Facebook/ });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(CONNECT_URL);
    expect(await link.getAttribute('target')).toBe('_blank');
    // The link takes focus so a keyboard user lands on it.
    expect(await isFocused(link)).toBe(true);
    const [connect] = await recordedCalls(page, 'getConnectUrl');
    // Only the basic permissions unless the person asks for comments too.
    expect(connect.args).toEqual(['facebook', []]);
  });

  it('asks only for the reports that Instagram Login can serve', async () => {
    const page = await harness.open({ getSidebarState: [{ value: sidebarState() }], getConnectUrl: [{ value: { url: CONNECT_URL } }] });
    await openConnect(page);
    await page.getByRole('button', { name: 'Get sign-in link' }).click();
    await page.getByRole('link', { name: /Sign in with Instagram/ }).waitFor();
    expect((await recordedCalls(page, 'getConnectUrl'))[0].args).toEqual(['instagram', []]);
  });

  it('asks for the comments permission only when the person ticks it', async () => {
    const state = sidebarState();
    state.reports.push({ id: 'comments', title: 'Comments', description: 'Every comment.', loginFlows: ['instagram', 'facebook'], fields: [], defaultMode: 'update', cadence: 'daily', needsPermission: ['instagram', 'facebook'] });
    const page = await harness.open({ getSidebarState: [{ value: state }], getConnectUrl: [{ value: { url: CONNECT_URL } }] });
    await openConnect(page);
    await page.getByRole('checkbox', { name: 'Also allow reading comments' }).check();
    await page.getByRole('button', { name: 'Get sign-in link' }).click();
    await page.getByRole('link', { name: /Sign in with Instagram/ }).waitFor();
    expect((await recordedCalls(page, 'getConnectUrl'))[0].args).toEqual(['instagram', ['comments']]);
  });

  it('reloads the accounts when the user says the sign-in is done', async () => {
    const later = sidebarState();
    later.accounts = later.accounts.slice(0, 1);
    const page = await harness.open({ getSidebarState: [{ value: sidebarState() }, { value: later }], getConnectUrl: [{ value: { url: CONNECT_URL } }] });
    await openConnect(page);
    await page.getByRole('button', { name: 'Get sign-in link' }).click();
    await page.getByRole('button', { name: 'I have signed in: refresh' }).click();
    await expect.poll(() => page.locator('li.account').count()).toBe(1);
  });
});

describe('reconnecting an account', () => {
  it('offers Reconnect for every account, whatever its sign-in, with a link for that account\'s login', async () => {
    const page = await harness.open({ getSidebarState: [{ value: sidebarState() }], getConnectUrl: [{ value: { url: CONNECT_URL } }] });
    await page.locator('li.account').first().waitFor();
    expect(await page.getByRole('button', { name: /^Reconnect/ }).evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label')))).toEqual(['Reconnect @bakery.lisbon', 'Reconnect @studio.porto', 'Reconnect @old.shop']);
    await page.getByRole('button', { name: 'Reconnect @studio.porto' }).click();
    const link = page.locator('li.account').nth(1).getByRole('link', { name: /Sign in with Facebook/ });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(CONNECT_URL);
    expect((await recordedCalls(page, 'getConnectUrl'))[0].args?.[0]).toBe('facebook');
  });
});

describe('disconnecting an account', () => {
  it('asks first, saying the tabs stay, and only then calls the server', async () => {
    const after = sidebarState();
    after.accounts = after.accounts.filter((a) => a.username !== 'studio.porto');
    const page = await harness.open({
      getSidebarState: [{ value: sidebarState() }, { value: after }],
      disconnectAccount: [{ value: { message: '@studio.porto is disconnected. Its tabs stay.' } }],
    });
    await page.getByRole('button', { name: 'Disconnect @studio.porto' }).click();
    const confirm = page.locator('.confirm');
    expect(await confirm.innerText()).toContain('Its tabs and rows stay in this spreadsheet');
    expect(await recordedCalls(page, 'disconnectAccount')).toHaveLength(0);
    await confirm.getByRole('button', { name: 'Disconnect' }).click();
    await expect.poll(() => page.locator('li.account').count()).toBe(2);
    expect((await recordedCalls(page, 'disconnectAccount'))[0].args).toEqual(['17841400000000002']);
    expect(await page.locator('#status').innerText()).toContain('@studio.porto is disconnected');
  });

  it('does nothing when the user cancels, and gives focus back to the Disconnect button', async () => {
    const page = await harness.open({ getSidebarState: [{ value: sidebarState() }] });
    const disconnect = page.getByRole('button', { name: 'Disconnect @bakery.lisbon' });
    await disconnect.click();
    await page.locator('.confirm').getByRole('button', { name: 'Cancel' }).click();
    expect(await page.locator('.confirm').count()).toBe(0);
    expect(await isFocused(disconnect)).toBe(true);
    expect(await recordedCalls(page, 'disconnectAccount')).toHaveLength(0);
  });
});
