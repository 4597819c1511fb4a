// The saved reports: what each collects, where and when, its last run, next run and last error in plain
// words, and its actions (Run now, Edit, Delete). "New report" opens the editor. A report for several
// accounts (a group: one configuration per account) is one card with a line per account; its actions
// act on the whole group. Cards follow the registry's order of reports, then the accounts' names.
import type { AccountChoice, Configuration, SidebarState } from '../rpc';
import { button, el, replaceChildren } from './dom';
import { call } from './server';
import { announce, clearError, showError } from './notices';
import { confirmInline } from './confirm';
import { accountName, store } from './state';
import { drawRunNote, isRunning, runNoteId, runNow } from './run-now';
import { openEditor } from './report-form';
import { WRITE_MODES, groupScopeText, listText, resultText, scheduleText, timeText } from './wording';

/** One card: a single configuration, or the members of one group sorted by username. */
interface Card {
  /** Names the card's run note: the configuration's id, or the group's. */
  key: string;
  members: Configuration[];
  group?: { id: string; accounts: AccountChoice };
}

export function renderConfigurations(host: HTMLElement, editorHost: HTMLElement, state: SidebarState): void {
  const heading = el('h2', { id: 'reports-heading', tabindex: -1 }, 'Reports');
  if (!state.accounts.length) {
    replaceChildren(host, heading, el('p', { class: 'hint' }, 'Connect an Instagram account first; then choose the reports to collect.'));
    return;
  }
  const cards = reportCards(state);
  const list = cards.length
    ? el('ul', { class: 'configurations' }, ...cards.map((card) => cardItem(card, state, editorHost)))
    : el('p', { class: 'hint' }, 'No reports yet. Click New report to choose what to collect.');
  const add = button('New report', () => openEditor(editorHost, state, null, add), 'action', { id: 'new-report' });
  replaceChildren(host, heading, list, el('div', { class: 'buttons' }, add));
  cards.forEach((card) => drawRunNote(card.key));
}

/** Sorts accounts by username; accounts no longer connected come last, by id. */
function accountSortKey(state: SidebarState, accountId: string): string {
  const account = state.accounts.find((a) => a.id === accountId);
  return account ? `0${account.username.toLowerCase()}` : `1${accountId}`;
}

function byAccount(state: SidebarState): (a: Configuration, b: Configuration) => number {
  return (a, b) => accountSortKey(state, a.accountId).localeCompare(accountSortKey(state, b.accountId)) || a.id.localeCompare(b.id);
}

/** The cards in a stable order: the registry's order of reports, then account, then tab. */
export function reportCards(state: SidebarState): Card[] {
  const cards: Card[] = [];
  const groups = new Map<string, Card>();
  for (const configuration of state.configurations) {
    const group = configuration.group;
    if (!group) {
      cards.push({ key: configuration.id, members: [configuration] });
      continue;
    }
    const card = groups.get(group.id);
    if (card) card.members.push(configuration);
    else {
      const made: Card = { key: `group-${group.id}`, members: [configuration], group };
      groups.set(group.id, made);
      cards.push(made);
    }
  }
  cards.forEach((card) => card.members.sort(byAccount(state)));
  const reportIndex = (id: string) => {
    const index = state.reports.findIndex((r) => r.id === id);
    return index < 0 ? state.reports.length : index;
  };
  return cards.sort((a, b) => {
    const [x, y] = [a.members[0], b.members[0]];
    return reportIndex(x.reportId) - reportIndex(y.reportId)
      || x.reportId.localeCompare(y.reportId)
      || accountSortKey(state, x.accountId).localeCompare(accountSortKey(state, y.accountId))
      || x.tabName.localeCompare(y.tabName)
      || a.key.localeCompare(b.key);
  });
}

function reportTitle(state: SidebarState, reportId: string): string {
  return state.reports.find((r) => r.id === reportId)?.title ?? reportId;
}

/** "@a, @b and @c", for the buttons' names and the confirmation. */
function namesText(state: SidebarState, members: Configuration[]): string {
  return listText(members.map((m) => accountName(state, m.accountId)));
}

function lastRunText(configuration: Configuration, state: SidebarState): string {
  const last = configuration.lastRun;
  return last ? `Last run ${timeText(last.at, state.timeZone)}: ${resultText(last)}` : 'Not run yet.';
}

function cardItem(card: Card, state: SidebarState, editorHost: HTMLElement): HTMLLIElement {
  const first = card.members[0];
  const title = reportTitle(state, first.reportId);
  // Who the buttons and the confirmation name: the account, or the group's accounts.
  const who = card.group?.accounts.kind === 'all' ? `all connected accounts (${namesText(state, card.members)})` : namesText(state, card.members);
  const mode = WRITE_MODES.find((m) => m.mode === first.mode)?.label ?? first.mode;
  const item = el('li', { class: card.group ? 'configuration configuration-group' : 'configuration', 'data-configuration-id': first.id, 'data-group-id': card.group?.id });
  const run = button('Run now', () => {
    run.disabled = true;
    void runNow(first.id, title, () => void store.reload().then(() => { run.disabled = isRunning(card.key); }), card.key);
  }, 'action', { 'aria-label': `Run ${title} for ${who} now` });
  run.disabled = isRunning(card.key);
  const edit = button('Edit', () => openEditor(editorHost, state, first, edit), 'secondary', { 'aria-label': `Edit ${title} for ${who}` });
  const remove = button('Delete', () => {
    confirmInline(item, `Delete the ${title} report for ${who}? The tab "${first.tabName}" and its rows stay; only the collecting stops.`, 'Delete', remove, () => void deleteConfiguration(first, title));
  }, 'secondary', { 'aria-label': `Delete ${title} for ${who}` });
  const where = el('p', { class: 'secondary-text' }, `Tab "${first.tabName}" · ${mode} · ${scheduleText(first.schedule)}`);
  const note = el('p', { id: runNoteId(card.key), class: 'run-note', role: 'status', 'aria-live': 'polite' });
  const buttons = el('div', { class: 'buttons' }, run, edit, remove);
  if (!card.group) {
    replaceChildren(item,
      el('h3', {}, `${title} · ${accountName(state, first.accountId)}`),
      where,
      el('p', { class: 'last-run' }, lastRunText(first, state)),
      first.nextRun !== undefined && el('p', { class: 'next-run' }, `Next run: ${timeText(first.nextRun, state.timeZone)}`),
      first.lastError && el('p', { class: 'last-error' }, `Last error: ${first.lastError}`),
      note, buttons);
    return item;
  }
  replaceChildren(item,
    el('h3', {}, `${title} · ${groupScopeText(card.group.accounts, card.members.length)}`),
    where,
    el('p', { class: 'secondary-text' }, 'One tab for all: each row names its account.'),
    el('ul', { class: 'members', 'aria-label': `${title}: each account's runs` }, ...card.members.map((member) => memberLine(member, state))),
    note, buttons);
  return item;
}

/** One account of a group: its last run, next run and last error, each on its own line. */
function memberLine(member: Configuration, state: SidebarState): HTMLLIElement {
  return el('li', { class: 'member', 'data-configuration-id': member.id, 'data-account-id': member.accountId },
    el('p', { class: 'last-run' }, el('span', { class: 'username' }, accountName(state, member.accountId)), `: ${lastRunText(member, state)}`),
    member.nextRun !== undefined && el('p', { class: 'next-run' }, `Next run: ${timeText(member.nextRun, state.timeZone)}`),
    member.lastError && el('p', { class: 'last-error' }, `Last error: ${member.lastError}`));
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
