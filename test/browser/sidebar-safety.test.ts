// What comes from Instagram or from the user is text, never markup; server failures are told in words
// in a live region; tokens never reach the screen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, recordedCalls, type Harness, type InPage } from './support/sidebar-page';
import { sidebarState } from './support/fixtures';

let harness: Harness;
beforeAll(async () => { harness = await startHarness(); });
afterAll(async () => { await harness?.close(); });

const ATTACK = '<img src=x onerror="window.__pwned=1">';

describe('escaping', () => {
  it('renders a hostile username, report title, tab name and error as text: no element, no script', async () => {
    const state = sidebarState();
    state.accounts[0].username = ATTACK;
    state.reports[0].title = `Caption ${ATTACK}`;
    state.reports[0].fields[0].header = ATTACK;
    state.configurations[0].tabName = `<script>window.__pwned=2</script>${ATTACK}`;
    state.configurations[1].lastError = ATTACK;
    state.tabs.push(ATTACK);
    const page = await harness.open({ getSidebarState: [{ value: state }], runConfigurationNow: [{ error: `[sheetgram:not_found] ${ATTACK}` }], getRunProgress: [{ value: null }] });
    await page.locator('li.configuration').first().waitFor();
    expect(await page.locator('li.account').first().innerText()).toContain(`@${ATTACK}`);
    expect(await page.locator('li.configuration').first().innerText()).toContain(`Caption ${ATTACK}`);
    await page.getByRole('button', { name: 'New report' }).click();
    await page.getByRole('button', { name: `Run Caption ${ATTACK} for @${ATTACK} now` }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toContain(ATTACK);
    expect(await page.locator('main img, main script, #alert img').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as unknown as InPage).__pwned)).toBeUndefined();
    expect(await page.getByRole('checkbox', { name: ATTACK }).count()).toBe(1);
  });
});

describe('server failures', () => {
  const cases: Array<{ what: string; error: string; says: string }> = [
    { what: 'an expired token', error: '[sheetgram:reconnect_needed] @old.shop\'s sign-in expired on 20 Feb.', says: '@old.shop\'s sign-in expired on 20 Feb. Instagram no longer accepts this account\'s sign-in. Click Reconnect next to the account and sign in again' },
    { what: 'the rate limit', error: '[sheetgram:rate_limited]', says: 'Meta\'s limit of calls for this account is reached (hourly or daily, as Meta\'s answer says). Sheetgram carries on by itself when Meta allows calls again' },
    { what: 'Meta\'s daily limit, as the server says', error: '[sheetgram:rate_limited] Instagram\'s daily limit for this account is used up.', says: 'Instagram\'s daily limit for this account is used up. Meta\'s limit of calls for this account is reached (hourly or daily' },
    { what: 'Google\'s daily UrlFetch limit', error: 'Exception: Service invoked too many times for one day: urlfetch.', says: 'Google\'s daily limit of calls to other services (UrlFetch) for your Google account is used up' },
    { what: 'a full property store', error: 'Exception: You have exceeded the property storage quota. Please remove some properties and try again.', says: 'This spreadsheet\'s storage for add-ons (Google\'s 500 KB of document properties) is full' },
    { what: 'Apps Script asking for authorization', error: 'Authorization is required to perform that action.', says: 'Google asks you to allow Sheetgram again' },
    { what: 'the six-minute limit', error: 'Exceeded maximum execution time', says: 'Google stopped the work after six minutes' },
    { what: 'an unknown failure', error: 'Exception: Range not found', says: 'Something went wrong: Range not found' },
  ];
  for (const { what, error, says } of cases) {
    it(`tells ${what} in words in the alert region and beside the report`, async () => {
      const page = await harness.open({ getSidebarState: [{ value: sidebarState() }], runConfigurationNow: [{ error }], getRunProgress: [{ value: null }] });
      await page.getByRole('button', { name: 'Run User\'s Information for @bakery.lisbon now' }).click();
      const alert = page.locator('#alert');
      expect(await alert.getAttribute('aria-live')).toBe('assertive');
      await expect.poll(() => alert.innerText()).toContain(`User's Information did not run: ${says}`);
      expect(await page.locator('#run-note-cfg-1').innerText()).toContain(says);
      expect(await alert.innerText()).not.toContain('[sheetgram:');
    });
  }

  it('never shows a token that slipped into an error message', async () => {
    // Shaped like a Facebook token, built here so no token-looking literal sits in the repository.
    const token = `EAA${'BsbCS1iHgBAKZCZA'}${'example'.repeat(3)}123`;
    const page = await harness.open({ getSidebarState: [{ value: sidebarState() }], disconnectAccount: [{ error: `Exception: Request failed for https://graph.facebook.com/me?access_token=${token} returned code 500` }] });
    await page.getByRole('button', { name: 'Disconnect @bakery.lisbon' }).click();
    await page.locator('.confirm').getByRole('button', { name: 'Disconnect' }).click();
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.innerText()).toContain('Could not disconnect @bakery.lisbon');
    expect(await alert.innerText()).not.toContain(token);
    expect(await alert.innerText()).toContain('access_token=[hidden]');
  });

  it('clears the last error when the next action starts', async () => {
    const page = await harness.open({ getSidebarState: [{ value: sidebarState() }], createDashboard: [{ error: '[sheetgram:busy]' }, { value: { message: 'Dashboard tab created.' } }] });
    const dashboard = page.getByRole('button', { name: 'Create a dashboard tab for @bakery.lisbon' });
    await dashboard.click();
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('already working on this spreadsheet');
    await dashboard.click();
    await expect.poll(() => page.locator('#status').innerText()).toBe('Dashboard tab created.');
    expect(await page.getByRole('alert').innerText()).toBe('');
    expect((await recordedCalls(page, 'createDashboard')).map((c) => c.args)).toEqual([['17841400000000001'], ['17841400000000001']]);
  });
});
