// Custom functions over a User's Information tab whose first run rebuilt the days before it: the rebuilt
// Followers count like any day's (IG_FOLLOWERS on a date, IG_HISTORY, the latest figure stays today's
// measured one), and the columns a rebuilt day leaves empty are left out of IG_HISTORY, not given as holes.
import { describe, expect, it } from 'vitest';
import { followers, history, profile } from '../../../src/core/functions/functions';
import type { FunctionDeps } from '../../../src/core/functions/functions';
import type { Cell, Table } from '../../../src/core/functions/tables';
import { FOLLOWER_SOURCES } from '../../../src/core/reports/follower-history';
import type { ReportConfiguration } from '../../../src/core/reports/types';

const TZ = 'Asia/Tokyo';
const day = (iso: string) => new Date(`${iso}T00:00:00+09:00`);
const HEADER = ['Run date', 'Account', 'Account ID', 'Followers', 'Posts', 'Source'];
const TABLE: Table = {
  header: HEADER,
  rows: [
    // Today's measured row first: the person sorted the tab newest first.
    [day('2026-03-03'), 'sunny', '1', 1010, 40, FOLLOWER_SOURCES.measured],
    [day('2026-03-01'), 'sunny', '1', 1000, '', FOLLOWER_SOURCES.rebuilt],
    [day('2026-03-02'), 'sunny', '1', 1004, '', FOLLOWER_SOURCES.estimate],
    [day('2026-03-02'), 'other', '2', 7, '', FOLLOWER_SOURCES.rebuilt],
  ],
};

const deps: FunctionDeps = {
  configurations: () => [{
    id: 'a', accountId: '1', accountUsername: 'sunny', loginFlow: 'instagram', reportId: 'user_information', fields: [], tab: { sheetId: null, name: 'info' },
    mode: 'append', schedule: { kind: 'daily', hour: 7 }, settings: {},
  } as ReportConfiguration],
  ownerAccounts: () => [{ id: '1', username: 'sunny' }],
  table: () => TABLE,
  now: () => Date.parse('2026-03-03T10:00:00+09:00'),
  timeZone: () => TZ,
};

describe('custom functions and rebuilt days', () => {
  it('IG_FOLLOWERS reads a rebuilt day on its date, and today\'s measured figure without one', () => {
    expect(followers(deps, '', '2026-03-01')).toBe(1000);
    expect(followers(deps, '', '2026-03-02')).toBe(1004);
    expect(followers(deps, '', '')).toBe(1010);
    expect(profile(deps, 'source', '')).toBe(FOLLOWER_SOURCES.measured);
  });

  it('IG_HISTORY has the rebuilt days for followers, and leaves them out where they have no figure', () => {
    const follow = history(deps, 'followers', undefined, undefined, '') as Cell[][];
    expect(follow.slice(1).map((r) => r[1])).toEqual([1000, 1004, 1010]);
    const posts = history(deps, 'posts', undefined, undefined, '') as Cell[][];
    expect(posts).toEqual([['Date', 'Posts'], [day('2026-03-03'), 40]]);
  });
});
