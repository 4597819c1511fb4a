// Sends each account's alerts at most once a day: the alerts found that were not e-mailed yet, all in one
// e-mail. An alert found after the day's e-mail waits for the next day's (it stays recent for a week);
// an e-mail Google's quota refused is tried again with the next runs that write rows, nothing marked sent.
import type { KeyValueStore, Log } from '../ports';
import { calendarDateIn, isoDate } from '../reports/dates';
import type { Table } from '../functions/tables';
import { alertsOf, type Alert } from './checks';
import { ALERTS_PREFIX, parseAlertSettings } from './settings';

export const SENT_PREFIX = 'sheetgram.alertsSent.';
/** Alert ids remembered per account: more than a week of alerts. */
const REMEMBERED = 60;

interface Sent {
  /** The day (YYYY-MM-DD, spreadsheet time zone) of the account's last alert e-mail. */
  day: string;
  ids: string[];
}

export interface AlertDeps {
  store: KeyValueStore;
  /** The running person's Sheetgram user key: only the alerts they set are theirs to send. */
  owner: string;
  /** The username of a connected account, by id (null: not known). */
  username(accountId: string): string | null;
  /** The account's rows of User's Information, and the Post Growth tab. */
  profile(accountId: string): Table | null;
  growth(): Table | null;
  timeZone: string;
  now: number;
  /** Sends an e-mail to the person: whether it went, Google's daily quota held it back, or there is no address to send to. */
  mail(subject: string, body: string): 'sent' | 'no_quota' | 'no_address';
  log: Log;
}

function sentOf(store: KeyValueStore, accountId: string): Sent {
  try {
    const raw = JSON.parse(store.get(SENT_PREFIX + accountId) ?? '') as Partial<Sent>;
    return { day: typeof raw.day === 'string' ? raw.day : '', ids: Array.isArray(raw.ids) ? raw.ids.filter((i): i is string => typeof i === 'string') : [] };
  } catch {
    return { day: '', ids: [] };
  }
}

/** E-mails the alerts due; returns the accounts e-mailed about. */
export function sendAlerts(deps: AlertDeps): string[] {
  const today = calendarDateIn(deps.now, deps.timeZone);
  const day = isoDate(today);
  const sentTo: string[] = [];
  let growth: { table: Table | null } | undefined;
  for (const [key, raw] of Object.entries(deps.store.getAll())) {
    if (!key.startsWith(ALERTS_PREFIX)) continue;
    const accountId = key.slice(ALERTS_PREFIX.length);
    const settings = parseAlertSettings(raw);
    const username = deps.username(accountId);
    if (!settings || settings.by !== deps.owner || !username) continue;
    const sent = sentOf(deps.store, accountId);
    if (sent.day === day) continue;
    const fresh: Alert[] = alertsOf({
      username, accountId, settings, profile: deps.profile(accountId), growth: settings.postBelowPercent !== undefined ? (growth ??= { table: deps.growth() }).table : null,
      timeZone: deps.timeZone, today,
    }).filter((a) => !sent.ids.includes(a.id));
    if (!fresh.length) continue;
    const body = [`Sheetgram found ${fresh.length === 1 ? 'this' : 'these'} for @${username}:`, '', ...fresh.map((a) => `- ${a.text}`), '',
      'Change or turn off the alerts on the account in the sidebar (Extensions > Sheetgram > Open sidebar, then Alerts).'].join('\n');
    const mailed = deps.mail(`Sheetgram alert: @${username}`, body);
    if (mailed === 'no_quota') {
      deps.log.warn(`Alerts for @${username} wait: Google's daily e-mail quota is used up; the next run tries again.`);
      continue;
    }
    // Without an address (Google did not say the person's, none typed under E-mails) a retry cannot help.
    if (mailed === 'no_address') deps.log.warn(`Alerts for @${username} found but not e-mailed: no address to send to. Type one under E-mails in the sidebar.`);
    deps.store.set(SENT_PREFIX + accountId, JSON.stringify({ day, ids: [...sent.ids, ...fresh.map((a) => a.id)].slice(-REMEMBERED) }));
    if (mailed === 'sent') {
      deps.log.info(`Alerts e-mailed for @${username}: ${fresh.length}.`);
      sentTo.push(accountId);
    }
  }
  return sentTo;
}
