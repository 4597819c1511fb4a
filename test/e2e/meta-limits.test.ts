// Meta's limits as Meta counts them (issue 16), end to end over HTTP: the simulator in 'buc' mode (a rolling
// 24 hours per account from its impressions), the real bundle with its throttle: a small account's first
// pull spread over the hours within its day's budget; Instagram's 80002 with a time to regain access
// pausing the run until then; executions running at once under one hourly limit, "used up" only when it
// is; and the sidebar's words for each account's hour and day.
import { afterEach, describe, expect, it } from 'vitest';
import type { RequestLogEntry } from '../../local/instagram/handler';
import { largeScenario } from '../../local/instagram/scenario';
import type { Scenario } from '../../local/instagram/scenario/types';
import type { Stack } from '../../local/platform/stack';
import { CREATOR, DAY, HOUR, scenario, stack } from './support';

let s: Stack;
afterEach(async () => {
  await s?.close();
});

/** The built-in scenario (or a large one) with the simulator counting as Meta does today. */
function buc(base: Scenario = scenario(), change: (sc: Scenario) => void = () => {}): Scenario {
  base.limits = { ...base.limits, rateLimitMode: 'buc' };
  change(base);
  return base;
}

interface Summary { at: number; status: string; message: string; callsUsed: number; rowsAdded: number }

function save(reportId: string, fields: string[], schedule: unknown = { kind: 'daily', hour: 7 }) {
  return s.rt.call('saveConfiguration', [{ accountId: CREATOR, reportId, fields, tabName: reportId, mode: 'update', schedule }]) as { id: string; tabName: string };
}
const configuration = (id: string) => (s.rt.call('getSidebarState').configurations as { id: string; lastRun?: Summary; nextRun?: number }[]).find((c) => c.id === id)!;
const quota = () => (s.rt.call('getSidebarState').quota as { accountId: string; used: number; limit: number; day?: { used: number; limit: number; basis: string }; summary?: string }[])
  .find((q) => q.accountId === CREATOR)!;
/** Graph calls the simulator counted against the creator, with their time. */
const graphCalls = async () => ((await s.control('log')) as RequestLogEntry[])
  .filter((e) => e.account === CREATOR && e.host.startsWith('graph.') && !e.endpoint.includes('access_token') && !e.endpoint.includes('oauth'))
  .map((e) => Date.parse(e.time));
/** The most calls in one clock hour (the account's hourly share is per clock hour). */
function busiestHour(times: number[]): number {
  const perHour = new Map<number, number>();
  for (const t of times) perHour.set(Math.floor(t / HOUR), (perHour.get(Math.floor(t / HOUR)) ?? 0) + 1);
  return Math.max(0, ...perHour.values());
}
/** The most calls in any rolling window. */
function busiest(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i] - sorted[j] >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}
const ids = (tab: string) => {
  const [head, ...rows] = s.rt.workbook.values(tab);
  return new Set(rows.map((r) => r[head.indexOf('Media ID')]));
};

