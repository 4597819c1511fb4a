// UrlFetchApp for one execution: fetch, fetchAll and getRequest with Google's checks in Google's
// order (auth mode, limits, allowlist, quota), redirects, and the "Request failed" error unless
// muteHttpExceptions.
import { guarded, type Execution, type Platform } from '../../platform';
import { checkAllowed } from './allowlist';
import { decode } from './bytes';
import { checkRequestLimits, checkResponseSize } from './limits';
import { exception, networkFailureMessage, TRUNCATED_BODY_CHARS, URL_FETCH_ERRORS } from './messages';
import type { LocalNetwork, RequestContext } from './network';
import { describeRequest, prepareRequest, type FetchParams, type PreparedRequest } from './request';
import { createHttpResponse } from './response';
import type { WireOutcome, WireRequest } from './transport';

/** Google does not document its redirect limit; browsers use about 20. */
export const MAX_REDIRECTS = 20;
/** Modes in which UrlFetch may run (reference §3.2: Jdbc/UrlFetch yes in CUSTOM_FUNCTION and FULL). */
const ALLOWED_MODES = new Set(['FULL', 'CUSTOM_FUNCTION']);
/** Redirect statuses, and whether the method and body survive the hop. */
const REDIRECTS: Record<number, { keepMethod: boolean }> = {
  301: { keepMethod: false },
  302: { keepMethod: false },
  303: { keepMethod: false },
  307: { keepMethod: true },
  308: { keepMethod: true },
};

function toWire(request: PreparedRequest): WireRequest {
  return {
    method: request.method.toUpperCase(),
    url: request.url,
    headers: request.headers,
    body: request.body,
    timeoutMs: request.timeoutMs,
    validateHttpsCertificates: request.validateHttpsCertificates,
  };
}

function locationOf(outcome: WireOutcome): string | undefined {
  if (!outcome.ok) return undefined;
  return outcome.response.headers.find(([name]) => name.toLowerCase() === 'location')?.[1];
}

function nextHop(request: PreparedRequest, status: number, location: string): PreparedRequest {
  const url = new URL(location, request.url).toString();
  if (REDIRECTS[status].keepMethod || request.method === 'get') return { ...request, url };
  const headers = { ...request.headers };
  delete headers['Content-Type'];
  return { ...request, url, method: 'get', headers, body: new Uint8Array(0) };
}

export function createUrlFetchApp(platform: Platform, network: LocalNetwork): GoogleAppsScript.URL_Fetch.UrlFetchApp {
  function begin(method: string): Execution {
    const execution = platform.enter('UrlFetchApp', method);
    if (!ALLOWED_MODES.has(execution.authMode)) throw exception(URL_FETCH_ERRORS.permission(method));
    return execution;
  }

  /** Sends the requests as one round trip, then follows redirects hop by hop (a round trip per hop). */
  function send(requests: PreparedRequest[], execution: Execution): GoogleAppsScript.URL_Fetch.HTTPResponse[] {
    for (const request of requests) {
      checkRequestLimits(request);
      checkAllowed(request.url, network.allowlist);
    }
    const context: RequestContext = { userId: execution.user.id, userEmail: execution.user.email, clock: platform.clock };
    network.charge(execution.user.id, platform.clock.now(), requests.length);

    const current = [...requests];
    const outcomes = network.roundTrip(current.map(toWire), context);
    const hops = current.map(() => 0);
    for (;;) {
      const pending = current.map((_, i) => i).filter((i) => {
        const outcome = outcomes[i];
        return current[i].followRedirects && outcome.ok && REDIRECTS[outcome.response.status] && locationOf(outcome) !== undefined;
      });
      if (pending.length === 0) break;
      for (const i of pending) {
        const outcome = outcomes[i] as Extract<WireOutcome, { ok: true }>;
        hops[i] += 1;
        if (hops[i] > MAX_REDIRECTS) throw exception(URL_FETCH_ERRORS.tooManyRedirects(current[i].url));
        current[i] = nextHop(current[i], outcome.response.status, locationOf(outcome)!);
        checkAllowed(current[i].url, network.allowlist);
      }
      const answers = network.roundTrip(pending.map((i) => toWire(current[i])), context);
      pending.forEach((i, k) => (outcomes[i] = answers[k]));
    }

    return outcomes.map((outcome, i) => {
      const request = current[i];
      if (!outcome.ok) {
        if (outcome.code === 'RESPONSE_TOO_LARGE') throw exception(URL_FETCH_ERRORS.responseSize);
        throw exception(networkFailureMessage(outcome.code, request.url));
      }
      checkResponseSize(outcome.response.body.byteLength);
      const { status, body } = outcome.response;
      if (status >= 400 && !request.muteHttpExceptions) {
        const text = decode(body).slice(0, TRUNCATED_BODY_CHARS);
        throw exception(URL_FETCH_ERRORS.httpStatus(new URL(request.url).origin, status, text));
      }
      return createHttpResponse(request.url, outcome.response);
    });
  }

  const app = {
    fetch(url: string, params?: FetchParams) {
      const execution = begin('fetch');
      return send([prepareRequest(url, params)], execution)[0];
    },
    fetchAll(requests: (string | FetchParams)[]) {
      const execution = begin('fetchAll');
      if (!Array.isArray(requests)) throw exception(URL_FETCH_ERRORS.invalidUrl(String(requests)));
      const prepared = requests.map((item) => (typeof item === 'string' ? prepareRequest(item) : prepareRequest(item?.url ?? '', item)));
      // The call was charged as one request when it entered; the others cost their share too.
      platform.chargeUnits?.('UrlFetchApp', 'fetchAll', prepared.length - 1);
      return prepared.length === 0 ? [] : send(prepared, execution);
    },
    getRequest(url: string, params?: FetchParams) {
      begin('getRequest');
      return describeRequest(prepareRequest(url, params));
    },
  };
  return guarded('UrlFetchApp', app) as unknown as GoogleAppsScript.URL_Fetch.UrlFetchApp;
}
