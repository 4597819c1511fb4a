// The accounts and report cards of the sidebar, from the server's side: each sign-in in a sentence,
// Reconnect and Add permission through the same sign-in (and what the pages then say), each report's one
// status (first run due, the real next attempt, waiting for the person), Run all within the execution's
// six minutes (the rest queued for the next hourly run), and Open the log showing the log tab.
import { afterEach, describe, expect, it } from 'vitest';
import type { Stack } from '../../local/platform/stack';
import { BAKERY, CREATOR, EDITOR, HOUR, OWNER, refusal, stack, stackWithBothAccounts } from './support';

let s: Stack;
afterEach(async () => {
  await s?.close();
});

interface AccountView { id: string; username: string; scopes: string[]; signIn: string; lacking?: { reportIds: string[]; needed: boolean } }
interface CardView {
  id: string; accountId: string; reportId: string; nextRun?: number; dueNow?: boolean; waitsFor?: string;
  lastRun?: { at: number; status: string; message: string }; lastError?: string;
}
const sidebar = (user = OWNER) => s.rt.call('getSidebarState', [], { user }) as { accounts: AccountView[]; configurations: CardView[]; logTab: { name: string } | null };
const card = (id: string) => sidebar().configurations.find((c) => c.id === id)!;
const account = (id: string) => sidebar().accounts.find((a) => a.id === id)!;
const save = (accountId: string, reportId: string, schedule: unknown = { kind: 'off' }, user = OWNER, fields = ['followers_count']) => s.rt.call('saveConfiguration', [{
  accountId, reportId, fields, tabName: `${reportId} ${accountId}${user === OWNER ? '' : ` ${user}`}`, mode: reportId === 'user_information' ? 'append' : 'update', schedule,
}], { user }) as { id: string };
const logLines = () => {
  const [head, ...rows] = s.rt.workbook.values('Sheetgram log');
  return rows.map((r) => Object.fromEntries(head.map((h, i) => [String(h), r[i]]))) as Record<string, unknown>[];
};

describe('an account in the sidebar', () => {
  it('says the sign-in and its expiry in a sentence', async () => {
    s = await stackWithBothAccounts();
    expect(account(CREATOR).signIn).toBe('Signed in with Instagram; renews by itself.');
    // Sixty days from 10 Jul; the Page's own token keeps the account's reports going after that.
    expect(account(BAKERY).signIn).toBe('Signed in with Facebook; reports keep running. Hashtags and competitors need the sign-in, which expires on 8 Sep; reconnect before then.');
    await s.control('revoke', { igUserId: CREATOR });
    s.rt.call('runConfigurationNow', [save(CREATOR, 'user_information').id]);
    expect(account(CREATOR).signIn).toMatch(/^The Instagram sign-in stopped working\. .+ Reconnect to go on\.$/);
  });

  it('offers Add permission for the reports whose permission the sign-in lacks (from the registry), and says when a report needs it', async () => {
    s = await stack();
    await s.connect('instagram', { reportIds: [] });
    expect(account(CREATOR).lacking).toEqual({ reportIds: ['comments'], needed: false });
    // Signed in with every permission, a report of tags is saved; a later sign-in without comments lacks it.
    await s.connect('facebook');
    expect(account(BAKERY).lacking).toBeUndefined();
    save(BAKERY, 'tagged_media', { kind: 'off' }, OWNER, ['id']);
    await s.connect('facebook', { reportIds: [], accountId: BAKERY });
    expect(account(BAKERY).scopes).not.toContain('instagram_manage_comments');
    expect(account(BAKERY).lacking).toEqual({ reportIds: ['comments', 'tagged_media'], needed: true });

    // Add permission: the same sign-in, asking for the account's missing permission on top.
    const added = await s.connect('facebook', { reportIds: ['comments', 'tagged_media'], accountId: BAKERY });
    expect(new URL(added.url).searchParams.get('scope')).toContain('instagram_manage_comments');
    expect(added.page).toContain('@harbor.bakery is reconnected');
    expect(added.page).toMatch(/Sheetgram is signed in to @harbor\.bakery again\. Its reports go on by themselves/);
    expect(added.page).toMatch(/The new permission lets Sheetgram collect Comments, Tagged and mentioned media too/);
    expect(added.page).not.toMatch(/choose the reports/);
    expect(account(BAKERY).lacking).toBeUndefined();
    expect(account(BAKERY).scopes).toContain('instagram_manage_comments');
  });

  it('reconnects at any time; the pages name the button the person used', async () => {
    s = await stack();
    const first = await s.connect('instagram');
    expect(first.page).toMatch(/Back in the sidebar, choose the reports to collect/);
    const again = await s.connect('instagram', { accountId: CREATOR });
    expect(again.page).toContain('@sunny.creates is reconnected');
    expect(again.page).not.toMatch(/choose the reports/);
    // Cancelled: the page says the same words as the button.
    const cancelledReconnect = await s.connect('instagram', { accountId: CREATOR, decision: 'deny' });
    expect(cancelledReconnect.page).toContain('@sunny.creates was not reconnected');
    expect(cancelledReconnect.page).toContain('You chose not to allow Sheetgram. @sunny.creates stays as it was. Open the sidebar and click Reconnect next to @sunny.creates to try again.');
    const cancelledNew = await s.connect('facebook', { decision: 'deny' });
    expect(cancelledNew.page).toContain('You chose not to allow Sheetgram. Nothing was connected. Open the sidebar and click Get sign-in link to try again.');
    expect(sidebar().accounts.map((a) => a.id)).toEqual([CREATOR]);
  });
});

