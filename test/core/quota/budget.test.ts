// Meta's limits as Sheetgram counts them: an account's rolling 24 hours from its own views or reach (a floor
// until it has them), the hourly limit derived from that day, the figure read from account-insights
// answers and kept with the account's counters, and the Platform hour for Business Discovery and hashtags.
import { describe, expect, it } from 'vitest';
import { createGraphClient } from '../../../src/core/graph/client';
import { META_HOSTS } from '../../../src/core/config/platform';
import { figureFromInsights, figureFromInsightsUrl } from '../../../src/core/quota/audience-figure';
import { accountBudget, betterFigure, dailyBudget, hourlyLimit } from '../../../src/core/quota/budget';
import { isPlatformLimited, platformCalls } from '../../../src/core/quota/limit-kind';
import { accountOfAnswer, countingTransport } from '../../../src/core/quota/outside-calls';
import { isQuotaExhaustedError, type QuotaExhaustedError } from '../../../src/core/quota/quota-exhausted';
import { DEFAULT_THROTTLE_SETTINGS, readQuotaSettings } from '../../../src/core/quota/settings';
import { readUsageHeaders } from '../../../src/core/quota/usage-headers';
import { accountUsage, createThrottle, quotaKeys, type ThrottleOptions } from '../../../src/core/quota/throttle';
import { FakeClock, MemoryStore } from '../../support/memory-ports';
import { json, ScriptedTransport } from '../graph/scripted-transport';
import { MemoryLock } from './memory-lock';
import { refusal } from './refusal';

const ACCOUNT = '17841405793187218';
const START = Date.UTC(2026, 10, 2, 9, 0, 0);
const HOUR = 3_600_000;
const DAY_END = Date.UTC(2026, 10, 1, 7, 0, 0);

function shared() {
  return { store: new MemoryStore(), lock: new MemoryLock(), clock: new FakeClock(START) };
}

function throttle(env: ReturnType<typeof shared>, settings: ThrottleOptions['settings'] = {}, holder?: string) {
  return createThrottle({ ...env, account: ACCOUNT, appId: 'app1', settings, holder });
}


/** Takes one call at a time until refused; the calls made and the refusal. */
function takeUntilRefused(t: ReturnType<typeof throttle>, max = 100_000): { made: number; refused: QuotaExhaustedError } {
  for (let made = 0; made < max; made++) {
    try {
      t.take(1);
    } catch (e) {
      if (isQuotaExhaustedError(e)) return { made, refused: e };
      throw e;
    }
  }
  throw new Error('never refused');
}

const read = (env: ReturnType<typeof shared>) => (key: string) => env.store.data.get(key) ?? null;

describe('the day\'s budget and the hourly limit', () => {
  it('is 4,800 calls per impression of the account\'s latest day, at least one impression; the floor without a figure', () => {
    const s = DEFAULT_THROTTLE_SETTINGS;
    expect(dailyBudget({ n: 4, m: 'views', d: DAY_END }, s)).toBe(19_200);
    expect(dailyBudget({ n: 0, m: 'reach', d: DAY_END }, s)).toBe(4_800);
    expect(dailyBudget(undefined, s)).toBe(24_000);
    expect(dailyBudget(undefined, { ...s, dailyCallsFloor: 9_600 })).toBe(9_600);
  });

  it('spreads the day evenly over 24 hours by default, never above the 5,000 ceiling and never below one call', () => {
    const s = DEFAULT_THROTTLE_SETTINGS;
    expect(hourlyLimit(19_200, s)).toBe(800);
    expect(hourlyLimit(24_000, s)).toBe(1_000);
    expect(hourlyLimit(48_000_000, s)).toBe(5_000);
    expect(hourlyLimit(10, s)).toBe(1);
    expect(hourlyLimit(19_200, { ...s, daySpreadHours: 6 })).toBe(3_200);
    expect(hourlyLimit(19_200, { ...s, callsPerHour: 500 })).toBe(500);
    expect(accountBudget({ n: 4, m: 'views', d: DAY_END }, s)).toEqual({ day: 19_200, hour: 800, basis: 'views', figure: { n: 4, m: 'views', d: DAY_END } });
    expect(accountBudget(undefined, s)).toEqual({ day: 24_000, hour: 1_000, basis: 'floor' });
  });

  it('keeps the later day\'s figure, and views over reach on the same day', () => {
    const reach = { n: 30, m: 'reach' as const, d: DAY_END };
    const views = { n: 50, m: 'views' as const, d: DAY_END };
    const older = { n: 900, m: 'views' as const, d: DAY_END - 86_400_000 };
    expect(betterFigure(reach, views)).toBe(views);
    expect(betterFigure(views, reach)).toBe(views);
    expect(betterFigure(views, older)).toBe(views);
    expect(betterFigure(older, reach)).toBe(reach);
  });

  it('reads the quota settings from Script Properties, ignoring what is not a positive whole number', () => {
    const props: Record<string, string> = { SHEETGRAM_DAILY_CALLS_FLOOR: '9600', SHEETGRAM_DAY_SPREAD_HOURS: '6', SHEETGRAM_DISCOVERY_CALLS_PER_HOUR: 'lots' };
    expect(readQuotaSettings((k) => props[k] ?? null)).toEqual({ dailyCallsFloor: 9_600, daySpreadHours: 6 });
  });
});

