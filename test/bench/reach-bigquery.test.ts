// "How far one spreadsheet goes" with BigQuery on. A short real run with the bench's own code (three
// accounts, two days): each day's BigQuery figures agree with what the local BigQuery holds and counted
// (its tables read back with SQL, its own per-table quota counter, the runtime's call counters). Then the
// doc, from fabricated results: every figure against its limit from the local BigQuery's table, the
// account-years from the slopes, and the sections without BigQuery unchanged by the run with it.
import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIGQUERY_LIMITS } from '../../local/apps-script/services/bigquery';
import { HARD_LIMITS, type Account } from '../../local/apps-script/quotas';
import { benchReach, REACH_BENCH, type ReachDay, type ReachRun } from '../../local/bench/reach';
import { AGENCY_WAREHOUSE, STAGING_PREFIX, type ReachBigQueryDay } from '../../local/bench/reach-bigquery';
import { bigQuerySection, reachSection, size } from '../../local/bench/reach-doc';
import { estimateReach } from '../../local/bench/reach-limits';
import { reachPlan, withBigQueryRun, type BenchResult } from '../../local/bench/run-bench';

const ACCOUNTS = 3;
/** What the test read from the local BigQuery at each day's end, apart from the bench. */
interface Seen {
  /** Rows of each report table, counted with SQL. */
  rows: Record<string, number>;
  /** The local BigQuery's own 24-hour count of operations, per table a load job wrote. */
  operations: Record<string, number>;
}
let run: ReachRun;
const seen: Seen[] = [];

beforeAll(async () => {
  run = await benchReach({
    accounts: ACCOUNTS, instagramLogin: 1, years: [1, 2], postsPerDay: 0.5, storiesPerDay: 1, days: 2, account: 'consumer', bigquery: true,
    onDay: (day, _days, bench) => {
      const bq = bench.stack.rt.bigquery;
      const now = bench.stack.rt.clock.now();
      const { projectId, datasetId } = AGENCY_WAREHOUSE;
      const rows: Record<string, number> = {};
      for (const r of bq.tableRecords.values()) {
        if (r.type !== 'TABLE' || r.ref.datasetId !== datasetId || r.ref.tableId.startsWith(STAGING_PREFIX)) continue;
        rows[r.ref.tableId] = Number(bq.query(`SELECT COUNT(*) AS n FROM \`${projectId}.${datasetId}.${r.ref.tableId}\``)[0].n);
      }
      const operations: Record<string, number> = {};
      for (const job of bq.jobs.values()) {
        const table = (job.configuration as { load?: { destinationTable?: { tableId: string } } }).load?.destinationTable?.tableId;
        if (table) operations[table] = bq.quotas.usage(`${projectId}:${datasetId}.${table}`, now).operations;
      }
      seen[day - 1] = { rows, operations };
    },
  });
}, 300_000);

const figures = (): ReachBigQueryDay[] => run.days.map((d) => d.bigquery!);

