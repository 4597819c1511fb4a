// Schedules, the hourly quota and runs that survive limits and faults, on the virtual clock, with the
// simulator over HTTP: one row a day across a DST change, concurrent executions under one limit, a
// run cut by the time limit resumed, transient faults, Instagram's rate limit, a revoked token.
import { afterEach, describe, expect, it } from 'vitest';
import type { Stack } from '../../local/platform/stack';
import { largeScenario } from '../../local/instagram/scenario';
import { BAKERY, CREATOR, DAY, HOUR, scenario, stack } from './support';

let s: Stack;
afterEach(async () => {
  await s?.close();
});

function save(reportId: string, accountId: string, schedule: unknown, extra: Record<string, unknown> = {}) {
  const fields: Record<string, string[]> = {
    user_information: ['followers_count', 'media_count'], recent_media: ['id', 'timestamp', 'caption', 'like_count'],
    media_insights: ['id', 'timestamp', 'reach', 'views'],
  };
  return s.rt.call('saveConfiguration', [{
    accountId, reportId, fields: fields[reportId], tabName: `${reportId}-${accountId}`, mode: reportId === 'user_information' ? 'append' : 'update', schedule, ...extra,
  }]) as { id: string; tabName: string };
}
const values = (tab: string) => s.rt.workbook.values(tab);
/** The media ids in a tab, found by header (every row starts with its account). */
const mediaIds = (tab: string) => {
  const [head, ...rows] = values(tab);
  return rows.map((r) => r[head.indexOf('Media ID')]);
};
const status = (id: string) => (s.rt.call('getSidebarState').configurations as { id: string; lastRun?: { status: string; message: string }; lastError?: string; nextRun?: number }[]).find((c) => c.id === id)!;
const metaCalls = async (igUserId?: string) => ((await s.control("log")) as { account?: string; endpoint: string; time: string; status: number }[])
  .filter((e) => !e.endpoint.includes('oauth') && !e.endpoint.includes('access_token') && (!igUserId || e.account === igUserId));

describe('daily schedules', () => {
  it('appends exactly one User\'s Information row per day for 30 days, across the October DST change', async () => {
    s = await stack({ scenario: scenario((sc) => { sc.start = '2026-10-10T12:00:00+0000'; }) });
    await s.connect('instagram');
    const config = save('user_information', CREATOR, { kind: 'daily', hour: 7 });
    s.rt.advance(30 * DAY);
    // Each row's day in the sheet's zone, as an ISO date.
    const dayOf = new Intl.DateTimeFormat('en-CA', { timeZone: s.rt.workbook.timeZone });
    const days = s.rt.workbook.values(config.tabName).slice(1).map((r) => dayOf.format(r[0] as Date));
    // The day it was saved (after 07:00, so at the next tick) and the 30 days after.
    expect(days).toHaveLength(31);
    expect(new Set(days).size).toBe(31);
    // Consecutive calendar days in the sheet's zone (Europe/Lisbon changes to winter time on 25 October).
    const asUtc = days.map((d) => Date.parse(`${d}T00:00:00Z`));
    asUtc.slice(1).forEach((t, i) => expect(t - asUtc[i]).toBe(DAY));
    expect(days).toContain('2026-10-25');
    expect(days).toContain('2026-10-26');
    // Each run happened in the 07:00 hour of Lisbon time, before and after the change.
    const runs = s.rt.executions.filter((e) => e.function === 'runScheduledReports');
    expect(runs.length).toBeGreaterThanOrEqual(30 * 24 - 2);
    expect(runs.every((e) => e.outcome === 'completed')).toBe(true);
  });
});

