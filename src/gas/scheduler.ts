// The hourly dispatcher trigger's handler: runs, as the user who installed it, whatever of theirs is
// due in this document, renews their sign-ins, logs the runs, and removes itself when nothing is left.
import { dispatch } from '../core/schedule/dispatch';
import { createContext } from './context';
import { logRuns } from './run-log';
import { spreadsheetCellsNotice } from './spreadsheet-cells';
import { isStoreFull, reportStoreFull } from './store-full';
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
  // A tick that added rows may have taken the spreadsheet past a size level: one line and one e-mail per level.
  logRuns(ctx, [...report.entries, ...spreadsheetCellsNotice(ctx, report.entries, env.mail)]);
  if (!report.hasSchedules) syncTrigger(ctx, false);
}
