// The IG User node: /me and /{ig-user-id} with field selection, the fields each host allows, and the
// edges read as fields: media{...}, stories{...}, business_discovery.username(x){...},
// mentioned_media.media_id(id){...}.
import type { FieldRequest } from '../fields';
import type { WorldAccount } from '../world';
import { unit } from '../world/random';
import type { GraphContext } from './context';
import { readableAccount, requireUserToken } from './context';
import { failures } from './failures';
import { checkMediaFields, mediaFieldsOf, renderMedia } from './media-node';
import { encodeCursor, pageLimit, pageOf } from './paging';

type Render = (ctx: GraphContext, a: WorldAccount, f: FieldRequest) => unknown;
interface UserField {
  render: Render;
  /** Which host has it: both (default), only Instagram Login, only Facebook Login. */
  host?: 'instagram' | 'facebook';
  /** Readable on other accounts through Business Discovery. */
  isPublic?: boolean;
}

function pictureUrl(ctx: GraphContext, a: WorldAccount): string {
  const ccb = Math.floor(unit(ctx.world.seed, 'pic', a.igUserId, ctx.now) * 1e9).toString(36);
  return `https://scontent.cdninstagram.sim/v/t51.2885-19/${a.igUserId}_n.jpg?ccb=${ccb}&_nc_ht=scontent.cdninstagram.sim`;
}

const FIELDS: Record<string, UserField> = {
  id: { render: (c, a) => (c.ig && c.call.path.split('/')[0] === 'me' ? a.appScopedId : a.igUserId), isPublic: true },
  user_id: { render: (_c, a) => a.igUserId, host: 'instagram' },
  username: { render: (_c, a) => a.username, isPublic: true },
  name: { render: (_c, a) => a.name, isPublic: true },
  biography: { render: (_c, a) => a.biography, isPublic: true },
  website: { render: (_c, a) => a.website, isPublic: true },
  profile_picture_url: { render: (c, a) => pictureUrl(c, a), isPublic: true },
  followers_count: { render: (c, a) => c.world.followersAt(a.igUserId, c.now), isPublic: true },
  follows_count: { render: (_c, a) => a.follows, isPublic: true },
  media_count: { render: (c, a) => Math.min(c.world.posts(a.igUserId, c.now).length, Number.MAX_SAFE_INTEGER), isPublic: true },
  account_type: { render: (_c, a) => (a.type === 'creator' ? 'Media_Creator' : 'Business'), host: 'instagram' },
  has_profile_pic: { render: () => true, host: 'facebook' },
  is_published: { render: () => true, host: 'facebook' },
  legacy_instagram_user_id: { render: (_c, a) => a.igUserId.replace(/^1784/, '1'), host: 'facebook' },
  media: { render: (c, a, f) => mediaEdge(c, a, f, 'own') },
  stories: { render: (c, a, f) => storiesEdge(c, a, f) },
  business_discovery: { render: (c, _a, f) => businessDiscovery(c, f), host: 'facebook' },
  mentioned_media: { render: (c, a, f) => mentionedMedia(c, a, f) },
};

function checkUserFields(ctx: GraphContext, fields: FieldRequest[], discovery: boolean): void {
  for (const f of fields) {
    const rule = FIELDS[f.name];
    const wrongHost = rule?.host !== undefined && rule.host !== (ctx.ig ? 'instagram' : 'facebook');
    if (!rule || wrongHost || (discovery && !rule.isPublic && f.name !== 'media')) {
      failures.nonexistingField(ctx.call.host, f.name, ctx.ig ? 'User' : 'IGUser');
    }
  }
}

function render(ctx: GraphContext, account: WorldAccount, fields: FieldRequest[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = FIELDS[f.name].render(ctx, account, f);
    if (v !== undefined) out[f.name] = v;
  }
  // Graph nodes always carry their id, asked for or not.
  if (out.id === undefined) out.id = FIELDS.id.render(ctx, account, { name: 'id', modifiers: {} });
  return out;
}

/** Nested `media.after(c).limit(n){...}`: a page with cursors only (no links inside an expansion). */
function mediaEdge(ctx: GraphContext, account: WorldAccount, f: FieldRequest, view: 'own' | 'discovery') {
  const wanted = mediaFieldsOf(f.children);
  checkMediaFields(ctx, wanted, view);
  const limit = pageLimit(f.modifiers.limit?.[0], 25, ctx.world.scenario.limits?.mediaPageCap ?? 100);
  const all = ctx.world.posts(account.igUserId, ctx.now).slice(0, 10_000);
  const page = pageOf(ctx, all, (m) => m.id, limit, f.modifiers.after?.[0], f.modifiers.before?.[0]);
  const paging: Record<string, unknown> = {};
  if (page.before) paging.cursors = { before: page.before, after: page.after };
  return { data: page.items.map((m) => renderMedia(ctx, m, wanted, view)), paging };
}

function storiesEdge(ctx: GraphContext, account: WorldAccount, f: FieldRequest) {
  const wanted = mediaFieldsOf(f.children);
  checkMediaFields(ctx, wanted, 'own');
  const stories = ctx.world.stories(account.igUserId, ctx.now);
  const out: Record<string, unknown> = { data: stories.map((m) => renderMedia(ctx, m, wanted, 'own')) };
  if (stories.length) out.paging = { cursors: { before: encodeCursor(stories[0].id), after: encodeCursor(stories[stories.length - 1].id) } };
  return out;
}

/** business_discovery.username(x){...}: another professional account's public fields and media. */
function businessDiscovery(ctx: GraphContext, f: FieldRequest) {
  requireUserToken(ctx);
  const username = f.modifiers.username?.[0] ?? '';
  const target = ctx.world.accountByUsername(username);
  if (!target || target.type === 'personal' || target.ageGated) return failures.userNotFound(username);
  const wanted = f.children?.length ? f.children : [{ name: 'id', modifiers: {} }];
  checkUserFields(ctx, wanted, true);
  const out: Record<string, unknown> = {};
  for (const sub of wanted) {
    const v = sub.name === 'media' ? mediaEdge(ctx, target, sub, 'discovery') : sub.name === 'id' ? target.igUserId : FIELDS[sub.name].render(ctx, target, sub);
    if (v !== undefined) out[sub.name] = v;
  }
  if (out.id === undefined) out.id = target.igUserId;
  return out;
}

/** mentioned_media.media_id(id){...}: a post by someone else that @mentions the account. */
function mentionedMedia(ctx: GraphContext, account: WorldAccount, f: FieldRequest) {
  const id = f.modifiers.media_id?.[0] ?? '';
  const media = ctx.world.tagged(account.igUserId, ctx.now).find((m) => m.id === id);
  if (!media) return failures.unsupportedGet(ctx.call.host, id);
  const wanted = mediaFieldsOf(f.children);
  checkMediaFields(ctx, wanted, 'own');
  return renderMedia(ctx, media, wanted, 'own');
}

const DEFAULT_USER_FIELDS: Record<'instagram' | 'facebook', string[]> = { instagram: ['id'], facebook: ['id'] };

/** GET /{ig-user-id} or (Instagram Login) /me. */
export function userNode(ctx: GraphContext, igUserId: string, fields: FieldRequest[] | undefined) {
  const account = readableAccount(ctx, igUserId);
  const wanted = fields?.length ? fields : DEFAULT_USER_FIELDS[ctx.ig ? 'instagram' : 'facebook'].map((name) => ({ name, modifiers: {} }));
  checkUserFields(ctx, wanted, false);
  return render(ctx, account, wanted);
}
