// How far one spreadsheet goes: an agency's accounts over both logins (some clients sign in with
// Instagram Login, the rest come with the agency's one Facebook Login), one to five years of posts
// each, eight reports each saved "for all connected accounts", simulated day after day with the cost
// model on. Each day, what Google counts against its quotas, read from the runtime's own quota counters
// (every take and add of rt.quotas, bucketed by day), the property stores' and the workbook's sizes at
// the day's end, the executions and the longest of them; with BigQuery on, what each day cost BigQuery
// (reach-bigquery.ts). Nothing here decides anything: the figures go to docs/performance.md
// (performance-doc.ts), and the limits per quota come from reach-limits.ts.
import { performance } from 'node:perf_hooks';
import { defaultFields, getReport } from '../../src/core/reports/registry';
import type { ReportId } from '../../src/core/reports/types';
import { SETTING_PROPERTY } from '../../src/core/config/app-settings';
import { DAILY_QUOTAS, type Account, type DailyQuotaName } from '../apps-script/quotas';
import { AGENCY_FACEBOOK_USER, agencyScenario, type Scenario } from '../instagram/scenario';
import { readRunLog } from '../simulate/run-log';
import { DAILY_HOUR, LOOKBACK_DAYS } from './bench-types';
import { DEFAULT_LATENCY_MS, HOUR_MS, startBenchStack, type BenchStack } from './stack';
import { AGENCY_WAREHOUSE, bigQueryDay, type ReachBigQueryDay } from './reach-bigquery';

export const DAY_MS = 24 * HOUR_MS;

/** The eight reports every account gets: every report both logins give. */
export const REACH_REPORTS: ReportId[] = [
  'user_information', 'recent_media', 'media_insights', 'account_insights', 'audience_demographics', 'stories', 'comments', 'online_followers',
];
/** Stories every 4 hours (they last 24 hours), the rest daily, as the simulate tool's defaults. */
export const STORIES_EVERY_HOURS = 4;

export interface ReachOptions {
  accounts: number;
  /** Of them, this many sign in with Instagram Login (each its own login); the rest with one Facebook Login. */
  instagramLogin: number;
  /** Years of posts of account i: years[(i - 1) % years.length]. */
  years: readonly number[];
  postsPerDay: number;
  storiesPerDay: number;
  days: number;
  /** Whose quota figures the runtime applies (it also refuses by them). */
  account: Account;
  latencyMs?: number;
  /** Every report also loads into BigQuery (AGENCY_WAREHOUSE, a project with billing), and each day says what that cost BigQuery. */
  bigquery?: boolean;
  /** Told at each day's end, with the stack (tests look into it; nothing may change it). */
  onDay?: (day: number, days: number, bench: BenchStack) => void;
}

/** The bench's agency: 25 accounts, 10 of them on Instagram Login, 1 to 5 years of a post a day. */
export const REACH_BENCH = { accounts: 25, instagramLogin: 10, years: [1, 2, 3, 4, 5], postsPerDay: 1, storiesPerDay: 2, days: 30 } as const;
/**
 * Numbers of accounts run for the estimate of how many one spreadsheet serves (the agency's own last): the
 * mix repeats every five accounts (one of each number of years), with two in five on Instagram Login.
 */
export const REACH_SIZES = [5, 15, 25];

export type QuotaCounts = Record<DailyQuotaName, number>;

export interface ReachDay {
  /** 1-based; a day is the 24 hours from the first tick on (the first ends 24 hours after it). */
  day: number;
  from: string;
  /** What the runtime's daily quota counters took this day (urlfetch requests, properties calls, e-mail recipients, trigger ms). */
  used: QuotaCounts;
  /** Uses the counters refused this day (a quota bound). */
  refused: QuotaCounts;
  /** Executions that started this day, of them trigger ticks, and failed ones. */
  executions: number;
  triggerExecutions: number;
  failedExecutions: number;
  /** The longest execution that started this day (ms). */
  longestMs: number;
  /** Sizes at the day's end: the owner's user store and the document store (keys + values, UTF-8 bytes), the workbook's cells. */
  userPropertyBytes: number;
  documentPropertyBytes: number;
  cells: number;
  /** Runs the log tab lists for the day, by status (ok, partial, continues, failed...). */
  runs: Record<string, number>;
  /** Configurations whose first pull has finished, at the day's end. */
  firstPullsDone: number;
  /** Runs the log tab lists for the day, by report title. */
  runsByReport: Record<string, number>;
  /** Where the executions' virtual time went (ms): the cost model's charges by service, and the network's latency. */
  time: Record<string, number>;
  /** The cost model's charges by "Service.method" (ms), for a closer look at the largest group. */
  timeByMethod: Record<string, number>;
  /** Cells the day's writes put (setValues, setValue, appendRow), all tabs. */
  cellsWritten: number;
  /** With BigQuery on: the day's jobs, API calls and the dataset's tables at its end (reach-bigquery.ts). */
  bigquery?: ReachBigQueryDay;
}

