// "How far one spreadsheet goes" in Markdown, from the reach runs of a bench result: the agency's days
// against every limit (consumer and Workspace), day by day, where the trigger runtime goes, how many
// accounts one spreadsheet serves before a limit binds, with how that number was derived, and, when the
// result has a run with BigQuery on, what BigQuery took each day and how many account-years it holds.
import type { Account } from '../apps-script/quotas';
import { getReport } from '../../src/core/reports/registry';
import { SHEETGRAM_SHARE } from '../../src/core/schedule/trigger-time';
import {
  BIGQUERY_REACH_LIMITS, MAX_ACCOUNTS, MONTH_DAYS, REACH_LIMITS, YEAR_DAYS, accountYears, accountsWithin, bigQueryDays, estimateReach, limitOf, summarize, summarizeDays,
  type BigQueryLimit, type Ceiling, type ReachEstimate, type ReachLimit,
} from './reach-limits';
import { BIGQUERY_TIME, REACH_REPORTS, STORIES_EVERY_HOURS, type ReachDay, type ReachRun } from './reach';
import { AGENCY_WAREHOUSE, apiCallsOf, type BusiestTable } from './reach-bigquery';
import { DAILY_HOUR, LOOKBACK_DAYS } from './bench-types';

export interface ReachBench {
  /**
   * Every run: the agency at its size for each kind of account, smaller runs (Workspace settings) for the
   * estimate, and the agency with BigQuery on (options.bigquery), which only "With BigQuery" reads.
   */
  runs: ReachRun[];
}

const n = (x: number) => Math.round(x).toLocaleString('en-US');
const KINDS: Account[] = ['consumer', 'workspace'];
const KIND_NAMES: Record<Account, string> = { consumer: 'Consumer', workspace: 'Workspace' };

