// The log tab read back: the lines the size warnings take the pace from.
import { describe, expect, it } from 'vitest';
import { readRunLog, writeRunLog, type RunLogEntry } from '../../../src/core/run/run-log';
import { MemoryTabs } from '../tabs/memory-tab';

const DAY = 86_400_000;
const NOW = Date.parse('2026-07-20T09:00:00Z');

describe('readRunLog', () => {
  it('reads when, which tab, how it ended and rows added by header, from a given time', () => {
    const tabs = new MemoryTabs();
    const entry = (daysAgo: number, tab: string, rowsAdded: number): RunLogEntry => ({
      at: NOW - daysAgo * DAY, report: 'Posts', account: '@a', tab, trigger: 'schedule', status: 'ok', rowsAdded, rowsUpdated: 0, calls: 1, durationMs: 1, message: 'Finished.',
    });
    writeRunLog(tabs, [entry(20, 'Posts', 1), entry(2, 'Posts', 5), entry(1, 'Comments', 7)], 'apostrophe');
    // A person moves the Message column first: lines are still read by header.
    const log = tabs.sheet('Sheetgram log');
    log.cells = log.cells.map((r) => [r[10], ...r.slice(0, 10)]);
    expect(readRunLog(tabs, NOW - 14 * DAY)).toEqual([
      { at: NOW - 2 * DAY, tab: 'Posts', status: 'ok', rowsAdded: 5 }, { at: NOW - DAY, tab: 'Comments', status: 'ok', rowsAdded: 7 },
    ]);
    expect(readRunLog(new MemoryTabs(), 0)).toEqual([]);
  });
});