describe('the hourly limit', () => {
  it('lets two executions started together share one limit, and never runs one report twice at once', async () => {
    s = await stack({ scriptProperties: { SHEETGRAM_CALLS_PER_HOUR: '12' } });
    await s.connect('instagram');
    const posts = save('recent_media', CREATOR, { kind: 'off' }, { fields: ['id', 'timestamp'] });
    const insights = save('media_insights', CREATOR, { kind: 'off' });
    const before = (await metaCalls(CREATOR)).length;
    const results = await s.rt.callConcurrently([
      { fn: 'runConfigurationNow', args: [insights.id] },
      { fn: 'runConfigurationNow', args: [insights.id] },
      { fn: 'runConfigurationNow', args: [posts.id] },
    ]);
    expect(results.filter((r) => r.outcome !== 'completed').map((r) => r.error)).toEqual([]);
    const messages = results.map((r) => (r.value as { message: string }).message).join('\n');
    const calls = (await metaCalls(CREATOR)).length - before;
    expect(calls).toBeLessThanOrEqual(12);
    // A run that stops says why: the hour is used up, or (issue 16) the calls left are held by the other run
    // still going, which gives back what it does not use. "Used up" only when 12 calls were made this hour,
    // connecting (which read the profile) included: Meta counts that call, and now so does Sheetgram.
    const inHour = (await metaCalls(CREATOR)).length;
    expect(inHour).toBeLessThanOrEqual(12);
    expect(messages).toMatch(/(hourly limit for this account is used up|Other Sheetgram runs for this account are using the calls left for now); continuing at/);
    if (/used up/.test(messages)) expect(inHour).toBe(12);
    // Later ticks finish both reports: no duplicate and no missing post.
    s.rt.advance(6 * HOUR);
    for (const tab of [posts.tabName, insights.tabName]) {
      const ids = mediaIds(tab);
      expect(new Set(ids).size).toBe(ids.length);
    }
    expect(values(posts.tabName)).toHaveLength(401);
  });

  it('waits out Instagram\'s own rate limit and then completes', async () => {
    s = await stack({ scenario: scenario((sc) => { sc.limits = { ...sc.limits, callsPerHour: 10 }; }) });
    await s.connect('instagram');
    const config = save('media_insights', CREATOR, { kind: 'daily', hour: 7 });
    const first = s.rt.call('runConfigurationNow', [config.id]) as { status: string; message: string };
    expect(first.status).toBe('continues');
    // Meta's usage headers near 100 % lower Sheetgram's own limit before Instagram refuses: either way it waits.
    expect(first.message).toMatch(/(request limit for this account was reached|hourly limit for this account is used up); continuing at \d\d:\d\d/);
    expect(status(config.id).nextRun).toBeGreaterThan(s.rt.clock.now());
    s.rt.advance(12 * HOUR);
    const ids = mediaIds(config.tabName);
    expect(ids).toHaveLength(372);
    expect(new Set(ids).size).toBe(372);
    expect(status(config.id).lastRun?.status).toBe('partial');
  });
});