describe('a short run with BigQuery on', () => {
  it('loads every day, without a failed job, into the report tables of the agency\'s dataset', () => {
    expect(run.options.bigquery).toBe(true);
    expect(run.days).toHaveLength(2);
    for (const [i, d] of figures().entries()) {
      expect(d, `day ${i + 1}`).toBeDefined();
      expect(d.loadJobs).toBeGreaterThan(0);
      expect(d.failedLoadJobs + d.failedQueryJobs).toBe(0);
      // Each load into a staging table is followed by one MERGE into the report's table.
      expect(d.dmlJobs).toBe(d.loadJobs);
      expect(d.rowsLoaded).toBeGreaterThan(0);
      expect(d.queryBytesBilled).toBeGreaterThanOrEqual(d.queryBytesProcessed);
      expect(d.tables).toBe(Object.keys(seen[i].rows).length);
    }
    expect(run.errors).toEqual({});
  });

  it('holds at each day\'s end the rows the tables hold, read back with SQL', () => {
    for (const [i, d] of figures().entries()) {
      expect(d.storedRows, `day ${i + 1}`).toBe(Object.values(seen[i].rows).reduce((a, b) => a + b, 0));
      expect(d.storedBytes).toBeGreaterThan(0);
    }
    expect(figures()[1].storedBytes).toBeGreaterThan(figures()[0].storedBytes);
  });

  it('loads the rows the tables gained, and the days it loaded again in their place', () => {
    // A MERGE inserts every staged row and deletes the account's rows of the days it replaces:
    // affected = inserted + deleted, so the tables gain 2 × rows loaded - affected rows.
    let before = 0;
    for (const d of figures()) {
      expect(d.storedRows - before).toBe(2 * d.rowsLoaded - d.dmlAffectedRows);
      before = d.storedRows;
    }
    // Stories run every 4 hours, so they load their day again: some rows were replaced.
    expect(figures()[1].dmlAffectedRows).toBeGreaterThan(figures()[1].rowsLoaded);
  });

  it('counts on the busiest staging table what the local BigQuery\'s own quota counter took', () => {
    for (const [i, d] of figures().entries()) {
      const staging = Object.entries(seen[i].operations).filter(([t]) => t.startsWith(STAGING_PREFIX)).map(([, n]) => n);
      expect(d.busiestStagingTable.operations, `day ${i + 1}`).toBe(Math.max(...staging));
      expect(d.busiestStagingTable.table.startsWith(STAGING_PREFIX)).toBe(true);
    }
    // Stories load every 4 hours, every other report daily: theirs is the busiest report table.
    expect(figures()[1].busiestTable.table).toBe('stories');
    expect(figures()[1].busiestTable.operations).toBeGreaterThan(ACCOUNTS);
  });

  it('counts a Jobs.insert call for every job, as the runtime\'s call counters saw them', () => {
    for (const d of figures()) {
      expect(d.apiCalls['Jobs.insert']).toBe(d.loadJobs + d.dmlJobs + d.otherQueryJobs);
      expect(d.apiCalls['Jobs.get']).toBeGreaterThan(0);
    }
  });

  it('changes nothing for the run without BigQuery: its days carry no BigQuery figures', async () => {
    const plain = await benchReach({ accounts: 1, instagramLogin: 0, years: [1], postsPerDay: 0.5, storiesPerDay: 1, days: 1, account: 'consumer' });
    expect(plain.days.every((d) => d.bigquery === undefined)).toBe(true);
    expect(bigQuerySection({ runs: [plain] })).toBe('');
  }, 120_000);
});

// ---- the doc, from fabricated results ----------------------------------------------------------

function day(n: number, change: Partial<ReachDay> = {}): ReachDay {
  return {
    day: n, from: new Date(Date.UTC(2026, 0, n)).toISOString(),
    used: { urlfetch: 1_000 * n, properties: 2_000, email: 0, triggerRuntime: 30 * 60_000 }, refused: { urlfetch: 0, properties: 0, email: 0, triggerRuntime: 0 },
    executions: 24, triggerExecutions: 24, failedExecutions: 0, longestMs: 300_000, userPropertyBytes: 20_000, documentPropertyBytes: 100_000, cells: 1_000_000 * n,
    runs: { ok: 80 }, firstPullsDone: 80, runsByReport: { Stories: 60, "User's Information": 10 }, time: { Sheets: 600_000 }, timeByMethod: {}, cellsWritten: 5_000,
    ...change,
  };
}

function fakeRun(accounts: number, account: Account, days: ReachDay[], bigquery = false): ReachRun {
  return {
    options: { ...REACH_BENCH, accounts, instagramLogin: 2, days: days.length, account, ...(bigquery ? { bigquery: true } : {}) },
    latencyMs: 150, settings: {}, connected: { instagram: 2, facebook: accounts - 2 }, posts: { total: 1_000, min: 100, max: 200 }, configurations: accounts * 8,
    days, firstPullDoneDay: 1, longest: { ms: 300_000, day: 1, function: 'runScheduledReports', outcome: 'ok' }, tabs: [], wallMs: 1, errors: {},
    independent: { urlfetch: 0, properties: 0, email: 0, triggerRuntime: 0 },
  };
}

