// Meta as it is today, in the simulator: Facebook Login for Business configurations, Pages owned through
// a business portfolio, Page tokens and the calls that refuse them, the errors that say one thing and
// mean another (reference §9.4), and the metrics Sheetgram now reads.
import { describe, expect, it } from 'vitest';
import { requestItems } from '../../../../local/instagram/faults';
import { createSimulator, type Simulator } from '../../../../local/instagram/handler';
import { defaultScenario } from '../../../../local/instagram/scenario';
import type { Scenario } from '../../../../local/instagram/scenario/types';

const BAKERY = '17841400000000002';
const FB_USER = '10160000000000001';
const PAGE = '134895793791914';
const REDIRECT = 'https://script.google.com/macros/d/SIM/usercallback';
const DAY = 86_400_000;
const FB_BASE = ['instagram_basic', 'instagram_manage_insights', 'pages_show_list', 'pages_read_engagement'];

function make(change: (s: Scenario) => void = () => {}): Simulator {
  const s = defaultScenario();
  change(s);
  return createSimulator({ scenario: s, baseUrl: 'http://sim.local' });
}

function get(sim: Simulator, url: string): { status: number; body: string; json: any } {
  const r = sim.handle({ method: 'GET', url, headers: {}, body: '' });
  let json: unknown;
  try {
    json = JSON.parse(r.body);
  } catch {
    json = undefined;
  }
  return { status: r.status, body: r.body, json };
}

const graph = (sim: Simulator, path: string, token: string, query: Record<string, string> = {}) =>
  get(sim, `/graph.facebook.com/v27.0/${path}?${new URLSearchParams({ ...query, access_token: token })}`);

const userToken = (sim: Simulator, scopes: string[]) => sim.control.issueToken({ kind: 'fb-long', fbUserId: FB_USER, scopes }).accessToken;

function businessApp(s: Scenario): void {
  const app = s.apps.find((a) => a.flow === 'facebook')!;
  app.type = 'business';
  app.loginConfigurations = [{ id: '880011223344', permissions: [...FB_BASE, 'business_management', 'ads_read'] }];
}

function dialog(sim: Simulator, extra: Record<string, string>) {
  const app = defaultScenario().apps.find((a) => a.flow === 'facebook')!;
  return get(sim, `/www.facebook.com/v27.0/dialog/oauth?${new URLSearchParams({ client_id: app.clientId, redirect_uri: REDIRECT, response_type: 'code', state: 's', ...extra })}`);
}

describe('Facebook Login for Business (config_id)', () => {
  it('refuses a business app dialog without a configuration, and an unknown one', () => {
    const sim = make(businessApp);
    const without = dialog(sim, { scope: FB_BASE.join(',') });
    expect(without.status).toBe(400);
    expect(without.body).toMatch(/needs a configuration \(config_id\)/);
    expect(dialog(sim, { config_id: '999' }).body).toMatch(/Invalid config_id/);
  });

  it("asks for the configuration's permissions and carries config_id through the form", () => {
    const page = dialog(make(businessApp), { config_id: '880011223344' });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<li>business_management</li>');
    expect(page.body).toContain('<li>ads_read</li>');
    expect(page.body).toContain('name="config_id" value="880011223344"');
  });

  it('serves the classic dialog with scope= to the other app type', () => {
    const page = dialog(make(), { scope: FB_BASE.join(',') });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<li>pages_read_engagement</li>');
    expect(page.body).not.toContain('business_management');
  });
});

