// The report editor: account, report, fields (defaults ticked), settings, tab (new or existing), write
// mode and schedule, with Save and Cancel in a footer fixed at the sidebar's bottom. Saving sends one
// ConfigurationInput; the list redraws from the server's answer. A refusal, the editor's own or the
// server's, is shown beside the field it is about (field-errors), the alert only summarizing. Choosing a
// tab that exists asks the server what writing there would do and says it under the tab choice. With two
// accounts or more, one report may cover several accounts, all written into one tab (see account-choice).
// The rows may also be loaded into BigQuery (see destination).
// Hours and days are the spreadsheet's time zone's, and the editor names it.
import type { Configuration, ConfigurationInput, ReportView, SidebarState, TabDescription, WriteMode } from '../../contract/sidebar';
import { button, el, replaceChildren, uid } from './dom';
import { call, quietCall } from './server';
import { announce, clearError, showError } from './notices';
import { AlertSentence, errorDetail, errorField, errorKind } from './errors';
import { store } from './state';
import { GROUP_TAB_HINT, WRITE_MODES, fieldsSummaryText, groupScopeText, withSheetZone } from './wording';
import { fieldError, labelled, scheduleForCadence, schedulePicker, tabNote } from './form-parts';
import { accountChooser } from './account-choice';
import { fieldErrors } from './field-errors';
import { settingControl, type SettingControl } from './setting-controls';
import { destinationSection } from './destination';

/** Typing pauses this long before the server is asked about the name. */
const DESCRIBE_DELAY_MS = 300;

/** Opens the editor in host for a new report (configuration null) or to edit one; focus returns to opener on close. */
export function openEditor(host: HTMLElement, state: SidebarState, configuration: Configuration | null, opener: HTMLElement): void {
  clearError();
  const form = buildForm(state, configuration, () => close());
  const close = () => {
    replaceChildren(host);
    // The opener may have been redrawn meanwhile; fall back to the stable "New report" button.
    (document.body.contains(opener) ? opener : document.getElementById('new-report'))?.focus();
  };
  replaceChildren(host, form);
  form.querySelector<HTMLElement>('h2')?.focus();
}

