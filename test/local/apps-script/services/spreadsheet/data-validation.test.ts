// Data validation in the local SpreadsheetApp: list rules (dropdowns) built with newDataValidation(), set on
// ranges and read back per cell; they move with their rows like any other cell property, and a strict rule
// refuses a write of a value outside its list with Google's message.
import { describe, expect, it } from 'vitest';
import { SPREADSHEET_ERRORS } from '../../../../../local/apps-script/services/spreadsheet';
import { setup } from './test-platform';

describe('newDataValidation', () => {
  it('starts empty and lenient, builds a list rule, and copies without sharing', () => {
    const { app } = setup();
    const builder = app.newDataValidation();
    expect([builder.getCriteriaType(), builder.getCriteriaValues(), builder.getHelpText(), builder.getAllowInvalid()]).toEqual([null, [], null, true]);
    // The list turns into strings; showDropdown is true unless given.
    builder.requireValueInList([9, false, 'z'] as never);
    expect(builder.getCriteriaType()).toBe(app.DataValidationCriteria.VALUE_IN_LIST);
    expect(builder.getCriteriaValues()).toEqual([['9', 'false', 'z'], true]);
    const rule = builder.requireValueInList(['Reel', 'Story'], false).setAllowInvalid(false).setHelpText('Pick a kind').build();
    expect(String(rule)).toBe('DataValidation');
    expect([rule.getCriteriaType(), rule.getCriteriaValues(), rule.getAllowInvalid(), rule.getHelpText()]).toEqual(['VALUE_IN_LIST', [['Reel', 'Story'], false], false, 'Pick a kind']);

    // Values handed out are copies; a copy changed leaves the rule it came from alone.
    (rule.getCriteriaValues()[0] as string[]).push('Post');
    const changed = rule.copy().requireValueInList(['Post']).setAllowInvalid(true).build();
    expect(rule.getCriteriaValues()).toEqual([['Reel', 'Story'], false]);
    expect([changed.getCriteriaValues(), changed.getAllowInvalid(), changed.getHelpText()]).toEqual([[['Post'], true], true, 'Pick a kind']);
    const twin = builder.copy().setHelpText('other');
    expect([builder.getHelpText(), twin.getHelpText()]).toEqual(['Pick a kind', 'other']);
  });

  it('names every DataValidationCriteria, refuses wrong arguments and throws for what is not implemented', () => {
    const { app, sheet } = setup();
    expect(Object.keys(app.DataValidationCriteria)).toHaveLength(25);
    expect(app.DataValidationCriteria.CHECKBOX).toBe('CHECKBOX');
    expect(() => app.newDataValidation().requireValueInList('a' as never)).toThrow(
      "The parameters (String) don't match the method signature for SpreadsheetApp.DataValidationBuilder.requireValueInList.",
    );
    expect(() => app.newDataValidation().setAllowInvalid('yes' as never)).toThrow(/method signature for SpreadsheetApp.DataValidationBuilder.setAllowInvalid/);
    expect(() => app.newDataValidation().build()).toThrow(SPREADSHEET_ERRORS.validationCriteriaMissing);
    expect(() => app.newDataValidation().requireValueInRange(sheet.getRange('A1:A3'))).toThrow('not implemented in the local runtime: DataValidationBuilder.requireValueInRange');
    expect(() => app.newDataValidation().requireNumberBetween(1, 2)).toThrow('not implemented in the local runtime: DataValidationBuilder.requireNumberBetween');
    expect(() => sheet.getRange('A1').setDataValidation('rule' as never)).toThrow(
      "The parameters (String) don't match the method signature for SpreadsheetApp.Range.setDataValidation.",
    );
  });
});

