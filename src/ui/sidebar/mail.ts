// The e-mails section: tells the person that Sheetgram e-mails them when a report keeps failing and when
// a sign-in is about to expire or stops, and lets them turn either kind off, ask for the Weekly Digest on
// Mondays, and send them all to other addresses (checked here for a quick answer, and again on the server). The settings are the person's own.
import type { MailSettingsInput, MailSettingsView, SidebarState } from '../../contract/sidebar';
import { button, el, replaceChildren, uid } from './dom';
import { call } from './server';
import { announce, clearError, showError } from './notices';

/** At most this many addresses (each counts toward Google's daily e-mail limit); the server says the same. */
const MAX_ADDRESSES = 5;
/** How the server starts a refusal of the digest's own addresses (core/accounts/mail-settings.ts says the same). */
const DIGEST_REFUSED = 'For the Weekly Digest: ';
const ADDRESS = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\.]{2,}$/;

/** Whether the person unfolded the settings (kept across redraws). */
let open = false;
/** What the person changed and has not saved: a redraw (another action's new state) keeps it. */
let draft: { failures: boolean; signIns: boolean; digest: boolean; others: boolean; addresses: string; digestTo: string } | null = null;

/** Addresses as typed: split on commas, semicolons and spaces. */
export function typedAddresses(text: string): string[] {
  return text.split(/[\s,;]+/).map((a) => a.trim()).filter(Boolean);
}

/** What is wrong with the typed addresses, in a sentence; null when they can be saved. */
export function addressProblem(addresses: readonly string[]): string | null {
  if (!addresses.length) return 'Type at least one address, or choose your own address.';
  const wrong = addresses.filter((a) => !ADDRESS.test(a));
  if (wrong.length) return `${wrong.length === 1 ? 'This is not an e-mail address' : 'These are not e-mail addresses'}: ${wrong.slice(0, 3).join(', ')}. Type addresses like name@example.com, separated by commas.`;
  if (addresses.length > MAX_ADDRESSES) return `Type at most ${MAX_ADDRESSES} addresses: every address counts toward Google's daily e-mail limit.`;
  return null;
}

export function renderMail(host: HTMLElement, state: SidebarState): void {
  const mail = state.mail;
  if (!mail) {
    replaceChildren(host);
    return;
  }
  const summaryId = 'mail-summary';
  const details = el('details', { class: 'mail-settings' }, el('summary', {}, 'Change e-mail settings'), mailForm(host, state, mail));
  details.open = open;
  details.addEventListener('toggle', () => { open = details.open; });
  replaceChildren(host,
    el('h2', { id: 'mail-heading' }, 'E-mails'),
    el('p', { class: 'hint', id: summaryId }, mail.summary),
    details);
}

function choice(input: HTMLInputElement, label: string, line?: string): HTMLElement {
  const lineId = line ? `${input.id}-line` : undefined;
  if (lineId) input.setAttribute('aria-describedby', lineId);
  return el('div', { class: 'choice' }, input, el('label', { for: input.id }, label), line && el('div', { class: 'secondary-text', id: lineId }, line));
}

/**
 * A box of addresses with its hint's id and its error line. Typing in it tells `typed` (which ticks what
 * typing implies) and clears a refusal shown there.
 */
function addressBox(id: string, addresses: readonly string[], typed: (text: string) => void): { box: HTMLInputElement; hintId: string; error: HTMLElement } {
  const errorId = uid(`${id}-error`);
  const hintId = uid(`${id}-hint`);
  const box = el('input', {
    type: 'text', id: uid(id), value: addresses.join(', '), autocomplete: 'email', spellcheck: 'false', 'aria-describedby': `${hintId} ${errorId}`,
  });
  const error = el('p', { class: 'field-error', id: errorId, 'aria-live': 'polite' });
  box.addEventListener('input', () => {
    typed(box.value);
    box.removeAttribute('aria-invalid');
    replaceChildren(error);
  });
  return { box, hintId, error };
}