function line(cells: string[]): string {
  return `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
}

/** A figure in the limit's unit: minutes for times, KB for bytes, counts otherwise. */
export function show(unit: ReachLimit['unit'], value: number): string {
  if (unit === 'ms') return value >= 3_600_000 && value % 3_600_000 === 0 ? `${value / 3_600_000} h` : value >= 60_000 ? `${(value / 60_000).toFixed(1)} min` : `${(value / 1000).toFixed(0)} s`;
  if (unit === 'bytes') return `${(value / 1024).toFixed(1)} KB`;
  return n(value);
}

function share(value: number, limit: number): string {
  const p = (value / limit) * 100;
  return p > 0 && p < 0.1 ? '<0.1%' : `${p < 10 ? p.toFixed(1) : p.toFixed(0)}%`;
}

const PER: Record<ReachLimit['per'], string> = { day: 'a day', execution: 'an execution', store: 'a store', spreadsheet: 'a spreadsheet' };

/** The agency's main runs (the largest size), one per kind of account; never the run with BigQuery. */
export function mainRuns(reach: ReachBench): Partial<Record<Account, ReachRun>> {
  const runs = reach.runs.filter((r) => !r.options.bigquery);
  const size = Math.max(...runs.map((r) => r.options.accounts));
  const out: Partial<Record<Account, ReachRun>> = {};
  for (const r of runs) if (r.options.accounts === size) out[r.options.account] = r;
  return out;
}

/** The run with BigQuery on, if the result has one. */
export function bigQueryRun(reach: ReachBench): ReachRun | undefined {
  return reach.runs.find((r) => r.options.bigquery);
}

/** Every limit with its consumer and Workspace figure, and the main runs' first day, worst later day and last day. */
export function limitsTable(reach: ReachBench): string {
  const runs = mainRuns(reach);
  const kinds = KINDS.filter((k) => runs[k]);
  const out = [
    line(['Limit', 'Per', ...kinds.flatMap((k) => [`${KIND_NAMES[k]} limit`, `${KIND_NAMES[k]} run: day 1`, 'worst later day', `day ${runs[k]!.days.length}`, 'worst, of the limit'])]),
    line(Array(2 + kinds.length * 5).fill('---')),
  ];
  for (const limit of REACH_LIMITS) {
    out.push(line([limit.label, PER[limit.per], ...kinds.flatMap((k) => {
      const s = summarize(limit, runs[k]!);
      const figure = limit.figure[k];
      return [show(limit.unit, figure), show(limit.unit, s.first), `${show(limit.unit, s.worstLater)} (day ${s.worstLaterDay})`, show(limit.unit, s.last), share(s.worst, figure)];
    })]));
  }
  return out.join('\n');
}

const STORIES = 'Stories';

/** Runs of the daily reports (every report but Stories) and of Stories in a day. */
export function dailyRuns(d: ReachDay): { daily: number; stories: number } {
  const entries = Object.entries(d.runsByReport ?? {});
  return { daily: entries.filter(([r]) => r !== STORIES).reduce((s, [, c]) => s + c, 0), stories: d.runsByReport?.[STORIES] ?? 0 };
}

function notOk(runs: Record<string, number>): string {
  return Object.entries(runs).filter(([s]) => s !== 'ok').map(([s, c]) => `${n(c)} ${s}`).join(', ') || '–';
}

/** One run, day by day. */
export function dayTable(run: ReachRun): string {
  const out = [
    line(['Day', 'UrlFetch calls', 'Trigger runtime', 'Executions', 'Longest', 'Properties calls', 'E-mails', 'Document properties', 'User properties', 'Cells', 'Daily-report runs', 'Stories runs', 'Runs not ok']),
    line(Array(13).fill('---')),
  ];
  for (const d of run.days) {
    const runs = dailyRuns(d);
    out.push(line([
      n(d.day), n(d.used.urlfetch), show('ms', d.used.triggerRuntime), `${n(d.executions)}${d.failedExecutions ? ` (${n(d.failedExecutions)} failed)` : ''}`, show('ms', d.longestMs),
      n(d.used.properties), n(d.used.email), show('bytes', d.documentPropertyBytes), show('bytes', d.userPropertyBytes), n(d.cells), n(runs.daily), n(runs.stories), notOk(d.runs),
    ]));
  }
  return out.join('\n');
}

/** Daily-report runs after day 1 against the ones due (each daily configuration once a day). */
export function dailyRunsDue(run: ReachRun): { made: number; due: number } {
  const dailyConfigurations = run.options.accounts * REACH_REPORTS.filter((id) => id !== 'stories').length;
  const later = run.days.slice(1);
  return { made: later.reduce((s, d) => s + dailyRuns(d).daily, 0), due: later.length * dailyConfigurations };
}

const SHEETS_CLASSES = ['SpreadsheetApp', 'Spreadsheet', 'Sheet', 'Range'];

/** Where the trigger runtime of a few days went, by service (Sheets by its costliest methods), with the cells written. */
export function timeTable(run: ReachRun, days: number[]): string {
  const picked = days.map((d) => run.days[d - 1]).filter(Boolean);
  const total = (key: (d: ReachDay) => number) => picked.reduce((s, d) => s + key(d), 0);
  const sheetsMethods = [...new Set(picked.flatMap((d) => Object.keys(d.timeByMethod ?? {}).filter((k) => SHEETS_CLASSES.includes(k.slice(0, k.indexOf('.'))))))]
    .sort((a, b) => total((d) => d.timeByMethod[b] ?? 0) - total((d) => d.timeByMethod[a] ?? 0)).slice(0, 4);
  const groups = [...new Set(picked.flatMap((d) => Object.keys(d.time)))].sort((a, b) => total((d) => d.time[b] ?? 0) - total((d) => d.time[a] ?? 0));
  const cell = (d: ReachDay, ms: number) => `${show('ms', ms)} (${share(ms, d.used.triggerRuntime)})`;
  const out = [line(['Where the time goes', ...picked.map((d) => `day ${d.day}`)]), line(Array(picked.length + 1).fill('---'))];
  for (const g of groups) {
    out.push(line([g, ...picked.map((d) => cell(d, d.time[g] ?? 0))]));
    if (g !== 'Sheets') continue;
    for (const m of sheetsMethods) out.push(line([`– \`${m}\``, ...picked.map((d) => cell(d, d.timeByMethod?.[m] ?? 0))]));
  }
  out.push(line(['the rest (waits, rounding)', ...picked.map((d) => show('ms', Math.max(0, d.used.triggerRuntime - Object.values(d.time).reduce((a, b) => a + b, 0))))]));
  out.push(line(['**trigger runtime**', ...picked.map((d) => `**${show('ms', d.used.triggerRuntime)}**`)]));
  out.push(line(['cells written (values)', ...picked.map((d) => n(d.cellsWritten))]));
  return out.join('\n');
}

