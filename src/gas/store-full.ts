// The document's property store is full (Google's 500 KB): the hourly run and Run now say so the same
// way, a line in the log tab and the console, instead of failing without a word.
import type { RunLogEntry } from '../core/run/run-log';
import type { GasContext } from './context';
import { logRuns } from './run-log';

/** Google's refusal of a write to a full property store (500 KB per store). */
const STORE_FULL = /exceeded the property storage quota/i;
const STORE_FULL_MAIL_KEY = 'sheetgram.storeFullMailedAt.';
const DAY_MS = 24 * 60 * 60 * 1000;

export function isStoreFull(e: unknown): boolean {
  return STORE_FULL.test(String((e as { message?: unknown } | null)?.message ?? e));
}

export const STORE_FULL_TEXT = 'Sheetgram could not save its reports\' progress: this spreadsheet\'s storage for add-ons '
  + '(Google\'s 500 KB of document properties) is full. Delete Sheetgram reports you no longer need in the sidebar; '
  + 'scheduled runs go on once there is room.';

/** The line in the log tab and the console; `about` names the report of a Run now, or Sheetgram for the hourly run. */
export function logStoreFull(ctx: GasContext, about: Pick<RunLogEntry, 'report' | 'account' | 'tab' | 'trigger'>, at = Date.now()): void {
  ctx.log.warn(STORE_FULL_TEXT);
  logRuns(ctx, [{ at, ...about, status: 'failed', rowsAdded: 0, rowsUpdated: 0, calls: 0, durationMs: 0, message: STORE_FULL_TEXT }]);
}

/** The hourly run: the line every time; an e-mail to the person at most once a day per spreadsheet. */
export function reportStoreFull(ctx: GasContext, mail: (subject: string, body: string) => void, spreadsheetName: string): void {
  const now = Date.now();
  logStoreFull(ctx, { report: 'Sheetgram', account: '', tab: '', trigger: 'schedule' }, now);
  try {
    // Kept in the person's own store: the document's is the one that is full.
    const user = PropertiesService.getUserProperties();
    const key = STORE_FULL_MAIL_KEY + ctx.spreadsheet().getId();
    const last = Number(user.getProperty(key) ?? 0);
    if (now - last < DAY_MS) return;
    mail(`Sheetgram: the spreadsheet "${spreadsheetName}" has no room left for its reports`, `${STORE_FULL_TEXT}\n\nOpen the spreadsheet, then Extensions > Sheetgram > Open sidebar. Sheetgram will not e-mail about this again today.\n`);
    user.setProperty(key, String(now));
  } catch (e) {
    ctx.log.warn(`Could not e-mail about the full storage: ${String((e as { message?: unknown } | null)?.message ?? e)}`);
  }
}
