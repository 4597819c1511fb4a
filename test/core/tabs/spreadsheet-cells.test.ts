// Google's 10 million cells per spreadsheet and the table writer: a block is counted before anything of
// it is written and refused whole when it does not fit; Sheetgram's new tabs keep only the columns they write.
import { beforeEach, describe, expect, it } from 'vitest';
import {
  ensureRoom, growthOf, isSpreadsheetFull, SPREADSHEET_CELL_LIMIT, SpreadsheetFullError, spreadsheetFullText,
} from '../../../src/core/tabs/spreadsheet-cells';
import { writeBlock, type TableLayout, type WriteBlock } from '../../../src/core/tabs/table-writer';
import { MemoryTabs } from './memory-tab';

const TZ = 'Europe/Berlin';
const layout: TableLayout = {
  columns: [{ header: 'Media ID', type: 'id' }, { header: 'Caption', type: 'text' }, { header: 'Likes', type: 'integer' }],
  keyHeaders: ['Media ID'],
};
const rowsOf = (from: number, n: number) => Array.from({ length: n }, (_, i) => [String(from + i), `post ${from + i}`, i]);

function block(rows: unknown[][], extra: Partial<WriteBlock> = {}): WriteBlock {
  return { target: { sheetId: null, name: 'Posts' }, layout, mode: 'update', rows, isFirst: true, isLast: true, owners: [], timeZone: TZ, ...extra };
}

/** What a refusal says, or a failure when there was none. */
function refusal(fn: () => unknown): SpreadsheetFullError {
  try {
    fn();
  } catch (e) {
    if (isSpreadsheetFull(e)) return e;
    throw e;
  }
  throw new Error('expected the spreadsheet to be full');
}

let tabs: MemoryTabs;
beforeEach(() => {
  tabs = new MemoryTabs();
});

/** A person's tab that leaves exactly `free` cells under the limit (26 columns, and a one-row tab for the rest). */
function fillTo(free: number, name = 'Archive'): void {
  const used = tabs.cellCount();
  const rows = Math.floor((SPREADSHEET_CELL_LIMIT - used - free) / 26);
  tabs.addSheet(name, [['My data']], { rows, columns: 26 });
  const rest = SPREADSHEET_CELL_LIMIT - tabs.cellCount() - free;
  if (rest) tabs.addSheet(`${name} 2`, [['x']], { rows: 1, columns: rest });
  expect(SPREADSHEET_CELL_LIMIT - tabs.cellCount()).toBe(free);
}

describe('growthOf', () => {
  it('counts the cells a grid gains, and a new tab at Sheets\' 1000 x 26 until Sheetgram trims it', () => {
    expect(growthOf({ rows: 1000, columns: 12 }, { rows: 800, columns: 12 })).toBe(0);
    expect(growthOf({ rows: 1000, columns: 12 }, { rows: 1500, columns: 12 })).toBe(6_000);
    expect(growthOf({ rows: 1000, columns: 12 }, { rows: 1000, columns: 14 })).toBe(2_000);
    expect(growthOf(null, { rows: 11, columns: 12 })).toBe(26_000);
    expect(growthOf(null, { rows: 5_001, columns: 12 })).toBe(60_012);
  });
});

describe('ensureRoom', () => {
  it('measures nothing when the tab\'s grid already has room', () => {
    tabs.addSheet('Posts', [['Media ID']], { rows: 1000, columns: 3 });
    ensureRoom(tabs, { tab: tabs.findTab(null, 'Posts'), name: 'Posts', rows: 900, columns: 3, rowsAdded: 899 });
    expect(tabs.measures).toBe(0);
  });
});

