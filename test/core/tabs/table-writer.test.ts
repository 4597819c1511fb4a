// The table writer against an in-memory sheet: modes, idempotence, user columns, moved tabs, cell safety, write counts.
import { beforeEach, describe, expect, it } from 'vitest';
import { finishReplace, writeBlock, type TableLayout, type WriteBlock } from '../../../src/core/tabs/table-writer';
import { MemoryTabs } from './memory-tab';

const TZ = 'Europe/Berlin';
const postLayout: TableLayout = {
  columns: [
    { header: 'Media ID', type: 'id' }, { header: 'Caption', type: 'text' }, { header: 'Likes', type: 'integer' },
    { header: 'Posted at', type: 'datetime' },
  ],
  keyHeaders: ['Media ID'],
};
const when = new Date('2026-07-01T10:00:00Z');

function block(rows: unknown[][], extra: Partial<WriteBlock> = {}): WriteBlock {
  return { target: { sheetId: null, name: 'Posts' }, layout: postLayout, mode: 'update', rows, isFirst: true, isLast: true, timeZone: TZ, ...extra };
}

let tabs: MemoryTabs;
beforeEach(() => {
  tabs = new MemoryTabs();
});

describe('a new tab', () => {
  it('gets a frozen header, text formats for ids and the rows, in two range writes', () => {
    const out = writeBlock(tabs, block([['17841405793187218', 'hi', 5, when]]));
    expect(tabs.values('Posts')).toEqual([
      ['Media ID', 'Caption', 'Likes', 'Posted at'],
      ['17841405793187218', 'hi', 5, when],
    ]);
    const sheet = tabs.sheet('Posts');
    expect(sheet.frozenRows).toBe(1);
    expect(sheet.formats.get(1)).toBe('@');
    expect(sheet.formats.get(3)).toBe('#,##0');
    expect(tabs.rangeWrites).toBe(2);
    expect(out.rowsAdded).toBe(1);
  });
});

describe('cell values', () => {
  it('keeps every digit of a 17-digit id, escapes formula-looking text and keeps empty apart from zero', () => {
    writeBlock(tabs, block([
      ['17841405793187218', '=IMPORTXML("http://x","//a")', 0, when],
      ['17841405793187219', '+1 for this', undefined, when],
      ['17841405793187220', '-minus', null, ''],
    ]));
    const cells = tabs.sheet('Posts').cells;
    expect(cells[1][0]).toBe('17841405793187218');
    expect(cells[1][1]).toBe('\'=IMPORTXML("http://x","//a")');
    expect(cells[2][1]).toBe("'+1 for this");
    expect(cells[3][1]).toBe("'-minus");
    expect(cells[1][2]).toBe(0);
    expect(cells[2][2]).toBe('');
    expect(cells[3][2]).toBe('');
    expect(cells[3][3]).toBe('');
  });

  it('cuts text over 50,000 characters with a visible marker', () => {
    writeBlock(tabs, block([['1', 'x'.repeat(60_000), 1, when]]));
    const caption = tabs.sheet('Posts').cells[1][1] as string;
    expect(caption.length).toBeLessThanOrEqual(50_000);
    expect(caption).toMatch(/… \[truncated by Sheetgram: \d+ characters\]$/);
    const cut = Number(/(\d+) characters\]$/.exec(caption)?.[1]);
    expect(caption.indexOf('…') + cut).toBe(60_000);
  });
});

describe('Update mode', () => {
  it('refreshes rows in place by key, appends new keys, and a re-run changes nothing', () => {
    writeBlock(tabs, block([['1', 'a', 1, when], ['2', 'b', 2, when]]));
    tabs.resetCounts();
    const out = writeBlock(tabs, block([['2', 'b2', 20, when], ['3', 'c', 3, when]]));
    expect(out).toMatchObject({ rowsAdded: 1, rowsUpdated: 1 });
    expect(tabs.rangeWrites).toBeLessThanOrEqual(3);
    const once = tabs.values('Posts');
    expect(once.slice(1).map((r) => r.slice(0, 3))).toEqual([['1', 'a', 1], ['2', 'b2', 20], ['3', 'c', 3]]);
    writeBlock(tabs, block([['2', 'b2', 20, when], ['3', 'c', 3, when]]));
    expect(tabs.values('Posts')).toEqual(once);
  });

  it('keeps user columns, follows reordered headers and finds rows after a user sorted them', () => {
    tabs.addSheet('Posts', [
      ['Likes', 'My notes', 'Media ID', 'Posted at', 'Caption', 'Score'],
      [9, 'keep me', '2', when, "'=already", '=A2*2'],
      [1, 'mine too', '1', when, 'a', '=A3*2'],
    ]);
    writeBlock(tabs, block([['1', 'a!', 100, when], ['3', 'new', 3, when]]));
    const v = tabs.values('Posts');
    expect(v[1]).toEqual([9, 'keep me', '2', when, "'=already", '=A2*2']);
    expect(v[2]).toEqual([100, 'mine too', '1', when, 'a!', '=A3*2']);
    expect(v[3]).toEqual([3, '', '3', when, 'new']);
  });

  it('appends right below its own rows even when a user filled a formula column further down', () => {
    tabs.addSheet('Posts', [['Media ID', 'Caption', 'Likes', 'Posted at', 'Double'], ['1', 'a', 1, when, '=C2*2'],
      ['', '', '', '', '=C3*2'], ['', '', '', '', '=C4*2']]);
    writeBlock(tabs, block([['2', 'b', 2, when]]));
    expect(tabs.values('Posts')[2]).toEqual(['2', 'b', 2, when, '=C3*2']);
    expect(tabs.values('Posts')).toHaveLength(4);
  });

  it('adds a renamed header back at the end and says so', () => {
    tabs.addSheet('Posts', [['Media ID', 'My caption', 'Likes', 'Posted at'], ['1', 'x', 1, when]]);
    const out = writeBlock(tabs, block([['1', 'y', 2, when]]));
    expect(tabs.values('Posts')[0]).toEqual(['Media ID', 'My caption', 'Likes', 'Posted at', 'Caption']);
    expect(tabs.values('Posts')[1]).toEqual(['1', 'x', 2, when, 'y']);
    expect(out.messages.join(' ')).toMatch(/Column "Caption" was not found .* column 5/);
    expect(tabs.rangeWrites).toBeLessThanOrEqual(3);
  });

  it('re-escapes formula-looking text it rewrites from the sheet', () => {
    writeBlock(tabs, block([['1', '=SUM(1)', 1, when], ['2', 'b', 2, when], ['3', 'c', 3, when]]));
    writeBlock(tabs, block([['1', '=SUM(1)', 1, when], ['3', 'c', 4, when]]));
    expect(tabs.sheet('Posts').cells[1][1]).toBe("'=SUM(1)");
  });
});

