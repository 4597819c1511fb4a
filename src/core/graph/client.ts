// The Graph client: owns the token (sent as access_token, never logged), the API version and the host,
// builds URLs, parses answers, pages through edges and reads many nodes at once (the batch endpoint on
// graph.facebook.com, fetchAll elsewhere). Every call goes through the pipeline: retry -> throttle -> transport.
import type { PlatformHosts } from '../config/platform';
import type { Clock, HttpRequest, HttpResponse, KeyValueStore, Lock, Transport } from '../ports';
import type { RetryOptions } from '../http/retry';
import { backoffMs } from '../http/retry';
import { figureFromInsights } from '../quota/audience-figure';
import { createThrottle, type Throttle } from '../quota/throttle';
import { batchOperations, chunks, readBatchEntries, type BatchEntry } from './batch';
import { WAYSIDE_RULES } from './error-table';
import { GraphApiError, isGraphApiError } from './errors';
import { isRecord, parseGraphJson } from './json';
import { createPipeline } from './pipeline';
import type { GraphPage, GraphReader, GraphRequest, GraphResult } from './reader';
import { redact, withoutSecretParams } from './redact';
import { DEFAULT_GRAPH_CLIENT_SETTINGS, type GraphClientSettings } from './settings';
import { graphUrl, rebaseNext, withToken } from './urls';

export interface GraphClientOptions {
  transport: Transport;
  clock: Clock;
  /** Where the quota windows live (PropertiesService), shared by every execution. */
  store: KeyValueStore;
  /** Guards the quota windows (LockService). */
  lock: Lock;
  host: 'instagram' | 'facebook';
  hosts: PlatformHosts;
  token: string;
  /** Instagram account id the calls are for. */
  account: string;
  /** Meta app id. */
  appId: string;
  settings?: Partial<GraphClientSettings>;
  /** Epoch ms the run must end by: no retry sleeps past it. */
  deadline?: number | (() => number);
  /** Uniform in [0, 1) for backoff jitter (default Math.random). */
  random?: () => number;
  /** Caller's policy for rate limits (see withRetry). Absent: a rate limit fails at once. */
  onRateLimit?: RetryOptions['onRateLimit'];
  /** Whose UrlFetch daily quota (a stable id of the Google user). */
  userKey?: string;
  /** More values to redact from messages (the app secret). */
  secrets?: string[];
  /**
   * The account's throttle when an execution runs several reports: permits reserved for one run serve
   * the next, and whoever passes it in releases it (the client's release() then only tells it the run ended).
   */
  throttle?: Throttle;
}

export interface GraphClient extends GraphReader {
  /** Gives unused reserved permits back to the shared window. Call when the run ends. */
  release(): void;
  readonly throttle: Throttle;
}

const RETRIED_IN_ROUNDS = new Set(['transient', 'network', 'malformed']);

