// Lower bounds: the least any connector could spend on a run, given what the account holds at the
// time (counted from the simulator's World, the same data the runs read). Each figure the bench
// reports is shown next to its bound; docs/performance.md explains every bound.
import { EXECUTION_LIMITS_MS } from '../apps-script/execution';
import { MEDIA_LIST_MAX } from '../instagram/graph/media-routes';
import type { Scenario } from '../instagram/scenario';
import { World } from '../instagram/world';
import type { ReportId } from '../../src/core/reports/types';

/** Meta's cap on /media pages, and the page size when insights ride along in the page. */
export const MEDIA_PAGE = 100;
export const INSIGHTS_PAGE = 50;
/** Days of account insights a first pull reads (Meta keeps follower_count for 30 days). */
export const ACCOUNT_INSIGHT_DAYS = 30;
const DAY_MS = 24 * 3_600_000;

export interface Bounds {
  calls: number;
  roundTrips: number;
  rangeWrites: number;
  propertyWrites: number;
  executions: number;
  virtualMs: number;
}

export interface PostCounts {
  /** Posts /media lists (the newest 10,000). */
  listed: number;
  /** Listed posts Instagram keeps insights for (published after the account became professional). */
  withInsights: number;
  /** Listed posts inside the lookback window at the run's time. */
  inLookback: number;
}

export function postCounts(scenario: Scenario, atMs: number, lookbackDays: number): PostCounts {
  const account = scenario.accounts[0];
  const posts = World.fromScenario(scenario).posts(account.igUserId, atMs).slice(0, MEDIA_LIST_MAX);
  const since = account.businessSince ? Date.parse(account.businessSince) : -Infinity;
  const floor = atMs - lookbackDays * DAY_MS;
  return {
    listed: posts.length,
    withInsights: posts.filter((p) => p.timestampMs >= since).length,
    inLookback: posts.filter((p) => p.timestampMs >= floor).length,
  };
}

/**
 * Pages of a newest-first list needed to read `wanted` items: all of them when the list ends there,
 * else up to and including the first item past them (nothing else says where they end).
 */
export function pagesFor(wanted: number, total: number, pageSize: number): number {
  if (wanted >= total) return Math.max(1, Math.ceil(total / pageSize));
  return Math.floor(wanted / pageSize) + 1;
}

/** Meta calls and dependent round trips for one report's run. */
function callBounds(report: ReportId, phase: 'full' | 'incremental', posts: PostCounts): { calls: number; roundTrips: number } {
  switch (report) {
    case 'user_information':
      return { calls: 1, roundTrips: 1 };
    case 'recent_media': {
      const pages = phase === 'full' ? pagesFor(posts.listed, posts.listed, MEDIA_PAGE) : pagesFor(posts.inLookback, posts.listed, MEDIA_PAGE);
      return { calls: pages, roundTrips: pages };
    }
    case 'media_insights': {
      const wanted = phase === 'full' ? posts.withInsights : Math.min(posts.inLookback, posts.withInsights);
      const pages = pagesFor(wanted, posts.listed, INSIGHTS_PAGE);
      return { calls: pages, roundTrips: pages };
    }
    case 'account_insights':
      // One time-series call for the range, one total-value call per day; none depends on another.
      return { calls: 1 + (phase === 'full' ? ACCOUNT_INSIGHT_DAYS : 1), roundTrips: 1 };
    default:
      throw new Error(`bench: no lower bound for ${report}`);
  }
}

/** The bound of a run of several reports in one spreadsheet (each report's bound added up). */
export function runBounds(reports: readonly ReportId[], phase: 'full' | 'incremental', posts: PostCounts, latencyMs: number): Bounds {
  let calls = 0;
  let roundTrips = 0;
  for (const report of reports) {
    const b = callBounds(report, phase, posts);
    calls += b.calls;
    roundTrips += b.roundTrips;
  }
  const virtualMs = roundTrips * latencyMs;
  return {
    calls,
    roundTrips,
    rangeWrites: reports.length,
    propertyWrites: reports.length,
    executions: Math.max(1, Math.ceil(virtualMs / EXECUTION_LIMITS_MS.script)),
    virtualMs,
  };
}
