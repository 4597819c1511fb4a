// One account's dashboard, as data: headline figures written as formulas over the report tabs, and
// charts over chart-data blocks (FILTER/SORT formulas that follow new rows). Every formula keeps only
// the account's rows, so another account writing into the same tab never shows up here. Where a report
// is missing, too young, or cannot tell the accounts apart yet, a short note takes the part's place.
import type { ReportId } from '../reports/types';
import type { DateFormats } from '../tabs/look';
import { cell } from './a1';
import { asOf, averageSince, countSince, filter, latest, weekTotal } from './formulas';
import { Canvas, type Block, type ChartKind, type DashboardPlan } from './plan';
import { columnOf, find, whenFound, type Found, type Need, type SourceTab } from './source';

export type { SourceTab } from './source';
export type { ChartKind, DashboardPlan, PlannedCell, PlannedChart, WaitingPart } from './plan';

export interface DashboardInput {
  accountId: string;
  username: string;
  /** The account's report tabs, one per report (the most recent configuration's). */
  tabs: SourceTab[];
  /** The spreadsheet's date formats, for the dates of chart-data blocks (ISO by default). */
  dates?: DateFormats;
  /** Where chart-data blocks start (a later part's block goes right of those already on the tab). */
  firstBlockColumn?: number;
  /** Plan blocks for these parts only (a later write of parts that waited; see CanvasOptions.only). */
  only?: ReadonlySet<string>;
}

const HEADLINE_ROW = 4;
const FIRST_CHART_ROW = 15;
/** Above the week-over-week changes. */
const WEEK_CHANGE = 'vs the 7 days before';
const TWO_DAYS = 'needs at least 2 days of history; check back after tomorrow\'s run.';
/** Days after posting the post-growth chart shows (Post Growth's default). */
const GROWTH_DAYS = 30;
/** The widest figure the value column shows. */
const WIDEST_FIGURE = '+12,345,678';

type Made = string | { formula: string; format?: string };

/** The reports whose part of a figure is missing: what the figure waits for. */
const missing = (found: [ReportId, Found | string][]): ReportId[] => found.filter(([, f]) => typeof f === 'string').map(([report]) => report);

/** A headline figure's part key. */
export const figurePart = (label: string) => `figure:${label}`;

