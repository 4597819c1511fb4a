// The custom functions' answers for a date however Sheets passes it (a Date, a serial number, ISO
// text) and an empty argument however it arrives ("", null, undefined): issue 17.
import { describe, expect, it } from 'vitest';
import { followers, history, metric } from '../../../src/core/functions/functions';
import type { FunctionDeps } from '../../../src/core/functions/functions';
import type { Cell, Table } from '../../../src/core/functions/tables';
import type { ReportConfiguration } from '../../../src/core/reports/types';

const TZ = 'Europe/Lisbon';
const midnight = (iso: string) => new Date(`${iso}T00:00:00Z`); // Lisbon is UTC in winter
const DAYS = ['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02'];

function config(id: string, reportId: 'user_information' | 'account_insights', tab: string): ReportConfiguration {
  return {
    id, accountId: '1', accountUsername: 'sunny.creates', loginFlow: 'instagram', reportId, fields: [], tab: { sheetId: null, name: tab },
    mode: 'append', schedule: { kind: 'daily', hour: 7 }, settings: {},
  } as unknown as ReportConfiguration;
}

const TABS: Record<string, Table> = {
  info: { header: ['Run date', 'Account ID', 'Followers'], rows: DAYS.map((d, i): Cell[] => [midnight(d), '1', 1000 + i]) },
  insights: { header: ['Date', 'Account ID', 'Reach'], rows: DAYS.map((d, i): Cell[] => [midnight(d), '1', 50 + i]) },
};

const deps: FunctionDeps = {
  configurations: () => [config('a', 'user_information', 'info'), config('b', 'account_insights', 'insights')],
  ownerAccounts: () => [{ id: '1', username: 'sunny.creates' }],
  table: (c) => TABS[c.tab.name] ?? null,
  now: () => Date.parse('2026-03-03T10:00:00Z'),
  timeZone: () => TZ,
};

const MARCH_1 = [midnight('2026-03-01'), 46082, '2026-03-01', [[46082]]];

describe('a date however Sheets passes it', () => {
  it('IG_FOLLOWERS reads the same day from a Date, a serial, ISO text or a one-cell range', () => {
    for (const date of MARCH_1) expect(followers(deps, '', date)).toBe(1002);
  });

  it('IG_METRIC reads the same day, and the latest one with no date', () => {
    for (const date of MARCH_1) expect(metric(deps, 'reach', date, undefined)).toBe(52);
    expect(metric(deps, 'reach', '', '')).toBe(53);
  });

  it('IG_HISTORY starts on that day (TODAY()-2 as a Date or as a serial)', () => {
    for (const start of MARCH_1) {
      const table = history(deps, 'followers_count', start, null, '') as Cell[][];
      expect(table.map((r) => r[1])).toEqual(['Followers', 1002, 1003]);
    }
    const all = history(deps, 'followers_count', undefined, undefined, undefined) as Cell[][];
    expect(all).toHaveLength(DAYS.length + 1);
  });
});

describe('an empty argument however it arrives', () => {
  it('is the first account and no date: "", null and undefined alike', () => {
    for (const empty of ['', null, undefined]) {
      expect(followers(deps, empty, empty)).toBe(1003);
      expect(followers(deps, empty, 46082)).toBe(1002);
    }
  });
});

describe('nothing stored yet', () => {
  it('names the report to add, with its article', () => {
    const bare: FunctionDeps = { ...deps, configurations: () => [] };
    expect(metric(bare, 'reach', '', '')).toBe('No Account Insights data for @sunny.creates yet: add an Account Insights report in Extensions > Sheetgram > Open sidebar.');
    expect(history(bare, 'followers_count', '', '', '')).toBe("No User's Information data for @sunny.creates yet: add a User's Information report in Extensions > Sheetgram > Open sidebar.");
  });
});
