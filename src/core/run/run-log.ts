// The "Sheetgram log" tab: one line per run (when, which report and account, rows, calls, time taken,
// how it ended, and a sentence a person understands). An execution writes its lines in one block and
// the tab keeps the last few thousand lines.
import type { RunStatus } from '../configurations/status';
import { toCell, type TextEscaping } from '../tabs/cell-values';
import { prepareTab, type LayoutColumn } from '../tabs/columns';
import type { LogLine } from '../tabs/cells-outlook';
import type { TabPort, TabRef } from '../tabs/tab-port';
import { headerKey } from '../tabs/cell-text';

export const LOG_TAB_NAME = 'Sheetgram log';
/** Lines kept; older ones are removed once the tab holds a tenth more than this. */
export const LOG_KEEP_LINES = 3_000;

/** A line's Status: how a run ended, or "info" for a note. */
export type LogStatus = RunStatus | 'info';

export interface RunLogEntry {
  at: number;
  report: string;
  account: string;
  tab: string;
  /** repair: a person's "Fill or repair history" (core/repair), in whichever execution it ran. */
  trigger: 'schedule' | 'run now' | 'maintenance' | 'repair';
  status: LogStatus;
  rowsAdded: number;
  rowsUpdated: number;
  calls: number;
  durationMs: number;
  message: string;
}

const COLUMNS: (LayoutColumn & { value: (e: RunLogEntry) => unknown })[] = [
  { header: 'Time', type: 'datetime', value: (e) => new Date(e.at) },
  { header: 'Report', type: 'text', value: (e) => e.report },
  { header: 'Account', type: 'text', value: (e) => e.account },
  { header: 'Tab', type: 'text', value: (e) => e.tab },
  { header: 'Started by', type: 'text', value: (e) => e.trigger },
  { header: 'Status', type: 'text', value: (e) => e.status },
  { header: 'Rows added', type: 'integer', value: (e) => e.rowsAdded },
  { header: 'Rows updated', type: 'integer', value: (e) => e.rowsUpdated },
  { header: 'Calls', type: 'integer', value: (e) => e.calls },
  { header: 'Seconds', type: 'number', value: (e) => Math.round(e.durationMs / 100) / 10 },
  { header: 'Message', type: 'text', value: (e) => e.message },
];

/** Appends the entries below the last line and trims the oldest lines. Returns the tab. */
export function writeRunLog(port: TabPort, entries: RunLogEntry[], escaping: TextEscaping, keep = LOG_KEEP_LINES): TabRef | null {
  if (!entries.length) return null;
  const { tab, columnOf } = prepareTab(port, { sheetId: null, name: LOG_TAB_NAME }, COLUMNS);
  const rows = entries.map((e) => COLUMNS.map((c) => toCell(c.value(e), c.type, escaping)));
  const last = port.lastRow(tab);
  port.writeRows(tab, Math.max(2, last + 1), columnOf, rows);
  const lines = Math.max(1, last) - 1 + rows.length;
  if (lines > keep + Math.ceil(keep / 10)) port.deleteRows(tab, 2, lines - keep);
  return tab;
}

/**
 * The log's lines since `since` (when, which tab, how the run ended, rows added), found by header so a
 * person may reorder the columns; none when there is no log tab. One read of the lines in use.
 */
export function readRunLog(port: TabPort, since: number): LogLine[] {
  const tab = port.findTab(null, LOG_TAB_NAME);
  if (!tab) return [];
  const header = port.readHeader(tab).map(headerKey);
  const columns = ['Time', 'Tab', 'Status', 'Rows added'].map((h) => header.indexOf(headerKey(h)) + 1);
  const last = port.lastRow(tab);
  if (columns.some((c) => c < 1) || last < 2) return [];
  return port.readColumns(tab, columns, 2, last).flatMap(([at, tabName, status, rows]) => {
    const time = at instanceof Date ? at.getTime() : NaN;
    if (!Number.isFinite(time) || time < since) return [];
    return [{ at: time, tab: String(tabName ?? ''), status: String(status ?? ''), rowsAdded: typeof rows === 'number' ? rows : Number(rows) || 0 }];
  });
}
