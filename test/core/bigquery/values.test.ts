// A tab's cell as the JSON value BigQuery loads for its column type: what runs wrote goes as is, what a
// person typed over becomes NULL and is counted (fits: false), never a failed load.
import { describe, expect, it } from 'vitest';
import { jsonValue } from '../../../src/core/bigquery/values';
import { dateCell } from '../../../src/core/reports/dates';

const TZ = 'Europe/Berlin';
const v = (cell: Parameters<typeof jsonValue>[0], type: Parameters<typeof jsonValue>[1], timeZone = TZ) => jsonValue(cell, type, timeZone);
const NULL_MISFIT = { value: null, fits: false };

describe('empty cells', () => {
  it('are NULL of any type, and fit', () => {
    for (const type of ['STRING', 'INT64', 'FLOAT64', 'BOOL', 'DATE', 'TIMESTAMP'] as const) {
      expect(v('', type)).toEqual({ value: null, fits: true });
      expect(v(undefined, type)).toEqual({ value: null, fits: true });
    }
  });
});

describe('STRING', () => {
  it('keeps ids as text, leading zeros and all', () => {
    expect(v('00123', 'STRING')).toEqual({ value: '00123', fits: true });
    expect(v('17841400000000001', 'STRING')).toEqual({ value: '17841400000000001', fits: true });
  });

  it('keeps a caption starting with "=" as text', () => {
    // Sheets gives back the text without the apostrophe that kept it from being a formula.
    expect(v('=SUM(A1:A3) is my favourite formula', 'STRING').value).toBe('=SUM(A1:A3) is my favourite formula');
    expect(v('+1 for sourdough', 'STRING').value).toBe('+1 for sourdough');
    expect(v('@rival.bakery', 'STRING').value).toBe('@rival.bakery');
  });

  it('keeps an apostrophe that is part of the text (Sheets already dropped the escaping one)', () => {
    // A caption "'90s vibes" is written as "''90s vibes" and read back as "'90s vibes".
    expect(v("'90s vibes", 'STRING').value).toBe("'90s vibes");
  });

  it('writes numbers, booleans and dates a person typed into a text column as text', () => {
    expect(v(123, 'STRING')).toEqual({ value: '123', fits: true });
    expect(v(true, 'STRING')).toEqual({ value: 'true', fits: true });
    expect(v(new Date('2026-07-01T10:00:00Z'), 'STRING')).toEqual({ value: '2026-07-01T10:00:00.000Z', fits: true });
  });
});

describe('INT64', () => {
  it('takes whole numbers, and whole numbers as text', () => {
    expect(v(1234, 'INT64')).toEqual({ value: 1234, fits: true });
    expect(v(0, 'INT64')).toEqual({ value: 0, fits: true });
    expect(v(-5, 'INT64')).toEqual({ value: -5, fits: true });
    expect(v(' 42 ', 'INT64')).toEqual({ value: 42, fits: true });
  });

  it('makes anything else NULL, counted', () => {
    expect(v('n/a', 'INT64')).toEqual(NULL_MISFIT);
    expect(v('1,234', 'INT64')).toEqual(NULL_MISFIT);
    expect(v(12.5, 'INT64')).toEqual(NULL_MISFIT);
    expect(v(2 ** 53, 'INT64')).toEqual(NULL_MISFIT);
    expect(v(true, 'INT64')).toEqual(NULL_MISFIT);
    expect(v(new Date(), 'INT64')).toEqual(NULL_MISFIT);
    expect(v('   ', 'INT64')).toEqual(NULL_MISFIT);
  });
});

describe('FLOAT64', () => {
  it('takes numbers, and numbers as text', () => {
    expect(v(0.125, 'FLOAT64')).toEqual({ value: 0.125, fits: true });
    expect(v(12, 'FLOAT64')).toEqual({ value: 12, fits: true });
    expect(v('3.5', 'FLOAT64')).toEqual({ value: 3.5, fits: true });
  });

  it('makes anything else NULL, counted', () => {
    expect(v('about 3', 'FLOAT64')).toEqual(NULL_MISFIT);
    expect(v(Number.NaN, 'FLOAT64')).toEqual(NULL_MISFIT);
    expect(v(Number.POSITIVE_INFINITY, 'FLOAT64')).toEqual(NULL_MISFIT);
    expect(v(false, 'FLOAT64')).toEqual(NULL_MISFIT);
  });
});

