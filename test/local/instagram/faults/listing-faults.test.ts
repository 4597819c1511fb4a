// Lists cut short, as a test turns them on through the control API: a page without paging, an empty page
// that links back to itself, and a page whose cursor points at itself; on /media, /stories and /tags.
import { describe, expect, it } from 'vitest';
import { createSimulator, type Simulator } from '../../../../local/instagram/handler';
import { defaultScenario } from '../../../../local/instagram/scenario';
import { get } from '../platform/support';

const CREATOR = '17841400000000001';
const BAKERY = '17841400000000002';

function creator(): { sim: Simulator; token: string } {
  const sim = createSimulator({ scenario: defaultScenario() });
  return { sim, token: sim.control.issueToken({ igUserId: CREATOR, kind: 'ig-long' }).accessToken };
}

const control = (sim: Simulator, body: unknown) =>
  JSON.parse(sim.handle({ method: 'POST', url: '/__control/faults', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).body);

/** A list read to its end by following paging.next, page by page. */
function pages(sim: Simulator, first: string, max = 12): any[] {
  const out: any[] = [];
  let url: string | undefined = first;
  while (url && out.length < max) {
    const answer = get(sim, url);
    expect(answer.status).toBe(200);
    out.push(answer.json);
    url = answer.json.paging?.next?.replace(sim.baseUrl, '');
  }
  return out;
}

const mediaUrl = (token: string) => `/graph.instagram.com/v27.0/${CREATOR}/media?fields=id&limit=100&access_token=${token}`;
const ids = (list: any[]) => list.flatMap((p) => p.data.map((m: { id: string }) => m.id));

describe('listing faults', () => {
  it('reads all 400 posts in 4 pages without a fault', () => {
    const { sim, token } = creator();
    const list = pages(sim, mediaUrl(token));
    expect(list).toHaveLength(4);
    expect(new Set(ids(list)).size).toBe(400);
  });

  it('truncateListing: page N comes without paging, so the list seems to end there; null turns it off', () => {
    const { sim, token } = creator();
    expect(control(sim, { truncateListing: { afterPage: 3 } })).toMatchObject({ truncateListing: { afterPage: 3 } });
    const list = pages(sim, mediaUrl(token));
    expect(list).toHaveLength(3);
    expect(list[2].data).toHaveLength(100);
    expect(list[2].paging).toBeUndefined();
    expect(list[1].paging.next).toBeDefined();
    expect(control(sim, { truncateListing: null }).truncateListing).toBeNull();
    expect(ids(pages(sim, mediaUrl(token)))).toHaveLength(400);
  });

  it('emptyPageWithNext: the page after N is empty and links back to its own place, a new link each time', () => {
    const { sim, token } = creator();
    const whole = ids(pages(sim, mediaUrl(token)));
    control(sim, { emptyPageWithNext: { afterPage: 2 } });
    const list = pages(sim, mediaUrl(token), 6);
    expect(list.map((p) => p.data.length)).toEqual([100, 100, 0, 0, 0, 0]);
    const links = list.slice(2).map((p) => p.paging.next);
    expect(new Set(links).size).toBe(links.length);
    expect(links.every((l: string) => new URL(l).searchParams.get('after') === list[1].paging.cursors.after)).toBe(true);
    expect(list[2].paging.cursors).toBeUndefined();
    // Once per place: following the link then gives the real page, and the list is whole.
    const { sim: fresh, token: t2 } = creator();
    control(fresh, { emptyPageWithNext: { afterPage: 2, times: 1 } });
    const once = pages(fresh, mediaUrl(t2));
    expect(once.map((p) => p.data.length)).toEqual([100, 100, 0, 100, 100]);
    expect(ids(once)).toEqual(whole);
  });

  it('repeatCursor: the page after N points at itself, so following it reads that page again and again', () => {
    const { sim, token } = creator();
    control(sim, { repeatCursor: { afterPage: 1 } });
    const list = pages(sim, mediaUrl(token), 4);
    const after = list[0].paging.cursors.after;
    expect(list.slice(1).map((p) => p.paging.cursors.after)).toEqual([after, after, after]);
    expect(list.slice(1).map((p) => p.data[0].id)).toEqual([list[1].data[0].id, list[1].data[0].id, list[1].data[0].id]);
    expect(new URL(list[1].paging.next).searchParams.get('after')).toBe(after);
  });

  it('applies to stories and to posts that tag the account, not to other lists', () => {
    const { sim, token } = creator();
    control(sim, { truncateListing: { afterPage: 1 } });
    const stories = get(sim, `/graph.instagram.com/v27.0/${CREATOR}/stories?fields=id&limit=1&access_token=${token}`).json;
    expect(stories.data).toHaveLength(1);
    expect(stories.paging).toBeUndefined();
    const comments = get(sim, `/graph.instagram.com/v27.0/${ids(pages(sim, mediaUrl(token), 1))[0]}/comments?fields=id&limit=1&access_token=${token}`).json;
    expect(comments.data.length === 0 || comments.paging !== undefined).toBe(true);
    const fbToken = sim.control.issueToken({ fbUserId: '10160000000000001', kind: 'fb-long' }).accessToken;
    const tags = get(sim, `/graph.facebook.com/v27.0/${BAKERY}/tags?fields=id&limit=5&access_token=${fbToken}`).json;
    expect(tags.data).toHaveLength(5);
    expect(tags.paging).toBeUndefined();
  });
});
