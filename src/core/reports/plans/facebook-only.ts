// Plans that only Facebook Login can run: media that tags the account, Business Discovery snapshots of
// competitors, and hashtag media within Meta's budget of 30 different hashtags per 7 days. Lists that
// Instagram finds too big ("reduce the amount of data") are asked again smaller (see ask-less.ts).
import { parseGraphTimestamp } from '../dates';
import { isGraphError, type GraphError, type GraphResult } from '../graph-contract';
import { DISCOVERY_MEDIA_COLUMNS } from '../metrics';
import type { ReportState, SourceRecord } from '../types';
import { isTooMuchData, shrinking, smaller, smallerPagesNote } from './ask-less';
import { pageFrom } from './graph-fields';
import { getManyConfirmed } from './insights';
import { shortfallOf, stepAfter } from './listing';
import { chosen, DAY_MS, emptyPage, type PlanContext, type RequestPlan } from './plan';

const TAG_FIELDS = 'id,username,timestamp,media_type,caption,permalink,like_count,comments_count';

const TAGS_PAGE = 50;

export const taggedMediaPlan: RequestPlan = (ctx, cursor) => {
  const { value: page, size, shrunk } = shrinking(Number(cursor?.size) || TAGS_PAGE, (n) =>
    pageFrom<SourceRecord>(ctx.reader, `${ctx.config.accountId}/tags`, { fields: TAG_FIELDS, limit: String(n) }, cursor?.next, cursor?.after));
  const step = stepAfter(page, cursor, size, size !== TAGS_PAGE ? { size } : {});
  // No count to hold the list to (the profile does not say how often the account is tagged): its paging only.
  const shortfall = step.next === null ? shortfallOf('posts that tag the account', step, null, true) : undefined;
  return { ...emptyPage(), records: page.items, cursor: step.next, notes: shrunk ? [smallerPagesNote('posts that tag the account', size)] : [], ...(shortfall ? { shortfall } : {}) };
};

/**
 * getManyConfirmed, where the requests Instagram finds too big are asked again on their own, smaller
 * (`ask(i, size)` builds request i for a size), down to the floor; at the floor the refusal stands.
 */
function manyShrinking<T>(ctx: PlanContext, count: number, size: number, ask: (i: number, size: number) => { path: string; params: Record<string, string> }): { results: GraphResult<T>[]; shrunkTo: number | null } {
  const results = getManyConfirmed<T>(ctx.reader, Array.from({ length: count }, (_, i) => ask(i, size)));
  let shrunkTo: number | null = null;
  results.forEach((result, i) => {
    if (result.ok || !isTooMuchData(result.error)) return;
    const first = smaller(size);
    if (first === null) return;
    try {
      const r = shrinking(first, (n) => {
        const request = ask(i, n);
        return ctx.reader.get<T>(request.path, request.params);
      });
      results[i] = { ok: true, value: r.value };
      shrunkTo = Math.min(shrunkTo ?? r.size, r.size);
    } catch (e) {
      if (!isGraphError(e)) throw e;
      results[i] = { ok: false, error: e };
    }
  });
  return { results, shrunkTo };
}

/** Errors that say nothing about one competitor or hashtag: stop the run. */
const RUN_LEVEL = new Set(['auth', 'rate_limit', 'network', 'transient', 'malformed']);
function itemLevel(error: GraphError): boolean {
  return !RUN_LEVEL.has(error.kind);
}

interface DiscoveredMedia {
  timestamp?: string;
  like_count?: number;
  comments_count?: number;
  media_product_type?: string;
  view_count?: number;
}

interface Discovered {
  business_discovery?: SourceRecord & { media?: { data?: DiscoveredMedia[] } };
}

const average = (xs: number[]) => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100 : '');

/** Recent posts read per competitor (Business Discovery's nested media page). */
export const COMPETITOR_POSTS = 25;

/** The public media fields the chosen columns need: view counts of reels only when asked for. */
function discoveryMediaFields(ctx: PlanContext): string {
  const extra = DISCOVERY_MEDIA_COLUMNS.filter((c) => chosen(ctx, c.field)).flatMap((c) => [c.source, 'media_product_type']);
  return [...new Set(['timestamp', 'like_count', 'comments_count', ...extra])].join(',');
}

/** Columns from public media fields, e.g. the average view count of the reels read. */
function discoveryColumns(posts: DiscoveredMedia[]): SourceRecord {
  const out: SourceRecord = {};
  for (const column of DISCOVERY_MEDIA_COLUMNS) {
    const values = posts.filter((p) => column.productTypes.includes((p.media_product_type ?? '') as never))
      .map((p) => (p as Record<string, unknown>)[column.source]).filter((n): n is number => typeof n === 'number');
    out[column.field] = column.field === 'recent_reels' ? values.length : average(values);
  }
  return out;
}

