// The Weekly Digest tab: for each account, this week against last week (the figures of figures.ts), the
// week's five best and five weakest posts by views with their links, and labelled posts against
// unlabelled ones. Rebuilt from the report tabs, never from Instagram: no call. Sheetgram's columns
// (A to H) are rewritten whole; columns to their right are the person's and stay.
import { addDays, calendarDateIn, isoDate } from '../reports/dates';
import { knownAccounts, reportTable, type AccountRef, type FunctionSources } from '../functions/tables';
import { toCell } from '../tabs/cell-values';
import { widthRuns } from '../tabs/look';
import type { CellValue, TabPort } from '../tabs/tab-port';
import { change, engagementRate, FIGURES, mean, type WeekData } from './figures';
import { followersOn, postsOf, type DigestPost } from './posts';
import { DIGEST_TAB, DIGEST_TAB_ASIDE, DIGEST_TITLE, DIGEST_WIDTH } from './names';
import { digestWeeks, inWeek, weekText, type DigestWeeks } from './weeks';

export const TOP = 5;
/** Pixels of columns A to H: account, figure or posting time, the figures, the link, the caption. */
const COLUMN_WIDTHS = [160, 250, 140, 140, 100, 100, 280, 320];
const CAPTION_CHARS = 100;
const NO_LABEL = 'Unlabelled';
/** What an empty list of posts says, so a section never stands there without a word. */
export const NO_TOP = 'No post of this week has views yet.';
export const NO_BOTTOM = `No account posted more than ${TOP} posts with views this week: the top ${TOP} are all of them.`;

type Row = (string | number | Date | '')[];

export interface AccountWeeks {
  account: AccountRef;
  thisWeek: WeekData;
  lastWeek: WeekData;
}

/** What the digest (tab and e-mail) is made of: the two weeks, and each account that has rows to compare. */
export interface DigestData {
  weeks: DigestWeeks;
  accounts: AccountWeeks[];
}

function weeksOf(sources: FunctionSources, account: AccountRef, weeks: DigestWeeks): AccountWeeks | null {
  const media = reportTable(sources, account, 'media_insights');
  const profile = reportTable(sources, account, 'user_information');
  if (!media && !profile) return null;
  const zone = sources.timeZone();
  const posts = media ? postsOf(media, zone) : [];
  const followers = followersOn(profile, zone);
  const week = (w: DigestWeeks['thisWeek']): WeekData => {
    const start = followers(w.first);
    const end = followers(addDays(w.last, 1));
    return {
      posts: posts.filter((p) => inWeek(p.day, w)).sort((a, b) => a.posted.getTime() - b.posted.getTime()),
      followersGained: start !== null && end !== null ? end - start : null, followersAtEnd: end,
    };
  };
  return { account, thisWeek: week(weeks.thisWeek), lastWeek: week(weeks.lastWeek) };
}

const blank = (n = DIGEST_WIDTH): Row => Array<''>(n).fill('');
const padded = (cells: Row): Row => [...cells, ...blank(DIGEST_WIDTH - cells.length)];
const orEmpty = (n: number | null) => (n === null ? '' : n);

function postRow(handle: string, p: DigestPost): Row {
  const caption = p.caption.length > CAPTION_CHARS ? `${p.caption.slice(0, CAPTION_CHARS - 1)}…` : p.caption;
  return [handle, p.posted, p.type, p.label, orEmpty(p.views), orEmpty(p.reach), p.link, caption];
}

/** The weeks of the latest Monday up to `sources.now()`, and every account's figures for them. */
export function digestData(sources: FunctionSources): DigestData {
  const weeks = digestWeeks(dayOf(sources));
  return { weeks, accounts: knownAccounts(sources).map((a) => weeksOf(sources, a, weeks)).filter((a): a is AccountWeeks => a !== null) };
}

/** The posts of a week with views, most viewed first (the earlier post first on a tie). */
export const byViews = (posts: DigestPost[]) => posts.filter((p) => p.views !== null).sort((x, y) => (y.views! - x.views!) || (x.posted.getTime() - y.posted.getTime()));

