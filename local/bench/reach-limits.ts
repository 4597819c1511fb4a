// The limits "How far one spreadsheet goes" holds the agency's days against: Google's figures, taken
// from the local runtime's own tables (quotas.ts, execution.ts) so the doc cannot drift from what the
// runtime enforces; what each day's figure is for each limit; and, from runs at several numbers of
// accounts, how many accounts one spreadsheet serves before each limit binds.
import { EXECUTION_LIMITS_MS } from '../apps-script/execution';
import { DAILY_QUOTAS, HARD_LIMITS, type Account } from '../apps-script/quotas';
import type { ReachDay, ReachRun } from './reach';

export type LimitId = 'urlfetch' | 'triggerRuntime' | 'properties' | 'email' | 'executions' | 'longestExecution' | 'documentProperties' | 'userProperties' | 'cells';

export interface ReachLimit {
  id: LimitId;
  /** As the doc names it. */
  label: string;
  /** What the limit is per: a day (Google's daily quotas, the hourly trigger), an execution, a store or the spreadsheet at any time. */
  per: 'day' | 'execution' | 'store' | 'spreadsheet';
  figure: Record<Account, number>;
  unit: 'count' | 'ms' | 'bytes' | 'cells';
  /** The day's figure for this limit. */
  of(day: ReachDay): number;
}

const DAY_HOURS = 24;

/** Every limit the section lists, consumer and Workspace figures side by side. */
export const REACH_LIMITS: readonly ReachLimit[] = [
  { id: 'urlfetch', label: 'UrlFetch calls', per: 'day', unit: 'count', figure: { consumer: DAILY_QUOTAS.consumer.urlfetch, workspace: DAILY_QUOTAS.workspace.urlfetch }, of: (d) => d.used.urlfetch },
  { id: 'triggerRuntime', label: 'Trigger runtime', per: 'day', unit: 'ms', figure: { consumer: DAILY_QUOTAS.consumer.triggerRuntime, workspace: DAILY_QUOTAS.workspace.triggerRuntime }, of: (d) => d.used.triggerRuntime },
  {
    id: 'executions', label: 'Executions (the hourly trigger)', per: 'day', unit: 'count',
    // An Editor add-on gets one time-driven trigger per user per document, at most hourly.
    figure: { consumer: DAY_HOURS, workspace: DAY_HOURS }, of: (d) => d.executions,
  },
  { id: 'properties', label: 'Properties reads and writes', per: 'day', unit: 'count', figure: { consumer: DAILY_QUOTAS.consumer.properties, workspace: DAILY_QUOTAS.workspace.properties }, of: (d) => d.used.properties },
  { id: 'email', label: 'E-mail recipients', per: 'day', unit: 'count', figure: { consumer: DAILY_QUOTAS.consumer.email, workspace: DAILY_QUOTAS.workspace.email }, of: (d) => d.used.email },
  { id: 'longestExecution', label: 'Longest execution', per: 'execution', unit: 'ms', figure: { consumer: EXECUTION_LIMITS_MS.script, workspace: EXECUTION_LIMITS_MS.script }, of: (d) => d.longestMs },
  { id: 'documentProperties', label: 'Document properties (bytes)', per: 'store', unit: 'bytes', figure: { consumer: HARD_LIMITS.propertyStoreBytes, workspace: HARD_LIMITS.propertyStoreBytes }, of: (d) => d.documentPropertyBytes },
  { id: 'userProperties', label: 'User properties (bytes)', per: 'store', unit: 'bytes', figure: { consumer: HARD_LIMITS.propertyStoreBytes, workspace: HARD_LIMITS.propertyStoreBytes }, of: (d) => d.userPropertyBytes },
  { id: 'cells', label: 'Cells in the spreadsheet', per: 'spreadsheet', unit: 'cells', figure: { consumer: HARD_LIMITS.cellsPerSpreadsheet, workspace: HARD_LIMITS.cellsPerSpreadsheet }, of: (d) => d.cells },
];