export const competitorsPlan: RequestPlan = (ctx) => {
  const names = (ctx.config.settings.competitors ?? []).map((n) => n.replace(/^@/, '').trim()).filter(Boolean);
  const mediaFields = discoveryMediaFields(ctx);
  const { results, shrunkTo } = manyShrinking<Discovered>(ctx, names.length, COMPETITOR_POSTS, (i, size) => ({
    path: ctx.config.accountId,
    params: { fields: `business_discovery.username(${names[i]}){id,username,name,followers_count,media_count,media.limit(${size}){${mediaFields}}}` },
  }));
  const page = emptyPage();
  if (shrunkTo !== null) page.notes.push(smallerPagesNote('recent posts of some competitors', shrunkTo));
  results.forEach((result, i) => {
    if (!result.ok) {
      if (!itemLevel(result.error)) throw result.error;
      page.skipped.push({ id: names[i], reason: result.error.userMessage });
      return;
    }
    const found = result.value.business_discovery;
    if (!found) {
      page.skipped.push({ id: names[i], reason: 'Not found through Business Discovery (only business and creator accounts can be watched).' });
      return;
    }
    const posts = found.media?.data ?? [];
    const likes = posts.map((p) => p.like_count).filter((n): n is number => typeof n === 'number');
    const comments = posts.map((p) => p.comments_count).filter((n): n is number => typeof n === 'number');
    const latest = posts.map((p) => p.timestamp).filter(Boolean).sort().pop();
    const { media: _media, ...profile } = found;
    page.records.push({ ...profile, username: found.username ?? names[i], recent_posts: posts.length,
      recent_likes_avg: average(likes), recent_comments_avg: average(comments), latest_post_at: latest ?? '', ...discoveryColumns(posts) });
  });
  return page;
};

export const HASHTAG_BUDGET = 30;
/** Hashtag edges give at most 50 a page (reference §6). */
const HASHTAG_PAGE = 50;
const WEEK_MS = 7 * DAY_MS;
const HASHTAG_FIELDS = 'id,timestamp,media_type,caption,permalink,like_count,comments_count';

/** Hashtags used in the rolling 7 days, and whether one more fits the budget. */
export function hashtagBudget(state: ReportState, now: number): { used: string[]; fits(tag: string): boolean } {
  const used = Object.entries(state.hashtagSearches ?? {}).filter(([, at]) => now - at < WEEK_MS).map(([t]) => t);
  return { used, fits: (tag) => used.includes(tag) || used.length < HASHTAG_BUDGET };
}

export const hashtagsPlan: RequestPlan = (ctx) => {
  const tags = [...new Set((ctx.config.settings.hashtags ?? []).map((t) => t.replace(/^#/, '').trim().toLowerCase()).filter(Boolean))];
  const searches = { ...(ctx.state.hashtagSearches ?? {}) };
  const ids = { ...(ctx.state.hashtagIds ?? {}) };
  const page = emptyPage();
  const usable: string[] = [];
  for (const tag of tags) {
    const budget = hashtagBudget({ hashtagSearches: searches }, ctx.now);
    if (!budget.fits(tag)) {
      page.skipped.push({ id: `#${tag}`, reason: `Meta allows ${HASHTAG_BUDGET} different hashtags per 7 days and all are in use.` });
      continue;
    }
    if (!ids[tag]) {
      const found = getManyConfirmed<{ data?: { id: string }[] }>(ctx.reader, [{ path: 'ig_hashtag_search', params: { user_id: ctx.config.accountId, q: tag } }])[0];
      if (!found.ok) {
        if (!itemLevel(found.error)) throw found.error;
        page.skipped.push({ id: `#${tag}`, reason: found.error.userMessage });
        continue;
      }
      const id = found.value.data?.[0]?.id;
      if (!id) {
        page.skipped.push({ id: `#${tag}`, reason: 'Instagram found no such hashtag.' });
        continue;
      }
      ids[tag] = id;
    }
    searches[tag] = ctx.now;
    usable.push(tag);
  }
  const lists = ['top', 'recent'] as const;
  const asks = usable.flatMap((tag) => lists.map((list) => ({ tag, list })));
  const { results, shrunkTo } = manyShrinking<{ data?: SourceRecord[] }>(ctx, asks.length, HASHTAG_PAGE, (i, size) => ({
    path: `${ids[asks[i].tag]}/${asks[i].list}_media`, params: { user_id: ctx.config.accountId, fields: HASHTAG_FIELDS, limit: String(size) },
  }));
  if (shrunkTo !== null) page.notes.push(smallerPagesNote('hashtag posts', shrunkTo));
  results.forEach((result, i) => {
    const { tag, list } = asks[i];
    if (!result.ok) {
      if (!itemLevel(result.error)) throw result.error;
      page.skipped.push({ id: `#${tag} ${list}`, reason: result.error.userMessage });
      return;
    }
    for (const media of result.value.data ?? []) {
      if (parseGraphTimestamp(media.timestamp) === null && media.timestamp) continue;
      page.records.push({ ...media, hashtag: tag, list });
    }
  });
  const used = hashtagBudget({ hashtagSearches: searches }, ctx.now).used.length;
  page.notes.push(`Hashtag budget: ${used} of ${HASHTAG_BUDGET} different hashtags used in the last 7 days.`);
  // Searches older than the window no longer count: dropping them keeps the saved state small.
  const recent = Object.fromEntries(Object.entries(searches).filter(([, at]) => ctx.now - at < WEEK_MS));
  page.state = { hashtagSearches: recent, hashtagIds: ids };
  return page;
};
