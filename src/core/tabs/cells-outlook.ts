// How full the spreadsheet is against Google's 10 million cells, which tabs grow fastest (cells a day,
// from the rows the log tab says each run added) and how long until it is full at that pace. The sidebar
// shows it from 70%; a scheduled run writes a log line and an e-mail once per level crossed (70%, 90%).
import type { CellsView } from '../../contract/sidebar';
import { largestTabs, largestText, MAKE_ROOM_TEXT, SPREADSHEET_CELL_LIMIT, thousands, totalCells, type TabGrid } from './spreadsheet-cells';

/** Levels of fullness that warn, in percent: the sidebar from the first, a log line and an e-mail at each. */
export const CELL_WARNING_LEVELS = [70, 90] as const;
/** Points below a warned level at which that warning is over, so that going up again warns again (and a tab that shrinks and grows around a level does not warn every day). */
export const WARNING_HYSTERESIS_POINTS = 5;
/** The log lines the pace is taken from. */
export const PACE_WINDOW_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Further than this, "days until full" says "more than a year". */
const FAR_DAYS = 365;

/** One line of the log tab, as far as growth is concerned. */
export interface LogLine {
  at: number;
  tab: string;
  status: string;
  rowsAdded: number;
}

export interface TabPace {
  tab: string;
  cellsPerDay: number;
}

export interface CellsOutlook {
  used: number;
  limit: number;
  /** Whole percent, rounded down (99.9% full is "99%"). */
  percent: number;
  /** The highest warning level reached, 0 below the first. */
  level: number;
  largest: { tab: string; cells: number }[];
  /** Tabs that grew over the window, fastest first. */
  growing: TabPace[];
  /** Days until full at that pace; null when nothing grows or there is not a day of history. */
  daysLeft: number | null;
  /** Days of history the pace is taken over (rounded to whole days, at most PACE_WINDOW_DAYS). */
  paceDays: number;
}

export function warningLevel(used: number, limit = SPREADSHEET_CELL_LIMIT): number {
  return [...CELL_WARNING_LEVELS].reverse().find((level) => used * 100 >= level * limit) ?? 0;
}

/**
 * Cells a day per tab: the rows its runs added since its first line in the window, times its columns (a
 * new row costs a cell per column), over the time since that first line (whose own rows may be a first
 * import, not the pace). Lines of an unfinished run ("continues") are skipped: the run's last line
 * carries the whole run's rows.
 */
export function tabPaces(lines: readonly LogLine[], grids: readonly TabGrid[], now: number): { paces: TabPace[]; days: number } {
  const since = now - PACE_WINDOW_DAYS * DAY_MS;
  const byTab = new Map<string, { first: number; rows: number; lines: LogLine[] }>();
  for (const line of lines) {
    if (!line.tab || line.at < since || line.at > now || line.status === 'continues' || line.status === 'info') continue;
    const key = line.tab.toLowerCase();
    const seen = byTab.get(key) ?? { first: Infinity, rows: 0, lines: [] };
    seen.lines.push(line);
    byTab.set(key, seen);
  }
  const columnsOf = new Map(grids.map((g) => [g.name.toLowerCase(), g] as const));
  const paces: TabPace[] = [];
  let days = 0;
  for (const [key, seen] of byTab) {
    const grid = columnsOf.get(key);
    if (!grid) continue;
    const sorted = [...seen.lines].sort((a, b) => a.at - b.at);
    const span = (now - sorted[0].at) / DAY_MS;
    if (span < 1) continue;
    const rows = sorted.slice(1).reduce((n, l) => n + Math.max(0, l.rowsAdded), 0);
    days = Math.max(days, span);
    if (rows > 0) paces.push({ tab: grid.name, cellsPerDay: (rows * grid.columns) / span });
  }
  paces.sort((a, b) => b.cellsPerDay - a.cellsPerDay);
  return { paces, days: Math.min(PACE_WINDOW_DAYS, Math.round(days)) };
}

export function cellsOutlook(grids: readonly TabGrid[], lines: readonly LogLine[], now: number): CellsOutlook {
  const used = totalCells(grids);
  const limit = SPREADSHEET_CELL_LIMIT;
  const { paces, days } = tabPaces(lines, grids, now);
  const pace = paces.reduce((n, p) => n + p.cellsPerDay, 0);
  return {
    used, limit, percent: Math.floor((used * 100) / limit), level: warningLevel(used, limit),
    largest: largestTabs(grids).filter((t) => t.cells > 0),
    growing: paces,
    daysLeft: pace > 0 ? Math.max(0, Math.floor((limit - used) / pace)) : null,
    paceDays: days,
  };
}

function daysText(days: number): string {
  if (days < 1) return 'within a day';
  if (days > FAR_DAYS) return 'in more than a year';
  return `in about ${thousands(days)} ${days === 1 ? 'day' : 'days'}`;
}

/** "This spreadsheet is 75% full" */
export function outlookHeading(o: CellsOutlook): string {
  return o.used >= o.limit ? 'This spreadsheet is full' : `This spreadsheet is ${o.percent}% full`;
}

/** The sentences after the heading: the count, the pace, the fastest and largest tabs, what to do. */
export function outlookText(o: CellsOutlook, grids: readonly TabGrid[]): string {
  const parts = [
    `It has ${thousands(o.used)} of the 10 million cells Google Sheets allows in one spreadsheet (every tab's rows × columns count, empty cells too).`,
  ];
  if (o.daysLeft !== null) {
    const over = o.paceDays === 1 ? 'the last day' : `the last ${o.paceDays} days`;
    parts.push(`At the pace of ${over} it is full ${daysText(o.daysLeft)}.`);
    const fastest = o.growing.slice(0, 3).map((p) => `"${p.tab}" (+${thousands(p.cellsPerDay)} cells a day)`);
    parts.push(`Growing fastest: ${fastest.join(', ')}.`);
  }
  parts.push(largestText(grids));
  parts.push('When it is full, Sheetgram stops writing (nothing half-written) until there is room.', MAKE_ROOM_TEXT);
  return parts.filter(Boolean).join(' ');
}

/**
 * What a scheduled run does about the level it measured, given the level it last warned about: warn
 * (a log line and an e-mail) when a higher level is reached; forget a warning once the spreadsheet is
 * WARNING_HYSTERESIS_POINTS below it. record: the level to keep (0: nothing to keep).
 */
export function warningStep(warned: number, used: number, limit = SPREADSHEET_CELL_LIMIT): { warn: number | null; record: number } {
  const level = warningLevel(used, limit);
  if (level > warned) return { warn: level, record: level };
  const stillWarned = [...CELL_WARNING_LEVELS].reverse().find((l) => l <= warned && used * 100 >= (l - WARNING_HYSTERESIS_POINTS) * limit) ?? 0;
  return { warn: null, record: stillWarned };
}

/** The sidebar's banner, from the first warning level on; null below it. */
export function cellsView(grids: readonly TabGrid[], lines: readonly LogLine[], now: number): CellsView | null {
  const o = cellsOutlook(grids, lines, now);
  if (!o.level) return null;
  return { percent: o.percent, used: o.used, limit: o.limit, level: o.level, heading: outlookHeading(o), message: outlookText(o, grids) };
}
