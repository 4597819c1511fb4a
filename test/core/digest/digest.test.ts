// The Weekly Digest grid (digestRows) from the report tabs, and how writeDigest puts it into its tab:
// Sheetgram's columns A to H whole, rows of a longer earlier digest emptied, the person's columns kept,
// text escaped so a caption never becomes a formula.
import { beforeEach, describe, expect, it } from 'vitest';
import { digestMonday, digestRows, NO_BOTTOM, NO_TOP, writeDigest } from '../../../src/core/digest/digest';
import { DIGEST_TAB, DIGEST_WIDTH } from '../../../src/core/digest/names';
import type { Cell, FunctionSources, Table } from '../../../src/core/functions/tables';
import type { ReportConfiguration } from '../../../src/core/reports/types';
import { BAKERY, SUNNY, configOf, dateOf, headersOf } from '../bigquery/sheet';
import { MemoryTabs } from '../tabs/memory-tab';

const TZ = 'Europe/Berlin';
/** Monday 2 March 2026, 10:00 in Berlin: this week is 23 Feb – 1 Mar, last week 16 – 22 Feb. */
const MONDAY = Date.parse('2026-03-02T09:00:00Z');
const BUILT = '2026-03-02 10:00 (Europe/Berlin)';
const MEDIA = 'Media Insights';
const INFO = "User's Information";
const MEDIA_HEADERS = headersOf('media_insights', 'append');
const INFO_HEADERS = headersOf('user_information', 'append');

type Row = (string | number | Date | '')[];

function tableOf(header: string[], rows: Record<string, Cell>[]): Table {
  return { header, rows: rows.map((r) => header.map((h) => (h in r ? r[h] : ''))) };
}

function sourcesOf(configs: ReportConfiguration[], tables: Record<string, Table>, extra: Partial<FunctionSources> = {}): FunctionSources {
  return {
    configurations: () => configs,
    ownerAccounts: () => [],
    table: (c) => tables[c.tab.name] ?? null,
    now: () => MONDAY,
    timeZone: () => TZ,
    ...extra,
  };
}

const at = (iso: string) => new Date(iso);
const link = (id: string) => `https://www.instagram.com/p/${id}/`;

/** A Media Insights row of an account: run date, post and figures. */
function media(account: { id: string; username: string }, run: string, id: string, posted: Date | '', figures: Record<string, Cell> = {}): Record<string, Cell> {
  return {
    'Run date': dateOf(run), Account: account.username, 'Account ID': account.id, 'Media ID': id, 'Posted at': posted,
    'Media type': 'IMAGE', Caption: `Caption of ${id}`, Permalink: link(id), Label: '', ...figures,
  };
}
const info = (account: { id: string; username: string }, run: string, followers: number): Record<string, Cell> => (
  { 'Run date': dateOf(run), Account: account.username, 'Account ID': account.id, Username: account.username, Followers: followers });

const pad = (...cells: Row): Row => [...cells, ...Array<''>(DIGEST_WIDTH - cells.length).fill('')];
const BLANK = pad();

/** Rows of a section: after the row whose column A is `title` and its header row, up to the next blank row. */
function section(rows: Row[], title: string): Row[] {
  const start = rows.findIndex((r) => r[0] === title);
  expect(start, `section "${title}"`).toBeGreaterThanOrEqual(0);
  const end = rows.findIndex((r, i) => i > start + 1 && r.every((c) => c === ''));
  return rows.slice(start + 2, end < 0 ? rows.length : end);
}
const TOP = 'Top 5 posts of this week, by views';
const BOTTOM = 'Bottom 5 posts of this week, by views (beyond the top 5)';
const LABELS = 'Labelled and unlabelled posts of this week';

