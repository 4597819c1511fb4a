// The dashboard, as data: headline figures written as formulas over the report tabs, small chart-data
// blocks (FILTER/SORTN formulas that follow new rows), and the charts over whole columns or blocks.
// Where a report is missing or has too little history, a short note takes the chart's place.
import type { ReportId } from '../reports/types';
import { cell, columnLetter, dataColumn, wholeColumn } from './a1';

export interface SourceTab {
  reportId: ReportId;
  sheet: string;
  header: string[];
  /** Data rows below the header. */
  rows: number;
}

export interface DashboardInput {
  username: string;
  /** The account's report tabs, one per report (the most recent configuration's). */
  tabs: SourceTab[];
}

export type ChartKind = 'LINE' | 'COLUMN' | 'BAR' | 'TABLE' | 'GEO' | 'PIE';

export interface PlannedCell {
  row: number;
  column: number;
  value?: string | number;
  formula?: string;
  /** A number format, e.g. '0.00%'. */
  format?: string;
}

export interface PlannedChart {
  key: string;
  title: string;
  type: ChartKind;
  /** A1 ranges with sheet names; the first row of each is its header. */
  ranges: string[];
  row: number;
  column: number;
  options: Record<string, string | number | boolean>;
}

export interface DashboardPlan {
  cells: PlannedCell[];
  charts: PlannedChart[];
  /** Charts left out, and why, in the words written in their place. */
  notes: { key: string; text: string }[];
}

const HEADLINE_ROW = 4;
const CHART_ROWS = 20;
const FIRST_CHART_ROW = 12;
const CHART_COLUMNS = [1, 7];
/** Chart-data blocks start here, two or three columns each, out of the way of the charts. */
const FIRST_BLOCK_COLUMN = 15;
const BLOCK_HEADER_ROW = 2;
/** Meta gives the top 45 values of a demographic breakdown. */
const BLOCK_ROWS = 46;

/** The column (1-based) of a header in a tab, or 0. */
function col(tab: SourceTab | undefined, header: string): number {
  return tab ? tab.header.findIndex((h) => h.trim().toLowerCase() === header.toLowerCase()) + 1 : 0;
}

function columnsOf(tab: SourceTab, headers: string[]): number[] | null {
  const found = headers.map((h) => col(tab, h));
  return found.every((c) => c > 0) ? found : null;
}

const REPORT_TITLES: Partial<Record<ReportId, string>> = {
  user_information: "User's Information", account_insights: 'Account Insights', media_insights: 'Media Insights',
  recent_media: "User's Recent Media", audience_demographics: 'Audience Demographics', online_followers: 'Online Followers',
};

interface Need {
  report: ReportId;
  headers: string[];
  /** Data rows needed before the chart says anything. */
  minRows: number;
  minRowsWhy?: string;
}

