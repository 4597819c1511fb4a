// Small pieces of the report editor: a labelled control, the schedule picker (off, daily at an hour,
// every few hours) that reads back as a Schedule, and the note under the tab choice that says what
// writing into an existing tab will do.
import type { Schedule, TabDescription } from '../rpc';
import { el, replaceChildren, uid } from './dom';
import { ADOPT_TAB, EVERY_HOURS, hourText, tabContentsText } from './wording';

const DEFAULT_HOUR = 7;
const DEFAULT_EVERY_HOURS = 6;

export function labelled(labelText: string, control: HTMLElement, hint?: HTMLElement): HTMLElement {
  control.id = control.id || uid('control');
  return el('div', { class: 'form-group' }, el('label', { for: control.id }, labelText), control, hint);
}

/** The schedule controls (the hour or the interval shows only when it applies) and how to read them. */
export function schedulePicker(initial: Schedule | undefined): { elements: HTMLElement[]; read(): Schedule; set(schedule: Schedule): void } {
  const kind = el('select', { id: 'editor-schedule' },
    el('option', { value: 'off' }, 'Off (only Run now)'),
    el('option', { value: 'daily' }, 'Daily'),
    el('option', { value: 'every_hours' }, 'Every few hours'));
  const hour = el('select', { id: 'editor-hour' }, ...Array.from({ length: 24 }, (_, h) => el('option', { value: h }, hourText(h))));
  const every = el('select', { id: 'editor-every' }, ...EVERY_HOURS.map((n) => el('option', { value: n }, n === 1 ? 'every hour' : `every ${n} hours`)));
  const hourGroup = labelled('Between', hour, el('p', { class: 'secondary-text' }, 'Google picks the minute within the hour, in the spreadsheet\'s time zone.'));
  const everyGroup = labelled('How often', every);
  const showDetail = () => {
    hourGroup.hidden = kind.value !== 'daily';
    everyGroup.hidden = kind.value !== 'every_hours';
  };
  const set = (schedule: Schedule) => {
    kind.value = schedule.kind;
    hour.value = String(schedule.kind === 'daily' ? schedule.hour : DEFAULT_HOUR);
    every.value = String(schedule.kind === 'every_hours' ? schedule.everyHours : DEFAULT_EVERY_HOURS);
    showDetail();
  };
  kind.addEventListener('change', showDetail);
  set(initial ?? { kind: 'daily', hour: DEFAULT_HOUR });
  return {
    elements: [labelled('Schedule', kind), hourGroup, everyGroup],
    set,
    read(): Schedule {
      if (kind.value === 'daily') return { kind: 'daily', hour: Number(hour.value) };
      if (kind.value === 'every_hours') return { kind: 'every_hours', everyHours: Number(every.value) };
      return { kind: 'off' };
    },
  };
}

/** The schedule a report's suggested cadence implies ("every 4 hours" for Stories, else daily). */
export function scheduleForCadence(cadence: string): Schedule {
  const every = /every (\d+) hours?/i.exec(cadence);
  return every && EVERY_HOURS.includes(Number(every[1])) ? { kind: 'every_hours', everyHours: Number(every[1]) } : { kind: 'daily', hour: DEFAULT_HOUR };
}

/**
 * The tab note: the server's description of the chosen tab, its first row for a person's own tab, a
 * button that takes the suggested free name, and the "Use this tab anyway" box when that is the choice.
 */
export function tabNote(useSuggestion: (name: string) => void): {
  elements: HTMLElement[]; show(description: TabDescription | null): void; adopted(): boolean | null; adoptBox: HTMLInputElement;
} {
  const note = el('div', { id: 'editor-tab-note', class: 'secondary-text', role: 'status', 'aria-live': 'polite' });
  const adoptBox = el('input', { type: 'checkbox', id: 'editor-tab-adopt', 'aria-describedby': 'editor-tab-note' });
  // A plain wrapper carries `hidden`: the .choice grid's display would override it.
  const adoptRow = el('div', {}, el('div', { class: 'choice' }, adoptBox, el('label', { for: adoptBox.id }, ADOPT_TAB)));
  adoptRow.hidden = true;
  let current: TabDescription | null = null;
  return {
    elements: [note, adoptRow],
    adoptBox,
    show(description) {
      current = description;
      adoptBox.checked = false;
      adoptRow.hidden = description?.allowed !== 'ask';
      if (!description) {
        replaceChildren(note);
        return;
      }
      const suggestion = description.suggestion;
      replaceChildren(note,
        el('p', { id: 'editor-tab-message', 'data-use': description.use }, description.message),
        description.header && el('p', { id: 'editor-tab-contents' }, tabContentsText(description.header, description.rows ?? 0)),
        suggestion && el('button', { type: 'button', class: 'secondary', id: 'editor-tab-suggestion' }, `Use "${suggestion}"`));
      note.querySelector('#editor-tab-suggestion')?.addEventListener('click', () => useSuggestion(suggestion as string));
    },
    /** null when no choice is asked for; else whether the box is ticked. */
    adopted: () => (current?.allowed === 'ask' ? adoptBox.checked : null),
  };
}
