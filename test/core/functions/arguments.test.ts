// Custom function arguments as Sheets may pass them (issue 17): a date as a Date, as a serial number
// or as ISO text; an empty argument as "", null or undefined; and a message in the person's words
// for anything else.
import { describe, expect, it } from 'vitest';
import { accountArgument, dateArgument, dateOfSerial, FunctionArgumentError, isBlank, textArgument, wholeNumber } from '../../../src/core/functions/arguments';
import type { FunctionSources } from '../../../src/core/functions/tables';

const LISBON = 'Europe/Lisbon';
const TOKYO = 'Asia/Tokyo';
const message = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(FunctionArgumentError);
    return (e as Error).message;
  }
  throw new Error('expected a FunctionArgumentError');
};

describe('empty arguments', () => {
  it('count "", null and undefined as empty, and nothing else', () => {
    for (const v of ['', null, undefined]) expect(isBlank(v)).toBe(true);
    for (const v of [0, ' ', false, 'x', new Date(0)]) expect(isBlank(v)).toBe(false);
  });

  it('give the default: no date, the default count, the first account', () => {
    const sources: FunctionSources = {
      configurations: () => [], ownerAccounts: () => [{ id: '1', username: 'sunny.creates' }, { id: '2', username: 'harbor.bakery' }],
      table: () => null, now: () => 0, timeZone: () => LISBON,
    };
    for (const v of ['', null, undefined, [['']]]) {
      expect(dateArgument(v, 'date', LISBON)).toBeNull();
      expect(wholeNumber(v, 'count', 10, 1, 500)).toBe(10);
      expect(accountArgument(v, sources)).toEqual({ id: '1', username: 'sunny.creates' });
    }
    expect(message(() => textArgument('', 'metric'))).toBe('metric is required.');
  });
});

describe('dates', () => {
  it('take a Date as the day it is in the spreadsheet\'s time zone', () => {
    // Midnight of 2026-03-01 in Lisbon, as Sheets passes a date cell.
    expect(dateArgument(new Date('2026-03-01T00:00:00Z'), 'date', LISBON)).toEqual({ year: 2026, month: 3, day: 1 });
    // The same instant is already 09:00 on 2026-03-01 in Tokyo; 23:30 UTC the day before is 2026-03-01 there too.
    expect(dateArgument(new Date('2026-02-28T23:30:00Z'), 'date', TOKYO)).toEqual({ year: 2026, month: 3, day: 1 });
    expect(dateArgument([[new Date('2026-03-01T00:00:00Z')]], 'date', LISBON)).toEqual({ year: 2026, month: 3, day: 1 });
  });

  it('take a serial number (days since 1899-12-30, whole part) in any time zone', () => {
    expect(dateOfSerial(46082)).toEqual({ year: 2026, month: 3, day: 1 });
    expect(dateOfSerial(36526)).toEqual({ year: 2000, month: 1, day: 1 });
    expect(dateOfSerial(45658)).toEqual({ year: 2025, month: 1, day: 1 });
    for (const tz of [LISBON, TOKYO, 'America/Los_Angeles']) {
      expect(dateArgument(46082, 'start', tz)).toEqual({ year: 2026, month: 3, day: 1 });
      expect(dateArgument(46082.99, 'start', tz)).toEqual({ year: 2026, month: 3, day: 1 });
    }
    // A float a hair short of midnight (a serial that went through arithmetic) counts as that midnight.
    expect(dateArgument(46083 - 1e-11, 'start', LISBON)).toEqual({ year: 2026, month: 3, day: 2 });
  });

  it('take ISO text', () => {
    expect(dateArgument('2026-03-01', 'date', LISBON)).toEqual({ year: 2026, month: 3, day: 1 });
    expect(dateArgument(' 2026-03-01 ', 'date', LISBON)).toEqual({ year: 2026, month: 3, day: 1 });
  });

  it('explain what to type for anything else', () => {
    const like = 'like "2026-01-31", DATE(2026,1,31), TODAY()-30 or a date cell';
    expect(message(() => dateArgument('yesterday', 'date', LISBON))).toBe(`date must be a date, ${like} (got "yesterday").`);
    expect(message(() => dateArgument('2026-02-30', 'date', LISBON))).toBe(`date must be a date, ${like} (got "2026-02-30").`);
    expect(message(() => dateArgument('46082', 'date', LISBON))).toBe(`date must be a date, ${like} (got "46082").`);
    expect(message(() => dateArgument(30, 'start', LISBON))).toBe(`start must be a date, ${like} (got the number 30; for 30 days ago, type TODAY()-30).`);
    expect(message(() => dateArgument(-5, 'start', LISBON))).toBe(`start must be a date, ${like} (got the number -5).`);
    expect(message(() => dateArgument(true, 'end', LISBON))).toBe(`end must be a date, ${like} (got "true").`);
    expect(message(() => dateArgument(new Date(Number.NaN), 'end', LISBON))).toBe(`end must be a date, ${like} (got an invalid date).`);
    expect(message(() => dateArgument([['2026-03-01'], ['2026-03-02']], 'end', LISBON))).toBe('end must be one cell, not a range.');
  });
});

describe('accounts', () => {
  const sources: FunctionSources = {
    configurations: () => [], ownerAccounts: () => [{ id: '1', username: 'sunny.creates' }],
    table: () => null, now: () => 0, timeZone: () => LISBON,
  };

  it('find an account by username, @username or id', () => {
    for (const v of ['sunny.creates', '@Sunny.Creates', ' 1 ', 1]) expect(accountArgument(v, sources)).toEqual({ id: '1', username: 'sunny.creates' });
  });

  it('say when a date stands where the account goes (a missing leading comma)', () => {
    const text = message(() => accountArgument('2026-03-01', sources));
    expect(text).toBe('account must be a username or account id, not a date (got "2026-03-01"). Leave it empty for the first account, as in =IG_FOLLOWERS(, "2026-01-31"). Known: @sunny.creates.');
    expect(message(() => accountArgument(new Date(), sources))).toMatch(/^account must be a username or account id, not a date\. Leave it empty/);
    expect(message(() => accountArgument('nobody', sources))).toBe('No connected account "nobody" in this spreadsheet. Known: @sunny.creates.');
  });
});