describe('digestRows: two accounts sharing one Media Insights tab and one User\'s Information tab', () => {
  const S1 = at('2026-02-23T10:00:00Z');
  const S2 = at('2026-02-25T12:00:00Z');
  const S3 = at('2026-02-28T18:00:00Z');
  const B1 = at('2026-02-24T09:00:00Z');
  const B2 = at('2026-02-26T09:00:00Z');
  const B3 = at('2026-02-27T09:00:00Z');
  const B4 = at('2026-02-28T09:00:00Z');

  const mediaRows = [
    // sunny's first post, on three run dates (newest in the middle): its 1 March row counts.
    media(SUNNY, '2026-02-24', 'S1', S1, { Views: 40, Reach: 30, 'Total interactions': 4 }),
    media(BAKERY, '2026-03-01', 'B2', B2, { Views: 700, Reach: 500, 'Total interactions': 60, Label: 'Cake', 'Media type': 'REELS' }),
    media(SUNNY, '2026-03-01', 'S1', S1, { Views: 100, Reach: 80, 'Total interactions': 10, Label: 'Promo' }),
    media(SUNNY, '2026-02-26', 'S1', S1, { Views: 90, Reach: 70, 'Total interactions': 9, Label: 'Promo' }),
    // bakery's B2 also on an older run date, after its newer row.
    media(BAKERY, '2026-02-27', 'B2', B2, { Views: 300, Reach: 250, 'Total interactions': 20, Label: 'Cake', 'Media type': 'REELS' }),
    media(SUNNY, '2026-03-01', 'S2', S2, { Views: 300, Reach: 200, 'Total interactions': 25 }),
    media(BAKERY, '2026-03-01', 'B1', B1, { Views: 500, Reach: 400, 'Total interactions': 40, Label: 'Bread' }),
    media(SUNNY, '2026-03-01', 'S3', S3, { Views: 250, Reach: 150, 'Total interactions': 16, Label: 'Promo', 'Media type': 'VIDEO' }),
    media(BAKERY, '2026-03-01', 'B3', B3, { Views: 600, Reach: 450, 'Total interactions': 50 }),
    media(BAKERY, '2026-03-01', 'B4', B4, { Views: 1000, Reach: 650, 'Total interactions': 70, Label: 'Bread' }),
    // 00:30 on Monday 2 March in Berlin (Sunday in UTC): the week now running, in no week of this digest.
    media(SUNNY, '2026-03-02', 'S4', at('2026-03-01T23:30:00Z'), { Views: 999, Reach: 999, 'Total interactions': 99 }),
    // Last week: 23:30 on Sunday 22 February in Berlin (22:30 UTC), and Monday 16 February.
    media(SUNNY, '2026-03-01', 'S0', at('2026-02-22T22:30:00Z'), { Views: 200, Reach: 100, 'Total interactions': 12 }),
    media(SUNNY, '2026-03-01', 'S5', at('2026-02-16T08:00:00Z'), { Views: 100, Reach: 60, 'Total interactions': 8, Label: 'Tips' }),
    // 23:00 on Sunday 15 February in Berlin: two weeks back, in neither week.
    media(SUNNY, '2026-03-01', 'S6', at('2026-02-15T22:00:00Z'), { Views: 5000, Reach: 4000, 'Total interactions': 400 }),
    // No Posted at: not a post.
    media(SUNNY, '2026-03-01', 'S7', '', { Views: 7000, Reach: 7000, 'Total interactions': 700 }),
  ];
  const infoRows = [
    info(SUNNY, '2026-02-16', 1000), info(BAKERY, '2026-02-23', 500), info(SUNNY, '2026-02-20', 1010), info(SUNNY, '2026-02-23', 1020),
    info(SUNNY, '2026-02-27', 1030), info(BAKERY, '2026-03-01', 520), info(SUNNY, '2026-03-02', 1050),
  ];
  const configs = [configOf('media_insights', SUNNY), configOf('media_insights', BAKERY), configOf('user_information', SUNNY), configOf('user_information', BAKERY)];
  const sources = () => sourcesOf(configs, { [MEDIA]: tableOf(MEDIA_HEADERS, mediaRows), [INFO]: tableOf(INFO_HEADERS, infoRows) });

  it('gives each account its own figures, top posts and label lines, worked out by hand', () => {
    // sunny, this week: S1 (100 views, 80 reach, 10 interactions), S2 (300, 200, 25), S3 (250, 150, 16);
    //   followers 1020 on 23 Feb, 1050 on 2 Mar: +30; rate 17 / 1050 = 1.62 %.
    // sunny, last week: S5 (100, 60, 8), S0 (200, 100, 12); followers 1000 on 16 Feb, 1020 on 23 Feb: +20; rate 10 / 1020 = 0.98 %.
    // bakery, this week: B1 (500, 400, 40), B2 (700, 500, 60), B3 (600, 450, 50), B4 (1000, 650, 70);
    //   followers 500 on 23 Feb, 520 as last recorded by 2 Mar (the 1 March row): +20; rate 55 / 520 = 10.58 %.
    // bakery, last week: no posts, no follower count on 16 Feb.
    expect(digestRows(sources(), BUILT)).toEqual([
      pad('Sheetgram weekly digest', 'This week: 2026-02-23 to 2026-03-01', 'Last week: 2026-02-16 to 2026-02-22'),
      pad(`Built ${BUILT} from the report tabs; rebuilt every Monday. Columns right of H are yours.`),
      BLANK,
      pad('Account', 'Figure', 'This week', 'Last week', 'Change', 'Change (%)'),
      pad('@sunny', 'Followers gained', 30, 20, 10, 50),
      pad('@sunny', 'Posts', 3, 2, 1, 50),
      pad('@sunny', 'Views (total)', 650, 300, 350, 116.7),
      pad('@sunny', 'Views (mean per post)', 216.7, 150, 66.7, 44.5),
      pad('@sunny', 'Views (median per post)', 250, 150, 100, 66.7),
      pad('@sunny', 'Views on day 1 (median per post)', '', '', '', ''),
      pad('@sunny', 'Reach (total over posts)', 430, 160, 270, 168.8),
      pad('@sunny', 'Reach (mean per post)', 143.3, 80, 63.3, 79.1),
      pad('@sunny', 'Reach (median per post)', 150, 80, 70, 87.5),
      pad('@sunny', 'Engagement rate (%)', 1.62, 0.98, 0.64, 65.3),
      pad('@bakery', 'Followers gained', 20, '', '', ''),
      pad('@bakery', 'Posts', 4, 0, 4, ''),
      pad('@bakery', 'Views (total)', 2800, '', '', ''),
      pad('@bakery', 'Views (mean per post)', 700, '', '', ''),
      pad('@bakery', 'Views (median per post)', 650, '', '', ''),
      pad('@bakery', 'Views on day 1 (median per post)', '', '', '', ''),
      pad('@bakery', 'Reach (total over posts)', 2000, '', '', ''),
      pad('@bakery', 'Reach (mean per post)', 500, '', '', ''),
      pad('@bakery', 'Reach (median per post)', 475, '', '', ''),
      pad('@bakery', 'Engagement rate (%)', 10.58, '', '', ''),
      BLANK,
      pad(TOP),
      ['Account', 'Posted at', 'Media type', 'Label', 'Views', 'Reach', 'Link', 'Caption'],
      ['@sunny', S2, 'IMAGE', '', 300, 200, link('S2'), 'Caption of S2'],
      ['@sunny', S3, 'VIDEO', 'Promo', 250, 150, link('S3'), 'Caption of S3'],
      ['@sunny', S1, 'IMAGE', 'Promo', 100, 80, link('S1'), 'Caption of S1'],
      ['@bakery', B4, 'IMAGE', 'Bread', 1000, 650, link('B4'), 'Caption of B4'],
      ['@bakery', B2, 'REELS', 'Cake', 700, 500, link('B2'), 'Caption of B2'],
      ['@bakery', B3, 'IMAGE', '', 600, 450, link('B3'), 'Caption of B3'],
      ['@bakery', B1, 'IMAGE', 'Bread', 500, 400, link('B1'), 'Caption of B1'],
      BLANK,
      // Five posts or fewer a week: none beyond the top five, said in a sentence.
      pad(BOTTOM),
      ['Account', 'Posted at', 'Media type', 'Label', 'Views', 'Reach', 'Link', 'Caption'],
      pad(NO_BOTTOM),
      BLANK,
      pad(LABELS),
      pad('Account', 'Label', 'Posts', 'Views (mean per post)', 'Reach (mean per post)', 'Engagement rate (%)'),
      // One label: no "All labelled" line. Promo: S1, S3 (13 interactions a post / 1050); unlabelled: S2 (25 / 1050).
      pad('@sunny', 'Promo', 2, 175, 115, 1.24),
      pad('@sunny', 'Unlabelled', 1, 300, 200, 2.38),
      // Two labels: each, then all labelled (B1, B2, B4: 733.3 views, 516.7 reach, 56.7 / 520), then unlabelled (B3).
      pad('@bakery', 'Bread', 2, 750, 525, 10.58),
      pad('@bakery', 'Cake', 1, 700, 500, 11.54),
      pad('@bakery', 'All labelled', 3, 733.3, 516.7, 10.9),
      pad('@bakery', 'Unlabelled', 1, 600, 450, 9.62),
    ]);
  });

  it('reads each account\'s rows only, whichever account\'s configuration comes first', () => {
    const swapped = sourcesOf([configs[1], configs[0], configs[3], configs[2]], { [MEDIA]: tableOf(MEDIA_HEADERS, mediaRows), [INFO]: tableOf(INFO_HEADERS, infoRows) });
    const rows = digestRows(swapped, BUILT);
    expect(rows.filter((r) => r[1] === 'Views (total)')).toEqual([pad('@bakery', 'Views (total)', 2800, '', '', ''), pad('@sunny', 'Views (total)', 650, 300, 350, 116.7)]);
  });

  it('is of the same weeks later in the week', () => {
    const wednesday = sourcesOf(configs, { [MEDIA]: tableOf(MEDIA_HEADERS, mediaRows), [INFO]: tableOf(INFO_HEADERS, infoRows) }, { now: () => Date.parse('2026-03-04T15:00:00Z') });
    expect(digestRows(wednesday, BUILT)).toEqual(digestRows(sources(), BUILT));
    expect(digestMonday(wednesday)).toBe('2026-03-02');
  });

  it('has rows of exactly eight cells', () => {
    for (const row of digestRows(sources(), BUILT)) expect(row).toHaveLength(DIGEST_WIDTH);
  });
});