export interface ReachRun {
  options: Omit<ReachOptions, 'onDay'>;
  latencyMs: number;
  /** Script Properties set for the kind of account (a Workspace deployer's settings). */
  settings: Record<string, string>;
  /** Accounts connected, per login. */
  connected: { instagram: number; facebook: number };
  posts: { total: number; min: number; max: number };
  configurations: number;
  days: ReachDay[];
  /** The day every configuration's first pull had finished (null: not within the run). */
  firstPullDoneDay: number | null;
  longest: { ms: number; day: number; function: string; outcome: string; error?: string };
  /** Every tab's size (cells, as Google counts them: its grid) at the end. */
  tabs: { name: string; cells: number }[];
  /** Real time the run took (machine-dependent; printed, never in the doc). */
  wallMs: number;
  /** Execution errors seen, distinct messages with counts. */
  errors: Record<string, number>;
  /**
   * The same totals counted another way, to check the quota trace against: requests the network sent,
   * store calls the service counters saw, recipients of the mail sent, trigger executions' durations.
   */
  independent: QuotaCounts;
}

const QUOTAS: DailyQuotaName[] = ['urlfetch', 'properties', 'email', 'triggerRuntime'];
const zero = (): QuotaCounts => ({ urlfetch: 0, properties: 0, email: 0, triggerRuntime: 0 });

export function reachScenario(options: Pick<ReachOptions, 'accounts' | 'instagramLogin' | 'years' | 'postsPerDay' | 'storiesPerDay'>): Scenario {
  return agencyScenario({
    clients: options.accounts, instagramLogin: options.instagramLogin, withCreator: false,
    history: { years: [...options.years], postsPerDay: options.postsPerDay, storiesPerDay: options.storiesPerDay },
  });
}

/**
 * Counts what the runtime's daily quota counters take and add, per day, without changing them: every
 * service that spends a quota goes through these two methods (url-fetch, properties, mail, triggers).
 */
class QuotaTrace {
  readonly used = new Map<number, QuotaCounts>();
  readonly refused = new Map<number, QuotaCounts>();
  origin = Number.POSITIVE_INFINITY;

  constructor(bench: BenchStack) {
    for (const name of QUOTAS) {
      const counter = bench.stack.rt.quotas.counter(name);
      const take = counter.take.bind(counter);
      const add = counter.add.bind(counter);
      counter.take = (userId: string, now: number, n = 1) => {
        const ok = take(userId, now, n);
        this.count(ok ? this.used : this.refused, name, now, n);
        return ok;
      };
      counter.add = (userId: string, now: number, n: number) => {
        add(userId, now, n);
        this.count(this.used, name, now, n);
      };
    }
  }

  dayOf(at: number): number {
    return Math.floor((at - this.origin) / DAY_MS) + 1;
  }

  private count(into: Map<number, QuotaCounts>, name: DailyQuotaName, at: number, n: number): void {
    if (at < this.origin) return;
    const day = this.dayOf(at);
    const counts = into.get(day) ?? zero();
    counts[name] += n;
    into.set(day, counts);
  }
}

function storeBytes(store: Map<string, string>): number {
  let total = 0;
  for (const [k, v] of store) total += Buffer.byteLength(k, 'utf8') + Buffer.byteLength(v, 'utf8');
  return total;
}

/** Configurations whose first pull has finished: a final status and no checkpoint (read straight from the store). */
function firstPullsDone(document: Map<string, string>): { done: number; configurations: number } {
  let done = 0;
  let configurations = 0;
  for (const key of document.keys()) {
    if (!key.startsWith('sheetgram.config.')) continue;
    configurations++;
    const id = key.slice('sheetgram.config.'.length);
    if (document.has(`sheetgram.checkpoint.${id}`)) continue;
    const status = JSON.parse(document.get(`sheetgram.status.${id}`) ?? '{}') as { lastRun?: { status?: string } };
    if (status.lastRun && status.lastRun.status !== 'continues') done++;
  }
  return { done, configurations };
}

async function connect(bench: BenchStack, scenario: Scenario): Promise<{ instagram: number; facebook: number }> {
  for (const account of scenario.accounts.filter((a) => a.loginFlows[0] === 'instagram')) {
    const result = await bench.stack.connect('instagram', { account: account.igUserId });
    if (!result.ok) throw new Error(`bench: the Instagram sign-in of @${account.username} failed: ${result.page.slice(0, 300)}`);
  }
  if (scenario.accounts.some((a) => a.loginFlows[0] === 'facebook')) {
    const result = await bench.stack.connect('facebook', { account: AGENCY_FACEBOOK_USER });
    if (!result.ok) throw new Error(`bench: the agency's Facebook sign-in failed: ${result.page.slice(0, 300)}`);
  }
  const accounts = (bench.stack.rt.call('getSidebarState') as { accounts: { flow: 'instagram' | 'facebook' }[] }).accounts;
  return { instagram: accounts.filter((a) => a.flow === 'instagram').length, facebook: accounts.filter((a) => a.flow === 'facebook').length };
}

