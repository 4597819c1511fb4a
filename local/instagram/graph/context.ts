// What every Graph answer needs: the World, the call, and the viewer's rights (which accounts it can
// read, which scopes it holds).
import type { GraphCall } from '../handler';
import type { World, WorldAccount } from '../world';
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

/** IG accounts the viewer may read: its own (Instagram Login) or those linked to its Pages (Facebook Login). */
export function readableAccounts(ctx: GraphContext): string[] {
  const v = ctx.call.viewer;
  if (ctx.ig) return v.igUserId ? [v.igUserId] : [];
  if (v.pageId) {
    const page = ctx.world.page(v.pageId);
    return page?.igUserId ? [page.igUserId] : [];
  }
  if (v.fbUserId) return (ctx.world.facebookUser(v.fbUserId)?.pages ?? []).flatMap((p) => (p.igUserId ? [p.igUserId] : []));
  return v.igUserId ? [v.igUserId] : [];
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
