// The few lines `npm run simulate` prints: what ran, what it cost, and what went wrong.
import { BIGQUERY_FOLDER } from './bigquery';
import type { SimulationSummary } from './summary';

const n = (x: number) => x.toLocaleString('en-US');

function seconds(ms: number): string {
  return ms >= 60_000 ? `${(ms / 60_000).toFixed(1)} min` : `${(ms / 1000).toFixed(1)} s`;
}

export function humanSummary(s: SimulationSummary, summaryPath: string): string {
  const lines: string[] = [];
  const connected = s.accounts.filter((a) => a.connected).map((a) => `@${a.username} (${a.flow})`);
  lines.push(`Scenario ${s.scenario.name}: ${s.simulated.days} virtual days from ${s.simulated.from} (${s.simulated.transport}, latency ${s.simulated.latencyMs} ms).`);
  lines.push(`Connected ${connected.length ? connected.join(', ') : 'no account'}; ${s.configurations.filter((c) => c.saved).length} of ${s.configurations.length} reports saved.`);
  const status = Object.entries(s.runs.byStatus).map(([k, v]) => `${n(v)} ${k}`).join(', ') || 'none';
  lines.push(`Runs: ${n(s.runs.count)} (${status}); ${n(s.runs.rowsAdded)} rows added, ${n(s.runs.rowsUpdated)} updated; ${n(s.skipped.total)} items skipped.`);
  const peak = Object.entries(s.meta.byAccount).map(([name, a]) => `@${name} ${n(a.calls)} (peak ${n(a.peakRollingHour)}/h)`).join(', ');
  lines.push(`Calls to Meta: ${n(s.meta.calls)} in ${n(s.meta.httpRequests)} HTTP requests, ${n(s.network.roundTrips)} round trips${peak ? `; ${peak}` : ''}.`);
  const g = s.appsScript.groups;
  lines.push(`Apps Script: ${n(g.rangeWrites)} range writes, ${n(g.propertyReads)} property reads, ${n(g.propertyWrites)} property writes, ${n(g.cache)} cache and ${n(g.lock)} lock calls.`);
  lines.push(`Executions: ${n(s.executions.count)} (${n(s.executions.failed)} failed), ${seconds(s.executions.virtualMs.total)} virtual in all, longest ${seconds(s.executions.virtualMs.max)}.`);
  if (s.bigquery) {
    const rows = s.bigquery.tables.reduce((sum, t) => sum + t.rows, 0);
    lines.push(`BigQuery ${s.bigquery.projectId}.${s.bigquery.datasetId}: ${n(s.bigquery.tables.length)} tables, ${n(rows)} rows, ${n(s.bigquery.views.length)} views; a CSV file per table in ${BIGQUERY_FOLDER}/.`);
  }
  for (const e of s.errors.slice(0, 10)) lines.push(`  error (${e.kind}) ${e.where}${e.at ? ` at ${e.at}` : ''}: ${e.message}`);
  if (s.errors.length > 10) lines.push(`  ... and ${s.errors.length - 10} more errors in summary.json`);
  for (const w of s.warnings) lines.push(`  warning: ${w}`);
  lines.push(`Wrote ${s.tabs.length} CSV files${s.files.xlsx ? `, ${s.files.xlsx}` : ''} and ${summaryPath}.`);
  lines.push(s.ok ? 'OK' : `FAILED: ${s.errors.length} error${s.errors.length === 1 ? '' : 's'}`);
  return lines.join('\n');
}
