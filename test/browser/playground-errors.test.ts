// Failures from Instagram reach the person in words in the sidebar: the hourly rate limit (a scenario
// with a small limit), Instagram failing for a while (the simulator's transient-error fault), and a
// sign-in revoked on Instagram's side (the simulator's revoke), which asks to reconnect.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultScenario } from '../../local/instagram/scenario';
import { addReport, connectInstagram, openPlayground, runNow, type Session } from './support/playground';

let s: Session;
const status = () => s.page.locator('#status').innerText();

async function start(callsPerHour?: number): Promise<void> {
  const scenario = defaultScenario();
  if (callsPerHour) scenario.limits = { ...scenario.limits, callsPerHour };
  s = await openPlayground({ scenario });
  await (await connectInstagram(s)).close();
  await s.sidebar.locator('li.account', { hasText: '@sunny.creates' }).waitFor();
  await addReport(s, 'User\'s Information', { schedule: 'Off (only Run now)' });
}

describe('Instagram failing for a while, and a revoked sign-in', () => {
  beforeAll(() => start());
  afterAll(async () => { await s?.close(); });

  it('says Instagram is unavailable while every call fails, and recovers when the fault is off', async () => {
    await s.page.getByLabel('Transient errors').fill('100');
    await s.page.getByRole('button', { name: 'Apply faults' }).click();
    await expect.poll(status).toMatch(/100 % of calls fail/);
    const failed = await runNow(s, 'User\'s Information');
    expect(failed).toMatch(/^Failed: .*Instagram was temporarily unavailable/);
    // Said once on the card: the run's note, not again as a last run or a last error.
    const card = await s.sidebar.locator('li.configuration').innerText();
    expect(card.match(/Instagram was temporarily unavailable/g)).toHaveLength(1);
    expect(card).toContain('Next try at the next hourly run.');
    await s.page.getByLabel('Transient errors').fill('0');
    await s.page.getByRole('button', { name: 'Apply faults' }).click();
    await expect.poll(status).toMatch(/ 0 % of calls fail/);
    // Its first run to finish: today's row and the 30 days before it, rebuilt (follower-history.test.ts).
    expect(await runNow(s, 'User\'s Information')).toMatch(/^Finished: 31 rows added/);
  });

  it('asks to reconnect after Instagram revokes the sign-in', async () => {
    await s.page.getByLabel('Account', { exact: true }).selectOption({ label: '@sunny.creates' });
    await s.page.getByRole('button', { name: 'Revoke sign-in' }).click();
    await expect.poll(status).toMatch(/^Revoked \d+ tokens? of @sunny\.creates/);
    const note = await runNow(s, 'User\'s Information');
    expect(note).toMatch(/^Failed: .*Instagram no longer accepts this account's sign-in\. Reconnect the account/);
    // The account now says so, and offers Reconnect.
    await expect.poll(() => s.sidebar.locator('li.account .token').innerText()).toMatch(/^The Instagram sign-in stopped working\. .* Reconnect to go on\.$/);
    expect(await s.sidebar.getByRole('button', { name: 'Reconnect @sunny.creates' }).count()).toBe(1);
    expect(s.errors).toEqual([]);
  });
});

describe('the hourly rate limit', () => {
  // Enough for signing in and a profile snapshot, not for reading 400 posts.
  beforeAll(() => start(4));
  afterAll(async () => { await s?.close(); });

  it('says the hourly limit is used up and when it carries on', async () => {
    await addReport(s, 'User\'s Recent Media', { schedule: 'Off (only Run now)' });
    const note = await runNow(s, 'User\'s Recent Media');
    expect(note).toMatch(/hourly limit for this account is used up; continuing at \d\d:\d\d/);
    expect(s.errors).toEqual([]);
  });
});