function accountsCell(x: number): string {
  return x >= MAX_ACCOUNTS ? `more than ${n(MAX_ACCOUNTS)}` : n(x);
}

/** Per ceiling: the worst steady day at each size, what an account adds, and the accounts within each figure. */
export function accountsTable(estimate: ReachEstimate): string {
  const out = [
    line(['Limit', ...estimate.sizes.map((s) => `worst day, ${n(s)} accounts`), `one more account adds (at ${n(estimate.sizes[estimate.sizes.length - 1])})`, ...KINDS.flatMap((k) => [`${KIND_NAMES[k]} limit`, `${KIND_NAMES[k]}: accounts`])]),
    line(Array(estimate.sizes.length + 2 + KINDS.length * 2).fill('---')),
  ];
  for (const c of estimate.ceilings) {
    const bold = (k: Account, text: string) => (estimate.binding[k].id === c.id ? `**${text}**` : text);
    out.push(line([
      c.label, ...c.points.map((p) => show(c.unit, p.value)), show(c.unit, c.perAccount),
      ...KINDS.flatMap((k) => [show(c.unit, c.figure[k]), bold(k, accountsCell(c.accounts[k]))]),
    ]));
  }
  return out.join('\n');
}

function ceilingLabel(c: Pick<Ceiling, 'label'>): string {
  return c.label.charAt(0).toLowerCase() + c.label.slice(1);
}

