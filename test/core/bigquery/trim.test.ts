// Removing rows BigQuery has from a tab ("BigQuery only"): only the account's rows of days before the one given,
// bottom up in runs of adjacent rows, whatever order the person sorted the tab into; never the header,
// never the last row below a frozen header (Sheets refuses), and no more than the time allows.
import { describe, expect, it } from 'vitest';
import { removeLoadedRows } from '../../../src/core/bigquery/trim';
import { calendarDateIn, isoDate } from '../../../src/core/reports/dates';
import type { CellValue } from '../../../src/core/tabs/tab-port';
import { MemoryTabs } from '../tabs/memory-tab';
import { BAKERY, dateOf, grid, headersOf, SUNNY, TZ } from './sheet';

const HEADERS = headersOf('competitors', 'append');
const row = (account: typeof SUNNY | null, day: string, username: string): Record<string, CellValue> => ({
  'Run date': dateOf(day), Account: account?.username ?? '', 'Account ID': account?.id ?? '', Username: username, Followers: 1,
});
/** Rows left, as "account day username". */
const left = (tabs: MemoryTabs, name: string) => tabs.sheet(name).cells.slice(1).map((r) => {
  const at = (h: string) => r[HEADERS.indexOf(h)];
  const day = at('Run date');
  return `${at('Account') || '-'} ${day instanceof Date ? isoDate(calendarDateIn(day.getTime(), TZ)) : day} ${at('Username')}`;
});
const always = () => true;

describe('removing the rows BigQuery has', () => {
  it('takes only the account\'s rows of the loaded days, in runs of adjacent rows, bottom up', () => {
    const tabs = new MemoryTabs();
    // Sorted by the person by username: the accounts' rows interleave; a row of their own has no account.
    const sheet = tabs.addSheet('Competitors', grid(HEADERS, [
      row(SUNNY, '2026-07-01', 'a'), row(SUNNY, '2026-07-02', 'a'), row(BAKERY, '2026-07-01', 'a'), row(SUNNY, '2026-07-03', 'a'),
      row(null, '2026-07-01', 'my note'), row(SUNNY, '2026-07-01', 'b'), row(SUNNY, '2026-07-02', 'b'), row(SUNNY, '2026-07-03', 'b'),
    ]));
    const tab = { sheetId: sheet.sheetId, name: 'Competitors' };
    const removed = removeLoadedRows(tabs, tab, SUNNY.id, '2026-07-03', TZ, always);
    expect(removed).toBe(4);
    // Rows 2-3 and 7-8: two calls.
    expect(tabs.deletes).toBe(2);
    expect(left(tabs, 'Competitors')).toEqual(['bakery 2026-07-01 a', 'sunny 2026-07-03 a', '- 2026-07-01 my note', 'sunny 2026-07-03 b']);
  });

  it('reads run dates typed as text and ids kept as text with an apostrophe', () => {
    const tabs = new MemoryTabs();
    const sheet = tabs.addSheet('Competitors', grid(HEADERS, [
      { ...row(SUNNY, '2026-07-01', 'a'), 'Run date': '2026-07-01', 'Account ID': `'${SUNNY.id}` }, row(SUNNY, '2026-07-03', 'a'),
    ]));
    expect(removeLoadedRows(tabs, { sheetId: sheet.sheetId, name: 'Competitors' }, SUNNY.id, '2026-07-02', TZ, always)).toBe(1);
    expect(tabs.sheet('Competitors').cells).toHaveLength(2);
  });

  it('empties the last row instead of deleting it when every row below a frozen header goes (Sheets refuses that)', () => {
    const tabs = new MemoryTabs();
    const cells = grid(HEADERS, [row(SUNNY, '2026-07-01', 'a'), row(SUNNY, '2026-07-02', 'a'), row(SUNNY, '2026-07-02', 'b')]);
    const sheet = tabs.addSheet('Competitors', cells, { rows: cells.length });
    sheet.frozenRows = 1;
    const tab = { sheetId: sheet.sheetId, name: 'Competitors' };
    expect(removeLoadedRows(tabs, tab, SUNNY.id, '2026-07-03', TZ, always)).toBe(3);
    expect(tabs.lastRow(tab)).toBe(1);
    expect(tabs.readHeader(tab)).toEqual(HEADERS);
  });

  it('stops when the time is up: what stays goes next time', () => {
    const tabs = new MemoryTabs();
    const sheet = tabs.addSheet('Competitors', grid(HEADERS, [
      row(SUNNY, '2026-07-01', 'a'), row(BAKERY, '2026-07-01', 'a'), row(SUNNY, '2026-07-01', 'b'), row(BAKERY, '2026-07-01', 'b'), row(SUNNY, '2026-07-01', 'c'),
    ]));
    const tab = { sheetId: sheet.sheetId, name: 'Competitors' };
    let calls = 2;
    expect(removeLoadedRows(tabs, tab, SUNNY.id, '2026-07-02', TZ, () => calls-- > 0)).toBe(2);
    expect(removeLoadedRows(tabs, tab, SUNNY.id, '2026-07-02', TZ, always)).toBe(1);
    expect(tabs.sheet('Competitors').cells.slice(1).map((r) => r[HEADERS.indexOf('Account')])).toEqual(['bakery', 'bakery']);
  });

  it('removes nothing from a tab without its Account ID or Run date column', () => {
    const tabs = new MemoryTabs();
    const renamed = HEADERS.map((h) => (h === 'Run date' ? 'Day' : h));
    const sheet = tabs.addSheet('Competitors', [renamed, ...grid(HEADERS, [row(SUNNY, '2026-07-01', 'a')]).slice(1)]);
    expect(removeLoadedRows(tabs, { sheetId: sheet.sheetId, name: 'Competitors' }, SUNNY.id, '2026-07-02', TZ, always)).toBe(0);
    expect(tabs.sheet('Competitors').cells).toHaveLength(2);
  });
});