describe('rules on cells', () => {
  const list = (app: ReturnType<typeof setup>['app'], choices: string[], allowInvalid = true) =>
    app.newDataValidation().requireValueInList(choices).setAllowInvalid(allowInvalid).build();

  it('are null where none is set, stored per cell, and removed with null or clearDataValidations', () => {
    const { app, sheet, workbook } = setup();
    expect(sheet.getRange('B2').getDataValidation()).toBeNull();
    sheet.getRange('B2:B4').setDataValidation(list(app, ['a', 'b']));
    expect(sheet.getRange('B3').getDataValidation()!.getCriteriaValues()).toEqual([['a', 'b'], true]);
    expect(sheet.getRange('A2:B3').getDataValidations().map((row) => row.map((r) => r && r.getCriteriaType()))).toEqual([[null, 'VALUE_IN_LIST'], [null, 'VALUE_IN_LIST']]);
    // A rule keeps its cell stored but is not content.
    expect(workbook.sheets[0].cellAt(4, 2)?.validation).toEqual({ criteria: 'VALUE_IN_LIST', values: [['a', 'b'], true], allowInvalid: true, helpText: null });
    expect(sheet.getLastRow()).toBe(0);

    sheet.getRange('B2').setDataValidation(null);
    expect(workbook.sheets[0].cellAt(2, 2)).toBeUndefined();
    sheet.getRange('B3:B4').clearDataValidations();
    expect(workbook.sheets[0].cellAt(3, 2)).toBeUndefined();
    expect(sheet.getRange('B4').getDataValidation()).toBeNull();
  });

  it('setDataValidations takes one rule or null per cell, shaped like the range', () => {
    const { app, sheet } = setup();
    const a = list(app, ['a']);
    sheet.getRange('A1:B1').setDataValidations([[a, null]]);
    expect(sheet.getRange('A1:B1').getDataValidations()[0].map((r) => r && r.getCriteriaValues()[0])).toEqual([['a'], null]);
    expect(() => sheet.getRange('A1:B1').setDataValidations([[a]])).toThrow(SPREADSHEET_ERRORS.columnsMismatch(1, 2));
  });

  it('move with their rows on deleteRows, insertRowsBefore and sort', () => {
    const { app, sheet } = setup();
    sheet.getRange('A2:B4').setValues([['c', 3], ['a', 1], ['b', 2]]);
    sheet.getRange('B3').setDataValidation(list(app, ['1', 'x']));
    sheet.getRange('A2:B4').sort(1);
    // Row "a" (with the rule) is now row 2.
    expect(sheet.getRange('B2').getDataValidation()!.getCriteriaValues()[0]).toEqual(['1', 'x']);
    expect(sheet.getRange('B3').getDataValidation()).toBeNull();
    sheet.insertRowsBefore(1, 2);
    expect(sheet.getRange('B4').getDataValidation()).not.toBeNull();
    expect(sheet.getRange('B2').getDataValidation()).toBeNull();
    sheet.deleteRows(1, 3);
    expect(sheet.getRange('B1').getDataValidation()).not.toBeNull();
    sheet.deleteRows(1, 1);
    expect(sheet.getRange('B1:B900').getDataValidations().flat().filter(Boolean)).toHaveLength(0);
  });

  it('a strict rule refuses a value outside its list (compared as shown) and accepts listed or empty values', () => {
    const { app, sheet } = setup();
    sheet.getRange('A2:A4').setDataValidation(list(app, ['Reel', '5', 'TRUE'], false));
    expect(() => sheet.getRange('A2:A4').setValues([['Reel'], ['Post'], ['5']])).toThrow(SPREADSHEET_ERRORS.dataValidationViolation('A3'));
    expect(SPREADSHEET_ERRORS.dataValidationViolation('A3')).toBe('The data you entered in cell A3 violates the data validation rules set on this cell.');
    // Refused, the write changes nothing.
    expect(sheet.getRange('A2:A4').getValues()).toEqual([[''], [''], ['']]);
    expect(() => sheet.getRange('A4').setValue('reel')).toThrow(SPREADSHEET_ERRORS.dataValidationViolation('A4'));
    sheet.getRange('A2:A4').setValues([['Reel'], [5], [true]]);
    expect(sheet.getRange('A2:A4').getValues()).toEqual([['Reel'], [5], [true]]);
    sheet.getRange('A2:A4').setValues([[''], [null], ['Reel']]);
    expect(sheet.getRange('A2:A4').getValues()).toEqual([[''], [''], ['Reel']]);
    // Cells beside the rule are free.
    sheet.getRange('B2').setValue('anything');
  });

  it('a lenient rule (allow invalid) keeps any value', () => {
    const { app, sheet } = setup();
    sheet.getRange('A2:A3').setDataValidation(list(app, ['Reel']));
    sheet.getRange('A2:A3').setValues([['Post'], [42]]);
    sheet.appendRow(['Carousel']);
    expect(sheet.getRange('A2:A4').getValues()).toEqual([['Post'], [42], ['Carousel']]);
  });

  it('stay through clearContent() and clear(); clear({ validationsOnly }) removes them', () => {
    const { app, sheet } = setup();
    const range = sheet.getRange('A1:A2');
    range.setDataValidation(list(app, ['a'])).setValues([['a'], ['a']]);
    range.clearContent();
    range.clear();
    expect(range.getValues()).toEqual([[''], ['']]);
    expect(range.getDataValidations().flat().every((r) => r !== null)).toBe(true);
    range.clear({ validationsOnly: true });
    expect(range.getDataValidations().flat()).toEqual([null, null]);
  });

  it('read a checkbox as a CHECKBOX rule; one rule per cell replaces the other', () => {
    const { app, sheet, workbook } = setup();
    sheet.getRange('A1').insertCheckboxes();
    sheet.getRange('B1').insertCheckboxes('yes', 'no');
    expect(sheet.getRange('A1').getDataValidation()!.getCriteriaType()).toBe('CHECKBOX');
    expect(sheet.getRange('A1').getDataValidation()!.getCriteriaValues()).toEqual([]);
    expect(sheet.getRange('B1').getDataValidation()!.getCriteriaValues()).toEqual(['yes', 'no']);
    sheet.getRange('A1').setDataValidation(list(app, ['a']));
    expect(workbook.sheets[0].cellAt(1, 1)?.checkbox).toBeUndefined();
    // A checkbox rule read from one cell and set on another makes a checkbox there.
    sheet.getRange('C1').setDataValidation(sheet.getRange('B1').getDataValidation());
    expect(workbook.sheets[0].cellAt(1, 3)?.checkbox).toEqual({ checked: 'yes', unchecked: 'no' });
    sheet.getRange('B1:C1').clearDataValidations();
    expect(sheet.getRange('B1').isChecked()).toBeNull();
  });

  it('need a document that may change: a custom function may read them but not set them', () => {
    const { app, sheet, platform } = setup();
    const rule = list(app, ['a']);
    sheet.getRange('A1').setDataValidation(rule);
    platform.run({ authMode: 'CUSTOM_FUNCTION' });
    expect(sheet.getRange('A1').getDataValidation()).not.toBeNull();
    expect(() => sheet.getRange('A1').setDataValidation(rule)).toThrow('You do not have permission to call Range.setDataValidation.');
  });
});