export function reachSection(reach: ReachBench | undefined): string {
  if (!reach?.runs.length) return '';
  const runs = mainRuns(reach);
  const main = runs.consumer ?? runs.workspace;
  // A result of the BigQuery run alone (--bigquery-only without --from-json) has nothing else to show.
  if (!main) return `## How far one spreadsheet goes\n\nOnly the run with BigQuery was measured.\n\n${bigQuerySection(reach)}`;
  const o = main.options;
  const estimate = estimateReach(reach.runs);
  const reports = REACH_REPORTS.map((id) => getReport(id).title).join(', ');
  const workspaceRun = runs.workspace;
  const timeDays = [2, Math.ceil(o.days / 2), o.days].filter((d, i, a) => d <= o.days && a.indexOf(d) === i);
  const consumerRun = runs.consumer;
  const due = (run: ReachRun) => {
    const { made, due: owed } = dailyRunsDue(run);
    return `${n(made)} of the ${n(owed)} due (${share(made, owed)})`;
  };
  const refused = (run: ReachRun) => Object.entries(run.days.reduce((acc, d) => {
    for (const [k, v] of Object.entries(d.refused)) acc[k] = (acc[k] ?? 0) + v;
    return acc;
  }, {} as Record<string, number>)).filter(([, v]) => v > 0);
  const errors = (run: ReachRun) => Object.entries(run.errors).map(([e, c]) => `${n(c)} × "${e}"`).join('; ') || 'none';
  const trigger = estimate.ceilings.find((c) => c.id === 'triggerRuntime');
  const bind = (k: Account) => `${ceilingLabel(estimate.binding[k])}: **${accountsCell(estimate.binding[k].accounts)} accounts**`;
  return `## How far one spreadsheet goes

An agency's ${n(o.accounts)} accounts in one spreadsheet (\`agencyScenario\` with \`history\`): ${n(o.instagramLogin)} sign in with
Instagram Login (each its own sign-in), ${n(o.accounts - o.instagramLogin)} come with the agency's one Facebook Login. Each has ${o.years.join(', ').replace(/, (\d+)$/, ' or $1')} years of
posts, ${n(o.postsPerDay)} a day (${n(main.posts.total)} posts in all, ${n(main.posts.min)} to ${n(main.posts.max)} per account), and ${n(o.storiesPerDay)} stories a day; new
ones keep coming. The eight reports both logins give (${reports}) are each saved once "for all connected
accounts" (${n(REACH_REPORTS.length)} tabs, ${n(main.configurations)} configurations), daily at ${String(DAILY_HOUR).padStart(2, '0')}:00 and Stories every ${STORIES_EVERY_HOURS} hours, with ${LOOKBACK_DAYS}-day
lookbacks. Then ${n(o.days)} days pass on the virtual clock, with the cost model on and ${n(main.latencyMs)} ms of latency per round trip.

- **A day** is the 24 hours from the first dispatcher tick on (24 ticks), as Google's rolling quota day that tick opens.
- **Figures** are what the local runtime's own daily quota counters took (UrlFetch requests, Properties calls, e-mail
  recipients, trigger runtime: every take is traced, bucketed by day), the property stores' sizes (keys and values, UTF-8)
  and the workbook's cells (every tab's grid, as Google counts them) at each day's end, and the executions.
- **Consumer**: Sheetgram's defaults; it stops its ticks at ${Math.round(SHEETGRAM_SHARE * 100)}% of a 90-minute day. **Workspace**: the runtime applies
  Google's Workspace figures and the deployer has told Sheetgram (\`SHEETGRAM_TRIGGER_MINUTES_PER_DAY\` 360,
  \`SHEETGRAM_URLFETCH_PER_DAY\` 100,000). Limits come from the local runtime's tables (\`local/apps-script/quotas.ts\`).

### ${n(o.accounts)} accounts against every limit

${limitsTable(reach)}

"Executions" is the hourly trigger: an Editor add-on gets one time-driven trigger per user per document, at most
hourly, so 24 a day is all there is. ${consumerRun ? `Refused by a quota in the consumer run: ${refused(consumerRun).map(([k, v]) => `${k} ${n(v)}`).join(', ') || 'nothing'}; executions that failed: ${errors(consumerRun)}.` : ''}
${workspaceRun ? `In the Workspace run: refused ${refused(workspaceRun).map(([k, v]) => `${k} ${n(v)}`).join(', ') || 'nothing'}; executions that failed: ${errors(workspaceRun)}.` : ''}

### Day by day${consumerRun ? ' (consumer)' : ''}

${dayTable(consumerRun ?? main)}

Runs are the lines the log tab gives the day. A day's daily reports are ${n(o.accounts * (REACH_REPORTS.length - 1))} runs, and Stories every ${STORIES_EVERY_HOURS} hours are
up to ${n(o.accounts * (24 / STORIES_EVERY_HOURS))} (a stories run that waits pushes the next one back). A daily report runs at the first tick from ${String(DAILY_HOUR).padStart(2, '0')}:00, and the
ticks run what is due, oldest first, while each has time: when the morning's runs need more ticks than there are until a
day ends, some start in the next day. Over days 2 to ${n(o.days)}, daily-report runs made: ${consumerRun ? `consumer ${due(consumerRun)}` : ''}${consumerRun && workspaceRun ? '; ' : ''}${workspaceRun ? `Workspace ${due(workspaceRun)}` : ''}.
${workspaceRun && consumerRun ? `\n### Day by day (Workspace)\n\n${dayTable(workspaceRun)}\n` : ''}
### Where the trigger runtime goes${workspaceRun ? ' (Workspace run)' : ''}

${timeTable(workspaceRun ?? main, timeDays)}

### How many accounts one spreadsheet serves

${accountsTable(estimate)}

The first limit to bind, for ${n(o.days)} days like these: consumer, ${bind('consumer')}; Workspace, ${bind('workspace')}.

How the number is derived: **extrapolated** from the per-account figures of runs at several sizes, not measured
at that number of accounts. The same agency was run at ${estimate.sizes.map(n).join(', ')} accounts (the mix of years repeats every
${n(o.years.length)} accounts, ${Math.round((o.instagramLogin / o.accounts) * 100)}% on Instagram Login) with the Workspace settings, so that no allowance cut the
demand. For each limit, its worst day once every first pull had finished gives one point per size; through them, a
parabola a + b·N + c·N² when the figure grows faster than the accounts (tabs all accounts share, which every account's run
reads and rewrites), else a straight line (least squares); the number is the largest N whose figure stays within the limit.
"One more account adds" is that curve's slope at ${n(estimate.sizes[estimate.sizes.length - 1])} accounts. The hourly trigger's ceiling is 24 ticks of 6 minutes; the
count of executions and the longest execution are not held against a number of accounts (every tick runs, and each
runs up to Sheetgram's own deadline). ${trigger ? `Sheetgram itself stops its ticks at ${Math.round(SHEETGRAM_SHARE * 100)}% of the trigger runtime, so a consumer
spreadsheet keeps every report on time up to ${accountsCell(accountsWithin(trigger.model, SHEETGRAM_SHARE * trigger.figure.consumer))} accounts by the same curve.` : ''}
${bigQueryRun(reach) ? `\n${bigQuerySection(reach)}` : ''}`;
}

// ---- With BigQuery ---------------------------------------------------------------------------------

/** Bytes in 1,024-based units, as BigQuery counts them. */
export function size(bytes: number): string {
  if (bytes < 1024) return `${n(bytes)} bytes`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} ${units[unit]}`;
}

function showBigQuery(limit: Pick<BigQueryLimit, 'unit'>, value: number): string {
  return limit.unit === 'bytes' ? size(value) : n(value);
}

function tableCell(t: BusiestTable): string {
  return t.operations ? `${n(t.operations)} (${t.table})` : '–';
}

/** The run with BigQuery, day by day: its jobs, what they moved, API calls, and the dataset at the day's end. */
export function bigQueryDayTable(run: ReachRun): string {
  const out = [
    line(['Day', 'Load jobs', 'Rows loaded', 'Uploaded', 'Query jobs (MERGE + other)', 'Query bytes processed', 'Query bytes billed', 'Busiest report table', 'Busiest staging table', 'API calls', 'Rows held', 'Stored']),
    line(Array(12).fill('---')),
  ];
  for (const d of bigQueryDays(run)) {
    const b = d.bigquery;
    out.push(line([
      n(d.day), `${n(b.loadJobs)}${b.failedLoadJobs ? ` (${n(b.failedLoadJobs)} failed)` : ''}`, n(b.rowsLoaded), size(b.bytesLoaded),
      `${n(b.dmlJobs)} + ${n(b.otherQueryJobs)}${b.failedQueryJobs ? ` (${n(b.failedQueryJobs)} failed)` : ''}`, size(b.queryBytesProcessed), size(b.queryBytesBilled),
      tableCell(b.busiestTable), n(b.busiestStagingTable.operations), n(apiCallsOf(b)), n(b.storedRows),
      `${size(b.storedBytes)}${b.stagingBytes ? ` (+ ${size(b.stagingBytes)} staging)` : ''}`,
    ]));
  }
  return out.join('\n');
}

/** Every BigQuery limit with its figure, the run's first day, worst later day and last day, and the worst day's share. */
export function bigQueryLimitsTable(run: ReachRun): string {
  const days = bigQueryDays(run);
  const last = days[days.length - 1]?.day ?? 0;
  const out = [line(['Limit', 'Per', 'Figure', 'day 1', 'worst later day', `day ${n(last)}`, 'worst, of the limit']), line(Array(7).fill('---'))];
  for (const limit of BIGQUERY_REACH_LIMITS) {
    const s = summarizeDays(days.map((d) => limit.of(d.bigquery)));
    const show = (value: number) => showBigQuery(limit, value);
    out.push(line([limit.label, limit.per, show(limit.figure), show(s.first), `${show(s.worstLater)} (day ${s.worstLaterDay})`, show(s.last), share(s.worst * limit.days, limit.figure)]));
  }
  return out.join('\n');
}

const years = (x: number) => (Number.isFinite(x) ? (x >= 100 ? n(x) : x.toFixed(1)) : 'no end');

/** The spreadsheet's cells and BigQuery's stored bytes per account-year, and the account-years each limit holds. */
export function accountYearsTable(run: ReachRun): string {
  const a = accountYears(run);
  if (!a) return '';
  const { spreadsheet: sheet, bigquery } = a;
  return [
    line(['Where', `Grows per account-year (days ${n(sheet.from)} to ${n(sheet.to)})`, 'Limit', 'Account-years within it, from empty', `At day ${n(sheet.to)} (${n(a.accounts)} accounts)`, `Years left for ${n(a.accounts)} accounts`]),
    line(Array(6).fill('---')),
    line(['One spreadsheet: cells', `${n(sheet.perAccountYear)} cells`, `${n(sheet.limit)} cells`, years(sheet.accountYears), `${n(sheet.now)} cells`, years(sheet.yearsLeft)]),
    line(['BigQuery, free storage (all a sandbox stores): bytes', size(bigquery.perAccountYear), size(bigquery.limit), years(bigquery.accountYears), size(bigquery.now), years(bigquery.yearsLeft)]),
    line(['BigQuery with billing: bytes', size(bigquery.perAccountYear), 'none (billed per GB and month past the free part)', 'no end', size(bigquery.now), 'no end']),
  ].join('\n');
}

function accountYearsText(run: ReachRun): string {
  const a = accountYears(run);
  if (!a) return 'Account-years need two days or more of the run with BigQuery.';
  const { spreadsheet: sheet, bigquery } = a;
  const more = bigquery.accountYears - sheet.accountYears;
  const from = sheet.from === run.firstPullDoneDay
    ? `on the day every first pull had finished (day ${n(sheet.from)})`
    : `on day ${n(sheet.from)} (the first pulls ${run.firstPullDoneDay === null ? 'did not finish within the run' : `finished on the last day, day ${n(run.firstPullDoneDay)}`}, so the slope has some of them)`;
  const free = more >= 0
    ? `BigQuery's free 10 GB hold ${years(more)} account-years more than one spreadsheet`
    : `BigQuery's free 10 GB hold ${years(-more)} account-years fewer than one spreadsheet: each day's table keeps a snapshot of every post (how it grew), where the tab keeps one row per post`;
  return `${free}; with billing, BigQuery holds every account-year past the spreadsheet's ${years(sheet.accountYears)} (its storage has no ceiling,
only a price per GB and month past the free part). A BigQuery sandbox keeps ${n(a.sandboxDays)} days only (its tables and partitions expire): at this
agency's rate about ${size(a.sandboxBytes)}, ${share(a.sandboxBytes, bigquery.limit)} of its 10 GB.

How these are derived: from the run with BigQuery (so from the same runs made), the spreadsheet's cells (every tab's grid)
and the dataset's stored bytes (report tables) ${from} and on the last day (day ${n(sheet.to)}); the growth per
day between them, × ${YEAR_DAYS} ÷ ${n(a.accounts)} accounts, is the growth per account-year. "From empty" is the limit ÷ that growth (the
first pulls' history left out: an account's years of posts before it joins add to both); "years left" is what the limit has
left at the last day ÷ (the growth per day × ${YEAR_DAYS}). Straight lines through two days: a tab or table that grows faster
with time (each day's snapshot of every post is a little larger than the last) runs out sooner.`;
}

