// The status section: each account's Instagram calls this hour as a meter, and the link to the log tab.
import type { SidebarState } from '../rpc';
import { el, replaceChildren, uid } from './dom';
import { accountName } from './state';

export function renderStatus(host: HTMLElement, state: SidebarState): void {
  const meters = state.quota.map((q) => {
    const id = uid('quota');
    const who = accountName(state, q.accountId);
    const text = `${q.used} of ${q.limit} calls`;
    const level = q.limit > 0 && q.used / q.limit >= 0.9 ? 'quota-high' : '';
    return el('div', { class: `quota ${level}` },
      el('label', { for: id }, who),
      el('meter', { id, min: 0, max: q.limit, low: Math.round(q.limit * 0.7), high: Math.round(q.limit * 0.9), optimum: 0, value: Math.min(q.used, q.limit), 'aria-valuetext': text }),
      el('span', { class: 'secondary-text' }, text));
  });
  replaceChildren(host,
    el('h2', {}, 'This hour'),
    meters.length ? el('div', { class: 'quotas' }, ...meters) : el('p', { class: 'hint' }, 'No calls to Instagram yet.'),
    el('p', { class: 'hint' }, 'Sheetgram stays under Instagram\'s hourly limit and continues in the next hour when it is used up.'),
    state.logTab && el('p', {}, el('a', { href: state.logTab.url, target: '_blank', rel: 'noopener' }, `Open the log ("${state.logTab.name}" tab)`)),
  );
}
