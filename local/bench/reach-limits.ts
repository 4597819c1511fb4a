// The limits "How far one spreadsheet goes" holds the agency's days against: Google's figures, taken
// from the local runtime's own tables (quotas.ts, execution.ts, and BigQuery's settings.ts) so the doc
// cannot drift from what the runtime enforces; what each day's figure is for each limit; from runs at
// several numbers of accounts, how many accounts one spreadsheet serves before each limit binds; and,
// from the run with BigQuery, how many account-years the spreadsheet and BigQuery each hold.
import { EXECUTION_LIMITS_MS } from '../apps-script/execution';
import { DAILY_QUOTAS, HARD_LIMITS, type Account } from '../apps-script/quotas';
import { BIGQUERY_LIMITS } from '../apps-script/services/bigquery';
import type { ReachDay, ReachRun } from './reach';
import type { ReachBigQueryDay } from './reach-bigquery';

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

export interface Summary {
  first: number;
  worstLater: number;
  worstLaterDay: number;
  last: number;
  worst: number;
}

/** The first day, the worst day after it, and the last day, of one limit in one run. */
export function summarize(limit: Pick<ReachLimit, 'of'>, run: ReachRun): Summary {
  return summarizeDays(run.days.map(limit.of));
}

/** The same of a run's figures, day 1 first. */
export function summarizeDays(values: number[]): Summary {
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
  // The run with BigQuery is the agency again with more work per run: it says nothing of how far the spreadsheet goes.
  const measured = runs.filter((r) => r.options.account === 'workspace' && !r.options.bigquery);
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

// ---- with BigQuery ----------------------------------------------------------------------------------

/** Days a month of BigQuery's free query bytes is held against: 30 days like the one measured. */
export const MONTH_DAYS = 30;
export const YEAR_DAYS = 365;

export type BigQueryLimitId = 'reportTableOperations' | 'stagingTableOperations' | 'loadJobs' | 'largestLoad' | 'queryBytes' | 'storedBytes';

export interface BigQueryLimit {
  id: BigQueryLimitId;
  /** As the doc names it. */
  label: string;
  /** What the limit is per, in words. */
  per: string;
  unit: 'count' | 'bytes';
  figure: number;
  /** Where the figure comes from (the local BigQuery's table, BIGQUERY_LIMITS). */
  source: string;
  /** The day's figure. */
  of(day: ReachBigQueryDay): number;
  /** The day's figure is held against the limit times this: 1, or MONTH_DAYS for a month's allowance. */
  days: number;
}

const bigQueryFigure = (name: keyof typeof BIGQUERY_LIMITS) => ({ figure: BIGQUERY_LIMITS[name].value, source: BIGQUERY_LIMITS[name].source });

/** What the run with BigQuery is held against, each figure from the local BigQuery's own table. */
export const BIGQUERY_REACH_LIMITS: readonly BigQueryLimit[] = [
  {
    id: 'reportTableOperations', label: 'Operations on one report table (MERGEs, loads and query jobs writing it)', per: 'a table, a day', unit: 'count', days: 1,
    ...bigQueryFigure('tableOperationsPerDay'), of: (d) => d.busiestTable.operations,
  },
  {
    id: 'stagingTableOperations', label: 'Operations on one staging table (load jobs)', per: 'a table, a day', unit: 'count', days: 1,
    ...bigQueryFigure('tableOperationsPerDay'), of: (d) => d.busiestStagingTable.operations,
  },
  { id: 'loadJobs', label: 'Load jobs (failed ones too)', per: 'a project, a day', unit: 'count', days: 1, ...bigQueryFigure('loadJobsPerDay'), of: (d) => d.loadJobs },
  { id: 'largestLoad', label: 'Largest load job (bytes uploaded)', per: 'a load job', unit: 'bytes', days: 1, ...bigQueryFigure('mediaUploadBytes'), of: (d) => d.largestLoadBytes },
  {
    id: 'queryBytes', label: `Query bytes billed (${MONTH_DAYS} days like it against a month's free bytes)`, per: 'a month, free', unit: 'bytes', days: MONTH_DAYS,
    ...bigQueryFigure('freeQueryBytesPerMonth'), of: (d) => d.queryBytesBilled,
  },
  { id: 'storedBytes', label: 'Stored bytes (report tables at the day\'s end)', per: 'a project, free', unit: 'bytes', days: 1, ...bigQueryFigure('freeStorageBytes'), of: (d) => d.storedBytes },
];

/** A run's days that measured BigQuery (all of a run with BigQuery on, none otherwise). */
export function bigQueryDays(run: ReachRun): (ReachDay & { bigquery: ReachBigQueryDay })[] {
  return run.days.filter((d): d is ReachDay & { bigquery: ReachBigQueryDay } => d.bigquery !== undefined);
}

/** How a figure grows once every first pull has finished, and how much of it a limit holds. */
export interface Growth {
  /** The days the slope is measured between: the day every first pull had finished (day 1 when none did, or it was the last), and the last day. */
  from: number;
  to: number;
  perDay: number;
  /** perDay × 365 / the run's accounts. */
  perAccountYear: number;
  /** At the last day. */
  now: number;
  limit: number;
  /** Account-years of such growth the limit holds from empty (limit / perAccountYear), and years the run's agency has left from its last day. */
  accountYears: number;
  yearsLeft: number;
}

export interface AccountYears {
  accounts: number;
  /** The spreadsheet's cells (every tab's grid) against its 10 million. */
  spreadsheet: Growth;
  /** The dataset's stored bytes (report tables) against the free 10 GB (all a sandbox stores). */
  bigquery: Growth;
  /** A sandbox's partitions expire: the days it keeps, and about what they hold at this rate (perDay × those days). */
  sandboxDays: number;
  sandboxBytes: number;
}

function growth(from: ReachDay, to: ReachDay, accounts: number, value: (d: ReachDay) => number, limit: number): Growth {
  const perDay = (value(to) - value(from)) / (to.day - from.day);
  const perAccountYear = (perDay * YEAR_DAYS) / accounts;
  return {
    from: from.day, to: to.day, perDay, perAccountYear, now: value(to), limit,
    accountYears: perAccountYear > 0 ? limit / perAccountYear : Number.POSITIVE_INFINITY,
    yearsLeft: perDay > 0 ? Math.max(0, limit - value(to)) / (perDay * YEAR_DAYS) : Number.POSITIVE_INFINITY,
  };
}

/**
 * Account-years the spreadsheet and BigQuery hold, from the run's measured slopes (null without two days
 * of BigQuery figures): cells and stored bytes per day once every first pull had finished, per account and
 * year, against the spreadsheet's 10 million cells and BigQuery's free 10 GB.
 */
export function accountYears(run: ReachRun): AccountYears | null {
  const days = bigQueryDays(run);
  if (days.length < 2) return null;
  const last = days[days.length - 1];
  // The first pulls fill the tabs and the tables at once: the slope is the daily growth after them.
  const from = days.find((d) => d.day === run.firstPullDoneDay && d.day < last.day) ?? days[0];
  const accounts = run.options.accounts;
  const spreadsheet = growth(from, last, accounts, (d) => d.cells, HARD_LIMITS.cellsPerSpreadsheet);
  const bigquery = growth(from, last, accounts, (d) => d.bigquery!.storedBytes, BIGQUERY_LIMITS.freeStorageBytes.value);
  const sandboxDays = Math.round(BIGQUERY_LIMITS.sandboxExpirationMs.value / 86_400_000);
  return { accounts, spreadsheet, bigquery, sandboxDays, sandboxBytes: Math.max(0, bigquery.perDay) * sandboxDays };
}
