// Tabs as the alerts read them, for the alert tests: User's Information rows (one a day, measured unless
// told) and Post Growth rows (one per post and day since posting), by header, with the Date cells Sheets
// gives back: run dates at midnight in the spreadsheet's time zone, posting times as instants.
import type { Cell, Table } from '../../../src/core/functions/tables';
import { FOLLOWER_SOURCES } from '../../../src/core/reports/follower-history';
import { dateOf } from '../bigquery/sheet';

export const TZ = 'Europe/Berlin';
export const SUNNY = { id: '17841400000000001', username: 'sunny' };
export const BAKERY = { id: '17841400000000002', username: 'bakery' };

function tableOf(header: string[], rows: Record<string, Cell>[]): Table {
  return { header, rows: rows.map((r) => header.map((h) => (h in r ? r[h] : ''))) };
}

export const PROFILE_HEADER = ['Run date', 'Account', 'Account ID', 'Username', 'Followers', 'Follows', 'Posts', 'Source'];

/** One day's snapshot of followers: [YYYY-MM-DD, followers] or [day, followers, source]. */
export type Snapshot = [string, number] | [string, number, string];

export function profileOf(days: Snapshot[], account = SUNNY, header = PROFILE_HEADER): Table {
  return tableOf(header, days.map(([day, followers, source]) => ({
    'Run date': dateOf(day, TZ), Account: account.username, 'Account ID': account.id, Username: account.username,
    Followers: followers, Follows: 10, Posts: 5, Source: source ?? FOLLOWER_SOURCES.measured,
  })));
}

export const GROWTH_HEADER = [
  'Run date', 'Account', 'Account ID', 'Media ID', 'Posted at', 'Media type', 'Permalink', 'Days since posting', 'Views', 'Reach',
];

export interface GrowthRow {
  id: string;
  /** An instant, e.g. '2026-03-08T11:00:00Z'. */
  posted: string;
  views: number;
  /** Days since posting; 1 unless told. */
  age?: number;
  account?: { id: string; username: string };
  /** The run date; the posting day (in TZ) plus age unless told. */
  run?: string;
}

export const linkOf = (id: string) => `https://www.instagram.com/p/${id}/`;

/** YYYY-MM-DD of an instant in TZ, plus days. */
export function dayIn(instant: string, plus = 0): string {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + plus);
  return d.toISOString().slice(0, 10);
}

export function growthOf(rows: GrowthRow[]): Table {
  return tableOf(GROWTH_HEADER, rows.map((r) => {
    const age = r.age ?? 1;
    const account = r.account ?? SUNNY;
    return {
      'Run date': dateOf(r.run ?? dayIn(r.posted, age), TZ), Account: account.username, 'Account ID': account.id, 'Media ID': r.id,
      'Posted at': new Date(r.posted), 'Media type': 'IMAGE', Permalink: linkOf(r.id), 'Days since posting': age, Views: r.views, Reach: r.views,
    };
  }));
}

/** Posts at noon UTC on each of the days, with the views given: the earlier posts a median is taken over. */
export function earlierPosts(prefix: string, days: string[], views: number[], account = SUNNY): GrowthRow[] {
  return days.map((day, i) => ({ id: `${prefix}${i + 1}`, posted: `${day}T12:00:00Z`, views: views[i], account }));
}
