// The .xlsx export carries what scripts set on a tab: fonts, colours, alignments and wrapping, column
// widths and row heights, checkboxes (as a TRUE/FALSE list) and conditional format rules. Read back
// with exceljs from the written bytes.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readGrid, xlsxBuffer } from '../../../local/export';
import { setup } from '../apps-script/services/spreadsheet/test-platform';

async function exported() {
  const { app, sheet, workbook } = setup();
  sheet.getRange('A1:C1').setValues([['Post', 'Likes', 'Done']]).setFontWeight('bold').setFontSize(12).setBackground('#eeeeee').setVerticalAlignment('middle');
  sheet.getRange('A2:C3').setValues([['A caption that wraps', 150, ''], ['Short', 20, '']]);
  sheet.getRange('A2:A3').setWrapStrategy(app.WrapStrategy.WRAP).setFontColor('#336699');
  sheet.getRange('C2:C3').insertCheckboxes();
  sheet.getRange('C2').setValue(true);
  sheet.autoResizeColumns(2, 1);
  sheet.setColumnWidth(1, 280);
  sheet.setRowHeights(2, 2, 40);
  sheet.setConditionalFormatRules([
    app.newConditionalFormatRule().whenNumberGreaterThan(100).setBackground('#b7e1cd').setBold(true).setRanges([sheet.getRange('B2:B3')]).build(),
    app.newConditionalFormatRule().whenTextContains('caption').setFontColor('#ff0000').setRanges([sheet.getRange('A2:A3')]).build(),
  ]);
  const grid = readGrid(workbook, workbook.sheets[0]).grid;
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await xlsxBuffer(workbook)).bytes as never);
  return { grid, ws: book.worksheets[0] };
}

describe('formatting in the .xlsx', () => {
  it('keeps fonts, fills, alignments and wrapping', async () => {
    const { ws } = await exported();
    expect(ws.getCell('A1').font).toMatchObject({ bold: true, size: 12 });
    expect(ws.getCell('B1').fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEEEEE' } });
    expect(ws.getCell('C1').alignment).toMatchObject({ vertical: 'middle' });
    expect(ws.getCell('A2').alignment).toMatchObject({ wrapText: true });
    expect(ws.getCell('A3').font).toMatchObject({ color: { argb: 'FF336699' } });
    expect(ws.getCell('B2').alignment).toBeUndefined();
  });

  it('keeps column widths (in characters) and row heights (in points)', async () => {
    const { grid, ws } = await exported();
    // Column B fits "Likes" at 12 pt: 5 characters x 7 px x 12/10 + 12 px.
    expect(grid.columnWidths).toEqual({ 1: 280, 2: 54 });
    expect(ws.getColumn(1).width).toBe(40);
    expect(ws.getColumn(2).width).toBeCloseTo(54 / 7, 2);
    expect(grid.rowHeights).toEqual({ 2: 40, 3: 40 });
    expect([ws.getRow(2).height, ws.getRow(3).height]).toEqual([30, 30]);
  });

  it('writes checkboxes as booleans with a TRUE/FALSE list', async () => {
    const { ws } = await exported();
    expect([ws.getCell('C2').value, ws.getCell('C3').value]).toEqual([true, false]);
    expect(ws.getCell('C2').dataValidation).toMatchObject({ type: 'list', formulae: ['"TRUE,FALSE"'] });
  });

  it('writes the conditional format rules in priority order', async () => {
    const { grid, ws } = await exported();
    expect(grid.conditionalFormats.map((r) => [r.ranges, r.criteria])).toEqual([[['B2:B3'], 'NUMBER_GREATER_THAN'], [['A2:A3'], 'TEXT_CONTAINS']]);
    const rules = (ws as unknown as { conditionalFormattings: { ref: string; rules: { type: string; operator?: string; formulae?: string[]; priority: number }[] }[] }).conditionalFormattings;
    expect(rules.map((cf) => [cf.ref, cf.rules[0].type, cf.rules[0].priority])).toEqual([['B2:B3', 'cellIs', 1], ['A2:A3', 'expression', 2]]);
    expect(rules[0].rules[0]).toMatchObject({ operator: 'greaterThan', formulae: ['100'] });
    expect(rules[1].rules[0].formulae).toEqual(['NOT(ISERROR(SEARCH("caption",A2)))']);
  });
});