/**
 * Each report saved once "for all connected accounts" (one tab per report, one configuration per account
 * inside it); with BigQuery on, going to the tab and to the agency's dataset.
 */
function save(bench: BenchStack, bigquery: boolean): number {
  const { rt } = bench.stack;
  const first = (rt.call('getSidebarState') as { accounts: { id: string }[] }).accounts[0];
  for (const id of REACH_REPORTS) {
    const report = getReport(id);
    rt.call('saveConfiguration', [{
      reportId: id, accountId: first.id, accounts: { kind: 'all' }, fields: defaultFields(report), mode: report.defaultMode, tabName: report.title,
      schedule: id === 'stories' ? { kind: 'every_hours', everyHours: STORIES_EVERY_HOURS } : { kind: 'daily', hour: DAILY_HOUR },
      settings: report.settings.some((s) => s.id === 'lookbackDays') ? { lookbackDays: String(LOOKBACK_DAYS) } : {},
      ...(bigquery ? { destination: 'sheet_and_bigquery', bigquery: AGENCY_WAREHOUSE } : {}),
    }]);
  }
  return firstPullsDone(rt.properties.document).configurations;
}

export const NETWORK_TIME = 'Network latency';
/** BigQuery's API calls as the cost model charges them (the waits for its jobs are sleeps, in "the rest"). */
export const BIGQUERY_TIME = 'BigQuery (API calls)';

/** Service groups the doc names for where the time goes. */
const TIME_GROUPS: [string, (service: string) => boolean][] = [
  ['Sheets', (s) => ['SpreadsheetApp', 'Spreadsheet', 'Sheet', 'Range'].includes(s)],
  ['Properties', (s) => s === 'Properties' || s === 'PropertiesService'],
  ['UrlFetch (Apps Script\'s side)', (s) => s === 'UrlFetchApp'],
  ['Lock', (s) => s === 'Lock' || s === 'LockService'],
  ['Cache', (s) => s === 'Cache' || s === 'CacheService'],
  ['Start-up', (s) => s === 'Script'],
  [BIGQUERY_TIME, (s) => s === 'BigQuery'],
];

function timeByGroup(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, ms] of Object.entries(after)) {
    const spent = ms - (before[key] ?? 0);
    if (spent <= 0) continue;
    const service = key.slice(0, key.indexOf('.'));
    const group = TIME_GROUPS.find(([, is]) => is(service))?.[0] ?? 'Other services';
    out[group] = (out[group] ?? 0) + spent;
  }
  return out;
}

/**
 * Script Properties a deployer sets for Workspace accounts: Sheetgram cannot tell the kind of account, so
 * its daily allowances default to the consumer figures (trigger runtime, UrlFetch) unless told.
 */
export function accountSettings(account: Account): Record<string, string> {
  if (account === 'consumer') return {};
  return {
    [SETTING_PROPERTY.triggerMinutesPerDay]: String(DAILY_QUOTAS.workspace.triggerRuntime / 60_000),
    [SETTING_PROPERTY.urlFetchPerDay]: String(DAILY_QUOTAS.workspace.urlfetch),
  };
}