describe('digestRows: top and bottom posts', () => {
  /** 12 posts this week, an hour apart; the last one has no views. */
  const VIEWS = [50, 90, 90, 10, 70, 30, 90, 20, 60, 40, 80, null];
  const posted = (i: number) => new Date(Date.parse('2026-02-24T08:00:00Z') + i * 3_600_000);
  const id = (i: number) => `P${String(i + 1).padStart(2, '0')}`;
  const rowsOf = (views: (number | null)[]) => views.map((v, i) => media(SUNNY, '2026-03-01', id(i), posted(i), { Views: v ?? '', Reach: 1 }));
  const digest = (views: (number | null)[]) => digestRows(sourcesOf([configOf('media_insights', SUNNY)], { [MEDIA]: tableOf(MEDIA_HEADERS, rowsOf(views)) }), BUILT);
  const ids = (rows: Row[]) => rows.map((r) => String(r[6]).replace(/^.*\/p\/(\w+)\/$/, '$1'));

  it('ranks the top five by views, ties by posting time (earliest first)', () => {
    expect(ids(section(digest(VIEWS), TOP))).toEqual(['P02', 'P03', 'P07', 'P11', 'P05']);
  });

  it('lists the bottom five beyond the top five, weakest first, and leaves out posts without views', () => {
    // By views: P02 P03 P07 (90) P11 (80) P05 (70) | P09 (60) P01 (50) P10 (40) P06 (30) P08 (20) P04 (10); P12 has none.
    const bottom = section(digest(VIEWS), BOTTOM);
    expect(ids(bottom)).toEqual(['P04', 'P08', 'P06', 'P10', 'P01']);
    expect(bottom.map((r) => r[4])).toEqual([10, 20, 30, 40, 50]);
  });

  it('has no bottom posts with five or fewer, and only those beyond the top five with six', () => {
    expect(section(digest([5, 4, 3, 2, 1]), BOTTOM)).toEqual([pad(NO_BOTTOM)]);
    expect(ids(section(digest([5, 4, 3, 2, 1]), TOP))).toEqual(['P01', 'P02', 'P03', 'P04', 'P05']);
    expect(ids(section(digest([5, 4, 3, 2, 1, 6]), BOTTOM))).toEqual(['P05']);
    // Six posts, one without views: five ranked, none beyond.
    expect(section(digest([5, 4, 3, 2, 1, null]), BOTTOM)).toEqual([pad(NO_BOTTOM)]);
  });
});