export function limitOf(id: LimitId): ReachLimit {
  return REACH_LIMITS.find((l) => l.id === id)!;
}

/** The first day, the worst day after it, and the last day, of one limit in one run. */
export function summarize(limit: ReachLimit, run: ReachRun): { first: number; worstLater: number; worstLaterDay: number; last: number; worst: number } {
  const values = run.days.map(limit.of);
  const later = values.slice(1);
  const worstLater = later.length ? Math.max(...later) : 0;
  return { first: values[0] ?? 0, worstLater, worstLaterDay: later.indexOf(worstLater) + 2, last: values[values.length - 1] ?? 0, worst: Math.max(0, ...values) };
}

/** The hourly trigger's own ceiling: 24 executions a day of at most 6 minutes each, whatever the quota. */
export const TICKS_CEILING_MS = DAY_HOURS * EXECUTION_LIMITS_MS.script;

/** What one limit allows as far as the accounts go: the worst day's figure that must stay within it. */
export interface Ceiling {
  id: LimitId | 'hourlyTrigger';
  label: string;
  figure: Record<Account, number>;
  unit: ReachLimit['unit'];
  of(day: ReachDay): number;
}

/**
 * The ceilings the number of accounts is held against: every daily quota and every size limit, and the
 * hourly trigger (24 executions of 6 minutes) in place of the count of executions, which is 24 whatever
 * the load. The longest execution is left out: Sheetgram fills each tick up to its deadline by design.
 */
export const CEILINGS: readonly Ceiling[] = [
  ...REACH_LIMITS.filter((l) => l.id !== 'executions' && l.id !== 'longestExecution'),
  {
    id: 'hourlyTrigger', label: 'Hourly trigger (24 executions × 6 min)', unit: 'ms',
    figure: { consumer: TICKS_CEILING_MS, workspace: TICKS_CEILING_MS }, of: (d) => d.used.triggerRuntime,
  },
];

/** The day a limit is judged on: the worst day once every first pull has finished (all days when none finished). */
export function worstSteadyDay(of: (day: ReachDay) => number, run: ReachRun): number {
  const steady = run.firstPullDoneDay === null ? run.days : run.days.filter((d) => d.day > run.firstPullDoneDay!);
  return Math.max(0, ...(steady.length ? steady : run.days).map(of));
}

/** f(N) = a + b·N + c·N²: the figure of a limit's worst day at N accounts. */
export interface Model {
  a: number;
  b: number;
  c: number;
}

/** The least-squares line through the points (through both when there are two). */
function line(p: readonly { accounts: number; value: number }[]): Model {
  const k = p.length;
  const sx = p.reduce((s, q) => s + q.accounts, 0);
  const sy = p.reduce((s, q) => s + q.value, 0);
  const sxx = p.reduce((s, q) => s + q.accounts * q.accounts, 0);
  const sxy = p.reduce((s, q) => s + q.accounts * q.value, 0);
  const b = (k * sxy - sx * sy) / (k * sxx - sx * sx);
  return { a: (sy - b * sx) / k, b, c: 0 };
}

/**
 * The model through the measured points: a parabola (least squares, exact through three points) when the
 * figure grows faster than the accounts (c > 0: shared tabs every account's run reads and rewrites), else
 * the least-squares line. A curve that bends down is never extrapolated: the line is the cautious choice.
 */
