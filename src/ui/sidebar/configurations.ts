// The saved reports, grouped by account: a block per account (by username), its reports in the registry's
// order; reports for several accounts (a group: one configuration per account) come first, as one card
// with a line per account whose actions act on the whole group. Each card says what it collects, where
// and when, its last result once, and one status: when it runs next, that its first run is due, or that
// it waits for the person; a report that also loads into BigQuery says in one line how that stands.
// "Run all" runs every report in turn; "New report" opens the editor.
import type { AccountChoice, BigQueryStatusView, Configuration, RunSummary, SidebarState } from '../../contract/sidebar';
import { button, el, replaceChildren } from './dom';
import { call } from './server';
import { announce, clearError, showError } from './notices';
import { confirmInline } from './confirm';
import { accountName, store } from './state';
import { drawRunNote, isRunning, noteOf, RUN_ALL, runAll, runNoteId, runNow } from './run-now';
import { openEditor } from './report-form';
import { repairButton, repairLines } from './repair';
import { WRITE_MODES, groupScopeText, listText, resultText, scheduleText, timeText } from './wording';

/** One card: a single configuration, or the members of one group sorted by username. */
interface Card {
  /** Names the card's run note: the configuration's id, or the group's. */
  key: string;
  members: Configuration[];
  group?: { id: string; accounts: AccountChoice };
}

/** The cards of one account (accountId), or those for several accounts (no accountId), under a heading. */
interface Block {
  key: string;
  title: string;
  accountId?: string;
  cards: Card[];
}

export function renderConfigurations(host: HTMLElement, editorHost: HTMLElement, state: SidebarState): void {
  const heading = el('h2', { id: 'reports-heading', tabindex: -1 }, 'Reports');
  if (!state.accounts.length) {
    replaceChildren(host, heading, el('p', { class: 'hint' }, 'Connect an Instagram account first; then choose the reports to collect.'));
    return;
  }
  const blocks = reportBlocks(state);
  const cards = blocks.flatMap((b) => b.cards);
  const add = button('New report', () => openEditor(editorHost, state, null, add), 'action', { id: 'new-report' });
  replaceChildren(host,
    heading,
    runAllControls(state),
    cards.length
      ? el('div', { class: 'report-blocks' }, ...blocks.map((block) => blockSection(block, state, editorHost)))
      : el('p', { class: 'hint' }, 'No reports yet. Click New report to choose what to collect.'),
    el('div', { class: 'buttons' }, add));
  cards.forEach((card) => drawRunNote(card.key));
  drawRunNote(RUN_ALL);
}

/** Run all, with its note (a polite live region), once there are two reports or more to run. */
function runAllControls(state: SidebarState): HTMLElement | false {
  if (state.configurations.length < 2) return false;
  const hint = el('p', { class: 'secondary-text', id: 'run-all-hint' },
    'Runs your reports one after the other. What does not fit in one go continues on its own within the hour.');
  const all: HTMLButtonElement = button('Run all', () => {
    all.disabled = true;
    // One run at a time: each card's Run now waits for Run all.
    document.querySelectorAll<HTMLButtonElement>('button[data-run-now]').forEach((b) => { b.disabled = true; });
    void runAll(() => void store.reload());
  }, 'secondary', { id: 'run-all', 'aria-describedby': 'run-all-hint' });
  all.disabled = isRunning(RUN_ALL);
  return el('div', { class: 'run-all' },
    el('div', { class: 'buttons' }, all), hint,
    el('p', { id: runNoteId(RUN_ALL), class: 'run-note', role: 'status', 'aria-live': 'polite' }));
}

/** Sorts accounts by username; accounts not connected for this person come last, by id. */
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

/**
 * The cards by account: reports for several accounts first, then a block per account by username (its
 * reports in the registry's order), then reports of accounts not connected for this person.
 */
