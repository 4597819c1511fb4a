// The workbook's formula engine seen through the SpreadsheetApp facade: references across tabs,
// whole columns, formulas reading formulas, cycles, spills, errors as values, custom functions,
// and how long a read of a big workbook takes.
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createRuntime } from '../../../../../local/apps-script/runtime';
import { formulaBook } from './formula-book';

const BASIC = fileURLToPath(new URL('../../fixtures/basic', import.meta.url));

describe('references', () => {
  it('reads other tabs by quoted name, doubled apostrophes included, regardless of case', () => {
    const b = formulaBook();
    const info = b.ss.insertSheet("User's Information");
    info.getRange('A1:B3').setValues([['Run date', 'Followers'], ['2026-01-04', 120], ['2026-01-05', 130]]);
    expect(b.calc("='User''s Information'!B3")).toBe(130);
    expect(b.calc("=SUM('User''s Information'!B:B)")).toBe(250);
    expect(b.calc("=MAX('user''s information'!B2:B)")).toBe(130);
    expect(b.calc('=Sheet1!Z1+1', 'Y1')).toBe(131);
  });

  it('is #REF! for a tab that does not exist', () => {
    const b = formulaBook();
    expect(b.calc("='No such tab'!A1")).toBe('#REF!');
    expect(b.message()).toBe("Unresolved sheet name 'No such tab'.");
  });

  it('takes whole columns as the rows of the grid, never Sheets\' 1,048,576', () => {
    const b = formulaBook();
    b.put('A1', [['Header'], [1], [2]]);
    expect(b.calc('=ROWS(A:A)')).toBe(1000);
    expect(b.calc('=ROWS(B2:B)')).toBe(999);
    expect(b.calc('=COUNTA(A:A)')).toBe(3);
    expect(b.calc('=SUM(A2:A)')).toBe(3);
    // Empty rows are there, as in Sheets: COUNTIF of "" sees them.
    expect(b.calc('=COUNTIF(A:A,"")')).toBe(997);
    b.sheet.insertRowsAfter(1000, 500);
    expect(b.calc('=ROWS(A:A)')).toBe(1500);
  });

  it('evaluates formulas that read formulas, down a long chain without recursion', () => {
    const b = formulaBook();
    b.sheet.insertRowsAfter(1000, 4000);
    b.sheet.getRange('A1').setValue(1);
    b.sheet.getRange('A2:A5000').setFormulas(Array.from({ length: 4999 }, (_, i) => [`=A${i + 1}+1`]));
    expect(b.sheet.getRange('A5000').getValue()).toBe(5000);
    expect(b.calc('=SUM(A1:A5000)', 'B1')).toBe((5000 * 5001) / 2);
  });

  it('makes every cell of a cycle #REF! with the circular-dependency note, and cells reading it too', () => {
    const b = formulaBook();
    b.sheet.getRange('A1:C1').setFormulas([['=B1+1', '=A1+1', '=A1*2']]);
    expect(b.values('A1:C1')).toEqual([['#REF!', '#REF!', '#REF!']]);
    expect(b.message('A1')).toBe('Circular dependency detected. To resolve with iterative calculation, see File > Settings.');
    expect(b.message('B1')).toMatch(/^Circular dependency detected/);
    expect(b.calc('=SUM(D:D)', 'D5')).toBe('#REF!');
    expect(b.message('D5')).toMatch(/^Circular dependency detected/);
  });

  it('re-evaluates after every write: nothing is kept between reads', () => {
    const b = formulaBook();
    b.put('A1', [[1], [2]]);
    expect(b.calc('=SUM(A:A)', 'B1')).toBe(3);
    b.sheet.getRange('A3').setValue(10);
    expect(b.sheet.getRange('B1').getValue()).toBe(13);
    b.sheet.deleteRow(1);
    expect(b.sheet.getRange('B1').getFormula()).toBe('');
  });
});

