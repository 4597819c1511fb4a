// npm run simulate's engine on the default scenario: what it connects and saves, and that every figure
// of summary.json matches what the platform measured (the simulator's log, the runtime's counters and
// executions, the log tab), and that the files hold the tabs as a person sees them.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORTS } from '../../src/core/reports/registry';
import { parseCsv, readWorkbook } from '../../local/export';
import type { RequestLogEntry } from '../../local/instagram/handler';
import { defaultScenario } from '../../local/instagram/scenario';
import { startStack, type Stack } from '../../local/platform/stack';
import { simulateOnStack } from '../../local/simulate/simulate';
import type { SimulationSummary } from '../../local/simulate/summary';

const HOUR = 3_600_000;
let stack: Stack;
let summary: SimulationSummary;
let out: string;
let log: RequestLogEntry[];

beforeAll(async () => {
  const scenario = defaultScenario();
  out = mkdtempSync(join(tmpdir(), 'sheetgram-simulate-'));
  stack = await startStack({ scenario, transport: 'in-process', latencyMs: 100 });
  ({ summary } = await simulateOnStack(stack, { scenario, scenarioName: 'default', days: 2, out, transport: 'in-process', latencyMs: 100 }));
  log = (await stack.control('log')) as RequestLogEntry[];
}, 60_000);

afterAll(async () => {
  await stack?.close();
});

describe('setup', () => {
  it('connects the professional accounts with their own login and leaves the personal one out', () => {
    expect(summary.accounts.map((a) => [a.username, a.flow, a.connected])).toEqual([
      ['sunny.creates', 'instagram', true], ['harbor.bakery', 'facebook', true], ['just.me.personal', null, false],
    ]);
    expect(summary.accounts[2].note).toMatch(/personal/);
  });

  it('saves every report each login supports, Stories every 4 hours and the rest daily at 06:00', () => {
    const expected = REPORTS.filter((r) => r.loginFlows.includes('instagram')).length + REPORTS.filter((r) => r.loginFlows.includes('facebook')).length;
    expect(summary.configurations.filter((c) => c.saved)).toHaveLength(expected);
    for (const c of summary.configurations) expect(c.schedule).toEqual(c.report === 'stories' ? { kind: 'every_hours', everyHours: 4 } : { kind: 'daily', hour: 6 });
    const competitors = summary.configurations.find((c) => c.report === 'competitors')!;
    expect(competitors.settings.competitors).toBe('rival.bakery, city.creator');
    expect(summary.configurations.find((c) => c.report === 'hashtags')!.settings.hashtags).toBe('sourdough lisbon bakerylife');
  });

  it('ran for the virtual days asked', () => {
    expect(Date.parse(summary.simulated.to) - Date.parse(summary.simulated.from)).toBeGreaterThanOrEqual(2 * 24 * HOUR);
    expect(summary.executions.byFunction.runScheduledReports.count).toBeGreaterThanOrEqual(47);
  });
});

describe('summary.json matches what was measured', () => {
  it('counts calls to Meta from the request log: batch operations each, no envelopes, no sign-in pages', () => {
    const calls = log.filter((e) => !e.host.startsWith('www.') && !(e.endpoint === '/ (batch)' && !e.inBatch));
    expect(summary.meta.calls).toBe(calls.length);
    expect(summary.meta.batchedCalls).toBe(log.filter((e) => e.inBatch).length);
    expect(Object.values(summary.meta.byEndpoint).reduce((a, b) => a + b, 0)).toBe(summary.meta.calls);
    const perAccount = Object.values(summary.meta.byAccount).reduce((a, b) => a + b.calls, 0);
    expect(perAccount + summary.meta.unattributed).toBe(summary.meta.calls);
    expect(summary.meta.batchedCalls).toBeGreaterThan(0);
  });

  it('finds the busiest rolling hour per account (checked by brute force)', () => {
    for (const [name, account] of Object.entries(summary.meta.byAccount)) {
      const times = log.filter((e) => (e.username ?? e.account) === name && !e.host.startsWith('www.')).map((e) => Date.parse(e.time));
      const best = Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + HOUR).length));
      expect(account.peakRollingHour, name).toBe(best);
      expect(account.peakRollingHour).toBeLessThanOrEqual(account.calls);
    }
  });

  it('takes network, service calls and executions from the runtime', () => {
    expect(summary.network.roundTrips).toBe(stack.network.stats.roundTrips);
    expect(summary.network.requests).toBe(stack.network.stats.calls);
    const counters = stack.rt.counters.snapshot();
    expect(summary.appsScript.calls).toEqual(counters);
    expect(summary.appsScript.groups.rangeWrites).toBe((counters['Range.setValues'] ?? 0) + (counters['Range.setValue'] ?? 0) + (counters['Sheet.appendRow'] ?? 0));
    expect(summary.executions.count).toBe(stack.rt.executions.length);
    expect(summary.executions.virtualMs.total).toBe(stack.rt.executions.reduce((s, e) => s + e.duration, 0));
    // 100 ms of latency per round trip is what the virtual clock spent.
    expect(summary.executions.virtualMs.total).toBeGreaterThanOrEqual(summary.network.roundTrips * 100 - 1000);
  });

  it('lists the runs of the log tab, the skipped items they name, and no errors', () => {
    const lines = stack.rt.workbook.values('Sheetgram log').length - 1;
    const maintenance = stack.rt.workbook.values('Sheetgram log').filter((r) => r[4] === 'maintenance').length;
    expect(summary.runs.count).toBe(lines - maintenance);
    expect(summary.runs.byStatus.partial).toBeGreaterThan(0);
    expect(summary.skipped.total).toBeGreaterThan(0);
    expect(summary.skipped.byReason['Posted before the account became a business account: Instagram has no insights for it.']).toBeGreaterThan(0);
    expect(summary.errors).toEqual([]);
    expect(summary.ok).toBe(true);
  });
});

describe('files', () => {
  it('writes one CSV per tab holding what the tab shows', () => {
    const { grids } = readWorkbook(stack.rt.workbook);
    expect(summary.tabs.map((t) => t.name)).toEqual(stack.rt.workbook.sheets.map((s) => s.name));
    grids.forEach((grid, i) => {
      const rows = parseCsv(readFileSync(join(out, summary.tabs[i].csv), 'utf8'));
      expect(rows, grid.name).toEqual(grid.rows.map((r) => r.map((c) => c.display)));
    });
    // Where the runtime can show every cell itself, the CSV equals its display values exactly.
    const media = summary.tabs.find((t) => t.name === "User's Recent Media @sunny.creates")!;
    expect(parseCsv(readFileSync(join(out, media.csv), 'utf8'))).toEqual(stack.rt.workbook.displayValues(media.name));
    expect(media.rows).toBeGreaterThan(400);
  });

  it('writes the whole workbook as .xlsx and summary.json', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(out, 'workbook.xlsx'));
    expect(book.worksheets).toHaveLength(stack.rt.workbook.sheets.length);
    const written = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(written).toEqual(JSON.parse(JSON.stringify(summary)));
    expect(written).toMatchObject({ format: 'sheetgram-simulation-summary', version: 1 });
  });
});
