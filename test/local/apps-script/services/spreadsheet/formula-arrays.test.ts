// Functions that return arrays, and array literals, as Sheets evaluates them: conditions compared
// element by element inside FILTER, blanks sorting last, SORTN's tie modes, UNIQUE's exactness.
import { describe, expect, it } from 'vitest';
import { formulaBook } from './formula-book';

function followers() {
  const b = formulaBook();
  b.put('A1', [
    ['Run date', 'Followers', 'Metric'],
    ['2025-11-01', 100, 'Followers'],
    ['2025-12-20', 140, 'Followers'],
    ['2025-12-28', 150, 'Reach'],
    ['2026-01-04', 170, 'Followers'],
  ]);
  return b;
}

describe('FILTER', () => {
  it('keeps the rows where every condition holds, comparing whole columns with a value', () => {
    const b = followers();
    b.calc('=FILTER(A2:B, A2:A>=TODAY()-30, C2:C="Followers")', 'E1');
    const rows = b.values('E1:F3');
    expect(rows.map((r) => [(r[0] as Date).toISOString?.().slice(0, 10) ?? r[0], r[1]])).toEqual([
      ['2025-12-20', 140], ['2026-01-04', 170], ['', ''],
    ]);
    // A date column stays dates when it spills.
    expect(b.sheet.getRange('E1:F2').getDisplayValues()).toEqual([['2025-12-20', '140'], ['2026-01-04', '170']]);
  });

  it('is #N/A with Sheets\' note when nothing matches', () => {
    const b = followers();
    expect(b.calc('=FILTER(A2:B, C2:C="Impressions")')).toBe('#N/A');
    expect(b.message()).toBe('No matches are found in FILTER evaluation.');
    expect(b.calc('=IFERROR(FILTER(A2:B, C2:C="Impressions"),"none")')).toBe('none');
  });

  it('refuses a condition of another height', () => {
    const b = followers();
    expect(b.calc('=FILTER(A2:B5, C2:C3="Followers")')).toBe('#VALUE!');
    expect(b.message()).toBe('FILTER has mismatched range sizes. Expected row count: 4. column count: 1. Actual row count: 2, column count: 1.');
  });

  it('filters columns with a one-row condition, and arrays from other functions', () => {
    const b = formulaBook();
    b.calc('=FILTER({1,2,3;4,5,6},{TRUE,FALSE,TRUE})', 'E1');
    expect(b.values('E1:F2')).toEqual([[1, 3], [4, 6]]);
    expect(b.calc('=SUM(FILTER({1;2;3;4},{1;2;3;4}>2))')).toBe(7);
  });
});

describe('SORT and SORTN', () => {
  it('SORT orders by a column, descending on FALSE, with empty cells last either way', () => {
    const b = formulaBook();
    b.put('A1', [['b', 2], ['', 9], ['a', 3], ['C', 1]]);
    b.calc('=SORT(A1:B4,1,TRUE)', 'E1');
    expect(b.values('E1:F4')).toEqual([['a', 3], ['b', 2], ['C', 1], ['', 9]]);
    b.calc('=SORT(A1:B4,1,FALSE)', 'H1');
    expect(b.values('H1:I4')).toEqual([['C', 1], ['b', 2], ['a', 3], ['', 9]]);
    b.calc('=SORT(A1:B4,2,FALSE)', 'K1');
    expect(b.values('K1:K4')).toEqual([[''], ['a'], ['b'], ['C']]);
  });

  it('SORT puts numbers before text before booleans, and checks the column number', () => {
    const b = formulaBook();
    b.calc('=SORT({TRUE;"x";5;1})', 'E1');
    expect(b.values('E1:E4')).toEqual([[1], [5], ['x'], [true]]);
    expect(b.calc('=SORT(A1:B2,3,TRUE)')).toBe('#VALUE!');
  });

  it('SORT of an open range keeps the grid\'s empty rows at the end (so FILTER first)', () => {
    const b = formulaBook();
    b.put('A1', [[3], [1], [2]]);
    expect(b.calc('=ROWS(SORT(A1:A))')).toBe(1000);
    expect(b.calc('=INDEX(SORT(A1:A,1,FALSE),1)')).toBe(3);
  });

  it('SORTN gives the first n rows, with ties (mode 1), unique keys (mode 2) or ranks (mode 3)', () => {
    const b = formulaBook();
    b.put('A1', [['p1', 50], ['p2', 90], ['p3', 70], ['p4', 90], ['p5', 70], ['p6', 10]]);
    b.calc('=SORTN(A1:B6,2,0,2,FALSE)', 'E1');
    expect(b.values('E1:F3')).toEqual([['p2', 90], ['p4', 90], ['', '']]);
    b.calc('=SORTN(A1:B6,3,1,2,FALSE)', 'H1');
    expect(b.values('H1:H5')).toEqual([['p2'], ['p4'], ['p3'], ['p5'], ['']]);
    b.calc('=SORTN(A1:B6,2,2,2,FALSE)', 'K1');
    expect(b.values('K1:L3')).toEqual([['p2', 90], ['p3', 70], ['', '']]);
    b.calc('=SORTN(A1:B6,2,3,2,FALSE)', 'N1');
    expect(b.values('N1:N5')).toEqual([['p2'], ['p4'], ['p3'], ['p5'], ['']]);
    expect(b.calc('=SORTN(A1:B6)', 'X10')).toBe('p1');
  });

  it('SORTN over a FILTER, as the top-posts block does it', () => {
    const b = formulaBook();
    b.put('A1', [['Permalink', 'Posted at', 'Total'], ['u1', '2026-01-01', 5], ['u2', '2025-10-01', 50], ['u3', '2026-01-03', 9], ['u4', '2026-01-04', '']]);
    b.calc('=IFERROR(SORTN(FILTER({A2:A,B2:B,C2:C},B2:B>=TODAY()-30,C2:C<>""),10,0,3,FALSE),"No posts in the last 30 days")', 'E2');
    expect(b.values('E2:E4')).toEqual([['u3'], ['u1'], ['']]);
    expect(b.calc('=IFERROR(SORTN(FILTER(A2:A,B2:B>=TODAY()),10),"No posts in the last 30 days")')).toBe('No posts in the last 30 days');
  });
});