export function reportBlocks(state: SidebarState): Block[] {
  const cards = reportCards(state);
  const blocks: Block[] = [];
  const shared = cards.filter((c) => c.group);
  if (shared.length) blocks.push({ key: 'several', title: 'For several accounts', cards: shared });
  const single = cards.filter((c) => !c.group);
  const ids = [...new Set(single.map((c) => c.members[0].accountId))].sort((a, b) => accountSortKey(state, a).localeCompare(accountSortKey(state, b)));
  const others: Card[] = [];
  for (const id of ids) {
    const own = single.filter((c) => c.members[0].accountId === id);
    if (state.accounts.some((a) => a.id === id)) blocks.push({ key: id, title: accountName(state, id), accountId: id, cards: own });
    else others.push(...own);
  }
  if (others.length) blocks.push({ key: 'others', title: 'Accounts not connected for you', cards: others });
  return blocks;
}

function blockSection(block: Block, state: SidebarState, editorHost: HTMLElement): HTMLElement {
  const headingId = `reports-of-${block.key}`;
  return el('section', { class: 'report-block', 'aria-labelledby': headingId, 'data-account-id': block.accountId },
    el('h3', { id: headingId }, block.title),
    el('ul', { class: 'configurations' }, ...block.cards.map((card) => cardItem(card, state, editorHost, !block.accountId))));
}

function reportTitle(state: SidebarState, reportId: string): string {
  return state.reports.find((r) => r.id === reportId)?.title ?? reportId;
}

/** "@a, @b and @c", for the buttons' names and the confirmation. */
function namesText(state: SidebarState, members: Configuration[]): string {
  return listText(members.map((m) => accountName(state, m.accountId)));
}

function lastRunText(last: RunSummary, state: SidebarState): string {
  return `Last run ${timeText(last.at, state.timeZone)}: ${resultText(last)}`;
}

/**
 * The one status of a configuration: waiting for the person, its first run, or when it runs next (the
 * real next attempt: a due run starts at the next hourly run, whose minute Google picks). Null: nothing
 * comes by itself and it has run before (no schedule).
 */
export function statusText(configuration: Configuration, state: SidebarState): string | null {
  const who = accountName(state, configuration.accountId);
  if (configuration.waitsFor === 'reconnect') return `Waits for you: click Reconnect next to ${who}; it goes on by itself after that.`;
  if (configuration.waitsFor === 'permission') return `Waits for you: click Add permission or Reconnect next to ${who} and allow every permission, or save the report again once the cause is fixed.`;
  const last = configuration.lastRun;
  if (configuration.nextRun === undefined) return last ? null : 'Not run yet: click Run now.';
  if (!last) return configuration.dueNow ? 'First run due now: the next hourly run starts it, or click Run now.' : `First run: ${timeText(configuration.nextRun, state.timeZone)}`;
  const label = last.status === 'failed' ? 'Next try' : last.status === 'continues' ? 'Continues' : last.status === 'incomplete' ? 'Tried again' : 'Next run';
  if (configuration.dueNow) return `${label} at the next hourly run.`;
  return `${label}: ${timeText(configuration.nextRun, state.timeZone)}`;
}

/** The sentences of the last error that the result line does not already say (none: no error line). */
export function newErrorText(configuration: Configuration): string | null {
  const error = configuration.lastError?.trim();
  if (!error) return null;
  const said = configuration.lastRun?.message ?? '';
  if (!said) return error;
  // Sentences end with a stop and a space ("@old.shop" is one word).
  const sentences = error.split(/(?<=[.!?])\s+/).filter(Boolean);
  const fresh = sentences.filter((s) => !said.includes(s));
  if (fresh.length === sentences.length) return error;
  return fresh.length ? fresh.join(' ') : null;
}

/** Result, status and error lines of one configuration; `named`: each line starts with its account (a group's member). */
function runLines(configuration: Configuration, state: SidebarState, key: string | null, named: boolean): HTMLElement[] {
  const prefix = named ? [el('span', { class: 'username' }, accountName(state, configuration.accountId)), ': '] : [];
  const last = configuration.lastRun;
  const status = statusText(configuration, state);
  const error = newErrorText(configuration);
  // Run now's note already says this run's result: the card does not say it again.
  const note = key ? noteOf(key) : undefined;
  const noted = Boolean(last && note && note.at === last.at);
  const lines: HTMLElement[] = [];
  if (last && !noted) lines.push(el('p', { class: 'last-run' }, ...prefix, lastRunText(last, state)));
  else if (!last && named) lines.push(el('p', { class: 'last-run' }, ...prefix, status ?? 'Not run yet.'));
  if (status && (last || !named)) lines.push(el('p', { class: configuration.waitsFor ? 'next-run waits' : 'next-run' }, status));
  if (error) lines.push(el('p', { class: 'last-error' }, `Last error: ${error}`));
  return lines;
}