describe('runs that finish', () => {
  it('resumes a 10,000-post pull cut by the time limit into a complete, duplicate-free tab', async () => {
    s = await stack({ scenario: largeScenario({ media: 10_000 }), latencyMs: 5_000, transport: 'in-process' });
    await s.connect('instagram');
    const config = save('recent_media', CREATOR, { kind: 'daily', hour: 7 }, { fields: ['id', 'timestamp'] });
    const first = s.rt.call('runConfigurationNow', [config.id]) as { status: string; rowsAdded: number };
    expect(first.status).toBe('continues');
    expect(first.rowsAdded).toBeGreaterThan(0);
    expect(first.rowsAdded).toBeLessThan(10_000);
    s.rt.advance(4 * HOUR);
    const ids = mediaIds(config.tabName);
    expect(ids.length).toBe(10_000);
    expect(new Set(ids).size).toBe(10_000);
    expect(s.rt.executions.every((e) => e.outcome === 'completed')).toBe(true);
  });

  it('gets complete data through transient faults on one call in ten', async () => {
    s = await stack();
    await s.connect('instagram');
    await s.control('faults', { transientRate: 0.1 });
    const posts = save('recent_media', CREATOR, { kind: 'off' });
    const insights = save('media_insights', CREATOR, { kind: 'off' });
    const days = s.rt.call('saveConfiguration', [{ accountId: CREATOR, reportId: 'account_insights', fields: ['date', 'reach', 'views'], tabName: 'days', mode: 'update', schedule: { kind: 'off' } }]);
    for (const c of [posts, insights, days]) expect((s.rt.call('runConfigurationNow', [c.id]) as { status: string }).status).toMatch(/ok|partial/);
    expect(new Set(mediaIds(posts.tabName)).size).toBe(400);
    expect(new Set(mediaIds(insights.tabName)).size).toBe(372);
    expect(values('days')).toHaveLength(31);
    const failed = (await metaCalls(CREATOR)).filter((e) => e.status >= 500);
    expect(failed.length).toBeGreaterThan(1);
    // Retries of code 2 "service unavailable" (HTTP 503) back off (a fetchAll round waits once for all its
    // failed requests). Code 1 (HTTP 500) on insights is asked again for less, at once. Which calls the
    // one-in-ten draws hit, and which code, depends on the order concurrent requests reach the simulator.
    const unavailable = failed.filter((e) => e.status === 503);
    if (unavailable.length) expect(s.rt.clock.sleeps.length, `${unavailable.length} answers of 503`).toBeGreaterThan(0);
  });

  it('stops only the account whose token was revoked, and e-mails its owner once', async () => {
    s = await stack();
    await s.connect('instagram');
    await s.connect('facebook');
    const creator = save('user_information', CREATOR, { kind: 'daily', hour: 7 });
    const bakery = save('user_information', BAKERY, { kind: 'daily', hour: 7 });
    s.rt.advance(DAY);
    await s.control('revoke', { igUserId: CREATOR });
    s.rt.advance(5 * DAY);
    // Both ran on the day they were saved and the next; then only the bakery went on.
    expect(values(bakery.tabName)).toHaveLength(1 + 7);
    expect(values(creator.tabName)).toHaveLength(1 + 2);
    expect(status(creator.id).lastError).toMatch(/reconnect/i);
    const accounts = s.rt.call('getSidebarState').accounts as { id: string; tokenStatus: { kind: string } }[];
    expect(accounts.find((a) => a.id === CREATOR)!.tokenStatus.kind).toBe('reconnect');
    expect(accounts.find((a) => a.id === BAKERY)!.tokenStatus.kind).not.toBe('reconnect');
    // One e-mail when the run found out; the report then waits for a reconnect instead of failing daily.
    expect(s.rt.mail.map((m) => m.subject)).toEqual(['Sheetgram: reconnect @sunny.creates so its reports go on']);
  });

  it('spends at most 2 property writes per 50 calls to Instagram on the quota counters', async () => {
    s = await stack({ scenario: largeScenario({ media: 2_000 }), transport: 'in-process' });
    await s.connect('instagram');
    const configs = [save('recent_media', CREATOR, { kind: 'daily', hour: 7 }, { fields: ['id'] }), save('media_insights', CREATOR, { kind: 'daily', hour: 7 })];
    const quotaWrites = () => [...s.rt.properties.writesByPrefix].filter(([k]) => k.startsWith('user:sheetgram.quota.')).reduce((n, [, v]) => n + v, 0);
    const before = { writes: quotaWrites(), calls: (await metaCalls(CREATOR)).length };
    // The first scheduled tick runs both reports in one execution.
    s.rt.advance(HOUR);
    expect(configs.every((c) => status(c.id).lastRun)).toBe(true);
    const calls = (await metaCalls(CREATOR)).length - before.calls;
    const writes = quotaWrites() - before.writes;
    expect(calls).toBeGreaterThan(50);
    expect(writes).toBeLessThanOrEqual(2 * Math.ceil(calls / 50));
  });
});
