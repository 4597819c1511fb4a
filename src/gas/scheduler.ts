// The hourly dispatcher trigger's handler: runs, as the user who installed it, whatever of theirs is
// due in this document, renews their sign-ins, logs the runs, and removes itself when nothing is left.
import { dispatch } from '../core/schedule/dispatch';
import { createContext } from './context';
import { logRuns } from './reports';
import { syncTrigger } from './trigger';

function mailer(): (subject: string, body: string) => void {
  return (subject, body) => {
    const to = Session.getEffectiveUser().getEmail();
    if (to && MailApp.getRemainingDailyQuota() > 0) MailApp.sendEmail(to, subject, body);
  };
}

export function runScheduledReports(_event?: GoogleAppsScript.Events.TimeDriven): void {
  // The execution's start, before any service call: the time budget counts from here.
  const startedAt = Date.now();
  const ctx = createContext(startedAt);
  try {
    tick(ctx, startedAt);
  } finally {
    // This tick's time, counted toward the person's daily trigger runtime, whatever happened in it.
    ctx.triggerTime().record(startedAt, Date.now() - startedAt, ctx.userLock());
  }
}

function tick(ctx: ReturnType<typeof createContext>, startedAt: number): void {
  const env = {
    ...ctx.runEnvironment(),
    owner: ctx.userKey(),
    maintenance: { transport: ctx.transport, hosts: ctx.hosts() },
    mail: mailer(),
    spreadsheetName: ctx.spreadsheet().getName(),
    triggerTime: { ledger: ctx.triggerTime(), startedAt },
  };
  let report;
  try {
    report = dispatch(env, ctx.deadline);
  } catch (e) {
    if (!isStoreFull(e)) throw e;
    // The document's property store is full: say so where the owner looks, instead of failing silently every hour.
    reportStoreFull(ctx, env.mail, env.spreadsheetName);
    return;
  } finally {
    ctx.releaseThrottles();
  }
  logRuns(ctx, report.entries);
  if (!report.hasSchedules) syncTrigger(ctx, false);
}

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

/** A line in the log tab and the console every time; an e-mail to the person at most once a day per spreadsheet. */
function reportStoreFull(ctx: ReturnType<typeof createContext>, mail: (subject: string, body: string) => void, spreadsheetName: string): void {
  const now = Date.now();
  ctx.log.warn(STORE_FULL_TEXT);
  logRuns(ctx, [{ at: now, report: 'Sheetgram', account: '', tab: '', trigger: 'schedule', status: 'failed', rowsAdded: 0, rowsUpdated: 0, calls: 0, durationMs: 0, message: STORE_FULL_TEXT }]);
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
