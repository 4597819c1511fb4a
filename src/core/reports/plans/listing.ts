// Lists read page by page across executions, and whether Instagram gave them whole. A list cut short
// (see judgePage) or, for a full pull of the account's own posts, shorter than its media_count, is a
// shortfall: the run writes what it read, says so, and is run again before its high-water mark moves.
import { isGraphError, judgePage, type GraphPage, type ShortReason } from '../graph-contract';
import { cursorAfter } from './graph-fields';
import type { PlanContext, PlanCursor } from './plan';

/** The /media edge lists at most the 10,000 newest posts (reference §4.1). */
export const MEDIA_LIST_MAX = 10_000;

export type ShortfallReason = ShortReason | 'fewer_than_count';

export interface Shortfall {
  /** What the list holds, in a person's words: "posts", "stories". */
  what: string;
  reason: ShortfallReason;
  /** Items the list gave in this run. */
  read: number;
  /** How many it should have given, when known (the profile's media_count). */
  expected?: number;
}

const WHY: Record<ShortfallReason, string> = {
  no_paging: 'a page came without a link to the next one',
  empty_pages: 'its pages came back empty',
  repeated_cursor: 'it sent a page already read again',
  fewer_than_count: '',
};

const count = (n: number) => n.toLocaleString('en-US');

export function shortfallText(s: Shortfall): string {
  const read = s.expected === undefined ? `${count(s.read)} read` : `${count(s.read)} of ${count(s.expected)} read`;
  const why = WHY[s.reason] ? ` (${WHY[s.reason]})` : '';
  return `Instagram ended the list of ${s.what} early${why}: ${read}; Sheetgram tries again at the next run.`;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

export interface ListingStep {
  /** The plan cursor for the next page, or null when the list ended (whole or not). */
  next: PlanCursor | null;
  /** Items the list gave in this run so far, this page included. */
  listed: number;
  short?: ShortReason;
}

/**
 * After a page read at `cursor`: where to go on. The cursor carries Graph's position plus what judging
 * needs (positions seen, empty pages in a row, items listed) and `keep`, the plan's own entries.
 */
export function stepAfter(page: GraphPage<unknown>, cursor: PlanCursor | null, limit: number, keep: PlanCursor = {}): ListingStep {
  const listed = Number(cursor?.listed ?? 0) + page.items.length;
  const asked = { next: text(cursor?.next), after: text(cursor?.after) };
  const verdict = judgePage(page, asked, { seen: text(cursor?.seen) ?? '', empties: Number(cursor?.empties ?? 0) }, limit);
  if (verdict.kind === 'short') return { next: null, listed, short: verdict.reason };
  if (verdict.kind === 'end') return { next: null, listed };
  return { next: { ...keep, ...cursorAfter(page), seen: verdict.trail.seen, empties: verdict.trail.empties, listed }, listed };
}


/**
 * Whether a list that ended was whole. Cut short: never. Otherwise the count decides, when there is one
 * and the list ended by itself: a plan that stopped on purpose (at "posts since", at the last post with
 * insights before a business conversion) proved the list went that far, so only a list that Instagram
 * ended must hold every post the profile counts. The count is read before the first page, so a post
 * published during the pull is neither counted nor listed; one deleted during it makes the run look short
 * once, and the retry finds the list whole.
 */
export function shortfallOf(what: string, step: ListingStep, expected: number | null, endedByItself: boolean): Shortfall | undefined {
  const known = expected === null ? {} : { expected };
  if (step.short) return { what, reason: step.short, read: step.listed, ...known };
  if (endedByItself && expected !== null && step.listed < expected) return { what, reason: 'fewer_than_count', read: step.listed, expected };
  return undefined;
}

/** Failures of the count alone: the posts can still be read, just not checked against it. */
const COUNT_UNAVAILABLE = new Set(['invalid', 'not_found', 'unsupported_metric', 'permission']);

/**
 * How many posts a full pull should list: the profile's media_count (at most the edge's 10,000), read once
 * when the pull starts and then carried in the cursor. Posts skipped later for a business conversion
 * were still listed, so they need no correction.
 */
export function expectedPosts(ctx: PlanContext, cursor: PlanCursor | null, fullPull: boolean): number | null {
  if (cursor) return typeof cursor.expected === 'number' ? cursor.expected : null;
  if (!fullPull) return null;
  try {
    const n = Number(ctx.reader.get<{ media_count?: unknown }>(ctx.config.accountId, { fields: 'media_count' }).media_count);
    return Number.isFinite(n) && n >= 0 ? Math.min(n, MEDIA_LIST_MAX) : null;
  } catch (e) {
    if (isGraphError(e) && COUNT_UNAVAILABLE.has(e.kind)) return null;
    throw e;
  }
}