describe('digestRows: labelled and unlabelled lines', () => {
  const posted = (day: number) => new Date(Date.UTC(2026, 1, 23 + day, 9));
  const digest = (labels: string[]) => digestRows(sourcesOf([configOf('media_insights', SUNNY)], {
    [MEDIA]: tableOf(MEDIA_HEADERS, labels.map((label, i) => media(SUNNY, '2026-03-01', `L${i}`, posted(i), { Views: 10 * (i + 1), Reach: 5 * (i + 1), Label: label }))),
  }), BUILT);

  it('has only an Unlabelled line when no post has a label', () => {
    expect(section(digest(['', '']), LABELS)).toEqual([pad('@sunny', 'Unlabelled', 2, 15, 7.5, '')]);
  });

  it('keeps an Unlabelled line of 0 posts when every post has one label', () => {
    expect(section(digest(['Promo', 'Promo']), LABELS)).toEqual([pad('@sunny', 'Promo', 2, 15, 7.5, ''), pad('@sunny', 'Unlabelled', 0, '', '', '')]);
  });

  it('lists labels alphabetically, then All labelled, then Unlabelled', () => {
    // Views 10, 20, 30, 40: Tips L0, L3; Ads L1; unlabelled L2.
    expect(section(digest(['Tips', 'Ads', '', 'Tips']), LABELS)).toEqual([
      pad('@sunny', 'Ads', 1, 20, 10, ''),
      pad('@sunny', 'Tips', 2, 25, 12.5, ''),
      pad('@sunny', 'All labelled', 3, 23.3, 11.7, ''),
      pad('@sunny', 'Unlabelled', 1, 30, 15, ''),
    ]);
  });

  it('keeps a label that reads "Unlabelled" apart from the posts without one', () => {
    // Views 10, 20, 30: "Unlabelled" typed on L0, Ads L1, none on L2.
    expect(section(digest(['Unlabelled', 'Ads', '']), LABELS)).toEqual([
      pad('@sunny', 'Ads', 1, 20, 10, ''),
      pad('@sunny', 'Unlabelled', 1, 10, 5, ''),
      pad('@sunny', 'All labelled', 2, 15, 7.5, ''),
      pad('@sunny', 'Unlabelled', 1, 30, 15, ''),
    ]);
  });

  it('gives a week without posts one Unlabelled line of 0 posts', () => {
    // Posts last week only.
    const sources = sourcesOf([configOf('media_insights', SUNNY)], {
      [MEDIA]: tableOf(MEDIA_HEADERS, [media(SUNNY, '2026-03-01', 'L0', at('2026-02-18T09:00:00Z'), { Views: 10, Label: 'Promo' })]),
    });
    expect(section(digestRows(sources, BUILT), LABELS)).toEqual([pad('@sunny', 'Unlabelled', 0, '', '', '')]);
    expect(section(digestRows(sources, BUILT), TOP)).toEqual([pad(NO_TOP)]);
    expect(section(digestRows(sources, BUILT), BOTTOM)).toEqual([pad(NO_BOTTOM)]);
  });
});

