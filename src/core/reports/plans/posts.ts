// Plans over lists of posts: User's Recent Media (pages of 100), Media Insights (pages of 50 with the
// insights every product type shares nested in the page) and Stories (insights nested the same way).
// A nested call that Meta refuses for one item is redone for that page item by item; metrics asked with
// a breakdown (story navigation, profile activity) or refused for some items (views on Facebook) are
// asked per item. A page Instagram finds too big is asked again smaller (see ask-less.ts).
import { addDays, midnightIn, parseGraphTimestamp, parseIsoDate, type CalendarDate } from '../dates';
import { apartRequestsFor, columnValues, commonMediaMetrics, insightProductType, mediaMetricsFor, MEDIA_METRICS, type MediaProductType } from '../metrics';
import type { SourceRecord } from '../types';
import { isTooMuchData, shrinking, smallerPagesNote } from './ask-less';
import { droppedNote, pageFrom, UNCERTAIN_ON_INSTAGRAM_LOGIN, withFieldFallback } from './graph-fields';
import { insightValues, isMetricRefusal, isTooFewViewers, readItemInsights, type InsightItem } from './insights';
import { GraphApiError, isGraphError } from '../graph-contract';
import { expectedPosts, shortfallOf, stepAfter } from './listing';
import { chosen, lookbackStart, type PlanContext, type PlanCursor, type PlanPage, type RequestPlan } from './plan';

export const RECENT_MEDIA_PAGE = 100;
export const INSIGHTS_PAGE = 50;

type Item = SourceRecord & { id: string; timestamp?: string; media_type?: string; media_product_type?: string };

const POST_API_FIELDS = ['id', 'timestamp', 'media_type', 'media_product_type', 'caption', 'permalink', 'media_url', 'thumbnail_url',
  'like_count', 'comments_count', 'shortcode', 'is_comment_enabled', 'username'];

function apiFields(ctx: PlanContext, always: string[]): string[] {
  const picked = ctx.fields.map((f) => f.from ?? f.id).filter((f) => POST_API_FIELDS.includes(f));
  return [...new Set([...always, ...picked])];
}

function time(item: Item): number {
  return parseGraphTimestamp(item.timestamp)?.getTime() ?? 0;
}

/** A repair's days as instants in the spreadsheet's time zone: posts published in [since, until). */
function repairSpan(ctx: PlanContext): { since: number; until: number } | null {
  if (!ctx.repair) return null;
  const day = (iso: string) => parseIsoDate(iso) as CalendarDate;
  return { since: midnightIn(day(ctx.repair.from), ctx.timeZone), until: midnightIn(addDays(day(ctx.repair.to), 1), ctx.timeZone) };
}

/** Oldest post time this run reads down to (null: all posts). */
function stopBefore(ctx: PlanContext, incrementalFloor: number): number | null {
  const span = repairSpan(ctx);
  if (span) return span.since;
  const since = ctx.config.settings.postsSince ? Date.parse(`${ctx.config.settings.postsSince}T00:00:00Z`) : null;
  const floor = ctx.state.highWaterMark ? incrementalFloor : null;
  if (since === null) return floor;
  return floor === null ? since : Math.max(since, floor);
}

function newest(items: Item[]): string | undefined {
  return items.reduce<Item | undefined>((a, b) => (!a || time(b) > time(a) ? b : a), undefined)?.timestamp;
}

/** The list a plan reads: what it holds in a person's words, and how many it should hold when read whole. */
interface Listing {
  what: string;
  /** One of them: "post", "story". */
  one: string;
  /** The profile's media_count for a full pull of the account's own posts (see expectedPosts), else null. */
  expected: number | null;
}

/** A saved next link asking for `size` items instead of the size it was made with. */
function withLimit(next: unknown, size: number): unknown {
  return typeof next === 'string' ? next.replace(/([?&]limit=)\d+/, `$1${size}`) : next;
}

/** A repair lists only its days' posts: the edge's since/until (Unix seconds, both included; reference §4.1). */
function repairWindow(ctx: PlanContext): Record<string, string> {
  const span = repairSpan(ctx);
  return span ? { since: String(Math.floor(span.since / 1000)), until: String(Math.floor((span.until - 1) / 1000)) } : {};
}

/**
 * Reads one page of an edge; keeps items newer than `floor`, says whether to go on, and whether the list
 * came whole. `size` is the usual page size: a page Instagram finds too big is asked again smaller, and
 * later pages of the run keep the smaller size (carried in the cursor).
 */
