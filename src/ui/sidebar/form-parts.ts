// Small pieces of the report editor: a labelled control, the schedule picker (off, daily at an hour,
// every few hours) that reads back as a Schedule, and the note under the tab choice that says what
// writing into an existing tab will do.
import type { Schedule, TabDescription } from '../../contract/sidebar';
import { el, replaceChildren, uid } from './dom';
import { ADOPT_TAB, EVERY_HOURS, hourText, tabContentsText, zoneCity, zoneLabel } from './wording';

const DEFAULT_HOUR = 7;
const DEFAULT_EVERY_HOURS = 6;

/** A label, its control, an optional line under it and an optional place for the field's error. */
export function labelled(labelText: string, control: HTMLElement, hint?: HTMLElement, error?: HTMLElement): HTMLElement {
  control.id = control.id || uid('control');
  return el('div', { class: 'form-group' }, el('label', { for: control.id }, labelText), control, hint, error);
}

/** The place for a field's error sentence, empty (and collapsed) until a refusal fills it. */
export function fieldError(id: string): HTMLParagraphElement {
  return el('p', { id, class: 'field-error' });
}

/**
 * The schedule controls (the hour or the interval shows only when it applies) and how to read them.
 * Hours are the spreadsheet's (timeZone), and the label and line say which zone that is.
 */
export function schedulePicker(initial: Schedule | undefined, timeZone: string): {
  elements: HTMLElement[]; read(): Schedule; set(schedule: Schedule): void; control(): HTMLElement; error: HTMLElement;
} {
  const kind = el('select', { id: 'editor-schedule' },
    el('option', { value: 'off' }, 'Off (only Run now)'),
    el('option', { value: 'daily' }, 'Daily'),
    el('option', { value: 'every_hours' }, 'Every few hours'));
  const hour = el('select', { id: 'editor-hour', 'aria-describedby': 'editor-hour-line' }, ...Array.from({ length: 24 }, (_, h) => el('option', { value: h }, hourText(h))));
  const every = el('select', { id: 'editor-every' }, ...EVERY_HOURS.map((n) => el('option', { value: n }, n === 1 ? 'every hour' : `every ${n} hours`)));
  const error = fieldError('editor-schedule-error');
  const hourGroup = labelled(`Between (${zoneCity(timeZone)} time)`, hour,
    el('p', { class: 'secondary-text', id: 'editor-hour-line' }, `Hours in the spreadsheet's time zone, ${zoneLabel(timeZone)}. Google picks the minute within the hour.`));
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
    elements: [labelled('Schedule', kind), hourGroup, everyGroup, error],
    error,
    /** The control a refused schedule is shown at: the hour or the interval when shown, else the kind. */
    control: () => (kind.value === 'daily' ? hour : kind.value === 'every_hours' ? every : kind),
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