function buildForm(state: SidebarState, existing: Configuration | null, close: () => void): HTMLFormElement {
  const form = el('form', { class: 'editor', novalidate: true, 'aria-labelledby': 'editor-heading' });
  // Filled in below; the chooser tells the form when the choice or the ticks change.
  let onKindChange: () => void = () => undefined;
  let onTick: () => void = () => undefined;
  const chooser = accountChooser(state, existing, () => onKindChange(), () => onTick());
  /** The first account the choice covers: its tab suggestion, and the account describeTab is asked with. */
  const firstAccountId = () => chooser.chosen()[0]?.id ?? '';
  const reportSelect = el('select', { id: 'editor-report', 'aria-describedby': 'editor-report-line' });
  const reportLine = el('p', { id: 'editor-report-line', class: 'secondary-text' });
  const reportError = fieldError('editor-report-error');
  const fieldsBox = el('fieldset', { id: 'editor-fields', 'aria-describedby': 'editor-fields-error' });
  const fieldsError = fieldError('editor-fields-error');
  // Report settings (competitors' usernames, hashtags, days, period, time zone): one control each.
  const settingsBox = el('div', { id: 'editor-settings' });
  let settingControls: SettingControl[] = [];
  const marks = fieldErrors();

  const tabName = uid('tab-choice');
  const newTabRadio = el('input', { type: 'radio', name: tabName, id: 'editor-tab-new', value: 'new', checked: true });
  const newTabInput = el('input', { type: 'text', id: 'editor-tab-name', 'aria-label': 'New tab name', 'aria-describedby': 'editor-tab-error editor-tab-group-hint', maxlength: 100 });
  const existingRadio = el('input', { type: 'radio', name: tabName, id: 'editor-tab-existing', value: 'existing', disabled: state.tabs.length === 0 });
  const existingSelect = el('select', { id: 'editor-tab-select', 'aria-label': 'Which existing tab' }, ...state.tabs.map((t) => el('option', { value: t }, t)));
  const tabError = fieldError('editor-tab-error');
  const groupHint = el('p', { id: 'editor-tab-group-hint', class: 'secondary-text' });
  let tabNameTouched = Boolean(existing);

  // Only a name already in use can mean something else than "a new tab"; the server says what.
  const knownTabs = new Set([...state.tabs, ...state.configurations.map((c) => c.tabName)].map((n) => n.trim().toLowerCase()));
  const chosenTab = () => (newTabRadio.checked ? newTabInput.value.trim() : existingSelect.value);
  const tabKey = () => [chosenTab(), reportSelect.value, chooser.kind(), firstAccountId()].join('\n');
  let described: { key: string; description: TabDescription } | null = null;
  let describeTimer = 0;
  const note = tabNote((name) => {
    newTabRadio.checked = true;
    newTabInput.value = name;
    tabNameTouched = true;
    replaceChildren(tabError);
    checkTab();
    newTabInput.focus();
  });
  const checkTab = (delayMs = 0) => {
    window.clearTimeout(describeTimer);
    const key = tabKey();
    if (described?.key === key) return;
    described = null;
    note.show(null);
    const name = chosenTab();
    const accountId = firstAccountId();
    if (!name || !reportSelect.value || !accountId || !knownTabs.has(name.toLowerCase())) return;
    describeTimer = window.setTimeout(() => {
      quietCall('describeTab', name, reportSelect.value, accountId, existing?.id ?? '')
        .then((description) => {
          if (tabKey() !== key) return;
          described = { key, description };
          note.show(description);
        })
        // Saving checks the tab again on the server, so a failed look-up only loses the early word.
        .catch(() => undefined);
    }, delayMs);
  };
  newTabInput.addEventListener('input', () => { tabNameTouched = true; newTabRadio.checked = true; checkTab(DESCRIBE_DELAY_MS); });
  existingSelect.addEventListener('change', () => { existingRadio.checked = true; checkTab(); });
  newTabRadio.addEventListener('change', () => checkTab());
  existingRadio.addEventListener('change', () => checkTab());
  if (existing) {
    const isExisting = state.tabs.includes(existing.tabName);
    (isExisting ? existingRadio : newTabRadio).checked = true;
    if (isExisting) existingSelect.value = existing.tabName;
    else newTabInput.value = existing.tabName;
  }

  const modeName = uid('mode');
  const modeError = fieldError('editor-mode-error');
  const modeBox = el('fieldset', { id: 'editor-mode' }, el('legend', {}, 'Write mode'), ...WRITE_MODES.map(({ mode, label, line }) => {
    const id = `editor-mode-${mode}`;
    return el('div', { class: 'choice' },
      el('input', { type: 'radio', name: modeName, id, value: mode, 'aria-describedby': `${id}-line` }),
      el('label', { for: id }, label),
      el('div', { class: 'secondary-text', id: `${id}-line` }, line));
  }), modeError);
  const setMode = (mode: WriteMode) => {
    const radio = modeBox.querySelector<HTMLInputElement>(`input[value="${mode}"]`);
    if (radio) radio.checked = true;
  };

  const schedule = schedulePicker(existing?.schedule, state.timeZone);
  const destination = destinationSection(existing, marks);

  const currentReport = (): ReportView | undefined => state.reports.find((r) => r.id === reportSelect.value);

  /**
   * The default tab name, until the person types one: the account's own suggestion for one account; for
   * several, the report's title while no tab has it, else the first account's suggestion.
   */
  const suggestTab = () => {
    const report = currentReport();
    replaceChildren(groupHint, chooser.kind() === 'one' ? '' : GROUP_TAB_HINT);
    groupHint.hidden = chooser.kind() === 'one';
    if (!report || tabNameTouched) return;
    const suggestion = state.tabSuggestions?.[firstAccountId()]?.[report.id];
    const titleFree = !knownTabs.has(report.title.trim().toLowerCase());
    newTabInput.value = chooser.kind() !== 'one' && titleFree ? report.title : suggestion ?? report.title;
  };

  const fillReports = () => {
    const usable = state.reports.filter((r) => chooser.offers(r));
    const keep = usable.some((r) => r.id === reportSelect.value) ? reportSelect.value : existing?.reportId;
    replaceChildren(reportSelect, ...usable.map((r) => el('option', { value: r.id }, r.title)));
    if (keep && usable.some((r) => r.id === keep)) reportSelect.value = keep;
    fillReport();
  };
  const fillReport = () => {
    const report = currentReport();
    chooser.setReport(report);
    replaceChildren(reportLine, report ? `${withSheetZone(report.description, state.timeZone)} Suggested: ${report.cadence}.` : 'No report works with this account\'s login.');
    const chosen = existing && report && existing.reportId === report.id ? new Set(existing.fields) : null;
    replaceChildren(fieldsBox, el('legend', {}, 'Data to collect'), ...(report?.fields ?? []).map((field) => {
      const id = `editor-field-${field.id}`;
      return el('div', { class: 'choice' },
        el('input', { type: 'checkbox', id, value: field.id, checked: chosen ? chosen.has(field.id) : field.default, 'aria-describedby': `${id}-line` }),
        el('label', { for: id }, field.header),
        el('div', { class: 'secondary-text', id: `${id}-line` }, withSheetZone(field.description, state.timeZone)));
    }));
    if (report && !(existing && existing.reportId === report.id)) {
      setMode(report.defaultMode);
      schedule.set(scheduleForCadence(report.cadence));
    }
    suggestTab();
    checkTab();
    const saved: Record<string, string> = existing && report && existing.reportId === report.id ? existing.settings ?? {} : {};
    settingControls = (report?.settings ?? []).map((setting) => settingControl(setting, saved[setting.id], state.timeZone));
    replaceChildren(settingsBox, ...settingControls.map((c) => c.element));
  };
  onKindChange = fillReports;
  onTick = () => { suggestTab(); checkTab(); };
  reportSelect.addEventListener('change', fillReport);
  fillReports();
  if (existing) setMode(existing.mode);

  // Where each field's refusal is shown, by rpc.ts InputField.
  const accountSlot = { get label() { return chooser.label(); }, control: () => chooser.control(), get error() { return chooser.error(); } };
  marks.add('accountId', accountSlot);
  marks.add('accounts', accountSlot);
  marks.add('reportId', { label: 'Report', control: () => reportSelect, error: reportError });
  marks.add('fields', { label: 'Data to collect', control: () => fieldsBox.querySelector<HTMLInputElement>('input:checked') ?? fieldsBox.querySelector('input'), error: fieldsError, group: fieldsBox });
  marks.add('tabName', { label: 'Tab', control: () => (newTabRadio.checked ? newTabInput : existingSelect), error: tabError });
  marks.add('adoptTab', { label: 'Tab', control: () => (note.adopted() === null ? existingSelect : note.adoptBox), error: tabError });
  marks.add('mode', { label: 'Write mode', control: () => modeBox.querySelector<HTMLInputElement>('input:checked') ?? modeBox.querySelector('input'), error: modeError, group: modeBox });
  marks.add('schedule', { label: 'Schedule', control: () => schedule.control(), error: schedule.error });
  /** A setting's slot is looked up when a refusal names it: the report's settings change with the report. */
  const markSetting = (field: string, sentence: string) => {
    const control = settingControls.find((c) => `settings.${c.id}` === field);
    if (control) marks.add(field, { label: control.label, control: () => control.control, error: control.error });
    return marks.mark(field, sentence);
  };
  const mark = (field: string, sentence: string) => (field.startsWith('settings.') ? markSetting(field, sentence) : marks.mark(field, sentence));
  /** Focuses the first wrong field and says in the alert which fields need a change. */
  const revealMarks = () => showError(new AlertSentence(fieldsSummaryText(marks.reveal())));

  /** The input, or null after marking what is missing. */
  const readInput = (): ConfigurationInput | null => {
    marks.clear();
    const report = currentReport();
    const fields = Array.from(fieldsBox.querySelectorAll<HTMLInputElement>('input[type=checkbox]:checked')).map((c) => c.value);
    const tab = newTabRadio.checked ? newTabInput.value.trim() : existingSelect.value;
    const accountsProblem = chooser.problem();
    if (accountsProblem) mark('accounts', accountsProblem);
    if (!report) mark('reportId', 'Choose a report.');
    if (report && fields.length === 0) mark('fields', 'Tick at least one thing to collect.');
    if (!tab) {
      mark('tabName', 'Give the tab a name.');
    } else if (newTabRadio.checked && state.tabs.includes(tab) && tab !== existing?.tabName) {
      mark('tabName', `A tab named "${tab}" already exists: choose "Existing tab" to write into it, or another name.`);
    } else if (described?.key === tabKey() && described.description.allowed === 'no') {
      mark('tabName', described.description.message);
    } else if (described?.key === tabKey() && note.adopted() === false) {
      mark('adoptTab', `Tick "Use this tab anyway", or choose a new tab such as "${described.description.suggestion ?? ''}".`);
    }
    const settings: Record<string, string> = {};
    for (const control of settingControls) {
      const { value, problem } = control.read();
      if (problem) mark(`settings.${control.id}`, problem);
      else if (value !== undefined) settings[control.id] = value;
    }
    destination.validate();
    if (marks.any() || !report) {
      revealMarks();
      return null;
    }
    const mode = (modeBox.querySelector<HTMLInputElement>('input:checked')?.value ?? report.defaultMode) as WriteMode;
    const input: ConfigurationInput = { accountId: firstAccountId(), reportId: report.id, fields, tabName: tab, mode, schedule: schedule.read(), settings };
    if (existing) input.id = existing.id;
    // Several accounts; and a group edited down to one account stays a group of one, so the server
    // removes the other members instead of leaving them behind.
    const accounts = chooser.choice() ?? (existing?.group ? { kind: 'these' as const, accountIds: [input.accountId] } : null);
    if (accounts) input.accounts = accounts;
    if (note.adopted()) input.adoptTab = true;
    return { ...input, ...destination.read() };
  };

  const save = el('button', { type: 'submit', class: 'action', id: 'editor-save' }, 'Save');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearError();
    const input = readInput();
    if (!input) return;
    save.disabled = true;
    call('saveConfiguration', input)
      .then(async (saved) => {
        const title = state.reports.find((r) => r.id === saved.reportId)?.title ?? 'report';
        const scope = input.accounts ? ` for ${groupScopeText(input.accounts, input.accounts.kind === 'these' ? input.accounts.accountIds.length : 0)}` : '';
        announce(`Saved: ${title}${scope} into tab "${saved.tabName}".`);
        close();
        await store.reload();
        document.getElementById('new-report')?.focus();
      })
      .catch((error: unknown) => {
        // The server names the field it refused: the sentence goes there; otherwise the alert says it all.
        const field = errorField(error);
        if (errorKind(error) === 'invalid_input' && field && mark(field, errorDetail(error))) revealMarks();
        else showError(error, 'Could not save');
      })
      .finally(() => { save.disabled = false; });
  });

  replaceChildren(form,
    el('h2', { id: 'editor-heading', tabindex: -1 }, existing ? 'Edit report' : 'New report'),
    ...chooser.elements,
    labelled('Report', reportSelect, reportLine, reportError),
    fieldsBox,
    fieldsError,
    settingsBox,
    el('fieldset', {}, el('legend', {}, 'Tab'),
      el('div', { class: 'choice' }, newTabRadio, el('label', { for: newTabRadio.id }, 'New tab'), newTabInput),
      el('div', { class: 'choice' }, existingRadio, el('label', { for: existingRadio.id }, 'Existing tab'), existingSelect),
      tabError,
      groupHint,
      ...note.elements),
    destination.element,
    modeBox,
    ...schedule.elements,
    // Google's add-on sidebars keep their buttons and the add-on's name at the bottom: fixed there, so
    // Save stays in reach while the form scrolls; last in the form, so Tab reaches it after every field.
    el('footer', { class: 'editor-footer' }, save, button('Cancel', close, 'secondary', { id: 'editor-cancel' }), el('span', { class: 'editor-brand' }, 'Sheetgram')),
  );
  return form;
}
