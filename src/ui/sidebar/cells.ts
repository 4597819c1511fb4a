// The size banner: from 70% of Google's 10 million cells per spreadsheet, how full it is (a meter and
// the server's sentences: how long until full, the fastest-growing and largest tabs, what to do).
import type { SidebarState } from '../../contract/sidebar';
import { el, replaceChildren, uid } from './dom';

export function renderCells(host: HTMLElement, state: SidebarState): void {
  const cells = state.cells;
  if (!cells) {
    replaceChildren(host);
    host.hidden = true;
    return;
  }
  const heading = uid('cells-heading');
  host.hidden = false;
  host.className = `banner ${cells.level >= 90 ? 'banner-danger' : 'banner-warning'}`;
  host.setAttribute('aria-labelledby', heading);
  replaceChildren(host,
    el('h2', { id: heading }, cells.heading),
    el('meter', {
      min: 0, max: cells.limit, low: Math.round(cells.limit * 0.7), high: Math.round(cells.limit * 0.9), optimum: 0,
      value: Math.min(cells.used, cells.limit), 'aria-labelledby': heading, 'aria-valuetext': `${cells.percent}% of 10 million cells`,
    }),
    el('p', {}, cells.message),
  );
}