describe('digestRows: captions', () => {
  const LONG = 'A'.repeat(60) + ' ' + 'b'.repeat(60); // 121 characters
  const posted = (h: number) => new Date(Date.UTC(2026, 1, 24, h));
  const digest = (captions: string[]) => section(digestRows(sourcesOf([configOf('media_insights', SUNNY)], {
    [MEDIA]: tableOf(MEDIA_HEADERS, captions.map((caption, i) => media(SUNNY, '2026-03-01', `C${i}`, posted(i), { Views: 100 - i, Caption: caption }))),
  }), BUILT), TOP).map((r) => r[7]);

  it('keeps a formula-looking caption as its text (escaped only when written)', () => {
    expect(digest(['=HYPERLINK("http://evil.example","click")'])).toEqual(['=HYPERLINK("http://evil.example","click")']);
  });

  it('cuts a caption over 100 characters to 99 and an ellipsis; 100 exactly stays whole', () => {
    const exact = 'x'.repeat(100);
    const [cut, whole] = digest([LONG, exact]);
    expect(cut).toBe(`${'A'.repeat(60)} ${'b'.repeat(38)}…`);
    expect(String(cut)).toHaveLength(100);
    expect(whole).toBe(exact);
  });
});

describe('digestRows: which accounts', () => {
  it('says how to add a report when no account has one with rows', () => {
    const rows = digestRows(sourcesOf([], {}, { ownerAccounts: () => [SUNNY] }), BUILT);
    expect(rows).toEqual([
      pad('Sheetgram weekly digest', 'This week: 2026-02-23 to 2026-03-01', 'Last week: 2026-02-16 to 2026-02-22'),
      pad(`Built ${BUILT} from the report tabs; rebuilt every Monday. Columns right of H are yours.`),
      BLANK,
      pad('No account has a Media Insights or User\'s Information report yet: add one in the sidebar.'),
    ]);
  });

  it('leaves out a connected account without those reports, and counts one with User\'s Information only', () => {
    const sources = sourcesOf([configOf('user_information', BAKERY)], {
      [INFO]: tableOf(INFO_HEADERS, [info(BAKERY, '2026-02-23', 500), info(BAKERY, '2026-03-02', 540)]),
    }, { ownerAccounts: () => [SUNNY, BAKERY] });
    const rows = digestRows(sources, BUILT);
    expect(rows.filter((r) => r[0] === '@sunny')).toEqual([]);
    expect(rows.find((r) => r[0] === '@bakery' && r[1] === 'Followers gained')).toEqual(pad('@bakery', 'Followers gained', 40, '', '', ''));
    expect(rows.find((r) => r[0] === '@bakery' && r[1] === 'Posts')).toEqual(pad('@bakery', 'Posts', 0, 0, 0, ''));
  });
});

