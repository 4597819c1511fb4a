// One account's dashboard plan: formulas over the tabs' columns found by header (wherever a person moved
// them), every one of them keeping only the account's rows by its Account ID (as text), charts over
// chart-data blocks on the dashboard's own tab, and a note where data is missing or cannot be told apart.
import { describe, expect, it } from 'vitest';
import { figurePart, planDashboard, type DashboardPlan, type SourceTab } from '../../../src/core/dashboard/layout';
import { dateFormatsFor, textWidth } from '../../../src/core/tabs/look';

const SUNNY = '17841400000000001';
const ONLY_SUNNY = (letter: string, sheet: string) => `'${sheet.replace(/'/g, "''")}'!${letter}2:${letter}&""="${SUNNY}"`;

const ui = (change: Partial<SourceTab> = {}): SourceTab => ({
  reportId: 'user_information', sheet: "User's Information", header: ['Run date', 'Account', 'Account ID', 'Followers'], rows: 12, shared: true, ...change,
});
const ai = (): SourceTab => ({ reportId: 'account_insights', sheet: 'Account Insights', header: ['Account', 'Account ID', 'Date', 'Provisional', 'Reach', 'Views'], rows: 30, shared: true });
const mi = (): SourceTab => ({
  reportId: 'media_insights', sheet: 'Media Insights', rows: 300,
  header: ['Account', 'Account ID', 'Media ID', 'Posted at', 'Media type', 'Product type', 'Permalink', 'Reach', 'Total interactions', 'Views'],
});
const growth = (): SourceTab => ({
  reportId: 'media_insights', growth: true, sheet: 'Post Growth', rows: 120, shared: true,
  header: ['Run date', 'Account', 'Account ID', 'Media ID', 'Posted at', 'Days since posting', 'Views', 'Reach'],
});
const demographics = (): SourceTab => ({ reportId: 'audience_demographics', sheet: 'Audience', header: ['Run date', 'Account', 'Account ID', 'Audience', 'Breakdown', 'Value', 'Accounts'], rows: 90 });
const online = (): SourceTab => ({ reportId: 'online_followers', sheet: 'Online', header: ['Account', 'Account ID', 'Date', 'Hour (Pacific)', 'Followers online'], rows: 24 });

const plan = (tabs: SourceTab[]) => planDashboard({ accountId: SUNNY, username: 'sunny.creates', tabs });
const formulas = (p: DashboardPlan) => p.cells.filter((c) => c.formula).map((c) => c.formula!);

