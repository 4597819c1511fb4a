// A report tab looks finished after its first run: columns wide enough for their headers and values
// (ids whole), counts with thousands separators, rates with a percent sign, dates in the spreadsheet's
// locale, a frozen bold header on a light background; for a handful of calls, on the first fill only.
// Widths the person sets afterwards stay. The .xlsx download carries the same.
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { Workbook } from '../../local/apps-script/services/spreadsheet';
import { xlsxBuffer } from '../../local/export';
import type { Stack } from '../../local/platform/stack';
import { REPORTS } from '../../src/core/reports/registry';
import { CREATOR, stack } from './support';

let s: Stack;
afterEach(async () => {
  await s?.close();
});

function save(reportId: string, fields?: string[]) {
  const report = REPORTS.find((r) => r.id === reportId)!;
  return s.rt.call('saveConfiguration', [{
    accountId: CREATOR, reportId, fields: fields ?? report.fields.filter((f) => f.default).map((f) => f.id), tabName: report.title,
    mode: report.defaultMode, schedule: { kind: 'off' },
  }]) as { id: string; tabName: string };
}
const run = (id: string) => s.rt.call('runConfigurationNow', [id]) as { status: string; message: string };

/** Sheet and Range calls of one call into the bundle, by method. */
function callsOf(fn: () => void): Record<string, number> {
  const before = s.rt.counters.snapshot();
  fn();
  const after = s.rt.counters.snapshot();
  return Object.fromEntries(Object.entries(after).filter(([k, v]) => /^(Sheet|Range|Spreadsheet)\./.test(k) && v !== (before[k] ?? 0)).map(([k, v]) => [k, v - (before[k] ?? 0)]));
}

/** Pixels a displayed text needs, by the runtime's own measure (autoResizeColumns: 7 px a character and 12 of padding). */
const needed = (text: string) => [...text].length * 7 + 12;

describe('a report tab after its first run', () => {
  it('has a frozen, styled header, columns that fit, and formats for counts, rates and dates', async () => {
    s = await stack({ transport: 'in-process' });
    await s.connect('instagram');
    // A first run makes the log tab (which gets the same look); the next report's first fill is measured alone.
    run(save('user_information').id);
    const media = save('media_insights');
    const calls = callsOf(() => run(media.id));
    const tab = s.rt.workbook.sheetNamed(media.tabName)!;
    const [header, ...rows] = s.rt.workbook.displayValues(media.tabName);
    expect(rows.length).toBeGreaterThan(10);

    expect(tab.frozenRows).toBe(1);
    header.forEach((h, i) => {
      expect(tab.cellAt(1, i + 1)?.style, h).toMatchObject({ fontWeight: 'bold', background: '#f3f3f3', wrap: false });
      // Every column fits its header (bold) and every value it shows: ids, dates and counts are never cut.
      const width = tab.columnWidths.get(i + 1) ?? 100;
      expect(width, h).toBeGreaterThanOrEqual(needed(h));
      const type = REPORTS.find((r) => r.id === 'media_insights')!.fields.find((f) => f.header === h)?.type ?? 'text';
      if (type !== 'text' && type !== 'url') for (const row of rows) expect(width, `${h}: ${row[i]}`).toBeGreaterThanOrEqual(needed(row[i]));
    });
    const at = (h: string) => header.indexOf(h) + 1;
    expect(tab.cellAt(2, at('Reach'))?.format).toBe('#,##0');
    expect(tab.cellAt(2, at('Media ID'))?.format).toBe('@');
    // The locale's date and date-time (en_US: Sheets' "Date time"), one style for every timestamp.
    expect(tab.cellAt(2, at('Posted at'))?.format).toBe('M/d/yyyy H:mm:ss');
    expect(rows[0][at('Posted at') - 1]).toMatch(/^\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d{2}:\d{2}$/);
    expect(rows.some((r) => /\d,\d{3}$/.test(r[at('Reach') - 1]))).toBe(true);

    // The run also made the Post Growth tab, with the same look.
    const growth = s.rt.workbook.sheetNamed('Post Growth')!;
    const [growthHeader] = s.rt.workbook.displayValues('Post Growth');
    expect(growth.frozenRows).toBe(1);
    expect(growth.cellAt(1, 1)?.style).toMatchObject({ fontWeight: 'bold', background: '#f3f3f3', wrap: false });

    // The look costs a handful of calls per tab made: widths in runs of equal widths, the locale once.
    expect(calls['Sheet.setFrozenRows']).toBe(2);
    expect([calls['Range.setFontWeight'], calls['Range.setBackground'], calls['Range.setWrap']]).toEqual([2, 2, 2]);
    expect(calls['Spreadsheet.getSpreadsheetLocale']).toBe(1);
    expect(calls['Sheet.setColumnWidths']).toBeLessThanOrEqual(Math.ceil(header.length / 2) + Math.ceil(growthHeader.length / 2));
    expect(calls['Sheet.autoResizeColumns'] ?? 0).toBe(0);

    // The person widens a column and narrows another; the next runs keep their widths and spend nothing on the look.
    tab.columnWidths.set(at('Permalink'), 420);
    tab.columnWidths.set(at('Reach'), 60);
    const again = callsOf(() => run(media.id));
    expect(tab.columnWidths.get(at('Permalink'))).toBe(420);
    expect(tab.columnWidths.get(at('Reach'))).toBe(60);
    for (const method of ['Sheet.setColumnWidths', 'Sheet.setFrozenRows', 'Range.setFontWeight', 'Range.setBackground', 'Range.setWrap', 'Spreadsheet.getSpreadsheetLocale']) {
      expect(again[method] ?? 0, method).toBe(0);
    }

    // The .xlsx download: widths, the bold header and the number formats.
    const xlsx = new ExcelJS.Workbook();
    await xlsx.xlsx.load((await xlsxBuffer(s.rt.workbook)).bytes as unknown as ArrayBuffer);
    const sheet = xlsx.getWorksheet(media.tabName)!;
    expect(sheet.getCell(1, 1).font?.bold).toBe(true);
    expect(sheet.getColumn(at('Media ID')).width).toBeCloseTo((tab.columnWidths.get(at('Media ID'))! / 7), 1);
    expect(sheet.getCell(2, at('Reach')).numFmt).toBe('#,##0');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('writes days and timestamps in the spreadsheet\'s locale: day first in en_GB', async () => {
    s = await stack({ transport: 'in-process', runtime: { workbook: new Workbook({ timeZone: 'Europe/Lisbon', locale: 'en_GB', name: 'UK' }) } });
    await s.connect('instagram');
    const info = save('user_information');
    const media = save('recent_media');
    run(info.id);
    run(media.id);
    const day = s.rt.workbook.displayValues(info.tabName)[1][0];
    expect(day).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    const [header, first] = s.rt.workbook.displayValues(media.tabName);
    expect(first[header.indexOf('Posted at')]).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/);
    // Still dates underneath: the writer finds its rows by them.
    expect(s.rt.workbook.values(info.tabName)[1][0]).toBeInstanceOf(Date);
    run(info.id);
    // Header, the 30 days the first run rebuilt (follower-history.test.ts) and today's row, found again by its date.
    expect(s.rt.workbook.values(info.tabName)).toHaveLength(1 + 30 + 1);
  });
});