describe('digestMonday', () => {
  it('is the Monday in the spreadsheet time zone', () => {
    const at = (iso: string, timeZone = TZ) => digestMonday(sourcesOf([], {}, { now: () => Date.parse(iso), timeZone: () => timeZone }));
    expect(at('2026-03-01T23:30:00Z')).toBe('2026-03-02'); // 00:30 on Monday in Berlin
    expect(at('2026-03-01T23:30:00Z', 'UTC')).toBe('2026-02-23'); // still Sunday in UTC
    expect(at('2026-03-08T22:59:00Z')).toBe('2026-03-02'); // 23:59 on Sunday in Berlin
  });
});

describe('writeDigest', () => {
  let tabs: MemoryTabs;
  beforeEach(() => {
    tabs = new MemoryTabs();
  });

  // A digest's first cell is its title: how a later digest knows the tab is its own.
  const rowsOf = (n: number, first = 'Line'): Row[] => Array.from({ length: n }, (_, i) => (i === 0 ? pad('Sheetgram weekly digest', first) : pad(`${first} ${i + 1}`, i, '')));

  it('creates the tab with eight columns of content and a styled first row', () => {
    const rows: Row[] = [pad('Sheetgram weekly digest', 'This week: x', 'Last week: y'), ['@sunny', at('2026-02-24T09:00:00Z'), 'IMAGE', '', 300, 200, link('S2'), 'Hello'], pad()];
    expect(writeDigest(tabs, rows)).toBe(3);
    const sheet = tabs.sheet(DIGEST_TAB);
    expect(sheet.grid.columns).toBe(DIGEST_WIDTH);
    expect(sheet.styledHeader).toBe(DIGEST_WIDTH);
    expect(sheet.frozenRows).toBe(1);
    expect(tabs.values(DIGEST_TAB)).toEqual([
      pad('Sheetgram weekly digest', 'This week: x', 'Last week: y'),
      ["'@sunny", at('2026-02-24T09:00:00Z'), 'IMAGE', '', 300, 200, link('S2'), 'Hello'],
    ]);
    expect(sheet.cells.every((r) => r.length === DIGEST_WIDTH)).toBe(true);
    // Widths for handles, figure names, links and captions; set once, so the person's own stay.
    expect([1, 2, 7, 8].map((c) => sheet.widths.get(c))).toEqual([160, 250, 280, 320]);
    sheet.widths.set(8, 500);
    writeDigest(tabs, rows);
    expect(sheet.widths.get(8)).toBe(500);
  });

  it('empties in columns A to H the rows a longer earlier digest left, and keeps the person\'s column I', () => {
    writeDigest(tabs, rowsOf(10));
    const ref = tabs.findTab(null, DIGEST_TAB)!;
    tabs.writeRows(ref, 3, [9], [['my note on row 3']]);
    tabs.writeRows(ref, 8, [9], [['my note on row 8']]);
    expect(writeDigest(tabs, rowsOf(4, 'New'))).toBe(4);
    const values = tabs.values(DIGEST_TAB);
    expect(values).toHaveLength(8); // the note keeps row 8 in use
    expect(values.map((r) => r.slice(0, DIGEST_WIDTH))).toEqual([...rowsOf(4, 'New'), pad(), pad(), pad(), pad()]);
    expect(values[2][8]).toBe('my note on row 3');
    expect(values[7][8]).toBe('my note on row 8');
    for (let r = 4; r < 10; r++) expect(tabs.sheet(DIGEST_TAB).cells[r].slice(0, DIGEST_WIDTH)).toEqual(pad());
    // Found again, not created again: the first row's style is left as it is.
    expect(tabs.sheets.filter((s) => s.name === DIGEST_TAB)).toHaveLength(1);
  });

  it('leaves a tab of the person\'s own named Weekly Digest alone and writes beside it, or nowhere when both names are theirs', () => {
    const mine = tabs.addSheet(DIGEST_TAB, [['Week', 'My notes'], ['1', 'a plan']]);
    expect(writeDigest(tabs, rowsOf(3))).toBe(3);
    expect(tabs.values(DIGEST_TAB)).toEqual([['Week', 'My notes'], ['1', 'a plan']]);
    expect(tabs.values('Weekly Digest (Sheetgram)')[0][0]).toBe('Sheetgram weekly digest');
    // The next Monday: the same tab again.
    expect(writeDigest(tabs, rowsOf(2, 'Next'))).toBe(2);
    expect(tabs.sheets.map((t) => t.name)).toEqual([DIGEST_TAB, 'Weekly Digest (Sheetgram)']);
    expect(mine.cells).toEqual([['Week', 'My notes'], ['1', 'a plan']]);
    const aside = tabs.sheet('Weekly Digest (Sheetgram)');
    aside.cells[0][0] = 'My other notes';
    expect(writeDigest(tabs, rowsOf(2))).toBeNull();
    expect(aside.cells[0][0]).toBe('My other notes');
  });

  it('writes a formula-looking caption with an escaping apostrophe (always: its columns mix text and numbers)', () => {
    const caption = '=HYPERLINK("http://evil.example","click")';
    writeDigest(tabs, [pad('Top 5 posts of this week, by views'), ['@sunny', at('2026-02-24T09:00:00Z'), 'IMAGE', '+promo', 300, 200, link('S2'), caption]]);
    const sheet = tabs.sheet(DIGEST_TAB);
    expect(sheet.cells[1][7]).toBe(`'${caption}`);
    expect(sheet.cells[1][3]).toBe("'+promo");
    expect(sheet.cells[1][0]).toBe("'@sunny");
    // No plain-text format is relied on: numbers and dates are written as they are.
    expect(sheet.formats.size).toBe(0);
    expect(sheet.cells[1][4]).toBe(300);
    expect(sheet.cells[1][1]).toEqual(at('2026-02-24T09:00:00Z'));
    // Read back as Sheets gives it: the caption's own text.
    const ref = tabs.findTab(null, DIGEST_TAB)!;
    expect(tabs.readColumns(ref, [8], 2, 2)).toEqual([[caption]]);
  });

  it('escapes the captions digestRows gives, end to end', () => {
    const sources = sourcesOf([configOf('media_insights', SUNNY)], {
      [MEDIA]: tableOf(MEDIA_HEADERS, [media(SUNNY, '2026-03-01', 'F1', at('2026-02-24T09:00:00Z'), { Views: 10, Caption: '=IMPORTXML("http://x","//a")' })]),
    });
    writeDigest(tabs, digestRows(sources, BUILT));
    const captions = tabs.sheet(DIGEST_TAB).cells.map((r) => r[7]).filter((c) => typeof c === 'string' && c.includes('IMPORTXML'));
    expect(captions).toEqual(['\'=IMPORTXML("http://x","//a")']);
  });
});