export function fit(points: readonly { accounts: number; value: number }[]): Model {
  const p = [...points].sort((x, y) => x.accounts - y.accounts);
  if (p.length === 0) return { a: 0, b: 0, c: 0 };
  if (p.length === 1) return { a: 0, b: p[0].value / p[0].accounts, c: 0 };
  if (p.length === 2) return line(p);
  const s = (k: number) => p.reduce((sum, q) => sum + q.accounts ** k, 0);
  const t = (k: number) => p.reduce((sum, q) => sum + q.value * q.accounts ** k, 0);
  const m = [[s(0), s(1), s(2)], [s(1), s(2), s(3)], [s(2), s(3), s(4)]];
  const r = [t(0), t(1), t(2)];
  const det = (x: number[][]) => x[0][0] * (x[1][1] * x[2][2] - x[1][2] * x[2][1]) - x[0][1] * (x[1][0] * x[2][2] - x[1][2] * x[2][0]) + x[0][2] * (x[1][0] * x[2][1] - x[1][1] * x[2][0]);
  const d = det(m);
  const col = (i: number) => m.map((row, j) => row.map((v, k) => (k === i ? r[j] : v)));
  const c = det(col(2)) / d;
  // Tiny curvatures are rounding in figures that grow in step with the accounts (bytes, calls).
  const mean = t(0) / p.length;
  if (!(c > 0) || c * p[p.length - 1].accounts ** 2 < 1e-3 * Math.abs(mean)) return line(p);
  return { a: det(col(0)) / d, b: det(col(1)) / d, c };
}

export const valueAt = (model: Model, accounts: number) => model.a + model.b * accounts + model.c * accounts * accounts;

/** The search stops here: beyond it the answer is "more than this". */
export const MAX_ACCOUNTS = 10_000;

/** The most accounts whose worst day stays within `limit` (MAX_ACCOUNTS when it never binds below that). */
export function accountsWithin(model: Model, limit: number): number {
  for (let n = 1; n <= MAX_ACCOUNTS; n++) if (valueAt(model, n) > limit) return n - 1;
  return MAX_ACCOUNTS;
}

export interface CeilingEstimate {
  id: Ceiling['id'];
  label: string;
  unit: Ceiling['unit'];
  figure: Record<Account, number>;
  /** The worst steady day at each measured number of accounts. */
  points: { accounts: number; value: number }[];
  model: Model;
  /** What one more account adds at the main run's size (the model's slope there). */
  perAccount: number;
  accounts: Record<Account, number>;
}

export interface ReachEstimate {
  /** Sizes measured, ascending. */
  sizes: number[];
  ceilings: CeilingEstimate[];
  /** The ceiling that binds first, per kind of account. */
  binding: Record<Account, { id: Ceiling['id']; label: string; accounts: number }>;
}

/**
 * How many accounts one spreadsheet serves for the simulated days: per ceiling, the worst steady day at
 * each measured size (runs with Workspace settings, whose allowances do not cut the demand), a model
 * through them, and the most accounts it keeps within the consumer and the Workspace figure.
 */
export function estimateReach(runs: readonly ReachRun[]): ReachEstimate {
  const measured = runs.filter((r) => r.options.account === 'workspace');
  const bySize = new Map<number, ReachRun>();
  for (const r of measured) bySize.set(r.options.accounts, r);
  const sizes = [...bySize.keys()].sort((a, b) => a - b);
  const main = sizes[sizes.length - 1] ?? 0;
  const ceilings = CEILINGS.map((c): CeilingEstimate => {
    const points = sizes.map((accounts) => ({ accounts, value: worstSteadyDay(c.of, bySize.get(accounts)!) }));
    const model = fit(points);
    return {
      id: c.id, label: c.label, unit: c.unit, figure: c.figure, points, model,
      perAccount: model.b + 2 * model.c * main,
      accounts: { consumer: accountsWithin(model, c.figure.consumer), workspace: accountsWithin(model, c.figure.workspace) },
    };
  });
  const bindingFor = (kind: Account) => {
    const first = ceilings.reduce((a, b) => (b.accounts[kind] < a.accounts[kind] ? b : a));
    return { id: first.id, label: first.label, accounts: first.accounts[kind] };
  };
  return { sizes, ceilings, binding: { consumer: bindingFor('consumer'), workspace: bindingFor('workspace') } };
}
