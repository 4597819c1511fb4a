// The Platform half with the real World & Graph half and the built-in default scenario: both login
// flows end to end, Page tokens from /me/accounts, and paging links that lead back through the platform.
import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../../../local/instagram/handler';
import { defaultScenario } from '../../../../local/instagram/scenario';
import { get, post } from './support';

const scenario = defaultScenario();
const [igApp, fbApp] = [scenario.apps.find((a) => a.flow === 'instagram')!, scenario.apps.find((a) => a.flow === 'facebook')!];
const redirect = igApp.redirectUris[0];

describe('Platform with the real World', () => {
  it('logs in with Instagram, pages through /me/media by its next links, and logs every page', () => {
    const sim = createSimulator({ scenario });
    const consent = get(sim, `/www.instagram.com/oauth/authorize?client_id=${igApp.clientId}&redirect_uri=${encodeURIComponent(redirect)}&response_type=code&scope=instagram_business_basic`);
    expect(consent.body).toContain('@sunny.creates');
    const allow = post(sim, '/www.instagram.com/oauth/authorize', { client_id: igApp.clientId, redirect_uri: redirect, response_type: 'code', scope: 'instagram_business_basic', account: 'sunny.creates', decision: 'allow' });
    const code = new URL(allow.headers.location.replace(/#_$/, '')).searchParams.get('code')!;
    const token = post(sim, '/api.instagram.com/oauth/access_token', { client_id: igApp.clientId, client_secret: igApp.clientSecret, grant_type: 'authorization_code', redirect_uri: redirect, code }).json.data[0].access_token;
    const me = get(sim, `/graph.instagram.com/v27.0/me?fields=user_id,username&access_token=${token}`);
    expect(me.json).toMatchObject({ user_id: '17841400000000001', username: 'sunny.creates' });

    sim.control.clearLog();
    let url: string | undefined = `/graph.instagram.com/v27.0/me/media?fields=id&limit=100&access_token=${token}`;
    let items = 0;
    while (url) {
      const page = get(sim, url);
      expect(page.status).toBe(200);
      items += page.json.data.length;
      const next: string | undefined = page.json.paging?.next;
      url = next ? next.replace('http://127.0.0.1:4010', '') : undefined;
    }
    expect(items).toBe(400);
    expect(Object.values(sim.control.counts()).reduce((a, b) => a + b, 0)).toBe(4);
    expect(JSON.stringify(sim.control.log())).not.toContain(token);
  });

  it('logs in with Facebook and reaches the linked IG account with a Page token', () => {
    const sim = createSimulator({ scenario });
    const q = { client_id: fbApp.clientId, redirect_uri: redirect, response_type: 'code', scope: 'instagram_basic,pages_show_list,pages_read_engagement' };
    const allow = post(sim, '/www.facebook.com/v27.0/dialog/oauth', { ...q, account: '10160000000000001', decision: 'allow' });
    const code = new URL(allow.headers.location.replace(/#_=_$/, '')).searchParams.get('code')!;
    const user = get(sim, `/graph.facebook.com/v27.0/oauth/access_token?${new URLSearchParams({ client_id: fbApp.clientId, client_secret: fbApp.clientSecret, redirect_uri: redirect, code })}`).json.access_token;
    const pages = get(sim, `/graph.facebook.com/v27.0/me/accounts?fields=id,name,access_token,instagram_business_account&access_token=${user}`);
    expect(pages.status).toBe(200);
    const linked = pages.json.data.find((p: { instagram_business_account?: unknown }) => p.instagram_business_account);
    expect(linked.instagram_business_account.id).toBe('17841400000000002');
    const page = get(sim, `/graph.facebook.com/v27.0/${linked.id}?fields=instagram_business_account&access_token=${linked.access_token}`);
    expect(page.json.instagram_business_account.id).toBe('17841400000000002');
    expect(sim.control.log().at(-1)).toMatchObject({ endpoint: expect.any(String), account: '17841400000000002', flow: 'facebook' });
  });

  it('pages a 10,000-media account through completely within the hourly budget', () => {
    const sim = createSimulator({ scenario });
    sim.control.reset('large');
    const token = sim.control.issueToken({ igUserId: '17841400000000001', kind: 'ig-long' }).accessToken;
    let url: string | undefined = `/graph.instagram.com/v27.0/17841400000000001/media?fields=id&limit=100&access_token=${token}`;
    const ids = new Set<string>();
    while (url) {
      const page = get(sim, url);
      expect(page.status).toBe(200);
      for (const m of page.json.data) ids.add(m.id);
      const next: string | undefined = page.json.paging?.next;
      url = next ? next.replace('http://127.0.0.1:4010', '') : undefined;
    }
    expect(ids.size).toBe(10_000);
    expect(sim.control.counts()['GET graph.instagram.com /{ig-user-id}/media']).toBe(100);
  });
});
