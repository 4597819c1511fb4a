/// <reference lib="dom" />
// Builds DOM from data without parsing HTML: every string goes in as a text node or an attribute
// value, so a username or caption such as `<img src=x onerror=...>` stays text. No innerHTML here.

type Child = Node | string | number | null | undefined | false;
type Attributes = Record<string, string | number | boolean | null | undefined>;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
  return element;
}

export function clear(parent: Node): void {
  while (parent.firstChild) parent.removeChild(parent.firstChild);
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