describe('spills', () => {
  function spilling() {
    const b = formulaBook();
    b.put('A1', [['a', 1], ['b', 2], ['c', 3]]);
    b.sheet.getRange('D1').setFormula('=FILTER(A1:B3,B1:B3>1)');
    return b;
  }

  it('fills the cells right and below; the anchor holds the formula, the others only values', () => {
    const b = spilling();
    expect(b.values('D1:E3')).toEqual([['b', 2], ['c', 3], ['', '']]);
    expect(b.sheet.getRange('D1:E2').getDisplayValues()).toEqual([['b', '2'], ['c', '3']]);
    expect(b.sheet.getRange('D1:E2').getFormulas()).toEqual([['=FILTER(A1:B3,B1:B3>1)', ''], ['', '']]);
    expect(b.calc('=E2*10', 'G1')).toBe(30);
    expect(b.calc('=SUM(E:E)', 'G2')).toBe(5);
    expect(b.sheet.getLastColumn()).toBe(7);
  });

  it('counts spilled values in getLastRow and getDataRange, as Sheets does', () => {
    const b = formulaBook();
    b.sheet.getRange('A1').setFormula('={1;2;3;4}');
    expect(b.sheet.getLastRow()).toBe(4);
    expect(b.sheet.getDataRange().getA1Notation()).toBe('A1:A4');
    b.sheet.appendRow(['next']);
    expect(b.sheet.getRange('A5').getValue()).toBe('next');
  });

  it('is #REF! when a cell in the way holds something, and spills again once it is cleared', () => {
    const b = spilling();
    b.sheet.getRange('E2').setValue('mine');
    expect(b.sheet.getRange('D1').getValue()).toBe('#REF!');
    expect(b.sheet.getRange('D1').getDisplayValue()).toBe('#REF!');
    expect(b.message('D1')).toBe('Array result was not expanded because it would overwrite data in E2.');
    expect(b.values('D2:E2')).toEqual([['', 'mine']]);
    b.sheet.getRange('E2').clearContent();
    expect(b.values('D1:E2')).toEqual([['b', 2], ['c', 3]]);
  });

  it('is #REF! when the result would leave the grid', () => {
    const b = formulaBook();
    expect(b.calc('={1,2,3}', 'Y1')).toBe('#REF!');
    expect(b.message('Y1')).toBe('Result was not automatically expanded, please insert more columns (1).');
    expect(b.calc('={1;2;3}', 'A999')).toBe('#REF!');
    expect(b.message('A999')).toBe('Result was not automatically expanded, please insert more rows (1).');
  });

  it('reads a whole range with =A1:B2 and spills it', () => {
    const b = formulaBook();
    b.put('A1', [[1, 2], [3, 4]]);
    b.calc('=A1:B2', 'D1');
    expect(b.values('D1:E2')).toEqual([[1, 2], [3, 4]]);
  });
});

describe('errors as values', () => {
  it('gives the error text from getValues and getDisplayValues, with Sheets\' note', () => {
    const b = formulaBook();
    const cases: [string, string, string][] = [
      ['=1/0', '#DIV/0!', 'Function DIVIDE parameter 2 cannot be zero.'],
      ['=NA()', '#N/A', ''],
      ['=FOO(1)', '#NAME?', "Unknown function: 'FOO'."],
      ['=myRange*2', '#NAME?', "Unknown range name: 'MYRANGE'."],
      ['=SUM(1))', '#ERROR!', 'Formula parse error.'],
      ['=1+"abc"', '#VALUE!', "Function ADD parameter 2 expects number values. But 'abc' is a text and cannot be coerced to a number."],
      ['=SQRT(-1)', '#NUM!', ''],
    ];
    for (const [formula, error, note] of cases) {
      b.sheet.getRange('A1').setFormula(formula);
      expect([formula, b.sheet.getRange('A1').getValue()]).toEqual([formula, error]);
      expect(b.sheet.getRange('A1').getDisplayValue()).toBe(error);
      if (note) expect(b.message('A1')).toBe(note);
    }
  });

  it('still takes an unescaped caption as a formula: it shows #ERROR!, not the caption', () => {
    const b = formulaBook();
    b.sheet.getRange('A1:B1').setValues([['-great post', '=lovely']]);
    expect(b.values('A1:B1')).toEqual([['#ERROR!', '#NAME?']]);
  });

  it('fails loudly for a Sheets function the local engine does not evaluate', () => {
    const b = formulaBook();
    b.sheet.getRange('A1').setFormula('=SPLIT("a,b",",")');
    expect(() => b.sheet.getRange('A1').getValue()).toThrow(
      'not implemented in the local runtime: formula evaluation (=...): Sheet1!A1 calls SPLIT, which the local formula engine does not evaluate',
    );
  });

  it('lets a plugged-in evaluator replace the engine, and goes back to it', () => {
    const b = formulaBook();
    b.sheet.getRange('A1').setFormula('=1+2');
    b.workbook.setFormulaEvaluator(() => 'stub');
    expect(b.sheet.getRange('A1').getValue()).toBe('stub');
    b.workbook.setFormulaEvaluator(undefined);
    expect(b.sheet.getRange('A1').getValue()).toBe(3);
  });
});

