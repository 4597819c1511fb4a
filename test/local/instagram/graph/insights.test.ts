import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../../../../local/instagram/scenario';
import { DAY } from '../../../../local/instagram/world/time';
import { BUSINESS, CREATOR, START, fbViewer, igViewer, sim } from './call';

const s = (ms: number) => String(Math.floor(ms / 1000));

function findMedia(call: ReturnType<typeof sim>['call'], pred: (m: any) => boolean) {
  return call('me/media', { fields: 'id,media_type,media_product_type,timestamp,like_count,comments_count', limit: '100' }).body.data.find(pred);
}

describe('/{media-id}/insights', () => {
  it('answers current metrics in the reference shape, with likes equal to like_count', () => {
    const { call } = sim();
    const post = findMedia(call, (m) => m.media_product_type === 'FEED' && m.like_count !== undefined);
    const a = call(`${post.id}/insights`, { metric: 'reach,likes,comments' });
    expect(a.body.data[0]).toMatchObject({ name: 'reach', period: 'lifetime', title: 'Accounts reached', id: `${post.id}/insights/reach/lifetime` });
    expect(a.body.data[1].values).toEqual([{ value: post.like_count }]);
    expect(a.body.data[2].values).toEqual([{ value: post.comments_count }]);
  });

  it('fails deprecated metrics with the real messages', () => {
    const { call } = sim();
    const image = findMedia(call, (m) => m.media_type === 'IMAGE');
    const reel = findMedia(call, (m) => m.media_product_type === 'REELS');
    expect(call(`${image.id}/insights`, { metric: 'impressions' }).body.error.message)
      .toBe('(#100) Starting from version v22.0 and above, the impressions metric is no longer supported for the queried media');
    expect(call(`${reel.id}/insights`, { metric: 'reach,impressions' }).body.error.message)
      .toBe('(#100) The Media Insights API does not support the impressions metric for this media product type');
    const plays = call(`${reel.id}/insights`, { metric: 'reach,plays' }).body.error;
    expect(plays.code).toBe(100);
    expect(plays.message).toMatch(/^\(#100\) metric\[1\] must be one of the following values: impressions, reach, replies, saved/);
    expect(call(`${reel.id}/insights`, { metric: 'video_views' }).body.error.message).toMatch(/^\(#100\) metric\[0\] must be one of/);
  });

  it('fails the whole request for a metric the product type lacks', () => {
    const { call } = sim();
    const image = findMedia(call, (m) => m.media_type === 'IMAGE');
    const a = call(`${image.id}/insights`, { metric: 'reach,ig_reels_avg_watch_time' });
    expect(a.status).toBe(400);
    expect(a.body.error.code).toBe(100);
  });

  it('has no insights for album children and subcode 2108006 before the business conversion', () => {
    const { call } = sim();
    const album = findMedia(call, (m) => m.media_type === 'CAROUSEL_ALBUM');
    const child = call(`${album.id}/children`).body.data[0];
    expect(call(`${child.id}/insights`, { metric: 'reach' }).body.error.code).toBe(100);
    const old = call('me/media', { fields: 'id', until: s(Date.parse('2024-08-01T00:00:00Z')), limit: '1' }).body.data[0];
    const e = call(`${old.id}/insights`, { metric: 'reach' }).body.error;
    expect(e).toMatchObject({ code: 100, error_subcode: 2108006, error_user_title: 'Media Posted Before Business Account Conversion' });
  });

  it('answers story insights only within 24 h and not under 5 viewers', () => {
    const { call, world } = sim();
    const stories = world.stories(CREATOR, START);
    const few = world.stories(CREATOR, START).concat(...Array.from({ length: 30 }, (_, i) => world.stories(CREATOR, START - i * DAY))).find((x) => x.viewers < 5)!;
    const fewAnswer = call(`${few.id}/insights`, { metric: 'reach' }, { now: few.timestampMs + 1000 });
    expect(fewAnswer.body.error).toMatchObject({ code: 10, message: '(#10) Not enough viewers for the media to show insights' });
    const ok = stories.find((x) => x.viewers >= 5)!;
    expect(call(`${ok.id}/insights`, { metric: 'reach,navigation' }).status).toBe(200);
    expect(call(`${ok.id}/insights`, { metric: 'reach' }, { now: ok.timestampMs + DAY + 1 }).body.error.error_subcode).toBe(33);
    expect(call(`${ok.id}/insights`, { metric: 'likes' }).body.error.code).toBe(100);
  });

  it('needs the insights scope', () => {
    const { call } = sim();
    const post = findMedia(call, () => true);
    const a = call(`${post.id}/insights`, { metric: 'reach' }, { viewer: igViewer(['instagram_business_basic']) });
    expect(a.body.error.code).toBe(10);
  });
});

describe('/{ig-user-id}/insights', () => {
  it('answers time_series with end_time at Pacific midnight and follower_count as each day\'s new followers', () => {
    const { call, world } = sim();
    const a = call(`${CREATOR}/insights`, { metric: 'reach,follower_count', period: 'day', since: s(START - 5 * DAY), until: s(START) });
    const [reach, followers] = a.body.data;
    expect(reach.values).toHaveLength(5);
    expect(reach.values[0].end_time).toMatch(/T07:00:00\+0000$/);
    expect(reach.id).toBe(`${CREATOR}/insights/reach/day`);
    // New followers only (Meta leaves unfollows out): more than the net change, never negative.
    const values = followers.values.map((v: any) => v.value as number);
    expect(values.every((v: number) => v >= 0)).toBe(true);
    const sum = values.reduce((n: number, v: number) => n + v, 0);
    const first = Date.parse(followers.values[0].end_time.replace('+0000', 'Z'));
    const last = Date.parse(followers.values[4].end_time.replace('+0000', 'Z'));
    expect(sum).toBeGreaterThan(world.followersAt(CREATOR, last) - world.followersAt(CREATOR, first - DAY));
    expect(a.body.paging.next).toContain(`since=${s(START)}`);
  });

  it('defaults to the last 24 hours and gives follower_count only for the last 30 days', () => {
    const { call } = sim();
    expect(call(`${CREATOR}/insights`, { metric: 'reach', period: 'day' }).body.data[0].values).toHaveLength(1);
    const old = call(`${CREATOR}/insights`, { metric: 'follower_count', period: 'day', since: s(START - 60 * DAY), until: s(START - 40 * DAY) });
    expect(old.body).toEqual({ data: [] });
  });

  it('refuses ranges over 30 days and total-value metrics without metric_type', () => {
    const { call } = sim();
    expect(call(`${CREATOR}/insights`, { metric: 'reach', period: 'day', since: s(START - 31 * DAY), until: s(START) }).body.error.message)
      .toBe('(#100) There cannot be more than 30 days (2592000 s) between since and until');
    expect(call(`${CREATOR}/insights`, { metric: 'views,likes', period: 'day' }).body.error.message)
      .toBe('(#100) The following metrics (views, likes) should be specified with parameter metric_type=total_value');
    expect(call(`${CREATOR}/insights`, { metric: 'reach,bogus', period: 'day' }).body.error.message).toMatch(/^\(#100\) metric\[1\] must be one of the following values: reach, follower_count/);
    expect(call(`${CREATOR}/insights`, { metric: 'likes', period: 'day', metric_type: 'total_value', breakdown: 'follow_type' }).body.error.message).toBe('An unknown error has occurred.');
  });

  it('answers total_value with breakdowns that add up', () => {
    const a = sim().call(`${CREATOR}/insights`, { metric: 'likes', period: 'day', metric_type: 'total_value', breakdown: 'media_product_type', since: s(START - 7 * DAY), until: s(START) });
    const tv = a.body.data[0].total_value;
    expect(tv.breakdowns[0].dimension_keys).toEqual(['media_product_type']);
    expect(tv.breakdowns[0].results.reduce((n: number, r: any) => n + r.value, 0)).toBe(tv.value);
  });

  it('answers online_followers as an object keyed "0".."23"', () => {
    const a = sim().call(`${CREATOR}/insights`, { metric: 'online_followers', period: 'lifetime' });
    expect(Object.keys(a.body.data[0].values[0].value)).toEqual(Array.from({ length: 24 }, (_, h) => String(h)));
  });

  it('answers demographics with timeframe rules (v20) and at most 45 values', () => {
    const { call } = sim();
    const q = { period: 'lifetime', metric_type: 'total_value' };
    const f = call(`${CREATOR}/insights`, { ...q, metric: 'follower_demographics', timeframe: 'last_30_days', breakdown: 'city,age' });
    expect(f.status).toBe(200);
    expect(f.body.data[0].total_value.breakdowns[0].dimension_keys).toEqual(['city', 'age']);
    expect(f.body.data[0].total_value.breakdowns[0].results).toHaveLength(45);
    expect(call(`${CREATOR}/insights`, { ...q, metric: 'engaged_audience_demographics', timeframe: 'last_30_days', breakdown: 'country' }).body.error.code).toBe(100);
    const e = call(`${CREATOR}/insights`, { ...q, metric: 'engaged_audience_demographics', timeframe: 'this_month', breakdown: 'country' });
    expect(e.body.data[0].total_value.breakdowns[0].dimension_keys).toEqual(['timeframe', 'country']);
    expect(e.body.data[0].total_value.breakdowns[0].results[0].dimension_values[0]).toBe('THIS_MONTH');
    expect(call(`${CREATOR}/insights`, { ...q, metric: 'follower_demographics', breakdown: 'age' }).body.error.code).toBe(100);
  });

  it('gives no follower metrics for accounts under 100 followers', () => {
    const scenario = defaultScenario();
    scenario.accounts[1].followers = { start: 60, dailyNet: 0, noise: 0 };
    const a = sim(scenario).call(`${BUSINESS}/insights`, { metric: 'follower_count', period: 'day' }, { viewer: fbViewer() });
    expect(a.body).toEqual({ data: [] });
  });
});
