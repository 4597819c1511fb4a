// A scripted GraphReader for core tests: an account with N posts (newest first) served with Graph's
// paging, field selection and nested insights, account insights with Pacific end_time buckets, and
// per-item failures (refused metrics, subcode 2108006). Counts calls the way Meta does and advances a
// fake clock per call so deadlines can be exercised without waiting.
import type { GraphError, GraphErrorKind, GraphPage, GraphReader, GraphRequest, GraphResult } from '../../../src/core/reports/graph-contract';
import type { FakeClock } from '../../support/memory-ports';

export interface FakePost {
  id: string;
  timestamp: string;
  media_type: 'IMAGE' | 'VIDEO' | 'CAROUSEL_ALBUM';
  media_product_type: 'FEED' | 'REELS';
  caption?: string;
  like_count?: number;
  comments_count?: number;
  children?: number;
  /** Metrics Instagram refuses for this post (whole call fails if asked). */
  refuses?: string[];
  /** Posted before the business conversion: insights fail with 2108006. */
  preConversion?: boolean;
  /** Metrics with no data for this post (returned absent, not 0). */
  noData?: string[];
}

export function graphError(kind: GraphErrorKind, message: string, code?: number, subcode?: number): GraphError {
  const e = new Error(message) as Error & { [k: string]: unknown };
  Object.assign(e, { name: 'GraphApiError', kind, code, subcode, retryable: false, userMessage: message });
  return e as unknown as GraphError;
}

const METRICS: Record<string, string[]> = {
  FEED: ['views', 'reach', 'likes', 'comments', 'saved', 'shares', 'total_interactions', 'reposts', 'follows', 'profile_visits'],
  REELS: ['views', 'reach', 'likes', 'comments', 'saved', 'shares', 'total_interactions', 'reposts', 'ig_reels_avg_watch_time', 'ig_reels_video_view_total_time', 'reels_skip_rate'],
};

