// One report for several accounts, written into one table, the way an agency compares accounts: saved
// once "for all connected accounts" (an account connected later joins), run as one, with runs,
// statuses and limits per account: one account's expired sign-in never stops the others, and each
// account costs the calls a report of its own would. Then twenty accounts in one configuration.
import { afterEach, describe, expect, it } from 'vitest';
import { agencyScenario } from '../../local/instagram/scenario';
import type { Stack } from '../../local/platform/stack';
import { BAKERY, CREATOR, DAY, stack } from './support';

let s: Stack;
afterEach(async () => {
  await s?.close();
});

const FIELDS = ['id', 'timestamp', 'caption', 'like_count', 'comments_count'];
type View = { id: string; accountId: string; tabName: string; group?: { id: string; accounts: unknown }; lastRun?: { status: string; message: string }; lastError?: string };
const state = () => s.rt.call('getSidebarState') as { configurations: View[]; accounts: { id: string; username: string }[] };
const save = (input: Record<string, unknown>) => s.rt.call('saveConfiguration', [{
  reportId: 'recent_media', fields: FIELDS, mode: 'update', schedule: { kind: 'daily', hour: 7 }, ...input,
}]) as View;
const run = (id: string) => s.rt.call('runConfigurationNow', [id]) as { status: string; rowsAdded: number; message: string };
function rows(tab: string, accountId: string, headers: string[]): string[] {
  const [head, ...body] = s.rt.workbook.values(tab).map((r) => r.map(String));
  return body.filter((r) => r[head.indexOf('Account ID')] === accountId).map((r) => JSON.stringify(headers.map((h) => r[head.indexOf(h)]))).sort();
}
const HEADERS = ['Account', 'Account ID', 'Media ID', 'Posted at', 'Caption', 'Like count', 'Comment count'];
const graphCalls = async () => ((await s.control('log')) as { account?: string; host: string; endpoint: string }[])
  .filter((e) => e.host.startsWith('graph.') && !e.endpoint.includes('access_token'));
const callsOf = (log: { account?: string }[], accountId: string) => log.filter((e) => e.account === accountId).length;