export async function benchReach(options: ReachOptions): Promise<ReachRun> {
  const latencyMs = options.latencyMs ?? DEFAULT_LATENCY_MS;
  const scenario = reachScenario(options);
  const started = performance.now();
  const bigquery = options.bigquery ? { projects: [{ projectId: AGENCY_WAREHOUSE.projectId }] } : undefined;
  const bench = await startBenchStack(scenario, { latencyMs, runtime: { account: options.account, ...(bigquery ? { bigquery } : {}) }, scriptProperties: accountSettings(options.account) });
  const { rt, network } = bench.stack;
  try {
    const connected = await connect(bench, scenario);
    const configurations = save(bench, options.bigquery === true);
    const trace = new QuotaTrace(bench);
    // Day 1 starts at the first dispatcher tick, so each day holds 24 ticks, as a rolling quota day opened by the first tick.
    const tick = rt.triggers.all().filter((t) => t.handler === 'runScheduledReports').map((t) => t.nextRun).sort((a, b) => a - b)[0];
    if (tick === undefined) throw new Error('bench: saving the reports installed no dispatcher trigger');
    trace.origin = tick;
    const seen = rt.executions.length;
    const owner = rt.owner.id;
    const days: ReachDay[] = [];
    let firstPullDoneDay: number | null = null;
    let spent = rt.costs?.spent.snapshot() ?? {};
    let roundTrips = network.stats.roundTrips;
    let written = cellsWrittenSoFar(bench);
    const at0 = { requests: network.stats.calls, counters: rt.counters.snapshot(), mails: rt.mail.length };
    let counters = at0.counters;
    for (let day = 1; day <= options.days; day++) {
      const from = tick + (day - 1) * DAY_MS;
      rt.advanceTo(from + DAY_MS - 1);
      const executions = rt.executions.slice(seen).filter((e) => e.start >= from && e.start < from + DAY_MS);
      const runs: Record<string, number> = {};
      const runsByReport: Record<string, number> = {};
      for (const r of readRunLog(rt.workbook).runs) {
        const at = Date.parse(r.at);
        if (r.startedBy === 'maintenance' || at < from || at >= from + DAY_MS) continue;
        runs[r.status] = (runs[r.status] ?? 0) + 1;
        runsByReport[r.report] = (runsByReport[r.report] ?? 0) + 1;
      }
      const pulls = firstPullsDone(rt.properties.document);
      if (firstPullDoneDay === null && pulls.done === pulls.configurations) firstPullDoneDay = day;
      const spentNow = rt.costs?.spent.snapshot() ?? {};
      const time = timeByGroup(spent, spentNow);
      time[NETWORK_TIME] = (network.stats.roundTrips - roundTrips) * latencyMs;
      const writtenNow = cellsWrittenSoFar(bench);
      const countersNow = rt.counters.snapshot();
      days.push({
        day, from: new Date(from).toISOString(),
        used: { ...zero(), ...trace.used.get(day) }, refused: { ...zero(), ...trace.refused.get(day) },
        executions: executions.length,
        triggerExecutions: executions.filter((e) => e.function === 'runScheduledReports').length,
        failedExecutions: executions.filter((e) => e.outcome === 'failed').length,
        longestMs: Math.max(0, ...executions.map((e) => e.duration)),
        userPropertyBytes: storeBytes(rt.properties.user(owner)),
        documentPropertyBytes: storeBytes(rt.properties.document),
        cells: rt.workbook.cellCount(),
        runs,
        firstPullsDone: pulls.done,
        runsByReport,
        time,
        timeByMethod: Object.fromEntries(Object.entries(spentNow).map(([k, v]) => [k, v - (spent[k] ?? 0)]).filter(([, v]) => (v as number) > 0)),
        cellsWritten: writtenNow - written,
        ...(options.bigquery ? { bigquery: bigQueryDay(rt.bigquery, AGENCY_WAREHOUSE, from, from + DAY_MS, { before: counters, after: countersNow }) } : {}),
      });
      spent = spentNow;
      counters = countersNow;
      roundTrips = network.stats.roundTrips;
      written = writtenNow;
      options.onDay?.(day, options.days, bench);
    }
    const all = rt.executions.slice(seen);
    const longest = all.reduce((a, b) => (b.duration > a.duration ? b : a), all[0]);
    const errors: Record<string, number> = {};
    for (const e of all) if (e.error) errors[e.error] = (errors[e.error] ?? 0) + 1;
    const counts = scenario.accounts.map((a) => (Array.isArray(a.media) ? a.media.length : a.media.count));
    const storeCalls = (c: Record<string, number>) => Object.entries(c).filter(([k]) => k.startsWith('Properties.')).reduce((sum, [, v]) => sum + v, 0);
    const independent: QuotaCounts = {
      urlfetch: network.stats.calls - at0.requests,
      properties: storeCalls(rt.counters.snapshot()) - storeCalls(at0.counters),
      email: rt.mail.slice(at0.mails).reduce((sum, m) => sum + m.to.length + m.cc.length + m.bcc.length, 0),
      triggerRuntime: all.filter((e) => e.function === 'runScheduledReports').reduce((sum, e) => sum + e.duration, 0),
    };
    const { onDay: _onDay, ...kept } = options;
    return {
      options: kept, latencyMs, settings: accountSettings(options.account), connected,
      posts: { total: counts.reduce((s, c) => s + c, 0), min: Math.min(...counts), max: Math.max(...counts) },
      configurations, days, firstPullDoneDay,
      longest: { ms: longest?.duration ?? 0, day: longest ? trace.dayOf(longest.start) : 0, function: longest?.function ?? '', outcome: longest?.outcome ?? '', ...(longest?.error ? { error: longest.error } : {}) },
      tabs: rt.workbook.sheets.map((sheet) => ({ name: sheet.name, cells: sheet.maxRows * sheet.maxColumns })),
      wallMs: performance.now() - started,
      errors,
      independent,
    };
  } finally {
    await bench.stack.close();
  }
}

function cellsWrittenSoFar(bench: BenchStack): number {
  return Object.values(bench.meter.workbook.writes()).reduce((sum, t) => sum + t.cells, 0);
}
