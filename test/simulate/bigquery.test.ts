// npm run simulate -- --bigquery: every saved report also loads into the seeded BigQuery project; after
// three virtual days each table is written out as a CSV beside the tabs', summary.json lists them with
// their rows, and User's Information in BigQuery holds exactly the tab's rows, per account and day.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORTS } from '../../src/core/reports/registry';
import { parseCsv } from '../../local/export';
import { defaultScenario } from '../../local/instagram/scenario';
import { startStack, type Stack } from '../../local/platform/stack';
import { parseSimulateArgs } from '../../local/simulate/args';
import { SIMULATE_PROJECT } from '../../local/simulate/bigquery';
import { simulateOnStack } from '../../local/simulate/simulate';
import type { SimulationSummary } from '../../local/simulate/summary';

const DAYS = 3;
let stack: Stack;
let summary: SimulationSummary;
let out: string;

beforeAll(async () => {
  const scenario = defaultScenario();
  out = mkdtempSync(join(tmpdir(), 'sheetgram-simulate-bq-'));
  stack = await startStack({ scenario, transport: 'in-process' });
  ({ summary } = await simulateOnStack(stack, { scenario, scenarioName: 'default', days: DAYS, out, transport: 'in-process', bigquery: true }));
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

const csvOf = (file: string) => parseCsv(readFileSync(join(out, file), 'utf8'));
const dayIn = (d: Date, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);

describe('--bigquery', () => {
  it('is a flag of the command line', () => {
    const base = ['--scenario', 'default', '--days', '1', '--out', 'x'];
    expect(parseSimulateArgs([...base, '--bigquery']).bigquery).toBe(true);
    expect(parseSimulateArgs(base).bigquery).toBe(false);
  });

  it('saves every report as "This spreadsheet and BigQuery" after Check access, and every load succeeds', () => {
    expect(summary.errors).toEqual([]);
    expect(summary.bigquery).toMatchObject({ projectId: SIMULATE_PROJECT, datasetId: 'sheetgram', check: { ok: true } });
    const saved = summary.configurations.filter((c) => c.saved);
    expect(saved.length).toBeGreaterThan(10);
    expect(summary.bigquery!.loads.map((l) => l.id).sort()).toEqual(saved.map((c) => c.id).sort());
    for (const load of summary.bigquery!.loads) expect(load.state, `${load.report} @${load.account}: ${load.text}`).toBe('ok');
  });

  it('writes one CSV per table, with the rows BigQuery holds, and lists it in summary.json', () => {
    const tables = stack.rt.bigquery.tables().filter((t) => t.type === 'TABLE');
    // One table per report saved (accounts share it), no staging table left behind.
    expect(summary.bigquery!.tables.map((t) => t.table.split('.')[2]).sort()).toEqual([...new Set(summary.configurations.map((c) => c.report))].sort());
    expect(summary.bigquery!.tables).toHaveLength(tables.length);
    for (const t of summary.bigquery!.tables) {
      expect(existsSync(join(out, t.csv)), t.csv).toBe(true);
      expect(t.csv).toBe(`bigquery/sheetgram.${t.table.split('.')[2]}.csv`);
      const [header, ...rows] = csvOf(t.csv);
      expect(header.slice(0, 3)).toEqual(['account_id', 'account', 'snapshot_date']);
      expect(rows).toHaveLength(t.rows);
      expect(t.rows).toBe(tables.find((x) => `${x.projectId}.${x.datasetId}.${x.tableId}` === t.table)!.numRows);
    }
    expect(summary.bigquery!.views).toContain(`${SIMULATE_PROJECT}.sheetgram.user_information_latest`);
    const written = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as SimulationSummary;
    expect(written.bigquery).toEqual(JSON.parse(JSON.stringify(summary.bigquery)));
  });

  it('holds User\'s Information exactly as the tabs do, per account and day', () => {
    const report = REPORTS.find((r) => r.id === 'user_information')!;
    const [header, ...rows] = csvOf('bigquery/sheetgram.user_information.csv');
    const col = (name: string) => header.indexOf(name);
    const timeZone = stack.rt.workbook.timeZone;
    let compared = 0;
    for (const account of summary.accounts.filter((a) => a.connected)) {
      const tab = `${report.title} @${account.username}`;
      const [head, ...lines] = stack.rt.workbook.values(tab);
      const at = (name: string) => head.map(String).indexOf(name);
      const fields = report.fields.filter((f) => at(f.header) >= 0);
      expect(fields.map((f) => f.id)).toContain('followers_count');
      // Day -> the fields' values, as text, from the tab and from BigQuery's CSV.
      const fromTab = new Map(lines.map((l) => [dayIn(l[at('Run date')] as Date, timeZone), fields.map((f) => String(l[at(f.header)] ?? ''))]));
      const fromBigQuery = new Map(rows.filter((r) => r[col('account_id')] === account.igUserId).map((r) => [r[col('snapshot_date')], fields.map((f) => r[col(f.id)])]));
      // The first run rebuilt 30 days; then a run a day.
      expect(fromTab.size).toBeGreaterThanOrEqual(30 + DAYS - 1);
      expect(fromBigQuery).toEqual(fromTab);
      expect(rows.filter((r) => r[col('account_id')] === account.igUserId).every((r) => r[col('account')] === account.username)).toBe(true);
      compared += fromTab.size;
    }
    expect(compared).toBe(rows.length);
  });
});
