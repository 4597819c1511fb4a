/// <reference lib="dom" />
// The page's DOM helpers. Elements are built with the sidebar's own builder (text as text nodes,
// never parsed as HTML), so a caption such as `<img src=x onerror=...>` stays text here too.

import { replaceChildren } from '../../../src/ui/sidebar/dom';

export { el } from '../../../src/ui/sidebar/dom';

export function clear(parent: Node): void {
  replaceChildren(parent);
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the playground page has no #${id}`);
  return element as T;
}

/** The polite status line under the toolbar: what the last action did, or why it failed, in words. */
export function say(text: string, failed = false): void {
  const status = byId('status');
  status.classList.toggle('error', failed);
  status.textContent = text;
}
