// The consent pages of both login flows: Instagram's /oauth/authorize and Facebook's /dialog/oauth.
// GET shows the page; POST (the page's form, or a test) decides. Bad client_id, redirect_uri or scope
// give an HTML error page, never a redirect; Allow redirects with a code, Cancel with access_denied.
// A Facebook app of type 'business' (Facebook Login for Business) takes a configuration (config_id)
// whose permissions are asked instead of scope=, and refuses to open without one; other Facebook apps
// serve the classic dialog with scope=.
import type { PlatformAccount, PlatformScenario } from '../platform-types';
import type { ScenarioApp } from '../scenario/types';
import type { SimResponse } from '../errors';
import { htmlResponse, redirectResponse, type ParsedRequest } from '../router';
import type { TokenStore } from '../tokens/store';
import type { CodeStore } from './codes';
import { consentPage, errorPage, type ConsentPerson } from './consent-page';
import { grantedScopes, invalidScopes, parseScopes } from './scopes';

export interface OAuthContext {
  scenario: PlatformScenario;
  tokens: TokenStore;
  codes: CodeStore;
  now: number;
}

interface Person extends ConsentPerson {
  username?: string;
  personal: boolean;
  grantable?: string[];
}

interface FlowPage {
  brand: 'Instagram' | 'Facebook';
  cookie: string;
  forced: (p: Record<string, string>) => boolean;
  people: (s: PlatformScenario) => Person[];
  errors: { app: string; redirect: string; responseType: string; scopes: (bad: string[]) => string };
  denied: Record<string, string>;
  /** What Instagram and Facebook append to the redirect (not part of the code). */
  fragment: string;
}

const FLOW_PAGES: Record<'instagram' | 'facebook', FlowPage> = {
  instagram: {
    brand: 'Instagram',
    cookie: 'sim_ig_session',
    forced: (p) => ['1', 'true'].includes(p.force_reauth ?? '') || ['1', 'true'].includes(p.force_authentication ?? ''),
    people: (s) =>
      s.accounts
        .filter((a) => a.loginFlows.includes('instagram'))
        .map((a) => ({ id: a.igUserId, label: `@${a.username}`, detail: accountKind(a), username: a.username, personal: a.type === 'personal', grantable: a.grantedScopes })),
    errors: {
      app: 'Invalid Request: Request parameters are invalid: Invalid platform app',
      redirect: 'Invalid Request: Request parameters are invalid: Invalid redirect_uri',
      responseType: 'Invalid Request: Request parameters are invalid: Invalid response_type',
      scopes: (bad) => `Invalid Scopes: ${bad.join(', ')}`,
    },
    denied: { error: 'access_denied', error_reason: 'user_denied', error_description: 'The user denied your request' },
    fragment: '#_',
  },
  facebook: {
    brand: 'Facebook',
    cookie: 'sim_fb_session',
    forced: (p) => p.auth_type === 'reauthenticate' || ['1', 'true'].includes(p.force_reauth ?? ''),
    people: facebookPeople,
    errors: {
      app: 'Invalid App ID: The provided app ID does not look like a valid app ID.',
      redirect:
        "URL Blocked: This redirect failed because the redirect URI is not whitelisted in the app's Client OAuth Settings. Make sure Client and Web OAuth Login are on and add all your app domains as Valid OAuth Redirect URIs.",
      responseType: 'Invalid response_type: only code is supported by this app',
      scopes: (bad) => `Invalid Scopes: ${bad.join(', ')}. This message is only shown to developers.`,
    },
    denied: { error: 'access_denied', error_code: '200', error_description: 'Permissions error', error_reason: 'user_denied' },
    fragment: '#_=_',
  },
};

/** [chosen] Meta's wording for these two refusals is not recorded in the reference. */
const CONFIG_ERRORS = {
  missing: 'This app uses Facebook Login for Business: the login dialog needs a configuration (config_id). Create one under Facebook Login for Business > Configurations and pass its id.',
  unknown: (id: string) => `Invalid config_id: ${id} is not a Facebook Login for Business configuration of this app.`,
};

/** The permissions the dialog asks for: the configuration's (Facebook Login for Business), else scope=. */
function requestedScopes(flow: 'instagram' | 'facebook', app: ScenarioApp, p: Record<string, string>): { scopes: string[] } | { error: string } {
  if (flow === 'facebook' && app.type === 'business') {
    if (!p.config_id) return { error: CONFIG_ERRORS.missing };
    const config = app.loginConfigurations?.find((c) => c.id === p.config_id);
    return config ? { scopes: [...config.permissions] } : { error: CONFIG_ERRORS.unknown(p.config_id) };
  }
  return { scopes: parseScopes(p.scope) };
}

