// A week's posts from a Media Insights table (one per Media ID: its newest row in an Append tab) and
// follower counts from User's Information rows, read by header in the spreadsheet's time zone.
import { describe, expect, it } from 'vitest';
import { dayOfCell, followersOn, postsOf } from '../../../src/core/digest/posts';
import type { Cell, Table } from '../../../src/core/functions/tables';
import type { CalendarDate } from '../../../src/core/reports/dates';
import { dateOf, headersOf } from '../bigquery/sheet';

const TZ = 'Europe/Berlin';
const APPEND = headersOf('media_insights', 'append');
const REPLACE = headersOf('media_insights', 'replace');
const INFO = headersOf('user_information', 'append');

const d = (iso: string): CalendarDate => {
  const [year, month, day] = iso.split('-').map(Number);
  return { year, month, day };
};

function tableOf(header: string[], rows: Record<string, Cell>[]): Table {
  return { header, rows: rows.map((r) => header.map((h) => (h in r ? r[h] : ''))) };
}

const POSTED = new Date('2026-02-24T10:00:00Z');

/** One post's rows on three run dates, its figures growing. */
const RUNS: Record<string, Cell>[] = [
  { 'Run date': dateOf('2026-02-25'), 'Media ID': '17890000000000001', 'Posted at': POSTED, Views: 40, Reach: 30, 'Total interactions': 3, Label: '' },
  { 'Run date': dateOf('2026-02-27'), 'Media ID': '17890000000000001', 'Posted at': POSTED, Views: 90, Reach: 70, 'Total interactions': 8, Label: 'Promo' },
  {
    'Run date': dateOf('2026-03-01'), 'Media ID': '17890000000000001', 'Posted at': POSTED, Views: 120, Reach: 95, 'Total interactions': 11, Label: 'Promo',
    Permalink: 'https://www.instagram.com/p/AAA/', 'Media type': 'CAROUSEL_ALBUM', Caption: 'Three runs',
  },
];

describe('postsOf', () => {
  it('takes the label of the newest labelled row, as the writer carries it, whatever the row order', () => {
    const [oldest, middle, newest] = RUNS;
    const rows = [{ ...oldest, Label: 'Sponsored' }, { ...middle, Label: '' }, { ...newest, Label: '' }];
    for (const order of [rows, [...rows].reverse()]) expect(postsOf(tableOf(APPEND, order), TZ)[0]).toMatchObject({ views: 120, label: 'Sponsored' });
    const relabelled = [{ ...oldest, Label: 'Sponsored' }, { ...middle, Label: 'Launch' }, { ...newest, Label: '' }];
    for (const order of [relabelled, [...relabelled].reverse()]) expect(postsOf(tableOf(APPEND, order), TZ)[0].label).toBe('Launch');
  });

  it('keeps the newest row of a post in an Append tab, whatever the row order', () => {
    const [oldest, middle, newest] = RUNS;
    for (const order of [[oldest, middle, newest], [newest, middle, oldest], [middle, newest, oldest], [newest, oldest, middle]]) {
      const posts = postsOf(tableOf(APPEND, order), TZ);
      expect(posts).toEqual([{
        id: '17890000000000001', posted: POSTED, day: d('2026-02-24'), views: 120, viewsDay1: null, reach: 95, interactions: 11, label: 'Promo',
        link: 'https://www.instagram.com/p/AAA/', type: 'CAROUSEL_ALBUM', caption: 'Three runs',
      }]);
    }
  });

  it('reads run dates typed as ISO text too', () => {
    const typed = ["'2026-02-25", '2026-02-27', "'2026-03-01"];
    const rows = RUNS.map((r, i) => ({ ...r, 'Run date': typed[i] }));
    expect(postsOf(tableOf(APPEND, [rows[2], rows[0], rows[1]]), TZ).map((p) => p.views)).toEqual([120]);
  });

  it('keeps one row per post in a Replace tab (no Run date column)', () => {
    const posts = postsOf(tableOf(REPLACE, [
      { 'Media ID': '1', 'Posted at': new Date('2026-02-23T08:00:00Z'), Views: 10 },
      { 'Media ID': '2', 'Posted at': new Date('2026-02-24T08:00:00Z'), Views: 20 },
    ]), TZ);
    expect(posts.map((p) => [p.id, p.views])).toEqual([['1', 10], ['2', 20]]);
  });

  it('skips rows without a Posted at date or a Media ID', () => {
    const posts = postsOf(tableOf(APPEND, [
      { 'Run date': dateOf('2026-03-01'), 'Media ID': '1', 'Posted at': '', Views: 10 },
      { 'Run date': dateOf('2026-03-01'), 'Media ID': '2', 'Posted at': '2026-02-24T10:00:00Z', Views: 20 },
      { 'Run date': dateOf('2026-03-01'), 'Media ID': '3', 'Posted at': null, Views: 30 },
      { 'Run date': dateOf('2026-03-01'), 'Media ID': '', 'Posted at': POSTED, Views: 40 },
      { 'Run date': dateOf('2026-03-01'), 'Media ID': '5', 'Posted at': POSTED, Views: 50 },
    ]), TZ);
    expect(posts.map((p) => p.id)).toEqual(['5']);
  });

  it('gives nothing for a tab without a Media ID or Posted at column', () => {
    expect(postsOf({ header: ['Run date', 'Views'], rows: [[dateOf('2026-03-01'), 5]] }, TZ)).toEqual([]);
    expect(postsOf({ header: ['Media ID', 'Views'], rows: [['1', 5]] }, TZ)).toEqual([]);
  });

  it('takes the day of posting in the spreadsheet time zone: 23:30 UTC on a Sunday is Monday in Berlin', () => {
    const late = new Date('2026-03-01T23:30:00Z'); // Sunday in UTC, 00:30 on Monday 2 March in Berlin
    const table = tableOf(APPEND, [{ 'Run date': dateOf('2026-03-02'), 'Media ID': '1', 'Posted at': late, Views: 1 }]);
    expect(postsOf(table, TZ)[0].day).toEqual(d('2026-03-02'));
    expect(postsOf(table, 'UTC')[0].day).toEqual(d('2026-03-01'));
  });

  it('reads empty or non-numeric figures as unknown (null), not 0, and finds columns by header in any order', () => {
    const header = ['Caption', 'Views', 'Posted at', 'Media ID', 'Reach', 'Total interactions'];
    const [post] = postsOf({ header, rows: [['  hello ', '', POSTED, "'17890000000000009", 'n/a', 0]] }, TZ);
    expect(post).toMatchObject({ id: '17890000000000009', views: null, reach: null, interactions: 0, caption: 'hello', label: '', link: '', type: '' });
  });
});

