// MailApp: messages go to an outbox the tests read; the daily quota counts recipients (100 for
// consumer accounts, reference §1.1). HTML mail may carry inline images (inlineImages, shown by
// <img src="cid:key">) and attachments; each message must fit Google's per-message limits, checked
// before the daily quota is touched, so a refused message sends nothing and costs no quota.
import { DailyQuota, enterService, GOOGLE_ERRORS, guarded, type Platform } from '../platform';
import type { Account } from '../quotas';
import { fromByteArray, isBlobLike } from './url-fetch/bytes';

export const MAIL_DAILY_RECIPIENTS = 100;

/**
 * Google's quotas page, "Current limitations" (a current Markdown copy of
 * developers.google.com/apps-script/guides/services/quotas): email attachments 250 / msg, email body
 * size 200 KB / msg (400 KB for Workspace), email recipients per message 50 / msg, email total
 * attachments size 25 MB / msg, the same for both kinds of account but the body.
 *
 * What "body size" counts is not documented. Here it is the UTF-8 bytes of body and htmlBody together
 * (the strict reading: a message carries both parts; logs report "Email Body Size" for large HTML
 * mail). Inline images count as attachments, in number and in size (they travel as MIME parts like
 * attachments): also the strict reading. KB and MB are 1,024 and 1,024 x 1,024 bytes, as elsewhere here.
 */
export const MAIL_LIMITS: Record<Account, { bodyBytes: number; attachmentsBytes: number; attachments: number; recipients: number }> = {
  consumer: { bodyBytes: 200 * 1024, attachmentsBytes: 25 * 1024 * 1024, attachments: 250, recipients: 50 },
  workspace: { bodyBytes: 400 * 1024, attachmentsBytes: 25 * 1024 * 1024, attachments: 250, recipients: 50 },
};

/** An attachment or inline image as sent: bytes as a Buffer, with the blob's content type and name. */
export interface MailPart {
  contentType: string | null;
  name: string | null;
  bytes: Buffer;
}

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
  /** options.inlineImages: key (the cid) to image. */
  inlineImages?: Record<string, MailPart>;
  attachments?: MailPart[];
  sentAt: number;
}

export class Outbox {
  readonly messages: SentMail[] = [];
  readonly quota: DailyQuota;
  readonly limits: (typeof MAIL_LIMITS)[Account];

  /** The runtime passes its counter (rt.quotas 'email': 100 consumer, 1,500 Workspace) and account. */
  constructor(quota: DailyQuota = new DailyQuota(MAIL_DAILY_RECIPIENTS), account: Account = 'consumer') {
    this.quota = quota;
    this.limits = MAIL_LIMITS[account];
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
  attachments?: unknown;
  inlineImages?: unknown;
}

/**
 * A BlobSource (anything with getBlob()) or a Blob (getBytes(), getContentType()) as sent. `argument`
 * names it in Google's invalid-argument message (wording unverified) when it is neither.
 */
function partOf(value: unknown, argument: string): MailPart {
  let blob: unknown = value;
  if (value && typeof value === 'object' && 'getBlob' in value && typeof (value as { getBlob: unknown }).getBlob === 'function') {
    blob = (value as { getBlob(): unknown }).getBlob();
  }
  if (!isBlobLike(blob)) throw new Error(GOOGLE_ERRORS.invalidArgument(argument));
  const read = (member: 'getContentType' | 'getName') => {
    const fn = member in blob ? (blob as unknown as Record<string, unknown>)[member] : undefined;
    const v = typeof fn === 'function' ? (fn as () => unknown).call(blob) : null;
    return v === null || v === undefined ? null : String(v);
  };
  return { contentType: read('getContentType'), name: read('getName'), bytes: Buffer.from(fromByteArray(blob.getBytes())) };
}

function partsOf(message: MailOptions): { attachments?: MailPart[]; inlineImages?: Record<string, MailPart> } {
  const out: { attachments?: MailPart[]; inlineImages?: Record<string, MailPart> } = {};
  if (message.attachments !== undefined && message.attachments !== null) {
    if (!Array.isArray(message.attachments)) throw new Error(GOOGLE_ERRORS.invalidArgument('attachments'));
    out.attachments = message.attachments.map((a, i) => partOf(a, `attachments[${i}]`));
  }
  if (message.inlineImages !== undefined && message.inlineImages !== null) {
    if (typeof message.inlineImages !== 'object' || Array.isArray(message.inlineImages)) throw new Error(GOOGLE_ERRORS.invalidArgument('inlineImages'));
    out.inlineImages = Object.fromEntries(
      Object.entries(message.inlineImages as Record<string, unknown>).map(([key, image]) => [key, partOf(image, `inlineImages.${key}`)]),
    );
  }
  return out;
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
      // Per-message limits first: a refused message sends nothing and takes no daily quota.
      const limits = outbox.limits;
      if (to.length + cc.length + bcc.length > limits.recipients) throw new Error(GOOGLE_ERRORS.mailRecipientsPerMessage);
      const bodyBytes = Buffer.byteLength(String(message.body ?? ''), 'utf8') + (message.htmlBody === undefined ? 0 : Buffer.byteLength(String(message.htmlBody), 'utf8'));
      if (bodyBytes > limits.bodyBytes) throw new Error(GOOGLE_ERRORS.mailBodySize);
      const parts = partsOf(message);
      const all = [...(parts.attachments ?? []), ...Object.values(parts.inlineImages ?? {})];
      if (all.length > limits.attachments) throw new Error(GOOGLE_ERRORS.mailAttachmentsPerMessage);
      if (all.reduce((n, p) => n + p.bytes.length, 0) > limits.attachmentsBytes) throw new Error(GOOGLE_ERRORS.mailAttachmentsSize);
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
        ...parts,
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
