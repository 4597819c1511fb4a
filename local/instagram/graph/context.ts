// What every Graph answer needs: the World, the call, and the viewer's rights (which accounts it can
// read, which scopes it holds).
import type { GraphCall } from '../platform-types';
import type { FacebookPage, World, WorldAccount } from '../world';
import { failures } from './failures';

export interface GraphContext {
  world: World;
  call: GraphCall;
  now: number;
  /** true on graph.instagram.com (Instagram Login semantics). */
  ig: boolean;
}

export function contextOf(world: World, call: GraphCall): GraphContext {
  return { world, call, now: call.now, ig: call.host === 'graph.instagram.com' };
}

/**
 * Pages a Facebook user token shows: a Page owned through a business portfolio is hidden without
 * business_management, as Meta does (reference §1.2).
 */
export function visiblePages(ctx: GraphContext, pages: FacebookPage[]): FacebookPage[] {
  const portfolio = ctx.call.viewer.scopes.includes('business_management');
  return pages.filter((p) => portfolio || !p.viaBusinessPortfolio);
}

/** IG accounts the viewer may read: its own (Instagram Login) or those linked to its Pages (Facebook Login). */
export function readableAccounts(ctx: GraphContext): string[] {
  const v = ctx.call.viewer;
  if (ctx.ig) return v.igUserId ? [v.igUserId] : [];
  if (v.pageId) {
    const page = ctx.world.page(v.pageId);
    return page?.igUserId ? [page.igUserId] : [];
  }
  if (v.fbUserId) return visiblePages(ctx, ctx.world.facebookUser(v.fbUserId)?.pages ?? []).flatMap((p) => (p.igUserId ? [p.igUserId] : []));
  return v.igUserId ? [v.igUserId] : [];
}

/** Whether the call carries a Page access token (from /me/accounts) rather than the person's user token. */
export function isPageToken(ctx: GraphContext): boolean {
  return ctx.call.viewer.pageId !== undefined;
}

/**
 * Calls Meta serves only with the person's own user token (Hashtag Search and its edges, Business
 * Discovery): a Page token is refused [the refusal's wording is the simulator's; see docs/scenarios.md].
 */
export function requireUserToken(ctx: GraphContext): void {
  if (isPageToken(ctx)) failures.userTokenRequired(ctx.call.host);
}

/** The account behind an id in the path, if the viewer may read it; else Meta's 100/33. */
export function readableAccount(ctx: GraphContext, igUserId: string): WorldAccount {
  const account = ctx.world.account(igUserId);
  if (!account || account.competitor || !readableAccounts(ctx).includes(igUserId)) return failures.unsupportedGet(ctx.call.host, igUserId);
  if (account.type === 'personal') return failures.permission(ctx.call.host);
  return account;
}

const SCOPES = {
  basic: { ig: 'instagram_business_basic', fb: 'instagram_basic' },
  insights: { ig: 'instagram_business_manage_insights', fb: 'instagram_manage_insights' },
  comments: { ig: 'instagram_business_manage_comments', fb: 'instagram_manage_comments' },
} as const;

export type ScopeNeed = keyof typeof SCOPES;

export function hasScope(ctx: GraphContext, need: ScopeNeed): boolean {
  return ctx.call.viewer.scopes.includes(SCOPES[need][ctx.ig ? 'ig' : 'fb']);
}

export function requireScope(ctx: GraphContext, need: ScopeNeed): void {
  if (!hasScope(ctx, need)) failures.permission(ctx.call.host);
}

/**
 * Insights of an account: instagram_manage_insights, and (Facebook Login) ads_read or ads_management when
 * the Page that links the account comes through a business portfolio (reference §1.2).
 */
export function requireInsights(ctx: GraphContext, igUserId: string): void {
  requireScope(ctx, 'insights');
  if (ctx.ig || !ctx.world.linkingPage(igUserId)?.viaBusinessPortfolio) return;
  if (!ctx.call.viewer.scopes.some((s) => s === 'ads_read' || s === 'ads_management')) failures.portfolioInsights(ctx.call.host);
}

/** Query parameter as an integer, or undefined. */
export function intParam(ctx: GraphContext, name: string): number | undefined {
  const raw = ctx.call.query[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? Math.trunc(n) : undefined;
}

/** since/until: Unix seconds, or a date string (Meta accepts strtotime strings). Returns epoch ms. */
export function timeParam(ctx: GraphContext, name: string): number | undefined {
  const raw = ctx.call.query[name];
  if (raw === undefined || raw === '') return undefined;
  if (/^-?\d+$/.test(raw)) return Number(raw) * 1000;
  const ms = Date.parse(raw);
  if (Number.isNaN(ms)) failures.invalidParameter(ctx.call.host, `(#100) The parameter ${name} is not a valid date`);
  return ms;
}