export function planDashboard(input: DashboardInput): DashboardPlan {
  const canvas = new Canvas(FIRST_CHART_ROW, { dates: input.dates, firstBlockColumn: input.firstBlockColumn, only: input.only });
  const need = (n: Need) => find(input.tabs, n, input.accountId, input.username);

  canvas.text(1, 1, `Instagram dashboard: @${input.username}`);
  canvas.text(2, 1, 'Made by Sheetgram from the report tabs, from the rows of this account only; figures and charts follow new rows. Rebuild it from the sidebar; what you add outside Sheetgram\'s cells stays.');

  // Headline figures, each with the reports it reads (what it waits for when it shows a note).
  const followersCell = cell(HEADLINE_ROW, 2);
  const ui = need({ report: 'user_information', headers: ['Run date', 'Followers'], minRows: 1 });
  const mi = need({ report: 'media_insights', headers: ['Posted at', 'Reach', 'Total interactions'], minRows: 1 });
  const rm = need({ report: 'recent_media', headers: ['Posted at'], minRows: 1 });
  const posts = typeof rm !== 'string' ? rm : mi;
  const miViews = need({ report: 'media_insights', headers: ['Posted at', 'Views', 'Reach'], minRows: 1 });
  /** This week's total (the last 7 days) and, beside it, the change from the 7 days before. */
  const week = (found: Found | string, column: number | null): [Made, Made] => {
    if (typeof found === 'string') return [found, found];
    const values = column === null ? null : found.ranges[column];
    const [now, before] = [0, 1].map((back) => weekTotal(values, found.ranges[0], back, found.only));
    return [{ formula: `=${now}`, format: '#,##0' }, { formula: `=IFERROR(${now}/${before}-1,"")`, format: '+0%;-0%;0%' }];
  };
  const weekly: [string, [Made, Made], ReportId[]][] = [
    ['Posts in the last 7 days', week(posts, null), ['recent_media', 'media_insights']],
    ['Views of posts of the last 7 days', week(miViews, 1), ['media_insights']],
    ['Reach of posts of the last 7 days', week(miViews, 2), ['media_insights']],
  ];
  const headlines: [string, Made, ReportId[]][] = [
    ['Followers now', whenFound(ui, ({ ranges: [d, f], only }) => ({ formula: `=IFERROR(${latest(d, f, only)},"")`, format: '#,##0' })), ['user_information']],
    ...[7, 30].map((days): [string, Made, ReportId[]] => [`Change in ${days} days`, whenFound(ui, ({ ranges: [d, f], only }) => (
      { formula: `=IFERROR(${followersCell}-${asOf(d, f, days, only)},"not enough history yet")`, format: '+#,##0;-#,##0;0' })), ['user_information']]),
    ['Posts in the last 30 days', whenFound(posts, ({ ranges: [at], only }) => ({ formula: `=IFERROR(${countSince(at, 30, only)},0)`, format: '#,##0' })), ['recent_media', 'media_insights']],
    ['Average reach per post (30 days)', whenFound(mi, ({ ranges: [at, reach], only }) => (
      { formula: `=IFERROR(${averageSince(reach, at, 30, only)},"no posts in 30 days")`, format: '#,##0' })), ['media_insights']],
    ['Engagement rate per post (30 days)', typeof ui === 'string' && typeof mi !== 'string' ? ui : whenFound(mi, ({ ranges: [at, , interactions], only }) => (
      { formula: `=IFERROR(${averageSince(interactions, at, 30, only)}/${followersCell},"")`, format: '0.00%' })), missing([['user_information', ui], ['media_insights', mi]])],
  ];
  headlines.forEach(([label, made, reports], i) => canvas.within(figurePart(label), () => {
    const row = HEADLINE_ROW + i;
    canvas.text(row, 1, label);
    if (typeof made === 'string') {
      canvas.text(row, 2, made);
      canvas.wait(figurePart(label), reports);
    } else canvas.formula(row, 2, made.formula, made.format);
  }));
  // Week over week: the week's figure, and its change from the week before in the next column.
  canvas.text(HEADLINE_ROW + headlines.length, 3, WEEK_CHANGE);
  weekly.forEach(([label, [now, change], reports], i) => canvas.within(figurePart(label), () => {
    const row = HEADLINE_ROW + headlines.length + 1 + i;
    canvas.text(row, 1, label);
    if (typeof now === 'string') {
      canvas.text(row, 2, now);
      canvas.wait(figurePart(label), reports);
      return;
    }
    canvas.formula(row, 2, now.formula, now.format);
    if (typeof change !== 'string') canvas.formula(row, 3, change.formula, change.format);
  }));
  // Labels whole; a note in the value column runs on into the empty columns beside it.
  canvas.fit(1, [...headlines, ...weekly].map(([label]) => label));
  canvas.fit(3, [WEEK_CHANGE]);
  canvas.fit(2, [WIDEST_FIGURE]);

  // Charts, each over a chart-data block of the account's rows.
  const chart = (key: string, title: string, type: ChartKind, source: Need, block: (f: Found) => Block, options: Record<string, string | number | boolean> = {}) => {
    const found = need(source);
    canvas.chart(key, title, type, typeof found === 'string' ? found : () => [canvas.block(block(found))], options, [source.report]);
  };
  /** Rows of the account, oldest first, with blank dates left out; the first column is the day. */
  const series = (title: string, headers: string[]) => ({ ranges, only }: Found): Block => ({
    title, headers, grows: true, formulas: [`=IFERROR(SORT(${filter(ranges, [`${ranges[0]}<>""`, ...only])},1,TRUE),"")`], dates: { 0: 'date' },
  });

  chart('followers', 'Followers over time', 'LINE', { report: 'user_information', headers: ['Run date', 'Followers'], minRows: 2, minRowsWhy: TWO_DAYS },
    series('followers', ['Run date', 'Followers']));
  const views = columnOf(input.tabs.find((t) => t.reportId === 'account_insights'), 'Views') > 0;
  const reachHeaders = ['Date', 'Reach', ...(views ? ['Views'] : [])];
  chart('reach', views ? 'Daily reach and views' : 'Daily reach', 'LINE', { report: 'account_insights', headers: reachHeaders, minRows: 2, minRowsWhy: TWO_DAYS },
    series('reach and views', reachHeaders));
  chart('engagement', 'Average interactions by type', 'COLUMN', { report: 'media_insights', headers: ['Media type', 'Product type', 'Total interactions'], minRows: 1 },
    ({ ranges: [type, product, interactions], only }) => {
      const avg = (conditions: string[]) => `IFERROR(AVERAGE(${filter([interactions], [...conditions, ...only])}),0)`;
      return {
        title: 'interactions by type', headers: ['Type', 'Average interactions'],
        formulas: [`={"Image",${avg([`${type}="IMAGE"`, `${product}="FEED"`])};"Video",${avg([`${type}="VIDEO"`, `${product}="FEED"`])};"Carousel",${avg([`${type}="CAROUSEL_ALBUM"`])};"Reel",${avg([`${product}="REELS"`])}}`],
      };
    });
  chart('top_posts', 'Top 10 posts of the last 30 days', 'TABLE', { report: 'media_insights', headers: ['Posted at', 'Permalink', 'Total interactions'], minRows: 1 },
    ({ ranges: [at, link, interactions], only }) => ({
      title: 'top posts', headers: ['Permalink', 'Posted at', 'Total interactions'], dates: { 1: 'datetime' },
      formulas: [`=IFERROR(SORTN(${filter([link, at, interactions], [`${at}>=TODAY()-30`, `${interactions}<>""`, ...only])},10,0,3,FALSE),"No posts in the last 30 days")`],
    }), { sortColumn: 2, sortAscending: false });
  // How posts grow: the median views of recent posts day by day after posting, and the latest post's.
  chart('post_growth', 'Post growth: views by days since posting', 'LINE', { report: 'media_insights', growth: true, headers: ['Posted at', 'Days since posting', 'Views'], minRows: 1 },
    ({ ranges: [posted, days, views], only }) => ({
      title: 'post growth', headers: ['Days since posting', 'Median of posts of the last 90 days', 'Latest post'],
      formulas: {
        rows: () => Array.from({ length: GROWTH_DAYS + 1 }, (_, d) => [d,
          `=IFERROR(MEDIAN(${filter([views], [`${days}=${d}`, `${posted}>=TODAY()-90`, ...only])}),"")`,
          `=IFERROR(INDEX(${filter([views], [`${days}=${d}`, `${posted}=MAX(${filter([posted], [`${posted}<>""`, ...only])})`, ...only])},1),"")`]),
      },
    }));
  /** The account's latest snapshot: rows whose date is the newest of its own rows. */
  const newest = (dates: string, only: string[]) => `${dates}=MAX(${only.length ? filter([dates], only) : dates})`;
  const demographic = (key: string, title: string, breakdown: string, type: ChartKind, label: string) =>
    chart(key, title, type, { report: 'audience_demographics', headers: ['Run date', 'Audience', 'Breakdown', 'Value', 'Accounts'], minRows: 1 },
      ({ ranges: [date, audience, kind, value, accounts], only }) => ({
        title: title.toLowerCase(), headers: [label, 'Followers'],
        formulas: [`=IFERROR(SORT(${filter([value, accounts], [newest(date, only), `${audience}="Followers"`, `${kind}="${breakdown}"`, ...only])},1,TRUE),"")`],
      }));
  demographic('age', 'Followers by age', 'age', 'COLUMN', 'Age');
  demographic('gender', 'Followers by gender', 'gender', 'COLUMN', 'Gender');
  demographic('country', 'Followers by country', 'country', 'GEO', 'Country');
  chart('online', 'Followers online by hour (Pacific time)', 'COLUMN', { report: 'online_followers', headers: ['Date', 'Hour (Pacific)', 'Followers online'], minRows: 1 },
    ({ ranges: [date, hour, online], only }) => ({
      title: 'online followers', headers: ['Hour', 'Followers online'],
      formulas: [`=IFERROR(SORT(${filter([hour, online], [newest(date, only), ...only])},1,TRUE),"")`],
    }));
  return canvas.plan;
}
