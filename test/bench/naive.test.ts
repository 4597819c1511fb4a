// The naive reference connector is what the bench says it is (one insights call per post, 25 posts a
// page, one appendRow per row, no property write per call), and the meter accounts for every write.
import { beforeAll, describe, expect, it } from 'vitest';
import { postCounts } from '../../local/bench/bounds';
import { benchNaive } from '../../local/bench/naive/run';
import type { ConnectorBench } from '../../local/bench/bench-types';

const N = 100;
let naive: ConnectorBench;

beforeAll(async () => {
  naive = await benchNaive({ media: N, reports: ['media_insights', 'account_insights'] });
}, 60_000);

describe('the naive reference connector', () => {
  it('reads insights post by post, 25 posts a page, in both runs', () => {
    for (const phase of [naive.full, naive.incremental]) {
      const listed = postCounts(naive.scenario, phase.figures.firstExecutionAt!, 30).listed;
      expect(phase.complete).toBe(true);
      expect(phase.figures.metaByEndpoint['GET graph.instagram.com /{media-id}/insights']).toBe(listed);
      expect(phase.figures.metaByEndpoint['GET graph.instagram.com /{ig-user-id}/media']).toBe(Math.ceil(listed / 25));
    }
    // Account insights: 30 days at first, then yesterday, two calls a day.
    expect(naive.full.figures.metaByEndpoint['GET graph.instagram.com /{ig-user-id}/insights']).toBe(60);
    expect(naive.incremental.figures.metaByEndpoint['GET graph.instagram.com /{ig-user-id}/insights']).toBe(2);
  });

  it('appends row by row and writes one property per run, not one per call; the meter attributes every write', () => {
    for (const phase of [naive.full, naive.incremental]) {
      const f = phase.figures;
      expect(f.serviceCalls['Sheet.appendRow']).toBe(f.rowsWritten);
      expect(f.serviceCalls['Range.setValues'] ?? 0).toBe(0);
      expect(Object.values(f.propertyWritesByKey).reduce((a, b) => a + b, 0)).toBe(f.propertyWrites);
      // Its only write: account insights marks its first 30 days done (state a real script keeps).
      expect(f.propertyWrites).toBe(1);
      expect(Object.values(f.rangeWritesByTab).reduce((s, t) => s + t.writes, 0)).toBe(f.rangeWrites);
    }
    expect(naive.full.figures.propertyWritesByKey).toEqual({ 'script NAIVE_ACCOUNT_DONE': 1 });
  });
});
