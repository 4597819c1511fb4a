// The person's columns (a post's Label): made with a dropdown, never written over by a run in any mode,
// carried to a post's new rows in Append (from its latest labelled row, however the tab is sorted), and the
// dropdown grows with what the person types, unless they removed it.
import { beforeEach, describe, expect, it } from 'vitest';
import { writeBlock, type TableLayout, type WriteBlock } from '../../../src/core/tabs/table-writer';
import type { WriteMode } from '../../../src/core/reports/types';
import { MemoryTabs } from './memory-tab';

const TZ = 'Europe/Berlin';
const SUNNY = { id: '1784100', username: 'sunny' };
const columns: TableLayout['columns'] = [
  { header: 'Account', type: 'text' }, { header: 'Account ID', type: 'id' }, { header: 'Media ID', type: 'id' },
  { header: 'Label', type: 'text', person: { choices: ['Sponsored'] } }, { header: 'Views', type: 'integer' },
];
const owner = { idHeader: 'Account ID', nameHeader: 'Account' };
const layouts: Record<WriteMode, TableLayout> = {
  update: { columns, keyHeaders: ['Account ID', 'Media ID'], owner },
  replace: { columns, keyHeaders: ['Account ID', 'Media ID'], owner },
  append: {
    columns: [{ header: 'Run date', type: 'date' }, ...columns], keyHeaders: ['Run date', 'Account ID', 'Media ID'], owner,
    sameItem: ['Account ID', 'Media ID'],
  },
};
const day = (d: number) => new Date(Date.UTC(2026, 6, d) - 2 * 3_600_000); // midnight in Berlin (summer)

function run(mode: WriteMode, posts: [string, number][], d = 1, extra: Partial<WriteBlock> = {}) {
  const rows = posts.map(([id, views]) => [...(mode === 'append' ? [day(d)] : []), SUNNY.username, SUNNY.id, id, undefined, views]);
  return writeBlock(tabs, {
    target: { sheetId: null, name: 'Posts' }, layout: layouts[mode], mode, rows, isFirst: true, isLast: true, owners: [SUNNY], timeZone: TZ, ...extra,
  });
}
const header = () => tabs.values('Posts')[0].map(String);
const column = (h: string) => header().indexOf(h) + 1;
/** The person types into the Label cell of a post's row (the latest one when several). */
function label(mediaId: string, value: string, row?: number) {
  const rows = tabs.sheet('Posts').cells;
  const at = row ?? rows.map((r, i) => (r[column('Media ID') - 1] === mediaId ? i : -1)).filter((i) => i > 0).pop()!;
  rows[at][column('Label') - 1] = value;
}
const labels = () => tabs.values('Posts').slice(1).map((r) => [r[column('Media ID') - 1], r[column('Label') - 1], r[column('Views') - 1]]);

let tabs: MemoryTabs;
beforeEach(() => {
  tabs = new MemoryTabs();
});

