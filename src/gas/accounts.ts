// Connecting and disconnecting Instagram accounts: the sign-in link for the sidebar, the /usercallback
// page Instagram or Facebook redirects to, and disconnect. Tokens go to the user's properties only.
import { completeFacebookConnect, completeInstagramConnect, connectErrorFromCallback, shortLivedGrantOf } from '../core/accounts/connect';
import { ConnectError, NEW_CONNECTION, unexpectedConnectText, type ConnectAttempt } from '../core/accounts/messages';
import { missingScopes, scopesFor } from '../core/accounts/scopes';
import type { ConnectedAccount, LoginFlow } from '../core/accounts/types';
import { getReportOrNull, REPORTS } from '../core/reports/registry';
import { SidebarError } from '../core/sidebar/errors';
import { escapeHtml } from '../core/text/html';
import { createContext, type GasContext } from './context';
import { joinGroups } from './groups';
import { flowOfService, oauthService } from './oauth';
import { serve } from './serve';
import { syncTrigger } from './trigger';

const PENDING = 'sheetgram.connect';

interface PendingConnect {
  flow: LoginFlow;
  nonce: string;
  scopes: string[];
  at: number;
  /** The sidebar's button and account, when the sign-in renews a connected account (Reconnect, Add permission). */
  attempt?: ConnectAttempt;
}

function credentialsOrThrow(ctx: GasContext, flow: LoginFlow) {
  const creds = ctx.credentials(flow);
  if ('missing' in creds) throw new ConnectError('setup_missing', creds.missing.join(', '));
  return creds;
}

/**
 * The sign-in link for a flow, asking for the base scopes plus those the given reports need. accountId:
 * the connected account it renews (Reconnect, or Add permission when it asks for more than the account has).
 */
export function getConnectUrl(flow: LoginFlow, reportIds: string[], accountId?: string): { url: string } {
  // The execution's start, before any service call: the time budget counts from here.
  const startedAt = Date.now();
  return serve(() => {
    if (flow !== 'instagram' && flow !== 'facebook') throw new SidebarError('invalid_input', 'Choose Instagram Login or Facebook Login.');
    const ctx = createContext(startedAt);
    const creds = credentialsOrThrow(ctx, flow);
    const extra = (reportIds ?? []).flatMap((id) => getReportOrNull(String(id))?.requiredScopes[flow] ?? []);
    const scopes = scopesFor(flow, extra);
    const pending: PendingConnect = { flow, nonce: Utilities.getUuid(), scopes, at: Date.now() };
    const renewed = accountId ? ctx.accounts().get(String(accountId)) : null;
    if (renewed) {
      const more = missingScopes(extra, renewed.scopes).length > 0;
      pending.attempt = { button: more ? 'Add permission' : 'Reconnect', account: `@${renewed.username}` };
    }
    ctx.userProps().set(PENDING, JSON.stringify(pending));
    const url = oauthService(flow, creds, ctx.hosts(), scopes, ctx.settings().facebookConfigId).getAuthorizationUrl({ nonce: pending.nonce });
    return { url };
  });
}

