// The World: the simulator's data as a function of (scenario, virtual time). Built deterministically
// from a scenario; the same scenario and seed give identical data. It also holds the one piece of
// state Meta keeps per user: which hashtags each IG user searched (30 unique per rolling 7 days).
import type { Scenario, ScenarioAccount, ScenarioHashtag } from '../scenario/types';
import { makeId, parseId } from './ids';
import { foreignMedia } from './foreign';
import { FollowerHistory } from './followers';
import { liveStories, postsOf, storyBySerial } from './media';
import type { WorldAccount, WorldChild, WorldHashtag, WorldMedia } from './model';
import { unit } from './random';
import { DAY, formatTimestamp, pacificDay, pacificDayEnd, parseIso } from './time';

export type { WorldAccount, WorldMedia, WorldChild, WorldComment, WorldHashtag } from './model';

export const HASHTAG_BUDGET = 30;

/** One Pacific day of an account's followers, as the simulator knows it (the control API's `followers`). */
export interface FollowerDay {
  /** The Pacific calendar date (YYYY-MM-DD). */
  day: string;
  /** When it ended, as Meta writes end_time. */
  endTime: string;
  follows: number;
  unfollows: number;
  /** followers_count at endTime. */
  followers: number;
}
export const HASHTAG_WINDOW_MS = 7 * DAY;

export interface FacebookPage {
  id: string;
  name: string;
  igUserId?: string;
  /** Owned through a business portfolio, the person's role coming through it (see docs/scenarios.md). */
  viaBusinessPortfolio: boolean;
}

export interface FacebookUser {
  fbUserId: string;
  name: string;
  pages: FacebookPage[];
}

export type MediaLookup = { media: WorldMedia; child?: undefined } | { media: WorldMedia; child: WorldChild };

export class World {
  readonly scenario: Scenario;
  readonly startMs: number;
  private readonly all: WorldAccount[];
  private readonly followerHistories = new Map<string, FollowerHistory>();
  private readonly postCache = new Map<string, { horizon: number; all: WorldMedia[]; byId: Map<string, WorldMedia>; now: number; posts: WorldMedia[] }>();
  private readonly hashtagList: WorldHashtag[];
  private readonly searches = new Map<string, { hashtagId: string; atMs: number }[]>();

  private constructor(scenario: Scenario) {
    this.scenario = scenario;
    this.startMs = parseIso(scenario.start);
    const build = (a: ScenarioAccount, index: number, competitor: boolean): WorldAccount => ({
      igUserId: a.igUserId,
      appScopedId: `2${a.igUserId.slice(1)}`,
      username: a.username, name: a.name, biography: a.biography, website: a.website, type: a.type,
      loginFlows: a.loginFlows, ageGated: a.ageGated ?? false, competitor,
      businessSinceMs: a.businessSince ? parseIso(a.businessSince) : undefined,
      follows: a.follows ?? Math.round(100 + 900 * unit(scenario.seed, 'follows', a.igUserId)),
      scenario: a, index,
    });
    const own = scenario.accounts.map((a, i) => build(a, i, false));
    const others = (scenario.competitors ?? []).map((a, i) => build(a, own.length + i, true));
    this.all = [...own, ...others];
    for (const a of this.all) {
      this.followerHistories.set(a.igUserId, new FollowerHistory(scenario.seed, a.igUserId, a.scenario.followers, this.startMs));
    }
    this.hashtagList = (scenario.hashtags ?? []).map((h, i) => this.buildHashtag(h, i));
  }

  static fromScenario(s: Scenario): World {
    return new World(s);
  }

  get seed(): number {
    return this.scenario.seed;
  }

  account(igUserId: string): WorldAccount | undefined {
    return this.all.find((a) => a.igUserId === igUserId);
  }

  /** Accounts people log into (competitors excluded). */
  accounts(): WorldAccount[] {
    return this.all.filter((a) => !a.competitor);
  }

  /** Every account, competitors included (Business Discovery searches these). */
  everyAccount(): WorldAccount[] {
    return [...this.all];
  }

  accountByUsername(username: string): WorldAccount | undefined {
    const wanted = username.toLowerCase();
    return this.all.find((a) => a.username.toLowerCase() === wanted);
  }

  /** Facebook user -> their Pages and linked IG accounts, for /me/accounts and the FB dialog. */
  facebookUser(fbUserId: string): FacebookUser | undefined {
    const owners = this.accounts().filter((a) => a.scenario.facebook?.userId === fbUserId);
    if (owners.length === 0) return undefined;
    const pages = owners.flatMap((a) => a.scenario.facebook!.pages.map((p) => ({
      id: p.id, name: p.name, igUserId: p.linked ? a.igUserId : undefined, viaBusinessPortfolio: p.viaBusinessPortfolio === true,
    })));
    return { fbUserId, name: owners.find((a) => a.scenario.facebook?.name)?.scenario.facebook?.name ?? 'Facebook User', pages };
  }