describe('custom functions', () => {
  it('pass ranges as 2-D arrays of Apps Script values, single cells as values', () => {
    const b = formulaBook();
    const seen: unknown[][] = [];
    b.workbook.setCustomFunctions({ ig_args: (...args: unknown[]) => (seen.push(args), 'ok') });
    b.put('A1', [['x', 1], ['', '2026-01-05']]);
    expect(b.calc('=IG_ARGS(A1:B2, B1, A1:A1, "text", 3, , TRUE)')).toBe('ok');
    const [range, cell, oneCell, text, number, omitted, flag] = seen[0];
    expect(Array.isArray(range)).toBe(true);
    expect((range as unknown[][])[0]).toEqual(['x', 1]);
    expect((range as unknown[][])[1][0]).toBe('');
    expect(((range as unknown[][])[1][1] as Date).toISOString()).toBe('2026-01-05T05:00:00.000Z');
    // An empty argument arrives as "", like an empty cell (see formula-custom.test.ts).
    expect([cell, oneCell, text, number, omitted, flag]).toEqual([1, 'x', 'text', 3, '', true]);
  });

  it('spill what they return as arrays, and show a thrown error as #ERROR! with its message', () => {
    const b = formulaBook();
    b.workbook.setCustomFunctions({
      IG_TABLE: () => [['Followers', 10], ['Reach', 20]],
      IG_LIST: () => [1, 2, 3],
      IG_FAIL: () => {
        throw new Error('Connect an account first.');
      },
      IG_WHEN: () => new Date('2026-01-02T05:00:00Z'),
    });
    b.calc('=IG_TABLE()', 'A1');
    expect(b.values('A1:B2')).toEqual([['Followers', 10], ['Reach', 20]]);
    b.calc('=IG_LIST()', 'D1');
    expect(b.values('D1:D3')).toEqual([[1], [2], [3]]);
    expect(b.calc('=IG_FAIL()')).toBe('#ERROR!');
    expect(b.message()).toBe('Connect an account first.');
    expect((b.calc('=IG_WHEN()') as Date).toISOString()).toBe('2026-01-02T05:00:00.000Z');
  });

  it('get an error argument as the result without being called; unknown names are #NAME?; built-ins win', () => {
    const b = formulaBook();
    let calls = 0;
    b.workbook.setCustomFunctions({ IG_COUNT: () => ++calls, SUM: () => 'custom' });
    expect(b.calc('=IG_COUNT(1/0)')).toBe('#DIV/0!');
    expect(calls).toBe(0);
    expect(b.calc('=ig_count()')).toBe(1);
    expect(b.calc('=SUM(1,2)')).toBe(3);
    b.workbook.setCustomFunctions({});
    expect(b.calc('=IG_COUNT()')).toBe('#NAME?');
  });
});

