// Test helper: builds a World from a scenario and calls routeGraph with a Viewer we construct.
import { routeGraph } from '../../../../local/instagram/graph/route';
import type { GraphAnswer, Viewer } from '../../../../local/instagram/handler';
import { defaultScenario } from '../../../../local/instagram/scenario';
import type { Scenario } from '../../../../local/instagram/scenario/types';
import { World } from '../../../../local/instagram/world';

export const CREATOR = '17841400000000001';
export const BUSINESS = '17841400000000002';
export const START = Date.parse('2026-07-10T12:00:00Z');

export const igViewer = (scopes = ['instagram_business_basic', 'instagram_business_manage_insights', 'instagram_business_manage_comments']): Viewer =>
  ({ flow: 'instagram', appId: '990602627938098', igUserId: CREATOR, scopes });
export const fbViewer = (scopes = ['instagram_basic', 'instagram_manage_insights', 'instagram_manage_comments', 'pages_show_list', 'pages_read_engagement']): Viewer =>
  ({ flow: 'facebook', appId: '1234567890123456', fbUserId: '10160000000000001', scopes });

export function sim(scenario: Scenario = defaultScenario()) {
  const world = World.fromScenario(scenario);
  const call = (path: string, query: Record<string, string> = {}, opts: { viewer?: Viewer; now?: number; version?: string } = {}): GraphAnswer & { body: any } => {
    const viewer = opts.viewer ?? igViewer();
    const host = viewer.flow === 'instagram' ? 'graph.instagram.com' as const : 'graph.facebook.com' as const;
    return routeGraph(world, {
      host, version: opts.version ?? 'v27.0', method: 'GET', path, query, viewer, now: opts.now ?? START,
      baseUrl: `http://127.0.0.1:4010/${host}`, tokenForLinks: 'TKN', pageToken: (id) => `PAGE-${id}`,
    }) as GraphAnswer & { body: any };
  };
  /** Follows a paging.next link back into routeGraph. */
  const follow = (next: string, opts: { viewer?: Viewer; now?: number } = {}) => {
    const url = new URL(next);
    const path = url.pathname.split('/').slice(3).join('/');
    const query = Object.fromEntries([...url.searchParams].filter(([k]) => k !== 'access_token'));
    return call(path, query, opts);
  };
  return { world, call, follow };
}
