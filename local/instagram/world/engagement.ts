// Engagement that grows after a post goes up: likes approach their final number, comments arrive one
// by one (with replies), and media insights follow the same curve, so like_count, comments_count, the
// comment list and the insights all agree at any virtual time.
import { commentText, fanUsername } from './captions';
import { makeId, parseId } from './ids';
import type { WorldComment, WorldMedia } from './model';
import { Sequence, unit } from './random';
import { HOUR } from './time';

const SETTLE_MS = 36 * HOUR;

/** Share of the final engagement reached at `nowMs` (0 at posting, near 1 after a few days). */
export function growth(media: WorldMedia, nowMs: number): number {
  const age = Math.max(0, nowMs - media.timestampMs);
  return 1 - Math.exp(-age / SETTLE_MS);
}

export function likeCount(media: WorldMedia, nowMs: number): number {
  return Math.round(media.finalLikes * growth(media, nowMs));
}

/** Every comment the post will ever get (top-level, each with its replies), oldest first. */
export function allComments(seed: number, media: WorldMedia): WorldComment[] {
  const serial = parseId(media.id)?.serial ?? 0;
  const owner = parseId(media.id)?.owner ?? 0;
  const s = new Sequence(seed, 'comments', media.id);
  const whenAfter = (base: number) => base + Math.round(-SETTLE_MS * Math.log(1 - 0.98 * s.next()));
  const top: WorldComment[] = [];
  let made = 0;
  while (made < media.finalComments) {
    const id = makeId('comment', owner, serial * 1000 + made);
    const username = fanUsername(seed, id);
    const comment: WorldComment = {
      id, mediaId: media.id, text: commentText(seed, id, false), timestampMs: whenAfter(media.timestampMs), username,
      fromId: `1784${String(Math.floor(unit(seed, 'from', username) * 1e13)).padStart(13, '0')}`,
      likeCount: s.int(0, 12), hidden: s.next() < 0.03, replies: [],
    };
    made += 1;
    const replies = s.next() < 0.3 ? Math.min(s.int(1, 3), media.finalComments - made) : 0;
    for (let r = 0; r < replies; r++) {
      const rid = makeId('comment', owner, serial * 1000 + made);
      const fromOwner = r === 0;
      comment.replies.push({
        id: rid, mediaId: media.id, parentId: id, text: commentText(seed, rid, fromOwner),
        timestampMs: comment.timestampMs + s.int(1, 600) * 60_000,
        username: fromOwner ? media.ownerUsername : fanUsername(seed, rid),
        fromId: fromOwner ? media.ownerId : `1784${String(Math.floor(unit(seed, 'from', rid) * 1e13)).padStart(13, '0')}`,
        likeCount: s.int(0, 3), hidden: false, replies: [],
      });
      made += 1;
    }
    top.push(comment);
  }
  return top;
}

/** Top-level comments visible at `nowMs`, newest first, each with its visible replies (oldest first). */
export function visibleComments(seed: number, media: WorldMedia, nowMs: number): WorldComment[] {
  return allComments(seed, media)
    .filter((c) => c.timestampMs <= nowMs)
    .map((c) => ({ ...c, replies: c.replies.filter((r) => r.timestampMs <= nowMs).sort((a, b) => a.timestampMs - b.timestampMs) }))
    .sort((a, b) => b.timestampMs - a.timestampMs);
}

/** comments_count: comments plus replies, as the comment list shows them. */
export function commentsCount(seed: number, media: WorldMedia, nowMs: number): number {
  return visibleComments(seed, media, nowMs).reduce((n, c) => n + 1 + c.replies.length, 0);
}
