// Display values in the en_US locale, with dates in a non-UTC spreadsheet time zone.
import { describe, expect, it } from 'vitest';
import { displayValueOf, generalNumber } from '../../../../../local/apps-script/services/spreadsheet/display';
import { setup } from './test-platform';

const TOKYO = 'Asia/Tokyo';

describe('display values', () => {
  it('shows General numbers with up to 15 significant digits and large ones in scientific notation', () => {
    expect(generalNumber(1234567.891)).toBe('1234567.891');
    expect(generalNumber(0.1 + 0.2)).toBe('0.3');
    expect(generalNumber(-42)).toBe('-42');
    expect(generalNumber(17841405793187218)).toBe('1.78414057931872E+16');
    expect(generalNumber(1e15)).toBe('1E+15');
    expect(generalNumber(999999999999999)).toBe('999999999999999');
  });

  it('applies the number formats Sheetgram uses', () => {
    const show = (n: number, f: string) => displayValueOf(n, f, TOKYO);
    expect(show(1234.5, '0')).toBe('1235');
    expect(show(1234.5, '0.00')).toBe('1234.50');
    expect(show(1234567.891, '#,##0')).toBe('1,234,568');
    expect(show(-1234567.891, '#,##0.00')).toBe('-1,234,567.89');
    expect(show(0.1234, '0%')).toBe('12%');
    expect(show(0.1234, '0.00%')).toBe('12.34%');
    expect(show(42, '@')).toBe('42');
    expect(() => show(1, '$#,##0')).toThrow('not implemented in the local runtime: number format "$#,##0"');
  });

  it('shows literal text around a format: a quoted or escaped % is a sign and does not multiply by 100', () => {
    const show = (n: number, f: string) => displayValueOf(n, f, TOKYO);
    expect(show(32.456, '0.00"%"')).toBe('32.46%');
    expect(show(32.456, '0.00\\%')).toBe('32.46%');
    expect(show(-5, '"Δ "#,##0')).toBe('Δ -5');
    expect(() => show(1, '0.00"%"x')).toThrow('not implemented in the local runtime: number format');
  });

  it('applies positive;negative;zero sections with literal signs, as the dashboard\'s "+#,##0;-#,##0;0"', () => {
    const show = (n: number, f: string) => displayValueOf(n, f, TOKYO);
    expect([1234, -56, 0].map((n) => show(n, '+#,##0;-#,##0;0'))).toEqual(['+1,234', '-56', '0']);
    expect([2, -2, 0].map((n) => show(n, '0.00;(0.00)'))).toEqual(['2.00', '(2.00)', '0.00']);
    expect(() => show(1, '#,##0;"none"')).toThrow('not implemented in the local runtime: number format');
  });

  it('shows booleans as TRUE/FALSE and text as is', () => {
    expect(displayValueOf(true, undefined, TOKYO)).toBe('TRUE');
    expect(displayValueOf(false, '0.00', TOKYO)).toBe('FALSE');
    expect(displayValueOf('0012', '0.00', TOKYO)).toBe('0012');
  });

  it('shows dates in the spreadsheet time zone, General and with date formats', () => {
    const instant = new Date('2026-01-05T16:04:09Z'); // 01:04:09 on Jan 6 in Tokyo
    expect(displayValueOf(instant, undefined, TOKYO)).toBe('1/6/2026 1:04:09');
    expect(displayValueOf(instant, undefined, 'America/Los_Angeles')).toBe('1/5/2026 8:04:09');
    expect(displayValueOf(new Date('2026-01-05T15:00:00Z'), undefined, TOKYO)).toBe('1/6/2026');
    expect(displayValueOf(instant, 'yyyy-mm-dd', TOKYO)).toBe('2026-01-06');
    expect(displayValueOf(instant, 'yyyy-mm-dd hh:mm', TOKYO)).toBe('2026-01-06 01:04');
    expect(displayValueOf(instant, 'yyyy-mm-dd hh:mm:ss', TOKYO)).toBe('2026-01-06 01:04:09');
    expect(displayValueOf(instant, 'M/d/yyyy', TOKYO)).toBe('1/6/2026');
    expect(displayValueOf(instant, 'M/d/yyyy H:mm:ss', TOKYO)).toBe('1/6/2026 1:04:09');
    // Other locales' numeric dates: any order of the tokens, either case, their own separators.
    expect(displayValueOf(instant, 'dd/MM/yyyy HH:mm:ss', TOKYO)).toBe('06/01/2026 01:04:09');
    expect(displayValueOf(instant, 'dd.MM.yyyy', TOKYO)).toBe('06.01.2026');
    expect(displayValueOf(instant, 'yyyy/MM/dd', TOKYO)).toBe('2026/01/06');
    expect(() => displayValueOf(instant, 'dddd, mmmm d', TOKYO)).toThrow('not implemented in the local runtime');
  });

  it('reads cells under any numeric date pattern back as dates', () => {
    const { sheet } = setup({ timeZone: TOKYO });
    sheet.getRange('A1').setValue(new Date('2026-01-05T15:00:00Z')).setNumberFormat('dd.MM.yyyy');
    expect(sheet.getRange('A1').getValue()).toEqual(new Date('2026-01-05T15:00:00Z'));
    expect(sheet.getRange('A1').getDisplayValue()).toBe('06.01.2026');
  });

  it('treats dates as serial numbers under number formats and the reverse', () => {
    const { sheet } = setup({ timeZone: TOKYO });
    sheet.getRange('A1').setValue(new Date('2026-01-05T15:00:00Z')).setNumberFormat('0');
    expect(sheet.getRange('A1').getDisplayValue()).toBe('46028'); // 2026-01-06 in Tokyo
    expect(sheet.getRange('A1').getValue()).toBe(46028);
    sheet.getRange('A2').setValue(46028.5).setNumberFormat('yyyy-mm-dd hh:mm');
    expect(sheet.getRange('A2').getDisplayValue()).toBe('2026-01-06 12:00');
    expect((sheet.getRange('A2').getValue() as Date).toISOString()).toBe('2026-01-06T03:00:00.000Z');
  });

  it('moves displayed wall times when the spreadsheet time zone changes', () => {
    const { ss, sheet } = setup({ timeZone: 'UTC' });
    sheet.getRange('A1').setValue(new Date('2026-07-01T12:00:00Z'));
    expect(sheet.getRange('A1').getDisplayValue()).toBe('7/1/2026 12:00:00');
    ss.setSpreadsheetTimeZone('Europe/Berlin');
    expect(ss.getSpreadsheetTimeZone()).toBe('Europe/Berlin');
    expect(sheet.getRange('A1').getDisplayValue()).toBe('7/1/2026 14:00:00');
  });

  it('gives typed-in percentages, grouped numbers and ISO dates a matching format', () => {
    const { sheet, workbook } = setup({ timeZone: TOKYO });
    sheet.getRange('A1:C1').setValues([['12.5%', '1,234.5', '2026-01-05']]);
    expect(sheet.getRange('A1:C1').getDisplayValues()).toEqual([['12.50%', '1,234.50', '2026-01-05']]);
    workbook.typeInto('Sheet1', 'D1', '1/5/2026');
    expect(sheet.getRange('D1').getDisplayValue()).toBe('1/5/2026');
  });
});
