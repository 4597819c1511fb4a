/// <reference lib="dom" />
// The sheet tabs along the bottom, as a tablist: click, or arrow keys then Enter/Space, to switch.
// Hidden tabs are not listed (Sheets lists them only under View > Hidden sheets).
import type { TabView } from './api';
import { clear, el } from './dom';

export function renderTabs(host: HTMLElement, tabs: TabView[], selected: string, choose: (name: string) => void): void {
  const visible = tabs.filter((t) => !t.hidden);
  // Redrawn only when the tabs or the choice changed: a redraw under the pointer would eat a click.
  const key = JSON.stringify([selected, visible.map((t) => t.name)]);
  if (host.dataset.key === key) return;
  host.dataset.key = key;
  const focused = host.contains(document.activeElement) ? (document.activeElement as HTMLElement).dataset.tab : undefined;
  clear(host);
  const buttons = visible.map((tab) => {
    const isSelected = tab.name === selected;
    const button = el('button', {
      type: 'button', role: 'tab', 'aria-selected': isSelected ? 'true' : 'false', 'aria-controls': 'grid',
      tabindex: isSelected ? 0 : -1, 'data-tab': tab.name,
    }, tab.name);
    button.addEventListener('click', () => choose(tab.name));
    return button;
  });
  buttons.forEach((b) => host.append(b));
  // Redrawing must not drop the keyboard focus a person had on a tab.
  if (focused !== undefined) buttons.find((b) => b.dataset.tab === focused)?.focus();
}

/** Arrow keys move the focus along the tabs (roving tabindex); Enter or Space picks one. Once per page. */
export function attachTabKeys(host: HTMLElement): void {
  host.addEventListener('keydown', onArrows);
}

function onArrows(event: KeyboardEvent): void {
  const host = event.currentTarget as HTMLElement;
  const tabs = Array.from(host.querySelectorAll<HTMLButtonElement>('[role=tab]'));
  const index = tabs.indexOf(document.activeElement as HTMLButtonElement);
  if (index < 0) return;
  const next = event.key === 'ArrowRight' ? index + 1 : event.key === 'ArrowLeft' ? index - 1 : event.key === 'Home' ? 0 : event.key === 'End' ? tabs.length - 1 : -2;
  if (next === -2) return;
  event.preventDefault();
  const target = tabs[(next + tabs.length) % tabs.length];
  tabs.forEach((t) => t.setAttribute('tabindex', t === target ? '0' : '-1'));
  target.focus();
}
