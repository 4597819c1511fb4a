// "Dashboard: all accounts", as data: one row of figures per account side by side (each formula
// keeps only that account's rows, read from that account's own report tabs), and followers over time
// with one series per account: a chart-data block with the run dates down and a column per account.
import type { ReportId } from '../reports/types';
import type { DateFormats } from '../tabs/look';
import { columnLetter } from './a1';
import { averageSince, countSince, filter, latest, sumOfLastDays } from './formulas';
import { BLOCK_HEADER_ROW, Canvas, type DashboardPlan } from './plan';
import { find, whenFound, type Found, type Need, type SourceTab } from './source';

export interface AccountSource {
  accountId: string;
  username: string;
  /** This account's report tabs, one per report (the most recent configuration's). */
  tabs: SourceTab[];
}

export interface CombinedInput {
  accounts: AccountSource[];
  /** The spreadsheet's date formats, for the dates of the chart-data block (ISO by default). */
  dates?: DateFormats;
  /** Where chart-data blocks start (a later part's block goes right of those already on the tab). */
  firstBlockColumn?: number;
  /** Plan blocks for these parts only (a later write of parts that waited; see CanvasOptions.only). */
  only?: ReadonlySet<string>;
}

/** An account's figure's part key. */
export const accountFigurePart = (accountId: string, header: string) => `${accountId}:${header}`;
/** The widest figure a column shows. */
const WIDEST_FIGURE = '12,345,678';

const TABLE_ROW = 4;
const FOLLOWERS: Need = { report: 'user_information', headers: ['Run date', 'Followers'], minRows: 1 };

type Made = string | { formula: string; format: string };

interface Figure {
  header: string;
  /** The reports the figure reads: what it waits for while it shows a note. */
  reports: ReportId[];
  /** The figure's formula for an account whose followers are in `followersCell`, or a note. */
  make(find: (n: Need) => Found | string, followersCell: string): Made;
}


/** Reach or views added up over the last whole days (Account Insights has a row per day). */
const daily = (metric: 'Reach' | 'Views', days: number): Figure => ({
  header: `${metric}, last ${days} days`,
  reports: ['account_insights'],
  make: (need) => whenFound(need({ report: 'account_insights', headers: ['Date', metric], minRows: 1 }), ({ ranges: [d, v], only }) => (
    { formula: `=IFERROR(${sumOfLastDays(v, d, days, only)},"no days yet")`, format: '#,##0' })),
});

const postsFound = (need: (n: Need) => Found | string) => {
  const recent = need({ report: 'recent_media', headers: ['Posted at'], minRows: 1 });
  return typeof recent === 'string' ? need({ report: 'media_insights', headers: ['Posted at'], minRows: 1 }) : recent;
};

const FIGURES: Figure[] = [
  { header: 'Followers now', reports: ['user_information'], make: (need) => whenFound(need(FOLLOWERS), ({ ranges: [d, f], only }) => ({ formula: `=IFERROR(${latest(d, f, only)},"")`, format: '#,##0' })) },
  daily('Reach', 7), daily('Reach', 30), daily('Views', 7), daily('Views', 30),
  {
    header: 'Engagement rate per post (30 days)',
    reports: ['media_insights'],
    make: (need, followers) => whenFound(need({ report: 'media_insights', headers: ['Posted at', 'Total interactions'], minRows: 1 }), ({ ranges: [at, interactions], only }) => (
      { formula: `=IFERROR(${averageSince(interactions, at, 30, only)}/${followers},"")`, format: '0.00%' })),
  },
  {
    header: 'Posts in the last 30 days', reports: ['recent_media', 'media_insights'],
    make: (need) => whenFound(postsFound(need), ({ ranges: [at], only }) => ({ formula: `=IFERROR(${countSince(at, 30, only)},0)`, format: '#,##0' })),
  },
];