function readPage(ctx: PlanContext, path: string, size: number, fields: string[], cursor: PlanCursor | null, floor: number | null, listing: Listing) {
  // Once Instagram Login refused the uncertain fields, later pages of the run do without them.
  const asked = cursor?.lean ? fields.filter((f) => !UNCERTAIN_ON_INSTAGRAM_LOGIN.includes(f)) : fields;
  const start = Number(cursor?.size) || size;
  const { value: { value: page, dropped }, size: used, shrunk } = shrinking(start, (n) => withFieldFallback(ctx, asked, (f) =>
    pageFrom<Item>(ctx.reader, path, { limit: String(n), fields: f.join(','), ...repairWindow(ctx) }, withLimit(cursor?.next, n), cursor?.after)));
  const lean = Boolean(cursor?.lean) || dropped.length > 0;
  const items = floor === null ? page.items : page.items.filter((i) => time(i) >= floor);
  const reachedFloor = floor !== null && page.items.some((i) => time(i) < floor);
  const keep: PlanCursor = { lean, expected: listing.expected, ...(used !== size ? { size: used } : {}) };
  const step = reachedFloor ? { next: null, listed: 0 } : stepAfter(page, cursor, used, keep);
  const shortfall = step.next === null ? shortfallOf(listing.what, step, listing.expected, !reachedFloor) : undefined;
  return { page, items, next: step.next, shortfall, size: used, notes: [...droppedNote(dropped), ...(shrunk ? [smallerPagesNote(listing.what, used)] : [])] };
}

function childrenCount(item: Item): number | '' {
  const children = (item.children as { data?: unknown[] } | undefined)?.data;
  return item.media_type === 'CAROUSEL_ALBUM' && Array.isArray(children) ? children.length : '';
}

/** The account's own posts; a pull without a high-water mark reads them all and knows how many to expect. */
function ownPosts(ctx: PlanContext, cursor: PlanCursor | null): Listing {
  // A repair reads some days' posts, not all of them: there is no count to hold it to.
  return { what: 'posts', one: 'post', expected: expectedPosts(ctx, cursor, !ctx.state.highWaterMark && !ctx.repair) };
}

export const recentMediaPlan: RequestPlan = (ctx, cursor) => {
  const incrementalFloor = Math.min(Date.parse(ctx.state.highWaterMark ?? '') || Infinity, lookbackStart(ctx));
  const fields = apiFields(ctx, ['id', 'timestamp', 'media_type']);
  if (chosen(ctx, 'children_count')) fields.push('children{id}');
  const r = readPage(ctx, `${ctx.config.accountId}/media`, RECENT_MEDIA_PAGE, fields, cursor, stopBefore(ctx, incrementalFloor), ownPosts(ctx, cursor));
  return {
    records: r.items.map((i) => ({ ...i, children_count: childrenCount(i) })),
    cursor: r.next, skipped: [], notes: r.notes, highWaterMark: newest(r.items), ...(r.shortfall ? { shortfall: r.shortfall } : {}),
  };
};

const chosenMetricFields = (ctx: PlanContext) => ctx.fields.map((f) => f.id).filter((id) => MEDIA_METRICS.some((m) => m.field === id));

/** Turns metric values into column values for one item (parts of a breakdown included). */
function metricRecord(ctx: PlanContext, productType: MediaProductType, values: Map<string, unknown> | undefined): SourceRecord {
  return columnValues(chosenMetricFields(ctx), productType, ctx.apiMajor, ctx.flow, values);
}

interface NestedPlanOptions {
  path: string;
  pageSize: number;
  productTypes: MediaProductType[];
  floor: number | null;
  /** Per-item calls for type-specific metrics only for posts at or after this time. */
  extrasSince: number;
  listing: Listing;
}

const seconds = (ms: number) => String(Math.floor(ms / 1000));

interface AroundConversion {
  /** Items newer than the conversion, with their nested insights. */
  readable: Map<string, Item>;
  /** Items posted before it (the rest of the page). */
  predating: Item[];
}

/**
 * A page on which nested insights were refused because some posts predate the account's conversion to
 * a business account (subcode 2108006). Meta's rule is by time, so the readable posts are the newest
 * ones: a binary search over the page with since/until windows finds them in about log2(page) calls
 * (each successful window brings their insights along), instead of one call per post.
 */