  /** The Page with this id, the Facebook user who manages it and its linked IG account. */
  page(pageId: string): (FacebookPage & { fbUserId: string }) | undefined {
    for (const a of this.accounts()) {
      const p = a.scenario.facebook?.pages.find((x) => x.id === pageId);
      if (p) {
        return { id: p.id, name: p.name, fbUserId: a.scenario.facebook!.userId, igUserId: p.linked ? a.igUserId : undefined, viaBusinessPortfolio: p.viaBusinessPortfolio === true };
      }
    }
    return undefined;
  }

  /** The Page that links an IG account (Facebook Login), if any. */
  linkingPage(igUserId: string): FacebookPage | undefined {
    const a = this.account(igUserId);
    const p = a?.scenario.facebook?.pages.find((x) => x.linked);
    return a && p ? { id: p.id, name: p.name, igUserId, viaBusinessPortfolio: p.viaBusinessPortfolio === true } : undefined;
  }

  followersAt(igUserId: string, ms: number): number {
    return this.followerHistories.get(igUserId)?.countAt(ms) ?? 0;
  }

  /** Net new followers on a Pacific day. */
  followerDelta(igUserId: string, day: number): number {
    return this.followerHistories.get(igUserId)?.delta(day) ?? 0;
  }

  /** Who followed and who unfollowed on a Pacific day (follows - unfollows = followerDelta). */
  followsAndUnfollows(igUserId: string, day: number): { follows: number; unfollows: number } {
    return this.followerHistories.get(igUserId)?.followsAndUnfollows(day) ?? { follows: 0, unfollows: 0 };
  }

  /**
   * The truth a rebuilt history is checked against: the last `days` complete Pacific days at `nowMs`,
   * oldest first, each with its follows, unfollows and the followers_count when it ended.
   */
  followerDays(igUserId: string, nowMs: number, days: number): FollowerDay[] {
    const out: FollowerDay[] = [];
    for (let day = pacificDay(nowMs) - days; day < pacificDay(nowMs); day++) {
      const end = pacificDayEnd(day);
      out.push({ day: new Date(day * DAY).toISOString().slice(0, 10), endTime: formatTimestamp(end), ...this.followsAndUnfollows(igUserId, day), followers: this.followersAt(igUserId, end) });
    }
    return out;
  }

  /** Feed posts and reels at `nowMs`, newest first (all of them; /media shows the newest 10,000). */
  posts(igUserId: string, nowMs: number): WorldMedia[] {
    return this.postIndex(igUserId, nowMs).posts;
  }

  /**
   * Posts are a pure function of the seed and their serial, so they are generated once up to a horizon
   * a week ahead and filtered by time on each call: a 10,000-post account is not rebuilt per request.
   */
  private postIndex(igUserId: string, nowMs: number): { posts: WorldMedia[]; byId: { get(id: string): WorldMedia | undefined } } {
    let cached = this.postCache.get(igUserId);
    if (!cached || nowMs > cached.horizon) {
      const account = this.account(igUserId);
      const horizon = nowMs + 7 * DAY;
      const all = account ? postsOf(this.seed, account, this.startMs, horizon) : [];
      cached = { horizon, all, byId: new Map(all.map((p) => [p.id, p])), now: Number.NaN, posts: [] };
      this.postCache.set(igUserId, cached);
    }
    if (cached.now !== nowMs) {
      cached.posts = cached.all.filter((p) => p.timestampMs <= nowMs);
      cached.now = nowMs;
    }
    const { byId } = cached;
    return { posts: cached.posts, byId: { get: (id) => { const m = byId.get(id); return m && m.timestampMs <= nowMs ? m : undefined; } } };
  }

  stories(igUserId: string, nowMs: number): WorldMedia[] {
    const account = this.account(igUserId);
    return account ? liveStories(this.seed, account, nowMs) : [];
  }

  /** Media by others that tag the account, newest first. */
  tagged(igUserId: string, nowMs: number): WorldMedia[] {
    const account = this.account(igUserId);
    const count = account?.scenario.tagged?.count ?? 0;
    if (!account || count === 0) return [];
    const slot = (365 * DAY) / count;
    const list: WorldMedia[] = [];
    for (let i = 0; i < count; i++) {
      const ts = Math.round(this.startMs - 365 * DAY + (i + unit(this.seed, 'tag-when', account.index, i)) * slot);
      if (ts <= nowMs) list.push(foreignMedia(this.seed, 'tagged', account.index, i, ts));
    }
    return list.reverse();
  }

