/// <reference lib="dom" />
// The E-mails panel at the bottom of the page: what the add-on sent through MailApp (failure, sign-in and
// alert e-mails, the Weekly Digest), newest first. Choosing one shows its To line and subject as text,
// and the message itself in a sandboxed frame (no scripts, an origin of its own) from
// /api/mail/message, which the server sends under a policy that lets nothing in it run or load.
// The count follows every poll; the list is fetched again while the panel is open and the data moved.
import type { MailView } from './api';
import { panelData, type PanelData } from './panel-data';
import { byId, clear, el } from './dom';

const panel = () => byId<HTMLDetailsElement>('mail');

type Message = MailView['messages'][number];

/** The outbox index of the message shown, if any. */
let shown: number | null = null;
let data: PanelData | null = null;

export function attachMail(): void {
  data = panelData<MailView>(panel, '/api/mail', drawList);
}

/** Told the number of e-mails and the server's data version at every poll. */
export function followMail(count: number, version: number): void {
  byId('mail-count').textContent = `(${count.toLocaleString('en-US')})`;
  data?.follow(version);
}

function drawList(view: MailView): void {
  byId('mail-count').textContent = `(${view.messages.length.toLocaleString('en-US')})`;
  byId('mail-zone').textContent = view.timeZone;
  const host = byId('mail-list');
  clear(host);
  byId('mail-empty').hidden = view.messages.length > 0;
  for (const message of view.messages) host.append(el('li', {}, messageButton(message)));
}

function messageButton(message: Message): HTMLButtonElement {
  // Spaces between the parts: the button's name reads "time to subject", not one run-on word.
  const button = el('button', { type: 'button', class: 'mail-item', 'data-index': String(message.index), 'aria-pressed': String(message.index === shown) },
    el('span', { class: 'mail-time' }, message.sentText), ' ',
    el('span', { class: 'mail-to' }, message.to), ' ',
    el('span', { class: 'mail-subject' }, message.subject || '(no subject)'), ' ',
    extras(message));
  button.addEventListener('click', () => show(message));
  return button;
}

/** "(HTML, 2 images, 1 attachment)", or nothing for a plain-text e-mail. */
function extras(message: Message): HTMLSpanElement | null {
  const parts = [
    message.hasHtml ? 'HTML' : '',
    message.images ? plural(message.images, 'image') : '',
    message.attachments ? plural(message.attachments, 'attachment') : '',
  ].filter(Boolean);
  return parts.length ? el('span', { class: 'mail-extras' }, `(${parts.join(', ')})`) : null;
}

function show(message: Message): void {
  shown = message.index;
  for (const button of byId('mail-list').querySelectorAll<HTMLButtonElement>('button.mail-item')) {
    button.setAttribute('aria-pressed', String(button.dataset.index === String(message.index)));
  }
  const section = byId('mail-message');
  section.hidden = false;
  byId('mail-subject').textContent = message.subject || '(no subject)';
  byId('mail-to').textContent = `To: ${message.to}`;
  byId('mail-sent').textContent = `Sent ${message.sentText}`;
  // A new frame each time: its sandbox is set before it loads anything.
  const frame = el('iframe', {
    id: 'mail-frame', class: 'mail-frame', sandbox: '', referrerpolicy: 'no-referrer',
    title: `E-mail: ${message.subject || '(no subject)'}`, src: `/api/mail/message?index=${message.index}`,
  });
  byId('mail-frame').replaceWith(frame);
}

function plural(n: number, one: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : `${one}s`}`;
}
