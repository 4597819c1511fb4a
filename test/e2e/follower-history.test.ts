// A new account's follower history, end to end (issue 17): two accounts connected, User's Information
// saved for both into one tab of a spreadsheet in Tokyo, run once. Each account gets the 30 days before
// today rebuilt from Meta's daily follows and unfollows, marked in the Source column and equal to the
// simulator's own day-by-day followers, then today's measured row; a week of daily runs adds one row a
// day and never a second rebuild; the dashboard's followers chart has a month from day one. An account
// under 100 followers, and one whose insights Meta refuses, get today's row and one plain note.
import { afterEach, describe, expect, it } from 'vitest';
import type { Stack } from '../../local/platform/stack';
import type { Scenario } from '../../local/instagram/scenario/types';
import { FOLLOWER_SOURCES } from '../../src/core/reports/follower-history';
import { REPORTS } from '../../src/core/reports/registry';
import { BAKERY, CREATOR, DAY, scenario, stack } from './support';

let s: Stack;
afterEach(async () => {
  await s?.close();
});

const TZ = 'Asia/Tokyo';
const TAB = 'Followers of both';
const INFO = REPORTS.find((r) => r.id === 'user_information')!;
const FB_BASE = ['instagram_basic', 'instagram_manage_insights', 'pages_show_list', 'pages_read_engagement'];

interface FollowerDay { day: string; endTime: string; follows: number; unfollows: number; followers: number }

const save = (accountId: string) => s.rt.call('saveConfiguration', [{
  accountId, reportId: 'user_information', fields: INFO.fields.filter((f) => f.default).map((f) => f.id), tabName: TAB,
  mode: 'append', schedule: { kind: 'daily', hour: 7 }, settings: {},
}]) as { id: string };
const run = (id: string) => s.rt.call('runConfigurationNow', [id]) as { status: string; rowsAdded: number; message: string; callsUsed: number };
const dayIn = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: TZ }).format(new Date(ms));

/** The account's rows, as the person reads them (Run date as a date in the sheet's zone). */
function rows(accountId: string): Record<string, unknown>[] {
  const [head, ...body] = s.rt.workbook.values(TAB);
  return body.filter((r) => r[head.indexOf('Account ID')] === accountId)
    .map((r) => Object.fromEntries(head.map((h, i) => [h, h === 'Run date' ? dayIn((r[i] as Date).getTime()) : r[i]])));
}

/** Graph calls Meta saw for an account (the token exchanges left out). */
async function graphCalls(accountId: string): Promise<number> {
  const log = (await s.control('log')) as { account?: string; host: string; endpoint: string }[];
  return log.filter((e) => e.host.startsWith('graph.') && !e.endpoint.includes('access_token') && e.account === accountId).length;
}

/** The simulator's truth: followers when each of Meta's days ended, by the Tokyo date it ended on. */
async function truth(accountId: string): Promise<Map<string, number>> {
  const days = (await s.control(`followers?account=${accountId}&days=40`)) as FollowerDay[];
  return new Map(days.map((d) => [dayIn(Date.parse(d.endTime.replace('+0000', 'Z'))), d.followers]));
}

