// Media by other people: posts that tag an account, and public posts under a hashtag. They can be
// listed through /tags and the hashtag edges but never read by id.
import { fanUsername, generatedCaption } from './captions';
import { makeId, shortcodeOf, type IdKind } from './ids';
import type { MediaType, WorldMedia } from './model';
import { unit } from './random';

export function foreignMedia(seed: number, kind: IdKind, owner: number, serial: number, timestampMs: number): WorldMedia {
  const id = makeId(kind, owner, serial);
  const u = (k: string) => unit(seed, 'foreign', id, k);
  const mediaType: MediaType = u('type') < 0.6 ? 'IMAGE' : u('type') < 0.85 ? 'VIDEO' : 'CAROUSEL_ALBUM';
  const username = fanUsername(seed, id);
  return {
    id, ownerId: `1784${String(Math.floor(u('owner') * 1e13)).padStart(13, '0')}`, ownerUsername: username,
    kind: mediaType, mediaType, productType: 'FEED', timestampMs, caption: generatedCaption(seed, id), shortcode: shortcodeOf(id),
    children: mediaType === 'CAROUSEL_ALBUM'
      ? [0, 1].map((i) => ({ id: makeId('child', owner, 90_000_000_000 + serial * 10 + i), parentId: id, mediaType: 'IMAGE' as const, timestampMs }))
      : [],
    finalLikes: Math.round(20 + 2000 * u('likes') ** 2), finalComments: Math.round(30 * u('comments')),
    hideLikes: u('hide') < 0.1, copyrighted: false, viewers: 0, foreign: true,
  };
}