describe('tabs that moved', () => {
  it('finds a renamed tab by its sheet id and recreates a deleted one', () => {
    writeBlock(tabs, block([['1', 'a', 1, when]]));
    const sheet = tabs.sheet('Posts');
    sheet.name = 'Renamed by user';
    const out = writeBlock(tabs, block([['1', 'a', 2, when]], { target: { sheetId: sheet.sheetId, name: 'Posts' } }));
    expect(out.tab).toEqual({ sheetId: sheet.sheetId, name: 'Renamed by user' });
    expect(tabs.values('Renamed by user')[1][2]).toBe(2);

    tabs.sheets.splice(0, 1);
    const again = writeBlock(tabs, block([['1', 'a', 3, when]], { target: { sheetId: sheet.sheetId, name: 'Posts' } }));
    expect(again.tab.sheetId).not.toBe(sheet.sheetId);
    expect(again.messages.join(' ')).toMatch(/was not found/);
    expect(tabs.values('Posts')).toHaveLength(2);
  });
});

describe('Append mode', () => {
  const appendLayout: TableLayout = {
    columns: [{ header: 'Run date', type: 'date' }, { header: 'Account ID', type: 'id' }, { header: 'Followers', type: 'integer' }],
    keyHeaders: ['Run date', 'Account ID'],
  };
  const day = (d: number) => new Date(Date.UTC(2026, 6, d) - 2 * 3600_000); // midnight in Berlin (summer)
  const append = (rows: unknown[][]) => writeBlock(tabs, { ...block(rows), layout: appendLayout, mode: 'append', target: { sheetId: null, name: 'Profile' } });

  it('adds a row per run date and replaces the same date on a second run', () => {
    append([[day(1), '17841405793187218', 100]]);
    append([[day(2), '17841405793187218', 110]]);
    append([[day(2), '17841405793187218', 111]]);
    expect(tabs.values('Profile').slice(1)).toEqual([[day(1), '17841405793187218', 100], [day(2), '17841405793187218', 111]]);
  });
});

describe('Replace mode', () => {
  it('leaves exactly the new rows, keeps user columns and never blanks before writing', () => {
    tabs.addSheet('Posts', [['Media ID', 'Caption', 'Likes', 'Posted at', 'Mine'], ['1', 'a', 1, when, 'x'], ['2', 'b', 2, when, 'y'], ['3', 'c', 3, when, 'z']]);
    const out = writeBlock(tabs, block([['9', 'new', 9, when]], { mode: 'replace' }));
    expect(tabs.values('Posts').slice(1)).toEqual([['9', 'new', 9, when, 'x'], ['', '', '', '', 'y'], ['', '', '', '', 'z']]);
    expect(out.rowsAdded).toBe(1);
    expect(tabs.rangeWrites).toBeLessThanOrEqual(3);
  });

  it('over several blocks keeps the old rows until the end, and repeating a block or the finish is harmless', () => {
    tabs.addSheet('Posts', [['Media ID', 'Caption', 'Likes', 'Posted at'], ['old1', 'a', 1, when], ['old2', 'b', 2, when]]);
    const first = writeBlock(tabs, block([['n1', 'x', 1, when]], { mode: 'replace', isLast: false }));
    expect(tabs.values('Posts')).toHaveLength(4);
    const again = writeBlock(tabs, block([['n1', 'x', 1, when]], { mode: 'replace', isFirst: false, isLast: false, replace: first.replace }));
    expect(tabs.values('Posts')).toHaveLength(4);
    const last = writeBlock(tabs, block([['n2', 'y', 2, when]], { mode: 'replace', isFirst: false, replace: again.replace }));
    expect(tabs.values('Posts').map((r) => r[0])).toEqual(['Media ID', 'old1', 'old2', 'n1', 'n2']);
    finishReplace(tabs, { sheetId: null, name: 'Posts' }, postLayout, last.replace!, TZ);
    finishReplace(tabs, { sheetId: null, name: 'Posts' }, postLayout, last.replace!, TZ);
    expect(tabs.values('Posts').map((r) => r[0])).toEqual(['Media ID', 'n1', 'n2']);
  });
});
