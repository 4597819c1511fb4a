// The sign-in window. Sheetgram's link opens Instagram's (or Facebook's) consent page in a new window;
// after Allow, Meta redirects to Apps Script's /usercallback on script.google.com. Locally:
// - the playground points the authorize hosts at itself (the Script Properties a deployer would set),
//   and passes those pages through to the simulator unchanged, adding the virtual time, so the page a
//   person sees and submits is the simulator's own;
// - the one change is the redirect: a Location on https://script.google.com/ becomes the same path on
//   the playground, whose /macros/d/<id>/usercallback does what Google does: rt.userCallback(query)
//   and the HTML page the script returns.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HOST_PROPERTY } from '../../src/core/config/platform';
import { VIRTUAL_TIME_HEADER } from '../apps-script/services/url-fetch';
import { LOCAL_SCRIPT_ID, type Stack } from '../platform/stack';
import { readBody, send, sendHtml } from './http';

/** Host prefixes of the pages a browser opens; the Graph API and the control API are never proxied. */
export const SIGN_IN_PREFIXES = ['/www.instagram.com/', '/www.facebook.com/'];
export const CALLBACK_PATH = `/macros/d/${LOCAL_SCRIPT_ID}/usercallback`;
const GOOGLE_SCRIPT = 'https://script.google.com/';

/** Makes the bundle's sign-in links open through this server. */
export function pointSignInAt(stack: Stack, playgroundUrl: string): void {
  stack.rt.properties.script.set(HOST_PROPERTY.instagramAuthorize, `${playgroundUrl}/www.instagram.com`);
  stack.rt.properties.script.set(HOST_PROPERTY.facebookDialog, `${playgroundUrl}/www.facebook.com`);
}

export function isSignInPath(path: string): boolean {
  return SIGN_IN_PREFIXES.some((prefix) => path.startsWith(prefix));
}

/** Passes a consent page request to the simulator and its answer back, redirect to Google rewritten. */
export async function proxySignIn(stack: Stack, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  const body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(req);
  const headers: Record<string, string> = { [VIRTUAL_TIME_HEADER]: String(stack.rt.clock.now()) };
  for (const name of ['content-type', 'cookie', 'accept', 'accept-language']) {
    const value = req.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  const answer = await fetch(`${stack.simulatorUrl}${req.url ?? '/'}`, { method, headers, body, redirect: 'manual' });
  const out: Record<string, string | string[]> = {};
  const type = answer.headers.get('content-type');
  if (type) out['content-type'] = type;
  const cookies = answer.headers.getSetCookie();
  if (cookies.length) out['set-cookie'] = cookies;
  const location = answer.headers.get('location');
  if (location) out.location = location.startsWith(GOOGLE_SCRIPT) ? `http://${req.headers.host}/${location.slice(GOOGLE_SCRIPT.length)}` : location;
  res.writeHead(answer.status, { 'cache-control': 'no-store', ...out });
  res.end(Buffer.from(await answer.arrayBuffer()));
}

/** Google's /usercallback: the state token names the function; its page is what the window shows. */
export function userCallback(stack: Stack, url: URL, res: ServerResponse): void {
  const query = Object.fromEntries(url.searchParams);
  let page: unknown;
  try {
    page = stack.rt.userCallback(query);
  } catch (error) {
    // Apps Script shows its own error page when the callback fails (an expired state token, say).
    sendHtml(res, 200, googleErrorPage(error instanceof Error ? error.message : String(error)));
    return;
  }
  if (typeof page === 'string') sendHtml(res, 200, page);
  else send(res, 200, 'text/plain; charset=utf-8', JSON.stringify(page ?? null));
}

function googleErrorPage(message: string): string {
  const text = message.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Error</title></head><body style="font-family:Arial,sans-serif;margin:2rem"><p id="google-error">${text}</p></body></html>`;
}
