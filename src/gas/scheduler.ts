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
  const ctx = createContext();
  const env = {
    ...ctx.runEnvironment(),
    owner: ctx.userKey(),
    maintenance: { transport: ctx.transport, hosts: ctx.hosts() },
    mail: mailer(),
    spreadsheetName: ctx.spreadsheet().getName(),
  };
  let report;
  try {
    report = dispatch(env, ctx.deadline);
  } finally {
    ctx.releaseThrottles();
  }
  logRuns(ctx, report.entries);
  if (!report.hasSchedules) syncTrigger(ctx, false);
}