describe('Pages owned through a business portfolio', () => {
  const portfolio = (s: Scenario) => {
    s.accounts[1].facebook!.pages[0].viaBusinessPortfolio = true;
  };

  it('are missing from /me/accounts, and their account unreadable, without business_management', () => {
    const sim = make(portfolio);
    const plain = userToken(sim, FB_BASE);
    const ids = (token: string) => graph(sim, 'me/accounts', token, { fields: 'id,instagram_business_account' }).json.data.map((p: { id: string }) => p.id);
    expect(ids(plain)).not.toContain(PAGE);
    expect(graph(sim, BAKERY, plain, { fields: 'username' }).json.error).toMatchObject({ code: 100, error_subcode: 33 });
    expect(ids(userToken(sim, [...FB_BASE, 'business_management']))).toContain(PAGE);
  });

  it('refuse insights without ads_read or ads_management, and give them with either', () => {
    const sim = make(portfolio);
    const insights = (token: string) => graph(sim, `${BAKERY}/insights`, token, { metric: 'reach', period: 'day' });
    const refused = insights(userToken(sim, [...FB_BASE, 'business_management']));
    expect(refused.status).toBe(400);
    expect(refused.json.error).toMatchObject({ code: 10, message: expect.stringMatching(/ads_read or ads_management/) });
    expect(insights(userToken(sim, [...FB_BASE, 'business_management', 'ads_read'])).status).toBe(200);
    expect(insights(userToken(sim, [...FB_BASE, 'business_management', 'ads_management'])).status).toBe(200);
    // The account's media stay readable: only insights need the ads permission.
    expect(graph(sim, `${BAKERY}/media`, userToken(sim, [...FB_BASE, 'business_management']), { fields: 'id' }).status).toBe(200);
  });

  it('do not change anything for a Page of the person\'s own', () => {
    const sim = make();
    expect(graph(sim, `${BAKERY}/insights`, userToken(sim, FB_BASE), { metric: 'reach', period: 'day' }).status).toBe(200);
  });
});

describe('Page access tokens', () => {
  it('come from /me/accounts, read the linked account, and outlive the user token', () => {
    const sim = make();
    const user = userToken(sim, [...FB_BASE, 'instagram_manage_comments']);
    const pages = graph(sim, 'me/accounts', user, { fields: 'id,access_token,instagram_business_account' }).json.data;
    const pageToken = pages.find((p: { id: string }) => p.id === PAGE).access_token as string;
    for (const path of [BAKERY, `${BAKERY}/media`, `${BAKERY}/stories`, `${BAKERY}/tags`]) {
      expect(graph(sim, path, pageToken, { fields: 'id' }).status).toBe(200);
    }
    expect(graph(sim, `${BAKERY}/insights`, pageToken, { metric: 'reach', period: 'day' }).status).toBe(200);
    sim.control.advanceClock(61 * DAY);
    expect(graph(sim, BAKERY, user, { fields: 'id' }).json.error).toMatchObject({ code: 190, error_subcode: 463 });
    expect(graph(sim, `${BAKERY}/media`, pageToken, { fields: 'id' }).status).toBe(200);
    // A password change invalidates the Page token too.
    sim.control.revokeTokens({ fbUserId: FB_USER }, 460);
    expect(graph(sim, `${BAKERY}/media`, pageToken, { fields: 'id' }).json.error).toMatchObject({ code: 190, error_subcode: 460 });
  });

  it('are refused by Hashtag Search and Business Discovery, which need the user token', () => {
    const sim = make();
    const user = userToken(sim, FB_BASE);
    const pageToken = sim.control.issueToken({ kind: 'page', fbUserId: FB_USER, pageId: PAGE }).accessToken;
    const search = (token: string) => graph(sim, 'ig_hashtag_search', token, { user_id: BAKERY, q: 'sourdough' });
    expect(search(pageToken).json.error).toMatchObject({ code: 100, message: expect.stringMatching(/User access token/) });
    expect(search(user).status).toBe(200);
    const discovery = (token: string) => graph(sim, BAKERY, token, { fields: 'business_discovery.username(rival.bakery){followers_count}' });
    expect(discovery(pageToken).json.error).toMatchObject({ code: 100 });
    expect(discovery(user).json.business_discovery.followers_count).toBeGreaterThan(0);
  });
});