const GiB = 1024 ** 3;
const limit = (name: keyof typeof BIGQUERY_LIMITS) => BIGQUERY_LIMITS[name].value;
/** A day of BigQuery figures whose worst values are set shares of the limits (day 2 the worst). */
function bigQueryDay(worst: boolean, storedBytes: number): ReachBigQueryDay {
  const part = worst ? 1 : 0.5;
  return {
    loadJobs: 0.05 * limit('loadJobsPerDay') * part, failedLoadJobs: 0, rowsLoaded: 10_000, bytesLoaded: 20 * 1024 ** 2, largestLoadBytes: 0.2 * limit('mediaUploadBytes') * part,
    dmlJobs: 100, otherQueryJobs: 3, failedQueryJobs: 0, dmlAffectedRows: 12_000, queryBytesProcessed: 1_000,
    // 30 days like the worst one bill 30% of the month's free bytes.
    queryBytesBilled: (0.3 * limit('freeQueryBytesPerMonth') * part) / 30,
    busiestTable: { table: 'stories', operations: 0.2 * limit('tableOperationsPerDay') * part }, busiestStagingTable: { table: `${STAGING_PREFIX}x`, operations: 6 },
    apiCalls: { 'Jobs.insert': 103, 'Jobs.get': 300 }, tables: 8, storedRows: 50_000, storedBytes, stagingBytes: 0,
  };
}

/** A 10-account agency with BigQuery: 100,000 cells and 1 GiB stored a day, 40% of the free storage at the end. */
function fakeBigQueryRun(accounts = 10, account: Account = 'consumer'): ReachRun {
  const stored = [0.2, 0.2 + 1 / 10, 0.4].map((share) => share * limit('freeStorageBytes'));
  return fakeRun(accounts, account, [1, 2, 3].map((n) => day(n, { cells: 1_000_000 + 100_000 * (n - 1), bigquery: bigQueryDay(n === 2, stored[n - 1]) })), true);
}

/** The cells of a Markdown table's row whose first cell starts with `label`. */
function row(text: string, label: string): string[] {
  const found = text.split('\n').find((l) => l.startsWith(`| ${label}`));
  expect(found, `a row for "${label}"`).toBeDefined();
  return found!.slice(2, -2).split(' | ');
}

describe('the doc\'s "With BigQuery"', () => {
  const doc = bigQuerySection({ runs: [fakeBigQueryRun()] });

  it('holds each figure against its limit from the local BigQuery\'s table, with its share', () => {
    expect(doc).toContain('### With BigQuery');
    const shares: [string, string, string][] = [
      ['Operations on one report table', limit('tableOperationsPerDay').toLocaleString('en-US'), '20%'],
      ['Operations on one staging table', limit('tableOperationsPerDay').toLocaleString('en-US'), '0.4%'],
      ['Load jobs', limit('loadJobsPerDay').toLocaleString('en-US'), '5.0%'],
      ['Largest load job', size(limit('mediaUploadBytes')), '20%'],
      ['Query bytes billed', size(limit('freeQueryBytesPerMonth')), '30%'],
      ['Stored bytes', size(limit('freeStorageBytes')), '40%'],
    ];
    for (const [label, figure, share] of shares) {
      const cells = row(doc, label);
      expect(cells[2], label).toBe(figure);
      expect(cells[cells.length - 1], label).toBe(share);
    }
    // The worst later day is day 2, named.
    expect(row(doc, 'Load jobs')[4]).toBe(`${(0.05 * limit('loadJobsPerDay')).toLocaleString('en-US')} (day 2)`);
  });

  it('has a line per day, and says how each figure was derived', () => {
    for (const n of [1, 2, 3]) expect(row(doc, String(n))[0]).toBe(String(n));
    expect(row(doc, '2')[7]).toBe(`${(0.2 * limit('tableOperationsPerDay')).toLocaleString('en-US')} (stories)`);
    for (const words of ['How each figure is derived', 'upper bound', 'BIGQUERY_LIMITS', 'unverified']) expect(doc).toContain(words);
  });

  it('gives the account-years each limit holds, from the slopes per account and year', () => {
    // 100,000 cells a day for 10 accounts: 3,650,000 cells per account-year; 10 million cells hold 2.7 account-years.
    const cellsPerYear = (100_000 * 365) / 10;
    const sheet = row(doc, 'One spreadsheet: cells');
    expect(sheet[1]).toBe(`${cellsPerYear.toLocaleString('en-US')} cells`);
    expect(sheet[2]).toBe(`${HARD_LIMITS.cellsPerSpreadsheet.toLocaleString('en-US')} cells`);
    expect(sheet[3]).toBe((HARD_LIMITS.cellsPerSpreadsheet / cellsPerYear).toFixed(1));
    // A tenth of the free storage a day for 10 accounts: 3.65 × the free storage per account-year.
    const bytesPerYear = (0.1 * limit('freeStorageBytes') * 365) / 10;
    const free = row(doc, 'BigQuery, free storage');
    expect(free[1]).toBe(size(bytesPerYear));
    expect(free[3]).toBe((limit('freeStorageBytes') / bytesPerYear).toFixed(1));
    // Years left for the agency: 60% of the free storage at a tenth a day.
    expect(free[5]).toBe((0.6 / (0.1 * 365)).toFixed(1));
    expect(row(doc, 'BigQuery with billing')[3]).toBe('no end');
    expect(doc).toContain(`keeps ${Math.round(limit('sandboxExpirationMs') / 86_400_000)} days only`);
    expect(doc).toMatch(/account-years fewer than one spreadsheet/);
    expect(size(GiB)).toBe('1.0 GB');
  });
});