export function createGraphClient(options: GraphClientOptions): GraphClient {
  const settings: GraphClientSettings = { ...DEFAULT_GRAPH_CLIENT_SETTINGS, ...options.settings };
  const { clock, token } = options;
  const base = options.host === 'facebook' ? options.hosts.facebookGraph : options.hosts.instagramGraph;
  const secrets = [token, ...(options.secrets ?? [])];
  const random = options.random ?? Math.random;
  const deadline = typeof options.deadline === 'number' ? () => options.deadline as number : options.deadline;
  const throttle = options.throttle ?? createThrottle({
    store: options.store, lock: options.lock, clock, account: options.account, appId: options.appId, userKey: options.userKey, settings,
  });
  const pipeline = createPipeline({ transport: options.transport, throttle, clock, settings, secrets, random, deadline, onRateLimit: options.onRateLimit });
  const useBatch = options.host === 'facebook' || settings.batchOnInstagram;

  /** The account's daily views or reach, when an answer carries them: the throttle's day budget follows them. */
  function noteAudience(path: string, params: Record<string, string> | undefined, body: unknown): void {
    const figure = figureFromInsights(options.account, path, params ?? {}, body);
    if (figure) throttle.noteAudience(figure);
  }

  function getRequest(url: string): HttpRequest {
    if (url.length > settings.maxUrlLength) {
      throw new GraphApiError({
        kind: 'invalid', retryable: false, message: `Request URL is ${url.length} characters; UrlFetch allows about ${settings.maxUrlLength}`,
        userMessage: 'This request asks for too many fields at once. Choose fewer fields for this report.', request: `GET ${url.slice(0, 200)}...`,
      });
    }
    return { method: 'GET', url: withToken(url, token) };
  }

  /** The parsed body of a successful answer; throws the classified failure otherwise. */
  function bodyOf(request: HttpRequest, response: HttpResponse): unknown {
    const failure = pipeline.failureOf(request, response);
    if (failure) throw failure;
    return parseGraphJson(response.body);
  }

  function fetchUrl(url: string): unknown {
    const request = getRequest(url);
    return bodyOf(request, pipeline.send(request));
  }

  function malformed(request: HttpRequest, what: string): GraphApiError {
    return new GraphApiError({
      kind: 'malformed', retryable: true, message: what, userMessage: WAYSIDE_RULES.malformed.userMessage, request: redact(`${request.method} ${request.url}`, secrets),
    });
  }

  function page<T>(path: string, params: Record<string, string> = {}, from?: { next?: string; after?: string }): GraphPage<T> {
    const url = from?.next ? rebaseNext(from.next, base) : graphUrl(base, settings.apiVersion, path, { ...params, after: from?.after });
    const request = getRequest(url);
    const body = bodyOf(request, pipeline.send(request));
    if (!isRecord(body) || !Array.isArray(body.data)) throw malformed(request, 'Instagram sent a page without a data list');
    const paging = isRecord(body.paging) ? body.paging : {};
    const cursors = isRecord(paging.cursors) ? paging.cursors : {};
    return {
      items: body.data as T[],
      next: typeof paging.next === 'string' && paging.next ? withoutSecretParams(paging.next) : null,
      after: typeof cursors.after === 'string' && cursors.after ? cursors.after : null,
    };
  }

  /** One batch POST for up to batchSize requests; entries in order. */
  function sendBatch(requests: GraphRequest[]): BatchEntry[] {
    const request: HttpRequest = {
      method: 'POST',
      url: `${base}/${settings.apiVersion}`,
      body: { access_token: token, include_headers: 'false', batch: JSON.stringify(batchOperations(requests)) },
    };
    const body = bodyOf(request, pipeline.send(request, requests.length));
    const entries = readBatchEntries(body, requests.length);
    if (!entries) throw malformed(request, 'Instagram sent a batch answer that does not match the batch');
    return entries;
  }

  function batchRequestOf(r: GraphRequest): HttpRequest {
    return { method: 'GET', url: graphUrl(base, settings.apiVersion, r.path, r.params) };
  }

  /** Runs `round` over the pending requests, again for those left unfinished, within batchRetryRounds. */
  function inRounds<T>(requests: GraphRequest[], round: (pending: number[]) => (BatchEntry | GraphApiError)[]): GraphResult<T>[] {
    const results: (GraphResult<T> | null)[] = requests.map(() => null);
    let pending = requests.map((_, i) => i);
    for (let attempt = 1; pending.length > 0; attempt++) {
      const answers = round(pending);
      const again: number[] = [];
      const last = attempt > settings.batchRetryRounds;
      pending.forEach((index, i) => {
        const answer = answers[i];
        const failure = answer === null ? null : isGraphApiError(answer) ? answer : pipeline.failureOf(batchRequestOf(requests[index]), answer);
        const unfinished = answer === null || (failure !== null && RETRIED_IN_ROUNDS.has(failure.kind));
        if (unfinished && !last) again.push(index);
        else if (answer === null) results[index] = { ok: false, error: unfinishedError(requests[index]) };
        else if (failure) results[index] = { ok: false, error: failure };
        else results[index] = { ok: true, value: parseGraphJson((answer as HttpResponse).body) as T };
      });
      if (again.length > 0) {
        const wait = backoffMs(attempt, random, settings.baseDelayMs, settings.maxDelayMs);
        if (deadline && clock.now() + wait > deadline()) {
          for (const index of again) results[index] = { ok: false, error: unfinishedError(requests[index]) };
          break;
        }
        if (wait > 0) clock.sleep(wait);
      }
      pending = again;
    }
    return results as GraphResult<T>[];
  }

  function unfinishedError(r: GraphRequest): GraphApiError {
    return new GraphApiError({
      kind: 'transient', retryable: true, message: `Instagram did not finish ${r.path} in time`,
      userMessage: 'Instagram did not answer this part in time. Sheetgram will try again on its next run.',
      request: withoutSecretParams(`GET ${batchRequestOf(r).url}`),
    });
  }

  function getMany<T>(requests: GraphRequest[]): GraphResult<T>[] {
    const out: GraphResult<T>[] = [];
    for (const group of chunks(requests, Math.min(settings.batchSize, 50))) {
      out.push(...inRounds<T>(group, (pending) => {
        const subset = pending.map((i) => group[i]);
        if (useBatch) return sendBatch(subset);
        return pipeline.sendAllOnce(subset.map((r) => getRequest(batchRequestOf(r).url)));
      }));
    }
    out.forEach((result, i) => {
      if (result.ok) noteAudience(requests[i].path, requests[i].params, result.value);
    });
    return out;
  }

  function get<T>(path: string, params?: Record<string, string>): T {
    const body = fetchUrl(graphUrl(base, settings.apiVersion, path, params));
    noteAudience(path, params, body);
    return body as T;
  }

  return {
    get,
    page,
    getMany,
    release: () => {
      // A shared throttle stays with the execution; others waiting for its unused permits get them now.
      if (options.throttle) options.throttle.idle();
      else throttle.release();
    },
    throttle,
    get callsUsed() {
      return pipeline.callsUsed;
    },
  };
}
