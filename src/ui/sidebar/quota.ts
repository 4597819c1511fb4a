// The status section: each account's Instagram calls this hour (and, from servers that send it, in the
// last 24 hours against Meta's daily limit for the account) as meters and a sentence, and Open the log,
// which shows the log tab in the spreadsheet (not a new browser tab: the sidebar lives in that spreadsheet).
import type { QuotaView, SidebarState } from '../../contract/sidebar';
import { button, el, replaceChildren, uid } from './dom';
import { call } from './server';
import { announce, clearError, showError } from './notices';
import { accountName } from './state';

function meter(id: string, used: number, limit: number, attributes: Record<string, string>): HTMLMeterElement {
  return el('meter', {
    id, min: 0, max: limit, low: Math.round(limit * 0.7), high: Math.round(limit * 0.9), optimum: 0, value: Math.min(used, limit), ...attributes,
  });
}

function nearLimit(used: number, limit: number): boolean {
  return limit > 0 && used / limit >= 0.9;
}

function accountQuota(state: SidebarState, q: QuotaView): HTMLElement {
  const id = uid('quota');
  const who = accountName(state, q.accountId);
  const text = `${q.used} of ${q.limit} calls`;
  const high = nearLimit(q.used, q.limit) || (q.day !== undefined && nearLimit(q.day.used, q.day.limit));
  return el('div', { class: `quota ${high ? 'quota-high' : ''}` },
    el('label', { for: id }, who),
    meter(id, q.used, q.limit, { 'aria-valuetext': text }),
    q.day && meter(uid('quota-day'), q.day.used, q.day.limit, {
      'aria-label': `${who}, last 24 hours`, 'aria-valuetext': `${q.day.used} of ${q.day.limit} calls in the last 24 hours`, class: 'quota-day',
    }),
    el('span', { class: 'secondary-text' }, q.summary ?? text));
}

export function renderStatus(host: HTMLElement, state: SidebarState): void {
  const meters = state.quota.map((q) => accountQuota(state, q));
  const daily = state.quota.some((q) => q.day);
  replaceChildren(host,
    el('h2', {}, daily ? 'Calls to Instagram' : 'This hour'),
    meters.length ? el('div', { class: 'quotas' }, ...meters) : el('p', { class: 'hint' }, 'No calls to Instagram yet.'),
    el('p', { class: 'hint' }, daily
      ? 'Instagram allows each account a number of calls a day that grows with its views. Sheetgram spreads that day over the hours and continues by itself when an hour or the day is used up.'
      : 'Sheetgram stays under Instagram\'s hourly limit and continues in the next hour when it is used up.'),
    state.logTab && el('div', { class: 'buttons' }, button(`Open the log ("${state.logTab.name}" tab)`, () => void openLog(), 'secondary', { id: 'open-log' })),
  );
}

async function openLog(): Promise<void> {
  clearError();
  try {
    announce((await call('openLogTab')).message);
  } catch (error) {
    showError(error, 'Could not open the log');
  }
}
