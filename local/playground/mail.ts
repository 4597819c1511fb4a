// The playground's E-mails panel: what the add-on sent through MailApp (the runtime's outbox, rt.mail),
// listed newest first, and one message as a page to show in a sandboxed frame: its HTML with the inline
// images (cid:KEY) as data: URLs, or its plain text in a <pre>. The page is served under MESSAGE_CSP,
// so nothing in an e-mail runs or reaches out, whatever the add-on put in it.
import type { MailView } from './views';

/**
 * What is read of a sent message (structurally the runtime's SentMail, local/apps-script/services/mail.ts):
 * inline images and attachments are optional, so an outbox without them reads the same.
 */
export interface MailPartLike {
  contentType: string | null;
  name: string | null;
  bytes: Uint8Array;
}

export interface MailLike {
  to: readonly string[];
  subject: string;
  body: string;
  htmlBody?: string;
  inlineImages?: Record<string, MailPartLike>;
  attachments?: readonly MailPartLike[];
  sentAt: number;
}

/** Served with every message page: no script, no request anywhere (images are data: URLs), no form, no plugin. */
export const MESSAGE_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; form-action 'none'; base-uri 'none'; frame-ancestors 'self'";

/** The list: newest first, each by its place in the outbox (the index the message page takes). */
export function mailView(outbox: readonly MailLike[], timeZone: string, timeText: (ms: number) => string): MailView {
  const messages = outbox.map((m, index) => ({
    index,
    sentAt: new Date(m.sentAt).toISOString(),
    sentText: timeText(m.sentAt),
    to: m.to.join(', '),
    subject: m.subject,
    hasHtml: hasHtml(m),
    images: Object.keys(m.inlineImages ?? {}).length,
    attachments: m.attachments?.length ?? 0,
  }));
  return { timeZone, messages: messages.reverse() };
}

/** An empty htmlBody shows nothing: the plain body is what there is to read. */
const hasHtml = (mail: MailLike): mail is MailLike & { htmlBody: string } => typeof mail.htmlBody === 'string' && mail.htmlBody.trim() !== '';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A type fit for a data: URL (type/subtype, no parameters); anything else is plain bytes. */
function mediaType(contentType: string | null): string {
  const type = (contentType ?? '').trim().toLowerCase();
  return /^[a-z0-9][\w.+-]*\/[\w.+-]+$/.test(type) ? type : 'application/octet-stream';
}

function dataUrl(part: MailPartLike): string {
  return `data:${mediaType(part.contentType)};base64,${Buffer.from(part.bytes).toString('base64')}`;
}

/** src="cid:KEY", src='cid:KEY' or src=cid:KEY; the quote is kept so the attribute stays as it was. */
const CID_SRC = /(\bsrc\s*=\s*)(["']?)cid:([^"'\s>]+)\2/gi;

/** The HTML body with each src="cid:KEY" of a known inline image as its data: URL; an unknown cid stays as it is. */
export function inlineCidImages(html: string, images: Record<string, MailPartLike> = {}): string {
  return html.replace(CID_SRC, (whole, prefix: string, quote: string, key: string) => {
    const image = Object.hasOwn(images, key) ? images[key] : null;
    return image ? `${prefix}${quote}${dataUrl(image)}${quote}` : whole;
  });
}

/** The message as a page for the panel's frame: its HTML (images inlined) or its plain text, escaped. */
export function messageHtml(mail: MailLike): string {
  if (hasHtml(mail)) return inlineCidImages(mail.htmlBody, mail.inlineImages);
  return '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:0">'
    + `<pre style="margin:12px;white-space:pre-wrap;overflow-wrap:anywhere;font:13px/1.45 Roboto Mono,monospace">${escapeHtml(mail.body)}</pre></body></html>`;
}
