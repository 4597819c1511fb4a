// Graph calls made outside the Graph client (connecting an account reads its profile) count at Meta like
// any other: they are added to the account's counters afterwards, so a run started in the same hour does
// not go over the limit by them. Which account a call was for is read from the answer: the IG user node it
// returned (`user_id` on Instagram Login's /me, or the id the path named).
import type { HttpRequest, HttpResponse, Transport } from '../ports';

export interface OutsideCall {
  account: string;
  flow: 'instagram' | 'facebook';
}

function pathSegments(url: string): string[] {
  const path = url.replace(/^[a-z]+:\/\/[^/]+/i, '').split('?')[0];
  return path.split('/').filter(Boolean);
}

/** The Instagram account a successful Graph answer was about, when it says so; null for anything else. */
export function accountOfAnswer(request: HttpRequest, response: HttpResponse): OutsideCall | null {
  if (response.status !== 200 || request.method !== 'GET') return null;
  const host = /graph\.(instagram|facebook)\.com/.exec(request.url)?.[1] as OutsideCall['flow'] | undefined;
  if (!host) return null;
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    return null;
  }
  if (typeof body !== 'object' || body === null) return null;
  const node = body as Record<string, unknown>;
  const segments = pathSegments(request.url).filter((s) => !/^v\d+\.\d+$/.test(s));
  if (segments.includes('access_token') || segments.includes('refresh_access_token') || segments.includes('oauth')) return null;
  const userId = node.user_id === undefined ? undefined : String(node.user_id);
  if (userId && /^\d+$/.test(userId)) return { account: userId, flow: host };
  const id = node.id === undefined ? undefined : String(node.id);
  if (id && segments.length === 1 && segments[0] === id && typeof node.username === 'string') return { account: id, flow: host };
  return null;
}

/** A transport that tells `counted` about each answer from which an account's call can be told. */
export function countingTransport(transport: Transport, counted: (call: OutsideCall) => void): Transport {
  const note = (request: HttpRequest, response: HttpResponse) => {
    const call = accountOfAnswer(request, response);
    if (call) counted(call);
  };
  return {
    send(request) {
      const response = transport.send(request);
      note(request, response);
      return response;
    },
    sendAll(requests) {
      const responses = transport.sendAll(requests);
      responses.forEach((response, i) => note(requests[i], response));
      return responses;
    },
  };
}
