// The workbook export: CSV holds what each cell shows, quoted so any text survives a round trip; the
// .xlsx holds typed values with wall-clock dates in the spreadsheet's zone; names stay valid and unique.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { Workbook } from '../../local/apps-script/services/spreadsheet';
import { csvField, csvFileNames, csvFiles, EXCEL_CELL_CHARACTERS, excelSheetNames, exportWorkbook, parseCsv, readGrid, toCsv, xlsxBuffer } from '../../local/export';

// The apostrophe keeps "=..." text, as Sheetgram writes captions; Sheets shows it without the apostrophe.
const TRICKY = ['plain', 'a, b', 'say "hi"', 'line one\nline two', ' padded ', `'=HYPERLINK("http://x","y")`, '👩‍👩‍👧‍👦 🇵🇹', ''];

function workbookWith(rows: unknown[][], name = 'Data', timeZone = 'Europe/Lisbon'): Workbook {
  const wb = new Workbook({ timeZone });
  const sheet = wb.createSheet(name);
  wb.writeValues(sheet, { row: 1, column: 1, numRows: rows.length, numColumns: rows[0].length }, rows);
  return wb;
}

describe('CSV', () => {
  it('round-trips any text through quoting', () => {
    const wb = workbookWith([TRICKY]);
    const { grid } = readGrid(wb, wb.sheetNamed('Data')!);
    const csv = toCsv(grid);
    expect(parseCsv(csv)).toEqual([wb.displayValues('Data')[0]]);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('plain')).toBe('plain');
    expect(parseCsv(csv)[0][5]).toBe(wb.displayAt(wb.sheetNamed('Data')!, 1, 6));
  });

  it('exports a formula by its value, or by its text when the runtime cannot evaluate it, and counts that', () => {
    const wb = workbookWith([['=A2*2', 'x'], [21, '']]);
    // An evaluator stands in for the engine, so the test does not depend on which functions it knows.
    wb.setFormulaEvaluator(() => 42);
    expect(readGrid(wb, wb.sheetNamed('Data')!).grid.rows[0].map((c) => [c.display, c.formula])).toEqual([['42', '=A2*2'], ['x', undefined]]);
    wb.setFormulaEvaluator(() => {
      throw new Error('not implemented in the local runtime: formula evaluation');
    });
    const { grid, fallbacks } = readGrid(wb, wb.sheetNamed('Data')!);
    expect(grid.rows[0].map((c) => c.display)).toEqual(['=A2*2', 'x']);
    expect(fallbacks).toEqual([expect.objectContaining({ what: 'formula', cells: 1 })]);
  });

  it('writes display values, not raw values', () => {
    const wb = workbookWith([['Followers', 'Day'], [1234567, new Date('2026-07-10T23:30:00Z')]]);
    const sheet = wb.sheetNamed('Data')!;
    sheet.cellFor(2, 1).format = '#,##0';
    sheet.cellFor(2, 2).format = 'yyyy-mm-dd hh:mm';
    const { grid } = readGrid(wb, sheet);
    const [, row] = parseCsv(toCsv(grid));
    // Lisbon is UTC+1 in July: the sheet shows the next day's 00:30.
    expect(row).toEqual(['1,234,567', '2026-07-11 00:30']);
    expect(row).toEqual(wb.displayValues('Data')[1]);
  });

  it('exports a number format the runtime cannot show as General text, and counts it', () => {
    const wb = workbookWith([['x'], [2.5]]);
    const sheet = wb.sheetNamed('Data')!;
    sheet.cellFor(2, 1).format = '[$€]#,##0.0';
    expect(() => wb.displayAt(sheet, 2, 1)).toThrow(/number format/);
    const { grid, fallbacks } = readGrid(wb, sheet);
    expect(grid.rows[1][0].display).toBe('2.5');
    expect(fallbacks).toEqual([expect.objectContaining({ sheet: 'Data', what: 'number format "[$€]#,##0.0"', cells: 1 })]);
  });
});

describe('names', () => {
  it('makes file names safe and unique regardless of case', () => {
    expect(csvFileNames(['A/B: "c"?', 'Data', 'data', "User's Information @sunny.creates"]))
      .toEqual(['A_B_ _c__.csv', 'Data.csv', 'data (2).csv', "User's Information @sunny.creates.csv"]);
  });

  it('keeps Excel sheet names within 31 characters, without []:*?/\\, and unique', () => {
    const names = excelSheetNames(['Tagged and mentioned media @harbor.bakery', 'Tagged and mentioned media @harbor.bakery2', 'a[b]:c']);
    for (const name of names) expect([...name].length).toBeLessThanOrEqual(31);
    expect(new Set(names.map((x) => x.toLowerCase())).size).toBe(3);
    expect(names[2]).toBe('a_b__c');
  });
});

describe('xlsx', () => {
  it('holds typed values, wall-clock dates, formats, frozen rows, and cuts over-long text', async () => {
    const long = 'x'.repeat(EXCEL_CELL_CHARACTERS + 10);
    const wb = workbookWith([['When', 'Views', 'Caption', 'Ok'], [new Date('2026-07-10T23:30:00Z'), 1234, long, true]]);
    const sheet = wb.sheetNamed('Data')!;
    sheet.frozenRows = 1;
    sheet.cellFor(2, 2).format = '#,##0';
    sheet.cellFor(2, 1).format = 'yyyy-mm-dd hh:mm';
    const dir = mkdtempSync(join(tmpdir(), 'sheetgram-export-'));
    const result = await exportWorkbook(wb, dir);
    expect(result.tabs.map((t) => [t.name, t.rows, t.columns])).toEqual([['Sheet1', 0, 0], ['Data', 2, 4]]);
    expect(result.xlsxNotes?.truncated).toEqual([{ sheet: 'Data', cells: 1 }]);
    // The CSV keeps the whole text.
    expect(parseCsv(readFileSync(join(dir, 'Data.csv'), 'utf8'))[1][2]).toHaveLength(long.length);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(dir, 'workbook.xlsx'));
    const ws = book.getWorksheet('Data')!;
    expect(ws.getCell('B2').value).toBe(1234);
    expect(ws.getCell('B2').numFmt).toBe('#,##0');
    expect((ws.getCell('A2').value as Date).toISOString()).toBe('2026-07-11T00:30:00.000Z');
    expect(ws.getCell('D2').value).toBe(true);
    expect(String(ws.getCell('C2').value)).toHaveLength(EXCEL_CELL_CHARACTERS);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    // The in-memory forms (for a server offering downloads) hold the same.
    expect(csvFiles(wb).map((f) => [f.file, f.csv])).toEqual(result.tabs.map((t) => [t.csv, readFileSync(join(dir, t.csv), 'utf8')]));
    const again = new ExcelJS.Workbook();
    await again.xlsx.load((await xlsxBuffer(wb)).bytes as unknown as ArrayBuffer);
    expect(again.getWorksheet('Data')!.getCell('B2').value).toBe(1234);
  });
});
