// Facebook Login's own nodes: /me (the Facebook user, or the Page for a Page token), /me/accounts
// (the Pages, with instagram_business_account only where one is linked) and /{page-id}.
import type { FieldRequest } from '../fields';
import { FLOW_SCOPES } from '../oauth/scopes';
import { visiblePages, type GraphContext } from './context';
import { failures } from './failures';
import { pageLimit, pageOf, pagingOf } from './paging';

type PageInfo = { id: string; name: string; igUserId?: string };

function renderPage(ctx: GraphContext, page: PageInfo, fields: FieldRequest[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    if (f.name === 'id') out.id = page.id;
    else if (f.name === 'name') out.name = page.name;
    else if (f.name === 'access_token') out.access_token = ctx.call.pageToken(page.id);
    else if (f.name === 'instagram_business_account') {
      if (page.igUserId) out.instagram_business_account = { id: page.igUserId };
    } else if (f.name === 'category') out.category = 'Digital creator';
    else if (f.name === 'tasks') out.tasks = ['ANALYZE', 'ADVERTISE', 'MESSAGING', 'MODERATE', 'CREATE_CONTENT', 'MANAGE'];
    else failures.nonexistingField(ctx.call.host, f.name, 'Page');
  }
  return out;
}

const names = (list: string[]): FieldRequest[] => list.map((name) => ({ name, modifiers: {} }));

/** GET /me on graph.facebook.com */
export function facebookMe(ctx: GraphContext, fields: FieldRequest[] | undefined) {
  const v = ctx.call.viewer;
  if (v.pageId) {
    const page = ctx.world.page(v.pageId) ?? failures.unsupportedGet(ctx.call.host, 'me');
    return renderPage(ctx, page, fields?.length ? fields : names(['name', 'id']));
  }
  const user = (v.fbUserId && ctx.world.facebookUser(v.fbUserId)) || failures.unsupportedGet(ctx.call.host, 'me');
  const out: Record<string, unknown> = {};
  for (const f of fields?.length ? fields : names(['name', 'id'])) {
    if (f.name === 'id') out.id = user.fbUserId;
    else if (f.name === 'name') out.name = user.name;
    else failures.nonexistingField(ctx.call.host, f.name, 'User');
  }
  return out;
}

/** GET /me/accounts */
export function facebookAccounts(ctx: GraphContext, fields: FieldRequest[] | undefined) {
  const v = ctx.call.viewer;
  // With a Page token /me is the Page, which has no accounts edge: the Pages come with the user token.
  if (v.pageId) failures.nonexistingField(ctx.call.host, 'accounts', 'Page');
  const user = (v.fbUserId && ctx.world.facebookUser(v.fbUserId)) || failures.unsupportedGet(ctx.call.host, 'me');
  // Pages owned through a business portfolio are missing without business_management.
  const pages = v.scopes.includes('pages_show_list') ? visiblePages(ctx, user.pages) : [];
  const limit = pageLimit(ctx.call.query.limit, 25, 100);
  const page = pageOf(ctx, pages, (p) => p.id, limit, ctx.call.query.after, ctx.call.query.before);
  const wanted = fields?.length ? fields : names(['access_token', 'category', 'name', 'id', 'tasks']);
  return { data: page.items.map((p) => renderPage(ctx, p, wanted)), paging: pagingOf(ctx, page, limit) };
}

/** GET /{page-id} */
export function pageNode(ctx: GraphContext, pageId: string, fields: FieldRequest[] | undefined) {
  const page = ctx.world.page(pageId);
  const v = ctx.call.viewer;
  if (!page || (v.pageId ? v.pageId !== pageId : page.fbUserId !== v.fbUserId || !visiblePages(ctx, [page]).length)) return failures.unsupportedGet(ctx.call.host, pageId);
  const wanted = fields?.length ? fields : names(['name', 'id']);
  const out = renderPage(ctx, page, wanted);
  if (!('id' in out)) out.id = page.id;
  return out;
}

/**
 * GET /me/permissions: what the person granted and declined (Graph's documented shape). The token's
 * scopes are the granted ones; the flow's other permissions read as declined.
 */
export function facebookPermissions(ctx: GraphContext) {
  const v = ctx.call.viewer;
  if (v.pageId || !v.fbUserId) failures.unsupportedGet(ctx.call.host, 'me');
  const granted = v.scopes.map((permission) => ({ permission, status: 'granted' }));
  const declined = FLOW_SCOPES.facebook.filter((p) => !v.scopes.includes(p)).map((permission) => ({ permission, status: 'declined' }));
  return { data: [...granted, ...declined] };
}