function cardItem(card: Card, state: SidebarState, editorHost: HTMLElement, showAccount: boolean): HTMLLIElement {
  const first = card.members[0];
  const title = reportTitle(state, first.reportId);
  // Who the buttons and the confirmation name: the account, or the group's accounts.
  const who = card.group?.accounts.kind === 'all' ? `all connected accounts (${namesText(state, card.members)})` : namesText(state, card.members);
  const mode = WRITE_MODES.find((m) => m.mode === first.mode)?.label ?? first.mode;
  const item = el('li', { class: card.group ? 'configuration configuration-group' : 'configuration', 'data-configuration-id': first.id, 'data-group-id': card.group?.id });
  const run = button('Run now', () => {
    run.disabled = true;
    void runNow(first.id, title, () => void store.reload().then(() => { run.disabled = isRunning(card.key) || isRunning(RUN_ALL); }), card.key);
  }, 'action', { 'aria-label': `Run ${title} for ${who} now`, 'data-run-now': true });
  run.disabled = isRunning(card.key) || isRunning(RUN_ALL);
  const edit = button('Edit', () => openEditor(editorHost, state, first, edit), 'secondary', { 'aria-label': `Edit ${title} for ${who}` });
  const remove = button('Delete', () => {
    confirmInline(item, `Delete the ${title} report for ${who}? The tab "${first.tabName}" and its rows stay; only the collecting stops.`, 'Delete', remove, () => void deleteConfiguration(first, title));
  }, 'secondary', { 'aria-label': `Delete ${title} for ${who}` });
  const where = el('p', { class: 'secondary-text' }, `Tab "${first.tabName}" · ${mode} · ${scheduleText(first.schedule)}`);
  const note = el('p', { id: runNoteId(card.key), class: 'run-note', role: 'status', 'aria-live': 'polite' });
  const buttons = el('div', { class: 'buttons' }, run, edit, remove, repairButton(item, card.members, state, title, who));
  if (!card.group) {
    replaceChildren(item,
      el('h4', {}, showAccount ? `${title} · ${accountName(state, first.accountId)}` : title),
      where, note, ...runLines(first, state, card.key, false), ...bigqueryLines(card.members, state), ...repairLines(card.members, state, false), buttons);
    return item;
  }
  replaceChildren(item,
    el('h4', {}, `${title} · ${groupScopeText(card.group.accounts, card.members.length)}`),
    where,
    el('p', { class: 'secondary-text' }, 'One tab for all: each row names its account.'),
    note,
    el('ul', { class: 'members', 'aria-label': `${title}: each account's runs` }, ...card.members.map((member) => memberLine(member, state))),
    ...bigqueryLines(card.members, state), ...repairLines(card.members, state, true), buttons);
  return item;
}

/**
 * The BigQuery line of a card, as the server words it: failed as a problem, pending and ok calm. A group's
 * members load one table: one line when they agree, else a line per account.
 */
function bigqueryLines(members: Configuration[], state: SidebarState): HTMLElement[] {
  const loading = members.filter((m) => m.bigqueryStatus);
  const line = (status: BigQueryStatusView, prefix: string) =>
    el('p', { class: 'bigquery-status', 'data-state': status.state }, `${prefix}${status.text}`);
  const [first] = loading;
  if (!first?.bigqueryStatus) return [];
  if (loading.length === members.length && loading.every((m) => m.bigqueryStatus?.text === first.bigqueryStatus?.text && m.bigqueryStatus?.state === first.bigqueryStatus?.state)) return [line(first.bigqueryStatus, '')];
  return loading.map((m) => line(m.bigqueryStatus as BigQueryStatusView, `${accountName(state, m.accountId)}: `));
}

/** One account of a group: its last run, its status and what its error adds, each on its own line. */
function memberLine(member: Configuration, state: SidebarState): HTMLLIElement {
  return el('li', { class: 'member', 'data-configuration-id': member.id, 'data-account-id': member.accountId }, ...runLines(member, state, null, true));
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
