// The editor's "Account" choice. With one account connected it is a plain list of accounts; with two or
// more it also offers one report for several accounts, written into one tab: "All connected accounts"
// (today's and later ones) or "Choose accounts…", which shows a box per account. An account whose login
// the report cannot serve is shown disabled with the reason ("Competitors needs Facebook Login").
import type { AccountChoice, AccountView, Configuration, ReportView, SidebarState } from '../../contract/sidebar';
import { el, replaceChildren } from './dom';
import { FLOW_NAMES, accountListText, needsLoginText } from './wording';

/** Option values that cannot be an account id (those are digits). */
const ALL = ':all';
const THESE = ':these';

export type ChoiceKind = 'one' | 'all' | 'these';

export interface AccountChooser {
  /** The labelled select with its line, then the boxes (shown for "Choose accounts…") and their error. */
  elements: HTMLElement[];
  select: HTMLSelectElement;
  kind(): ChoiceKind;
  /** Whether the report may be chosen: the one account's login serves it, or some connected account's does. */
  offers(report: ReportView): boolean;
  /** Greys out the accounts the report cannot serve and says who "all" covers. */
  setReport(report: ReportView | undefined): void;
  /** The accounts the choice covers for the current report, in the sidebar's order. */
  chosen(): AccountView[];
  /** What to send as ConfigurationInput.accounts; null for one account. */
  choice(): AccountChoice | null;
  /** What is missing ("Tick at least one account."), or null when the choice is complete. */
  problem(): string | null;
  /** Where a refusal about the accounts is shown: the first box that can be ticked, or the select. */
  control(): HTMLElement;
  /** The sentence's place: under the boxes for "Choose accounts…", else under the select. */
  error(): HTMLElement;
  /** The field's name as the form shows it. */
  label(): string;
}

export function accountChooser(state: SidebarState, existing: Configuration | null, onKindChange: () => void, onTick: () => void): AccountChooser {
  // An existing group keeps its choice even if only one account is connected now.
  const several = state.accounts.length >= 2 || Boolean(existing?.group);
  const groupChoice = existing?.group?.accounts;
  const accountOptions = state.accounts.map((a) =>
    el('option', { value: a.id, selected: !groupChoice && existing?.accountId === a.id }, `@${a.username} (${FLOW_NAMES[a.flow]})`));
  const select = el('select', { id: 'editor-account', 'aria-describedby': several ? 'editor-accounts-line' : null },
    ...(several
      ? [
        el('optgroup', { label: 'One account' }, ...accountOptions),
        el('optgroup', { label: 'Several accounts, one tab' },
          el('option', { value: ALL, selected: groupChoice?.kind === 'all' }, 'All connected accounts'),
          el('option', { value: THESE, selected: groupChoice?.kind === 'these' }, 'Choose accounts…')),
      ]
      : accountOptions));
  const line = el('p', { id: 'editor-accounts-line', class: 'secondary-text' });
  const selectError = el('p', { id: 'editor-account-error', class: 'field-error' });

  const ticked = new Set(groupChoice?.kind === 'these' ? groupChoice.accountIds : existing ? [existing.accountId] : []);
  const boxes = state.accounts.map((account) => {
    const id = `editor-account-${account.id}`;
    const box = el('input', { type: 'checkbox', id, value: account.id, checked: ticked.has(account.id), 'aria-describedby': `${id}-line` });
    const reason = el('div', { class: 'secondary-text', id: `${id}-line` });
    box.addEventListener('change', onTick);
    return { account, box, reason, row: el('div', { class: 'choice' }, box, el('label', { for: id }, `@${account.username} (${FLOW_NAMES[account.flow]})`), reason) };
  });
  const error = el('p', { id: 'editor-accounts-error', class: 'field-error' });
  const fieldset = el('fieldset', { id: 'editor-accounts', 'aria-describedby': 'editor-accounts-error' },
    el('legend', {}, 'Accounts for this report'), ...boxes.map((b) => b.row), error);
  // A plain wrapper carries `hidden`, so no stylesheet rule can show the boxes by mistake.
  const boxArea = el('div', {}, fieldset);

  let report: ReportView | undefined;
  let lastAccount = state.accounts.some((a) => a.id === select.value) ? select.value : state.accounts[0]?.id ?? '';
  const kind = (): ChoiceKind => (select.value === ALL ? 'all' : select.value === THESE ? 'these' : 'one');
  const serves = (account: AccountView) => !report || report.loginFlows.includes(account.flow);

  const describe = () => {
    boxArea.hidden = kind() !== 'these';
    if (kind() !== 'these') replaceChildren(error);
    const left = state.accounts.filter((a) => !serves(a));
    const leftOut = report && left.length ? ` Left out: ${accountListText(left.map((a) => a.username))} (${needsLoginText(report)}).` : '';
    if (kind() === 'all') replaceChildren(line, `Every account you connect, now and later, into one tab.${leftOut}`);
    else if (kind() === 'these') replaceChildren(line, 'The accounts you tick below, into one tab.');
    else replaceChildren(line);
    line.hidden = kind() === 'one';
  };

  select.addEventListener('change', () => {
    if (kind() === 'one') lastAccount = select.value;
    // "Choose accounts…" starts from the account that was chosen, so one more tick makes a pair.
    if (kind() === 'these' && !boxes.some((b) => b.box.checked)) {
      const start = boxes.find((b) => b.account.id === lastAccount && !b.box.disabled);
      if (start) start.box.checked = true;
    }
    describe();
    onKindChange();
  });

  const chooser: AccountChooser = {
    elements: several
      ? [el('div', { class: 'form-group' }, el('label', { for: select.id }, 'Account'), select, line, selectError), boxArea]
      : [el('div', { class: 'form-group' }, el('label', { for: select.id }, 'Account'), select, selectError)],
    select,
    kind,
    offers(candidate) {
      if (kind() === 'one') {
        const account = state.accounts.find((a) => a.id === select.value);
        return !account || candidate.loginFlows.includes(account.flow);
      }
      return state.accounts.some((a) => candidate.loginFlows.includes(a.flow));
    },
    setReport(next) {
      report = next;
      for (const { account, box, reason } of boxes) {
        const able = serves(account);
        box.disabled = !able;
        if (!able) box.checked = false;
        replaceChildren(reason, able || !next ? '' : needsLoginText(next));
      }
      describe();
    },
    chosen() {
      switch (kind()) {
        case 'all': return state.accounts.filter(serves);
        case 'these': return boxes.filter((b) => b.box.checked && !b.box.disabled).map((b) => b.account);
        default: return state.accounts.filter((a) => a.id === select.value);
      }
    },
    choice() {
      if (kind() === 'all') return { kind: 'all' };
      if (kind() === 'these') return { kind: 'these', accountIds: chooser.chosen().map((a) => a.id) };
      return null;
    },
    problem() {
      return kind() !== 'these' || chooser.chosen().length ? null : 'Tick at least one account.';
    },
    control() {
      if (kind() !== 'these') return select;
      return boxes.find((b) => b.box.checked && !b.box.disabled)?.box ?? boxes.find((b) => !b.box.disabled)?.box ?? select;
    },
    error: () => (kind() === 'these' ? error : selectError),
    label: () => (kind() === 'these' ? 'Accounts for this report' : 'Account'),
  };
  describe();
  return chooser;
}
