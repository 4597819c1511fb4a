// The table writer against an in-memory sheet: modes, idempotence, user columns, moved tabs, cell safety, write counts.
import { beforeEach, describe, expect, it } from 'vitest';
import { writeBlock, type RowOwner, type TableLayout, type WriteBlock } from '../../../src/core/tabs/table-writer';
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
  return { target: { sheetId: null, name: 'Posts' }, layout: postLayout, mode: 'update', rows, isFirst: true, isLast: true, owners: [], timeZone: TZ, ...extra };
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
    expect(again.tab?.sheetId).not.toBe(sheet.sheetId);
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
  it('leaves exactly the new rows by key, keeps user cells beside the rows that stay, and never blanks before writing', () => {
    tabs.addSheet('Posts', [['Media ID', 'Caption', 'Likes', 'Posted at', 'Mine'], ['1', 'a', 1, when, 'x'], ['2', 'b', 2, when, 'y'], ['3', 'c', 3, when, 'z']]);
    const out = writeBlock(tabs, block([['9', 'new', 9, when], ['2', 'b2', 20, when]], { mode: 'replace' }));
    expect(tabs.values('Posts').slice(1)).toEqual([['2', 'b2', 20, when, 'y'], ['9', 'new', 9, when]]);
    expect(out).toMatchObject({ rowsAdded: 1, rowsUpdated: 1, rowsRemoved: 2 });
    expect(tabs.rangeWrites).toBeLessThanOrEqual(3);
  });
});

