// "Views on day 1, 3, 7 and 30" of a post: from the Post Growth tab's row of that day, the run's own
// figure on the day itself, nothing before the day, past the post growth days or without a row that day.
import { describe, expect, it } from 'vitest';
import { POST_GROWTH_TAB } from '../../../src/core/growth/post-growth';
import { growthViews, viewsOnDay } from '../../../src/core/growth/views-on-day';
import { parseIsoDate } from '../../../src/core/reports/dates';
import { MemoryTabs } from '../tabs/memory-tab';
import { BAKERY, SUNNY, TZ } from '../bigquery/sheet';

const GROWTH_HEADERS = ['Run date', 'Account', 'Account ID', 'Media ID', 'Posted at', 'Days since posting', 'Views', 'Reach'];
const row = (account: typeof SUNNY, media: string, day: number, views: number | '') => ['', account.username, account.id, media, '', day, views, ''];

function tabsWithGrowth(rows: (string | number)[][]): MemoryTabs {
  const tabs = new MemoryTabs();
  tabs.addSheet(POST_GROWTH_TAB, [GROWTH_HEADERS, ...rows]);
  return tabs;
}
const input = (runDate: string, growthDays = 30) => ({ accountId: SUNNY.id, runDay: parseIsoDate(runDate)!, timeZone: TZ, growthDays });

describe('growthViews', () => {
  it('reads the account\'s views by post and day, found by header', () => {
    const tabs = tabsWithGrowth([row(SUNNY, '1', 1, 100), row(BAKERY, '1', 1, 999), row(SUNNY, '1', 3, 300), row(SUNNY, '2', 7, '')]);
    expect(growthViews(tabs, SUNNY.id)).toEqual(new Map([['1', new Map([[1, 100], [3, 300]])]]));
  });

  it('is empty without the tab or one of its columns', () => {
    expect(growthViews(new MemoryTabs(), SUNNY.id).size).toBe(0);
    const tabs = new MemoryTabs();
    tabs.addSheet(POST_GROWTH_TAB, [GROWTH_HEADERS.map((h) => (h === 'Views' ? 'Plays' : h)), row(SUNNY, '1', 1, 100)]);
    expect(growthViews(tabs, SUNNY.id).size).toBe(0);
  });
});

describe('viewsOnDay', () => {
  // Posted on 1 July at 23:30 in Berlin (21:30 UTC).
  const record = (views: number) => ({ id: '1', timestamp: '2026-07-01T21:30:00+0000', views });

  it('takes earlier days from Post Growth and the day itself from the run', () => {
    const tabs = tabsWithGrowth([row(SUNNY, '1', 1, 100), row(SUNNY, '1', 3, 300), row(SUNNY, '1', 7, 700)]);
    expect(viewsOnDay(tabs, input('2026-07-02'))(record(111))).toEqual({ 1: 111 });
    expect(viewsOnDay(tabs, input('2026-07-08'))(record(800))).toEqual({ 1: 100, 3: 300, 7: 800 });
    expect(viewsOnDay(tabs, input('2026-07-31'))(record(900))).toEqual({ 1: 100, 3: 300, 7: 700, 30: 900 });
  });

  it('leaves a day empty when no run kept it, and days past the post growth days', () => {
    const tabs = tabsWithGrowth([row(SUNNY, '1', 3, 300)]);
    expect(viewsOnDay(tabs, input('2026-07-10', 5))(record(999))).toEqual({ 1: undefined, 3: 300 });
    expect(viewsOnDay(tabs, input('2026-07-10', 0))(record(999))).toEqual({});
  });

  it('reads the tab once for all of a run\'s posts, and not at all for posts of today', () => {
    const tabs = tabsWithGrowth([row(SUNNY, '1', 1, 100)]);
    let reads = 0;
    const readColumns = tabs.readColumns.bind(tabs);
    tabs.readColumns = (...args) => {
      reads++;
      return readColumns(...args);
    };
    const today = viewsOnDay(tabs, input('2026-07-01'));
    expect(today(record(5))).toEqual({});
    expect(reads).toBe(0);
    const later = viewsOnDay(tabs, input('2026-07-05'));
    later(record(5));
    later({ id: '2', timestamp: '2026-07-01T10:00:00+0000', views: 1 });
    expect(reads).toBe(1);
  });
});
