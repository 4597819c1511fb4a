// Faults a scenario or a test turns on: transient errors, latency, malformed bodies, truncated pages,
// lists cut short, expired cursors, tokens revoked mid-run, and the errors that say one thing and mean
// another (reference §9.4): "does not exist" (100/33) under load, and "reduce the amount of data"
// (code 1, HTTP 500) for requests that ask for too much. Every decision is drawn from the seed and the
// call's ordinal (or, for lists, the page's place in its list; for the §9.4 faults, a count of calls and
// the request's size), so the same scenario and request sequence fail in the same places.
import { graphError, PLATFORM_ERRORS, type GraphErrorSpec } from './errors';
import { FieldsSyntaxError, parseFields, type FieldRequest } from './fields';
import type { FaultSettings, GraphHost } from './platform-types';
import { unitDraw } from './tokens/random';

/** Edges whose items a `.limit(n)` expansion (default 25) counts; an insights expansion counts 1 per item. */
const NESTED_LISTS = new Set(['media', 'stories', 'comments', 'replies', 'children', 'tags', 'recent_media', 'top_media']);
/** Path edges answered as lists of `limit` items (default 25). */
const LIST_EDGES = new Set(['media', 'stories', 'tags', 'comments', 'replies', 'children', 'accounts', 'recent_media', 'top_media']);

function nestedItems(fields: FieldRequest[] | undefined): number {
  let n = 0;
  for (const f of fields ?? []) {
    if (f.name === 'insights') n += 1;
    else if (f.name === 'business_discovery') n += 1 + nestedItems(f.children);
    else if (NESTED_LISTS.has(f.name) || f.modifiers.limit) n += (Number(f.modifiers.limit?.[0]) || 25) * (1 + nestedItems(f.children));
  }
  return n;
}

/**
 * How much a request asks for, in items: the page (its `limit`, 25 when unset; 1 for a node) times one
 * plus what each item nests (a nested list counts its `.limit()`, 25 when unset, times what its own items
 * nest; an insights expansion counts 1). /media?limit=50&fields=id,insights.metric(reach) is 50 x 2 = 100.
 */
export function requestItems(path: string, params: Record<string, string>): number {
  const segments = path.split('/').filter(Boolean);
  const edge = segments.length >= 2 ? segments[segments.length - 1] : '';
  const page = LIST_EDGES.has(edge) ? Number(params.limit) || 25 : 1;
  let fields: FieldRequest[] = [];
  try {
    fields = params.fields ? parseFields(params.fields) : [];
  } catch (e) {
    if (!(e instanceof FieldsSyntaxError)) throw e;
  }
  return page * (1 + nestedItems(fields));
}

