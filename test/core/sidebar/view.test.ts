import { describe, expect, it } from 'vitest';
import type { ConnectedAccount } from '../../../src/core/accounts/types';
import type { ReportConfiguration } from '../../../src/core/reports/types';
import { configurationView, lackingPermissions, reportViews, signInText } from '../../../src/core/sidebar/view';

const DAY = 86_400_000;
const NOW = Date.parse('2026-07-10T12:00:00Z');
const ZONE = 'Europe/Lisbon';

function account(over: Partial<ConnectedAccount> = {}): ConnectedAccount {
  return {
    id: '1', username: 'maker', accountType: 'BUSINESS', flow: 'instagram', scopes: ['instagram_business_basic', 'instagram_business_manage_insights'],
    connectedAt: NOW, tokenIssuedAt: NOW, tokenExpiresAt: NOW + 60 * DAY, ...over,
  };
}

describe('the sign-in in a sentence', () => {
  it('says whether it renews, until when it works and what to do', () => {
    expect(signInText(account(), NOW, ZONE)).toBe('Signed in with Instagram; renews by itself.');
    expect(signInText(account({ flow: 'facebook' }), NOW, ZONE)).toBe('Facebook sign-in expires on 8 Sep; reconnect before then.');
    expect(signInText(account({ flow: 'facebook', tokenExpiresAt: NOW + 3 * DAY }), NOW, ZONE)).toBe('Facebook sign-in expires on 13 Jul (in 3 days); reconnect before then.');
    expect(signInText(account({ flow: 'facebook', tokenExpiresAt: NOW + 200 * DAY }), NOW, ZONE)).toBe('Facebook sign-in expires on 26 Jan 2027; reconnect before then.');
    expect(signInText(account({ flow: 'facebook', pageToken: true, tokenExpiresAt: NOW - DAY }), NOW, ZONE))
      .toBe('Signed in with Facebook; reports keep running, but hashtags and competitors stopped when the sign-in expired on 9 Jul: reconnect for them.');
    expect(signInText(account({ reconnectReason: 'Instagram no longer accepts this sign-in' }), NOW, ZONE))
      .toBe('The Instagram sign-in stopped working. Instagram no longer accepts this sign-in. Reconnect to go on.');
    expect(signInText(account({ flow: 'facebook', tokenExpiresAt: NOW - DAY }), NOW, ZONE)).toBe('The Facebook sign-in expired on 9 Jul; reconnect to go on.');
  });
});

describe('permissions a sign-in lacks', () => {
  it('come from the registry\'s required scopes, and are needed when a saved report is one of them', () => {
    expect(reportViews().find((r) => r.id === 'comments')?.needsPermission).toEqual(['instagram', 'facebook']);
    expect(reportViews().find((r) => r.id === 'user_information')?.needsPermission).toEqual([]);
    expect(lackingPermissions(account(), [])).toEqual({ reportIds: ['comments'], needed: false });
    const comments = { id: 'c', accountId: '1', reportId: 'comments' } as ReportConfiguration;
    expect(lackingPermissions(account(), [comments])).toEqual({ reportIds: ['comments'], needed: true });
    expect(lackingPermissions(account({ scopes: [...account().scopes, 'instagram_business_manage_comments'] }), [comments])).toBeUndefined();
  });
});

describe('a configuration\'s next run', () => {
  const config = { id: 'c', accountId: '1', reportId: 'user_information', fields: [], tab: { sheetId: null, name: 'T' }, mode: 'append', schedule: { kind: 'every_hours', everyHours: 4 }, settings: {} } as unknown as ReportConfiguration;

  it('is due now (the next hourly run) when never run, later after a run, and none while it waits for the person', () => {
    expect(configurationView(config, { failures: 0 }, false, NOW, ZONE)).toMatchObject({ nextRun: NOW, dueNow: true });
    const ran = configurationView(config, { failures: 0, lastRunAt: NOW - DAY / 24 }, false, NOW, ZONE);
    expect(ran.dueNow).toBeUndefined();
    expect(ran.nextRun).toBeGreaterThan(NOW);
    const waiting = configurationView(config, { failures: 1, waiting: { reason: 'reconnect', since: NOW } }, false, NOW, ZONE, { usable: false });
    expect(waiting).toMatchObject({ waitsFor: 'reconnect' });
    expect(waiting.nextRun).toBeUndefined();
  });
});