/** The digest as rows of cells (before escaping), for the week ending the Sunday before `today`'s Monday. */
export function digestRows(sources: FunctionSources, builtAt: string): Row[] {
  const { weeks, accounts: all } = digestData(sources);
  const rows: Row[] = [
    padded([DIGEST_TITLE, `This week: ${weekText(weeks.thisWeek)}`, `Last week: ${weekText(weeks.lastWeek)}`]),
    padded([`Built ${builtAt} from the report tabs; rebuilt every Monday. Columns right of ${String.fromCharCode(64 + DIGEST_WIDTH)} are yours.`]),
    blank(),
  ];
  if (!all.length) {
    rows.push(padded(['No account has a Media Insights or User\'s Information report yet: add one in the sidebar.']));
    return rows;
  }
  rows.push(padded(['Account', 'Figure', 'This week', 'Last week', 'Change', 'Change (%)']));
  for (const a of all) {
    for (const f of FIGURES) {
      const [now, before] = [f.value(a.thisWeek), f.value(a.lastWeek)];
      rows.push(padded([`@${a.account.username}`, f.name, orEmpty(now), orEmpty(before), ...change(now, before)]));
    }
  }
  const postHeader = padded(['Account', 'Posted at', 'Media type', 'Label', 'Views', 'Reach', 'Link', 'Caption']);
  rows.push(blank(), padded([`Top ${TOP} posts of this week, by views`]), postHeader);
  const top = all.flatMap((a) => byViews(a.thisWeek.posts).slice(0, TOP).map((p) => postRow(`@${a.account.username}`, p)));
  rows.push(...(top.length ? top : [padded([NO_TOP])]));
  rows.push(blank(), padded([`Bottom ${TOP} posts of this week, by views (beyond the top ${TOP})`]), postHeader);
  const bottom = all.flatMap((a) => byViews(a.thisWeek.posts).slice(TOP).reverse().slice(0, TOP).map((p) => postRow(`@${a.account.username}`, p)));
  rows.push(...(bottom.length ? bottom : [padded([NO_BOTTOM])]));
  rows.push(blank(), padded(['Labelled and unlabelled posts of this week']), padded(['Account', 'Label', 'Posts', 'Views (mean per post)', 'Reach (mean per post)', 'Engagement rate (%)']));
  for (const a of all) {
    // Unlabelled posts apart from the labels (a label may read "Unlabelled" too).
    const groups = new Map<string, DigestPost[]>();
    const labelled = a.thisWeek.posts.filter((p) => p.label);
    for (const p of labelled) groups.set(p.label, [...(groups.get(p.label) ?? []), p]);
    const lines: [string, DigestPost[]][] = [...[...groups.keys()].sort().map((l): [string, DigestPost[]] => [l, groups.get(l)!]),
      ...(groups.size > 1 ? [['All labelled', labelled] as [string, DigestPost[]]] : []), [NO_LABEL, a.thisWeek.posts.filter((p) => !p.label)]];
    for (const [label, posts] of lines) {
      rows.push(padded([`@${a.account.username}`, label, posts.length, orEmpty(mean(posts, (p) => p.views)), orEmpty(mean(posts, (p) => p.reach)), orEmpty(engagementRate(posts, a.thisWeek.followersAtEnd))]));
    }
  }
  return rows;
}

const dayOf = (sources: FunctionSources) => calendarDateIn(sources.now(), sources.timeZone());

/** The Monday (YYYY-MM-DD) whose digest `sources.now()` falls in. */
export function digestMonday(sources: FunctionSources): string {
  return isoDate(digestWeeks(dayOf(sources)).monday);
}

/**
 * Writes the digest into its tab: Sheetgram's columns whole (rows a longer digest left are emptied), text
 * escaped so a caption never becomes a formula. Returns how many rows it has. Always with an apostrophe:
 * the digest's columns mix text and numbers, so no plain-text format can keep a caption from being a formula.
 */
export function writeDigest(tab: TabPort, rows: Row[]): number | null {
  // A tab of the person's that happens to have the name is theirs: the digest goes to its other name.
  const place = [DIGEST_TAB, DIGEST_TAB_ASIDE].map((name) => ({ name, found: tab.findTab(null, name) }))
    .find(({ found }) => !found || tab.lastRow(found) === 0 || String(tab.readColumns(found, [1], 1, 1)[0]?.[0] ?? '') === DIGEST_TITLE);
  if (!place) return null;
  const found = place.found;
  const ref = found ?? tab.createTab(place.name, DIGEST_WIDTH);
  const before = found ? tab.lastRow(ref) : 0;
  const cells: CellValue[][] = rows.map((r) => r.map((v) => (typeof v === 'string' ? toCell(v, 'text', 'apostrophe') : v) as CellValue));
  for (let i = rows.length; i < before; i++) cells.push(blank() as CellValue[]);
  tab.writeRows(ref, 1, Array.from({ length: DIGEST_WIDTH }, (_, i) => i + 1), cells);
  if (!found) {
    tab.styleHeader(ref, DIGEST_WIDTH);
    // Wide enough for handles, figure names and links on a new tab; widths the person sets later stay.
    tab.setColumnWidths(ref, widthRuns(COLUMN_WIDTHS.map((width, i) => ({ column: i + 1, width }))));
  }
  return rows.length;
}
