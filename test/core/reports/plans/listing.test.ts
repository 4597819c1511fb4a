// Lists Instagram cuts short: the post plans notice (by paging, and on a full pull by the profile's
// media_count), read what there is, and say how much came; stops Sheetgram chose are never short.
import { describe, expect, it } from 'vitest';
import { shortfallText } from '../../../../src/core/reports/plans/listing';
import type { PlanContext, PlanCursor, PlanPage, RequestPlan } from '../../../../src/core/reports/plans/plan';
import { mediaInsightsPlan, recentMediaPlan, storiesPlan } from '../../../../src/core/reports/plans/posts';
import { FakeGraph, makePosts } from '../../run/fake-graph';
import { planContext, ScriptedReader } from './scripted-reader';

const NOW = Date.parse('2026-07-15T12:00:00Z');

/** Every page of a plan, as the runner calls it. */
function readAll(plan: RequestPlan, ctx: PlanContext): { pages: PlanPage[]; ids: unknown[] } {
  const pages: PlanPage[] = [];
  let cursor: PlanCursor | null = null;
  do {
    const page = plan(ctx, cursor);
    pages.push(page);
    cursor = page.cursor;
  } while (cursor && pages.length < 50);
  return { pages, ids: pages.flatMap((p) => p.records.map((r) => r.id)) };
}

let tries = 0;
const profileCalls = (graph: FakeGraph) => graph.log.filter((l) => /^GET \d+ media_count$/.test(l)).length;

