// Comments plan: every comment and reply, paging past the nested first page, only on recent posts.
import { describe, expect, it } from 'vitest';
import { commentsPlan } from '../../../../src/core/reports/plans/conversations';
import { planContext, ScriptedReader } from './scripted-reader';

const NOW = Date.parse('2026-07-15T12:00:00Z');

describe('Comments', () => {
  it('reads every comment and reply, following paging past the nested first page', () => {
    const comment = (id: string) => ({ id, text: `c${id}`, timestamp: '2026-07-14T00:00:00+0000', username: 'fan', like_count: 1 });
    const r = new ScriptedReader((path, _params, from) => {
      if (path.endsWith('/media')) {
        return { items: [
          { id: 'm1', timestamp: '2026-07-14T00:00:00+0000', permalink: 'https://instagram.com/p/1', comments: {
            data: [{ ...comment('c1'), replies: { data: [comment('r1')], paging: { next: 'https://g/c1/replies?after=x' } } }],
            paging: { next: 'https://g/m1/comments?after=y', cursors: { after: 'y' } } } },
          { id: 'm0', timestamp: '2026-01-01T00:00:00+0000', comments: { data: [comment('old')] } },
        ], next: 'https://g/media?after=z', after: 'z' };
      }
      if (path === 'm1/comments') return from?.after === 'y' ? { items: [comment('c2')], next: null, after: 'w' } : { items: [], next: null, after: null };
      if (path === 'c1/replies') return { items: [comment('r2')], next: null, after: null };
      return { items: [], next: null, after: null };
    });
    const page = commentsPlan(planContext('comments', r, NOW), null);
    expect(page.records.map((x) => [x.id, x.parent_id, x.media_id])).toEqual([
      ['c1', '', 'm1'], ['r1', 'c1', 'm1'], ['r2', 'c1', 'm1'], ['c2', '', 'm1'],
    ]);
    // The second post is older than the lookback window: no further media pages.
    expect(page.cursor).toBeNull();
  });
});
