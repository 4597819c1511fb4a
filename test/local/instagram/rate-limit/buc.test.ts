// 'buc' mode, as Meta counts today (reference §8): per app + Instagram account over a rolling 24 hours,
// 4800 x the account's impressions (its World views in those 24 hours); CPU and time that grow with page
// size and nested fields; usage headers once calls are being counted and not on error answers; code
// 80002 with estimated_time_to_regain_access; Business Discovery and hashtags on a per-user hour instead.
import { describe, expect, it } from 'vitest';
import { createSimulator, type Simulator } from '../../../../local/instagram/handler';
import { BUC_CALLS_PER_IMPRESSION, callCost, worldImpressions } from '../../../../local/instagram/rate-limit';
import { defaultScenario } from '../../../../local/instagram/scenario';
import type { Scenario } from '../../../../local/instagram/scenario/types';
import { World } from '../../../../local/instagram/world';
import { get, post } from '../platform/support';

const CREATOR = '17841400000000001';
const BAKERY = '17841400000000002';
const HOUR = 3_600_000;

function buc(change: (s: Scenario) => void = () => {}): Scenario {
  const s = defaultScenario();
  s.limits = { ...s.limits, rateLimitMode: 'buc' };
  change(s);
  return s;
}

function instagramToken(sim: Simulator, s: Scenario): string {
  const app = s.apps.find((a) => a.flow === 'instagram')!;
  const q = { client_id: app.clientId, redirect_uri: app.redirectUris[0], response_type: 'code', scope: 'instagram_business_basic,instagram_business_manage_insights' };
  const allow = post(sim, '/www.instagram.com/oauth/authorize', { ...q, account: 'sunny.creates', decision: 'allow' });
  const code = new URL(allow.headers.location.replace(/#_$/, '')).searchParams.get('code')!;
  return post(sim, '/api.instagram.com/oauth/access_token', { client_id: app.clientId, client_secret: app.clientSecret, grant_type: 'authorization_code', redirect_uri: app.redirectUris[0], code }).json.data[0].access_token;
}

function facebookToken(sim: Simulator, s: Scenario): string {
  const app = s.apps.find((a) => a.flow === 'facebook')!;
  const q = { client_id: app.clientId, redirect_uri: app.redirectUris[0], response_type: 'code', scope: 'instagram_basic,instagram_manage_insights,pages_show_list,pages_read_engagement' };
  const allow = post(sim, '/www.facebook.com/v27.0/dialog/oauth', { ...q, account: '10160000000000001', decision: 'allow' });
  const code = new URL(allow.headers.location.replace(/#_=_$/, '')).searchParams.get('code')!;
  return get(sim, `/graph.facebook.com/v27.0/oauth/access_token?${new URLSearchParams({ client_id: app.clientId, client_secret: app.clientSecret, redirect_uri: app.redirectUris[0], code })}`).json.access_token;
}

const buct = (headers: Record<string, string>, id = CREATOR) => JSON.parse(headers['x-business-use-case-usage'])[id][0];

describe('the account\'s budget from its impressions', () => {
  it('takes impressions from the World\'s daily views over the last 24 hours: today\'s part and yesterday\'s', () => {
    const s = buc();
    const world = World.fromScenario(s);
    const now = Date.parse(s.start);
    const impressions = worldImpressions(world, CREATOR, now)!;
    // @sunny.creates (48,200 followers): thousands of views a day.
    expect(impressions).toBeGreaterThan(1_000);
    expect(impressions).toBeLessThan(48_200);
    // A tiny account has few; the bakery (3,150 followers) fewer than the creator.
    expect(worldImpressions(world, BAKERY, now)).toBeLessThan(impressions);
    expect(worldImpressions(world, 'nobody', now)).toBeUndefined();
    expect(worldImpressions({}, CREATOR, now)).toBeUndefined();
  });

  it('refuses with 80002 past 4800 x impressions in 24 hours, with the minutes until the oldest calls leave the window', () => {
    // An account with one follower has no views: the floor of one impression, 4,800 calls.
    const s = buc((sc) => { sc.accounts[0].followers = { start: 1, dailyNet: 0, noise: 0 }; });
    expect(worldImpressions(World.fromScenario(s), CREATOR, Date.parse(s.start))).toBe(0);
    const sim = createSimulator({ scenario: s });
    const token = instagramToken(sim, s);
    for (let i = 0; i < BUC_CALLS_PER_IMPRESSION; i++) {
      const r = get(sim, `/graph.instagram.com/v27.0/${CREATOR}?fields=id&access_token=${token}`);
      expect(r.status).toBe(200);
      if (i === 2_399) expect(buct(r.headers).call_count).toBe(50);
      if (i === 0) sim.control.advanceClock(HOUR / 2);
    }
    const over = get(sim, `/graph.instagram.com/v27.0/${CREATOR}?fields=id&access_token=${token}`);
    expect(over.status).toBe(400);
    expect(over.json.error).toMatchObject({ code: 80002 });
    // The refused call counts too, so a call fits again once two calls have left the rolling 24 hours:
    // the first (23.5 hours from now) and the second, made half an hour after it (24 hours from now).
    expect(buct(over.headers)).toMatchObject({ type: 'instagram', call_count: 100, estimated_time_to_regain_access: 24 * 60 });
  });

  it('gives a bigger account a bigger budget: the same calls are a smaller share', () => {
    const s = buc((sc) => { sc.limits = { ...sc.limits, usageHeadersAfter: 0 }; });
    const small = buc((sc) => { sc.limits = { ...sc.limits, usageHeadersAfter: 0 }; sc.accounts[0].followers = { start: 1, dailyNet: 0, noise: 0 }; });
    const share = (scenario: Scenario) => {
      const sim = createSimulator({ scenario });
      const token = instagramToken(sim, scenario);
      let last: Record<string, string> = {};
      for (let i = 0; i < 480; i++) last = get(sim, `/graph.instagram.com/v27.0/${CREATOR}?fields=id&access_token=${token}`).headers;
      return buct(last).call_count;
    };
    expect(share(small)).toBe(10);
    const impressions = worldImpressions(World.fromScenario(s), CREATOR, Date.parse(s.start))!;
    expect(share(s)).toBe(Math.floor((100 * 480) / (BUC_CALLS_PER_IMPRESSION * impressions)));
  });
});

describe('CPU and time', () => {
  it('grow with page size and nested fields', () => {
    const light = callCost({ fields: 'id' }, { id: '1' });
    const page = callCost({ fields: 'id,caption', limit: '100' }, { data: Array.from({ length: 100 }, () => ({})) });
    const nested = callCost({ fields: 'id,insights.metric(reach,views){values}', limit: '100' }, { data: Array.from({ length: 100 }, () => ({})) });
    expect(light).toEqual({ cpu: 1.04, time: 1.07 });
    expect(page.cpu).toBeGreaterThan(light.cpu);
    expect(nested.cpu).toBeGreaterThan(page.cpu);
    expect(nested.time).toBeGreaterThan(page.time);
  });

  it('throttle an account whose heavy pages use its CPU allowance long before its calls', () => {
    // 48 calls a day (1/100 impression): 96 units of CPU.
    const s = buc((sc) => { sc.limits = { ...sc.limits, bucImpressions: 1 / 100, usageHeadersAfter: 0 }; });
    const sim = createSimulator({ scenario: s });
    const token = instagramToken(sim, s);
    const heavy = `/graph.instagram.com/v27.0/${CREATOR}/media?limit=100&fields=id,timestamp,children{id,media_type}&access_token=${token}`;
    const answers = [];
    for (let i = 0; i < 15; i++) answers.push(get(sim, heavy));
    const refused = answers.findIndex((a) => a.status !== 200);
    expect(refused).toBeGreaterThan(5);
    expect(refused).toBeLessThan(15);
    expect(answers[refused].json.error.code).toBe(80002);
    const usage = buct(answers[refused - 1].headers);
    expect(usage.total_cputime).toBeGreaterThan(90);
    expect(usage.call_count).toBeLessThan(40);
    expect(usage.total_time).toBeGreaterThan(usage.call_count);
  });
});

describe('usage headers', () => {
  it('appear once calls are being counted, not on the first calls of the window, and not on error answers', () => {
    const s = buc();
    const sim = createSimulator({ scenario: s });
    const token = instagramToken(sim, s);
    const call = () => get(sim, `/graph.instagram.com/v27.0/${CREATOR}?fields=id&access_token=${token}`);
    for (let i = 1; i < 10; i++) {
      const r = call();
      expect(r.status).toBe(200);
      expect(r.headers['x-business-use-case-usage']).toBeUndefined();
      expect(r.headers['x-app-usage']).toBeUndefined();
    }
    expect(buct(call().headers)).toMatchObject({ type: 'instagram', call_count: 0, estimated_time_to_regain_access: 0 });
    const missing = get(sim, `/graph.instagram.com/v27.0/${CREATOR}?fields=no_such_field&access_token=${token}`);
    expect(missing.status).toBe(400);
    expect(missing.headers['x-business-use-case-usage']).toBeUndefined();
  });
});

describe('Business Discovery and hashtags', () => {
  it('count on the Facebook user\'s hour (code 17 past it), not on the account\'s 24 hours', () => {
    const s = buc((sc) => { sc.limits = { ...sc.limits, platformCallsPerHour: 3, usageHeadersAfter: 0 }; });
    const sim = createSimulator({ scenario: s });
    const token = facebookToken(sim, s);
    const discovery = () => get(sim, `/graph.facebook.com/v27.0/${BAKERY}?fields=${encodeURIComponent('business_discovery.username(rival.bakery){followers_count}')}&access_token=${token}`);
    for (let i = 0; i < 3; i++) {
      const r = discovery();
      expect(r.status).toBe(200);
      expect(JSON.parse(r.headers['x-app-usage']).call_count).toBe((i + 1) * 33 + (i === 2 ? 1 : 0));
      expect(r.headers['x-business-use-case-usage']).toBeUndefined();
    }
    expect(discovery().json.error.code).toBe(17);
    const hashtag = get(sim, `/graph.facebook.com/v27.0/ig_hashtag_search?user_id=${BAKERY}&q=sourdough&access_token=${token}`);
    expect(hashtag.json.error.code).toBe(17);
    // The account's own calls go on, and its 24 hours hold only them.
    const own = get(sim, `/graph.facebook.com/v27.0/${BAKERY}?fields=id,username&access_token=${token}`);
    expect(own.status).toBe(200);
    expect(buct(own.headers, BAKERY).call_count).toBe(0);
    sim.control.advanceClock(HOUR);
    expect(discovery().status).toBe(200);
  });
});
