// The sidebar page: wires the live regions and the spinner, loads the state and draws each section
// whenever a new state arrives. When the deployer has not finished setup, only that is shown.
import type { SidebarState } from '../../contract/sidebar';
import { busy } from '../sidebar/busy';
import { attachNotices } from '../sidebar/notices';
import { store } from '../sidebar/state';
import { renderAccounts } from '../sidebar/accounts';
import { renderConfigurations } from '../sidebar/configurations';
import { renderStatus } from '../sidebar/quota';
import { renderCells } from '../sidebar/cells';
import { renderMail } from '../sidebar/mail';
import { button, el, replaceChildren } from '../sidebar/dom';

function byId(id: string): HTMLElement {
  const element = document.getElementById(id);
  if (!element) throw new Error(`sidebar.html has no #${id}`);
  return element;
}

function draw(state: SidebarState): void {
  byId('loading').hidden = true;
  const setup = byId('setup');
  const sections = ['accounts', 'reports', 'editor', 'mail', 'quota-status'].map(byId);
  if (state.setupProblem) {
    replaceChildren(setup, el('h2', {}, 'Setup needed'), el('p', {}, state.setupProblem), button('Check again', () => void store.reload(), 'action'));
    setup.hidden = false;
    sections.forEach((s) => { s.hidden = true; });
    byId('cells').hidden = true;
    return;
  }
  setup.hidden = true;
  sections.forEach((s) => { s.hidden = false; });
  renderCells(byId('cells'), state);
  renderAccounts(byId('accounts'), state);
  renderConfigurations(byId('reports'), byId('editor'), state);
  renderMail(byId('mail'), state);
  renderStatus(byId('quota-status'), state);
}

function start(): void {
  busy.attach(byId('spinner'));
  attachNotices(byId('alert'), byId('status'));
  store.subscribe(draw);
  void store.reload().then((ok) => {
    if (!ok) replaceChildren(byId('loading'), button('Try again', () => void store.reload(), 'action'));
  });
}

start();
