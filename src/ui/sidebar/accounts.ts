// The accounts section: connected accounts with their token status, disconnect (with a confirmation
// that the tabs stay), a dashboard button, "Compare accounts" once there are two, and connecting a new
// account through a real link.
import type { AccountView, LoginFlow, SidebarState } from '../rpc';
import { button, el, replaceChildren, uid } from './dom';
import { call } from './server';
import { announce, clearError, showError } from './notices';
import { confirmInline } from './confirm';
import { store } from './state';
import { FLOW_NAMES, accountTypeText } from './wording';

export function renderAccounts(host: HTMLElement, state: SidebarState): void {
  const list = state.accounts.length
    ? el('ul', { class: 'accounts' }, ...state.accounts.map((a) => accountItem(a, state)))
    : el('p', { class: 'hint' }, 'No Instagram account is connected yet. Connect one below.');
  // With two accounts or more, one tab can set them side by side.
  const compare = state.accounts.length >= 2
    && el('div', { class: 'buttons' }, button('Compare accounts', () => void createCombinedDashboard(), 'secondary', { 'aria-label': 'Create a dashboard tab comparing all accounts' }));
  replaceChildren(host, el('h2', { id: 'accounts-heading', tabindex: -1 }, 'Instagram accounts'), list, compare, connectBox(state));
}

function accountItem(account: AccountView, state: SidebarState): HTMLLIElement {
  const item = el('li', { class: 'account', 'data-account-id': account.id });
  const linkArea = el('div', { class: 'connect-link' });
  const needsSignIn = account.tokenStatus.kind === 'reconnect' || account.tokenStatus.kind === 'expires_soon';
  // Reconnecting asks again for what this account's reports need, and for comments if it had them.
  const reconnectReports = () => [...new Set([
    ...state.configurations.filter((c) => c.accountId === account.id).map((c) => c.reportId),
    ...(account.scopes.some((s) => s.includes('manage_comments')) ? COMMENT_REPORTS : []),
  ])];
  const reconnect: HTMLButtonElement = button('Reconnect', () => void showConnectLink(account.flow, reconnectReports(), linkArea, reconnect), 'action', { 'aria-label': `Reconnect @${account.username}` });
  const disconnect = button('Disconnect', () => {
    confirmInline(item, `Disconnect @${account.username}? Its tabs and rows stay in this spreadsheet; its scheduled reports stop until you connect it again.`, 'Disconnect', disconnect, () => void disconnectAccount(account));
  }, 'secondary', { 'aria-label': `Disconnect @${account.username}` });
  const dashboard = button('Create dashboard', () => void createDashboard(account), 'secondary', { 'aria-label': `Create a dashboard tab for @${account.username}` });
  // The date matters while the sign-in still works; once it stopped, "reconnect needed" says it all.
  const expires = account.expiresOn && (account.tokenStatus.kind === 'valid' || account.tokenStatus.kind === 'expires_soon') ? ` (until ${account.expiresOn})` : '';
  replaceChildren(item,
    el('div', { class: 'username' }, `@${account.username}`),
    el('div', { class: 'secondary-text' }, `${accountTypeText(account.accountType)} · ${FLOW_NAMES[account.flow]}`),
    el('div', { class: `token token-${account.tokenStatus.kind}` }, `Sign-in: ${account.tokenStatus.text}${expires}`),
    el('div', { class: 'buttons' }, needsSignIn && reconnect, dashboard, disconnect),
    linkArea,
  );
  return item;
}

async function disconnectAccount(account: AccountView): Promise<void> {
  clearError();
  try {
    const result = await call('disconnectAccount', account.id);
    announce(result.message);
    await store.reload();
    document.getElementById('accounts-heading')?.focus();
  } catch (error) {
    showError(error, `Could not disconnect @${account.username}`);
  }
}

async function createDashboard(account: AccountView): Promise<void> {
  clearError();
  try {
    announce((await call('createDashboard', account.id)).message);
  } catch (error) {
    showError(error, `Could not create the dashboard for @${account.username}`);
  }
}

async function createCombinedDashboard(): Promise<void> {
  clearError();
  try {
    announce((await call('createCombinedDashboard')).message);
  } catch (error) {
    showError(error, 'Could not create the dashboard comparing the accounts');
  }
}

/** Choice of login flow, then a link the user clicks: popups opened from async handlers are blocked. */
function connectBox(state: SidebarState): HTMLElement {
  const name = uid('flow');
  const options = state.connectOptions.map((option, index) => {
    const id = uid('flow-option');
    const lineId = `${id}-line`;
    return el('div', { class: 'choice' },
      el('input', { type: 'radio', name, id, value: option.flow, checked: index === 0, 'aria-describedby': lineId }),
      el('label', { for: id }, option.title),
      el('div', { class: 'secondary-text', id: lineId }, option.gives),
    );
  });
  const linkArea = el('div', { class: 'connect-link' });
  const box = el('div', { class: 'connect' });
  // Sheetgram asks only for what the reports need: reading comments is a permission of its own.
  const comments = el('input', { type: 'checkbox', id: uid('comments'), 'aria-describedby': 'connect-comments-line' });
  const getLink = button('Get sign-in link', () => {
    const chosen = box.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`);
    const flow = chosen?.value as LoginFlow | undefined;
    const reports = comments.checked ? state.reports.filter((r) => flow && r.loginFlows.includes(flow) && COMMENT_REPORTS.includes(r.id)).map((r) => r.id) : [];
    if (flow) void showConnectLink(flow, reports, linkArea, getLink);
  }, 'action');
  replaceChildren(box,
    el('fieldset', {}, el('legend', {}, 'Connect an account with'), ...options),
    el('div', { class: 'choice' }, comments, el('label', { for: comments.id }, 'Also allow reading comments'),
      el('div', { class: 'secondary-text', id: 'connect-comments-line' }, 'Needed for the Comments and Tagged media reports.')),
    getLink,
    linkArea,
  );
  return box;
}

/** Reports that need the comments permission on top of a flow's basic ones. */
const COMMENT_REPORTS = ['comments', 'tagged_media'];

async function showConnectLink(flow: LoginFlow, reportIds: string[], area: HTMLElement, trigger: HTMLButtonElement): Promise<void> {
  clearError();
  trigger.disabled = true;
  try {
    const { url } = await call('getConnectUrl', flow, reportIds);
    const link = el('a', { href: url, target: '_blank', rel: 'noopener', class: 'connect-anchor' }, `Sign in with ${flow === 'facebook' ? 'Facebook' : 'Instagram'} (opens a new tab)`);
    const refresh = button('I have signed in: refresh', () => void store.reload());
    replaceChildren(area,
      link,
      el('p', { class: 'secondary-text' }, 'After signing in, close that tab and come back here.'),
      refresh,
    );
    // Coming back from the sign-in tab is the moment the new account exists.
    link.addEventListener('click', () => window.addEventListener('focus', () => void store.reload(), { once: true }));
    link.focus();
  } catch (error) {
    showError(error, 'Could not start connecting');
  } finally {
    trigger.disabled = false;
  }
}