describe('BOOL', () => {
  it('takes booleans and TRUE/FALSE as text', () => {
    expect(v(true, 'BOOL')).toEqual({ value: true, fits: true });
    expect(v(false, 'BOOL')).toEqual({ value: false, fits: true });
    expect(v('TRUE', 'BOOL')).toEqual({ value: true, fits: true });
    expect(v(' false ', 'BOOL')).toEqual({ value: false, fits: true });
  });

  it('makes anything else NULL, counted', () => {
    expect(v('yes', 'BOOL')).toEqual(NULL_MISFIT);
    expect(v(1, 'BOOL')).toEqual(NULL_MISFIT);
  });
});

describe('DATE', () => {
  it('is the day a Date cell shows in the spreadsheet\'s time zone, east and west of UTC', () => {
    // Midnight of 1 July in Tokyo is 30 June in UTC; midnight in Los Angeles is 07:00 UTC.
    expect(v(dateCell({ year: 2026, month: 7, day: 1 }, 'Asia/Tokyo'), 'DATE', 'Asia/Tokyo')).toEqual({ value: '2026-07-01', fits: true });
    expect(v(dateCell({ year: 2026, month: 7, day: 1 }, 'America/Los_Angeles'), 'DATE', 'America/Los_Angeles')).toEqual({ value: '2026-07-01', fits: true });
    expect(v(dateCell({ year: 2026, month: 3, day: 29 }, 'Europe/Berlin'), 'DATE', 'Europe/Berlin')).toEqual({ value: '2026-03-29', fits: true });
    expect(v(dateCell({ year: 2026, month: 12, day: 31 }, 'Pacific/Auckland'), 'DATE', 'Pacific/Auckland')).toEqual({ value: '2026-12-31', fits: true });
  });

  it('takes dates typed as YYYY-MM-DD text', () => {
    expect(v('2026-07-01', 'DATE')).toEqual({ value: '2026-07-01', fits: true });
  });

  it('makes anything else NULL, counted', () => {
    expect(v('01/07/2026', 'DATE')).toEqual(NULL_MISFIT);
    expect(v('yesterday', 'DATE')).toEqual(NULL_MISFIT);
    expect(v(46204, 'DATE')).toEqual(NULL_MISFIT);
    expect(v(new Date(Number.NaN), 'DATE')).toEqual(NULL_MISFIT);
  });
});

describe('TIMESTAMP', () => {
  it('is the instant of a Date cell, in UTC', () => {
    expect(v(new Date('2026-07-01T08:30:00Z'), 'TIMESTAMP')).toEqual({ value: '2026-07-01T08:30:00.000Z', fits: true });
  });

  it('takes Graph timestamps and ISO text', () => {
    expect(v('2026-07-01T10:00:00+0000', 'TIMESTAMP')).toEqual({ value: '2026-07-01T10:00:00.000Z', fits: true });
    expect(v('2026-07-01T10:00:00+0200', 'TIMESTAMP')).toEqual({ value: '2026-07-01T08:00:00.000Z', fits: true });
    expect(v('2026-07-01T10:00:00Z', 'TIMESTAMP')).toEqual({ value: '2026-07-01T10:00:00.000Z', fits: true });
  });

  it('makes numbers and words NULL, counted', () => {
    expect(v('n/a', 'TIMESTAMP')).toEqual(NULL_MISFIT);
    expect(v(46204.5, 'TIMESTAMP')).toEqual(NULL_MISFIT);
    expect(v(true, 'TIMESTAMP')).toEqual(NULL_MISFIT);
  });

  it('makes text that is not a time NULL too, however JavaScript would read it', () => {
    // Date.parse reads "about 5" as 1 May 2001 and "Posted 2" as 1 February 2001.
    expect(v('about 5', 'TIMESTAMP')).toEqual(NULL_MISFIT);
    expect(v('Posted 2', 'TIMESTAMP')).toEqual(NULL_MISFIT);
  });
});
