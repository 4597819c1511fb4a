// The Sheets calls ordinary scripts use to lay a tab out: autoResizeColumns, row heights, conditional
// format rules, checkboxes, wrap strategy, vertical alignment, font size. What they store (the .xlsx
// export reads it), Google's messages for wrong arguments, and that what is not implemented throws.
import { describe, expect, it } from 'vitest';
import { SPREADSHEET_ERRORS } from '../../../../../local/apps-script/services/spreadsheet';
import { setup } from './test-platform';

describe('column widths and row heights', () => {
  it('autoResizeColumns fits each column to its longest shown line; an empty column keeps the default', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B2').setValues([['Name', 'A much longer caption'], ['x', 'short']]);
    sheet.getRange('C1').setValue('Big').setFontSize(20);
    expect(sheet.autoResizeColumns(1, 4)).toBe(sheet);
    // 7 px per character at 10 pt plus 12 px (the local approximation of Sheets' measuring).
    expect([1, 2, 3, 4].map((c) => sheet.getColumnWidth(c))).toEqual([4 * 7 + 12, 21 * 7 + 12, 3 * 14 + 12, 100]);
    expect(() => sheet.autoResizeColumns(26, 2)).toThrow('Those columns are out of bounds.');
    sheet.autoResizeColumn(1);
    expect(sheet.getColumnWidth(1)).toBe(40);
  });

  it('setRowHeights sizes rows, which move with inserted rows', () => {
    const { sheet } = setup();
    expect(sheet.getRowHeight(2)).toBe(21);
    sheet.setRowHeights(2, 3, 40);
    expect([1, 2, 3, 4, 5].map((r) => sheet.getRowHeight(r))).toEqual([21, 40, 40, 40, 21]);
    sheet.insertRowsBefore(1, 1);
    expect([2, 3, 5, 6].map((r) => sheet.getRowHeight(r))).toEqual([21, 40, 40, 21]);
    expect(() => sheet.setRowHeights(999, 5, 30)).toThrow('Those rows are out of bounds.');
    expect(() => sheet.setRowHeights(1, 1, 0)).toThrow('Invalid argument: height');
  });
});

describe('conditional format rules', () => {
  it('are built, set on a tab, read back and copied', () => {
    const { app, sheet, workbook } = setup();
    const rule = app.newConditionalFormatRule().whenNumberGreaterThan(100).setBackground('#ff0000').setBold(true).setRanges([sheet.getRange('B2:B10')]).build();
    const text = app.newConditionalFormatRule().whenTextContains('sale').setFontColor('#00aa00').setRanges([sheet.getRange('C2:C10'), sheet.getRange('E2:E3')]).build();
    sheet.setConditionalFormatRules([rule, text]);
    const [first, second] = sheet.getConditionalFormatRules();
    expect(first.getBooleanCondition()!.getCriteriaType()).toBe(app.BooleanCriteria.NUMBER_GREATER_THAN);
    expect(first.getBooleanCondition()!.getCriteriaValues()).toEqual([100]);
    expect(first.getBooleanCondition()!.getBold()).toBe(true);
    expect(second.getRanges().map((r) => r.getA1Notation())).toEqual(['C2:C10', 'E2:E3']);
    expect(first.getGradientCondition()).toBeNull();
    expect(workbook.sheets[0].conditionalFormats[0]).toEqual({
      rects: [{ row: 2, column: 2, numRows: 9, numColumns: 1 }], criteria: 'NUMBER_GREATER_THAN', values: [100], format: { background: '#ff0000', bold: true },
    });
    // A copy changed does not change the rule it came from; setting again replaces the whole list.
    const changed = first.copy().whenNumberLessThan(0).build();
    sheet.setConditionalFormatRules([changed]);
    expect(rule.getBooleanCondition()!.getCriteriaType()).toBe('NUMBER_GREATER_THAN');
    expect(sheet.getConditionalFormatRules().map((r) => r.getBooleanCondition()!.getCriteriaType())).toEqual(['NUMBER_LESS_THAN']);
    sheet.clearConditionalFormatRules();
    expect(sheet.getConditionalFormatRules()).toEqual([]);
  });

  it('are refused without a condition or ranges, with ranges on another tab, or when not rules', () => {
    const { app, ss, sheet } = setup();
    const other = ss.insertSheet('Other');
    expect(() => sheet.setConditionalFormatRules([app.newConditionalFormatRule().setBackground('#ff0000').setRanges([sheet.getRange('A1')]).build()])).toThrow(
      SPREADSHEET_ERRORS.conditionalRuleIncomplete,
    );
    expect(() => sheet.setConditionalFormatRules([app.newConditionalFormatRule().whenCellEmpty().build()])).toThrow(SPREADSHEET_ERRORS.conditionalRuleIncomplete);
    expect(() => sheet.setConditionalFormatRules([app.newConditionalFormatRule().whenCellEmpty().setRanges([other.getRange('A1')]).build()])).toThrow(
      SPREADSHEET_ERRORS.conditionalRuleOtherSheet,
    );
    expect(() => sheet.setConditionalFormatRules(['rule'] as never)).toThrow("The parameters (String) don't match the method signature for SpreadsheetApp.Sheet.setConditionalFormatRules.");
    expect(() => app.newConditionalFormatRule().whenNumberBetween(1, '2' as never)).toThrow(/method signature for SpreadsheetApp.ConditionalFormatRuleBuilder.whenNumberBetween/);
  });

  it('throw for what the local runtime does not implement (gradients, dates)', () => {
    const { app } = setup();
    const builder = app.newConditionalFormatRule();
    expect(() => builder.setGradientMaxpoint('#ff0000')).toThrow('not implemented in the local runtime: ConditionalFormatRuleBuilder.setGradientMaxpoint');
    expect(() => builder.whenDateAfter(new Date())).toThrow('not implemented in the local runtime: ConditionalFormatRuleBuilder.whenDateAfter');
  });
});