/** Whether a request reads insights: the /insights edge, or an insights expansion in its fields. */
function readsInsights(path: string, params: Record<string, string>): boolean {
  return /(^|\/)insights$/.test(path) || /(^|[,{])insights[.{,]|(^|[,{])insights$/.test(params.fields ?? '');
}

/** The lists that listing faults cut short: an account's posts, stories and the posts that tag it. */
const LISTS = /^\/\{ig-user-id\}\/(media|stories|tags)$/;

interface ListBody {
  data?: unknown[];
  paging?: { cursors?: { before?: string; after?: string }; next?: string; previous?: string };
}

export class Faults {
  private settings: FaultSettings;
  private calls = 0;
  private readonly callsByAccount = new Map<string, number>();
  /** "endpoint after-cursor" -> the number of the page that ended at that cursor (page 1 is asked without one). */
  private readonly pageEndingAt = new Map<string, number>();
  /** How often the page at a position was answered empty (emptyPageWithNext's `times`). */
  private readonly emptied = new Map<string, number>();

  constructor(private readonly seed: number, initial: FaultSettings = {}) {
    this.settings = structuredClone(initial);
  }

  current(): FaultSettings {
    return structuredClone(this.settings);
  }

  set(patch: FaultSettings): void {
    this.settings = { ...this.settings, ...structuredClone(patch) };
  }

  /** Starts one Graph call; returns its ordinal, used by the other decisions. */
  begin(): number {
    this.calls += 1;
    return this.calls;
  }

  /** Counts a call for an account; true when this call is the last before its tokens get revoked. */
  countForRevocation(igUserId: string | undefined): boolean {
    if (!igUserId) return false;
    const made = (this.callsByAccount.get(igUserId) ?? 0) + 1;
    this.callsByAccount.set(igUserId, made);
    const plan = this.settings.revokeTokenOf ?? [];
    const due = plan.find((p) => p.igUserId === igUserId && made >= p.atCall);
    if (!due) return false;
    this.settings.revokeTokenOf = plan.filter((p) => p !== due);
    return true;
  }

  /** A transient error (code 1 / HTTP 500 or code 2 / HTTP 503) instead of the answer, at the set rate. */
  transient(n: number): GraphErrorSpec | undefined {
    if (!(unitDraw(this.seed, 'transient', n) < (this.settings.transientRate ?? 0))) return undefined;
    return unitDraw(this.seed, 'transient-kind', n) < 0.5 ? PLATFORM_ERRORS.unknownError() : PLATFORM_ERRORS.serviceError();
  }

  /**
   * The §9.4 faults for one call, with the bodies Meta sends (message, error_user_msg, is_transient,
   * error_data, fbtrace_id): 100/33 "Invalid parameter" while a burst lasts, and code 1 "reduce the
   * amount of data" for a request above reduceData's size. `path`: after the version, e.g. '1784.../media'.
   */
  misleading(host: GraphHost, path: string, params: Record<string, string>): GraphErrorSpec | undefined {
    const burst = this.settings.invalidParameterBurst;
    if (burst && burst.calls > 0 && ((burst.on ?? 'insights') === 'all' || readsInsights(path, params))) {
      const left = burst.calls - 1;
      this.settings.invalidParameterBurst = left > 0 ? { ...burst, calls: left } : null;
      return invalidParameter(host, path.split('/').filter(Boolean)[0] ?? '');
    }
    const reduce = this.settings.reduceData;
    if (reduce && requestItems(path, params) > reduce.maxItems) return reduceTheData();
    return undefined;
  }

  /** An expired-cursor error for a request that pages with a cursor, when that fault is on. */
  expiredCursor(query: Record<string, string>): GraphErrorSpec | undefined {
    if (!this.settings.expireCursors) return undefined;
    if (query.after !== undefined) return PLATFORM_ERRORS.cursorExpired('After');
    if (query.before !== undefined) return PLATFORM_ERRORS.cursorExpired('Before');
    return undefined;
  }

  /** Drops items from a list page that has a next link (the next link still works). */
  truncate(n: number, body: unknown): unknown {
    if (!(unitDraw(this.seed, 'truncate', n) < (this.settings.truncatedPageRate ?? 0))) return body;
    const page = body as { data?: unknown[]; paging?: { next?: string } } | null;
    if (!page || !Array.isArray(page.data) || page.data.length < 2 || !page.paging?.next) return body;
    return { ...page, data: page.data.slice(0, Math.ceil(page.data.length / 2)) };
  }

  /**
   * A page of a list as Instagram gets it wrong, by the page's place in its list: `truncateListing`
   * answers page `afterPage` without any paging (the list seems to end there); `emptyPageWithNext`
   * answers the page after it with no data and a next link back to the same place (`times` times per
   * place, default always); `repeatCursor` answers the page after it with paging that points at the
   * page itself, so following it reads that page again and again.
   */
  listing(endpoint: string | undefined, query: Record<string, string>, body: unknown): unknown {
    const page = body as ListBody | null;
    if (!endpoint || !LISTS.test(endpoint) || !page || !Array.isArray(page.data) || query.before !== undefined) return body;
    const here = `${endpoint} ${query.after ?? ''}`;
    const before = query.after === undefined ? 0 : this.pageEndingAt.get(here);
    if (before === undefined) return body; // a place this simulator did not hand out: left alone
    const number = before + 1;
    const { truncateListing: truncate, emptyPageWithNext: empty, repeatCursor: repeat } = this.settings;
    if (empty && number === empty.afterPage + 1 && page.paging?.next) {
      const times = (this.emptied.get(here) ?? 0) + 1;
      if (times <= (empty.times ?? Infinity)) {
        this.emptied.set(here, times);
        // A link back to this place; the count keeps each link new, so only "empty again" is the fault.
        return { data: [], paging: { next: linkTo(page.paging.next, query.after, { empty_page: String(times) }) } };
      }
    }
    if (repeat && number === repeat.afterPage + 1 && query.after !== undefined && page.paging) {
      const paging = { ...page.paging, cursors: { ...page.paging.cursors, after: query.after } };
      if (paging.next) paging.next = linkTo(paging.next, query.after);
      return { ...page, paging };
    }
    const after = page.paging?.cursors?.after;
    if (after) this.pageEndingAt.set(`${endpoint} ${after}`, number);
    if (truncate && number === truncate.afterPage) {
      const { paging: _dropped, ...rest } = page;
      return rest;
    }
    return body;
  }

  /** Cuts a JSON body off in the middle, at the set rate. */
  malform(n: number, body: string): string {
    if (!(unitDraw(this.seed, 'malformed', n) < (this.settings.malformedRate ?? 0))) return body;
    return body.slice(0, Math.max(1, Math.floor(body.length / 2)));
  }

  latencyMs(): number {
    return this.settings.latencyMs ?? 0;
  }
}

/**
 * Meta's 100/33 as it comes back under load (reference §9.4): "Invalid parameter", the "Unsupported get
 * request" text in error_user_msg, is_transient false and an empty error_data.
 */
function invalidParameter(host: GraphHost, id: string): GraphErrorSpec {
  return graphError(100, 'Invalid parameter', {
    subcode: 33, type: host === 'graph.instagram.com' ? 'IGApiException' : 'GraphMethodException', transient: false,
    userMessage: `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
    extra: { error_data: {} },
  });
}

/** Code 1, HTTP 500 (reference §9.4); is_transient true is the simulator's choice [chosen]. */
function reduceTheData(): GraphErrorSpec {
  return graphError(1, "Please reduce the amount of data you're asking for, then retry your request", { status: 500, transient: true });
}

/** A paging link moved to another after-cursor (none: the first page), with extra parameters. */
function linkTo(next: string, after: string | undefined, extra: Record<string, string> = {}): string {
  const url = new URL(next);
  if (after === undefined) url.searchParams.delete('after');
  else url.searchParams.set('after', after);
  for (const [k, v] of Object.entries(extra)) url.searchParams.set(k, v);
  return url.toString();
}
