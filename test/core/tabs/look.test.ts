// How a tab looks after its first fill: widths planned from the layout, formats per field type and
// locale, a frozen and styled header; and what later runs leave alone (widths the person set).
import { beforeEach, describe, expect, it } from 'vitest';
import { REPORTS } from '../../../src/core/reports/registry';
import type { FieldType } from '../../../src/core/reports/types';
import { columnWidth, dateFormatsFor, ISO_DATES, numberFormatsFor, textWidth, widthRuns } from '../../../src/core/tabs/look';
import { writeBlock, type TableLayout, type WriteBlock } from '../../../src/core/tabs/table-writer';
import { MemoryTabs } from './memory-tab';

const TYPES: FieldType[] = ['text', 'id', 'number', 'integer', 'date', 'datetime', 'url', 'boolean', 'percent', 'duration_ms'];

describe('number formats', () => {
  it('give counts thousands separators, rates a percent sign on Meta\'s points, text types plain text', () => {
    const f = numberFormatsFor();
    expect(f.integer).toBe('#,##0');
    expect(f.duration_ms).toBe('#,##0');
    expect(f.number).toBe('#,##0.00');
    // 32.5 from Meta means 32.5 %: a quoted % shows the sign without multiplying by 100.
    expect(f.percent).toBe('0.00"%"');
    expect([f.text, f.id, f.url]).toEqual(['@', '@', '@']);
    expect(f.boolean).toBeNull();
    expect(Object.keys(f).sort()).toEqual([...TYPES].sort());
  });

  it('write days and timestamps in one style per locale: the locale\'s date, and the same with the time', () => {
    expect(numberFormatsFor(dateFormatsFor('en_US'))).toMatchObject({ date: 'M/d/yyyy', datetime: 'M/d/yyyy H:mm:ss' });
    expect(dateFormatsFor('en_GB')).toEqual({ date: 'dd/MM/yyyy', datetime: 'dd/MM/yyyy HH:mm:ss' });
    expect(dateFormatsFor('de_DE')).toEqual({ date: 'dd.MM.yyyy', datetime: 'dd.MM.yyyy HH:mm:ss' });
    // By language when the region is not listed; either separator.
    expect(dateFormatsFor('de_AT').date).toBe('dd.MM.yyyy');
    expect(dateFormatsFor('pt-BR').date).toBe('dd/MM/yyyy');
    expect(dateFormatsFor('ja_JP').date).toBe('yyyy/MM/dd');
    expect(dateFormatsFor('sv_SE')).toEqual(ISO_DATES);
    // A locale not listed gets ISO dates, which read the same everywhere.
    expect(dateFormatsFor('xx_YY')).toEqual(ISO_DATES);
    for (const locale of ['en_US', 'en_GB', 'de_DE', 'nl_NL', 'ja_JP', 'xx']) {
      const { date, datetime } = dateFormatsFor(locale);
      expect(datetime.startsWith(`${date} `), locale).toBe(true);
    }
  });
});

describe('column widths', () => {
  it('fit a bold header and the values of the field type: a 19-digit id is never clipped', () => {
    expect(columnWidth('Media ID', 'id')).toBeGreaterThanOrEqual(textWidth('1784140579318721899'));
    expect(columnWidth('Total interactions', 'integer')).toBeGreaterThanOrEqual(textWidth('Total interactions', true));
    expect(columnWidth('Posted at', 'datetime')).toBeGreaterThanOrEqual(textWidth('12/31/2026 23:59:59'));
    expect(columnWidth('Likes', 'integer')).toBeGreaterThanOrEqual(textWidth('12,345,678'));
    // Narrow types stay narrow, long headers are capped.
    expect(columnWidth('Hidden', 'boolean')).toBeLessThan(100);
    expect(columnWidth('x'.repeat(200), 'text')).toBe(320);
  });

  it('fit every header of every report, in a few sizes so neighbours share a width', () => {
    const sizes = new Set<number>();
    for (const report of REPORTS) {
      for (const field of report.fields) {
        const width = columnWidth(field.header, field.type);
        expect(width, `${report.id} ${field.header}`).toBeGreaterThanOrEqual(Math.min(320, textWidth(field.header, true)));
        sizes.add(width);
      }
    }
    expect(sizes.size).toBeLessThanOrEqual(9);
  });

  it('group adjacent columns of one width into one run (one call each)', () => {
    expect(widthRuns([{ column: 3, width: 90 }, { column: 1, width: 150 }, { column: 2, width: 90 }, { column: 4, width: 90 }, { column: 6, width: 90 }]))
      .toEqual([{ column: 1, count: 1, width: 150 }, { column: 2, count: 3, width: 90 }, { column: 6, count: 1, width: 90 }]);
    expect(widthRuns([])).toEqual([]);
  });
});