describe('a Label column', () => {
  it('is made empty, with a dropdown of the starting choices on every data row', () => {
    run('update', [['1', 10], ['2', 20]]);
    expect(labels()).toEqual([['1', '', 10], ['2', '', 20]]);
    const grid = tabs.gridOf(tabs.findTab(null, 'Posts')!);
    expect(tabs.dropdownAt('Posts', column('Label'), 2)).toEqual(['Sponsored']);
    expect(tabs.dropdownAt('Posts', column('Label'), grid.rows)).toEqual(['Sponsored']);
    expect(tabs.dropdownAt('Posts', column('Label'), 1)).toBeNull();
  });

  for (const mode of ['update', 'replace'] as const) {
    it(`keeps what the person chose through ${mode} runs, and a formula they typed stays a formula`, () => {
      run(mode, [['1', 10], ['2', 20], ['3', 30]]);
      label('1', 'Sponsored');
      label('3', '=IF(TRUE,"Launch","")');
      run(mode, [['1', 11], ['2', 21], ['3', 31], ['4', 40]]);
      expect(labels()).toEqual([['1', 'Sponsored', 11], ['2', '', 21], ['3', '=IF(TRUE,"Launch","")', 31], ['4', '', 40]]);
      // Written in one span of Sheetgram's columns around the label, never through it.
      expect(tabs.sheet('Posts').cells[3][column('Label') - 1]).toBe('=IF(TRUE,"Launch","")');
    });
  }

  it('Replace removes a gone post\'s row and keeps the others\' labels, even after a sort', () => {
    run('replace', [['1', 10], ['2', 20], ['3', 30]]);
    label('2', 'Spring sale');
    const cells = tabs.sheet('Posts').cells;
    [cells[1], cells[3]] = [cells[3], cells[1]]; // the person sorts
    run('replace', [['1', 12], ['2', 22]]);
    expect(labels().sort()).toEqual([['1', '', 12], ['2', 'Spring sale', 22]]);
  });

  it('Append gives a post\'s new row the label of its latest row, however the rows are sorted', () => {
    run('append', [['1', 10], ['2', 20]], 1);
    label('1', 'Sponsored');
    run('append', [['1', 15], ['2', 25]], 2);
    expect(labels()).toEqual([['1', 'Sponsored', 10], ['2', '', 20], ['1', 'Sponsored', 15], ['2', '', 25]]);
    // The person changes their mind on the newest row, then sorts newest first.
    label('1', 'Launch', 3);
    const cells = tabs.sheet('Posts').cells;
    cells.splice(1, 4, cells[4], cells[3], cells[2], cells[1]);
    run('append', [['1', 18], ['2', 28], ['3', 30]], 3);
    const byDay = tabs.values('Posts').slice(1).map((r) => [(r[0] as Date).getTime(), r[column('Media ID') - 1], r[column('Label') - 1]]);
    expect(byDay.filter(([t]) => t === day(3).getTime()).map(([, id, l]) => [id, l])).toEqual([['1', 'Launch'], ['2', ''], ['3', '']]);
    expect(byDay.filter(([t, id]) => t === day(1).getTime() && id === '1').map(([, , l]) => l)).toEqual(['Sponsored']);
  });

  it('Append carries a label typed on an older row of the post too: the newest filled one', () => {
    run('append', [['1', 10]], 1);
    run('append', [['1', 12]], 2);
    label('1', 'Sponsored', 1); // the day-1 row, not the newest
    run('append', [['1', 15]], 3);
    expect(labels()).toEqual([['1', 'Sponsored', 10], ['1', '', 12], ['1', 'Sponsored', 15]]);
  });

  it('a same-day rerun in Append refreshes the row and keeps its label', () => {
    run('append', [['1', 10]], 1);
    label('1', 'Sponsored');
    run('append', [['1', 11]], 1);
    expect(labels()).toEqual([['1', 'Sponsored', 11]]);
  });

  it('adds what the person typed to the dropdown, and the dropdown reaches rows appended past the old grid', () => {
    run('update', [['1', 10], ['2', 20]]);
    label('1', 'Spring sale');
    label('2', "'+ collab");
    const before = tabs.dropdownWrites;
    const posts: [string, number][] = Array.from({ length: 1200 }, (_, i) => [String(i + 1), i]);
    run('update', posts);
    expect(tabs.dropdownWrites).toBe(before + 1);
    const grid = tabs.gridOf(tabs.findTab(null, 'Posts')!);
    expect(grid.rows).toBeGreaterThan(1000);
    expect(tabs.dropdownAt('Posts', column('Label'), grid.rows)).toEqual(['Sponsored', 'Spring sale', '+ collab']);
  });

  it('writes the dropdown only when it grows or rows are added', () => {
    run('update', [['1', 10]]);
    const before = tabs.dropdownWrites;
    run('update', [['1', 11]]);
    expect(tabs.dropdownWrites).toBe(before);
  });

  it('leaves a dropdown the person removed removed, and their labels as they are', () => {
    run('update', [['1', 10]]);
    tabs.sheet('Posts').dropdowns.clear();
    label('1', 'Anything');
    run('update', [['1', 11], ['2', 20]]);
    expect(tabs.dropdownAt('Posts', column('Label'), 2)).toBeNull();
    expect(labels()).toEqual([['1', 'Anything', 11], ['2', '', 20]]);
  });

  it('comes back with a message and a fresh dropdown when the person deleted the column', () => {
    run('update', [['1', 10]]);
    const at = column('Label') - 1;
    for (const row of tabs.sheet('Posts').cells) row.splice(at, 1);
    tabs.sheet('Posts').dropdowns.clear();
    const out = run('update', [['1', 11]]);
    expect(out.messages.join(' ')).toMatch(/Column "Label" was not found/);
    expect(tabs.dropdownAt('Posts', column('Label'), 2)).toEqual(['Sponsored']);
  });
});

describe('a fill-only column (views on a day gone by)', () => {
  it('is filled by a run but never emptied by a later one', () => {
    const layout: TableLayout = { columns: [{ header: 'Media ID', type: 'id' }, { header: 'Views on day 1', type: 'integer', fillOnly: true }, { header: 'Views', type: 'integer' }], keyHeaders: ['Media ID'] };
    const write = (rows: unknown[][]) => writeBlock(tabs, { target: { sheetId: null, name: 'Posts' }, layout, mode: 'update', rows, isFirst: true, isLast: true, owners: [], timeZone: TZ });
    write([['1', undefined, 5]]);
    write([['1', 40, 50]]);
    write([['1', undefined, 90]]);
    expect(tabs.values('Posts')).toEqual([['Media ID', 'Views on day 1', 'Views'], ['1', 40, 90]]);
  });
});
