// An account's posts (history before the start, then one every `postEveryHours` as the clock moves),
// its carousels' children and its stories, generated from the scenario and the seed.
import type { MediaKind, ScenarioMedia, ScenarioMediaPlan } from '../scenario/types';
import { generatedCaption } from './captions';
import { makeId, shortcodeOf } from './ids';
import type { MediaType, ProductType, WorldAccount, WorldChild, WorldMedia } from './model';
import { Sequence, unit, weighted } from './random';
import { DAY, HOUR, parseIso } from './time';

const DEFAULT_MIX: Record<MediaKind, number> = { IMAGE: 4, CAROUSEL_ALBUM: 2, VIDEO: 1, REELS: 3 };
const MAX_COMMENTS_PER_POST = 200;

export function typesOf(kind: MediaKind): { mediaType: MediaType; productType: ProductType } {
  if (kind === 'REELS') return { mediaType: 'VIDEO', productType: 'REELS' };
  return { mediaType: kind, productType: 'FEED' };
}

function childrenOf(parentId: string, owner: number, serial: number, timestampMs: number, kinds: ('IMAGE' | 'VIDEO')[]): WorldChild[] {
  return kinds.map((mediaType, i) => ({ id: makeId('child', owner, serial * 100 + i), parentId, mediaType, timestampMs }));
}

function spread(average: number, u: number): number {
  return Math.max(0, Math.round(average * (0.25 + 1.5 * u)));
}

interface PostSpec {
  kind: MediaKind;
  timestampMs: number;
  caption?: string;
  likes?: number;
  comments?: number;
  children?: ('IMAGE' | 'VIDEO')[];
  hideLikes?: boolean;
  copyrighted?: boolean;
  sharedToFacebook?: boolean;
}

function buildPost(seed: number, account: WorldAccount, serial: number, spec: PostSpec, plan: ScenarioMediaPlan | undefined): WorldMedia {
  const id = makeId('post', account.index, serial);
  const s = new Sequence(seed, 'post', id);
  const { mediaType, productType } = typesOf(spec.kind);
  const childKinds = spec.kind === 'CAROUSEL_ALBUM'
    ? spec.children ?? Array.from({ length: s.int(2, 10) }, () => (s.next() < 0.8 ? 'IMAGE' as const : 'VIDEO' as const))
    : [];
  const averageLikes = plan?.averageLikes ?? 120;
  const averageComments = plan?.averageComments ?? 6;
  return {
    id,
    ownerId: account.igUserId,
    ownerUsername: account.username,
    kind: spec.kind,
    mediaType,
    productType,
    timestampMs: spec.timestampMs,
    caption: spec.caption ?? generatedCaption(seed, id),
    shortcode: shortcodeOf(id),
    children: childrenOf(id, account.index, serial, spec.timestampMs, childKinds),
    finalLikes: spec.likes ?? spread(averageLikes * (spec.kind === 'REELS' ? 1.6 : 1), s.next()),
    finalComments: Math.min(MAX_COMMENTS_PER_POST, spec.comments ?? spread(averageComments, s.next())),
    hideLikes: spec.hideLikes ?? s.next() < (plan?.hiddenLikesShare ?? 0),
    copyrighted: spec.copyrighted ?? (spec.kind === 'REELS' && s.next() < (plan?.copyrightedReelShare ?? 0)),
    viewers: 0,
    foreign: false,
    // Its own draw, so adding the setting changes nothing else about the post.
    sharedToFacebook: spec.kind === 'REELS' && (spec.sharedToFacebook ?? unit(seed, 'shared-to-facebook', id) < (plan?.sharedToFacebookShare ?? 0)),
  };
}

