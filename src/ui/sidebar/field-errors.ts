// Errors at the field in the report editor. Each part of the form registers where its sentence goes and
// which control it marks; a refusal (the editor's own checks, or the server's, which names the field as
// rpc.ts InputField) puts the sentence beside the control, marks it (aria-invalid, described by the
// sentence; a red outline from the stylesheet), and the first wrong field in the page's order is
// scrolled into view and focused. The alert at the top only summarizes.
import { replaceChildren } from './dom';

export interface FieldSlot {
  /** The field's name as the form shows it, for the alert's summary. */
  label: string;
  /** The control to mark and focus, as the form stands now; null when the field is not shown. */
  control(): HTMLElement | null;
  /** Where the sentence goes (a .field-error element with an id). */
  error: HTMLElement;
  /** A box around several controls (checkboxes, radios), outlined instead of each control. */
  group?: HTMLElement;
}

export interface FieldErrors {
  add(field: string, slot: FieldSlot): void;
  /** Removes every mark and sentence. */
  clear(): void;
  /** Removes the marks of these fields only (a check of part of the form leaves the rest as it was). */
  unmark(...fields: string[]): void;
  /** Marks the field with the sentence; false when the form does not show that field (the alert must say it). */
  mark(field: string, sentence: string): boolean;
  /** Whether any field is marked. */
  any(): boolean;
  /** Scrolls to and focuses the first marked field in the page's order; the marked fields' labels in that order. */
  reveal(): string[];
}

interface Mark { slot: FieldSlot; control: HTMLElement; error: HTMLElement; describedBy: string | null }

function shown(element: HTMLElement): boolean {
  return element.isConnected && element.getClientRects().length > 0;
}

function undo({ slot, control, error, describedBy }: Mark): void {
  replaceChildren(error);
  control.removeAttribute('aria-invalid');
  if (describedBy === null) control.removeAttribute('aria-describedby');
  else control.setAttribute('aria-describedby', describedBy);
  slot.group?.classList.remove('invalid');
}

export function fieldErrors(): FieldErrors {
  const slots = new Map<string, FieldSlot>();
  let marks: Mark[] = [];
  return {
    add(field, slot) {
      slots.set(field, slot);
    },
    clear() {
      marks.forEach(undo);
      marks = [];
    },
    unmark(...fields) {
      const gone = new Set(fields.map((f) => slots.get(f)));
      marks.filter((m) => gone.has(m.slot)).forEach(undo);
      marks = marks.filter((m) => !gone.has(m.slot));
    },
    mark(field, sentence) {
      const slot = slots.get(field);
      const control = slot?.control();
      if (!slot || !control || !shown(control)) return false;
      const error = slot.error;
      const existing = marks.find((m) => m.control === control);
      if (existing) {
        // Two refusals for one control: both sentences stay.
        replaceChildren(existing.error, `${existing.error.textContent ?? ''} ${sentence}`.trim());
        return true;
      }
      replaceChildren(error, sentence);
      const describedBy = control.getAttribute('aria-describedby');
      const ids = (describedBy ?? '').split(/\s+/).filter(Boolean);
      if (!ids.includes(error.id)) control.setAttribute('aria-describedby', [...ids, error.id].join(' '));
      control.setAttribute('aria-invalid', 'true');
      slot.group?.classList.add('invalid');
      marks.push({ slot, control, error, describedBy });
      return true;
    },
    any: () => marks.length > 0,
    reveal() {
      const ordered = [...marks].sort((a, b) => (a.control.compareDocumentPosition(b.control) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
      const first = ordered[0]?.control;
      if (first) {
        // Centred, so neither the page's header nor the editor's fixed footer covers it.
        first.scrollIntoView({ block: 'center' });
        first.focus({ preventScroll: true });
      }
      return [...new Set(ordered.map((m) => m.slot.label))];
    },
  };
}