function aroundConversion(ctx: PlanContext, o: NestedPlanOptions, fields: string[], items: Item[], size: number): AroundConversion {
  let readable = new Map<string, Item>();
  const window = (oldest: number) => ctx.reader.page<Item>(o.path, {
    limit: String(size), fields: fields.join(','), since: seconds(time(items[oldest])), until: seconds(time(items[0]) + 1000),
  });
  // Invariant: items[0..ok] are readable together (ok = -1: none known), items[0..failing] are not.
  let ok = -1;
  let failing = items.length - 1;
  while (failing - ok > 1) {
    const mid = (ok + failing) >> 1;
    try {
      readable = new Map(window(mid).items.map((i) => [i.id, i]));
      ok = mid;
    } catch (e) {
      if (!isGraphError(e) || e.kind !== 'skip_item') throw e;
      failing = mid;
    }
  }
  return { readable, predating: items.filter((i) => !readable.has(i.id)) };
}

/** Posts with insights: shared metrics nested in the page, type-specific ones per item, fallback per item. */
function postsWithInsights(ctx: PlanContext, cursor: PlanCursor | null, o: NestedPlanOptions): PlanPage {
  const metricFields = chosenMetricFields(ctx);
  const shared = commonMediaMetrics(metricFields, o.productTypes, ctx.apiMajor, ctx.flow);
  const base = apiFields(ctx, ['id', 'timestamp', 'media_type', 'media_product_type']);
  const nested = shared.size ? [...base, `insights.metric(${[...shared.values()].join(',')})`] : base;
  const notes: string[] = [];
  let r: ReturnType<typeof readPage>;
  let nestedWorked = true;
  let conversion: AroundConversion | null = null;
  try {
    r = readPage(ctx, o.path, o.pageSize, nested, cursor, o.floor, o.listing);
  } catch (e) {
    if (!isGraphError(e) || !(isMetricRefusal(e) || e.kind === 'skip_item' || isTooFewViewers(e) || isTooMuchData(e)) || !shared.size) throw e;
    r = readPage(ctx, o.path, o.pageSize, base, cursor, o.floor, o.listing);
    nestedWorked = false;
    // A story seen by too few accounts fails the whole page's insights: its stories are asked one by one below.
    const tooFewViewers = isTooFewViewers(e);
    if (isTooMuchData(e)) {
      notes.push(`Instagram refused this page's insights even ${r.size} ${o.listing.what} at a time ("reduce the amount of data"); read them one by one.`);
    } else if (!tooFewViewers && e.kind === 'skip_item' && o.path.endsWith('/media') && r.items.length) {
      conversion = aroundConversion(ctx, o, nested, r.items, r.size);
      // Every later page is older still: nothing more to read, and the list is whole as far as it matters.
      r = { ...r, next: null, shortfall: undefined };
      const from = conversion.predating[0]?.timestamp?.slice(0, 10);
      notes.push(`Posts from ${from ?? 'this page'} and older were published before this account became a business account: Instagram keeps no insights for them, so Sheetgram read no further back.`);
    } else if (!tooFewViewers) {
      notes.push(`Instagram refused an insight for a post on this page (${e.userMessage}); read that page's insights post by post.`);
    }
  }
  notes.push(...r.notes);

  const skipped = (conversion?.predating ?? []).map((item) => ({ id: item.id, reason: PREDATES_CONVERSION }));
  const predating = new Set(skipped.map((s) => s.id));
  const nestedFor = (item: Item) => (nestedWorked ? item : conversion?.readable.get(item.id));

  const perItem = r.items.filter((item) => !predating.has(item.id)).flatMap((item): InsightItem[] => {
    // Once a first full pull is done, per-item calls are for recent posts only.
    if (nestedFor(item) && time(item) < o.extrasSince) return [];
    const productType = insightProductType(item.media_product_type);
    const wanted = mediaMetricsFor(metricFields, productType, ctx.apiMajor, ctx.flow);
    const already = nestedFor(item) ? new Set(shared.values()) : new Set<string>();
    const missing = [...wanted.values()].filter((m) => !already.has(m));
    const asks: InsightItem[] = missing.length
      ? [{ id: item.id, metrics: missing, request: (metrics: string[]) => ({ path: `${item.id}/insights`, params: { metric: metrics.join(',') } }) }]
      : [];
    // A breakdown (navigation by action, profile activity by action) or metrics refused for some items: one request each.
    for (const apart of apartRequestsFor(metricFields, productType, ctx.apiMajor, ctx.flow)) {
      const breakdown: Record<string, string> = apart.breakdown ? { breakdown: apart.breakdown } : {};
      asks.push({ id: item.id, metrics: apart.metrics, quiet: apart.quiet, request: (metrics: string[]) => ({ path: `${item.id}/insights`, params: { metric: metrics.join(','), ...breakdown } }) });
    }
    return asks;
  });
  const extra = readItemInsights(ctx.reader, perItem);
  notes.push(...extra.notes, ...withoutInsightsNotes(o.listing, extra.withoutInsights));
  if (extra.refusedQuietly.size) {
    const n = extra.refusedQuietly.size;
    notes.push(`${n} ${n === 1 ? 'reel has' : 'reels have'} no views on Facebook: Instagram gives them only for reels shared to Facebook.`);
  }
  skipped.push(...extra.skipped);
  // Items whose insights were too much data even one at a time stay rows, with their metrics empty.
  const skippedIds = new Set(skipped.map((s) => s.id).filter((id) => !extra.keepRows.has(id)));

  // Items without insights (a story seen by too few accounts) are rows all the same: empty metrics and why.
  const records = r.items.filter((i) => !skippedIds.has(i.id)).map((item) => {
    const productType = insightProductType(item.media_product_type);
    const values = new Map<string, unknown>([...insightValues(nestedFor(item)?.insights), ...(extra.values.get(item.id) ?? [])]);
    const { insights: _drop, ...rest } = item;
    return { ...rest, ...metricRecord(ctx, productType, values), insights_note: extra.withoutInsights.get(item.id) ?? '' };
  });
  return { records, cursor: r.next, skipped, notes, highWaterMark: newest(r.items), ...(r.shortfall ? { shortfall: r.shortfall } : {}) };
}