describe('checkboxes', () => {
  it('insertCheckboxes makes every cell an unchecked checkbox; isChecked reads them', () => {
    const { sheet } = setup();
    const range = sheet.getRange('A1:A3');
    range.setValues([['old'], [''], [true]]);
    range.insertCheckboxes();
    expect(range.getValues()).toEqual([[false], [false], [false]]);
    expect(range.isChecked()).toBe(false);
    sheet.getRange('A2').setValue(true);
    expect(range.isChecked()).toBeNull();
    expect(sheet.getRange('A2').isChecked()).toBe(true);
    expect(sheet.getRange('B1').isChecked()).toBeNull();
  });

  it('takes custom checked and unchecked values', () => {
    const { sheet, workbook } = setup();
    sheet.getRange('A1:A2').insertCheckboxes('yes', 'no');
    expect(sheet.getRange('A1:A2').getValues()).toEqual([['no'], ['no']]);
    sheet.getRange('B1').insertCheckboxes('done');
    expect(sheet.getRange('B1').getValue()).toBe('');
    expect(workbook.sheets[0].cellAt(1, 2)?.checkbox).toEqual({ checked: 'done', unchecked: '' });
    sheet.getRange('B1').setValue('done');
    expect(sheet.getRange('B1').isChecked()).toBe(true);
  });

  it('go with clear() and removeCheckboxes(), not with clearContent()', () => {
    const { sheet, workbook } = setup();
    sheet.getRange('A1:B1').insertCheckboxes();
    sheet.getRange('A1').clearContent();
    expect(workbook.sheets[0].cellAt(1, 1)?.checkbox).toBeDefined();
    sheet.getRange('A1').clear();
    expect(workbook.sheets[0].cellAt(1, 1)).toBeUndefined();
    sheet.getRange('B1').removeCheckboxes();
    expect(workbook.sheets[0].cellAt(1, 2)?.checkbox).toBeUndefined();
    expect(sheet.getRange('B1').getValue()).toBe(false);
  });
});

describe('text layout', () => {
  it('setWrapStrategy takes SpreadsheetApp.WrapStrategy and agrees with setWrap', () => {
    const { app, sheet } = setup();
    const range = sheet.getRange('A1:B2');
    expect(range.getWrapStrategy()).toBe('OVERFLOW');
    range.setWrapStrategy(app.WrapStrategy.CLIP);
    expect([range.getWrapStrategy(), range.getWrap()]).toEqual(['CLIP', false]);
    range.setWrap(true);
    expect([range.getWrapStrategy(), range.getWrap()]).toEqual(['WRAP', true]);
    range.setWrapStrategy(app.WrapStrategy.OVERFLOW);
    expect(range.getWrap()).toBe(false);
    expect(() => range.setWrapStrategy('SQUEEZE' as never)).toThrow("The parameters (String) don't match the method signature for SpreadsheetApp.Range.setWrapStrategy.");
  });

  it('setVerticalAlignment and setFontSize are stored per cell and read back', () => {
    const { sheet, workbook } = setup();
    const range = sheet.getRange('A1:B1');
    expect([range.getVerticalAlignment(), range.getFontSize()]).toEqual(['bottom', 10]);
    range.setVerticalAlignment('middle').setFontSize(14).setFontWeight('bold');
    expect([range.getVerticalAlignment(), range.getFontSize()]).toEqual(['middle', 14]);
    expect(workbook.sheets[0].cellAt(1, 2)?.style).toEqual({ verticalAlignment: 'middle', fontSize: 14, fontWeight: 'bold' });
    range.setVerticalAlignment(null);
    expect(range.getVerticalAlignment()).toBe('bottom');
    expect(() => range.setVerticalAlignment('center' as never)).toThrow('Invalid argument: alignment');
    expect(() => range.setFontSize('big' as never)).toThrow("The parameters (String) don't match the method signature for SpreadsheetApp.Range.setFontSize.");
  });

  it('are changes a custom function may not make', () => {
    const { platform, sheet } = setup();
    platform.run({ authMode: 'CUSTOM_FUNCTION' });
    expect(() => sheet.getRange('A1').setFontSize(12)).toThrow('You do not have permission to call Range.setFontSize.');
    expect(() => sheet.autoResizeColumns(1, 1)).toThrow('You do not have permission to call Sheet.autoResizeColumns.');
    expect(() => sheet.getRange('A1').insertCheckboxes()).toThrow('You do not have permission to call Range.insertCheckboxes.');
  });
});