describe('a block that does not fit', () => {
  it('writes nothing, not even its new tab, and says what is full, which tabs are largest and what to do', () => {
    fillTo(25_999);
    const before = tabs.sheets.map((s) => s.name);
    const error = refusal(() => writeBlock(tabs, block(rowsOf(1, 10))));
    expect(tabs.sheets.map((s) => s.name)).toEqual(before);
    expect(error.message).toBe(spreadsheetFullText(tabs.grids(), { rows: 10, tabName: 'Posts', needed: 26_000 }));
    expect(error.message).toMatch(/^This spreadsheet is full: Google Sheets allows 10 million cells in one spreadsheet, counting every tab's rows × columns \(empty cells too\), and it has 9,974,001\. The 10 new rows for "Posts" need 26,000 more cells, so Sheetgram wrote none of them; the next run after you make room picks up where this one stopped\./);
    expect(error.message).toContain('Largest tabs: "Archive" (9,973,990 cells), "Archive 2" (11 cells).');
    expect(error.message).toMatch(/delete tabs or old rows you no longer need .* Replace instead of Append .* BigQuery/);
  });

  it('leaves an existing tab exactly as it was: no row, no header, no format', () => {
    writeBlock(tabs, block(rowsOf(1, 999)));
    expect(tabs.gridOf(tabs.findTab(null, 'Posts')!)).toEqual({ rows: 1000, columns: 3 });
    fillTo(2);
    const before = JSON.stringify(tabs.sheet('Posts'));
    const error = refusal(() => writeBlock(tabs, block([['5', 'five!', 5], ...rowsOf(1000, 2)])));
    expect(error.message).toContain('The 2 new rows for "Posts" need 6 more cells');
    expect(JSON.stringify(tabs.sheet('Posts'))).toBe(before);
    // Updates alone need no cell: they go through, at any fullness.
    writeBlock(tabs, block([['5', 'five!', 5]]));
    expect(tabs.values('Posts')[5]).toEqual(['5', 'five!', 5]);
  });

  it('refuses a header to put back when the new column would not fit, before touching the tab', () => {
    tabs.addSheet('Posts', [['Media ID', 'Caption'], ['1', 'a']], { rows: 300_000, columns: 2 });
    fillTo(299_999);
    const before = JSON.stringify(tabs.sheet('Posts'));
    const error = refusal(() => writeBlock(tabs, block([['1', 'a', 1]])));
    expect(error.message).toContain('Writing to "Posts" needs 300,000 more cells, so Sheetgram wrote nothing there');
    expect(JSON.stringify(tabs.sheet('Posts'))).toBe(before);
  });

  it('fits to the last cell', () => {
    writeBlock(tabs, block(rowsOf(1, 999)));
    fillTo(6);
    writeBlock(tabs, block(rowsOf(1000, 2)));
    expect(tabs.cellCount()).toBe(SPREADSHEET_CELL_LIMIT);
    expect(tabs.values('Posts')).toHaveLength(1002);
  });

  it('stages nothing of a Replace block that does not fit in the staging tab', () => {
    fillTo(30_000);
    const staging = { name: 'Sheetgram staging cfg-1', rows: 0 };
    writeBlock(tabs, block(rowsOf(1, 900), { mode: 'replace', isLast: false, staging }));
    expect(tabs.sheet('Sheetgram staging cfg-1').grid).toEqual({ rows: 1000, columns: 3 });
    const before = JSON.stringify(tabs.sheets);
    refusal(() => writeBlock(tabs, block(rowsOf(901, 10_000), { mode: 'replace', isFirst: false, isLast: false, staging: { ...staging, rows: 900 } })));
    expect(JSON.stringify(tabs.sheets)).toBe(before);
  });
});

describe('columns still to be added', () => {
  it('read as empty while they lie beyond the grid, so a tab from before rows named their account is adopted', () => {
    tabs.addSheet('Posts', [['Media ID', 'Caption'], ['1', 'a']], { rows: 10, columns: 2 });
    const owned: TableLayout = {
      columns: [{ header: 'Account ID', type: 'id' }, { header: 'Account', type: 'text' }, { header: 'Media ID', type: 'id' }, { header: 'Caption', type: 'text' }],
      keyHeaders: ['Account ID', 'Media ID'], owner: { idHeader: 'Account ID', nameHeader: 'Account' },
    };
    const me = { id: '42', username: 'me' };
    const out = writeBlock(tabs, block([['42', 'me', '1', 'a2'], ['42', 'me', '2', 'b']], { layout: owned, owners: [me], legacyOwner: () => me }));
    expect(out).toMatchObject({ rowsAdded: 1, rowsUpdated: 1 });
    expect(tabs.values('Posts')).toEqual([['Media ID', 'Caption', 'Account ID', 'Account'], ['1', 'a2', '42', 'me'], ['2', 'b', '42', 'me']]);
    expect(tabs.sheet('Posts').grid).toEqual({ rows: 10, columns: 4 });
  });
});

describe('new tabs', () => {
  it('keep only the columns Sheetgram writes, never the person\'s', () => {
    tabs.addSheet('Mine', [['a', 'b']]);
    writeBlock(tabs, block(rowsOf(1, 5)));
    expect(tabs.sheet('Posts').grid).toEqual({ rows: 1000, columns: 3 });
    expect(tabs.sheet('Mine').grid).toEqual({ rows: 1000, columns: 26 });
    expect(tabs.cellCount()).toBe(26_000 + 3_000);
  });
});
