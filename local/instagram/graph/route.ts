// routeGraph: answers one Graph call from the World, as graph.instagram.com or graph.facebook.com
// would. A table of routes by path shape; every failure becomes Meta's error envelope, never a throw.
import { errorBody, graphError } from '../errors';
import { FieldsSyntaxError, parseFields, type FieldRequest } from '../fields';
import type { GraphAnswer, GraphBackend, GraphCall, PlatformScenario } from '../platform-types';
import { World } from '../world';
import { parseId } from '../world/ids';
import { accountInsights } from './account-insights';
import { commentNode, commentsOfMedia, repliesOf } from './comments';
import { contextOf, requireScope, requireUserToken, type GraphContext } from './context';
import { facebookAccounts, facebookMe, facebookPermissions, pageNode } from './facebook';
import { failures, GraphFailure } from './failures';
import { hashtagMedia, hashtagNode, hashtagSearch } from './hashtags';
import { mediaChildren, mediaInsights, mediaNode, userMedia, userStories, userTags } from './media-routes';
import { userNode } from './user-node';
import type { Scenario } from '../scenario/types';

export type { Viewer, GraphCall, GraphAnswer } from '../platform-types';

type NodeKind = 'me' | 'user' | 'media' | 'comment' | 'hashtag' | 'page' | 'hashtag_search';

/** What an id in the path names, from the World's point of view. */
function kindOf(ctx: GraphContext, id: string): NodeKind | undefined {
  if (id === 'me') return 'me';
  if (id === 'ig_hashtag_search') return 'hashtag_search';
  if (ctx.world.account(id)) return 'user';
  if (ctx.world.page(id)) return 'page';
  if (ctx.world.hashtag(id)) return 'hashtag';
  const parsed = parseId(id);
  if (parsed?.kind === 'comment') return 'comment';
  if (parsed && ['post', 'child', 'story'].includes(parsed.kind)) return 'media';
  return undefined;
}

/** The IG user /me stands for: Instagram Login's account, or (Page token) the Page's linked account. */
function meAsUser(ctx: GraphContext): string | undefined {
  return ctx.ig ? ctx.call.viewer.igUserId : undefined;
}

type Handler = (ctx: GraphContext, id: string, fields: FieldRequest[] | undefined) => unknown;

/** Routes by (node kind, edge). The log's endpoint name is derived from the key. */
const ROUTES: Record<string, Handler> = {
  'user/': userNode,
  'user/media': userMedia,
  'user/stories': userStories,
  'user/tags': userTags,
  'user/insights': (ctx, id) => accountInsights(ctx, id),
  'user/recently_searched_hashtags': (ctx, id) => {
    if (ctx.ig) failures.nonexistingField(ctx.call.host, 'recently_searched_hashtags', 'User');
    requireUserToken(ctx);
    return { data: ctx.world.recentlySearched(id, ctx.now).map((h) => ({ id: h })) };
  },
  'media/': mediaNode,
  'media/children': mediaChildren,
  'media/insights': (ctx, id) => mediaInsights(ctx, id),
  'media/comments': (ctx, id, fields) => {
    const found = ctx.world.media(id, ctx.now);
    requireScope(ctx, 'basic');
    mediaNode(ctx, id, [{ name: 'id', modifiers: {} }]);
    return commentsOfMedia(ctx, found!.media, fields);
  },
  'comment/': commentNode,
  'comment/replies': repliesOf,
  'hashtag/': hashtagNode,
  'hashtag/top_media': (ctx, id, fields) => hashtagMedia(ctx, id, 'top_media', fields),
  'hashtag/recent_media': (ctx, id, fields) => hashtagMedia(ctx, id, 'recent_media', fields),
  'hashtag_search/': (ctx) => hashtagSearch(ctx),
  'page/': pageNode,
  'fbme/': (ctx, _id, fields) => facebookMe(ctx, fields),
  'fbme/accounts': (ctx, _id, fields) => facebookAccounts(ctx, fields),
  'fbme/permissions': (ctx) => facebookPermissions(ctx),
};

const ENDPOINT_NAMES: Record<string, string> = {
  user: '{ig-user-id}', media: '{media-id}', comment: '{comment-id}', hashtag: '{hashtag-id}', page: '{page-id}',
  hashtag_search: 'ig_hashtag_search', fbme: 'me', me: 'me',
};

function endpointOf(kind: string, edge: string): string {
  return `/${ENDPOINT_NAMES[kind] ?? kind}${edge ? `/${edge}` : ''}`;
}

function answer(ctx: GraphContext, kind: string, edge: string, id: string, fields: FieldRequest[] | undefined): GraphAnswer {
  const handler = ROUTES[`${kind}/${edge}`];
  if (!handler) {
    if (edge) failures.nonexistingField(ctx.call.host, edge, kind === 'user' ? 'IGUser' : 'IGMedia');
    failures.unsupportedGet(ctx.call.host, id);
  }
  if (kind !== 'fbme' && kind !== 'page' && kind !== 'hashtag_search' && kind !== 'hashtag') requireScope(ctx, 'basic');
  return { status: 200, body: handler(ctx, id, fields), endpoint: endpointOf(kind, edge) };
}

/** Answers one Graph call. Errors are answers too (Meta's envelope). Never throws for bad input. */
export function routeGraph(world: World, call: GraphCall): GraphAnswer {
  const ctx = contextOf(world, call);
  const segments = call.path.split('/').filter((s) => s !== '');
  const [id = '', edge = '', ...rest] = segments;
  let endpoint = `/${segments.join('/')}`;
  try {
    if (call.method !== 'GET') failures.unsupportedGet(call.host, id);
    if (rest.length) failures.unsupportedGet(call.host, id);
    let fields: FieldRequest[] | undefined;
    try {
      fields = call.query.fields !== undefined ? parseFields(call.query.fields) : undefined;
    } catch (e) {
      if (e instanceof FieldsSyntaxError) failures.invalidParameter(call.host, `(#100) ${e.message}`);
      throw e;
    }
    let kind = kindOf(ctx, id);
    let target = id;
    if (kind === 'me') {
      const igUser = meAsUser(ctx);
      if (ctx.ig) {
        if (!igUser) failures.unsupportedGet(call.host, 'me');
        kind = 'user';
        target = igUser!;
      } else kind = 'fbme' as NodeKind;
    }
    if (!kind) failures.unsupportedGet(call.host, id);
    endpoint = endpointOf(kind!, edge);
    return answer(ctx, kind!, edge, target, fields);
  } catch (e) {
    if (e instanceof GraphFailure) return { status: e.spec.status, body: errorBody(e.spec), endpoint };
    const spec = graphError(2, 'An unexpected error has occurred. Please retry your request later.', { transient: true });
    return { status: spec.status, body: errorBody(spec), endpoint };
  }
}

/** World & Graph as the Platform half plugs it in (SimulatorOptions.graph). */
export const worldGraph: GraphBackend<World> = {
  build: (scenario: PlatformScenario) => World.fromScenario(scenario as Scenario),
  route: routeGraph,
  followerDays: (world, igUserId, nowMs, days) => {
    if (!world.account(igUserId)) throw new Error(`no account with igUserId ${igUserId}`);
    return world.followerDays(igUserId, nowMs, days);
  },
};
