// An inline confirmation (window.confirm is unreliable inside the add-on iframe and hard to read):
// a sentence, a confirm button that takes focus, and Cancel that gives focus back to where it came from.
import { button, el } from './dom';

export function confirmInline(host: HTMLElement, question: string, confirmLabel: string, returnFocusTo: HTMLElement, onConfirm: () => void): void {
  host.querySelector('.confirm')?.remove();
  const close = () => {
    box.remove();
    returnFocusTo.focus();
  };
  const yes = button(confirmLabel, () => {
    box.remove();
    onConfirm();
  }, 'danger');
  const box = el('div', { class: 'confirm', role: 'group', 'aria-label': 'Confirm' },
    el('p', {}, question),
    el('div', { class: 'buttons' }, yes, button('Cancel', close)),
  );
  box.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') close();
  });
  host.appendChild(box);
  yes.focus();
}
