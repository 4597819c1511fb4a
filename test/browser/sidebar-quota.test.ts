// The sidebar's status section with Meta's daily limit (issue 16): each account's hour and day as meters,
// and the sentence the server wrote, in words a person reads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/sidebar-page';
import { sidebarState } from './support/fixtures';

let harness: Harness;
beforeAll(async () => { harness = await startHarness(); });
afterAll(async () => { await harness?.close(); });

describe('the status section', () => {
  it('shows each account\'s hour and last 24 hours as meters, with the sentence from the server', async () => {
    const state = {
      ...sidebarState(),
      quota: [{
        accountId: '17841400000000001', used: 120, limit: 800, day: { used: 1_300, limit: 19_200, basis: 'views' as const },
        summary: "@sunny.creates: 120 of 800 calls this hour, 1,300 of 19,200 today (Meta's limit for this account, from its views)",
      }],
    };
    const page = await harness.open({ getSidebarState: [{ value: state }] });
    const meters = page.locator('#quota-status meter');
    await expect.poll(() => meters.count()).toBe(2);
    expect(await meters.nth(0).getAttribute('aria-valuetext')).toBe('120 of 800 calls');
    expect(await meters.nth(1).getAttribute('aria-valuetext')).toBe('1300 of 19200 calls in the last 24 hours');
    expect(await meters.nth(1).getAttribute('max')).toBe('19200');
    const status = await page.locator('#quota-status').innerText();
    expect(status).toContain("@sunny.creates: 120 of 800 calls this hour, 1,300 of 19,200 today (Meta's limit for this account, from its views)");
    expect(status).toContain('Calls to Instagram');
    expect(status).toMatch(/a number of calls a day that grows with its views/);
  });
});
