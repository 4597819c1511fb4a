// The surprises of writing values from a script, observed through Range.setValue/getValue.
import { describe, expect, it } from 'vitest';
import { SPREADSHEET_ERRORS } from '../../../../../local/apps-script/services/spreadsheet';
import { setup } from './test-platform';

describe('values as Sheets stores what a script writes', () => {
  it('stores a string starting with "=" as a formula, and getValue refuses to guess its result', () => {
    const { sheet } = setup();
    const cell = sheet.getRange('A1').setValue('=HYPERLINK("https://instagram.com/p/x","post")');
    expect(cell.getFormula()).toBe('=HYPERLINK("https://instagram.com/p/x","post")');
    expect(() => cell.getValue()).toThrow('not implemented in the local runtime: formula evaluation (=...)');
    expect(() => cell.getDisplayValue()).toThrow('formula evaluation');
  });

  it('takes "+..." and "-..." that are not numbers as formulas, but "-5" and "+5" as numbers', () => {
    const { sheet } = setup();
    sheet.getRange('A1:D1').setValues([['-great post', '+1 for this', '-5', '+5']]);
    expect(sheet.getRange('A1:D1').getFormulas()).toEqual([['-great post', '+1 for this', '', '']]);
    expect(sheet.getRange('C1:D1').getValues()).toEqual([[-5, 5]]);
  });

  it('asks the plugged-in evaluator for formula values', () => {
    const { sheet, workbook } = setup();
    workbook.setFormulaEvaluator((formula, at) => `${formula}@${at.sheetName}!R${at.row}C${at.column}`);
    sheet.getRange('B2').setValue('=1+2');
    expect(sheet.getRange('B2').getValue()).toBe('=1+2@Sheet1!R2C2');
  });

  it('keeps "@..." and apostrophe-escaped text as text, dropping the apostrophe', () => {
    const { sheet } = setup();
    sheet.getRange('A1:C1').setValues([['@sheetgram', "'=1+2", "'00123"]]);
    expect(sheet.getRange('A1:C1').getValues()).toEqual([['@sheetgram', '=1+2', '00123']]);
    expect(sheet.getRange('A1:C1').getFormulas()).toEqual([['', '', '']]);
  });

  it('parses numbers, percentages, grouped numbers and booleans out of strings', () => {
    const { sheet } = setup();
    sheet.getRange('A1:F1').setValues([['00123', '12%', '1,234', 'TRUE', 'false', '1.50']]);
    expect(sheet.getRange('A1:F1').getValues()).toEqual([[123, 0.12, 1234, true, false, 1.5]]);
    expect(sheet.getRange('A1:F1').getDisplayValues()).toEqual([['123', '12%', '1,234', 'TRUE', 'FALSE', '1.5']]);
  });

  it('leaves strings that only resemble numbers as text', () => {
    const { sheet } = setup();
    sheet.getRange('A1:D1').setValues([['1,23', '12 %', 'abc123', '2026-13-01']]);
    expect(sheet.getRange('A1:D1').getValues()).toEqual([['1,23', '12 %', 'abc123', '2026-13-01']]);
  });

  it('parses "2026-01-05" as a Date at midnight in the spreadsheet time zone', () => {
    const { sheet } = setup({ timeZone: 'America/New_York' });
    sheet.getRange('A1').setValue('2026-01-05');
    const value = sheet.getRange('A1').getValue() as Date;
    expect(value).toBeInstanceOf(Date);
    expect(value.toISOString()).toBe('2026-01-05T05:00:00.000Z');
    sheet.getRange('A2').setValue('1/5/2026 13:30:00');
    expect((sheet.getRange('A2').getValue() as Date).toISOString()).toBe('2026-01-05T18:30:00.000Z');
  });

  it('loses the last digits of a 17-digit Instagram id written as a string or a number', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B1').setValues([['17841405793187218', 17841405793187218]]);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([[17841405793187200, 17841405793187200]]);
    expect(sheet.getRange('A1').getDisplayValue()).toBe('1.78414057931872E+16');
  });

  it('keeps every string exactly as written in a plain-text ("@") cell', () => {
    const { sheet } = setup();
    const row = sheet.getRange('A1:E1').setNumberFormat('@');
    row.setValues([['17841405793187218', '00123', '=1+2', '2026-01-05', "'quoted"]]);
    expect(row.getValues()).toEqual([['17841405793187218', '00123', '=1+2', '2026-01-05', "'quoted"]]);
    expect(row.getFormulas()).toEqual([['', '', '', '', '']]);
  });

  it('stores JS numbers, booleans and Dates as such, and reads a Date back as the same instant', () => {
    const { sheet } = setup();
    const at = new Date('2026-01-05T09:15:30Z');
    sheet.getRange('A1:C1').setValues([[42.5, true, at]]);
    const [[n, b, d]] = sheet.getRange('A1:C1').getValues();
    expect([n, b]).toEqual([42.5, true]);
    expect((d as Date).getTime()).toBe(at.getTime());
    expect(d).not.toBe(at);
  });

  it('clears a cell for null, undefined and "" (getValue returns "")', () => {
    const { sheet } = setup();
    sheet.getRange('A1:C1').setValues([[1, 2, 3]]);
    sheet.getRange('A1:C1').setValues([[null, undefined, '']]);
    expect(sheet.getRange('A1:C1').getValues()).toEqual([['', '', '']]);
    expect(sheet.getLastRow()).toBe(0);
  });

  it('rejects a cell of more than 50,000 characters and writes nothing of the range', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setValue('x'.repeat(50_000));
    expect((sheet.getRange('A1').getValue() as string).length).toBe(50_000);
    expect(() => sheet.getRange('B1:C1').setValues([['kept?', 'y'.repeat(50_001)]])).toThrow(SPREADSHEET_ERRORS.cellTooLong);
    expect(SPREADSHEET_ERRORS.cellTooLong).toBe('Your input contains more than the maximum of 50000 characters in a single cell.');
    expect(sheet.getRange('B1').getValue()).toBe('');
  });
});
