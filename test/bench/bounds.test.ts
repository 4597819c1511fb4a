// The lower bounds the bench divides by: counted from the simulator's World, page arithmetic that
// stops at the first item past what is wanted, and bounds of several reports added up.
import { describe, expect, it } from 'vitest';
import { pagesFor, postCounts, runBounds } from '../../local/bench/bounds';
import { largeScenario } from '../../local/instagram/scenario';

const DAY = 24 * 3_600_000;

describe('lower bounds', () => {
  it('counts pages to the first item past the ones wanted, or to the end of the list', () => {
    expect(pagesFor(1000, 1000, 100)).toBe(10);
    expect(pagesFor(999, 1000, 100)).toBe(10);
    expect(pagesFor(100, 1000, 100)).toBe(2);
    expect(pagesFor(41, 1000, 50)).toBe(1);
    expect(pagesFor(0, 1000, 100)).toBe(1);
    expect(pagesFor(0, 0, 100)).toBe(1);
  });

  it('counts the posts the runs read from the World', () => {
    const scenario = largeScenario({ media: 1000 });
    const at = Date.parse(scenario.start) + 3_600_000;
    const posts = postCounts(scenario, at, 30);
    expect(posts.listed).toBe(1000);
    // The creator became a business account in 2024-09: older posts have no insights.
    expect(posts.withInsights).toBeLessThan(posts.listed);
    expect(posts.withInsights).toBeGreaterThan(posts.listed / 2);
    expect(posts.inLookback).toBeGreaterThan(0);
    expect(postCounts(scenario, at, 60).inLookback).toBeGreaterThan(posts.inLookback);
    expect(postCounts(scenario, at + 400 * DAY, 30).inLookback).toBe(0);
  });

  it('adds the bounds of reports run together and turns round trips into virtual time', () => {
    const posts = { listed: 1000, withInsights: 930, inLookback: 41 };
    const full = runBounds(['user_information', 'recent_media', 'media_insights', 'account_insights'], 'full', posts, 150);
    expect(full).toEqual({ calls: 1 + 10 + 19 + 31, roundTrips: 1 + 10 + 19 + 1, rangeWrites: 4, propertyWrites: 4, executions: 1, virtualMs: 31 * 150 });
    const daily = runBounds(['user_information', 'recent_media', 'media_insights', 'account_insights'], 'incremental', posts, 150);
    expect(daily.calls).toBe(1 + 1 + 1 + 2);
    expect(runBounds(['media_insights'], 'full', { listed: 10_000, withInsights: 10_000, inLookback: 0 }, 2_000).executions).toBe(2);
  });
});