describe('planDashboard', () => {
  it('writes headline formulas over the right columns, keeping only the account\'s rows', () => {
    const p = plan([ui(), mi()]);
    const [followers, week] = formulas(p);
    const [d, f] = ["'User''s Information'!A2:A", "'User''s Information'!D2:D"];
    expect(followers).toBe(`=IFERROR(INDEX(SORT(FILTER({${d},${f}},${d}<>"",${ONLY_SUNNY('C', "User's Information")}),1,FALSE),1,2),"")`);
    // The open-ended range's blank rows must not count as a date long ago.
    expect(week).toBe(`=IFERROR(B4-INDEX(SORT(FILTER({${d},${f}},${d}<>"",${d}<=TODAY()-7,${ONLY_SUNNY('C', "User's Information")}),1,FALSE),1,2),"not enough history yet")`);
    expect(formulas(p).join('\n')).toContain(`AVERAGE(FILTER('Media Insights'!H2:H,'Media Insights'!D2:D>=TODAY()-30,${ONLY_SUNNY('B', 'Media Insights')}))`);
    expect(p.cells.find((c) => c.value === 'Followers now')).toMatchObject({ row: 4, column: 1 });
  });

  it('filters every formula that reads a report tab by the account, and draws charts only from blocks on its own tab', () => {
    const tabs = [ui(), ai(), mi(), demographics(), online()];
    const p = plan(tabs);
    const reading = formulas(p).filter((f) => f.includes("'!"));
    expect(reading.length).toBeGreaterThanOrEqual(13);
    for (const f of reading) {
      for (const tab of tabs) {
        if (!f.includes(`'${tab.sheet.replace(/'/g, "''")}'!`)) continue;
        const letter = String.fromCharCode(64 + tab.header.indexOf('Account ID') + 1);
        expect(f, f).toContain(ONLY_SUNNY(letter, tab.sheet));
      }
    }
    // No chart reads a report tab: another account's rows could reach it.
    expect(p.charts).toHaveLength(8);
    for (const c of p.charts) for (const r of c.ranges) expect(r, c.key).toMatch(/^[A-Z]+2:[A-Z]+(\d+)?$/);
    // The latest demographic snapshot is the account's own latest, not another account's.
    expect(formulas(p).join('\n')).toContain(`'Audience'!A2:A=MAX(FILTER('Audience'!A2:A,${ONLY_SUNNY('C', 'Audience')}))`);
  });

  it('charts followers and reach from growing blocks of the account\'s rows, oldest first', () => {
    const p = plan([ui(), ai()]);
    const byKey = Object.fromEntries(p.charts.map((c) => [c.key, c]));
    expect(byKey.followers).toMatchObject({ type: 'LINE', ranges: ['O2:P'] });
    expect(byKey.reach).toMatchObject({ title: 'Daily reach and views', ranges: ['R2:T'] });
    expect(p.cells.filter((c) => c.row === 2 && c.column >= 15).map((c) => c.value)).toEqual(['Run date', 'Followers', 'Date', 'Reach', 'Views']);
    const followers = p.cells.find((c) => c.row === 3 && c.column === 15)!.formula;
    const [d, f] = ["'User''s Information'!A2:A", "'User''s Information'!D2:D"];
    expect(followers).toBe(`=IFERROR(SORT(FILTER({${d},${f}},${d}<>"",${ONLY_SUNNY('C', "User's Information")}),1,TRUE),"")`);
  });

  it('follows a column a person moved', () => {
    const p = plan([ui({ header: ['Followers', 'Account ID', 'Run date'] })]);
    expect(formulas(p)[0]).toBe(`=IFERROR(INDEX(SORT(FILTER({'User''s Information'!C2:C,'User''s Information'!A2:A},'User''s Information'!C2:C<>"",${ONLY_SUNNY('B', "User's Information")}),1,FALSE),1,2),"")`);
  });

  it('reads every row of an old tab without Account ID only while no other account writes there', () => {
    const old = ui({ header: ['Run date', 'Followers'] });
    const alone = plan([{ ...old, shared: false }]);
    expect(formulas(alone)[0]).toBe(`=IFERROR(INDEX(SORT(FILTER({'User''s Information'!A2:A,'User''s Information'!B2:B},'User''s Information'!A2:A<>""),1,FALSE),1,2),"")`);
    expect(alone.charts.map((c) => c.key)).toEqual(['followers']);

    const shared = plan([old]);
    expect(formulas(shared).filter((f) => f.includes("User''s Information"))).toEqual([]);
    expect(shared.charts).toEqual([]);
    const note = shared.notes.find((n) => n.key === 'followers')!.text;
    expect(note).toBe('Followers over time: The User\'s Information tab "User\'s Information" holds rows of several accounts but has no Account ID column yet: run the User\'s Information report for @sunny.creates once (Run now in the sidebar), then rebuild the dashboard.');
    expect(shared.cells.find((c) => c.row === 4 && c.column === 2)!.value).toMatch(/no Account ID column yet/);
  });

  it('quotes the account id as a string literal', () => {
    const p = planDashboard({ accountId: '12"3', username: 'x', tabs: [ui()] });
    expect(formulas(p)[0]).toContain(`'User''s Information'!C2:C&""="12""3"`);
  });

  it('leaves a short note in place of a chart whose report is missing or too young', () => {
    const p = plan([ui({ rows: 1 })]);
    const notes = Object.fromEntries(p.notes.map((n) => [n.key, n.text]));
    expect(notes.followers).toMatch(/needs at least 2 days of history/);
    expect(notes.reach).toBe('Daily reach: Add the Account Insights report for @sunny.creates in the sidebar to see this.');
    expect(notes.country).toMatch(/Audience Demographics/);
    expect(p.charts).toEqual([]);
    // The note is written where the chart would be.
    expect(p.cells.some((c) => typeof c.value === 'string' && c.value.startsWith('Followers over time: needs'))).toBe(true);
  });
});

