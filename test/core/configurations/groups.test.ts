// One report for several accounts: the choice as sent checked, the accounts it covers, and the members
// an "all connected accounts" report gains when an account is connected later.
import { describe, expect, it } from 'vitest';
import type { ConnectedAccount } from '../../../src/core/accounts/types';
import { checkAccountChoice, groupTargets, membersOf, newMembers } from '../../../src/core/configurations/groups';
import { getReport } from '../../../src/core/reports/registry';
import type { ReportConfiguration } from '../../../src/core/reports/types';

const account = (id: string, username: string, flow: ConnectedAccount['flow'], scopes: string[] = []): ConnectedAccount => ({
  id, username, flow, scopes, accountType: 'Business', connectedAt: 0, tokenIssuedAt: 0, tokenExpiresAt: null,
});
const SUNNY = account('1', 'sunny.creates', 'instagram');
const BAKERY = account('2', 'harbor.bakery', 'facebook', ['instagram_basic', 'instagram_manage_comments']);
const CAFE = account('3', 'alfama.cafe', 'facebook', ['instagram_basic']);

const member = (id: string, who: ConnectedAccount, reportId: ReportConfiguration['reportId'], groupId = 'g1', owner = 'me'): ReportConfiguration => ({
  id, accountId: who.id, accountUsername: who.username, loginFlow: who.flow, reportId, fields: ['id'], tab: { sheetId: 7, name: 'Shared' },
  mode: 'update', schedule: { kind: 'daily', hour: 7 }, settings: {}, owner, state: { lastRunDate: '2026-07-01' },
  group: { id: groupId, accounts: { kind: 'all' } },
});

describe('the account choice', () => {
  it('takes all, or a list of account ids without repeats, and refuses anything else', () => {
    expect(checkAccountChoice({ kind: 'all', extra: 1 })).toEqual({ kind: 'all' });
    expect(checkAccountChoice({ kind: 'these', accountIds: ['1', ' 2', '1'] })).toEqual({ kind: 'these', accountIds: ['1', '2'] });
    for (const bad of [null, 'all', { kind: 'some' }, { kind: 'these', accountIds: '1' }, { kind: 'these', accountIds: [1] }, { kind: 'these', accountIds: [''] }]) {
      expect(() => checkAccountChoice(bad), JSON.stringify(bad)).toThrow(/Choose the accounts/);
    }
    expect(() => checkAccountChoice({ kind: 'these', accountIds: [] })).toThrow(/Tick at least one account/);
  });

  it('covers every account whose login gives the report, by username, and refuses an account not connected', () => {
    expect(groupTargets({ kind: 'all' }, [SUNNY, BAKERY, CAFE], getReport('recent_media')).map((a) => a.username)).toEqual(['alfama.cafe', 'harbor.bakery', 'sunny.creates']);
    expect(groupTargets({ kind: 'all' }, [SUNNY, BAKERY], getReport('competitors')).map((a) => a.username)).toEqual(['harbor.bakery']);
    expect(() => groupTargets({ kind: 'all' }, [SUNNY], getReport('hashtags'))).toThrow(/needs an account connected with Facebook Login/);
    expect(groupTargets({ kind: 'these', accountIds: ['2'] }, [SUNNY, BAKERY], getReport('recent_media'))).toEqual([BAKERY]);
    expect(() => groupTargets({ kind: 'these', accountIds: ['9'] }, [SUNNY], getReport('recent_media'))).toThrow(/not connected/);
  });
});

describe('members', () => {
  it('are the configurations of the group, or the one configuration alone', () => {
    const all = [member('a', SUNNY, 'recent_media'), member('b', BAKERY, 'recent_media'), member('c', SUNNY, 'recent_media', 'g2')];
    expect(membersOf(all, all[0]).map((c) => c.id)).toEqual(['a', 'b']);
    const single = { ...all[2], group: undefined };
    expect(membersOf(all, single)).toEqual([single]);
  });

  it('join "all accounts" reports of the same person for a new account, with no state, where its login and permissions allow', () => {
    const all = [member('a', SUNNY, 'recent_media'), member('b', SUNNY, 'comments', 'g2'), member('c', SUNNY, 'recent_media', 'g3', 'someone else')];
    let n = 0;
    const added = newMembers(all, [BAKERY, CAFE], 'me', () => `new${++n}`, 5);
    expect(added.map((c) => [c.group?.id, c.accountId])).toEqual([['g1', '2'], ['g1', '3'], ['g2', '2']]);
    expect(added[0]).toMatchObject({ id: 'new1', accountUsername: 'harbor.bakery', loginFlow: 'facebook', tab: { sheetId: 7, name: 'Shared' }, createdAt: 5 });
    expect(added[0].state).toBeUndefined();
    expect(newMembers([...all, ...added], [BAKERY, CAFE], 'me', () => 'x', 6)).toEqual([]);
  });
});