  /** A media object (or album child) by id as it exists at `nowMs`: own posts, children and stories. */
  media(id: string, nowMs: number): MediaLookup | undefined {
    const parsed = parseId(id);
    if (!parsed) return undefined;
    const account = this.all[parsed.owner];
    if (!account) return undefined;
    if (parsed.kind === 'post') {
      const media = this.postIndex(account.igUserId, nowMs).byId.get(id);
      return media ? { media } : undefined;
    }
    if (parsed.kind === 'child') {
      const parentId = makeId('post', parsed.owner, Math.floor(parsed.serial / 100));
      const media = this.postIndex(account.igUserId, nowMs).byId.get(parentId);
      const child = media?.children.find((c) => c.id === id);
      return media && child ? { media, child } : undefined;
    }
    if (parsed.kind === 'story') {
      const story = storyBySerial(this.seed, account, parsed.serial);
      return story && story.timestampMs <= nowMs ? { media: story } : undefined;
    }
    return undefined;
  }

  hashtags(): WorldHashtag[] {
    return [...this.hashtagList];
  }

  hashtagByName(name: string): WorldHashtag | undefined {
    const wanted = name.replace(/^#/, '').toLowerCase();
    return this.hashtagList.find((h) => h.name.toLowerCase() === wanted);
  }

  /** The id of any hashtag, searched or not: ids are static and global, derived from the name. */
  hashtagIdFor(name: string): string {
    return this.hashtagByName(name)?.id ?? makeId('hashtag', 99, Math.floor(unit(this.seed, 'hashtag-id', name.toLowerCase()) * 1e10));
  }

  hashtag(id: string): WorldHashtag | undefined {
    return this.hashtagList.find((h) => h.id === id);
  }

  /** Public posts under the hashtag in the 24 h before `nowMs`, newest first. */
  recentMedia(hashtag: WorldHashtag, nowMs: number): WorldMedia[] {
    if (hashtag.postsPerDay <= 0) return [];
    const index = this.hashtagList.indexOf(hashtag);
    const slot = DAY / hashtag.postsPerDay;
    const list: WorldMedia[] = [];
    for (let k = Math.floor((nowMs - DAY) / slot) + 1; k <= Math.floor(nowMs / slot); k++) {
      const ts = Math.round(k * slot + unit(this.seed, 'recent-when', index, k) * slot * 0.9);
      if (ts > nowMs - DAY && ts <= nowMs) list.push(foreignMedia(this.seed, 'hashtagRecent', index, k, ts));
    }
    return list.reverse();
  }

  /**
   * Records a hashtag search. Searching a hashtag already searched in the window is free; a new one
   * past 30 unique hashtags in the last 7 days is refused.
   */
  searchHashtag(igUserId: string, hashtagId: string, nowMs: number): boolean {
    const recent = (this.searches.get(igUserId) ?? []).filter((s) => s.atMs > nowMs - HASHTAG_WINDOW_MS);
    const known = recent.some((s) => s.hashtagId === hashtagId);
    const unique = new Set(recent.map((s) => s.hashtagId)).size;
    if (!known && unique >= HASHTAG_BUDGET) {
      this.searches.set(igUserId, recent);
      return false;
    }
    recent.push({ hashtagId, atMs: nowMs });
    this.searches.set(igUserId, recent);
    return true;
  }

  /** Hashtags the user searched in the last 7 days (for recently_searched_hashtags). */
  recentlySearched(igUserId: string, nowMs: number): string[] {
    const recent = (this.searches.get(igUserId) ?? []).filter((s) => s.atMs > nowMs - HASHTAG_WINDOW_MS);
    return [...new Set(recent.map((s) => s.hashtagId))];
  }

  private buildHashtag(h: ScenarioHashtag, index: number): WorldHashtag {
    const id = makeId('hashtag', index, Math.floor(unit(this.seed, 'hashtag-id', h.name) * 1e10));
    const top = Array.from({ length: h.topMedia ?? 60 }, (_, i) =>
      foreignMedia(this.seed, 'hashtagTop', index, i, Math.round(this.startMs - (i + 1) * 3 * 3_600_000 * (1 + unit(this.seed, 'top', index, i)))));
    return { id, name: h.name, sensitive: h.sensitive ?? false, topMedia: top, postsPerDay: h.postsPerDay ?? 80 };
  }
}