describe('several accounts in one tab', () => {
  const SUNNY: RowOwner = { id: '17841400000000001', username: 'sunny.creates' };
  const BAKERY: RowOwner = { id: '17841400000000002', username: 'harbor.bakery' };
  const layout: TableLayout = {
    columns: [
      { header: 'Account', type: 'text' }, { header: 'Account ID', type: 'id' }, { header: 'Media ID', type: 'id' }, { header: 'Likes', type: 'integer' },
    ],
    keyHeaders: ['Account ID', 'Media ID'],
    owner: { idHeader: 'Account ID', nameHeader: 'Account' },
  };
  const rowsOf = (who: RowOwner, posts: [string, number][]) => posts.map(([id, likes]) => [who.username, who.id, id, likes]);
  const write = (who: RowOwner, mode: WriteBlock['mode'], posts: [string, number][], extra: Partial<WriteBlock> = {}) =>
    writeBlock(tabs, block(rowsOf(who, posts), { layout, mode, owners: [who], ...extra }));
  const mine = (who: RowOwner) => {
    const [head, ...body] = tabs.values('Posts');
    const at = (h: string) => head.indexOf(h);
    return body.filter((r) => r[at('Account ID')] === who.id).map((r) => [r[at('Media ID')], r[at('Likes')]]);
  };

  it('keeps the same post id of two accounts apart in Update, and a re-run changes nothing', () => {
    write(SUNNY, 'update', [['1', 10], ['2', 20]]);
    write(BAKERY, 'update', [['1', 5]]);
    const once = tabs.values('Posts');
    write(SUNNY, 'update', [['1', 10], ['2', 20]]);
    write(BAKERY, 'update', [['1', 5]]);
    expect(tabs.values('Posts')).toEqual(once);
    expect(mine(SUNNY)).toEqual([['1', 10], ['2', 20]]);
    expect(mine(BAKERY)).toEqual([['1', 5]]);
  });

  it("Replace of one account removes only that account's stale rows, wherever the person sorted them", () => {
    write(SUNNY, 'update', [['1', 10], ['2', 20], ['3', 30]]);
    write(BAKERY, 'update', [['7', 1], ['8', 2]]);
    // The person sorts by likes (descending) and notes beside two rows.
    const sheet = tabs.sheet('Posts');
    const [head, ...body] = sheet.cells;
    body.sort((a, b) => Number(b[3]) - Number(a[3]));
    sheet.cells = [[...head, 'Notes'], ...body];
    sheet.cells.forEach((r) => {
      if (r[2] === '2') r[4] = 'keep';
      if (r[2] === '8') r[4] = 'theirs';
    });
    const out = write(SUNNY, 'replace', [['2', 21], ['4', 40]]);
    expect(out).toMatchObject({ rowsAdded: 1, rowsUpdated: 1, rowsRemoved: 2 });
    expect(mine(SUNNY)).toEqual([['2', 21], ['4', 40]]);
    expect(mine(BAKERY)).toEqual([['8', 2], ['7', 1]]);
    const notes = Object.fromEntries(tabs.values('Posts').slice(1).map((r) => [`${r[1]}/${r[2]}`, r[4]]));
    expect(notes[`${SUNNY.id}/2`]).toBe('keep');
    expect(notes[`${BAKERY.id}/8`]).toBe('theirs');
  });

  it('names the account on rows of a tab written before rows named it, once, and keeps them', () => {
    tabs.addSheet('Posts', [['Media ID', 'Likes', 'Notes'], ['1', 10, 'a'], ['2', 20, 'b']]);
    const out = write(SUNNY, 'update', [['2', 25], ['3', 30]], { legacyOwner: () => SUNNY });
    expect(tabs.values('Posts')).toEqual([
      ['Media ID', 'Likes', 'Notes', 'Account', 'Account ID'],
      ['1', 10, 'a', SUNNY.username, SUNNY.id],
      ['2', 25, 'b', SUNNY.username, SUNNY.id],
      ['3', 30, '', SUNNY.username, SUNNY.id],
    ]);
    expect(out).toMatchObject({ rowsAdded: 1, rowsUpdated: 1 });
    expect(out.messages.join(' ')).toMatch(/now name their account \(@sunny\.creates\)/);
    expect(out.messages.join(' ')).not.toMatch(/renamed or deleted/);
    // The second account's run names nothing of the first's.
    write(BAKERY, 'update', [['1', 1]]);
    expect(mine(SUNNY)).toEqual([['1', 10], ['2', 25], ['3', 30]]);
    expect(mine(BAKERY)).toEqual([['1', 1]]);
  });

  it('tells the accounts\' rows apart by name when the Account ID column was renamed in a shared tab', () => {
    write(SUNNY, 'update', [['1', 10], ['2', 20]]);
    write(BAKERY, 'update', [['1', 5], ['7', 70]]);
    tabs.sheet('Posts').cells[0][1] = 'Id of the account';
    const out = write(SUNNY, 'replace', [['1', 11], ['2', 21]], { legacyOwner: () => SUNNY });
    expect(out).toMatchObject({ rowsAdded: 0, rowsUpdated: 2, rowsRemoved: 0 });
    expect(out.messages.join(' ')).toMatch(/now name their account \(@sunny\.creates\)/);
    write(BAKERY, 'replace', [['7', 71]], { legacyOwner: () => BAKERY });
    expect(mine(SUNNY)).toEqual([['1', 11], ['2', 21]]);
    expect(mine(BAKERY)).toEqual([['7', 71]]);
  });

  it("never takes a person's own rows for the account's in a tab it did not write before", () => {
    tabs.addSheet('Posts', [['Media ID', 'Likes'], ['1', 999], ['2', 888]]);
    const out = write(SUNNY, 'replace', [['1', 10], ['3', 30]]);
    expect(out).toMatchObject({ rowsAdded: 2, rowsUpdated: 0, rowsRemoved: 0 });
    expect(tabs.values('Posts')).toEqual([
      ['Media ID', 'Likes', 'Account', 'Account ID'],
      ['1', 999],
      ['2', 888],
      ['1', 10, SUNNY.username, SUNNY.id],
      ['3', 30, SUNNY.username, SUNNY.id],
    ]);
    write(SUNNY, 'replace', [['1', 11]]);
    expect(tabs.values('Posts').slice(1, 3)).toEqual([['1', 999], ['2', 888]]);
    expect(mine(SUNNY)).toEqual([['1', 11]]);
  });

  it('removes nothing when the result is known to be short, and refreshes and adds as usual', () => {
    write(SUNNY, 'update', [['1', 10], ['2', 20]]);
    const out = write(SUNNY, 'replace', [['2', 21], ['3', 30]], { keepStale: true });
    expect(out).toMatchObject({ rowsAdded: 1, rowsUpdated: 1, rowsRemoved: 0 });
    expect(mine(SUNNY)).toEqual([['1', 10], ['2', 21], ['3', 30]]);
  });

  it('over several blocks keeps the tab as it was until the last one, then swaps by key', () => {
    write(SUNNY, 'update', [['old', 1], ['2', 2]]);
    write(BAKERY, 'update', [['9', 9]]);
    const before = tabs.values('Posts');
    const staging = { name: 'Sheetgram staging c1', rows: 0 };
    const first = write(SUNNY, 'replace', [['2', 20], ['3', 30]], { isLast: false, staging });
    expect(first.tab).toBeUndefined();
    expect(tabs.values('Posts')).toEqual(before);
    expect(tabs.sheet(staging.name).hidden).toBe(true);
    // The person sorts the tab and inserts a column before the last block.
    const sheet = tabs.sheet('Posts');
    sheet.cells = [sheet.cells[0], ...sheet.cells.slice(1).reverse()].map((r) => ['', ...r]);
    sheet.grid.columns += 1;
    // A block written again after a crash is harmless.
    write(SUNNY, 'replace', [['3', 30]], { isFirst: false, isLast: false, staging: { ...staging, rows: first.staged! } });
    const last = write(SUNNY, 'replace', [['4', 40]], { isFirst: false, staging: { ...staging, rows: first.staged! + 1 } });
    expect(last).toMatchObject({ rowsAdded: 2, rowsUpdated: 1, rowsRemoved: 1 });
    expect(mine(SUNNY).sort()).toEqual([['2', 20], ['3', 30], ['4', 40]]);
    expect(mine(BAKERY)).toEqual([['9', 9]]);
    expect(tabs.sheets.map((x) => x.name)).toEqual(['Posts']);
  });

  it('removes nothing when the rows kept between executions went missing', () => {
    write(SUNNY, 'update', [['old', 1]]);
    const staging = { name: 'Sheetgram staging c1', rows: 0 };
    const first = write(SUNNY, 'replace', [['2', 20]], { isLast: false, staging });
    tabs.deleteTab(tabs.findTab(null, staging.name)!);
    const last = write(SUNNY, 'replace', [['3', 30]], { isFirst: false, staging: { ...staging, rows: first.staged! } });
    expect(last.rowsRemoved).toBe(0);
    expect(last.messages.join(' ')).toMatch(/removed no old rows; the next run does/);
    expect(mine(SUNNY)).toEqual([['old', 1], ['3', 30]]);
  });
});

describe('a repair (keepWhereEmpty)', () => {
  it('keeps a cell the block leaves empty, refreshes the others, and adds missing rows as they come', () => {
    writeBlock(tabs, block([['1', 'first', 5, when], ['2', 'second', 7, when]]));
    const out = writeBlock(tabs, block([['1', undefined, 6, when], ['3', 'third', undefined, when]], { keepWhereEmpty: true }));
    expect(out).toMatchObject({ rowsAdded: 1, rowsUpdated: 1 });
    expect(tabs.values('Posts').slice(1)).toEqual([['1', 'first', 6, when], ['2', 'second', 7, when], ['3', 'third', '', when]]);
    // Without it, an empty value empties the cell (a scheduled run writes what Instagram gives).
    writeBlock(tabs, block([['1', undefined, 6, when]]));
    expect(tabs.values('Posts')[1]).toEqual(['1', '', 6, when]);
  });
});
