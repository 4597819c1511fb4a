// "Fill or repair history…" on a report's card: a small form (the account for a report of several, the
// first and last day, what Instagram keeps, and a sentence that says what will happen), checked at the
// field before anything is sent, refused at the field by the server too. A repair under way and the
// last one's result each take one line of the card.
import type { Configuration, RepairView, SidebarState } from '../../contract/sidebar';
import { button, el, replaceChildren, uid } from './dom';
import { errorDetail, errorField } from './errors';
import { fieldErrors } from './field-errors';
import { fieldError, labelled } from './form-parts';
import { announce, clearError, showError } from './notices';
import { call } from './server';
import { accountName, store } from './state';
import { timeText } from './wording';

type Repairable = Configuration & { repair: RepairView };

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const parts = (iso: string) => iso.split('-').map(Number) as [number, number, number];
const dayText = (iso: string) => {
  const [y, m, d] = parts(iso);
  return `${d} ${MONTHS[m - 1]} ${y}`;
};

/** "1–31 Mar 2026", "28 Feb – 3 Mar 2026": as the server says it (core/repair/rules.ts daysText). */
export function daysText(from: string, to: string): string {
  const [ya, ma, da] = parts(from);
  const [yb, mb] = parts(to);
  if (from === to) return dayText(from);
  if (ya !== yb) return `${dayText(from)} – ${dayText(to)}`;
  if (ma !== mb) return `${da} ${MONTHS[ma - 1]} – ${dayText(to)}`;
  return `${da}–${dayText(to)}`;
}

const isDay = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);

/** What the repair will do, in the words of the confirmation. */
function promiseText(view: RepairView, from: string, to: string, who: string): string {
  return view.reads === 'days'
    ? `Re-reads ${daysText(from, to)} for ${who}: rows of those days are replaced, nothing else changes.`
    : `Re-reads the posts ${who} published ${daysText(from, to)}: their rows are replaced, nothing else changes.`;
}

/** The card's repair lines (one under way, the last result) for members that can repair. */
export function repairLines(members: Configuration[], state: SidebarState, named: boolean): HTMLElement[] {
  return members.flatMap((m) => {
    const view = m.repair;
    if (!view) return [];
    const prefix = named ? `${accountName(state, m.accountId)}: ` : '';
    const lines: HTMLElement[] = [];
    if (view.last) lines.push(el('p', { class: 'repair-last', 'data-account-id': m.accountId }, `${prefix}History repaired ${timeText(view.last.at, state.timeZone)}: ${view.last.text}`));
    if (view.pending) {
      const cancel = button('Cancel repair', () => void cancelRepair(m), 'secondary', { 'aria-label': `Cancel the repair of ${daysText(view.pending!.from, view.pending!.to)} for ${accountName(state, m.accountId)}` });
      lines.push(el('div', { class: 'repair-pending', 'data-account-id': m.accountId }, el('p', {}, `${prefix}${view.pending.text}`), el('div', { class: 'buttons' }, cancel)));
    }
    return lines;
  });
}

async function cancelRepair(member: Configuration): Promise<void> {
  clearError();
  try {
    announce((await call('cancelRepair', member.id)).message);
    await store.reload();
  } catch (error) {
    showError(error, 'Could not cancel the repair');
  }
}

/** The card's "Fill or repair history…" button, or null when none of its members can repair. */
export function repairButton(item: HTMLElement, members: Configuration[], state: SidebarState, title: string, who: string): HTMLButtonElement | null {
  const repairable = members.filter((m): m is Repairable => Boolean(m.repair));
  if (!repairable.length) return null;
  const open: HTMLButtonElement = button('Fill or repair history…', () => openRepairForm(item, repairable, state, title, open), 'secondary', {
    'aria-label': `Fill or repair history of ${title} for ${who}`, 'aria-expanded': 'false', 'data-repair': true,
  });
  return open;
}

