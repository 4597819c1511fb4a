// Google Sheets' 10 million cells per spreadsheet: every tab's grid counts (max rows x max columns,
// empty cells included), and Sheets refuses whatever would grow the grids past it. The table writer asks
// here, before it writes anything of a block, whether the block fits; a block that does not is refused
// whole, with a message that says what is full, which tabs are largest and what to do.
import type { GridSize, TabGrid, TabPort, TabRef } from './tab-port';

export type { TabGrid } from './tab-port';

export const SPREADSHEET_CELL_LIMIT = 10_000_000;
/** The grid of a tab Sheets creates (insertSheet): the limit must have room for it at creation. */
export const NEW_TAB_GRID = { rows: 1000, columns: 26 } as const;

export const cellsOf = (grid: GridSize): number => grid.rows * grid.columns;

export function totalCells(grids: readonly TabGrid[]): number {
  return grids.reduce((sum, g) => sum + cellsOf(g), 0);
}

/** The n tabs with the most cells, largest first. */
export function largestTabs(grids: readonly TabGrid[], n = 3): { tab: string; cells: number }[] {
  return [...grids].sort((a, b) => cellsOf(b) - cellsOf(a)).slice(0, n).map((g) => ({ tab: g.name, cells: cellsOf(g) }));
}

/** 12345 -> "12,345" (no locale data needed in Apps Script). */
export function thousands(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** What a person can do about a full spreadsheet, in one sentence (the warnings and the refusal share it). */
export const MAKE_ROOM_TEXT = 'To make room: delete tabs or old rows you no longer need (empty rows and columns count too), '
  + 'use Replace instead of Append for reports whose daily history you do not need, '
  + 'or send reports to BigQuery instead (coming to Sheetgram).';

export function largestText(grids: readonly TabGrid[]): string {
  const largest = largestTabs(grids).filter((t) => t.cells > 0);
  return largest.length ? `Largest tabs: ${largest.map((t) => `"${t.tab}" (${thousands(t.cells)} cells)`).join(', ')}.` : '';
}

/** Google's own refusal (SPREADSHEET_ERRORS.workbookTooLarge in the local runtime). */
const GOOGLE_REFUSAL = /above the limit of 10,?000,?000 cells/i;

export function isGoogleCellRefusal(e: unknown): boolean {
  return GOOGLE_REFUSAL.test(String((e as { message?: unknown } | null)?.message ?? e));
}

/** A block refused before anything of it was written: the spreadsheet has no room for it. */
export class SpreadsheetFullError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SpreadsheetFullError';
  }
}

export function isSpreadsheetFull(e: unknown): e is SpreadsheetFullError {
  return e instanceof SpreadsheetFullError || (e as { name?: unknown } | null)?.name === 'SpreadsheetFullError';
}

/** "This spreadsheet is full: ..." for a block of `rows` new rows into `tabName` that needs `needed` more cells. */
export function spreadsheetFullText(grids: readonly TabGrid[], what: { rows: number; tabName: string; needed?: number }): string {
  const used = totalCells(grids);
  const fit = what.needed !== undefined ? `${what.rows ? 'need' : 'needs'} ${thousands(what.needed)} more cells` : (what.rows ? 'do not fit' : 'does not fit');
  const block = what.rows
    ? `The ${thousands(what.rows)} new ${what.rows === 1 ? 'row' : 'rows'} for "${what.tabName}" ${fit}, so Sheetgram wrote none of them`
    : `Writing to "${what.tabName}" ${fit}, so Sheetgram wrote nothing there`;
  return [
    `This spreadsheet is full: Google Sheets allows 10 million cells in one spreadsheet, counting every tab's rows × columns `
      + `(empty cells too), and it has ${thousands(used)}. ${block}; the next run after you make room picks up where this one stopped.`,
    largestText(grids),
    MAKE_ROOM_TEXT,
  ].filter(Boolean).join(' ');
}

/**
 * A tab a block will write to, and how big its grid must become: at least `rows` × `columns`. tab null:
 * the block creates it (at Sheets' 1000 x 26, then Sheetgram trims it to `columns` columns).
 */
export interface GridNeed {
  tab: TabRef | null;
  name: string;
  rows: number;
  columns: number;
  /** Rows the block adds, for the message. */
  rowsAdded: number;
}

/** Cells a tab's grid grows by at its largest, for a grid that is `grid` now (null: a tab to create). */
export function growthOf(grid: GridSize | null, need: GridSize): number {
  if (!grid) {
    // Sheets makes the tab whole before Sheetgram trims its columns: both must fit.
    const final = Math.max(NEW_TAB_GRID.rows, need.rows) * Math.max(1, need.columns);
    return Math.max(cellsOf(NEW_TAB_GRID), final);
  }
  return Math.max(grid.rows, need.rows) * Math.max(grid.columns, need.columns) - cellsOf(grid);
}

/**
 * Refuses (SpreadsheetFullError) a block whose grid growth does not fit under the limit. Costs nothing
 * when the tab's grid already has room; otherwise the spreadsheet is measured (once per execution).
 */
export function ensureRoom(port: TabPort, need: GridNeed): void {
  const grow = growthOf(need.tab ? port.gridOf(need.tab) : null, need);
  if (grow <= 0) return;
  const grids = port.grids();
  if (totalCells(grids) + grow <= SPREADSHEET_CELL_LIMIT) return;
  throw new SpreadsheetFullError(spreadsheetFullText(grids, { rows: need.rowsAdded, tabName: need.name, needed: grow }));
}