export function planCombinedDashboard(input: CombinedInput): DashboardPlan {
  const accounts = input.accounts;
  const canvas = new Canvas(Math.max(12, TABLE_ROW + accounts.length + 3), { dates: input.dates, firstBlockColumn: input.firstBlockColumn, only: input.only });
  const needOf = (a: AccountSource) => (n: Need) => find(a.tabs, n, a.accountId, a.username);

  canvas.text(1, 1, 'Instagram dashboard: all accounts');
  canvas.text(2, 1, 'Made by Sheetgram from each account\'s report tabs, one row per account. Reach and views add up the daily figures of Account Insights up to yesterday (someone reached on two days counts twice). Rebuild it from the sidebar; what you add outside Sheetgram\'s cells stays.');
  canvas.text(TABLE_ROW, 1, 'Account');
  FIGURES.forEach((f, i) => canvas.text(TABLE_ROW, 2 + i, f.header));
  accounts.forEach((a, k) => {
    const row = TABLE_ROW + 1 + k;
    canvas.text(row, 1, `@${a.username}`, '@');
    FIGURES.forEach((f, i) => canvas.within(accountFigurePart(a.accountId, f.header), () => {
      const made = f.make(needOf(a), `B${row}`);
      if (typeof made === 'string') {
        canvas.note(accountFigurePart(a.accountId, f.header), made);
        canvas.wait(accountFigurePart(a.accountId, f.header), f.reports);
        canvas.text(row, 2 + i, made);
      } else canvas.formula(row, 2 + i, made.formula, made.format);
    }));
  });
  // Every header whole; a note runs on into the columns beside it.
  canvas.fit(1, ['Account', ...accounts.map((a) => `@${a.username}`)]);
  FIGURES.forEach((f, i) => canvas.fit(2 + i, [f.header, WIDEST_FIGURE]));

  // Followers over time: the accounts whose followers can be read, one series each.
  const charted = accounts.flatMap((a) => {
    const found = needOf(a)(FOLLOWERS);
    return typeof found === 'string' ? [] : [{ account: a, found }];
  });
  const title = 'Followers over time, by account';
  const enough = charted.length > 0 && Math.max(...charted.map((c) => c.found.tab.rows)) >= 2;
  canvas.chart('followers', title, 'LINE', !enough ? 'needs at least 2 days of User\'s Information for some account; check back after tomorrow\'s run.' : () => [canvas.block({
    title: 'followers by account', headers: ['Run date', ...charted.map((c) => `@${c.account.username}`)], grows: true, dates: { 0: 'date' },
    formulas: (first) => {
      const dates = `${columnLetter(first)}${BLOCK_HEADER_ROW + 1}:${columnLetter(first)}`;
      const keys = `FILTER(${dates},${dates}<>"")`;
      return [`=IFERROR(SORT(UNIQUE(${runDates(charted.map((c) => c.found))})),"")`,
        ...charted.map(({ found: { ranges: [d, f], only } }) => `=ARRAYFORMULA(IFERROR(VLOOKUP(${keys},${filter([d, f], [`${d}<>""`, ...only])},2,FALSE)))`)];
    },
  })], { interpolateNulls: true }, ['user_information']);
  return canvas.plan;
}

/** Every run date of the charted accounts, from each tab once (accounts may share a tab or not). */
function runDates(found: Found[]): string {
  const byTab = new Map<string, Found[]>();
  for (const f of found) byTab.set(f.ranges[0], [...(byTab.get(f.ranges[0]) ?? []), f]);
  const parts = [...byTab.entries()].map(([d, list]) => {
    // A tab with no Account ID column belongs to one account whole; otherwise any charted account's row.
    const anyOf = list.some((f) => f.only.length === 0) ? [] : [list.map((f) => `(${f.only.join('*')})`).join('+')];
    return filter([d], [`${d}<>""`, ...anyOf]);
  });
  if (parts.length === 1) return parts[0];
  const stacked = `{${parts.map((p) => `IFERROR(${p},"")`).join(';')}}`;
  return `FILTER(${stacked},${stacked}<>"")`;
}
