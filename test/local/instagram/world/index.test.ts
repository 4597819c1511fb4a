import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../../../../local/instagram/scenario';
import { World } from '../../../../local/instagram/world';
import { commentsCount, likeCount, visibleComments } from '../../../../local/instagram/world/engagement';
import { mediaMetric } from '../../../../local/instagram/world/insights';
import { DAY, pacificDay, pacificDayEnd } from '../../../../local/instagram/world/time';
import { CREATOR, START } from '../graph/call';

describe('World', () => {
  it('builds identical data for the same scenario and seed, different data for another seed', () => {
    const a = World.fromScenario(defaultScenario()).posts(CREATOR, START);
    const b = World.fromScenario(defaultScenario()).posts(CREATOR, START);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const c = World.fromScenario({ ...defaultScenario(), seed: 7 }).posts(CREATOR, START);
    expect(JSON.stringify(c)).not.toBe(JSON.stringify(a));
  });

  it('has the default creator with 400 posts over two years of every kind, and tricky captions', () => {
    const posts = World.fromScenario(defaultScenario()).posts(CREATOR, START);
    expect(posts).toHaveLength(400);
    expect(START - posts[posts.length - 1].timestampMs).toBeGreaterThan(700 * DAY);
    expect(new Set(posts.map((p) => p.kind))).toEqual(new Set(['IMAGE', 'VIDEO', 'CAROUSEL_ALBUM', 'REELS']));
    const captions = posts.map((p) => p.caption ?? '');
    for (const start of ['=', '+', '-', '@', '<img src=x onerror=alert(1)>']) expect(captions.some((c) => c.startsWith(start))).toBe(true);
    expect(Math.max(...captions.map((c) => c.length))).toBeGreaterThan(50_000);
    expect(posts.every((p) => /^\d{17}$/.test(p.id))).toBe(true);
  });

  it('adds new posts on the posting cadence as the clock advances', () => {
    const world = World.fromScenario(defaultScenario());
    expect(world.posts(CREATOR, START + 10 * DAY).length).toBe(400 + 6);
  });

  it('daily follower deltas add up to the followers_count history', () => {
    const world = World.fromScenario(defaultScenario());
    const from = pacificDay(START - 60 * DAY);
    const to = pacificDay(START + 20 * DAY);
    let sum = 0;
    for (let d = from + 1; d <= to; d++) sum += world.followerDelta(CREATOR, d);
    expect(world.followersAt(CREATOR, pacificDayEnd(to)) - world.followersAt(CREATOR, pacificDayEnd(from))).toBe(sum);
    expect(world.followersAt(CREATOR, START)).toBe(48_200);
  });

  it('like_count and comments_count agree with insights and with the comments that can be read', () => {
    const world = World.fromScenario(defaultScenario());
    for (const now of [START, START + 3 * DAY]) {
      for (const m of world.posts(CREATOR, now).slice(0, 30)) {
        expect(mediaMetric(world.seed, m, 'likes', now)).toBe(likeCount(m, now));
        const listed = visibleComments(world.seed, m, now).reduce((n, c) => n + 1 + c.replies.length, 0);
        expect(commentsCount(world.seed, m, now)).toBe(listed);
        expect(mediaMetric(world.seed, m, 'comments', now)).toBe(listed);
      }
    }
  });

  it('keeps stories for 24 hours from their timestamp', () => {
    const world = World.fromScenario(defaultScenario());
    const live = world.stories(CREATOR, START);
    expect(live.length).toBeGreaterThan(0);
    for (const s of live) expect(s.timestampMs).toBeGreaterThan(START - DAY);
    const later = world.stories(CREATOR, START + 2 * DAY).map((s) => s.id);
    expect(live.some((s) => later.includes(s.id))).toBe(false);
  });

  it('lets an IG user search 30 unique hashtags per rolling 7 days', () => {
    const world = World.fromScenario(defaultScenario());
    for (let i = 0; i < 30; i++) expect(world.searchHashtag(CREATOR, `h${i}`, START)).toBe(true);
    expect(world.searchHashtag(CREATOR, 'h0', START)).toBe(true);
    expect(world.searchHashtag(CREATOR, 'h30', START + DAY)).toBe(false);
    expect(world.searchHashtag(CREATOR, 'h30', START + 7 * DAY + 1)).toBe(true);
  });
});