describe('errors that say one thing and mean another (fault settings)', () => {
  it('invalidParameterBurst: 100/33 "Invalid parameter" with Meta\'s body for the next insights calls, then the answer', () => {
    const sim = make();
    const token = userToken(sim, FB_BASE);
    sim.control.setFaults({ invalidParameterBurst: { calls: 2 } });
    // Calls that do not read insights are not part of the burst.
    expect(graph(sim, `${BAKERY}/media`, token, { fields: 'id' }).status).toBe(200);
    const ask = () => graph(sim, `${BAKERY}/media`, token, { fields: 'id,insights.metric(reach)', limit: '5' });
    const first = ask();
    expect(first.status).toBe(400);
    expect(first.json.error).toEqual({
      message: 'Invalid parameter', type: 'GraphMethodException', code: 100, error_subcode: 33, is_transient: false,
      error_user_msg: expect.stringMatching(/^Unsupported get request\. Object with ID '17841400000000002' does not exist/), error_data: {},
      fbtrace_id: expect.stringMatching(/^SIM/),
    });
    expect(ask().status).toBe(400);
    expect(ask().status).toBe(200);
    expect(sim.control.faults().invalidParameterBurst).toBeNull();
  });

  it('reduceData: HTTP 500 code 1 for a request above the size, the same request smaller succeeds', () => {
    const sim = make();
    const token = userToken(sim, FB_BASE);
    sim.control.setFaults({ reduceData: { maxItems: 60 } });
    const big = graph(sim, `${BAKERY}/media`, token, { fields: 'id,insights.metric(reach)', limit: '50' });
    expect(big.status).toBe(500);
    expect(big.json.error).toMatchObject({ code: 1, message: "Please reduce the amount of data you're asking for, then retry your request", is_transient: true, fbtrace_id: expect.any(String) });
    expect(graph(sim, `${BAKERY}/media`, token, { fields: 'id,insights.metric(reach)', limit: '25' }).status).toBe(200);
    expect(graph(sim, `${BAKERY}/media`, token, { fields: 'id', limit: '50' }).status).toBe(200);
  });

  it('counts a request\'s size as its page times what each item nests', () => {
    expect(requestItems('1784/media', { limit: '50', fields: 'id,insights.metric(reach)' })).toBe(100);
    expect(requestItems('1784/media', { fields: 'id' })).toBe(25);
    expect(requestItems('1784/media', { limit: '10', fields: 'id,comments.limit(20){id,replies{id}}' })).toBe(10 * (1 + 20 * 26));
    expect(requestItems('1784', { fields: 'business_discovery.username(x){media.limit(25){id}}' })).toBe(27);
    expect(requestItems('1790/insights', { metric: 'reach' })).toBe(1);
  });
});

describe('metrics Sheetgram now reads', () => {
  it('views on Facebook for reels shared there, and a refusal for the others', () => {
    const sim = make();
    const token = userToken(sim, FB_BASE);
    const reels = graph(sim, `${BAKERY}/media`, token, { fields: 'id,media_product_type', limit: '100' }).json.data.filter((m: { media_product_type: string }) => m.media_product_type === 'REELS');
    const answers = reels.map((r: { id: string }) => graph(sim, `${r.id}/insights`, token, { metric: 'facebook_views,crossposted_views' }));
    const shared = answers.filter((a: { status: number }) => a.status === 200);
    expect(shared.length).toBeGreaterThan(0);
    expect(shared.length).toBeLessThan(answers.length);
    const [fb, cross] = shared[0].json.data;
    expect(cross.values[0].value).toBeGreaterThan(fb.values[0].value);
    expect(answers.find((a: { status: number }) => a.status === 400).json.error.message).toMatch(/only available for media shared to Facebook/);
  });

  it('follows_and_unfollows by follow_type: the follows are the day\'s follower_count', () => {
    const sim = make();
    const token = userToken(sim, FB_BASE);
    const until = Math.floor(Date.parse('2026-07-09T07:00:00Z') / 1000);
    const since = until - 86_400;
    const parts = graph(sim, `${BAKERY}/insights`, token, { metric: 'follows_and_unfollows', period: 'day', metric_type: 'total_value', breakdown: 'follow_type', since: String(since), until: String(until) });
    const results = parts.json.data[0].total_value.breakdowns[0].results as { dimension_values: string[]; value: number }[];
    const of = (v: string) => results.find((r) => r.dimension_values[0] === v)?.value ?? 0;
    const gained = graph(sim, `${BAKERY}/insights`, token, { metric: 'follower_count', period: 'day', since: String(since), until: String(until) });
    expect(of('FOLLOWER')).toBe(gained.json.data[0].values[0].value);
    expect(parts.json.data[0].total_value.value).toBe(of('FOLLOWER') + of('NON_FOLLOWER'));
  });

  it('story navigation by action, for stories seen by enough accounts', () => {
    const sim = make();
    const token = userToken(sim, FB_BASE);
    const stories = graph(sim, `${BAKERY}/stories`, token, { fields: 'id' }).json.data as { id: string }[];
    const answers = stories.map((s) => graph(sim, `${s.id}/insights`, token, { metric: 'navigation', breakdown: 'story_navigation_action_type' }));
    const ok = answers.find((a) => a.status === 200)!;
    const total = ok.json.data[0].total_value;
    expect(total.breakdowns[0].dimension_keys).toEqual(['story_navigation_action_type']);
    expect(total.breakdowns[0].results.reduce((n: number, r: { value: number }) => n + r.value, 0)).toBe(total.value);
  });
});
