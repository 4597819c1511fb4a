// The batch endpoint (reference §7): POST with batch=[...] and a top-level access_token; at most 50
// operations; each one runs (and is counted) like a separate call; answers [{code, headers, body}].
import { errorResponse, PLATFORM_ERRORS, type SimResponse } from './errors';
import { graphCall, identity, type GraphCallState, type GraphRequest } from './handler/graph-call';
import { jsonResponse } from './router';
import { checkToken } from './tokens/check';
import { checkVersion, DEFAULT_VERSION, isVersionSegment } from './versions';

export const MAX_BATCH_OPERATIONS = 50;

interface Operation {
  method?: string;
  relative_url?: string;
  body?: string;
  name?: string;
}

export function batch(state: GraphCallState, outer: GraphRequest): SimResponse {
  const noUsage = state.limiter.headers(undefined, state.now);
  const top = checkToken(state.tokens, outer.token, outer.host, state.now);
  if (!top.ok) return errorResponse(top.error, noUsage);
  let operations: unknown;
  try {
    operations = JSON.parse(outer.params.batch);
  } catch {
    return errorResponse(PLATFORM_ERRORS.batchNotJson(), noUsage);
  }
  if (!Array.isArray(operations) || operations.some((op) => typeof op !== 'object' || op === null)) return errorResponse(PLATFORM_ERRORS.batchNotJson(), noUsage);
  if (operations.length > MAX_BATCH_OPERATIONS) return errorResponse(PLATFORM_ERRORS.batchTooLarge(), noUsage);
  const withHeaders = outer.params.include_headers !== 'false';
  const results = (operations as Operation[]).map((op) => {
    const answer = runOperation(state, outer, op);
    const item: Record<string, unknown> = { code: answer.status };
    if (withHeaders) item.headers = Object.entries(answer.headers).map(([name, value]) => ({ name, value }));
    item.body = answer.body;
    return item;
  });
  return jsonResponse(200, results, state.limiter.headers(identity(state.scenario, top.record), state.now));
}

function runOperation(state: GraphCallState, outer: GraphRequest, op: Operation): SimResponse {
  const relative = (op.relative_url ?? '').replace(/^\/+/, '');
  if (relative.includes('{result=')) return errorResponse(PLATFORM_ERRORS.batchReferences());
  const url = new URL(relative, 'http://batch.local/');
  const segments = url.pathname.split('/').filter((s) => s !== '').map((s) => decodeURIComponent(s));
  const versioned = isVersionSegment(segments[0] ?? '');
  if (versioned && !checkVersion(segments[0], state.now).ok) return errorResponse(PLATFORM_ERRORS.deprecatedVersion(DEFAULT_VERSION));
  const params: Record<string, string> = {};
  url.searchParams.forEach((v, k) => (params[k] = v));
  if (op.body) new URLSearchParams(op.body).forEach((v, k) => (params[k] = v));
  return graphCall(state, {
    host: outer.host,
    version: versioned ? segments[0] : outer.version,
    method: (op.method ?? 'GET').toUpperCase(),
    segments,
    rest: versioned ? segments.slice(1) : segments,
    params,
    token: params.access_token ?? outer.token,
    inBatch: true,
  });
}
