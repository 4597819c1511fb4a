// The bench's tables in Markdown: each figure with its ratio to the lower bound, the real cost of the
// local runtime, and where Sheetgram's writes go.
import { getReport } from '../../src/core/reports/registry';
import type { Bounds } from './bounds';
import type { Figures } from './figures';
import type { MetaLimitsBench } from './meta-limits';
import type { BenchResult, BenchRow, Phase, Scope } from './run-bench';
import type { WallClockProbe } from './wall-clock';
import { accountsTable, bigQueryLimitsTable, bigQueryRun, limitsTable, mainRuns } from './reach-doc';
import { estimateReach } from './reach-limits';

const n = (x: number) => Math.round(x).toLocaleString('en-US');
const PHASES: Record<Phase, string> = { full: 'first full pull', incremental: 'next-day incremental' };
const CONNECTORS = { sheetgram: 'Sheetgram', naive: 'naive (reference)' };

export function duration(ms: number): string {
  if (ms >= 60_000) return `${(ms / 60_000).toFixed(1)} min`;
  return `${(ms / 1000).toFixed(1)} s`;
}

export function ratio(value: number, bound: number): string {
  if (bound <= 0) return value === 0 ? '1.0×' : '—';
  const r = value / bound;
  return r < 10 ? `${r.toFixed(1)}×` : `${n(r)}×`;
}

function scopeTitle(scope: Scope): string {
  return scope === 'together' ? 'All four, one schedule' : getReport(scope).title;
}

type Column = { header: string; figure: (f: Figures) => number; bound: (b: Bounds) => number; show?: (x: number) => string };

const COLUMNS: Column[] = [
  { header: 'Calls to Meta', figure: (f) => f.metaCalls, bound: (b) => b.calls },
  { header: 'Round trips', figure: (f) => f.roundTrips, bound: (b) => b.roundTrips },
  { header: 'Range writes', figure: (f) => f.rangeWrites, bound: (b) => b.rangeWrites },
  { header: 'Property writes', figure: (f) => f.propertyWrites, bound: (b) => b.propertyWrites },
  { header: 'Executions', figure: (f) => f.executions, bound: (b) => b.executions },
  { header: 'Virtual time', figure: (f) => f.virtualMs, bound: (b) => b.virtualMs, show: duration },
];

function line(cells: string[]): string {
  return `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
}

/** One size's table: per report and run, the bound, then each connector with ratios. */
export function resultsTable(rows: readonly BenchRow[], media: number): string {
  const mine = rows.filter((r) => r.media === media);
  const out = [line(['Report', 'Run', 'Who', ...COLUMNS.map((c) => c.header), 'Outcome']), line(Array(COLUMNS.length + 4).fill('---'))];
  const scopes = [...new Set(mine.map((r) => r.scope))];
  for (const scope of scopes) {
    for (const phase of ['full', 'incremental'] as Phase[]) {
      const group = mine.filter((r) => r.scope === scope && r.phase === phase);
      if (!group.length) continue;
      const bounds = group[0].bounds;
      out.push(line([scopeTitle(scope), PHASES[phase], 'lower bound', ...COLUMNS.map((c) => (c.show ?? n)(c.bound(bounds))), '']));
      for (const row of group) {
        out.push(line(['', '', CONNECTORS[row.connector], ...COLUMNS.map((c) => `${(c.show ?? n)(c.figure(row.figures))} (${ratio(c.figure(row.figures), c.bound(row.bounds))})`), row.outcome]));
      }
    }
  }
  return out.join('\n');
}

export function wallClockTable(rows: readonly BenchRow[], probes: readonly WallClockProbe[]): string {
  const out = [line(['What', 'Posts', 'Run', 'Rows written', 'Calls to Meta', 'Wall time', 'ms per 1,000 rows', 'ms per call']), line(Array(8).fill('---'))];
  for (const p of probes) out.push(line([`local runtime alone, ${p.method}, ${p.columns} columns`, '', '', n(p.rows), '', `${n(p.wallMs)} ms`, p.msPer1000Rows.toFixed(1), '']));
  for (const r of rows.filter((x) => x.scope === 'together')) {
    const f = r.figures;
    const perRows = f.rowsWritten ? ((f.wallMs / f.rowsWritten) * 1000).toFixed(1) : '—';
    const perCall = f.metaCalls ? (f.wallMs / f.metaCalls).toFixed(1) : '—';
    out.push(line([`${CONNECTORS[r.connector]}, all four reports (runtime + simulator)`, n(r.media), PHASES[r.phase], n(f.rowsWritten), n(f.metaCalls), `${n(f.wallMs)} ms`, perRows, perCall]));
  }
  return out.join('\n');
}

/** Where Sheetgram's property writes go (the four reports together), by the keys they change. */
export function propertyWritesTable(rows: readonly BenchRow[]): string {
  const mine = rows.filter((r) => r.connector === 'sheetgram' && r.scope === 'together');
  const keys = [...new Set(mine.flatMap((r) => Object.keys(r.figures.propertyWritesByKey)))].sort();
  const heads = mine.map((r) => `${n(r.media)} posts, ${PHASES[r.phase]}`);
  const out = [line(['Store and keys changed', ...heads]), line(Array(heads.length + 1).fill('---'))];
  for (const key of keys) out.push(line([`\`${key}\``, ...mine.map((r) => n(r.figures.propertyWritesByKey[key] ?? 0))]));
  out.push(line(['**all property writes** (counted by the runtime)', ...mine.map((r) => `**${n(r.figures.propertyWrites)}**`)]));
  out.push(line(['calls to Meta in the same runs', ...mine.map((r) => n(r.figures.metaCalls))]));
  return out.join('\n');
}

