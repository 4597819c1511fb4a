// The report editor's control for each report setting, by the setting's id: a date picker for "Posts
// since" (the picked day also said in words), a number box for days, a menu for the demographics
// period, a time-zone picker by city, and a text box for lists (usernames, hashtags). Each reads back
// the text the server checks (rpc.ts ConfigurationInput.settings); a default left alone is not sent.
import type { ReportSettingView } from '../../contract/sidebar';
import { el, replaceChildren } from './dom';
import { zonePicker } from './zone-picker';
import { TIMEFRAME_CHOICES, dayText, retiredChoiceText, zoneLabel } from './wording';

/** Meta's day: the zone its daily insights are counted in unless the person says otherwise. */
const META_DAY_ZONE = 'America/Los_Angeles';
const DEFAULT_TIMEFRAME = 'this_month';
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface SettingControl {
  id: string;
  label: string;
  /** The labelled group: label, control, line, error. */
  element: HTMLElement;
  /** What gets focus and aria-invalid when the setting is refused. */
  control: HTMLElement;
  error: HTMLElement;
  /** The text to send (absent: send nothing), or a problem to show at the field before anything is sent. */
  read(): { value?: string; problem?: string };
}

export function settingControl(setting: ReportSettingView, saved: string | undefined, sheetZone: string): SettingControl {
  const id = `editor-setting-${setting.id}`;
  const lineId = `${id}-line`;
  const line = el('p', { class: 'secondary-text', id: lineId }, setting.description);
  const error = el('p', { class: 'field-error', id: `${id}-error` });
  const common = { id, 'data-setting': setting.id, 'aria-describedby': lineId };
  const group = (control: HTMLElement, ...extra: HTMLElement[]) =>
    el('div', { class: 'form-group' }, el('label', { for: id }, setting.label), control, ...extra, line, error);
  const text = (value: string) => (value.trim() ? { value: value.trim() } : {});

  switch (setting.id) {
    case 'postsSince': {
      const input = el('input', { ...common, type: 'date' });
      // A saved value the picker cannot show (typed before it existed) is sent as it is until the person
      // picks a day, so the server's sentence says what is wrong instead of the setting vanishing.
      const unreadable = saved && !ISO_DATE.test(saved) ? saved : null;
      input.value = saved && !unreadable ? saved : '';
      let touched = false;
      const picked = () => {
        const chosen = input.value ? ` Picked: ${dayText(input.value)}.` : unreadable && !touched ? ` Saved as "${unreadable}".` : '';
        replaceChildren(line, `${setting.description}.${chosen}`);
      };
      input.addEventListener('input', () => { touched = true; picked(); });
      input.addEventListener('change', () => { touched = true; picked(); });
      picked();
      return {
        id: setting.id, label: setting.label, element: group(input), control: input, error,
        read() {
          if (input.validity.badInput) return { problem: 'Finish the day, month and year, or clear the date for every post.' };
          if (input.value) return { value: input.value };
          return unreadable && !touched ? { value: unreadable } : {};
        },
      };
    }
    case 'lookbackDays': {
      const input = el('input', { ...common, type: 'number', min: 1, max: 365, step: 1, inputmode: 'numeric' });
      input.value = saved ?? '';
      return {
        id: setting.id, label: setting.label, element: group(input), control: input, error,
        read: () => (input.validity.badInput ? { problem: 'Type a whole number of days, such as 30.' } : text(input.value)),
      };
    }
    case 'timeframe': {
      const offered = TIMEFRAME_CHOICES.some((c) => c.value === saved);
      const select = el('select', common,
        ...TIMEFRAME_CHOICES.map((c) => el('option', { value: c.value }, c.label)),
        // A value saved earlier that Meta or Sheetgram no longer offers stays visible until changed.
        saved && !offered ? el('option', { value: saved }, retiredChoiceText(saved)) : null);
      select.value = saved || DEFAULT_TIMEFRAME;
      return {
        id: setting.id, label: setting.label, element: group(select), control: select, error,
        read: () => (!saved && select.value === DEFAULT_TIMEFRAME ? {} : { value: select.value }),
      };
    }
    case 'insightDayTimeZone': {
      const picker = zonePicker(id, saved || META_DAY_ZONE, [META_DAY_ZONE, sheetZone]);
      picker.input.setAttribute('data-setting', setting.id);
      picker.input.setAttribute('aria-describedby', lineId);
      replaceChildren(line, `${setting.description}. This spreadsheet's time zone is ${zoneLabel(sheetZone)}.`);
      return {
        id: setting.id, label: setting.label, element: group(picker.input, picker.list), control: picker.input, error,
        read() {
          const zone = picker.zone();
          if (zone === undefined) return { problem: `No time zone matches "${picker.input.value.trim().slice(0, 60)}": type a city, such as Lisbon, and pick it from the list.` };
          // Meta's own day, unless a zone was saved before: the report keeps its default.
          return zone === null || (!saved && zone === META_DAY_ZONE) ? {} : { value: zone };
        },
      };
    }
    default: {
      const input = el('input', { ...common, type: 'text' });
      input.value = saved ?? '';
      return { id: setting.id, label: setting.label, element: group(input), control: input, error, read: () => text(input.value) };
    }
  }
}