export function planDashboard(input: DashboardInput): DashboardPlan {
  const plan: DashboardPlan = { cells: [], charts: [], notes: [] };
  const tab = (id: ReportId) => input.tabs.find((t) => t.reportId === id);
  const text = (row: number, column: number, value: string) => plan.cells.push({ row, column, value });
  const formula = (row: number, column: number, f: string, format?: string) => plan.cells.push({ row, column, formula: f, ...(format ? { format } : {}) });

  text(1, 1, `Instagram dashboard: @${input.username}`);
  text(2, 1, 'Made by Sheetgram from the report tabs; figures and charts follow new rows. Rebuild it from the sidebar; what you add outside Sheetgram\'s cells stays.');

  /** The columns a part needs, or a note saying what is missing. */
  const need = (n: Need): { tab: SourceTab; columns: number[] } | string => {
    const t = tab(n.report);
    const title = REPORT_TITLES[n.report] ?? n.report;
    if (!t) return `Add the ${title} report for @${input.username} in the sidebar to see this.`;
    const columns = columnsOf(t, n.headers);
    if (!columns) return `The ${title} tab needs the columns ${n.headers.join(', ')}: tick them in the report's fields.`;
    if (t.rows < n.minRows) return n.minRowsWhy ?? `Needs at least ${n.minRows} rows in ${title}; check back after the next runs.`;
    return { tab: t, columns };
  };

  // Headline figures.
  const headlines: [string, () => string | { formula: string; format?: string }][] = [];
  const ui = need({ report: 'user_information', headers: ['Run date', 'Followers'], minRows: 1 });
  const latestFollowers = typeof ui === 'string' ? null : `INDEX(SORT(FILTER({${dataColumn(ui.tab.sheet, ui.columns[0])},${dataColumn(ui.tab.sheet, ui.columns[1])}},${dataColumn(ui.tab.sheet, ui.columns[0])}<>""),1,FALSE),1,2)`;
  const followersAt = (days: number) => {
    if (typeof ui === 'string') return '';
    const [d, f] = [dataColumn(ui.tab.sheet, ui.columns[0]), dataColumn(ui.tab.sheet, ui.columns[1])];
    // Whole-column ranges run past the last row: blank dates would count as day 0 and match.
    return `INDEX(SORT(FILTER({${d},${f}},${d}<>"",${d}<=TODAY()-${days}),1,FALSE),1,2)`;
  };
  const followersCell = cell(HEADLINE_ROW, 2);
  headlines.push(['Followers now', () => (latestFollowers ? { formula: `=IFERROR(${latestFollowers},"")`, format: '#,##0' } : (ui as string))]);
  for (const days of [7, 30]) {
    headlines.push([`Change in ${days} days`, () => (latestFollowers
      ? { formula: `=IFERROR(${followersCell}-${followersAt(days)},"not enough history yet")`, format: '+#,##0;-#,##0;0' } : (ui as string))]);
  }
  const mi = need({ report: 'media_insights', headers: ['Posted at', 'Reach', 'Total interactions'], minRows: 1 });
  const rm = need({ report: 'recent_media', headers: ['Posted at'], minRows: 1 });
  const posts = typeof rm !== 'string' ? rm : mi;
  headlines.push(['Posts in the last 30 days', () => (typeof posts === 'string' ? posts
    : { formula: `=COUNTIFS(${dataColumn(posts.tab.sheet, posts.columns[0])},">="&(TODAY()-30))`, format: '0' })]);
  headlines.push(['Average reach per post (30 days)', () => (typeof mi === 'string' ? mi
    : { formula: `=IFERROR(AVERAGEIFS(${dataColumn(mi.tab.sheet, mi.columns[1])},${dataColumn(mi.tab.sheet, mi.columns[0])},">="&(TODAY()-30)),"no posts in 30 days")`, format: '#,##0' })]);
  headlines.push(['Engagement rate per post (30 days)', () => (typeof mi === 'string' ? mi : !latestFollowers ? (ui as string)
    : { formula: `=IFERROR(AVERAGEIFS(${dataColumn(mi.tab.sheet, mi.columns[2])},${dataColumn(mi.tab.sheet, mi.columns[0])},">="&(TODAY()-30))/${followersCell},"")`, format: '0.00%' })]);
  headlines.forEach(([label, make], i) => {
    const row = HEADLINE_ROW + i;
    text(row, 1, label);
    const made = make();
    if (typeof made === 'string') text(row, 2, made);
    else formula(row, 2, made.formula, made.format);
  });

  // Charts, each over whole columns of a tab or over a chart-data block on this tab.
  let slot = 0;
  const place = () => {
    const at = { row: FIRST_CHART_ROW + Math.floor(slot / CHART_COLUMNS.length) * CHART_ROWS, column: CHART_COLUMNS[slot % CHART_COLUMNS.length] };
    slot++;
    return at;
  };
  let blockColumn = FIRST_BLOCK_COLUMN;
  /** Writes a chart-data block (a header row and one spilling formula) and returns its A1 range. */
  const block = (title: string, headers: string[], spill: string): string => {
    const first = blockColumn;
    text(1, first, `Chart data: ${title}`);
    headers.forEach((h, i) => text(BLOCK_HEADER_ROW, first + i, h));
    formula(BLOCK_HEADER_ROW + 1, first, spill);
    blockColumn += headers.length + 1;
    return `${cell(BLOCK_HEADER_ROW, first)}:${columnLetter(first + headers.length - 1)}${BLOCK_HEADER_ROW + BLOCK_ROWS}`;
  };
  const chart = (key: string, title: string, type: ChartKind, source: Need, ranges: (t: SourceTab, c: number[]) => string[], options: PlannedChart['options'] = {}) => {
    const at = place();
    const found = need(source);
    if (typeof found === 'string') {
      plan.notes.push({ key, text: `${title}: ${found}` });
      text(at.row, at.column, `${title}: ${found}`);
      return;
    }
    plan.charts.push({ key, title, type, ranges: ranges(found.tab, found.columns), row: at.row, column: at.column, options: { title, legend: 'bottom', ...options } });
  };
  const twoDays = 'needs at least 2 days of history; check back after tomorrow\'s run.';

  chart('followers', 'Followers over time', 'LINE', { report: 'user_information', headers: ['Run date', 'Followers'], minRows: 2, minRowsWhy: twoDays },
    (t, [d, f]) => [wholeColumn(t.sheet, d), wholeColumn(t.sheet, f)]);
  const ai = tab('account_insights');
  const views = col(ai, 'Views');
  chart('reach', views ? 'Daily reach and views' : 'Daily reach', 'LINE', { report: 'account_insights', headers: ['Date', 'Reach'], minRows: 2, minRowsWhy: twoDays },
    (t, [d, r]) => [wholeColumn(t.sheet, d), wholeColumn(t.sheet, r), ...(views ? [wholeColumn(t.sheet, views)] : [])]);
  chart('engagement', 'Average interactions by type', 'COLUMN', { report: 'media_insights', headers: ['Media type', 'Product type', 'Total interactions'], minRows: 1 }, (t, [m, p, ti]) => {
    const [mt, pt, it] = [dataColumn(t.sheet, m), dataColumn(t.sheet, p), dataColumn(t.sheet, ti)];
    const avg = (criteria: string) => `IFERROR(AVERAGEIFS(${it},${criteria}),0)`;
    return [block('interactions by type', ['Type', 'Average interactions'],
      `={"Image",${avg(`${mt},"IMAGE",${pt},"FEED"`)};"Video",${avg(`${mt},"VIDEO",${pt},"FEED"`)};"Carousel",${avg(`${mt},"CAROUSEL_ALBUM"`)};"Reel",${avg(`${pt},"REELS"`)}}`)];
  });
  chart('top_posts', 'Top 10 posts of the last 30 days', 'TABLE', { report: 'media_insights', headers: ['Posted at', 'Permalink', 'Total interactions'], minRows: 1 }, (t, [at, link, ti]) => {
    const [pa, pl, it] = [dataColumn(t.sheet, at), dataColumn(t.sheet, link), dataColumn(t.sheet, ti)];
    return [block('top posts', ['Permalink', 'Posted at', 'Total interactions'],
      `=IFERROR(SORTN(FILTER({${pl},${pa},${it}},${pa}>=TODAY()-30,${it}<>""),10,0,3,FALSE),"No posts in the last 30 days")`)];
  }, { sortColumn: 2, sortAscending: false });
  const demographic = (key: string, title: string, breakdown: string, type: ChartKind, label: string) =>
    chart(key, title, type, { report: 'audience_demographics', headers: ['Run date', 'Audience', 'Breakdown', 'Value', 'Accounts'], minRows: 1 }, (t, [d, a, b, v, n]) => {
      const [rd, au, br, va, ac] = [dataColumn(t.sheet, d), dataColumn(t.sheet, a), dataColumn(t.sheet, b), dataColumn(t.sheet, v), dataColumn(t.sheet, n)];
      return [block(title.toLowerCase(), [label, 'Followers'], `=IFERROR(SORT(FILTER({${va},${ac}},${rd}=MAX(${rd}),${au}="Followers",${br}="${breakdown}"),1,TRUE),"")`)];
    });
  demographic('age', 'Followers by age', 'age', 'COLUMN', 'Age');
  demographic('gender', 'Followers by gender', 'gender', 'COLUMN', 'Gender');
  demographic('country', 'Followers by country', 'country', 'GEO', 'Country');
  chart('online', 'Followers online by hour (Pacific time)', 'COLUMN', { report: 'online_followers', headers: ['Date', 'Hour (Pacific)', 'Followers online'], minRows: 1 }, (t, [d, h, f]) => {
    const [dt, hr, fo] = [dataColumn(t.sheet, d), dataColumn(t.sheet, h), dataColumn(t.sheet, f)];
    return [block('online followers', ['Hour', 'Followers online'], `=IFERROR(SORT(FILTER({${hr},${fo}},${dt}=MAX(${dt})),1,TRUE),"")`)];
  });
  return plan;
}