/** Posts of the plan that exist at `nowMs`, newest first. */
function plannedPosts(seed: number, account: WorldAccount, plan: ScenarioMediaPlan, startMs: number, nowMs: number): WorldMedia[] {
  const span = (plan.spanDays ?? 730) * DAY;
  const slot = span / Math.max(1, plan.count);
  const mix = plan.mix ?? DEFAULT_MIX;
  const captions = plan.captions ?? [];
  const posts: WorldMedia[] = [];
  const kindOf = (serial: number) => weighted(mix, unit(seed, 'kind', account.index, serial));
  for (let i = 0; i < plan.count; i++) {
    const timestampMs = Math.round(startMs - span + (i + 0.2 + 0.6 * unit(seed, 'when', account.index, i)) * slot);
    if (timestampMs > nowMs) break;
    posts.push(buildPost(seed, account, i, { kind: kindOf(i), timestampMs, caption: captions[plan.count - 1 - i] }, plan));
  }
  if (plan.postEveryHours && plan.postEveryHours > 0) {
    const cadence = plan.postEveryHours * HOUR;
    for (let k = 1; ; k++) {
      const timestampMs = Math.round(startMs + k * cadence - 0.3 * cadence * unit(seed, 'when-new', account.index, k));
      if (timestampMs > nowMs) break;
      const serial = plan.count + k - 1;
      posts.push(buildPost(seed, account, serial, { kind: kindOf(serial), timestampMs }, plan));
    }
  }
  return posts.reverse();
}

function explicitPosts(seed: number, account: WorldAccount, list: ScenarioMedia[], nowMs: number): WorldMedia[] {
  return list
    .map((m, i) => buildPost(seed, account, i, { ...m, timestampMs: parseIso(m.timestamp) }, undefined))
    .filter((m) => m.timestampMs <= nowMs)
    .sort((a, b) => b.timestampMs - a.timestampMs || (a.id < b.id ? 1 : -1));
}

/** The account's feed and reels at `nowMs`, newest first. */
export function postsOf(seed: number, account: WorldAccount, startMs: number, nowMs: number): WorldMedia[] {
  const media = account.scenario.media;
  return Array.isArray(media) ? explicitPosts(seed, account, media, nowMs) : plannedPosts(seed, account, media, startMs, nowMs);
}

/** One story: its serial is (UTC day number * 100 + its place in the day). */
export function storyBySerial(seed: number, account: WorldAccount, serial: number): WorldMedia | undefined {
  const perDay = account.scenario.stories?.perDay ?? 0;
  const day = Math.floor(serial / 100);
  const j = serial % 100;
  if (j >= perDay) return undefined;
  const id = makeId('story', account.index, serial);
  const timestampMs = Math.round(day * DAY + (j + 0.1 + 0.8 * unit(seed, 'story-when', id)) * (DAY / perDay));
  const u = unit(seed, 'story-viewers', id);
  const average = account.scenario.stories?.averageViewers ?? 40;
  const viewers = u < 0.15 ? Math.floor(u * 33) : spread(average, u);
  const kind = unit(seed, 'story-kind', id) < 0.6 ? 'IMAGE' : 'VIDEO';
  return {
    id, ownerId: account.igUserId, ownerUsername: account.username, kind: 'STORY', mediaType: kind, productType: 'STORY',
    timestampMs, caption: undefined, shortcode: shortcodeOf(id), children: [], finalLikes: 0, finalComments: 0,
    hideLikes: false, copyrighted: false, viewers, foreign: false,
  };
}

/** Stories alive at `nowMs` (each lives 24 h from its timestamp), newest first. */
export function liveStories(seed: number, account: WorldAccount, nowMs: number): WorldMedia[] {
  const perDay = Math.min(99, account.scenario.stories?.perDay ?? 0);
  const stories: WorldMedia[] = [];
  for (let day = Math.floor((nowMs - DAY) / DAY); day <= Math.floor(nowMs / DAY); day++) {
    for (let j = 0; j < perDay; j++) {
      const story = storyBySerial(seed, account, day * 100 + j);
      if (story && story.timestampMs <= nowMs && story.timestampMs > nowMs - DAY) stories.push(story);
    }
  }
  return stories.sort((a, b) => b.timestampMs - a.timestampMs);
}