function mailForm(host: HTMLElement, state: SidebarState, mail: MailSettingsView): HTMLFormElement {
  const failures = el('input', { type: 'checkbox', id: uid('mail-failures'), checked: mail.failures });
  const signIns = el('input', { type: 'checkbox', id: uid('mail-sign-ins'), checked: mail.signIns });
  const digest = el('input', { type: 'checkbox', id: uid('mail-digest'), checked: mail.digest });
  // Typing addresses for the digest means wanting it.
  const { box: digestTo, hintId: digestHintId, error: digestError } = addressBox('mail-digest-to', mail.digestTo, (text) => {
    if (text.trim()) digest.checked = true;
  });
  const name = uid('mail-to');
  const me = el('input', { type: 'radio', name, id: uid('mail-to-me'), value: 'me', checked: mail.to.length === 0 });
  const others = el('input', { type: 'radio', name, id: uid('mail-to-others'), value: 'others', checked: mail.to.length > 0 });
  // Typing addresses means sending to them.
  const { box: addresses, hintId, error } = addressBox('mail-addresses', mail.to, () => {
    others.checked = true;
  });
  const save = button('Save e-mail settings', () => undefined, 'action');
  save.type = 'submit';
  if (draft) {
    [failures.checked, signIns.checked, digest.checked, others.checked, me.checked] = [draft.failures, draft.signIns, draft.digest, draft.others, !draft.others];
    [addresses.value, digestTo.value] = [draft.addresses, draft.digestTo];
  }
  const keep = () => {
    draft = { failures: failures.checked, signIns: signIns.checked, digest: digest.checked, others: others.checked, addresses: addresses.value, digestTo: digestTo.value };
  };
  const form = el('form', { class: 'mail-form', novalidate: true },
    el('fieldset', {}, el('legend', {}, 'E-mail me about'),
      choice(failures, 'Reports that keep failing', 'After three failed scheduled runs in a row (once, until the report runs again), and when the spreadsheet has no room left.'),
      choice(signIns, 'Sign-ins that expire or stop working', 'A week before a Facebook sign-in expires, and when an account must be reconnected or a report needs a permission.'),
      choice(digest, 'The Weekly Digest, on Mondays', 'This week against last for each account, with the followers and reach charts, from each spreadsheet where your reports run.'),
      el('div', { class: 'form-group addresses digest-addresses' },
        el('label', { for: digestTo.id }, 'Send the digest to'),
        digestTo,
        el('div', { class: 'secondary-text', id: digestHintId }, `Empty: where the others go. A team or a manager, say; at most ${MAX_ADDRESSES}.`),
        digestError)),
    el('fieldset', {}, el('legend', {}, 'Send them to'),
      choice(me, mail.ownAddress ? `My address (${mail.ownAddress})` : 'My address'),
      choice(others, 'These addresses'),
      el('div', { class: 'form-group addresses others-addresses' },
        el('label', { for: addresses.id, class: 'visually-hidden' }, 'Addresses to send them to'),
        addresses,
        el('div', { class: 'secondary-text', id: hintId }, `Separate addresses with commas; at most ${MAX_ADDRESSES}.`),
        error)),
    el('div', { class: 'buttons' }, save));
  // After the boxes' own listeners (which tick what typing implies).
  form.addEventListener('input', keep);
  form.addEventListener('change', keep);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const typed = typedAddresses(addresses.value);
    const typedForDigest = typedAddresses(digestTo.value);
    const refuse = (box: HTMLInputElement, line: HTMLElement, problem: string) => {
      replaceChildren(line, problem);
      box.setAttribute('aria-invalid', 'true');
      box.focus();
    };
    const problem = others.checked ? addressProblem(typed) : null;
    if (problem) return refuse(addresses, error, problem);
    const digestProblem = typedForDigest.length ? addressProblem(typedForDigest) : null;
    if (digestProblem) return refuse(digestTo, digestError, digestProblem);
    const input: MailSettingsInput = {
      failures: failures.checked, signIns: signIns.checked, digest: digest.checked, to: others.checked ? typed : 'me', digestTo: typedForDigest,
    };
    void saveSettings(host, state, input, save, (message) => {
      // The server names the digest's own addresses when those are what it refused.
      if (message.startsWith(DIGEST_REFUSED)) refuse(digestTo, digestError, message.slice(DIGEST_REFUSED.length));
      else refuse(addresses, error, message);
    });
  });
  return form;
}

async function saveSettings(host: HTMLElement, state: SidebarState, input: MailSettingsInput, save: HTMLButtonElement, refused: (message: string) => void): Promise<void> {
  clearError();
  save.disabled = true;
  try {
    const result = await call('saveMailSettings', input);
    // Only this section changes: the rest of the sidebar stays as it is.
    state.mail = result.mail;
    draft = null;
    open = false;
    renderMail(host, state);
    announce(result.message);
    host.querySelector<HTMLElement>('summary')?.focus();
  } catch (error) {
    const sentence = showError(error, 'Could not save the e-mail settings');
    if (String((error as { message?: unknown } | null)?.message ?? '').includes('[sheetgram:invalid_input]')) refused(sentence);
  } finally {
    save.disabled = false;
  }
}
