// Paging rules: when a list goes on, when it ended, and when Instagram cut it short.
import { describe, expect, it } from 'vitest';
import { eachPage, judgePage, MAX_EMPTY_PAGES, type ListingTrail } from '../../../src/core/graph/paging';
import type { GraphPage, GraphReader } from '../../../src/core/graph/reader';

const items = (n: number) => Array.from({ length: n }, (_, i) => ({ id: String(i) }));
const page = (n: number, next: string | null, after: string | null): GraphPage<unknown> => ({ items: items(n), next, after });

describe('judgePage', () => {
  it('goes on by a next link, and ends on a page without one that is not full', () => {
    expect(judgePage(page(10, 'https://g/media?after=a', 'a'), null, null, 10)).toMatchObject({ kind: 'more' });
    expect(judgePage(page(3, 'https://g/media?after=a', 'a'), null, null, 10)).toMatchObject({ kind: 'more' });
    expect(judgePage(page(3, null, 'a'), null, null, 10)).toEqual({ kind: 'end' });
    expect(judgePage(page(0, null, null), { after: 'z' }, null, 10)).toEqual({ kind: 'end' });
  });

  it('goes on by the cursor of a full page when the edge gives no links (tags, Instagram Login media)', () => {
    expect(judgePage(page(10, null, 'a'), null, null, 10)).toMatchObject({ kind: 'more' });
  });

  it('calls a full page without any paging a list cut short', () => {
    expect(judgePage(page(10, null, null), { after: 'a' }, null, 10)).toEqual({ kind: 'short', reason: 'no_paging' });
  });

  it(`follows up to ${MAX_EMPTY_PAGES} empty pages that carry a next link, then calls the list short`, () => {
    let trail: ListingTrail | null = null;
    for (let i = 1; i <= MAX_EMPTY_PAGES; i++) {
      const verdict = judgePage(page(0, `https://g/media?after=a&try=${i}`, null), null, trail, 10);
      expect(verdict).toMatchObject({ kind: 'more', trail: { empties: i } });
      trail = verdict.kind === 'more' ? verdict.trail : null;
    }
    expect(judgePage(page(0, 'https://g/media?after=a&try=9', null), null, trail, 10)).toEqual({ kind: 'short', reason: 'empty_pages' });
    // A page with items in between starts the count again.
    const after = judgePage(page(4, 'https://g/media?after=b', 'b'), null, trail, 10);
    expect(after).toMatchObject({ kind: 'more', trail: { empties: 0 } });
  });

  it('calls a cursor seen before a loop: the page that points at itself, and a cycle over pages', () => {
    expect(judgePage(page(10, 'https://g/media?after=a', 'a'), { after: 'a' }, null, 10)).toEqual({ kind: 'short', reason: 'repeated_cursor' });
    expect(judgePage(page(10, null, 'a'), { after: 'a' }, null, 10)).toEqual({ kind: 'short', reason: 'repeated_cursor' });
    // a -> b -> a
    const first = judgePage(page(10, 'https://g/media?after=a', 'a'), null, null, 10);
    const second = first.kind === 'more' ? judgePage(page(10, 'https://g/media?after=b', 'b'), { after: 'a' }, first.trail, 10) : first;
    const third = second.kind === 'more' ? judgePage(page(10, 'https://g/media?after=a', 'a'), { after: 'b' }, second.trail, 10) : second;
    expect(third).toEqual({ kind: 'short', reason: 'repeated_cursor' });
    // The same next link without cursors is a loop as well.
    expect(judgePage(page(0, 'https://g/media?x=1', null), { next: 'https://g/media?x=1' }, null, 10)).toEqual({ kind: 'short', reason: 'repeated_cursor' });
  });
});

describe('eachPage', () => {
  function reader(answer: (from?: { next?: string; after?: string }) => GraphPage<unknown>): GraphReader & { calls: number } {
    return {
      calls: 0,
      get: () => ({}),
      getMany: () => [],
      page(_path, _params, from) {
        this.calls++;
        return answer(from) as never;
      },
      callsUsed: 0,
    } as GraphReader & { calls: number };
  }

  it('stops on a loop and says why', () => {
    const r = reader(() => page(2, 'https://g/media?after=a', 'a'));
    expect(eachPage(r, 'me/accounts', { limit: '2' }, () => undefined)).toMatchObject({ pages: 2, stoppedBy: 'repeated_cursor' });
  });

  it('reads to the end', () => {
    const r = reader((from) => (from ? page(1, null, 'b') : page(2, 'https://g/media?after=a', 'a')));
    expect(eachPage(r, 'me/accounts', { limit: '2' }, () => undefined)).toEqual({ pages: 2, stoppedBy: 'end', resumeFrom: null });
  });
});