/** What BigQuery added to the spreadsheet's own day: the trigger runtime and the daily runs, against the same agency without BigQuery. */
function bigQueryCostText(reach: ReachBench, run: ReachRun): string {
  const kind = run.options.account;
  const trigger = limitOf('triggerRuntime');
  const withIt = summarize(trigger, run);
  const apiTime = run.days[withIt.worstLaterDay - 1]?.time[BIGQUERY_TIME] ?? 0;
  const { made, due } = dailyRunsDue(run);
  const without = mainRuns(reach)[kind];
  const comparable = without && without.options.accounts === run.options.accounts && without.options.days === run.options.days ? without : undefined;
  const before = comparable && summarize(trigger, comparable);
  const beforeRuns = comparable && dailyRunsDue(comparable);
  return [
    `**What BigQuery adds to the spreadsheet's day** (${KIND_NAMES[kind].toLowerCase()} figures): trigger runtime ${show('ms', withIt.first)} on day 1 and ${show('ms', withIt.worstLater)}`,
    `on the worst later day (day ${n(withIt.worstLaterDay)}), of the ${show('ms', trigger.figure[kind])} a day; that day BigQuery's API calls were charged ${show('ms', apiTime)}, and the`,
    'waits for its jobs (sleeps between polls) are in the rest.',
    before ? `Without BigQuery, the same agency took ${show('ms', before.first)} on day 1 and ${show('ms', before.worstLater)} on its worst later day (day ${n(before.worstLaterDay)}).` : '',
    `Daily-report runs made over days 2 to ${n(run.options.days)}: ${n(made)} of the ${n(due)} due (${share(made, due)})${beforeRuns ? `, against ${n(beforeRuns.made)} (${share(beforeRuns.made, beforeRuns.due)}) without BigQuery` : ''}.`,
  ].filter(Boolean).join('\n');
}

