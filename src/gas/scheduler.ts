// The hourly dispatcher trigger's handler: runs, as the user who installed it, whatever of theirs is
// due in this document, renews their sign-ins, logs the runs, and removes itself when nothing is left.
import { MAIL_SETTINGS_KEY, mailFooter, parseMailSettings, recipientsOf, type MailKind, type MailSettings } from '../core/accounts/mail-settings';
import { dispatch } from '../core/schedule/dispatch';
import { createContext } from './context';
import { refreshWaitingDashboards } from './dashboard';
import { digestAfterTick } from './digest';
import { digestMailAfterTick } from './digest-mail';
import { alertsAfterTick } from './alerts';
import { logRuns } from './run-log';
import { spreadsheetCellsNotice } from './spreadsheet-cells';
import { repairStore } from './repair';
import { isStoreFull, reportStoreFull } from './store-full';
import { syncTrigger } from './trigger';

/**
 * Sends the running person's e-mails as their e-mail settings say: a kind they turned off goes nowhere,
 * the rest to their own address or the addresses they chose. A message the core does not classify is a
 * failure e-mail (a full store, a spreadsheet out of room). Read once per tick, when the first e-mail goes.
 */
function mailer(ctx: ReturnType<typeof createContext>): (subject: string, body: string, kind?: MailKind) => void {
  let settings: MailSettings | null = null;
  return (subject, body, kind = 'failure') => {
    settings ??= parseMailSettings(ctx.userProps().get(MAIL_SETTINGS_KEY));
    const to = recipientsOf(settings, kind, settings.to.length ? '' : Session.getEffectiveUser().getEmail());
    // Every recipient counts toward the daily quota: all of them, or none (a half-sent warning misleads).
    if (to.length && MailApp.getRemainingDailyQuota() >= to.length) MailApp.sendEmail(to.join(','), subject, `${body}${mailFooter(kind)}`);
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
    mail: mailer(ctx),
    spreadsheetName: ctx.spreadsheet().getName(),
    triggerTime: { ledger: ctx.triggerTime(), startedAt },
    repairs: repairStore(ctx),
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
  // Charts and figures of a dashboard that waited for these rows appear now, without a rebuild by hand.
  refreshWaitingDashboards(ctx, report.entries);
  // On Mondays: the week just ended against the one before, from the tabs these runs filled.
  digestAfterTick(ctx, report.entries);
  // The alerts this person set on accounts, over the rows these runs wrote: one e-mail a day per account at most.
  alertsAfterTick(ctx, report.entries);
  // For a person who asked for it: the digest by e-mail, once per Monday, after the Monday's runs; said in the log tab.
  try {
    const digestMail = digestMailAfterTick(ctx);
    if (digestMail) logRuns(ctx, [digestMail]);
  } catch (e) {
    // A by-product: the runs and their log stand.
    ctx.log.warn(`Weekly Digest e-mail: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!report.hasSchedules) syncTrigger(ctx, false);
}
