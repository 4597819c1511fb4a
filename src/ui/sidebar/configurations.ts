// The saved reports: what each collects, where and when, its last run, next run and last error in plain
// words, and its actions (Run now, Edit, Delete). "New report" opens the editor.
import type { Configuration, SidebarState } from '../rpc';
import { button, el, replaceChildren } from './dom';
import { call } from './server';
import { announce, clearError, showError } from './notices';
import { confirmInline } from './confirm';
import { accountName, store } from './state';
import { drawRunNote, isRunning, runNoteId, runNow } from './run-now';
import { openEditor } from './report-form';
import { WRITE_MODES, resultText, scheduleText, timeText } from './wording';

export function renderConfigurations(host: HTMLElement, editorHost: HTMLElement, state: SidebarState): void {
  const heading = el('h2', { id: 'reports-heading', tabindex: -1 }, 'Reports');
  if (!state.accounts.length) {
    replaceChildren(host, heading, el('p', { class: 'hint' }, 'Connect an Instagram account first; then choose the reports to collect.'));
    return;
  }
  const list = state.configurations.length
    ? el('ul', { class: 'configurations' }, ...state.configurations.map((c) => configurationItem(c, state, editorHost)))
    : el('p', { class: 'hint' }, 'No reports yet. Click New report to choose what to collect.');
  const add = button('New report', () => openEditor(editorHost, state, null, add), 'action', { id: 'new-report' });
  replaceChildren(host, heading, list, el('div', { class: 'buttons' }, add));
  state.configurations.forEach((c) => drawRunNote(c.id));
}

function reportTitle(state: SidebarState, reportId: string): string {
  return state.reports.find((r) => r.id === reportId)?.title ?? reportId;
}

function configurationItem(configuration: Configuration, state: SidebarState, editorHost: HTMLElement): HTMLLIElement {
  const title = reportTitle(state, configuration.reportId);
  const who = accountName(state, configuration.accountId);
  const mode = WRITE_MODES.find((m) => m.mode === configuration.mode)?.label ?? configuration.mode;
  const item = el('li', { class: 'configuration', 'data-configuration-id': configuration.id });
  const run = button('Run now', () => {
    run.disabled = true;
    void runNow(configuration.id, title, () => void store.reload().then(() => { run.disabled = isRunning(configuration.id); }));
  }, 'action', { 'aria-label': `Run ${title} for ${who} now` });
  run.disabled = isRunning(configuration.id);
  const edit = button('Edit', () => openEditor(editorHost, state, configuration, edit), 'secondary', { 'aria-label': `Edit ${title} for ${who}` });
  const remove = button('Delete', () => {
    confirmInline(item, `Delete the ${title} report for ${who}? The tab "${configuration.tabName}" and its rows stay; only the collecting stops.`, 'Delete', remove, () => void deleteConfiguration(configuration, title));
  }, 'secondary', { 'aria-label': `Delete ${title} for ${who}` });
  const last = configuration.lastRun;
  replaceChildren(item,
    el('h3', {}, `${title} · ${who}`),
    el('p', { class: 'secondary-text' }, `Tab "${configuration.tabName}" · ${mode} · ${scheduleText(configuration.schedule)}`),
    el('p', { class: 'last-run' }, last ? `Last run ${timeText(last.at, state.timeZone)}: ${resultText(last)}` : 'Not run yet.'),
    configuration.nextRun !== undefined && el('p', { class: 'next-run' }, `Next run: ${timeText(configuration.nextRun, state.timeZone)}`),
    configuration.lastError && el('p', { class: 'last-error' }, `Last error: ${configuration.lastError}`),
    el('p', { id: runNoteId(configuration.id), class: 'run-note', role: 'status', 'aria-live': 'polite' }),
    el('div', { class: 'buttons' }, run, edit, remove),
  );
  return item;
}

async function deleteConfiguration(configuration: Configuration, title: string): Promise<void> {
  clearError();
  try {
    announce((await call('deleteConfiguration', configuration.id)).message || `${title} deleted.`);
    await store.reload();
    document.getElementById('reports-heading')?.focus();
  } catch (error) {
    showError(error, `Could not delete ${title}`);
  }
}