describe("a new account's follower history", () => {
  it('rebuilds 30 days per account into a shared tab, exactly as the simulator counts them, once', async () => {
    s = await stack({ timeZone: TZ });
    await s.connect('instagram');
    await s.connect('facebook');
    const configs = [CREATOR, BAKERY].map((id) => ({ accountId: id, id: save(id).id }));
    const today = dayIn(s.rt.clock.now());

    for (const { accountId, id } of configs) {
      const before = await graphCalls(accountId);
      const result = run(id);
      expect(result.status).toBe('ok');
      expect(result.rowsAdded).toBe(31);
      // Said once, and nothing else: no day was missing, none an estimate.
      expect(result.message).toMatch(/^Added @\S+'s followers for 30 days before today, rebuilt from Instagram's daily follows and unfollows \(see the Source column\)\.$/);
      // The profile, follower_count for the month, and follows_and_unfollows one day per call.
      expect(await graphCalls(accountId) - before).toBe(1 + 1 + 30);
      expect(result.callsUsed).toBe(32);
    }

    for (const { accountId } of configs) {
      const mine = rows(accountId);
      const real = await truth(accountId);
      expect(mine).toHaveLength(31);
      const rebuilt = mine.slice(0, 30);
      // The 30 dates before today, oldest first, each the followers when Meta's day ended that date in Tokyo.
      expect(rebuilt.map((r) => r['Run date'])).toEqual(Array.from({ length: 30 }, (_, i) => dayIn(s.rt.clock.now() - (30 - i) * DAY)));
      for (const r of rebuilt) {
        expect(r.Followers, String(r['Run date'])).toBe(real.get(r['Run date'] as string));
        expect(r.Source).toBe(FOLLOWER_SOURCES.rebuilt);
        for (const other of ['Username', 'Name', 'Biography', 'Website', 'Follows', 'Posts']) expect(r[other], other).toBe('');
      }
      expect(mine[30]).toMatchObject({ 'Run date': today, Source: FOLLOWER_SOURCES.measured });
      // Today's count is the one of Meta's last complete day (the simulator counts a day's change once it is over).
      expect(mine[30].Followers).toBe(real.get(today));
    }

    // The followers chart of a dashboard made now already has the month.
    const made = s.rt.call('createDashboard', [CREATOR]) as { message: string };
    expect(made.message).not.toMatch(/Followers over time: needs/);
    const chart = s.rt.workbook.charts(`Dashboard @sunny.creates`).find((c) => c.options.title === 'Followers over time')!;
    const data = s.rt.workbook.chartData('Dashboard @sunny.creates', chart.id).filter((r) => r[1] !== '');
    expect(data.map((r) => r[1])).toEqual(['Followers', ...rows(CREATOR).map((r) => r.Followers)]);

    // A week of daily runs: one row a day per account, no second rebuild, no date twice.
    const before = await Promise.all(configs.map((c) => graphCalls(c.accountId)));
    s.rt.advance(7 * DAY);
    for (const [i, { accountId }] of configs.entries()) {
      const mine = rows(accountId);
      expect(mine).toHaveLength(38);
      expect(new Set(mine.map((r) => r['Run date'])).size).toBe(38);
      expect(mine.filter((r) => r.Source === FOLLOWER_SOURCES.rebuilt)).toHaveLength(30);
      expect(mine.slice(31).every((r) => r.Source === FOLLOWER_SOURCES.measured && typeof r.Posts === 'number')).toBe(true);
      expect(await graphCalls(accountId) - before[i]).toBe(7);
      // A Run now on the same day refreshes today's row and adds nothing.
      expect(run(configs[i].id).rowsAdded).toBe(0);
    }
  });

  it('writes today\'s row and says once why there is no history: under 100 followers, insights refused', async () => {
    s = await stack({
      timeZone: TZ,
      scenario: scenario((sc: Scenario) => {
        sc.accounts[0].followers = { start: 90, dailyNet: 0, noise: 1 };
        // The bakery's Page comes through a business portfolio and ads_read was not granted: no insights.
        sc.accounts[1].facebook!.pages[0].viaBusinessPortfolio = true;
        sc.accounts[1].grantedScopes = [...FB_BASE, 'business_management'];
      }),
    });
    await s.connect('instagram');
    expect((await s.connect('facebook')).ok).toBe(true);
    const small = save(CREATOR);
    const refused = save(BAKERY);

    const before = [await graphCalls(CREATOR), await graphCalls(BAKERY)];
    const a = run(small.id);
    expect(a).toMatchObject({ status: 'ok', rowsAdded: 1 });
    expect(a.message).toMatch(/No follower history before today for @sunny\.creates: Instagram gives the daily follows only for accounts with 100 followers or more \(\d+ now\)/);
    const b = run(refused.id);
    expect(b).toMatchObject({ status: 'ok', rowsAdded: 1 });
    expect(b.message).toMatch(/No follower history before today for @harbor\.bakery: the account did not allow Sheetgram to read its insights/);
    // The small account costs no extra call; the refused one the one call that was refused.
    expect([await graphCalls(CREATOR) - before[0], await graphCalls(BAKERY) - before[1]]).toEqual([1, 2]);
    for (const id of [CREATOR, BAKERY]) expect(rows(id)).toEqual([expect.objectContaining({ Source: FOLLOWER_SOURCES.measured, 'Run date': dayIn(s.rt.clock.now()) })]);

    // The next day: a row each, and the note is not said again.
    s.rt.advance(DAY);
    const next = run(refused.id);
    expect(next.message).not.toMatch(/No follower history/);
    expect(rows(BAKERY)).toHaveLength(2);
    expect(rows(CREATOR)).toHaveLength(2);
  });
});
