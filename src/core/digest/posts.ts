// A week's posts and follower counts, read from the report tabs by header: Media Insights gives each
// post's lifetime figures and label (in an Append tab, from the post's newest row), User's Information
// the daily follower counts.
import { calendarDateIn, daysBetween, parseIsoDate, type CalendarDate } from '../reports/dates';
import { column, type Cell, type Table } from '../functions/tables';
import { cellText } from '../tabs/cell-text';

export interface DigestPost {
  id: string;
  posted: Date;
  day: CalendarDate;
  views: number | null;
  /** Views the day after posting (Media Insights' "Views on day 1"): the same age for every post. */
  viewsDay1: number | null;
  reach: number | null;
  interactions: number | null;
  label: string;
  link: string;
  type: string;
  caption: string;
}

const count = (cell: Cell | undefined) => (typeof cell === 'number' && Number.isFinite(cell) ? cell : null);

/** The calendar day of a cell: a Date (on the spreadsheet's clock) or a day typed as text. */
export function dayOfCell(cell: Cell | undefined, timeZone: string): CalendarDate | null {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : calendarDateIn(cell.getTime(), timeZone);
  return typeof cell === 'string' ? parseIsoDate(cell.replace(/^'/, '')) : null;
}

/** Every post of the table once (its newest row when the tab keeps a row per run date). */
export function postsOf(table: Table, timeZone: string): DigestPost[] {
  const at = (h: string) => column(table, h);
  const [id, postedAt, runDate] = [at('Media ID'), at('Posted at'), at('Run date')];
  if (id < 0 || postedAt < 0) return [];
  const cell = (row: Cell[], h: string) => (at(h) >= 0 ? row[at(h)] : undefined);
  const newest = new Map<string, { row: Cell[]; day: CalendarDate | null; label: string; labelDay: CalendarDate | null }>();
  const later = (day: CalendarDate | null, than: CalendarDate | null) => Boolean(day && (!than || daysBetween(than, day) >= 0));
  for (const row of table.rows) {
    const key = cellText(row[id]);
    if (!key || !(row[postedAt] instanceof Date)) continue;
    const day = runDate >= 0 ? dayOfCell(row[runDate], timeZone) : null;
    const label = cellText(cell(row, 'Label'));
    const seen = newest.get(key);
    if (!seen) {
      newest.set(key, { row, day, label, labelDay: day });
      continue;
    }
    if (later(day, seen.day)) Object.assign(seen, { row, day });
    // The label as the writer carries it: the newest row's that is filled.
    if (label && (!seen.label || later(day, seen.labelDay))) Object.assign(seen, { label, labelDay: day });
  }
  return [...newest.entries()].map(([key, { row, label }]) => {
    const posted = row[postedAt] as Date;
    return {
      id: key, posted, day: calendarDateIn(posted.getTime(), timeZone),
      views: count(cell(row, 'Views')), viewsDay1: count(cell(row, 'Views on day 1')), reach: count(cell(row, 'Reach')), interactions: count(cell(row, 'Total interactions')),
      label, link: cellText(cell(row, 'Permalink')), type: cellText(cell(row, 'Media type')), caption: cellText(cell(row, 'Caption')),
    };
  });
}

/** Followers as last recorded on or before each day: the User's Information row with the latest run date up to it. */
export function followersOn(table: Table | null, timeZone: string): (day: CalendarDate) => number | null {
  const days: { day: CalendarDate; followers: number }[] = [];
  if (table) {
    const [runDate, followers] = [column(table, 'Run date'), column(table, 'Followers')];
    if (runDate >= 0 && followers >= 0) {
      for (const row of table.rows) {
        const day = dayOfCell(row[runDate], timeZone);
        const n = count(row[followers]);
        if (day && n !== null) days.push({ day, followers: n });
      }
    }
  }
  return (day) => {
    let best: { day: CalendarDate; followers: number } | null = null;
    for (const d of days) if (daysBetween(d.day, day) >= 0 && (!best || daysBetween(best.day, d.day) > 0)) best = d;
    return best?.followers ?? null;
  };
}