describe('one report for all connected accounts', () => {
  it('takes in an account connected later, writes one table, and keeps runs and failures per account', async () => {
    s = await stack();
    await s.connect('instagram');
    const saved = save({ accountId: CREATOR, tabName: 'Posts of all accounts', accounts: { kind: 'all' } });
    expect(saved.group?.accounts).toEqual({ kind: 'all' });
    await s.connect('facebook');
    const members = state().configurations.filter((c) => c.group?.id === saved.group!.id);
    expect(members.map((m) => m.accountId).sort()).toEqual([CREATOR, BAKERY].sort());
    expect(new Set(members.map((m) => m.tabName))).toEqual(new Set(['Posts of all accounts']));

    // The same report for each account alone, for comparison: rows and Meta calls.
    const alone = [CREATOR, BAKERY].map((accountId) => save({ accountId, tabName: `Posts ${accountId}`, schedule: { kind: 'off' } }));
    const before = await graphCalls();
    const summary = run(saved.id);
    const groupLog = (await graphCalls()).slice(before.length);
    expect(summary.status).toBe('ok');
    expect(summary.message).toMatch(/@harbor\.bakery: .*@sunny\.creates: /);
    for (const config of alone) run(config.id);
    const aloneLog = (await graphCalls()).slice(before.length + groupLog.length);
    for (const accountId of [CREATOR, BAKERY]) {
      expect(rows('Posts of all accounts', accountId, HEADERS)).toEqual(rows(`Posts ${accountId}`, accountId, HEADERS));
      expect(callsOf(groupLog, accountId)).toBe(callsOf(aloneLog, accountId));
    }
    // Each account's result is its own.
    expect(state().configurations.filter((c) => c.group).every((c) => c.lastRun?.status === 'ok')).toBe(true);

    // The bakery's sign-in is revoked: its run fails, the creator's goes on, on schedule and on Run now.
    await s.control('revoke', { fbUserId: '10160000000000001' });
    s.rt.advance(DAY);
    const after = run(saved.id);
    expect(after.status).toBe('partial');
    expect(after.message).toMatch(/@sunny\.creates: /);
    const views = state().configurations.filter((c) => c.group?.id === saved.group!.id);
    expect(views.find((v) => v.accountId === CREATOR)?.lastRun?.status).toBe('ok');
    expect(views.find((v) => v.accountId === BAKERY)?.lastError).toMatch(/reconnect/i);
    const ids = rows('Posts of all accounts', CREATOR, ['Media ID']);
    expect(new Set(ids).size).toBe(ids.length);
    expect(rows('Posts of all accounts', BAKERY, ['Media ID'])).toHaveLength(120);

    // Narrowed to the creator: the bakery's configuration goes, its rows stay.
    save({ id: saved.id, accountId: CREATOR, tabName: 'Posts of all accounts', accounts: { kind: 'these', accountIds: [CREATOR] } });
    expect(state().configurations.filter((c) => c.group?.id === saved.group!.id).map((c) => c.accountId)).toEqual([CREATOR]);
    expect(rows('Posts of all accounts', BAKERY, ['Media ID'])).toHaveLength(120);
    // Deleting the report deletes it for every account of the group; the tab stays.
    save({ id: saved.id, accountId: CREATOR, tabName: 'Posts of all accounts', accounts: { kind: 'all' } });
    expect((s.rt.call('deleteConfiguration', [saved.id]) as { message: string }).message).toMatch(/for 2 accounts/);
    expect(state().configurations.filter((c) => c.group)).toEqual([]);
    expect(s.rt.workbook.values('Posts of all accounts').length).toBeGreaterThan(400);
  });

  it('refuses accounts that are not connected and leaves out those whose login cannot give the report', async () => {
    s = await stack();
    await s.connect('instagram');
    await s.connect('facebook');
    expect(() => save({ accountId: CREATOR, tabName: 'x', accounts: { kind: 'these', accountIds: [CREATOR, '17841499999999999'] } })).toThrow(/not connected/);
    expect(() => save({ accountId: CREATOR, tabName: 'x', accounts: { kind: 'some' } })).toThrow(/Choose the accounts/);
    const competitors = save({ accountId: BAKERY, reportId: 'competitors', fields: ['username', 'followers_count'], tabName: 'Rivals', settings: { competitors: 'rival.bakery' }, accounts: { kind: 'all' } });
    expect(state().configurations.filter((c) => c.group?.id === competitors.group!.id).map((c) => c.accountId)).toEqual([BAKERY]);
    expect(state().configurations.filter((c) => c.tabName === 'x')).toEqual([]);
  });
});

describe('twenty accounts in one configuration', () => {
  it('writes one table with every account\'s posts, each for the calls of a report of its own', async () => {
    s = await stack({ scenario: agencyScenario({ clients: 20, media: 30 }) });
    await s.connect('facebook');
    const accounts = state().accounts;
    expect(accounts).toHaveLength(20);
    const saved = save({ accountId: accounts[0].id, tabName: 'Clients posts', accounts: { kind: 'all' } });
    const reference = save({ accountId: accounts[0].id, tabName: 'One client', schedule: { kind: 'off' } });
    const before = await graphCalls();
    const summary = run(saved.id);
    // Members that did not fit this execution are run by the next hourly ticks.
    if (summary.status === 'continues') s.rt.advance(6 * 3_600_000);
    expect(state().configurations.filter((c) => c.group?.id === saved.group!.id).every((c) => c.lastRun?.status === 'ok')).toBe(true);
    const groupLog = (await graphCalls()).slice(before.length);
    run(reference.id);
    const referenceCalls = callsOf((await graphCalls()).slice(before.length + groupLog.length), accounts[0].id);
    const [head, ...body] = s.rt.workbook.values('Clients posts').map((r) => r.map(String));
    expect(new Set(body.map((r) => r[head.indexOf('Account ID')]))).toEqual(new Set(accounts.map((a) => a.id)));
    for (const account of accounts) {
      const mine = rows('Clients posts', account.id, ['Media ID']);
      expect(mine).toHaveLength(30);
      expect(callsOf(groupLog, account.id)).toBe(referenceCalls);
    }
    expect(body.every((r) => accounts.find((a) => a.id === r[head.indexOf('Account ID')])?.username === r[head.indexOf('Account')])).toBe(true);
  });
});