/** Range writes per tab (the four reports together), per run. */
export function rangeWritesTable(rows: readonly BenchRow[]): string {
  const mine = rows.filter((r) => r.connector === 'sheetgram' && r.scope === 'together');
  const tabs = [...new Set(mine.flatMap((r) => Object.keys(r.figures.rangeWritesByTab)))].sort();
  const heads = mine.map((r) => `${n(r.media)} posts, ${PHASES[r.phase]}`);
  const out = [line(['Tab', ...heads]), line(Array(heads.length + 1).fill('---'))];
  for (const tab of tabs) out.push(line([tab, ...mine.map((r) => n(r.figures.rangeWritesByTab[tab]?.writes ?? 0))]));
  return out.join('\n');
}

/** A small account's first pull hour by hour, and its day against Meta's budget and Sheetgram's. */
export function metaLimitsTable(m: MetaLimitsBench): string {
  const out = [line(['Clock hour (UTC)', 'Calls to Meta']), line(['---', '---'])];
  for (const h of m.hours) out.push(line([h.hour.slice(0, 16).replace('T', ' '), n(h.calls)]));
  out.push(line(['**first 24 hours**', `**${n(m.dayTotal)}** of ${n(m.metaBudget)} (Meta's budget: 4,800 x ${n(m.impressions)} impressions)`]));
  out.push(line(['busiest hour', `${n(m.busiestHour)} (Sheetgram's hourly share at first: ${n(Math.floor(m.floor / 24))}, from its floor of ${n(m.floor)} a day)`]));
  out.push(line(['Sheetgram\'s limits afterwards', `${n(m.sheetgram.hour)} an hour, ${n(m.sheetgram.day)} a day (from the account's ${m.sheetgram.basis})`]));
  out.push(line(['runs stopped by Meta (80002)', n(m.pausedByMeta)]));
  out.push(line(['ticks until every report finished', `${n(m.ticks)}${m.complete ? '' : ' (unfinished)'}`]));
  return out.join('\n');
}

/** Everything the CLI prints. */
export function benchMarkdown(result: BenchResult, options: { wallClock: boolean; metaLimits?: boolean }): string {
  const parts: string[] = [];
  for (const media of result.sizes) parts.push(`### ${n(media)} posts\n\n${resultsTable(result.rows, media)}`);
  parts.push(`### Range writes per tab (Sheetgram, four reports together)\n\n${rangeWritesTable(result.rows)}`);
  parts.push(`### Where property writes go (Sheetgram, four reports together)\n\n${propertyWritesTable(result.rows)}`);
  const idle = result.idle.filter((i) => i.connector === 'sheetgram');
  if (idle.length) {
    parts.push(`### Idle dispatcher ticks (Sheetgram, four reports together)\n\n${[
      line(['Posts', 'Ticks that ran nothing', 'Calls to Meta', 'Property reads', 'Property writes', 'Virtual time']), line(Array(6).fill('---')),
      ...idle.map((i) => line([n(i.media), n(i.ticks), n(i.metaCalls), n(i.propertyReads), n(i.propertyWrites), duration(i.virtualMs)])),
    ].join('\n')}`);
  }
  if (result.metaLimits && options.metaLimits !== false) parts.push(`### A small account under Meta's daily limit\n\n${metaLimitsTable(result.metaLimits)}`);
  if (options.wallClock && result.reach?.runs.length) {
    // The doc has the whole section; the terminal gets its summary tables and each run's real time.
    if (Object.keys(mainRuns(result.reach)).length) parts.push(`### How far one spreadsheet goes\n\n${limitsTable(result.reach)}\n\n${accountsTable(estimateReach(result.reach.runs))}`);
    const bigquery = bigQueryRun(result.reach);
    if (bigquery) parts.push(`### How far one spreadsheet goes, with BigQuery\n\n${bigQueryLimitsTable(bigquery)}`);
    parts.push(`### Real (wall-clock) time of "How far one spreadsheet goes"\n\n${[
      line(['Accounts', 'Account kind', 'Days', 'Wall time']), line(Array(4).fill('---')),
      ...result.reach.runs.map((r) => line([n(r.options.accounts), `${r.options.account}${r.options.bigquery ? ', BigQuery' : ''}`, n(r.options.days), `${(r.wallMs / 60_000).toFixed(1)} min`])),
    ].join('\n')}`);
  }
  if (options.wallClock) parts.push(`### Real (wall-clock) cost of the local platform\n\n${wallClockTable(result.rows, result.probes)}`);
  return parts.join('\n\n');
}
