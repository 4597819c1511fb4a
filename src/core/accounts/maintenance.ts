// Keeps sign-ins working without the person: Instagram Login tokens are renewed before they expire,
// Facebook Login tokens (which cannot be renewed) get one warning e-mail, and an expired or revoked
// token marks its account "reconnect needed" so its reports stop cleanly instead of failing hourly.
// A Facebook Login account with a Page token is not stopped when the user token expires: its reports
// go on with the Page token, and only those that need the user token wait for a reconnect.
import type { Clock } from '../ports';
import { isGraphApiError } from '../graph/errors';
import { refreshInstagramToken, type TokenDeps } from '../graph/tokens';
import { calendarDateIn, isoDate } from '../reports/dates';
import type { AccountStore } from './account-store';
import type { MailKind } from './mail-settings';
import { tokenAction, USER_TOKEN_REPORTS_TEXT } from './token-policy';
import type { ConnectedAccount } from './types';

export interface MaintenanceDeps extends TokenDeps {
  accounts: AccountStore;
  clock: Clock;
  timeZone: string;
  /** Sends one e-mail to the person who connected the account; kind: what it is about (their e-mail settings). */
  mail(subject: string, body: string, kind?: MailKind): void;
}

export interface MaintenanceReport {
  refreshed: string[];
  warned: string[];
  /** Accounts now marked "reconnect needed". */
  stopped: string[];
  /** Renewals that failed for a reason that may pass (network, Instagram down): tried again next tick. */
  retryLater: { account: string; message: string }[];
}

const day = (ms: number, zone: string) => isoDate(calendarDateIn(ms, zone));

export function markReconnect(accounts: AccountStore, account: ConnectedAccount, reason: string): void {
  accounts.save({ ...account, reconnectReason: reason });
}

export function maintainTokens(deps: MaintenanceDeps): MaintenanceReport {
  const report: MaintenanceReport = { refreshed: [], warned: [], stopped: [], retryLater: [] };
  const now = deps.clock.now();
  for (const account of deps.accounts.list()) {
    const action = tokenAction(account, now);
    if (action === 'expired') {
      markReconnect(deps.accounts, account, `The sign-in expired on ${day(account.tokenExpiresAt ?? now, deps.timeZone)}.`);
      report.stopped.push(account.username);
    } else if (action === 'warn') {
      const on = day(account.tokenExpiresAt ?? now, deps.timeZone);
      const what = account.pageToken
        ? `The Facebook Login sign-in that Sheetgram uses for @${account.username}'s ${USER_TOKEN_REPORTS_TEXT} expires on ${on}, and Facebook does not let Sheetgram renew it. `
          + "The account's other reports keep running after that date: they read with the Page's own access token, which does not expire.\n\n"
        : `The Facebook Login sign-in that Sheetgram uses for @${account.username} expires on ${on}, and Facebook does not let Sheetgram renew it.\n\n`;
      deps.mail(
        `Sheetgram: reconnect @${account.username} before ${on}`,
        `${what}Open the spreadsheet, then Extensions > Sheetgram > Open sidebar, and click Reconnect next to the account. Your reports and tabs stay as they are.\n`,
        'sign_in',
      );
      deps.accounts.save({ ...account, expiryWarningSentAt: now });
      report.warned.push(account.username);
    } else if (action === 'refresh') {
      const token = deps.accounts.token(account.id);
      if (!token) {
        markReconnect(deps.accounts, account, 'Sheetgram has no sign-in for this account.');
        report.stopped.push(account.username);
        continue;
      }
      try {
        const grant = refreshInstagramToken(deps, { longLivedToken: token.accessToken });
        const expiresAt = grant.expiresIn ? now + grant.expiresIn * 1000 : null;
        deps.accounts.save({ ...account, tokenIssuedAt: now, tokenExpiresAt: expiresAt }, { accessToken: grant.accessToken, issuedAt: now, expiresAt });
        report.refreshed.push(account.username);
      } catch (e) {
        if (isGraphApiError(e) && e.kind === 'auth') {
          markReconnect(deps.accounts, account, e.userMessage);
          report.stopped.push(account.username);
        } else {
          report.retryLater.push({ account: account.username, message: isGraphApiError(e) ? e.userMessage : String(e) });
        }
      }
    }
  }
  return report;
}
