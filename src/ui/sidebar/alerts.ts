// An account's alerts, folded under its card: e-mail when the followers drop by more than a number in a
// day, or when a post's first day falls below a share of the median of the posts before it. Off until
// the person types a number; an empty box turns that alert off again. The server checks the numbers.
import type { AccountView, AlertsInput, AlertsView } from '../../contract/sidebar';
import { button, el, replaceChildren, uid } from './dom';
import { call } from './server';
import { announce, clearError, showError } from './notices';

/** Accounts whose alerts the person unfolded (kept across redraws). */
const unfolded = new Set<string>();
/** What the person typed and has not saved, by account: a redraw (another action's new state) keeps it. */
const drafts = new Map<string, { drop: string; post: string }>();

export function alertsSummary(alerts: AlertsView | undefined): string {
  const on = [
    alerts?.followerDrop != null && `followers drop by more than ${alerts.followerDrop} in a day`,
    alerts?.postBelowPercent != null && `a post's first-day views are below ${alerts.postBelowPercent}% of the median of the posts before it`,
  ].filter(Boolean);
  if (!on.length) return 'Alerts: off.';
  const who = alerts?.byYou === false ? ' (set by another editor: their runs send them)' : '';
  return `Alerts: e-mail when ${on.join(', or when ')}${who}.`;
}

export function alertsBlock(account: AccountView): HTMLElement {
  const host = el('div', { class: 'alerts' });
  render(host, account);
  return host;
}

function render(host: HTMLElement, account: AccountView): void {
  const details = el('details', { class: 'alerts-settings' }, el('summary', {}, 'Alerts'), form(host, account));
  details.open = unfolded.has(account.id);
  details.addEventListener('toggle', () => {
    if (details.open) unfolded.add(account.id);
    else unfolded.delete(account.id);
  });
  replaceChildren(host, el('p', { class: 'secondary-text alerts-summary' }, alertsSummary(account.alerts)), details);
}

function numberBox(id: string, value: number | null | undefined, describedBy: string): HTMLInputElement {
  return el('input', { type: 'text', inputmode: 'numeric', id, value: value == null ? '' : String(value), size: 8, 'aria-describedby': describedBy });
}

function form(host: HTMLElement, account: AccountView): HTMLFormElement {
  const errorId = uid('alerts-error');
  const dropLine = uid('alerts-drop-line');
  const postLine = uid('alerts-post-line');
  const drop = numberBox(uid('alerts-drop'), account.alerts?.followerDrop, `${dropLine} ${errorId}`);
  const post = numberBox(uid('alerts-post'), account.alerts?.postBelowPercent, `${postLine} ${errorId}`);
  const draft = drafts.get(account.id);
  if (draft) [drop.value, post.value] = [draft.drop, draft.post];
  for (const box of [drop, post]) box.addEventListener('input', () => drafts.set(account.id, { drop: drop.value, post: post.value }));
  const error = el('p', { class: 'field-error', id: errorId, 'aria-live': 'polite' });
  const save = button('Save alerts', () => undefined, 'action', { 'aria-label': `Save alerts for @${account.username}` });
  save.type = 'submit';
  const f = el('form', { class: 'alerts-form', novalidate: true },
    el('div', { class: 'form-group' },
      el('label', { for: drop.id }, 'Followers lost in a day, more than'), drop,
      el('div', { class: 'secondary-text', id: dropLine }, 'From one day\'s User\'s Information row to the next. Empty: no alert.')),
    el('div', { class: 'form-group' },
      el('label', { for: post.id }, 'A post\'s first-day views below (% of the median)'), post,
      el('div', { class: 'secondary-text', id: postLine }, 'Against the 10 posts before it at the same age, from the Post Growth tab. Empty: no alert.')),
    el('p', { class: 'secondary-text' }, 'At most one e-mail a day for this account, to the addresses under E-mails.'),
    error,
    el('div', { class: 'buttons' }, save));
  f.addEventListener('submit', (event) => {
    event.preventDefault();
    for (const box of [drop, post]) box.removeAttribute('aria-invalid');
    replaceChildren(error);
    // Checked here for a quick answer naming the box, and again on the server.
    const wrong = boxProblem(drop, 10_000_000, 'Type the followers lost in a day as a whole number such as 50, or leave it empty for no alert.')
      ?? boxProblem(post, 100, 'Type the share as a whole percent from 1 to 100 such as 50, or leave it empty for no alert.');
    if (wrong) {
      replaceChildren(error, wrong.sentence);
      wrong.box.setAttribute('aria-invalid', 'true');
      wrong.box.focus();
      return;
    }
    void saveAlerts(host, account, { accountId: account.id, followerDrop: drop.value.trim(), postBelowPercent: post.value.trim() }, save, (message) => {
      replaceChildren(error, message);
      for (const box of [drop, post]) box.setAttribute('aria-invalid', 'true');
      drop.focus();
    });
  });
  return f;
}

/** A box holding something other than a whole number from 1 to `max` (empty is fine: no alert). */
function boxProblem(box: HTMLInputElement, max: number, sentence: string): { box: HTMLInputElement; sentence: string } | null {
  const text = box.value.trim();
  if (text === '') return null;
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  return n >= 1 && n <= max ? null : { box, sentence };
}

async function saveAlerts(host: HTMLElement, account: AccountView, input: AlertsInput, save: HTMLButtonElement, refused: (message: string) => void): Promise<void> {
  clearError();
  save.disabled = true;
  try {
    const result = await call('saveAlerts', input);
    // Only this account's alerts change: the rest of the sidebar stays as it is.
    account.alerts = result.alerts;
    drafts.delete(account.id);
    unfolded.delete(account.id);
    render(host, account);
    announce(result.message);
    host.querySelector<HTMLElement>('summary')?.focus();
  } catch (error) {
    const sentence = showError(error, 'Could not save the alerts');
    if (String((error as { message?: unknown } | null)?.message ?? '').includes('[sheetgram:invalid_input]')) refused(sentence);
  } finally {
    save.disabled = false;
  }
}
