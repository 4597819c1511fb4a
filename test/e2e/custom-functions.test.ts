// The custom functions in CUSTOM_FUNCTION mode, as the owner and as another editor: values from the
// report tabs with no call to Instagram, one live call per account per hour at most when nothing is
// stored, clear messages for missing data and bad arguments, and their JSDoc on the stubs.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Stack } from '../../local/platform/stack';
import { CREATOR, DAY, EDITOR, HOUR, OWNER, stack } from './support';

let s: Stack;
afterEach(async () => {
  await s?.close();
});

const cf = (name: string, args: unknown[] = [], user = OWNER) => s.rt.callCustomFunction(name, args, { user });
const graphCalls = async () => ((await s.control('log')) as { host: string; endpoint: string }[])
  .filter((e) => e.host.startsWith('graph.') && !e.endpoint.includes('access_token')).length;
function save(reportId: string, fields: string[], mode = 'update') {
  return s.rt.call('saveConfiguration', [{ accountId: CREATOR, reportId, fields, tabName: reportId, mode, schedule: { kind: 'daily', hour: 7 } }]) as { id: string };
}

describe('before anything is stored', () => {
  it('tells what to do when no account is connected, as the owner and as an editor', async () => {
    s = await stack();
    for (const user of [OWNER, EDITOR]) expect(cf('IG_FOLLOWERS', [], user)).toBe('Connect an account in Extensions > Sheetgram > Open sidebar');
  });

  it('fills in once from Instagram, then answers 200 cells from the cache with no more calls', async () => {
    s = await stack();
    await s.connect('instagram');
    const before = await graphCalls();
    const first = cf('IG_FOLLOWERS');
    expect(typeof first).toBe('number');
    expect(await graphCalls()).toBe(before + 1);
    for (let i = 0; i < 200; i++) expect(cf(i % 2 ? 'IG_FOLLOWERS' : 'IG_MEDIA_COUNT', [], i % 3 ? OWNER : EDITOR)).toEqual(expect.any(Number));
    s.rt.advance(2 * HOUR);
    for (let i = 0; i < 50; i++) cf('IG_FOLLOWS');
    expect(await graphCalls()).toBe(before + 1);
    // No property was written by a custom function (they cannot), and the user store is untouched.
    expect(s.rt.executions.filter((e) => e.kind === 'custom-function').every((e) => e.outcome === 'completed')).toBe(true);
  });

  it('says which report to add for history and posts', async () => {
    s = await stack();
    await s.connect('instagram');
    expect(cf('IG_HISTORY', ['followers_count'])).toMatch(/No User's Information data for @sunny.creates yet: add a User's Information report/);
    expect(cf('IG_POSTS', [5])).toMatch(/add a User's Recent Media report/);
  });
});

describe('from the report tabs', () => {
  it('reads followers now and on past dates from the daily snapshots, with no call to Instagram', async () => {
    s = await stack();
    await s.connect('instagram');
    save('user_information', ['followers_count', 'follows_count', 'media_count', 'biography'], 'append');
    s.rt.advance(3 * DAY);
    const rows = s.rt.workbook.values('user_information');
    const header = rows[0];
    const latest = rows[rows.length - 1][header.indexOf('Followers')];
    const before = await graphCalls();
    expect(cf('IG_FOLLOWERS')).toBe(latest);
    expect(cf('IG_FOLLOWERS', ['@sunny.creates'])).toBe(latest);
    expect(cf('IG_FOLLOWERS', [CREATOR], EDITOR)).toBe(latest);
    // Each snapshot's day in the sheet's zone, as an ISO date (what the functions take and say).
    const dayOf = new Intl.DateTimeFormat('en-CA', { timeZone: s.rt.workbook.timeZone });
    const days = rows.slice(1).map((r) => dayOf.format(r[0] as Date));
    expect(cf('IG_FOLLOWERS', ['', days[1]])).toBe(rows[2][header.indexOf('Followers')]);
    expect(cf('IG_FOLLOWERS', ['', '2026-01-05'])).toBe(`No data for 2026-01-05: daily snapshots start on ${days[0]}.`);
    expect(cf('IG_FOLLOWS')).toBe(rows[rows.length - 1][header.indexOf('Follows')]);
    expect(cf('IG_PROFILE', ['biography'])).toBe(rows[rows.length - 1][header.indexOf('Biography')]);
    const history = cf('IG_HISTORY', ['followers_count']) as unknown[][];
    expect(history[0]).toEqual(['Date', 'Followers']);
    expect(history).toHaveLength(days.length + 1);
    expect(history.slice(1).map((r) => r[1])).toEqual(rows.slice(1).map((r) => r[header.indexOf('Followers')]));
    expect(await graphCalls()).toBe(before);
  });

  it('gives posts, a day\'s insight and the engagement rate from their tabs', async () => {
    s = await stack();
    await s.connect('instagram');
    for (const [id, fields] of [['user_information', ['followers_count']], ['recent_media', ['id', 'timestamp', 'caption', 'like_count', 'comments_count']],
      ['account_insights', ['date', 'reach']]] as [string, string[]][]) s.rt.call('runConfigurationNow', [save(id, fields, id === 'user_information' ? 'append' : 'update').id]);
    const table = cf('IG_POSTS', [3, 'caption, like_count']) as unknown[][];
    expect(table[0]).toEqual(['Caption', 'Like count']);
    expect(table).toHaveLength(4);
    const reach = cf('IG_METRIC', ['reach']);
    const insights = s.rt.workbook.values('account_insights');
    expect(reach).toBe(insights[insights.length - 1][insights[0].indexOf('Reach')]);
    const rate = cf('IG_ENGAGEMENT_RATE', [30]) as number;
    const media = s.rt.workbook.values('recent_media');
    const [h] = media;
    const since = s.rt.clock.now() - 30 * DAY;
    const interactions = media.slice(1).filter((r) => (r[h.indexOf('Posted at')] as Date).getTime() >= since)
      .reduce((n, r) => n + (Number(r[h.indexOf('Like count')]) || 0) + (Number(r[h.indexOf('Comment count')]) || 0), 0);
    expect(rate).toBeCloseTo(interactions / (cf('IG_FOLLOWERS') as number), 10);
    expect(rate).toBeGreaterThan(0);
  });
});

describe('bad arguments', () => {
  it('explains each one', async () => {
    s = await stack();
    await s.connect('instagram');
    expect(() => cf('IG_FOLLOWERS', ['nobody.here'])).toThrow(/No connected account "nobody.here".*@sunny.creates/);
    expect(() => cf('IG_FOLLOWERS', ['', 'yesterday'])).toThrow(/date must be a date, like "2026-01-31", DATE\(2026,1,31\), TODAY\(\)-30 or a date cell \(got "yesterday"\)/);
    expect(() => cf('IG_POSTS', [0])).toThrow(/count must be a whole number from 1 to 500/);
    expect(() => cf('IG_POSTS', [5, 'caption,colour'])).toThrow(/Unknown post field "colour"/);
    expect(() => cf('IG_HISTORY', ['happiness'])).toThrow(/Unknown metric "happiness".*followers_count/);
    expect(() => cf('IG_PROFILE', [''])).toThrow(/field is required/);
    expect(() => cf('IG_FOLLOWERS', [[['a'], ['b']]])).toThrow(/account must be one cell, not a range/);
  });
});

describe('the bundle', () => {
  it('carries each function\'s JSDoc with @customfunction on its stub', () => {
    const code = readFileSync('dist/Code.js', 'utf8');
    for (const name of ['IG_FOLLOWERS', 'IG_FOLLOWS', 'IG_MEDIA_COUNT', 'IG_PROFILE', 'IG_HISTORY', 'IG_METRIC', 'IG_POSTS', 'IG_ENGAGEMENT_RATE']) {
      const at = code.lastIndexOf(`function ${name}(`);
      const doc = code.slice(code.lastIndexOf('/**', at), at);
      expect(doc, name).toMatch(/@customfunction/);
      expect(doc, name).toMatch(/@param \{string\} account/);
      expect(doc, name).toMatch(/@return /);
    }
  });
});
