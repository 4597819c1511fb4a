// One report for several accounts, written into one table: saved as one configuration per account
// (the group's "members"), so runs, statuses, limits and reconnects stay per account and one account's
// trouble never stops the others, while the person edits, runs and deletes the group as one report.
import { missingScopes } from '../accounts/scopes';
import type { ConnectedAccount } from '../accounts/types';
import { getReport } from '../reports/registry';
import type { ReportDefinition, ReportConfiguration } from '../reports/types';
import type { AccountChoice } from '../../contract/sidebar';
import { InputError } from './input';

export type { AccountChoice } from '../../contract/sidebar';

const FLOW_NAMES = { instagram: 'Instagram Login', facebook: 'Facebook Login' } as const;

/** The choice as the browser sent it, checked: anything else is refused with what to do. */
export function checkAccountChoice(raw: unknown): AccountChoice {
  const choice = raw as { kind?: unknown; accountIds?: unknown } | null;
  if (choice && typeof choice === 'object' && choice.kind === 'all') return { kind: 'all' };
  if (choice && typeof choice === 'object' && choice.kind === 'these' && Array.isArray(choice.accountIds)
    && choice.accountIds.every((id) => typeof id === 'string' && id.trim() !== '')) {
    const ids = [...new Set(choice.accountIds.map((id: string) => id.trim()))];
    if (!ids.length) throw new InputError('Tick at least one account.');
    return { kind: 'these', accountIds: ids };
  }
  throw new InputError('Choose the accounts: all connected accounts, or the ones you tick.');
}

/**
 * The accounts a choice covers among the person's connected accounts. "All" leaves out accounts whose
 * login cannot give the report (Competitors needs Facebook Login); a listed account must be connected.
 */
export function groupTargets(choice: AccountChoice, connected: readonly ConnectedAccount[], report: ReportDefinition): ConnectedAccount[] {
  if (choice.kind === 'all') {
    const able = connected.filter((a) => report.loginFlows.includes(a.flow));
    if (!able.length) throw new InputError(`${report.title} needs an account connected with ${report.loginFlows.map((f) => FLOW_NAMES[f]).join(' or ')}.`);
    return [...able].sort((a, b) => a.username.localeCompare(b.username));
  }
  return choice.accountIds.map((id) => {
    const account = connected.find((a) => a.id === id);
    if (!account) throw new InputError('One of the ticked accounts is not connected (any more): open the sidebar again and tick from the list.');
    return account;
  });
}

/** The configurations of a group (or the single one, when it is not in a group). */
export function membersOf(all: readonly ReportConfiguration[], config: ReportConfiguration): ReportConfiguration[] {
  return config.group ? all.filter((c) => c.group?.id === config.group!.id) : [config];
}

/**
 * Members to add for accounts connected after an "all connected accounts" report was saved: same report,
 * tab, fields, mode, schedule and settings; no state, so the first run reads the account in full.
 */
export function newMembers(
  all: readonly ReportConfiguration[], accounts: readonly ConnectedAccount[], owner: string, newId: () => string, now: number,
): ReportConfiguration[] {
  const added: ReportConfiguration[] = [];
  const groups = new Map<string, ReportConfiguration[]>();
  for (const c of all) if (c.group?.accounts.kind === 'all' && c.owner === owner) groups.set(c.group.id, [...(groups.get(c.group.id) ?? []), c]);
  for (const members of groups.values()) {
    const template = members[0];
    const report = getReport(template.reportId);
    for (const account of accounts) {
      if (members.some((m) => m.accountId === account.id)) continue;
      // Only where the account's login and permissions give the report (a reconnect with more permissions adds it then).
      if (!report.loginFlows.includes(account.flow) || missingScopes(report.requiredScopes[account.flow] ?? [], account.scopes).length) continue;
      added.push({
        ...template, id: newId(), accountId: account.id, accountUsername: account.username, loginFlow: account.flow, state: undefined, createdAt: now,
      });
    }
  }
  return added;
}