describe('followersOn', () => {
  // Out of order on purpose; run dates are midnight in Berlin (23:00 UTC the day before).
  const info = tableOf(INFO, [
    { 'Run date': dateOf('2026-02-20'), Followers: 1010 },
    { 'Run date': dateOf('2026-02-16'), Followers: 1000 },
    { 'Run date': dateOf('2026-02-27'), Followers: 1030 },
    { 'Run date': dateOf('2026-02-23'), Followers: 1020 },
    { 'Run date': dateOf('2026-02-25'), Followers: '' },
  ]);
  const on = followersOn(info, TZ);

  it('takes the row of the latest run date on or before the day', () => {
    expect(on(d('2026-02-16'))).toBe(1000);
    expect(on(d('2026-02-19'))).toBe(1000);
    expect(on(d('2026-02-20'))).toBe(1010);
    expect(on(d('2026-02-23'))).toBe(1020);
    // The 25th has no count: the 23rd's stands.
    expect(on(d('2026-02-26'))).toBe(1020);
    expect(on(d('2026-03-10'))).toBe(1030);
  });

  it('is null before any row, and without a table or its columns', () => {
    expect(on(d('2026-02-15'))).toBeNull();
    expect(followersOn(null, TZ)(d('2026-02-20'))).toBeNull();
    expect(followersOn({ header: ['Run date', 'Follows'], rows: [[dateOf('2026-02-16'), 5]] }, TZ)(d('2026-02-20'))).toBeNull();
  });

  it('reads the run date in the spreadsheet time zone', () => {
    // Midnight of 23 February in Berlin is 22 February in UTC.
    const only = tableOf(INFO, [{ 'Run date': dateOf('2026-02-23'), Followers: 7 }]);
    expect(followersOn(only, TZ)(d('2026-02-22'))).toBeNull();
    expect(followersOn(only, TZ)(d('2026-02-23'))).toBe(7);
    expect(followersOn(only, 'UTC')(d('2026-02-22'))).toBe(7);
  });
});

describe('dayOfCell', () => {
  it('reads a Date in the time zone, ISO text with or without an apostrophe, and nothing else', () => {
    expect(dayOfCell(dateOf('2026-03-02'), TZ)).toEqual(d('2026-03-02'));
    expect(dayOfCell('2026-03-02', TZ)).toEqual(d('2026-03-02'));
    expect(dayOfCell("'2026-03-02", TZ)).toEqual(d('2026-03-02'));
    expect(dayOfCell(new Date(NaN), TZ)).toBeNull();
    expect(dayOfCell(46082, TZ)).toBeNull();
    expect(dayOfCell('', TZ)).toBeNull();
    expect(dayOfCell(undefined, TZ)).toBeNull();
  });
});