describe('the throttle against the day', () => {
  it('spreads a small account\'s first pull over the hours: one hour\'s share, then the next hour\'s', () => {
    const env = shared();
    // A floor of 4,800 a day (one impression's worth): 200 calls an hour.
    const settings = { dailyCallsFloor: 4_800 };
    const first = takeUntilRefused(throttle(env, settings));
    expect(first.made).toBe(200);
    expect(first.refused.reason).toBe('account_hourly');
    expect(first.refused.message).toMatch(/^Sheetgram's hourly limit for this account is used up/);
    // The next clock hour (the next tick of the hourly trigger) has a share of its own.
    expect(first.refused.resumeAt).toBe(START + HOUR);
    env.clock.ms = first.refused.resumeAt;
    const second = takeUntilRefused(throttle(env, settings));
    expect(second.made).toBe(200);
    expect(accountUsage(read(env), ACCOUNT, 'app1', settings, env.clock.now()).day).toEqual({ used: 400, limit: 4_800, basis: 'floor' });
  });

  it('stops at the day\'s budget when the hours would allow more (a shorter spread)', () => {
    const env = shared();
    const settings = { dailyCallsFloor: 4_800, daySpreadHours: 6 };
    let made = 0;
    let refused: QuotaExhaustedError | null = null;
    for (let hour = 0; hour < 12; hour++) {
      const next = takeUntilRefused(throttle(env, settings));
      made += next.made;
      refused = next.refused;
      if (refused.reason !== 'account_hourly') break;
      expect(next.made).toBe(800);
      env.clock.ms = refused.resumeAt;
    }
    expect(refused?.reason).toBe('account_daily');
    expect(refused?.message).toMatch(/^Instagram's daily limit for this account is used up/);
    expect(made).toBe(4_800);
    expect(accountUsage(read(env), ACCOUNT, 'app1', settings, env.clock.now()).day).toEqual({ used: 4_800, limit: 4_800, basis: 'floor' });
    // It frees as the first hour of calls leaves the rolling 24 hours.
    expect(refused!.resumeAt).toBeGreaterThan(START + 24 * HOUR);
    expect(refused!.resumeAt).toBeLessThanOrEqual(START + 26 * HOUR);
  });

  it('takes the day from the account\'s views once noted, stores the figure with the counters, and other executions use it', () => {
    const env = shared();
    const t = throttle(env);
    t.take(1);
    t.noteAudience({ n: 4, m: 'views', d: DAY_END });
    t.release();
    const stored = JSON.parse(env.store.data.get(quotaKeys(ACCOUNT, 'app1').account)!);
    expect(stored.f).toEqual({ n: 4, m: 'views', d: DAY_END });
    expect(accountUsage(read(env), ACCOUNT, 'app1', {}, env.clock.now())).toEqual({
      used: 1, limit: 800, day: { used: 1, limit: 19_200, basis: 'views', figure: { n: 4, m: 'views', d: DAY_END } },
    });
    const other = takeUntilRefused(throttle(env));
    expect(other.made).toBe(799);
    expect(other.refused.reason).toBe('account_hourly');
  });

  it('writes a noted figure with the reservation it rides on: no extra write', () => {
    const env = shared();
    const t = throttle(env);
    t.noteAudience({ n: 7, m: 'reach', d: DAY_END });
    t.take(1);
    expect(env.store.writes).toBe(1);
    expect(JSON.parse(env.store.data.get(quotaKeys(ACCOUNT, 'app1').account)!).f).toMatchObject({ n: 7, m: 'reach' });
  });

  it('still counts the old hour-only value a previous version stored', () => {
    const env = shared();
    env.store.data.set(quotaKeys(ACCOUNT, 'app1').account, JSON.stringify({ b: [[Math.floor(START / 60_000), 950]] }));
    const t = throttle(env);
    expect(takeUntilRefused(t).made).toBe(50);
  });
});

describe('the Platform hour (Business Discovery, hashtags)', () => {
  it('knows Business Discovery and hashtag calls, alone or in a batch', () => {
    expect(isPlatformLimited('https://graph.facebook.com/v27.0/1784?fields=business_discovery.username(rival){id,followers_count}&access_token=x')).toBe(true);
    expect(isPlatformLimited('https://graph.facebook.com/v27.0/1784?fields=id%2Cbusiness_discovery.username(rival)%7Bid%7D')).toBe(true);
    expect(isPlatformLimited('ig_hashtag_search?user_id=1&q=sourdough')).toBe(true);
    expect(isPlatformLimited('/v27.0/17843853986012965/recent_media?user_id=1')).toBe(true);
    expect(isPlatformLimited('/v27.0/17843853986012965/top_media')).toBe(true);
    expect(isPlatformLimited('https://graph.facebook.com/v27.0/1784/media?fields=id,caption')).toBe(false);
    expect(isPlatformLimited('https://graph.facebook.com/v27.0/1784/insights?metric=reach')).toBe(false);
    const batch = JSON.stringify([
      { method: 'GET', relative_url: 'v27.0/1784?fields=business_discovery.username(a){id}' },
      { method: 'GET', relative_url: 'v27.0/1784/media' },
      { method: 'GET', relative_url: 'v27.0/ig_hashtag_search?user_id=1784&q=x' },
    ]);
    expect(platformCalls({ method: 'POST', url: 'https://graph.facebook.com/v27.0', body: { batch } })).toBe(2);
    expect(platformCalls({ method: 'GET', url: 'https://graph.facebook.com/v27.0/ig_hashtag_search?q=x' })).toBe(1);
  });

  it('meters Platform calls on their own hour: they neither spend the account\'s day nor are stopped by it', () => {
    const env = shared();
    const t = throttle(env, { platformCallsPerHour: 30, dailyCallsFloor: 480 });
    let discovery = 0;
    for (;;) {
      try {
        t.take(1, 1);
        discovery++;
      } catch (e) {
        if (!isQuotaExhaustedError(e)) throw e;
        expect(e.reason).toBe('platform_hourly');
        expect(e.message).toMatch(/hourly limit on Business Discovery and hashtag searches is used up/);
        break;
      }
    }
    expect(discovery).toBe(30);
    // The account's own calls still go: 20 an hour (480 a day).
    expect(takeUntilRefused(t).made).toBe(20);
    t.release();
    expect(accountUsage(read(env), ACCOUNT, 'app1', { dailyCallsFloor: 480 }, env.clock.now())).toMatchObject({ used: 20, day: { used: 20 } });
    const platform = JSON.parse(env.store.data.get(quotaKeys(ACCOUNT, 'app1').platform)!);
    expect(platform.b.reduce((s: number, [, n]: [number, number]) => s + n, 0)).toBe(30);
  });

  it('a batch mixing both kinds takes from both, and a refusal of one leaves the other\'s permits held', () => {
    const env = shared();
    const t = throttle(env, { platformCallsPerHour: 2 });
    t.take(5, 2);
    expect(refusal(() => t.take(3, 1)).reason).toBe('platform_hourly');
    expect(t.held).toBeGreaterThan(0);
  });

  it('lowers the Platform hour, not the app\'s, when X-App-Usage nears 100 % on a Platform call', () => {
    const env = shared();
    const t = throttle(env);
    t.take(2, 2);
    t.observe({ 'x-app-usage': JSON.stringify({ call_count: 95, total_time: 10, total_cputime: 10 }) }, true);
    expect(refusal(() => t.take(1, 1)).reason).toBe('platform_hourly');
    expect(() => t.take(1)).not.toThrow();
  });
});

describe('usage headers', () => {
  it('are optional: without them (early calls, error answers) nothing is lowered, paused or written', () => {
    const env = shared();
    const t = throttle(env);
    t.take(1);
    const writes = env.store.writes;
    t.observe({});
    t.observe({ 'content-type': 'application/json' });
    t.observe({ 'x-app-usage': 'not json', 'x-business-use-case-usage': '{}' });
    expect(env.store.writes).toBe(writes);
    expect(() => t.take(1)).not.toThrow();
  });

  it('read the account\'s own entry when a header lists several accounts (a batch\'s answer), any entry otherwise', () => {
    const entry = (pct: number, regain = 0) => [{ type: 'instagram', call_count: pct, total_cputime: 1, total_time: 1, estimated_time_to_regain_access: regain }];
    const headers = { 'x-business-use-case-usage': JSON.stringify({ [ACCOUNT]: entry(12), '17841400000000009': entry(97, 30) }) };
    expect(readUsageHeaders(headers, ACCOUNT)).toEqual({ accountPercent: 12 });
    expect(readUsageHeaders(headers, '1')).toEqual({ accountPercent: 97, regainAccessMinutes: 30 });
    expect(readUsageHeaders(headers)).toEqual({ accountPercent: 97, regainAccessMinutes: 30 });
  });
});

describe('the figure from account insights', () => {
  const path = `${ACCOUNT}/insights`;

  it('reads one day\'s total_value views (the day ends at until) and a daily reach time series (the latest value)', () => {
    expect(figureFromInsights(ACCOUNT, path, { metric: 'views,likes', period: 'day', metric_type: 'total_value', since: '1793430000', until: '1793516400' }, {
      data: [{ name: 'views', period: 'day', total_value: { value: 42 } }, { name: 'likes', period: 'day', total_value: { value: 3 } }],
    })).toEqual({ n: 42, m: 'views', d: 1_793_516_400_000 });
    expect(figureFromInsights(ACCOUNT, path, { metric: 'reach', period: 'day', metric_type: 'time_series' }, {
      data: [{ name: 'reach', period: 'day', values: [
        { value: 10, end_time: '2026-10-31T07:00:00+0000' }, { value: 12, end_time: '2026-11-01T07:00:00+0000' },
      ] }],
    })).toEqual({ n: 12, m: 'reach', d: DAY_END });
  });

  it('ignores other accounts, other edges, other periods and answers without numbers', () => {
    const body = { data: [{ name: 'views', period: 'day', total_value: { value: 42 } }] };
    const params = { period: 'day', until: '1793516400' };
    expect(figureFromInsights('1', path, params, body)).toBeNull();
    expect(figureFromInsights(ACCOUNT, `${ACCOUNT}/media`, params, body)).toBeNull();
    expect(figureFromInsights(ACCOUNT, path, { ...params, period: 'lifetime' }, body)).toBeNull();
    expect(figureFromInsights(ACCOUNT, path, params, { data: [{ name: 'views', total_value: { value: 'many' } }] })).toBeNull();
    expect(figureFromInsights(ACCOUNT, path, params, { error: {} })).toBeNull();
    expect(figureFromInsightsUrl(ACCOUNT, `https://graph.instagram.com/v27.0/${path}?metric=views&period=day&until=1793516400`, body)).toMatchObject({ n: 42 });
  });

  it('is noted by the client as an account-insights answer passes, and kept with the account\'s counters', () => {
    const env = shared();
    const transport = new ScriptedTransport([json({ data: [{ name: 'views', period: 'day', total_value: { value: 4 } }] })]);
    const graph = createGraphClient({
      transport, clock: env.clock, store: env.store, lock: env.lock, host: 'instagram', hosts: META_HOSTS, token: 'IGAAtoken0123456789',
      account: ACCOUNT, appId: 'app1', random: () => 0,
    });
    graph.get(`${ACCOUNT}/insights`, { metric: 'views', period: 'day', metric_type: 'total_value', since: '1793430000', until: '1793516400' });
    graph.release();
    expect(accountUsage(read(env), ACCOUNT, 'app1', {}, env.clock.now())).toMatchObject({ limit: 800, day: { limit: 19_200, basis: 'views' } });
  });
});

describe('calls made outside the Graph client (connecting an account)', () => {
  const ok = (body: unknown) => ({ status: 200, headers: {}, body: JSON.stringify(body) });

  it('are told apart by the account node they read', () => {
    const get = (url: string) => ({ method: 'GET' as const, url });
    expect(accountOfAnswer(get('https://graph.instagram.com/v27.0/me?fields=user_id,username'), ok({ id: '2784', user_id: ACCOUNT, username: 'a' }))).toEqual({ account: ACCOUNT, flow: 'instagram' });
    expect(accountOfAnswer(get(`https://graph.facebook.com/v27.0/${ACCOUNT}?fields=username,name`), ok({ id: ACCOUNT, username: 'a' }))).toEqual({ account: ACCOUNT, flow: 'facebook' });
    expect(accountOfAnswer(get('https://graph.facebook.com/v27.0/me/accounts'), ok({ data: [] }))).toBeNull();
    expect(accountOfAnswer(get('https://graph.instagram.com/refresh_access_token?grant_type=ig_refresh_token'), ok({ access_token: 'x', user_id: ACCOUNT }))).toBeNull();
    expect(accountOfAnswer(get('https://graph.instagram.com/v27.0/me'), { status: 400, headers: {}, body: '{"error":{}}' })).toBeNull();
  });

  it('are added to the account\'s counters, never refused, so a run in the same hour stays under the limit', () => {
    const env = shared();
    const counted: string[] = [];
    const transport = countingTransport({ send: () => ok({ user_id: ACCOUNT, username: 'a' }), sendAll: (r) => r.map(() => ok({})) }, ({ account }) => {
      counted.push(account);
      throttle(env, { callsPerHour: 3 }).count(1);
    });
    transport.send({ method: 'GET', url: 'https://graph.instagram.com/v27.0/me?fields=user_id' });
    expect(counted).toEqual([ACCOUNT]);
    expect(takeUntilRefused(throttle(env, { callsPerHour: 3 })).made).toBe(2);
  });
});
