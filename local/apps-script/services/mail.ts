// MailApp: messages go to an outbox the tests read; the daily quota counts recipients (100 for
// consumer accounts, reference §1.1).
import { DailyQuota, enterService, GOOGLE_ERRORS, guarded, type Platform } from '../platform';

export const MAIL_DAILY_RECIPIENTS = 100;

export interface SentMail {
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  body: string;
  htmlBody?: string;
  name?: string;
  replyTo?: string;
  sentAt: number;
}

export class Outbox {
  readonly messages: SentMail[] = [];
  readonly quota: DailyQuota;

  /** The runtime passes its counter (rt.quotas 'email': 100 consumer, 1,500 Workspace). */
  constructor(quota: DailyQuota = new DailyQuota(MAIL_DAILY_RECIPIENTS)) {
    this.quota = quota;
  }
}

interface MailOptions {
  to?: string;
  cc?: string;
  bcc?: string;
  subject?: string;
  body?: string;
  htmlBody?: string;
  name?: string;
  replyTo?: string;
  noReply?: boolean;
}

const addresses = (list: string | undefined) => (list ? String(list).split(',').map((a) => a.trim()).filter(Boolean) : []);

export function createMailApp(platform: Platform, outbox: Outbox): GoogleAppsScript.Mail.MailApp {
  const mail = {
    sendEmail(recipientOrMessage: string | MailOptions, subject?: string, body?: string, options?: MailOptions) {
      const execution = enterService(platform, 'MailApp', 'sendEmail');
      const message: MailOptions = typeof recipientOrMessage === 'object' ? { ...recipientOrMessage } : { ...options, to: recipientOrMessage, subject, body };
      const to = addresses(message.to);
      const cc = addresses(message.cc);
      const bcc = addresses(message.bcc);
      if (to.length + cc.length + bcc.length === 0) throw new Error(GOOGLE_ERRORS.invalidArgument('recipient'));
      if (!outbox.quota.take(execution.user.id, platform.clock.now(), to.length + cc.length + bcc.length)) throw new Error(GOOGLE_ERRORS.mailQuota);
      outbox.messages.push({
        from: execution.user.email,
        to,
        cc,
        bcc,
        subject: String(message.subject ?? ''),
        body: String(message.body ?? ''),
        ...(message.htmlBody === undefined ? {} : { htmlBody: String(message.htmlBody) }),
        ...(message.name === undefined ? {} : { name: String(message.name) }),
        ...(message.replyTo === undefined ? {} : { replyTo: String(message.replyTo) }),
        sentAt: platform.clock.now(),
      });
    },
    getRemainingDailyQuota() {
      const execution = enterService(platform, 'MailApp', 'getRemainingDailyQuota');
      return outbox.quota.remaining(execution.user.id, platform.clock.now());
    },
  };
  return guarded('MailApp', mail) as unknown as GoogleAppsScript.Mail.MailApp;
}
