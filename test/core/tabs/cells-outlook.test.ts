// How full a spreadsheet is, which tabs grow fastest (from the log's rows added), how long until full,
// and when a scheduled run warns: once per level, again only after falling well below it.
import { describe, expect, it } from 'vitest';
import {
  cellsOutlook, cellsView, outlookText, tabPaces, warningLevel, warningStep, type LogLine,
} from '../../../src/core/tabs/cells-outlook';
import type { TabGrid } from '../../../src/core/tabs/tab-port';

const DAY = 86_400_000;
const NOW = Date.parse('2026-07-20T09:00:00Z');
const grid = (name: string, rows: number, columns: number, sheetId = rows): TabGrid => ({ sheetId, name, rows, columns });
const line = (daysAgo: number, tab: string, rowsAdded: number, status = 'ok'): LogLine => ({ at: NOW - daysAgo * DAY, tab, status, rowsAdded });

describe('warningLevel', () => {
  it('is 70 from 7 million cells and 90 from 9 million', () => {
    expect([6_999_999, 7_000_000, 8_999_999, 9_000_000, 10_000_000].map((n) => warningLevel(n))).toEqual([0, 70, 70, 90, 90]);
  });
});

describe('tabPaces', () => {
  it('counts the rows each tab\'s runs added after its first line, times its columns, a day', () => {
    const grids = [grid('Posts', 5000, 12), grid('Comments', 2000, 8), grid('Archive', 300_000, 26)];
    const lines = [
      // The first line of a tab may be a first import: only the time since it counts.
      line(4, 'Posts', 10_000), line(3, 'Posts', 100), line(2, 'Posts', 100), line(1, 'Posts', 100), line(0.5, 'Posts', 900, 'continues'),
      line(2, 'comments', 5_000), line(1, 'Comments', 50),
      line(0.2, 'Archive', 1_000), line(3, 'Sheetgram', 0, 'info'), line(20, 'Posts', 1_000_000), line(1, 'Deleted tab', 500),
    ];
    const { paces, days } = tabPaces(lines, grids, NOW);
    expect(paces).toEqual([{ tab: 'Posts', cellsPerDay: (300 * 12) / 4 }, { tab: 'Comments', cellsPerDay: (50 * 8) / 2 }]);
    expect(days).toBe(4);
  });
});

describe('cellsOutlook', () => {
  const grids = [grid('Archive', 270_000, 26), grid('Posts', 5_000, 12), grid('Sheetgram log', 3_000, 11)];
  const lines = [line(10, 'Posts', 50), ...Array.from({ length: 10 }, (_, i) => line(9 - i, 'Posts', 100))];

  it('says how full, how long until full at the pace of the last days, which tabs grow fastest and are largest, and what to do', () => {
    const o = cellsOutlook(grids, lines, NOW);
    expect(o).toMatchObject({ used: 7_113_000, percent: 71, level: 70, paceDays: 10, growing: [{ tab: 'Posts', cellsPerDay: 1_200 }] });
    expect(o.daysLeft).toBe(Math.floor((10_000_000 - 7_113_000) / 1_200));
    const text = outlookText(o, grids);
    expect(text).toContain("It has 7,113,000 of the 10 million cells Google Sheets allows in one spreadsheet (every tab's rows × columns count, empty cells too).");
    expect(text).toContain('At the pace of the last 10 days it is full in more than a year.');
    expect(text).toContain('Growing fastest: "Posts" (+1,200 cells a day).');
    expect(text).toContain('Largest tabs: "Archive" (7,020,000 cells), "Posts" (60,000 cells), "Sheetgram log" (33,000 cells).');
    expect(text).toMatch(/To make room: delete tabs or old rows .* Replace instead of Append .* BigQuery/);
  });

  it('counts days when they are near, and says nothing of a pace without a day of history', () => {
    const full = [grid('Archive', 380_000, 26), grid('Posts', 5_000, 12)];
    const near = cellsOutlook(full, lines, NOW);
    expect(near.daysLeft).toBe(Math.floor((10_000_000 - 9_940_000) / 1_200));
    expect(outlookText(near, full)).toContain('At the pace of the last 10 days it is full in about 50 days.');
    const fresh = cellsOutlook(full, [line(0.5, 'Posts', 100), line(0.1, 'Posts', 100)], NOW);
    expect(fresh.daysLeft).toBeNull();
    expect(outlookText(fresh, full)).not.toMatch(/pace|Growing/);
  });

  it('becomes the sidebar\'s banner from 70%, and nothing below', () => {
    expect(cellsView([grid('Archive', 260_000, 26)], [], NOW)).toBeNull();
    const view = cellsView([grid('Archive', 350_000, 26)], [], NOW);
    expect(view).toMatchObject({ percent: 91, level: 90, heading: 'This spreadsheet is 91% full', used: 9_100_000, limit: 10_000_000 });
    expect(cellsView([grid('Archive', 400_000, 25)], [], NOW)?.heading).toBe('This spreadsheet is full');
  });
});

describe('warningStep', () => {
  const at = (percent: number) => percent * 100_000;
  it('warns once per level reached, and again only after the spreadsheet was 5 points below it', () => {
    let warned = 0;
    const warnings: (number | null)[] = [];
    for (const percent of [50, 71, 72, 69, 66, 91, 95, 88, 80, 86, 91, 64, 70]) {
      const step = warningStep(warned, at(percent));
      warnings.push(step.warn);
      warned = step.record;
    }
    expect(warnings).toEqual([null, 70, null, null, null, 90, null, null, null, null, 90, null, 70]);
  });
});
