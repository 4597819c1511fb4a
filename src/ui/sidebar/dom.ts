// Builds DOM from data without ever parsing HTML: text goes in as text nodes, so a username or caption
// such as `<img src=x onerror=...>` stays text. Nothing in the sidebar may use innerHTML.

type Child = Node | string | number | null | undefined | false;
type Attributes = Record<string, string | number | boolean | null | undefined>;

/** el('p', {class: 'hint'}, 'text', child) - attributes set with setAttribute, children as text or nodes. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

/** Replaces every child of parent. */
export function replaceChildren(parent: Node, ...children: Child[]): void {
  while (parent.firstChild) parent.removeChild(parent.firstChild);
  append(parent, ...children);
}

let nextId = 0;
/** A unique id for label/aria wiring. */
export function uid(prefix: string): string {
  nextId += 1;
  return `${prefix}-${nextId}`;
}

export function button(text: string, onClick: () => void, kind: 'action' | 'secondary' | 'danger' = 'secondary', attributes: Attributes = {}): HTMLButtonElement {
  const b = el('button', { type: 'button', class: kind, ...attributes }, text);
  b.addEventListener('click', onClick);
  return b;
}