/** "2 stories have no insights: Instagram gives no insights for stories seen by fewer than 5 accounts." */
function withoutInsightsNotes(listing: Listing, without: Map<string, string>): string[] {
  const byReason = new Map<string, number>();
  for (const reason of without.values()) byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
  return [...byReason].map(([reason, n]) => `${n} ${n === 1 ? `${listing.one} has` : `${listing.what} have`} no insights: ${reason}`);
}

const PREDATES_CONVERSION = 'Posted before the account became a business account: Instagram has no insights for it.';

export const mediaInsightsPlan: RequestPlan = (ctx, cursor) =>
  postsWithInsights(ctx, cursor, {
    path: `${ctx.config.accountId}/media`, pageSize: INSIGHTS_PAGE, productTypes: ['FEED', 'REELS'],
    // Insights are refreshed only inside the lookback window once a first full pull has been done.
    floor: stopBefore(ctx, lookbackStart(ctx)), extrasSince: repairSpan(ctx)?.since ?? lookbackStart(ctx), listing: ownPosts(ctx, cursor),
  });

export const STORIES_PAGE = 50;

export const storiesPlan: RequestPlan = (ctx, cursor) => {
  try {
    return postsWithInsights(ctx, cursor, {
      path: `${ctx.config.accountId}/stories`, pageSize: STORIES_PAGE, productTypes: ['STORY'], floor: null, extrasSince: 0,
      // Stories come and go by the hour: no count to hold the list to, only its paging.
      listing: { what: 'stories', one: 'story', expected: null },
    });
  } catch (e) {
    throw storiesRefused(ctx, e);
  }
};

/** Whether Meta serves /stories with Instagram Login is not documented (reference §6): a refusal is said in words. */
const STORIES_REFUSED_KINDS = new Set(['invalid', 'permission', 'not_found', 'unsupported_metric']);

/** Instagram Login refusing the account's stories list: the same failure, in words that suggest Facebook Login. */
function storiesRefused(ctx: PlanContext, e: unknown): unknown {
  if (ctx.flow !== 'instagram' || !isGraphError(e) || !STORIES_REFUSED_KINDS.has(e.kind) || e.askLess || !/\/stories(\?|$)/.test(e.request ?? '')) return e;
  return new GraphApiError({
    kind: 'permission', retryable: false, code: e.code, subcode: e.subcode, status: e.status, type: e.type, fbtraceId: e.fbtraceId, request: e.request,
    message: e.message,
    userMessage: `Instagram Login does not give the stories of @${ctx.config.accountUsername ?? ctx.config.accountId}. `
      + "Connect the account with Facebook Login instead (its Instagram account must be linked to a Facebook Page): Facebook Login reads stories and their insights.",
  });
}