describe('a small account\'s first pull', () => {
  it('is spread over the hours within its day\'s budget, and completes', async () => {
    // A day's floor of 480 calls (20 an hour) until Sheetgram has read the account's views; 2,000 posts to read.
    s = await stack({ scenario: buc(largeScenario({ media: 2_000 })), scriptProperties: { SHEETGRAM_DAILY_CALLS_FLOOR: '480' } });
    await s.connect('instagram');
    const posts = save('recent_media', ['id', 'timestamp']);
    const insights = save('media_insights', ['id', 'timestamp', 'reach', 'views']);
    const before = (await graphCalls()).length;
    const messages: string[] = [];
    let ticks = 0;
    while (ticks < 12 && ![posts, insights].every((c) => configuration(c.id).lastRun && configuration(c.id).lastRun!.status !== 'continues')) {
      s.rt.advance(HOUR);
      ticks++;
      for (const c of [posts, insights]) if (configuration(c.id).lastRun) messages.push(configuration(c.id).lastRun!.message);
    }
    const calls = (await graphCalls()).slice(before);
    // Spread: at most 20 calls in any clock hour, over at least three hours; far within the day's 480.
    expect(busiestHour(calls)).toBeLessThanOrEqual(20);
    expect(calls.length).toBeGreaterThan(40);
    expect(busiest(calls, DAY)).toBeLessThanOrEqual(480);
    expect(ticks).toBeGreaterThanOrEqual(3);
    expect(messages.join('\n')).toMatch(/Sheetgram's hourly limit for this account is used up; continuing at \d\d:\d\d/);
    // Complete, and no row twice.
    expect(ids(posts.tabName).size).toBe(2_000);
    expect(s.rt.workbook.values(posts.tabName)).toHaveLength(2_001);
    expect(configuration(insights.id).lastRun!.status).toMatch(/ok|partial/);
    // The sidebar says where the day stands, in words.
    expect(quota().summary).toMatch(/^@sunny\.creates: \d+ of 20 calls this hour, \d+ of 480 today \(a cautious estimate of Meta's limit until an Account Insights report reads this account's views\)$/);
  });
});

describe('Instagram\'s daily limit (80002)', () => {
  it('pauses the run until Instagram gives access back, saying it is Instagram\'s daily limit, then goes on', async () => {
    // Eight calls a day for the account at Meta; Sheetgram, not knowing its views, would allow 24,000.
    s = await stack({ scenario: buc(largeScenario({ media: 2_000 }), (sc) => { sc.limits = { ...sc.limits, bucImpressions: 8 / 4800 }; }) });
    await s.connect('instagram');
    const posts = save('recent_media', ['id', 'timestamp'], { kind: 'off' });
    const first = s.rt.call('runConfigurationNow', [posts.id]) as Summary;
    const now = s.rt.clock.now();
    expect(first.status).toBe('continues');
    expect(first.message).toMatch(/^Instagram's daily limit for this account is reached and Instagram asked Sheetgram to wait; continuing at (\d{4}-\d\d-\d\d )?\d\d:\d\d/);
    const log = (await s.control('log')) as RequestLogEntry[];
    const refused = log.filter((e) => e.status === 400 && e.account === CREATOR);
    expect(refused).toHaveLength(1);
    // Paused until Meta's estimate: about 24 hours, as every call leaves the rolling day.
    const resumeAt = configuration(posts.id).nextRun!;
    expect(resumeAt).toBeGreaterThan(now + 23 * HOUR);
    expect(resumeAt).toBeLessThanOrEqual(now + 24 * HOUR + 5 * 60_000);
    // No call while paused, even when asked to run now.
    const calls = (await graphCalls()).length;
    s.rt.advance(12 * HOUR);
    expect((s.rt.call('runConfigurationNow', [posts.id]) as Summary).message).toMatch(/Instagram's daily limit for this account is reached/);
    expect((await graphCalls()).length).toBe(calls);
    // Once access is back, the next hourly tick (on schedule again) goes on from where it stopped.
    s.rt.call('saveConfiguration', [{ id: posts.id, accountId: CREATOR, reportId: 'recent_media', fields: ['id', 'timestamp'], tabName: posts.tabName, mode: 'update', schedule: { kind: 'every_hours', everyHours: 1 } }]);
    s.rt.advance(13 * HOUR);
    expect((await graphCalls()).length).toBeGreaterThan(calls);
    expect(ids(posts.tabName).size).toBeGreaterThan(first.rowsAdded);
  });
});

describe('executions running at once', () => {
  async function together(limitPerHour: number, media: number) {
    s = await stack({ scenario: buc(largeScenario({ media })), scriptProperties: { SHEETGRAM_DAILY_CALLS_FLOOR: String(limitPerHour * 24) } });
    await s.connect('instagram');
    const posts = save('recent_media', ['id', 'timestamp']);
    const insights = save('media_insights', ['id', 'timestamp', 'reach', 'views']);
    const profile = save('user_information', ['followers_count', 'media_count']);
    const before = (await graphCalls()).length;
    // The hourly trigger and three Run now, started together.
    const results = await s.rt.callConcurrently([
      { fn: 'runScheduledReports' },
      { fn: 'runConfigurationNow', args: [posts.id] },
      { fn: 'runConfigurationNow', args: [insights.id] },
      { fn: 'runConfigurationNow', args: [profile.id] },
    ]);
    expect(results.filter((r) => r.outcome !== 'completed').map((r) => r.error)).toEqual([]);
    const all = await graphCalls();
    const calls = all.slice(before);
    const said = [
      ...results.map((r) => (r.value as Summary | undefined)?.message ?? ''),
      ...[posts, insights, profile].map((c) => configuration(c.id).lastRun?.message ?? ''),
    ].join('\n');
    // Connecting read the account's profile in the same hour: Meta counts it, and so does Sheetgram.
    return { calls, inHour: busiestHour(all), said, configs: [posts, insights, profile] };
  }

  it('never exceed an hourly limit of 20 together, and say "used up" only when the 20 calls were made', async () => {
    const { calls, inHour, said, configs } = await together(20, 2_000);
    expect(calls.length).toBeGreaterThan(10);
    expect(inHour).toBeLessThanOrEqual(20);
    if (/used up/.test(said)) expect(inHour).toBe(20);
    expect(said).toMatch(/(hourly limit for this account is used up|Other Sheetgram runs for this account are using the calls left for now); continuing at/);
    // The hours after finish everything, never over 20 in any hour.
    s.rt.advance(8 * HOUR);
    expect(busiestHour(await graphCalls())).toBeLessThanOrEqual(20);
    for (const c of configs) expect(configuration(c.id).lastRun!.status).toMatch(/ok|partial/);
  });

  it('with 200 an hour, do not call it used up while the others still hold permits they have not used', async () => {
    const { calls, inHour, said } = await together(200, 10_000);
    expect(calls.length).toBeGreaterThan(100);
    expect(inHour).toBeLessThanOrEqual(200);
    if (/used up/.test(said)) expect(inHour).toBe(200);
  });
});

describe('the sidebar', () => {
  it('shows each account\'s hour and day: a cautious floor at first, then Meta\'s limit from the account\'s views', async () => {
    s = await stack({ scenario: buc() });
    await s.connect('instagram');
    const profile = save('user_information', ['followers_count'], { kind: 'off' });
    s.rt.call('runConfigurationNow', [profile.id]);
    // Connecting read the profile once, the report once.
    expect(quota()).toMatchObject({ used: 2, limit: 1_000, day: { used: 2, limit: 24_000, basis: 'floor' } });
    expect(quota().summary).toBe("@sunny.creates: 2 of 1,000 calls this hour, 2 of 24,000 today (a cautious estimate of Meta's limit until an Account Insights report reads this account's views)");
    const days = save('account_insights', ['date', 'reach', 'views'], { kind: 'off' });
    const run = s.rt.call('runConfigurationNow', [days.id]) as Summary;
    expect(run.status).toBe('ok');
    const [head, ...rows] = s.rt.workbook.values(days.tabName);
    const latest = rows.map((r) => ({ date: new Date(r[head.indexOf('Date')] as string).getTime(), views: Number(r[head.indexOf('Views')]) })).sort((a, b) => a.date - b.date).at(-1)!;
    expect(latest.views).toBeGreaterThan(100);
    const day = 4_800 * latest.views;
    const used = 2 + run.callsUsed;
    expect(quota()).toMatchObject({ used, limit: 5_000, day: { used, limit: day, basis: 'views' } });
    expect(quota().summary).toBe(`@sunny.creates: ${used} of 5,000 calls this hour, ${used} of ${day.toLocaleString('en-US')} today (Meta's limit for this account, from its views)`);
  });
});