export function bigQuerySection(reach: ReachBench): string {
  const run = bigQueryRun(reach);
  if (!run) return '';
  const o = run.options;
  const days = bigQueryDays(run);
  const failed = days.reduce((sum, d) => sum + d.bigquery.failedLoadJobs + d.bigquery.failedQueryJobs, 0);
  return `### With BigQuery

The agency again (${n(o.accounts)} accounts, ${KIND_NAMES[o.account].toLowerCase()}, ${n(o.days)} days), every report saved with *This spreadsheet and BigQuery*
into one dataset (\`${AGENCY_WAREHOUSE.projectId}.${AGENCY_WAREHOUSE.datasetId}\`, ${AGENCY_WAREHOUSE.location}) of a project with billing: after each run, a load job puts
the account's rows into a staging table and one \`MERGE\` replaces its days in the report's table. This run is left out of
every figure above.

${bigQueryDayTable(run)}

${bigQueryLimitsTable(run)}

BigQuery jobs that failed: ${n(failed)}.

${bigQueryCostText(reach, run)}

How each figure is derived, all from the local BigQuery's own records, never from Sheetgram:

- **Jobs** are those of the project created in the day, with BigQuery's statistics: load jobs' \`outputRows\` (rows loaded) and
  \`inputFileBytes\` (the newline-delimited JSON uploaded), query jobs' \`statementType\` (DML: Sheetgram's \`MERGE\`s; other: its
  checks), \`totalBytesProcessed\` and \`totalBytesBilled\`. A failed job is one with an \`errorResult\`; it counts everywhere.
- **Operations on one table** group the day's jobs by the table they write: a load's or a query's destination, a DML
  statement's target; the busiest report table, and apart from it the busiest staging table (one per configuration, loaded
  and then removed). DML is counted although the local BigQuery's table says it does not count toward the 1,500, so the
  share is an upper bound.
- **Query bytes** are as the local BigQuery counts them: the logical size of every table a statement reads, whole. It prunes
  no partition, where BigQuery would read only the days a \`MERGE\` names, so they are an upper bound that grows with the
  tables. Billed bytes round up to the MB, 10 MB at least a query. The month's free bytes are held against ${MONTH_DAYS} days like one.
- **API calls** are the runtime's call counters (\`BigQuery.Jobs.insert\`, \`Jobs.get\`, \`Tables.get\`...) from one day's end to
  the next. The local BigQuery's table has no daily limit for them, so none is held against them.
- **Rows held** and **stored** are the dataset's report tables at the day's end (views and staging tables apart), their rows
  and logical bytes as BigQuery bills storage (8 bytes an INT64, FLOAT64, DATE or TIMESTAMP, 2 + the UTF-8 length a STRING).
- **Limits** come from the local BigQuery's table (\`BIGQUERY_LIMITS\` in \`local/apps-script/services/bigquery/settings.ts\`),
  each with its source; the load jobs a day, the free storage and the free query bytes are marked there as unverified.

#### Account-years: one spreadsheet against BigQuery

${accountYearsTable(run)}

${accountYearsText(run)}
`;
}
