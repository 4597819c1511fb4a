// The runs as the "Sheetgram log" tab records them (one line per run, in the person's words), read
// back by header so that a reordered column still reads right; and the skipped items its messages name.
import { LOG_KEEP_LINES, LOG_TAB_NAME } from '../../src/core/run/run-log';
import type { Workbook } from '../apps-script/services/spreadsheet';

export interface LoggedRun {
  /** ISO time the run started. */
  at: string;
  report: string;
  account: string;
  tab: string;
  startedBy: string;
  status: string;
  rowsAdded: number;
  rowsUpdated: number;
  /** Calls the add-on says the run used (the simulator's log is the measured figure). */
  calls: number;
  seconds: number;
  message: string;
}

const COLUMNS: Record<keyof LoggedRun, string> = {
  at: 'Time', report: 'Report', account: 'Account', tab: 'Tab', startedBy: 'Started by', status: 'Status',
  rowsAdded: 'Rows added', rowsUpdated: 'Rows updated', calls: 'Calls', seconds: 'Seconds', message: 'Message',
};
const NUMERIC = new Set<keyof LoggedRun>(['rowsAdded', 'rowsUpdated', 'calls', 'seconds']);

function text(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  return value === undefined || value === null ? '' : String(value);
}

function number(value: unknown): number {
  const n = typeof value === 'number' ? value : Number(String(value ?? '').replace(/,/g, ''));
  return Number.isFinite(n) ? n : 0;
}

export function readRunLog(workbook: Workbook): { runs: LoggedRun[]; mayBeTrimmed: boolean } {
  if (!workbook.sheetNamed(LOG_TAB_NAME)) return { runs: [], mayBeTrimmed: false };
  const [header = [], ...lines] = workbook.values(LOG_TAB_NAME);
  const at = Object.fromEntries(Object.entries(COLUMNS).map(([key, name]) => [key, header.findIndex((h) => text(h).trim() === name)])) as Record<keyof LoggedRun, number>;
  const runs = lines.filter((line) => line.some((v) => text(v) !== '')).map((line) => {
    const run = {} as Record<keyof LoggedRun, string | number>;
    for (const key of Object.keys(COLUMNS) as (keyof LoggedRun)[]) {
      const value = at[key] >= 0 ? line[at[key]] : '';
      run[key] = NUMERIC.has(key) ? number(value) : text(value);
    }
    return run as unknown as LoggedRun;
  });
  // The tab keeps its newest lines only; once it has been that long, older runs may be gone.
  return { runs, mayBeTrimmed: runs.length >= LOG_KEEP_LINES };
}

/** "28 items skipped: <reason>." phrases of a run's message. */
export function skippedIn(message: string): { count: number; reason: string }[] {
  const out: { count: number; reason: string }[] = [];
  for (const m of message.matchAll(/(\d[\d,]*) items? skipped: (.+?\.)(?=\s|$)/g)) out.push({ count: Number(m[1].replace(/,/g, '')), reason: m[2] });
  return out;
}

/** Lines of the log that are runs of a report (not sign-in maintenance notes). */
export const isReportRun = (run: LoggedRun) => run.startedBy !== 'maintenance';