/** Top-level comma split that respects () and {}. */
export function splitFields(fields: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of fields) {
    if (ch === '(' || ch === '{') depth++;
    if (ch === ')' || ch === '}') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

export function metricValue(post: FakePost, metric: string): number {
  const n = Number(post.id.slice(-4));
  return metric === 'reach' ? n * 2 : metric === 'shares' ? 0 : n + metric.length;
}

export class FakeGraph implements GraphReader {
  callsUsed = 0;
  readonly log: string[] = [];
  /** followers delta per Pacific day, keyed YYYY-MM-DD; total-value metrics derive from the date. */
  constructor(public posts: FakePost[], private clock?: FakeClock, public msPerCall = 500, public accountId = '17841400000000001') {}

  private call(what: string): void {
    this.callsUsed++;
    this.log.push(what);
    if (this.clock) this.clock.ms += this.msPerCall;
  }

  private insightsFor(post: FakePost, metrics: string[]): { data: { name: string; values: { value: number }[] }[] } {
    if (post.preConversion) throw graphError('skip_item', 'Insights are not available for media posted before the account became a business account', 100, 2108006);
    const allowed = METRICS[post.media_product_type];
    for (const m of metrics) {
      if (!allowed.includes(m) || post.refuses?.includes(m)) throw graphError('unsupported_metric', `(#100) The metric ${m} is not supported for this media type`, 100);
    }
    return { data: metrics.filter((m) => !post.noData?.includes(m)).map((m) => ({ name: m, values: [{ value: metricValue(post, m) }] })) };
  }

  private postFields(post: FakePost, fields: string[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const f of fields) {
      const nested = /^insights\.metric\(([^)]*)\)/.exec(f);
      if (nested) out.insights = this.insightsFor(post, nested[1].split(','));
      else if (f.startsWith('children')) {
        if (post.children) out.children = { data: Array.from({ length: post.children }, (_, i) => ({ id: `${post.id}${i}` })) };
      } else if (f in post && f !== 'refuses' && f !== 'preConversion' && f !== 'noData') out[f] = (post as unknown as Record<string, unknown>)[f];
    }
    return out;
  }

  get<T = any>(path: string, params: Record<string, string> = {}): T {
    this.call(`GET ${path} ${params.metric ?? params.fields ?? ''}`);
    return this.answer(path, params) as T;
  }

  page<T = any>(path: string, params: Record<string, string> = {}, from?: { next?: string; after?: string }): GraphPage<T> {
    this.call(`PAGE ${path} ${from?.after ?? from?.next ?? ''}`);
    if (path !== `${this.accountId}/media`) throw graphError('not_found', `no edge ${path}`);
    const limit = Number(params.limit ?? 25);
    const after = from?.next ? new URL(from.next).searchParams.get('after') : from?.after;
    const start = after ? Number(after.slice(1)) : 0;
    // since/until are Unix seconds, inclusive, as on Graph's /media edge.
    const at = (p: FakePost) => Date.parse(p.timestamp.replace('+0000', 'Z'));
    const since = params.since === undefined ? -Infinity : Number(params.since) * 1000;
    const until = params.until === undefined ? Infinity : Number(params.until) * 1000;
    const posts = this.posts.filter((p) => at(p) >= since && at(p) <= until);
    const slice = posts.slice(start, start + limit);
    const fields = splitFields(params.fields ?? 'id');
    const items = slice.map((p) => this.postFields(p, fields)) as T[];
    const end = start + slice.length;
    const more = end < posts.length;
    const page = { items, next: more ? `https://graph.test/v27.0/${path}?after=c${end}` : null, after: slice.length ? `c${end}` : null };
    return this.pageFault ? this.pageFault(page, start / limit + 1) : page;
  }

  /** A list as Instagram may cut it short: gets each /media page and its number (1 = first), returns what to answer. */
  pageFault?: (page: GraphPage<any>, pageNumber: number) => GraphPage<any>;

  getMany<T = any>(requests: GraphRequest[]): GraphResult<T>[] {
    return requests.map((r) => {
      this.call(`MANY ${r.path} ${r.params?.metric ?? ''}`);
      try {
        return { ok: true as const, value: this.answer(r.path, r.params ?? {}) as T };
      } catch (e) {
        return { ok: false as const, error: e as GraphError };
      }
    });
  }

  /** Account-level answers; tests may override. */
  accountInsights: (params: Record<string, string>) => unknown = () => ({ data: [] });

  private answer(path: string, params: Record<string, string>): unknown {
    if (path === this.accountId) {
      return { id: this.accountId, username: 'dino', name: 'Dino', followers_count: 1234, follows_count: 10, media_count: this.posts.length, account_type: 'Business' };
    }
    if (path === `${this.accountId}/insights`) return this.accountInsights(params);
    const m = /^(\d+)\/insights$/.exec(path);
    const post = m && this.posts.find((p) => p.id === m[1]);
    if (post) return this.insightsFor(post, (params.metric ?? '').split(','));
    throw graphError('not_found', `Unsupported get request: ${path}`);
  }
}

/** N posts, newest first, one every `everyHours` hours back from `newest`. Every 3rd is a reel, every 5th a carousel. */
export function makePosts(n: number, newest: number, everyHours = 6): FakePost[] {
  return Array.from({ length: n }, (_, i) => {
    const kind = i % 3 === 0 ? 'reel' : i % 5 === 0 ? 'carousel' : 'image';
    return {
      id: String(17900000000000000n + BigInt(n - i)),
      timestamp: new Date(newest - i * everyHours * 3_600_000).toISOString().replace('.000Z', '+0000'),
      media_type: kind === 'reel' ? 'VIDEO' : kind === 'carousel' ? 'CAROUSEL_ALBUM' : 'IMAGE',
      media_product_type: kind === 'reel' ? 'REELS' : 'FEED',
      caption: `post ${i}`,
      like_count: i,
      comments_count: i % 7,
      children: kind === 'carousel' ? 3 : undefined,
    } as FakePost;
  });
}
