// Alerts (core/alerts): the sidebar's "Alerts" on an account saves them in the document's properties,
// with the person who set them; their hourly runs check the tabs after the runs and e-mail them, within
// Google's daily e-mail quota, at most once a day per account.
import { alertsKey, checkAlertInput, parseAlertSettings, serializeAlertSettings } from '../core/alerts/settings';
import { sendAlerts } from '../core/alerts/send';
import { MAIL_SETTINGS_KEY, mailFooter, parseMailSettings, recipientsOf } from '../core/accounts/mail-settings';
import { reportTable } from '../core/functions/tables';
import { getReport } from '../core/reports/registry';
import type { RunLogEntry } from '../core/run/run-log';
import { POST_GROWTH_TAB } from '../core/growth/post-growth';
import { SidebarError } from '../core/sidebar/errors';
import type { AlertsInput, AlertsView } from '../contract/sidebar';
import { reportTables, tableOf } from './adapters/report-tables';
import { createContext, type GasContext } from './context';
import { ownAddress } from './mail-settings';
import { serve } from './serve';

/** Not started with less left of the execution: reading two tabs and one e-mail must fit. */
const ALERTS_RESERVE_MS = 20_000;

export function alertsView(ctx: GasContext, accountId: string): AlertsView {
  const settings = parseAlertSettings(ctx.documentProps().get(alertsKey(accountId)));
  return {
    followerDrop: settings?.followerDrop ?? null, postBelowPercent: settings?.postBelowPercent ?? null,
    byYou: !settings || settings.by === ctx.userKey(),
  };
}

export function saveAlerts(input: AlertsInput): { message: string; alerts: AlertsView } {
  const startedAt = Date.now();
  return serve(() => {
    const ctx = createContext(startedAt);
    const account = ctx.accounts().get(String(input?.accountId ?? ''));
    if (!account) throw new SidebarError('invalid_input', 'That account is not connected here: reload the sidebar.');
    const checked = checkAlertInput(input, ctx.userKey());
    if (typeof checked === 'string') throw new SidebarError('invalid_input', checked);
    const stored = serializeAlertSettings(checked);
    if (stored === null) ctx.documentProps().delete(alertsKey(account.id));
    else ctx.documentProps().set(alertsKey(account.id), stored);
    const alerts = alertsView(ctx, account.id);
    const to = ownAddress() || 'you';
    // Only this person's hourly runs send them: without a scheduled report of theirs here, there are none.
    const runs = ctx.configs().list().some((c) => c.owner === ctx.userKey() && c.schedule.kind !== 'off');
    const message = stored === null ? `Alerts for @${account.username} are off.`
      : runs ? `Alerts for @${account.username} saved: your hourly runs check after each run and e-mail ${to} at most once a day.`
        : `Alerts for @${account.username} saved, but your hourly runs send them and you have no scheduled report in this spreadsheet: schedule one of this account's reports, or ask the editor whose reports run to set the alerts.`;
    return { message, alerts };
  });
}

/** The reports alerts read: only a tick that wrote their rows can find something new. */
const READ = new Set([getReport('user_information').title, getReport('media_insights').title]);

/** After a tick's runs: the alerts this person set, checked against the tabs and e-mailed. */
export function alertsAfterTick(ctx: GasContext, entries: RunLogEntry[]): void {
  // Alerts held back (the day's e-mail gone, the quota spent) go with the next day's runs.
  if (!entries.some((e) => READ.has(e.report) && e.rowsAdded + e.rowsUpdated > 0)) return;
  if (ctx.clock.now() + ALERTS_RESERVE_MS > ctx.deadline) return;
  const props = ctx.documentProps();
  if (!Object.keys(props.getAll()).some((k) => k.startsWith('sheetgram.alerts.'))) return;
  const table = reportTables(ctx.spreadsheet());
  const sources = {
    configurations: () => ctx.configs().list(), ownerAccounts: () => [], table, now: () => ctx.clock.now(), timeZone: () => ctx.timeZone(),
  };
  try {
    sendAlerts({
      store: props, owner: ctx.userKey(), timeZone: ctx.timeZone(), now: ctx.clock.now(), log: ctx.log,
      username: (id) => ctx.accounts().get(id)?.username ?? null,
      profile: (id) => {
        const username = ctx.accounts().get(id)?.username ?? id;
        return reportTable(sources, { id, username }, 'user_information');
      },
      growth: () => {
        const sheet = ctx.spreadsheet().getSheetByName(POST_GROWTH_TAB);
        return sheet ? tableOf(sheet) : null;
      },
      mail: (subject, body) => {
        const settings = parseMailSettings(ctx.userProps().get(MAIL_SETTINGS_KEY));
        const to = recipientsOf(settings, 'alert', settings.to.length ? '' : ownAddress());
        // Every recipient counts toward the daily quota: all of them, or none.
        if (!to.length) return 'no_address';
        if (MailApp.getRemainingDailyQuota() < to.length) return 'no_quota';
        MailApp.sendEmail(to.join(','), subject, `${body}${mailFooter('alert')}`);
        return 'sent';
      },
    });
  } catch (e) {
    ctx.log.warn(`Alerts: ${e instanceof Error ? e.message : String(e)}`);
  }
}
