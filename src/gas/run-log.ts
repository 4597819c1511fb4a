// The "Sheetgram log" tab as the entry points write it (Run now, the hourly run, a full store).
import { writeRunLog } from '../core/run/run-log';
import type { GasContext } from './context';
import { sheetTabs } from './adapters/sheet-tabs';

/** Writes the runs' lines to the log tab; a failure there must not lose a run's result. */
export function logRuns(ctx: GasContext, entries: Parameters<typeof writeRunLog>[1]): void {
  try {
    writeRunLog(sheetTabs(ctx.spreadsheet()), entries, ctx.settings().textEscaping);
  } catch (e) {
    ctx.log.warn(`Could not write the Sheetgram log tab: ${e instanceof Error ? e.message : String(e)}`);
  }
}