const NOT_PROFESSIONAL = 'This account can’t be connected: only Instagram professional accounts (Business or Creator) can log in to this app. Switch to a professional account in the Instagram app and try again.';

function accountKind(a: PlatformAccount): string {
  return { business: 'Business account', creator: 'Creator account', personal: 'Personal account' }[a.type];
}

function facebookPeople(s: PlatformScenario): Person[] {
  const people = new Map<string, Person>();
  for (const a of s.accounts) {
    if (!a.facebook || !a.loginFlows.includes('facebook') || people.has(a.facebook.userId)) continue;
    const pages = a.facebook.pages.map((p) => p.name).join(', ');
    people.set(a.facebook.userId, {
      id: a.facebook.userId,
      label: a.facebook.name ?? a.name ?? a.username,
      detail: pages ? `Pages: ${pages}` : 'no Pages',
      personal: false,
      grantable: a.grantedScopes,
    });
  }
  return [...people.values()];
}

/** GET shows the consent page; POST carries the decision. */
export function authorize(flow: 'instagram' | 'facebook', req: ParsedRequest, ctx: OAuthContext): SimResponse {
  const fp = FLOW_PAGES[flow];
  const p = req.params;
  const app: ScenarioApp | undefined = ctx.scenario.apps.find((a) => a.flow === flow && a.clientId === p.client_id);
  if (!app) return htmlResponse(400, errorPage(fp.brand, fp.errors.app));
  if (!p.redirect_uri || !app.redirectUris.includes(p.redirect_uri)) return htmlResponse(400, errorPage(fp.brand, fp.errors.redirect));
  if ((p.response_type ?? 'code') !== 'code') return htmlResponse(400, errorPage(fp.brand, fp.errors.responseType));
  const requested = requestedScopes(flow, app, p);
  if ('error' in requested) return htmlResponse(400, errorPage(fp.brand, requested.error));
  const scopes = requested.scopes;
  const bad = invalidScopes(flow, scopes);
  if (bad.length) return htmlResponse(400, errorPage(fp.brand, fp.errors.scopes(bad)));
  const people = fp.people(ctx.scenario);

  if (req.method === 'GET') {
    const remembered = fp.forced(p) ? undefined : people.find((x) => x.id === req.cookies[fp.cookie]);
    const hidden: Record<string, string> = {};
    for (const key of ['client_id', 'redirect_uri', 'response_type', 'scope', 'config_id', 'state', 'force_reauth', 'auth_type']) if (p[key] !== undefined) hidden[key] = p[key];
    const html = consentPage({
      brand: fp.brand,
      appName: `App ${app.clientId}`,
      action: `${req.hostPrefix}${req.path}`,
      hidden,
      scopes,
      people: remembered ? [remembered] : people,
      remembered: remembered !== undefined,
    });
    return htmlResponse(200, html);
  }

  if (p.decision === 'deny') return redirectResponse(withParams(p.redirect_uri, { ...fp.denied, ...stateOf(p) }, fp.fragment));
  if (p.decision !== 'allow') return htmlResponse(400, errorPage(fp.brand, 'Choose Allow or Cancel.'));
  const person = people.find((x) => x.id === p.account || (x.username !== undefined && x.username === p.account));
  if (!person) return htmlResponse(400, errorPage(fp.brand, 'Choose an account to log in with.'));
  if (person.personal) return htmlResponse(200, errorPage(fp.brand, NOT_PROFESSIONAL));
  const code = ctx.codes.issue(
    {
      flow,
      appId: app.clientId,
      redirectUri: p.redirect_uri,
      ...(flow === 'instagram' ? { igUserId: person.id } : { fbUserId: person.id }),
      scopes: grantedScopes(scopes, person.grantable),
    },
    ctx.now,
  );
  const cookie = `${fp.cookie}=${encodeURIComponent(person.id)}; Path=/; HttpOnly; SameSite=Lax`;
  return redirectResponse(withParams(p.redirect_uri, { code: code.code, ...stateOf(p) }, fp.fragment), { 'set-cookie': cookie });
}

function stateOf(p: Record<string, string>): Record<string, string> {
  return p.state !== undefined ? { state: p.state } : {};
}

function withParams(base: string, params: Record<string, string>, fragment: string): string {
  const url = new URL(base);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  url.hash = '';
  return url.toString() + fragment;
}
