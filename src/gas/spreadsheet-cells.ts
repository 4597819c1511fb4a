// After a scheduled tick: when the spreadsheet has passed a warning level of Google's 10 million cells
// (70%, then 90%), one line in the log tab and one e-mail to the person, once per level. It looks only
// after a tick whose runs added rows (nothing else of Sheetgram's grows the spreadsheet), using the
// execution's one measure (taken already when a write grew a grid), and reads the log for the pace only
// when it warns.
import { readRunLog, type RunLogEntry } from '../core/run/run-log';
import { cellsOutlook, outlookText, PACE_WINDOW_DAYS, warningStep } from '../core/tabs/cells-outlook';
import { totalCells } from '../core/tabs/spreadsheet-cells';
import { sheetTabs } from './adapters/sheet-tabs';
import type { GasContext } from './context';

/** The level last warned about (70, 90), in the document's properties: a few bytes. */
export const CELLS_WARNED_KEY = 'sheetgram.cells.warned';
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The log lines to add for this tick (none, or one), having e-mailed the person when there is one.
 * Call after the runs and before their lines are written.
 */
export function spreadsheetCellsNotice(ctx: GasContext, entries: readonly RunLogEntry[], mail: (subject: string, body: string) => void): RunLogEntry[] {
  if (!ctx.grids().measured() && !entries.some((e) => e.rowsAdded > 0)) return [];
  const grids = ctx.grids().all();
  const store = ctx.documentProps();
  const warned = Number(store.get(CELLS_WARNED_KEY) ?? 0) || 0;
  const step = warningStep(warned, totalCells(grids));
  if (step.record !== warned) {
    if (step.record) store.set(CELLS_WARNED_KEY, String(step.record));
    else store.delete(CELLS_WARNED_KEY);
  }
  if (step.warn === null) return [];
  const now = Date.now();
  const outlook = cellsOutlook(grids, readRunLog(sheetTabs(ctx.spreadsheet(), ctx.grids()), now - PACE_WINDOW_DAYS * DAY_MS), now);
  const text = `This spreadsheet is ${outlook.percent}% full. ${outlookText(outlook, grids)}`;
  const next = step.warn < 90 ? ' Sheetgram writes again if it passes 90%.' : '';
  try {
    const name = ctx.spreadsheet().getName();
    mail(`Sheetgram: the spreadsheet "${name}" is ${outlook.percent}% full`,
      `${text}\n\nOpen the spreadsheet, then Extensions > Sheetgram > Open sidebar to see it there.${next}\n`);
  } catch (e) {
    ctx.log.warn(`Could not e-mail about the spreadsheet's size: ${e instanceof Error ? e.message : String(e)}`);
  }
  return [{
    at: now, report: 'Spreadsheet size', account: '', tab: '', trigger: 'schedule', status: 'info',
    rowsAdded: 0, rowsUpdated: 0, calls: 0, durationMs: 0, message: text,
  }];
}