describe('a tab\'s first fill', () => {
  const layout: TableLayout = {
    columns: [
      { header: 'Account', type: 'text' }, { header: 'Account ID', type: 'id' }, { header: 'Media ID', type: 'id' },
      { header: 'Posted at', type: 'datetime' }, { header: 'Run date', type: 'date' },
      { header: 'Likes', type: 'integer' }, { header: 'Comments', type: 'integer' }, { header: 'Skip rate', type: 'percent' },
    ],
    keyHeaders: ['Account ID', 'Media ID'],
    owner: { idHeader: 'Account ID', nameHeader: 'Account' },
  };
  const owner = { id: '17841400000000001', username: 'sunny.creates' };
  const when = new Date('2026-07-01T10:00:00Z');
  const block = (rows: unknown[][], extra: Partial<WriteBlock> = {}): WriteBlock => ({
    target: { sheetId: null, name: 'Posts' }, layout, mode: 'update', rows, isFirst: true, isLast: true, owners: [owner], timeZone: 'Europe/Lisbon', ...extra,
  });
  const row = (id: string) => ['sunny.creates', owner.id, id, when, when, 1234, 5, 32.5];
  let tabs: MemoryTabs;
  beforeEach(() => {
    tabs = new MemoryTabs();
  });

  it('freezes and styles the header, sizes every column in a few calls and formats dates in the locale', () => {
    tabs.spreadsheetLocale = 'en_GB';
    writeBlock(tabs, block([row('1')]));
    const sheet = tabs.sheet('Posts');
    expect(sheet.frozenRows).toBe(1);
    expect(sheet.styledHeader).toBe(layout.columns.length);
    // A new tab's columns are Sheets' 100 px: only the others get a width.
    layout.columns.forEach((c, i) => expect(sheet.widths.get(i + 1) ?? 100, c.header).toBe(columnWidth(c.header, c.type)));
    expect(sheet.widths.size).toBeLessThan(layout.columns.length);
    // Ids side by side share a width: fewer calls than columns.
    expect(tabs.widthCalls).toBeLessThan(sheet.widths.size);
    expect(sheet.formats.get(4)).toBe('dd/MM/yyyy HH:mm:ss');
    expect(sheet.formats.get(5)).toBe('dd/MM/yyyy');
    expect(sheet.formats.get(6)).toBe('#,##0');
    expect(sheet.formats.get(8)).toBe('0.00"%"');
    expect(tabs.localeReads).toBe(1);
  });

  it('leaves the look alone on later runs: no header styling, no width, no locale read', () => {
    writeBlock(tabs, block([row('1')]));
    const sheet = tabs.sheet('Posts');
    sheet.widths.set(3, 400); // the person widens a column
    sheet.styledHeader = 0;
    tabs.resetCounts();
    writeBlock(tabs, block([row('1'), row('2')]));
    expect(sheet.styledHeader).toBe(0);
    expect(tabs.widthCalls).toBe(0);
    expect(tabs.localeReads).toBe(0);
    expect(sheet.widths.get(3)).toBe(400);
  });

  it('first fills a tab the person made empty, but on a tab with a header sizes only columns it adds beyond the grid', () => {
    tabs.addSheet('Posts');
    writeBlock(tabs, block([row('1')]));
    expect(tabs.sheet('Posts').styledHeader).toBe(layout.columns.length);

    // A tab with the person's header and widths: the missing columns go at the right, beyond its grid.
    const own = tabs.addSheet('Mine', [['Media ID', 'Likes', 'My notes']], { columns: 3 });
    own.widths.set(1, 222);
    own.widths.set(3, 333);
    writeBlock(tabs, block([row('1')], { target: { sheetId: null, name: 'Mine' } }));
    expect(own.styledHeader).toBe(0);
    expect(own.frozenRows).toBe(0);
    expect(own.widths.get(1)).toBe(222);
    expect(own.widths.get(3)).toBe(333);
    const header = tabs.values('Mine')[0];
    // Columns added beyond an existing tab's grid get their width, default or not (what an inserted column has is not read).
    for (const h of ['Account', 'Account ID', 'Posted at', 'Comments']) expect(own.widths.get(header.indexOf(h) + 1), h).toBe(columnWidth(h, layout.columns.find((c) => c.header === h)!.type));
  });

  it('gives a hidden staging tab of a Replace run no look at all', () => {
    const replace = (rows: unknown[][], isLast: boolean, staged: number) => writeBlock(tabs, block(rows, { mode: 'replace', isFirst: staged === 0, isLast, staging: { name: 'Posts (staging)', rows: staged } }));
    replace([row('1')], false, 0);
    expect(tabs.sheet('Posts (staging)').styledHeader).toBe(0);
    expect(tabs.sheet('Posts (staging)').widths.size).toBe(0);
    replace([row('2')], true, 1);
    expect(tabs.sheet('Posts').styledHeader).toBe(layout.columns.length);
  });
});