function callbackPage(ok: boolean, title: string, lines: string[]): GoogleAppsScript.HTML.HtmlOutput {
  const body = lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('\n');
  const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Sheetgram</title>
<style>body{font-family:Roboto,Arial,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#202124}
h1{font-size:1.4rem;color:${ok ? '#137333' : '#c5221f'}}p{line-height:1.5}</style></head>
<body><main><h1 id="result" data-ok="${ok}">${escapeHtml(title)}</h1>
${body}
<p>You can close this tab and go back to the spreadsheet.</p></main></body></html>`;
  return HtmlService.createHtmlOutput(html).setTitle('Sheetgram');
}

const names = (accounts: ConnectedAccount[]) => accounts.map((a) => `@${a.username}`).join(', ');

/** Titles of the reports a sign-in serves that the account's previous sign-in could not (a permission added). */
function newlyServed(before: ConnectedAccount, after: ConnectedAccount): string[] {
  const serves = (a: ConnectedAccount, id: string) => missingScopes(REPORTS.find((r) => r.id === id)?.requiredScopes[a.flow] ?? [], a.scopes).length === 0;
  return REPORTS.filter((r) => r.loginFlows.includes(after.flow) && !serves(before, r.id) && serves(after, r.id)).map((r) => r.title);
}

/**
 * What the page says once signed in: a new account's reports are still to be chosen; a reconnected one's
 * go on by themselves (a permission added says which reports it now serves).
 */
function connectedPage(accounts: ConnectedAccount[], before: Map<string, ConnectedAccount>): { title: string; lines: string[] } {
  const renewed = accounts.filter((a) => before.has(a.id));
  const added = accounts.filter((a) => !before.has(a.id));
  const lines: string[] = [];
  if (renewed.length) {
    lines.push(`Sheetgram is signed in to ${names(renewed)} again. ${renewed.length === 1 ? 'Its reports go' : 'Their reports go'} on by themselves at the next hourly run, or now with Run now.`);
    const served = [...new Set(renewed.flatMap((a) => newlyServed(before.get(a.id)!, a)))];
    if (served.length) lines.push(`The new permission lets Sheetgram collect ${served.join(', ')} too: add ${served.length === 1 ? 'it' : 'them'} in the sidebar with New report, if not there yet.`);
  }
  if (added.length) lines.push(`Sheetgram can now read ${names(added)}. Back in the sidebar, choose the reports to collect.`);
  const one = accounts.length === 1;
  const title = !added.length
    ? (one ? `@${accounts[0].username} is reconnected` : `${accounts.length} accounts are reconnected`)
    : (one ? `@${accounts[0].username} is connected` : `${accounts.length} accounts are connected`);
  return { title, lines };
}

/** Where Instagram or Facebook sends the browser after the person allowed or cancelled. */
export function authCallback(request: { parameter: Record<string, string> }): GoogleAppsScript.HTML.HtmlOutput {
  // The execution's start, before any service call: the time budget counts from here.
  const startedAt = Date.now();
  const ctx = createContext(startedAt);
  const flow = flowOfService(request.parameter.serviceName);
  let service: GoogleAppsScriptOAuth2.OAuth2Service | null = null;
  // The button to name if it fails: the one the person used (known once the pending sign-in is read).
  let attempt: ConnectAttempt = NEW_CONNECTION;
  try {
    if (!flow) throw new ConnectError('state_invalid');
    const raw = ctx.userProps().get(PENDING);
    const pending = raw ? (JSON.parse(raw) as PendingConnect) : null;
    attempt = pending?.attempt ?? NEW_CONNECTION;
    // Only the sign-in this person last started from this add-on may finish (no replayed or foreign state).
    if (!pending || pending.flow !== flow || pending.nonce !== request.parameter.nonce) throw new ConnectError('state_invalid');
    const creds = credentialsOrThrow(ctx, flow);
    service = oauthService(flow, creds, ctx.hosts(), pending.scopes, ctx.settings().facebookConfigId);
    if (request.parameter.error) {
      if (request.parameter.error === 'access_denied') throw new ConnectError('consent_denied');
      throw new ConnectError('instagram_error', request.parameter.error_description || request.parameter.error);
    }
    let allowed: boolean;
    try {
      allowed = service.handleCallback(request);
    } catch (e) {
      throw connectErrorFromCallback(e instanceof Error ? e.message : String(e));
    }
    if (!allowed) throw new ConnectError('consent_denied');
    const grant = shortLivedGrantOf(service.getToken());
    if (!grant) throw new ConnectError('instagram_error', 'the sign-in gave no token');
    const deps = { transport: ctx.transport, hosts: ctx.hosts(), clock: ctx.clock, credentials: creds, accounts: ctx.accounts() };
    const before = new Map(ctx.accounts().list().map((a) => [a.id, a]));
    const accounts = flow === 'instagram' ? completeInstagramConnect(deps, grant, pending.scopes) : completeFacebookConnect(deps, grant, pending.scopes);
    ctx.userProps().delete(PENDING);
    ctx.log.info(`Connected ${accounts.map((a) => `@${a.username}`).join(', ')} with ${flow} login.`);
    // Reports for "all connected accounts" take the new account in; their schedules then cover it.
    if (joinGroups(ctx, accounts)) syncTrigger(ctx);
    const page = connectedPage(accounts, before);
    return callbackPage(true, page.title, page.lines);
  } catch (e) {
    const message = e instanceof ConnectError ? e.messageFor(attempt) : unexpectedConnectText(attempt);
    if (!(e instanceof ConnectError)) ctx.log.warn(`Connecting failed: ${e instanceof Error ? e.message : String(e)}`);
    return callbackPage(false, attempt.account ? `${attempt.account} was not reconnected` : 'The account was not connected', [message]);
  } finally {
    // The short-lived token is never kept: the long-lived one is stored per account.
    service?.reset();
  }
}

/** Removes the account's tokens and stops its schedules; its tabs and rows stay. */
export function disconnectAccount(accountId: string): { message: string } {
  // The execution's start, before any service call: the time budget counts from here.
  const startedAt = Date.now();
  return serve(() => {
    const ctx = createContext(startedAt);
    const accounts = ctx.accounts();
    const account = accounts.get(String(accountId));
    if (!account) throw new SidebarError('not_found', 'That account is not connected (any more).');
    accounts.remove(account.id);
    const configs = ctx.configs();
    const mine = configs.list().filter((c) => c.accountId === account.id && c.owner === ctx.userKey());
    for (const config of mine) if (config.schedule.kind !== 'off') configs.save({ ...config, schedule: { kind: 'off' } });
    syncTrigger(ctx);
    const reports = mine.length ? ` Its ${mine.length === 1 ? 'report no longer runs' : `${mine.length} reports no longer run`} on a schedule.` : '';
    return { message: `Disconnected @${account.username}.${reports} Its tabs and rows stay in this spreadsheet.` };
  });
}
