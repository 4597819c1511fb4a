// A report for several accounts in one table, as the sidebar acts on it: saving writes one configuration
// per account (adding and removing members as the choice changes), Run now runs every member in turn
// while the execution has time and queues the rest for the next tick (Run all does the same with every
// report of the person), and a new connection joins the "all connected accounts" reports.
import type { ConnectedAccount } from '../core/accounts/types';
import { checkAccountChoice, groupTargets, membersOf, newMembers } from '../core/configurations/groups';
import { configurationFromInput, InputError, type ConfigurationInput } from '../core/configurations/input';
import { describeTabChoice, type TabSurvey } from '../core/configurations/tab-choice';
import { queuedCheckpoint } from '../core/run/checkpoint';
import type { RunOutcome } from '../core/run/execute';
import { calendarDateIn, isoDate } from '../core/reports/dates';
import { getReportOrNull } from '../core/reports/registry';
import type { ReportConfiguration } from '../core/reports/types';
import { MIN_RUN_MS } from '../core/schedule/dispatch';
import type { RunStatus, RunSummary } from '../contract/sidebar';
import type { GasContext } from './context';

/** Saves every member of the group the input describes; returns them, the first account's first. */
export function saveGroup(ctx: GasContext, input: ConfigurationInput, existing: ReportConfiguration | null, survey: TabSurvey): ReportConfiguration[] {
  const choice = input.accounts !== undefined ? checkAccountChoice(input.accounts) : existing?.group?.accounts;
  if (!choice) throw new InputError('Choose the accounts this report is for.');
  const report = getReportOrNull(String(input.reportId));
  if (!report) throw new InputError('Choose a report.');
  const configs = ctx.configs();
  const members = existing ? membersOf(configs.list(), existing) : [];
  const memberIds = new Set(members.map((m) => m.id));
  const groupId = existing?.group?.id ?? existing?.id ?? Utilities.getUuid();
  // The members' own tab counts as this report's, even while the edit changes the report.
  const groupSurvey: TabSurvey = { ...survey, targets: survey.targets.map((t) => (memberIds.has(t.configId) ? { ...t, reportId: report.id } : t)) };
  const now = Date.now();
  const saved = groupTargets(choice, ctx.accounts().list(), report).map((account: ConnectedAccount) => {
    const member = members.find((m) => m.accountId === account.id) ?? null;
    const config = configurationFromInput({ ...input, id: member?.id, accountId: account.id }, {
      account, existing: member, owner: ctx.userKey(), now, newId: () => Utilities.getUuid(),
      describeTab: (tabName, reportId) => describeTabChoice({ name: tabName, reportId, accountId: account.id, username: account.username, configurationId: member?.id ?? null }, groupSurvey),
    });
    return { ...config, group: { id: groupId, accounts: choice } };
  });
  // Every member is checked before anything is written: a refusal leaves the group as it was.
  for (const m of members) if (!saved.some((c) => c.id === m.id)) configs.remove(m.id);
  for (const config of saved) configs.save(config);
  return saved;
}

const WORST: RunStatus[] = ['ok', 'partial', 'incomplete', 'continues', 'failed'];

/**
 * Run now for a group: each member runs on its own (its account's limits, sign-in and status), in turn,
 * while a run still fits the execution; the rest are queued and the next tick runs them first.
 */
export function runGroupNow(ctx: GasContext, config: ReportConfiguration, run: (member: ReportConfiguration) => RunOutcome): { summary: RunSummary; outcomes: RunOutcome[]; queued: number } {
  const members = membersOf(ctx.configs().list(), config).sort((a, b) => (a.accountUsername ?? '').localeCompare(b.accountUsername ?? ''));
  return runInTurn(ctx, members, run, (member) => `@${member.accountUsername ?? member.accountId}`);
}

/**
 * Runs configurations one after the other while a run still fits the execution, and queues the rest for
 * the next tick (which runs them first); `nameOf` names each in the summary's lines. Run now of a group
 * and Run all go through here.
 */
export function runInTurn(
  ctx: GasContext, members: readonly ReportConfiguration[], run: (member: ReportConfiguration) => RunOutcome, nameOf: (member: ReportConfiguration) => string,
): { summary: RunSummary; outcomes: RunOutcome[]; queued: number } {
  const configs = ctx.configs();
  const outcomes: RunOutcome[] = [];
  const lines: string[] = [];
  let queued = 0;
  for (const member of members) {
    const name = nameOf(member);
    if (Date.now() + MIN_RUN_MS > ctx.deadline) {
      const checkpoints = configs.checkpoints(member.id);
      if (!checkpoints.load()) checkpoints.save(queuedCheckpoint(member.id, isoDate(calendarDateIn(Date.now(), ctx.timeZone())), Date.now()));
      queued++;
      lines.push(`${name}: waits for the next hourly run (no time left in this one).`);
      continue;
    }
    const outcome = run(member);
    outcomes.push(outcome);
    lines.push(`${name}: ${outcome.summary.message || 'Finished.'}`);
  }
  const statuses = outcomes.map((o) => o.summary.status);
  const failed = statuses.filter((s) => s === 'failed').length;
  let status: RunStatus = statuses.reduce((a, b) => (WORST.indexOf(b) > WORST.indexOf(a) ? b : a), 'ok' as RunStatus);
  if (queued) status = 'continues';
  // One account's failure is that account's: the others' rows are in.
  else if (failed && failed < statuses.length) status = 'partial';
  const sum = (pick: (s: RunSummary) => number) => outcomes.reduce((n, o) => n + pick(o.summary), 0);
  return {
    summary: { at: Date.now(), status, rowsAdded: sum((s) => s.rowsAdded), rowsUpdated: sum((s) => s.rowsUpdated), callsUsed: sum((s) => s.callsUsed), message: lines.join(' ') },
    outcomes, queued,
  };
}

/** Members for accounts just connected, in the "all connected accounts" reports of the person. */
export function joinGroups(ctx: GasContext, accounts: ConnectedAccount[]): number {
  const configs = ctx.configs();
  const added = newMembers(configs.list(), accounts, ctx.userKey(), () => Utilities.getUuid(), Date.now());
  for (const config of added) configs.save(config);
  return added.length;
}