function openRepairForm(item: HTMLElement, members: Repairable[], state: SidebarState, title: string, opener: HTMLButtonElement): void {
  item.querySelector('.repair-form')?.remove();
  const marks = fieldErrors();
  const headingId = uid('repair-heading');
  const account = el('select', { 'aria-label': 'Account' }, ...members.map((m) => el('option', { value: m.id }, accountName(state, m.accountId))));
  const from = el('input', { type: 'date', required: true });
  const to = el('input', { type: 'date', required: true });
  const fromError = fieldError(uid('repair-from-error'));
  const toError = fieldError(uid('repair-to-error'));
  const keeps = el('p', { class: 'secondary-text', id: uid('repair-keeps') });
  const promise = el('p', { class: 'repair-promise', role: 'status', 'aria-live': 'polite' });
  const chosen = () => members.find((m) => m.id === account.value) ?? members[0];
  const setBounds = () => {
    const view = chosen().repair;
    for (const input of [from, to]) {
      if (view.earliest) input.min = view.earliest;
      else input.removeAttribute('min');
      input.max = view.latest;
    }
    from.value = view.from;
    to.value = view.to;
    replaceChildren(keeps, view.keeps);
    describe();
  };
  const describe = () => {
    replaceChildren(promise, isDay(from.value) && isDay(to.value) && from.value <= to.value
      ? promiseText(chosen().repair, from.value, to.value, accountName(state, chosen().accountId)) : '');
  };
  marks.add('from', { label: 'From', control: () => from, error: fromError });
  marks.add('to', { label: 'To', control: () => to, error: toError });
  from.setAttribute('aria-describedby', keeps.id);
  const close = () => {
    form.remove();
    opener.setAttribute('aria-expanded', 'false');
    opener.focus();
  };
  const submit = button('Re-read these days', () => void send(), 'action');
  const form = el('form', { class: 'repair-form', 'aria-labelledby': headingId, novalidate: true },
    el('h5', { id: headingId }, `Fill or repair history: ${title}`),
    members.length > 1 && labelled('Account', account),
    labelled('From', from, undefined, fromError),
    labelled('To', to, undefined, toError),
    keeps, promise,
    el('div', { class: 'buttons' }, submit, button('Cancel', close)));
  account.addEventListener('change', setBounds);
  from.addEventListener('input', describe);
  to.addEventListener('input', describe);
  form.addEventListener('submit', (event) => { event.preventDefault(); void send(); });
  form.addEventListener('keydown', (event) => { if (event.key === 'Escape') close(); });

  /** The form's own checks, as the server's (it checks again): a sentence at each wrong field. */
  const check = (): boolean => {
    marks.clear();
    const view = chosen().repair;
    if (!isDay(from.value)) marks.mark('from', 'Choose the first day to read again.');
    else if (view.earliest && from.value < view.earliest) marks.mark('from', `Instagram keeps nothing before ${dayText(view.earliest)}: choose ${dayText(view.earliest)} or later.`);
    if (!isDay(to.value)) marks.mark('to', 'Choose the last day to read again.');
    else if (to.value > view.latest) marks.mark('to', `Choose ${dayText(view.latest)} or earlier${view.reads === 'days' ? ': Instagram completes a day\'s insights after midnight' : ''}.`);
    else if (isDay(from.value) && to.value < from.value) marks.mark('to', `The last day comes before the first: choose ${dayText(from.value)} or later.`);
    if (!marks.any()) return true;
    marks.reveal();
    return false;
  };
  const send = async () => {
    clearError();
    if (!check()) return;
    submit.disabled = true;
    const member = chosen();
    try {
      await call('startRepair', { configurationId: member.id, from: from.value, to: to.value });
      // How it went is said once, on the card (drawn again below), where the focus goes.
      form.remove();
      opener.setAttribute('aria-expanded', 'false');
      const card = item.getAttribute('data-configuration-id') ?? '';
      await store.reload();
      // The card is drawn again: its repair line is where the person looks next.
      const scope = `[data-configuration-id="${CSS.escape(card)}"] [data-account-id="${CSS.escape(member.accountId)}"]`;
      const line = document.querySelector<HTMLElement>(`${scope}.repair-pending, ${scope}.repair-last`);
      line?.setAttribute('tabindex', '-1');
      line?.focus();
    } catch (error) {
      submit.disabled = false;
      const field = errorField(error);
      if (field && marks.mark(field, errorDetail(error))) marks.reveal();
      else showError(error, 'Could not repair the history');
    }
  };

  setBounds();
  item.appendChild(form);
  opener.setAttribute('aria-expanded', 'true');
  (members.length > 1 ? account : from).focus();
}
