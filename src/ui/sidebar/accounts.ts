// The accounts section: connected accounts with their sign-in in a sentence, Reconnect (always there:
// a sign-in can be renewed at any time), Add permission when reports need one the sign-in lacks, disconnect
// (with a confirmation that the tabs stay), a dashboard button, "Compare accounts" once there are two, and
// connecting a new account through a real link, in a block that folds away once an account is connected.
import type { AccountView, LoginFlow, SidebarState } from '../../contract/sidebar';
import { button, el, replaceChildren, uid } from './dom';
import { call } from './server';
import { announce, clearError, showError } from './notices';
import { confirmInline } from './confirm';
import { store } from './state';
import { FLOW_NAMES, accountTypeText, listText } from './wording';
import { alertsBlock } from './alerts';

export function renderAccounts(host: HTMLElement, state: SidebarState): void {
  const list = state.accounts.length
    ? el('ul', { class: 'accounts' }, ...state.accounts.map((a) => accountItem(a, state)))
    : el('p', { class: 'hint' }, 'No Instagram account is connected yet. Connect one below.');
  // With two accounts or more, one tab can set them side by side.
  const compare = state.accounts.length >= 2
    && el('div', { class: 'buttons' }, button('Compare accounts', () => void createCombinedDashboard(), 'secondary', { 'aria-label': 'Create a dashboard tab comparing all accounts' }));
  replaceChildren(host, el('h2', { id: 'accounts-heading', tabindex: -1 }, 'Instagram accounts'), list, compare, connectBox(state));
}

/** Reports that need a permission beyond the flow's basic sign-in (the registry's required scopes). */
function permissionReports(state: SidebarState, flow: LoginFlow): string[] {
  return state.reports.filter((r) => r.needsPermission?.includes(flow)).map((r) => r.id);
}

function titlesOf(state: SidebarState, ids: readonly string[]): string {
  return listText(ids.map((id) => state.reports.find((r) => r.id === id)?.title ?? id));
}

/** The sign-in as a sentence; from an older server, its status and date. */
function signInText(account: AccountView): string {
  if (account.signIn) return account.signIn;
  // The date matters while the sign-in still works; once it stopped, "reconnect needed" says it all.
  const expires = account.expiresOn && (account.tokenStatus.kind === 'valid' || account.tokenStatus.kind === 'expires_soon') ? ` (until ${account.expiresOn})` : '';
  return `Sign-in: ${account.tokenStatus.text}${expires}`;
}

function accountItem(account: AccountView, state: SidebarState): HTMLLIElement {
  const item = el('li', { class: 'account', 'data-account-id': account.id });
  const linkArea = el('div', { class: 'connect-link' });
  const lacking = account.lacking?.reportIds ?? [];
  // Reconnecting keeps what the sign-in has: the permissions of the reports it already serves.
  const kept = permissionReports(state, account.flow).filter((id) => !lacking.includes(id));
  // Always there (a sign-in can be renewed at any time); blue only when the sign-in needs it.
  const urgent = account.tokenStatus.kind === 'reconnect' || account.tokenStatus.kind === 'expires_soon';
  const reconnect: HTMLButtonElement = button('Reconnect', () => void showConnectLink(account.flow, kept, linkArea, reconnect, account.id), urgent ? 'action' : 'secondary', {
    'aria-label': `Reconnect @${account.username}`,
  });
  // Adding a permission is the same sign-in, asking for it on top of what the account has.
  const addPermission: HTMLButtonElement | false = lacking.length > 0 && button('Add permission', () => void showConnectLink(account.flow, [...kept, ...lacking], linkArea, addPermission as HTMLButtonElement, account.id), account.lacking?.needed ? 'action' : 'secondary', {
    'aria-label': `Add permission for ${titlesOf(state, lacking)} to @${account.username}`,
  });
  const disconnect = button('Disconnect', () => {
    confirmInline(item, `Disconnect @${account.username}? Its tabs and rows stay in this spreadsheet; its scheduled reports stop until you connect it again.`, 'Disconnect', disconnect, () => void disconnectAccount(account));
  }, 'secondary', { 'aria-label': `Disconnect @${account.username}` });
  const dashboard = button('Create dashboard', () => void createDashboard(account), 'secondary', { 'aria-label': `Create a dashboard tab for @${account.username}` });
  const permissionLine = lacking.length > 0 && el('p', { class: account.lacking?.needed ? 'permission permission-needed' : 'permission secondary-text' },
    account.lacking?.needed
      ? `${titlesOf(state, lacking)} ${lacking.length === 1 ? 'needs' : 'need'} a permission this sign-in lacks: click Add permission and allow it.`
      : `To collect ${titlesOf(state, lacking)} too, click Add permission.`);
  replaceChildren(item,
    el('div', { class: 'username' }, `@${account.username}`),
    el('div', { class: 'secondary-text' }, `${accountTypeText(account.accountType)} · ${FLOW_NAMES[account.flow]}`),
    el('p', { class: `token token-${account.tokenStatus.kind}` }, signInText(account)),
    permissionLine,
    el('div', { class: 'buttons' }, reconnect, addPermission, dashboard, disconnect),
    linkArea,
    alertsBlock(account),
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

/**
 * Whether the person opened the connect block themselves (kept across redraws); null: its default,
 * folded once an account is connected. A new or removed account brings the default back.
 */
let connectOpen: boolean | null = null;
let accountsSeen = -1;

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
  const box = el('div', { class: 'connect-body' });
  // Sheetgram asks only for what the reports need: reading comments is a permission of its own.
  const lineId = uid('connect-comments-line');
  const comments = el('input', { type: 'checkbox', id: uid('comments'), 'aria-describedby': lineId });
  const extra = [...new Set(state.connectOptions.flatMap((o) => permissionReports(state, o.flow)))];
  const getLink = button('Get sign-in link', () => {
    const chosen = box.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`);
    const flow = chosen?.value as LoginFlow | undefined;
    const reports = comments.checked && flow ? permissionReports(state, flow) : [];
    if (flow) void showConnectLink(flow, reports, linkArea, getLink);
  }, 'action');
  replaceChildren(box,
    el('fieldset', {}, el('legend', {}, 'Connect an account with'), ...options),
    extra.length > 0 && el('div', { class: 'choice' }, comments, el('label', { for: comments.id }, 'Also allow reading comments'),
      el('div', { class: 'secondary-text', id: lineId }, `Needed for ${titlesOf(state, extra)}. You can add it later with Add permission.`)),
    getLink,
    linkArea,
  );
  // With no account yet, connecting is all there is to do: no folding.
  if (!state.accounts.length) return el('div', { class: 'connect' }, box);
  if (accountsSeen !== state.accounts.length) connectOpen = null;
  accountsSeen = state.accounts.length;
  const details = el('details', { class: 'connect' }, el('summary', {}, 'Connect another account'), box);
  details.open = connectOpen ?? false;
  details.addEventListener('toggle', () => { connectOpen = details.open; });
  return details;
}

async function showConnectLink(flow: LoginFlow, reportIds: string[], area: HTMLElement, trigger: HTMLButtonElement, accountId?: string): Promise<void> {
  clearError();
  trigger.disabled = true;
  try {
    const { url } = accountId ? await call('getConnectUrl', flow, reportIds, accountId) : await call('getConnectUrl', flow, reportIds);
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
    showError(error, accountId ? 'Could not start signing in again' : 'Could not start connecting');
  } finally {
    trigger.disabled = false;
  }
}