describe('a report card\'s status', () => {
  it('after a failed Run now of a report without a schedule, says the next hourly run tries again, and it does', async () => {
    s = await stack();
    await s.connect('instagram');
    const config = save(CREATOR, 'user_information');
    expect(card(config.id).nextRun).toBeUndefined();
    await s.control('faults', { transientRate: 1 });
    expect((s.rt.call('runConfigurationNow', [config.id]) as { status: string }).status).toBe('failed');
    expect(card(config.id)).toMatchObject({ lastRun: { status: 'failed' }, dueNow: true });
    // The promise holds: the hourly run exists for it.
    expect(s.rt.triggers.all().map((t) => t.handler)).toEqual(['runScheduledReports']);
    await s.control('faults', { transientRate: 0 });
    s.rt.advance(HOUR);
    expect(card(config.id).lastRun?.status).toMatch(/ok|partial/);
    expect(card(config.id).nextRun).toBeUndefined();
    // Nothing left to run on its own: the next tick removes the trigger.
    s.rt.advance(HOUR);
    expect(s.rt.triggers.all()).toEqual([]);
  });

  it('says the first run is due, then the real next attempt after a failure, and that a report waits for a reconnect', async () => {
    s = await stack();
    await s.connect('instagram');
    const config = save(CREATOR, 'user_information', { kind: 'every_hours', everyHours: 4 });
    // Never run: due now (the next hourly run starts it), no last run.
    expect(card(config.id)).toMatchObject({ dueNow: true });
    expect(card(config.id).lastRun).toBeUndefined();
    await s.control('faults', { transientRate: 1 });
    const failedAt = s.rt.clock.now();
    expect((s.rt.call('runConfigurationNow', [config.id]) as { status: string }).status).toBe('failed');
    // The failed run is tried again at the next hourly run (not at a clock time of this hour).
    expect(card(config.id)).toMatchObject({ lastRun: { status: 'failed' }, dueNow: true });
    await s.control('faults', { transientRate: 0 });
    s.rt.advance(HOUR);
    const retried = card(config.id);
    expect(retried.lastRun?.status).toMatch(/ok|partial/);
    expect(retried.lastRun!.at).toBeGreaterThan(failedAt + 30 * 60_000);
    // Then the schedule's next run, four hours on (less the trigger's tolerance).
    expect(retried.dueNow).toBeUndefined();
    expect(retried.nextRun).toBeGreaterThan(retried.lastRun!.at + 3 * HOUR);
    await s.control('revoke', { igUserId: CREATOR });
    s.rt.advance(4 * HOUR);
    const waiting = card(config.id);
    expect(waiting.lastRun?.status).toBe('failed');
    expect(waiting.waitsFor).toBe('reconnect');
    expect(waiting.nextRun).toBeUndefined();
    // After a reconnect it goes on by itself: due at the next hourly run.
    await s.connect('instagram', { accountId: CREATOR });
    expect(card(config.id).waitsFor).toBeUndefined();
    expect(card(config.id).nextRun).toBeDefined();
  });
});