describe('how the dashboard reads', () => {
  const all = () => [ui(), ai(), mi(), growth(), demographics(), online()];

  it('sizes the label column for every label and the figure column for the widest figure, with thousands separators', () => {
    const p = plan(all());
    const width = (column: number) => p.widths.find((w) => w.column === column)?.width ?? 100;
    const labels = p.cells.filter((c) => c.column === 1 && c.row >= 4 && c.row <= 9).map((c) => String(c.value));
    expect(labels).toContain('Engagement rate per post (30 days)');
    for (const label of labels) expect(width(1), label).toBeGreaterThanOrEqual(textWidth(label));
    expect(width(2)).toBeGreaterThanOrEqual(textWidth('+12,345,678'));
    const figures = p.cells.filter((c) => c.column === 2 && c.formula);
    expect(figures.map((c) => c.format)).toEqual(['#,##0', '+#,##0;-#,##0;0', '+#,##0;-#,##0;0', '#,##0', '#,##0', '0.00%', '#,##0', '#,##0', '#,##0']);
  });

  it('starts the second chart of a row right of the first, past the wide label column', () => {
    const p = plan(all());
    const width = (column: number) => p.widths.find((w) => w.column === column)?.width ?? 100;
    const right = p.charts.filter((c) => c.column > 1);
    expect(right).toHaveLength(4);
    const left = Array.from({ length: right[0].column - 1 }, (_, i) => width(i + 1)).reduce((a, b) => a + b, 0);
    expect(left).toBeGreaterThanOrEqual(600);
    expect(left - width(right[0].column - 1)).toBeLessThan(600);
    for (const c of right) expect(c.column).toBe(right[0].column);
  });

  it('formats the dates of chart-data blocks as the spreadsheet\'s date and date-time', () => {
    const p = planDashboard({ accountId: SUNNY, username: 'sunny.creates', tabs: all(), dates: dateFormatsFor('en_US') });
    const formats = Object.fromEntries(p.columnFormats.map((f) => [f.part, f]));
    expect(formats.followers).toMatchObject({ column: 15, row: 3, format: 'M/d/yyyy' });
    expect(formats.reach).toMatchObject({ column: 18, format: 'M/d/yyyy' });
    expect(formats.top_posts.format).toBe('M/d/yyyy H:mm:ss');
    const top = p.cells.filter((c) => c.part === 'top_posts' && c.row === 2).map((c) => [c.column, c.value]);
    expect(top).toContainEqual([formats.top_posts.column, 'Posted at']);
  });

  it('says what each waiting part waits for, and tags every cell with its part', () => {
    const p = plan([ui({ rows: 1 })]);
    const waiting = Object.fromEntries(p.waiting.map((w) => [w.part, w.reports]));
    expect(waiting.followers).toEqual(['user_information']);
    expect(waiting.reach).toEqual(['account_insights']);
    expect(waiting[figurePart('Posts in the last 30 days')]).toEqual(['recent_media', 'media_insights']);
    // The engagement rate has its followers: it waits for Media Insights only.
    expect(waiting[figurePart('Engagement rate per post (30 days)')]).toEqual(['media_insights']);
    expect(waiting[figurePart('Followers now')]).toBeUndefined();
    // 9 charts, 3 figures, 3 figures of the week.
    expect(p.waiting).toHaveLength(9 + 3 + 3);
    for (const w of p.waiting) expect(p.cells.filter((c) => c.part === w.part).length, w.part).toBeGreaterThan(0);
    // A drawn chart's block cells carry its key.
    const drawn = plan(all());
    for (const chart of drawn.charts) {
      const cells = drawn.cells.filter((c) => c.part === chart.key);
      expect(cells.some((c) => String(c.value).startsWith('Chart data: ')), chart.key).toBe(true);
      expect(cells.filter((c) => c.formula).length, chart.key).toBeGreaterThan(0);
    }
    expect(drawn.waiting).toEqual([]);
  });

  it('compares the last 7 days with the 7 before, from the posts\' own columns', () => {
    const p = plan(all());
    const row = (label: string) => p.cells.find((c) => c.value === label)!.row;
    const at = (r: number, column: number) => p.cells.find((c) => c.row === r && c.column === column)!;
    const views = row('Views of posts of the last 7 days');
    const [d, v] = ["'Media Insights'!D2:D", "'Media Insights'!J2:J"];
    const only = ONLY_SUNNY('B', 'Media Insights');
    const now = `IFERROR(SUM(FILTER(${v},${d}>=TODAY()-6,${only})),0)`;
    const before = `IFERROR(SUM(FILTER(${v},${d}>=TODAY()-13,${d}<TODAY()-6,${only})),0)`;
    expect(at(views, 2).formula).toBe(`=${now}`);
    expect(at(views, 3)).toMatchObject({ formula: `=IFERROR(${now}/${before}-1,"")`, format: '+0%;-0%;0%' });
    expect(at(row('Posts in the last 7 days'), 2).formula).toBe(`=IFERROR(ROWS(FILTER(${d},${d}>=TODAY()-6,${only})),0)`);
    expect(at(views - 2, 3).value).toBe('vs the 7 days before');
  });

  it('draws how posts grow: the median of recent posts and the latest post, day by day, from Post Growth', () => {
    const p = plan(all());
    const chart = p.charts.find((c) => c.key === 'post_growth')!;
    expect(chart.type).toBe('LINE');
    const block = p.cells.filter((c) => c.part === 'post_growth');
    // A block of its own: a header and the days 0 to 30, below it.
    expect(chart.ranges).toEqual(['AC2:AE33']);
    expect(block.filter((c) => c.column === 29 && c.row >= 3).map((c) => c.value)).toEqual(Array.from({ length: 31 }, (_, d) => d));
    const [days, views, posted] = ["'Post Growth'!F2:F", "'Post Growth'!G2:G", "'Post Growth'!E2:E"];
    const only = ONLY_SUNNY('C', 'Post Growth');
    const day7 = block.filter((c) => c.row === 10);
    expect(day7.map((c) => c.value ?? c.formula)).toEqual([7,
      `=IFERROR(MEDIAN(FILTER(${views},${days}=7,${posted}>=TODAY()-90,${only})),"")`,
      `=IFERROR(INDEX(FILTER(${views},${days}=7,${posted}=MAX(FILTER(${posted},${posted}<>"",${only})),${only}),1),"")`]);
    // Without Post Growth yet, it says when it comes.
    const waiting = plan([ui(), mi()]);
    expect(waiting.notes.find((n) => n.key === 'post_growth')?.text).toMatch(/after the next complete Media Insights run/);
    expect(waiting.waiting.find((w) => w.part === 'post_growth')?.reports).toEqual(['media_insights']);
  });

  it('places only the asked parts\' blocks, right of the blocks already on the tab', () => {
    const p = planDashboard({ accountId: SUNNY, username: 'sunny.creates', tabs: all(), firstBlockColumn: 40, only: new Set(['reach']) });
    const reach = p.charts.find((c) => c.key === 'reach')!;
    expect(reach.ranges).toEqual(['AN2:AP']);
    expect(p.nextBlockColumn).toBe(44);
    expect(p.cells.filter((c) => c.part === 'reach' && c.row === 2).map((c) => c.column)).toEqual([40, 41, 42]);
  });
});
