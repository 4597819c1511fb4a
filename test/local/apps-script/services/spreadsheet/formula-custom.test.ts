// How the local formula engine hands arguments to a custom function, as Sheets does (the custom
// functions guide, "Arguments" and "Data types"; reference/apps-script.md §2.1): a range as a 2-D
// array with "" for its empty cells, dates as Dates (date cells, and dates computed in the formula:
// TODAY()-30), numbers as numbers, an empty argument as "" wherever it is (F(, x) included), and an
// argument not typed at all as absent.
import { describe, expect, it } from 'vitest';
import { formulaBook } from './formula-book';

/** A book whose IG_ARGS records the arguments of each call (and how many there were). */
function recording(options: { timeZone?: string } = {}) {
  const b = formulaBook(options);
  const calls: unknown[][] = [];
  b.workbook.setCustomFunctions({
    IG_ARGS: (...args: unknown[]) => {
      calls.push(args);
      return 'ok';
    },
  });
  /** The arguments IG_ARGS got from the formula. */
  const args = (formula: string): unknown[] => {
    calls.length = 0;
    expect(b.calc(formula), `${formula}: ${b.message()}`).toBe('ok');
    // Each read evaluates the cell again; every call gets the same arguments.
    expect(calls.length).toBeGreaterThan(0);
    for (const c of calls) expect(c).toEqual(calls[0]);
    return calls[0];
  };
  return { ...b, args };
}

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : `not a Date: ${JSON.stringify(v)}`);

describe('custom function arguments: empty and omitted', () => {
  it('keeps a leading empty argument in its place, as ""', () => {
    const b = recording();
    expect(b.args('=IG_ARGS(, "2026-01-05")')).toEqual(['', '2026-01-05']);
    expect(b.args('=IG_ARGS( ,"x")')).toEqual(['', 'x']);
    expect(b.args('=IG_ARGS(, , 7)')).toEqual(['', '', 7]);
    expect(b.args('=IG_ARGS(,)')).toEqual(['', '']);
  });

  it('passes empty arguments in the middle and at the end as "", and does not pass what was not typed', () => {
    const b = recording();
    expect(b.args('=IG_ARGS("a", , "c")')).toEqual(['a', '', 'c']);
    expect(b.args('=IG_ARGS("a",)')).toEqual(['a', '']);
    expect(b.args('=IG_ARGS("a")')).toEqual(['a']);
    expect(b.args('=IG_ARGS()')).toEqual([]);
  });

  it('reads an empty cell as "", alone and inside a range', () => {
    const b = recording();
    b.put('A1', [['x', ''], ['', 2]]);
    expect(b.args('=IG_ARGS(B1)')).toEqual(['']);
    expect(b.args('=IG_ARGS(A1:B2)')).toEqual([[['x', ''], ['', 2]]]);
  });

  it('keeps Sheets functions right with a leading empty argument too', () => {
    const b = recording();
    expect(b.calc('=IF(, "yes", "no")')).toBe('no');
    expect(b.calc('=CONCATENATE(, "a", , "b")')).toBe('ab');
    expect(b.calc('=IG_ARGS(, IF(, 1, 2))')).toBe('ok');
  });
});

describe('custom function arguments: dates and numbers', () => {
  it('passes date cells as Dates at midnight in the spreadsheet\'s time zone, number cells as numbers', () => {
    const b = recording(); // New York
    b.put('A1', [['2026-03-01', 46082]]);
    const [date] = b.args('=IG_ARGS(A1)');
    expect(iso(date)).toBe('2026-03-01T05:00:00.000Z');
    expect(b.args('=IG_ARGS(B1)')).toEqual([46082]);
    const [range] = b.args('=IG_ARGS(A1:B1)') as [unknown[][]];
    expect(iso(range[0][0])).toBe('2026-03-01T05:00:00.000Z');
    expect(range[0][1]).toBe(46082);
  });

  it('passes dates computed in the formula as Dates: TODAY(), DATE(), and a date plus or minus days', () => {
    const b = recording(); // the clock is 2026-01-05 09:00 in New York
    b.put('A1', [['2026-03-01']]);
    expect(iso(b.args('=IG_ARGS(TODAY())')[0])).toBe('2026-01-05T05:00:00.000Z');
    expect(iso(b.args('=IG_ARGS(DATE(2026,3,1))')[0])).toBe('2026-03-01T05:00:00.000Z');
    expect(iso(b.args('=IG_ARGS("m", TODAY()-30)')[1])).toBe('2025-12-06T05:00:00.000Z');
    expect(iso(b.args('=IG_ARGS(TODAY() - 1)')[0])).toBe('2026-01-04T05:00:00.000Z');
    expect(iso(b.args('=IG_ARGS(7+TODAY())')[0])).toBe('2026-01-12T05:00:00.000Z');
    expect(iso(b.args('=IG_ARGS((TODAY()-30))')[0])).toBe('2025-12-06T05:00:00.000Z');
    expect(iso(b.args('=IG_ARGS(TODAY()-3*10)')[0])).toBe('2025-12-06T05:00:00.000Z');
    expect(iso(b.args('=IG_ARGS(A1+1)')[0])).toBe('2026-03-02T05:00:00.000Z');
    expect(iso(b.args('=IG_ARGS(EDATE(A1, 1))')[0])).toBe('2026-04-01T04:00:00.000Z');
  });

  it('passes numbers for what is no date: days between dates, N(), arithmetic on numbers', () => {
    const b = recording();
    b.put('A1', [['2026-03-01', 10]]);
    expect(b.args('=IG_ARGS(TODAY()-DATE(2026,1,1))')).toEqual([4]);
    expect(b.args('=IG_ARGS(A1-DATE(2026,2,1))')).toEqual([28]);
    expect(b.args('=IG_ARGS(N(TODAY()))')).toEqual([46027]);
    expect(b.args('=IG_ARGS(B1+1)')).toEqual([11]);
    expect(b.args('=IG_ARGS(-TODAY())')).toEqual([-46027]);
    expect(b.args('=IG_ARGS(30)')).toEqual([30]);
  });

  it('passes text, booleans and arrays as they are', () => {
    const b = recording();
    expect(b.args('=IG_ARGS("2026-03-01", TRUE, 2.5)')).toEqual(['2026-03-01', true, 2.5]);
    expect(b.args('=IG_ARGS({1, 2; 3, 4})')).toEqual([[[1, 2], [3, 4]]]);
  });

  it('gives a date computed in another time zone at that zone\'s midnight', () => {
    const b = recording({ timeZone: 'Asia/Tokyo' }); // 2026-01-05 23:00 in Tokyo
    expect(iso(b.args('=IG_ARGS(TODAY()-30)')[0])).toBe('2025-12-05T15:00:00.000Z');
  });
});