describe('in the runtime', () => {
  it('reads TODAY() from the virtual clock', () => {
    const rt = createRuntime({ bundleDir: BASIC, start: Date.parse('2026-01-05T09:00:00Z'), timeZone: 'Etc/UTC' });
    rt.workbook.typeInto('Sheet1', 'A1', '=TODAY()');
    rt.workbook.typeInto('Sheet1', 'B1', '=TODAY()-DATE(2026,1,1)');
    expect(rt.workbook.displayValues('Sheet1')).toEqual([['1/5/2026', '4']]);
    rt.advance(3 * 86_400_000);
    expect(rt.workbook.displayValues('Sheet1')).toEqual([['1/8/2026', '7']]);
  });

  it('calls the bundle\'s custom functions as CUSTOM_FUNCTION executions when plugged in', () => {
    const rt = createRuntime({ bundleDir: BASIC, start: Date.parse('2026-01-05T09:00:00Z') });
    const custom = (name: string) => (...args: unknown[]) => rt.callCustomFunction(name, args);
    rt.workbook.setCustomFunctions({ IG_DOUBLE: custom('IG_DOUBLE'), IG_SET: custom('IG_SET') });
    rt.workbook.typeInto('Sheet1', 'A1', '21');
    rt.workbook.typeInto('Sheet1', 'B1', '=IG_DOUBLE(A1)');
    rt.workbook.typeInto('Sheet1', 'C1', '=IG_SET()');
    expect(rt.workbook.values('Sheet1')).toEqual([[21, 42, '#ERROR!']]);
    expect(rt.workbook.formulaError('Sheet1', 'C1')?.message).toBe('You do not have permission to set user properties from a custom function.');
    expect(rt.executions.map((e) => [e.function, e.mode])).toContainEqual(['IG_DOUBLE', 'CUSTOM_FUNCTION']);
  });
});

describe('a big workbook', () => {
  it('reads a dashboard over a 10,000-row tab well within a second', () => {
    const b = formulaBook();
    const data = b.ss.insertSheet("User's Information");
    data.insertRowsAfter(1000, 9100);
    // Daily rows up to the clock's day (2026-01-05).
    const start = Date.parse('2026-01-05T12:00:00Z') - 9_999 * 86_400_000;
    const rows: unknown[][] = [['Run date', 'Followers', 'Media type', 'Product type', 'Reach', 'Interactions']];
    for (let i = 0; i < 10_000; i++) rows.push([new Date(start + i * 86_400_000), 1000 + i, ['IMAGE', 'VIDEO', 'CAROUSEL_ALBUM'][i % 3], i % 5 ? 'FEED' : 'REELS', (i * 37) % 1000, i % 97]);
    data.getRange(1, 1, rows.length, 6).setValues(rows);
    const dash = b.ss.insertSheet('Dashboard');
    const col = (c: string) => `'User''s Information'!${c}2:${c}`;
    const formulas = [
      `=IFERROR(INDEX(SORT(FILTER({${col('A')},${col('B')}},${col('A')}<>""),1,FALSE),1,2),"")`,
      `=COUNTIFS(${col('A')},">="&(TODAY()-30))`,
      `=IFERROR(AVERAGEIFS(${col('E')},${col('A')},">="&(TODAY()-30)),"none")`,
      `=IFERROR(AVERAGEIFS(${col('F')},${col('C')},"IMAGE",${col('D')},"FEED"),0)`,
      `=SUM('User''s Information'!B:B)`,
      `=MAX(${col('A')})`,
    ];
    for (let r = 0; r < 30; r++) dash.getRange(r + 1, 2).setFormula(formulas[r % formulas.length]);
    dash.getRange('D2').setFormula(`=IFERROR(SORTN(FILTER({${col('A')},${col('B')},${col('F')}},${col('A')}>=TODAY()-400,${col('F')}<>""),10,0,3,FALSE),"none")`);
    dash.getRange('H2').setFormula(`=IFERROR(SORT(FILTER({${col('C')},${col('F')}},${col('A')}=MAX(${col('A')})),1,TRUE),"")`);

    let best = Infinity;
    let values: unknown[][] = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      values = dash.getRange('A1:J30').getValues();
      best = Math.min(best, performance.now() - t);
    }
    expect(values[0][1]).toBe(10_999);
    expect(values[1][1]).toBe(31);
    expect(values[4][1]).toBe(rows.slice(1).reduce((s, r) => s + (r[1] as number), 0));
    expect(values[1][3]).toBeInstanceOf(Date);
    expect(best).toBeLessThan(1000);
  });
});