describe('Run all', () => {
  it('runs every report of the person in turn, in the sidebar\'s order, and leaves other people\'s alone', async () => {
    s = await stackWithBothAccounts();
    // The editor connects the creator too and keeps a report of their own in the document.
    await s.connect('instagram', { user: EDITOR });
    const theirs = save(CREATOR, 'recent_media', { kind: 'off' }, EDITOR, ['id']);
    const posts = save(CREATOR, 'recent_media', { kind: 'off' }, OWNER, ['id']);
    const info = save(CREATOR, 'user_information');
    const bakery = save(BAKERY, 'user_information');
    const summary = s.rt.call('runAllNow') as { status: string; rowsAdded: number; callsUsed: number; message: string };
    expect(summary.status).toMatch(/ok|partial/);
    expect(summary.message).toBe('Ran 3 reports: 3 reports finished.');
    expect(summary.rowsAdded).toBeGreaterThan(2);
    // By account (harbor.bakery before sunny.creates), then the registry's order (User's Information first).
    expect(logLines().map((l) => `${l.Report} ${l.Account} ${l['Started by']}`)).toEqual([
      'User\'s Information @harbor.bakery run now', 'User\'s Information @sunny.creates run now', 'User\'s Recent Media @sunny.creates run now',
    ]);
    for (const id of [posts.id, info.id, bakery.id]) expect(card(id).lastRun?.status).toMatch(/ok|partial/);
    expect(card(theirs.id).lastRun).toBeUndefined();
  });

  it('queues what does not fit in the six minutes; the next hourly run starts those first', async () => {
    s = await stackWithBothAccounts({ latencyMs: 40_000, transport: 'in-process' });
    const configs = [
      save(BAKERY, 'user_information'), save(BAKERY, 'recent_media', { kind: 'off' }, OWNER, ['id']), save(BAKERY, 'account_insights', { kind: 'off' }, OWNER, ['date', 'reach']),
      save(CREATOR, 'user_information'), save(CREATOR, 'recent_media', { kind: 'off' }, OWNER, ['id']), save(CREATOR, 'account_insights', { kind: 'off' }, OWNER, ['date', 'reach']),
    ];
    const started = s.rt.clock.now();
    const summary = s.rt.call('runAllNow') as { status: string; message: string };
    expect(s.rt.clock.now() - started).toBeLessThan(6 * 60_000);
    expect(summary.status).toBe('continues');
    const ran = configs.filter((c) => card(c.id).lastRun);
    const queued = configs.filter((c) => !card(c.id).lastRun);
    expect(ran.length).toBeGreaterThan(0);
    expect(queued.length).toBeGreaterThan(0);
    expect(summary.message).toContain(`${queued.length === 1 ? '1 report waits' : `${queued.length} reports wait`} for the next hourly run, which starts`);
    // The queued ones are unfinished runs: due at once, and the hourly trigger exists for them (no schedules here).
    for (const c of queued) expect(card(c.id).dueNow).toBe(true);
    expect(s.rt.triggers.all().map((t) => t.handler)).toEqual(['runScheduledReports']);
    s.rt.advance(3 * HOUR);
    for (const c of queued) expect(card(c.id).lastRun?.status).toMatch(/ok|partial/);
  });

  it('leaves out the reports of an account that needs reconnecting, and says so', async () => {
    s = await stackWithBothAccounts();
    const creator = save(CREATOR, 'user_information');
    const bakery = save(BAKERY, 'user_information');
    await s.control('revoke', { igUserId: CREATOR });
    s.rt.call('runConfigurationNow', [creator.id]);
    const before = card(creator.id).lastRun;
    const summary = s.rt.call('runAllNow') as { message: string };
    expect(summary.message).toBe('Ran 1 report: 1 report finished. Not run: @sunny.creates needs to be reconnected first.');
    expect(card(creator.id).lastRun).toEqual(before);
    expect(card(bakery.id).lastRun?.status).toMatch(/ok|partial/);
  });

  it('says there is nothing to run for a person without reports', async () => {
    s = await stack();
    await s.connect('instagram');
    expect(refusal(() => s.rt.call('runAllNow'))).toMatch(/^\[sheetgram:not_found\] You have no reports in this spreadsheet yet/);
  });
});

describe('Open the log', () => {
  it('shows the log tab in the spreadsheet, at its latest line', async () => {
    s = await stack();
    await s.connect('instagram');
    expect(refusal(() => s.rt.call('openLogTab'))).toMatch(/^\[sheetgram:not_found\] There is no "Sheetgram log" tab yet/);
    s.rt.call('runConfigurationNow', [save(CREATOR, 'user_information').id]);
    s.rt.call('runConfigurationNow', [save(CREATOR, 'recent_media', { kind: 'off' }, OWNER, ['id']).id]);
    expect(s.rt.workbook.activeSheet.name).not.toBe('Sheetgram log');
    const answer = s.rt.call('openLogTab') as { message: string };
    expect(answer.message).toBe('The "Sheetgram log" tab is open in the spreadsheet; the latest runs are at the bottom.');
    expect(s.rt.workbook.activeSheet.name).toBe('Sheetgram log');
    expect(sidebar().logTab?.name).toBe('Sheetgram log');
  });
});