describe('the sections without BigQuery', () => {
  const agency = [fakeRun(5, 'workspace', [day(1), day(2)]), fakeRun(15, 'workspace', [day(1), day(2)]), fakeRun(25, 'consumer', [day(1), day(2)]), fakeRun(25, 'workspace', [day(1), day(2)])];
  // Larger than the agency and with Workspace figures: were it not left out, it would be the main run and a point of the estimate.
  const bigquery = fakeBigQueryRun(30, 'workspace');

  it('are the same with the run with BigQuery as without it, which only adds its own section', () => {
    const without = reachSection({ runs: agency });
    const withIt = reachSection({ runs: [...agency, bigquery] });
    expect(without).not.toContain('With BigQuery');
    expect(withIt.startsWith(without)).toBe(true);
    expect(withIt.slice(without.length)).toContain('### With BigQuery');
    expect(estimateReach([...agency, bigquery])).toEqual(estimateReach(agency));
  });

  it('come from the bench\'s plan with one run with BigQuery, which --bigquery-only replaces in a saved result', () => {
    const plan = reachPlan(30, 150, true);
    expect(plan.filter((p) => p.bigquery)).toEqual([expect.objectContaining({ accounts: REACH_BENCH.accounts, account: 'consumer', days: 30, bigquery: true })]);
    expect(reachPlan(30, 150, false)).toEqual(plan.filter((p) => !p.bigquery));
    const saved: BenchResult = { latencyMs: 150, sizes: [100], rows: [], idle: [], probes: [], reach: { runs: [...agency, fakeBigQueryRun()] } };
    const measured = fakeBigQueryRun(12);
    expect(withBigQueryRun(saved, measured).reach!.runs).toEqual([...agency, measured]);
    expect(withBigQueryRun({ ...saved, reach: undefined }, measured).reach!.runs).toEqual([measured]);
    expect(withBigQueryRun(saved, measured).sizes).toEqual([100]);
  });

  it('the CLI offers --no-bigquery and --bigquery-only, and refuses both at once', () => {
    const cli = (...args: string[]) => execFileSync(process.execPath, ['--import', 'tsx', 'local/bench/cli.ts', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const usage = cli('--help');
    expect(usage).toContain('--no-bigquery');
    expect(usage).toContain('--bigquery-only');
    expect(() => cli('--bigquery-only', '--no-bigquery', '--no-doc')).toThrow(/not with --no-bigquery/);
  }, 60_000);
});