describe('UNIQUE', () => {
  it('keeps first appearances, tells "a" from "A", and keeps one empty row', () => {
    const b = formulaBook();
    b.put('A1', [['a'], ['A'], ['a'], [''], ['b'], ['']]);
    b.calc('=UNIQUE(A1:A6)', 'C1');
    expect(b.values('C1:C5')).toEqual([['a'], ['A'], [''], ['b'], ['']]);
    expect(b.calc('=ROWS(UNIQUE(A1:A6))')).toBe(4);
    b.calc('=UNIQUE(A1:A6,FALSE,TRUE)', 'E1');
    expect(b.values('E1:E3')).toEqual([['A'], ['b'], ['']]);
  });
});

describe('array literals and element-wise evaluation', () => {
  it('spills {a, b; c, d} and joins ranges side by side', () => {
    const b = formulaBook();
    b.calc('={1,"two";TRUE,-4}', 'E1');
    expect(b.values('E1:F2')).toEqual([[1, 'two'], [true, -4]]);
    b.put('A1', [[1], [2]]);
    b.put('B1', [[3], [4]]);
    b.calc('={A1:A2,B1:B2;5,6}', 'H1');
    expect(b.values('H1:I3')).toEqual([[1, 3], [2, 4], [5, 6]]);
    b.calc('={"Image",IFERROR(1/0,0);"Video",2}', 'K1');
    expect(b.values('K1:L2')).toEqual([['Image', 0], ['Video', 2]]);
  });

  it('refuses rows of different widths and items of different heights', () => {
    const b = formulaBook();
    expect(b.calc('={1,2;3}')).toBe('#VALUE!');
    expect(b.message()).toBe('In ARRAY_LITERAL, an Array Literal was missing values for one or more rows.');
    expect(b.calc('={A1:A2,B1:B3}')).toBe('#VALUE!');
    expect(b.calc('={1,2')).toBe('#ERROR!');
  });

  it('reduces a range to the formula\'s row outside array functions, and spills inside ARRAYFORMULA', () => {
    const b = formulaBook();
    b.put('A1', [[1], [2], [3]]);
    expect(b.calc('=A1:A3*10', 'B2')).toBe(20);
    expect(b.calc('=A1:A3*10', 'B5')).toBe('#VALUE!');
    expect(b.message('B5')).toBe('An array value could not be found.');
    b.calc('=ARRAYFORMULA(A1:A3*10)', 'D1');
    expect(b.values('D1:D3')).toEqual([[10], [20], [30]]);
    b.calc('=ARRAYFORMULA(IF(A1:A3>1,"big","small"))', 'E1');
    expect(b.values('E1:E3')).toEqual([['small'], ['big'], ['big']]);
    expect(b.calc('=SUMPRODUCT(A1:A3,A1:A3)')).toBe(14);
  });

  it('TRANSPOSE turns rows into columns', () => {
    const b = formulaBook();
    b.calc('=TRANSPOSE({1,2,3})', 'E1');
    expect(b.values('E1:E3')).toEqual([[1], [2], [3]]);
  });
});