describe('a full pull of the account\'s posts', () => {
  it('reads the profile\'s media_count once and reads every post when the list is whole', () => {
    const graph = new FakeGraph(makePosts(400, NOW));
    const { pages, ids } = readAll(recentMediaPlan, planContext('recent_media', graph, NOW));
    expect(new Set(ids).size).toBe(400);
    expect(pages.at(-1)!.shortfall).toBeUndefined();
    expect(profileCalls(graph)).toBe(1);
  });

  it('calls a list that ends early, looking like an end, short of the count: "300 of 400 read"', () => {
    const graph = new FakeGraph(makePosts(400, NOW));
    // Page 3 says nothing more follows (no next link, and its cursor-only paging stops on a short page).
    graph.pageFault = (page, n) => (n === 3 ? { ...page, items: page.items.slice(0, 99), next: null } : page);
    const { pages, ids } = readAll(recentMediaPlan, planContext('recent_media', graph, NOW));
    expect(ids).toHaveLength(299);
    const last = pages.at(-1)!;
    expect(last.cursor).toBeNull();
    expect(last.shortfall).toEqual({ what: 'posts', reason: 'fewer_than_count', read: 299, expected: 400 });
    expect(shortfallText(last.shortfall!)).toBe('Instagram ended the list of posts early: 299 of 400 read; Sheetgram tries again at the next run.');
  });

  it.each([
    ['a full page without paging', 'no_paging', (page: any, n: number) => (n === 3 ? { ...page, next: null, after: null } : page), 300],
    ['a page that points back at itself', 'repeated_cursor', (page: any, n: number) => (n === 3 ? { ...page, next: 'https://graph.test/v27.0/x/media?after=c200', after: 'c200' } : page), 300],
    // Each empty page links back with a new link: only "empty again" gives it away.
    ['empty pages that keep a next link', 'empty_pages', (page: any, n: number) => (n === 3 ? { items: [], next: `https://graph.test/v27.0/x/media?after=c200&try=${++tries}`, after: null } : page), 200],
  ])('notices %s, also on an incremental run that has no count', (_what, reason, fault, read) => {
    for (const state of [{}, { highWaterMark: '2020-01-01T00:00:00+0000' }]) {
      const graph = new FakeGraph(makePosts(400, NOW));
      graph.pageFault = fault;
      const { pages, ids } = readAll(recentMediaPlan, planContext('recent_media', graph, NOW, { settings: { lookbackDays: 3650 }, state }));
      expect(pages.at(-1)!.shortfall).toMatchObject({ what: 'posts', reason, read });
      expect(pages.at(-1)!.shortfall!.expected).toBe(state.highWaterMark ? undefined : 400);
      expect(new Set(ids).size).toBe(read);
      expect(profileCalls(graph)).toBe(state.highWaterMark ? 0 : 1);
    }
  });

  it('tolerates an empty page with a next link once, as Meta documents, and reads the whole list', () => {
    const graph = new FakeGraph(makePosts(400, NOW));
    let emptied = false;
    graph.pageFault = (page, n) => {
      if (n !== 2 || emptied) return page;
      emptied = true;
      return { items: [], next: 'https://graph.test/v27.0/x/media?after=c100', after: null };
    };
    const { pages, ids } = readAll(recentMediaPlan, planContext('recent_media', graph, NOW));
    expect(new Set(ids).size).toBe(400);
    expect(pages.at(-1)!.shortfall).toBeUndefined();
  });

  it('is not short when it stops at "posts since" on purpose, nor when every post is newer than it', () => {
    const graph = new FakeGraph(makePosts(400, NOW, 24));
    const since = readAll(recentMediaPlan, planContext('recent_media', graph, NOW, { settings: { postsSince: '2026-07-01' } }));
    expect(since.ids).toHaveLength(15);
    expect(since.pages.at(-1)!.shortfall).toBeUndefined();
    // All 400 posts are newer than the date: the list must hold them all, so a cut is noticed.
    graph.pageFault = (page, n) => (n === 2 ? { ...page, items: page.items.slice(0, 50), next: null } : page);
    const all = readAll(recentMediaPlan, planContext('recent_media', graph, NOW, { settings: { postsSince: '2020-01-01' } }));
    expect(all.pages.at(-1)!.shortfall).toMatchObject({ reason: 'fewer_than_count', read: 150, expected: 400 });
  });

  it('Media Insights holds a full pull to the count too, and the count is carried from page to page', () => {
    const graph = new FakeGraph(makePosts(400, NOW - 3_600_000, 1));
    graph.pageFault = (page, n) => (n === 5 ? { ...page, items: page.items.slice(0, 10), next: null } : page);
    const { pages } = readAll(mediaInsightsPlan, planContext('media_insights', graph, NOW));
    expect(pages).toHaveLength(5);
    expect(pages.slice(0, -1).every((p) => p.cursor?.expected === 400)).toBe(true);
    expect(pages.at(-1)!.shortfall).toMatchObject({ reason: 'fewer_than_count', read: 210, expected: 400 });
    expect(profileCalls(graph)).toBe(1);
  });

  it('goes without the count when Instagram refuses it', () => {
    const r = new ScriptedReader((path) => {
      if (!path.endsWith('/media')) throw Object.assign(new Error('(#100) nope'), { name: 'GraphApiError', kind: 'invalid', code: 100, userMessage: 'nope' });
      return { items: [{ id: '1', timestamp: '2026-07-01T00:00:00+0000' }], next: null, after: 'a' };
    });
    const page = recentMediaPlan(planContext('recent_media', r, NOW), null);
    expect(page.records).toHaveLength(1);
    expect(page.shortfall).toBeUndefined();
  });
});

describe('Stories', () => {
  it('notices a list of stories cut short by its paging (no count: stories come and go)', () => {
    const story = (id: string) => ({ id, timestamp: '2026-07-15T08:00:00+0000', media_type: 'IMAGE', media_product_type: 'STORY', insights: { data: [] } });
    const r = new ScriptedReader(() => ({ items: Array.from({ length: 50 }, (_, i) => story(`s${i}`)), next: null, after: null }));
    const page = storiesPlan(planContext('stories', r, NOW), null);
    expect(page.records).toHaveLength(50);
    expect(page.shortfall).toEqual({ what: 'stories', reason: 'no_paging', read: 50 });
    expect(shortfallText(page.shortfall!)).toBe('Instagram ended the list of stories early (a page came without a link to the next one): 50 read; Sheetgram tries again at the next run.');
  });
});
