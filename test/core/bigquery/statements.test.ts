// The two statements that put one account's days into a shared table, run on the in-memory BigQuery:
// the MERGE (DML) and the partition rewrite (a sandbox's query job). Each replaces exactly that
// account's days: other accounts' rows and other days stay, running it twice changes nothing.
import { beforeEach, describe, expect, it } from 'vitest';
import { reportColumns, stagingTableIdOf, tableSpecOf } from '../../../src/core/bigquery/schema';
import { replaceDays, rewritePartition } from '../../../src/core/bigquery/statements';
import { getReport, REPORTS } from '../../../src/core/reports/registry';
import type { ReportDefinition } from '../../../src/core/reports/types';
import { FakeBigQuery, type Row } from './fake-port';
import { BAKERY, SUNNY } from './sheet';

const P = 'acme-marketing';
const D = 'sheetgram';
const columnsOf = (report: ReportDefinition) => reportColumns(report).map(({ field: _field, ...c }) => c);

function setUp(report: ReportDefinition) {
  const port = new FakeBigQuery([P]).addDataset(P, D, { location: 'US' });
  port.createTable(P, D, report.id, tableSpecOf(report));
  const staging = stagingTableIdOf(`${report.id}-sunny`);
  const columns = columnsOf(report);
  const put = (tableId: string, rows: Row[], disposition: 'WRITE_APPEND' | 'WRITE_TRUNCATE') =>
    port.load(P, D, tableId, rows.map((r) => JSON.stringify(r)).join('\n'), columns, disposition);
  return {
    port, staging, names: columns.map((c) => c.name), table: `${P}.${D}.${report.id}`, stagingPath: `${P}.${D}.${staging}`,
    seed: (rows: Row[]) => put(report.id, rows, 'WRITE_APPEND'),
    stage: (rows: Row[]) => put(staging, rows, 'WRITE_TRUNCATE'),
    rows: () => port.rows(P, D, report.id),
  };
}

const competitor = (account: typeof SUNNY, day: string, username: string, followers: number): Row => ({
  account_id: account.id, account: account.username, snapshot_date: day, username, followers_count: followers,
});
/** Rows as "account day username followers", sorted, for comparing tables. */
const lines = (rows: Row[]) => rows.map((r) => `${r.account} ${r.snapshot_date} ${r.username} ${r.followers_count}`).sort();

describe('replaceDays (MERGE)', () => {
  let w: ReturnType<typeof setUp>;
  beforeEach(() => {
    w = setUp(getReport('competitors'));
    w.seed([
      competitor(SUNNY, '2026-07-01', 'rival', 100), competitor(SUNNY, '2026-07-02', 'rival', 110), competitor(SUNNY, '2026-07-02', 'city', 50),
      competitor(BAKERY, '2026-07-01', 'rival', 100), competitor(BAKERY, '2026-07-02', 'rival', 111),
    ]);
  });

  it('takes the account and its days as parameters, never in the SQL text', () => {
    const { sql, params } = replaceDays(w.table, w.stagingPath, w.names, SUNNY.id, ['2026-07-02', '2026-07-03']);
    expect(params).toEqual([{ name: 'account_id', type: 'STRING', value: SUNNY.id }, { name: 'snapshot_dates', type: 'DATE', value: ['2026-07-02', '2026-07-03'] }]);
    expect(sql).not.toContain(SUNNY.id);
    expect(sql).not.toContain('2026-07-02');
    expect(sql).toContain(`\`${w.table}\``);
    expect(sql).toContain(`\`${w.stagingPath}\``);
  });

  it('replaces the account\'s listed days with the staged rows and leaves everything else', () => {
    w.stage([competitor(SUNNY, '2026-07-02', 'rival', 120), competitor(SUNNY, '2026-07-03', 'rival', 130)]);
    const { sql, params } = replaceDays(w.table, w.stagingPath, w.names, SUNNY.id, ['2026-07-02', '2026-07-03']);
    expect(w.port.query(P, sql, params).affected).toBe(4);
    expect(lines(w.rows())).toEqual([
      'bakery 2026-07-01 rival 100', 'bakery 2026-07-02 rival 111',
      'sunny 2026-07-01 rival 100', 'sunny 2026-07-02 rival 120', 'sunny 2026-07-03 rival 130',
    ]);
    // Again: nothing doubles.
    w.port.query(P, sql, params);
    expect(lines(w.rows())).toHaveLength(5);
  });

  it('empties a listed day the account no longer has rows of', () => {
    w.stage([competitor(SUNNY, '2026-07-03', 'rival', 130)]);
    const { sql, params } = replaceDays(w.table, w.stagingPath, w.names, SUNNY.id, ['2026-07-02', '2026-07-03']);
    w.port.query(P, sql, params);
    expect(lines(w.rows()).filter((l) => l.startsWith('sunny'))).toEqual(['sunny 2026-07-01 rival 100', 'sunny 2026-07-03 rival 130']);
  });

  it('works for every report\'s columns, User\'s Information (a column named "source") included', () => {
    for (const report of REPORTS) {
      const r = setUp(report);
      r.stage([{ account_id: SUNNY.id, account: 'sunny', snapshot_date: '2026-07-02' }]);
      const { sql, params } = replaceDays(r.table, r.stagingPath, r.names, SUNNY.id, ['2026-07-02']);
      expect(() => r.port.query(P, sql, params), report.id).not.toThrow();
      expect(r.rows(), report.id).toHaveLength(1);
    }
  });
});

describe('rewritePartition (a sandbox: no DML)', () => {
  let w: ReturnType<typeof setUp>;
  beforeEach(() => {
    w = setUp(getReport('competitors'));
    w.port.sandbox(P);
    w.seed([
      competitor(SUNNY, '2026-07-01', 'rival', 100), competitor(SUNNY, '2026-07-02', 'rival', 110),
      competitor(BAKERY, '2026-07-01', 'rival', 100), competitor(BAKERY, '2026-07-02', 'rival', 111),
    ]);
  });

  it('writes one day\'s partition, named by its decorator', () => {
    const r = rewritePartition(w.table, w.stagingPath, w.names, SUNNY.id, '2026-07-02');
    expect(r.decorator).toBe('$20260702');
    expect(r.params).toEqual([{ name: 'account_id', type: 'STRING', value: SUNNY.id }, { name: 'snapshot_date', type: 'DATE', value: '2026-07-02' }]);
    expect(r.sql).not.toContain(SUNNY.id);
  });

  it('keeps the day\'s rows of every other account and puts the account\'s staged rows of that day', () => {
    w.stage([competitor(SUNNY, '2026-07-02', 'rival', 120), competitor(SUNNY, '2026-07-02', 'city', 60), competitor(SUNNY, '2026-07-03', 'rival', 130)]);
    const r = rewritePartition(w.table, w.stagingPath, w.names, SUNNY.id, '2026-07-02');
    w.port.query(P, r.sql, r.params, { datasetId: D, tableId: `competitors${r.decorator}` });
    expect(lines(w.rows())).toEqual([
      'bakery 2026-07-01 rival 100', 'bakery 2026-07-02 rival 111',
      'sunny 2026-07-01 rival 100', 'sunny 2026-07-02 city 60', 'sunny 2026-07-02 rival 120',
    ]);
    w.port.query(P, r.sql, r.params, { datasetId: D, tableId: `competitors${r.decorator}` });
    expect(w.rows()).toHaveLength(5);
  });

  it('the sandbox refuses the MERGE itself', () => {
    w.stage([competitor(SUNNY, '2026-07-02', 'rival', 120)]);
    const { sql, params } = replaceDays(w.table, w.stagingPath, w.names, SUNNY.id, ['2026-07-02']);
    expect(() => w.port.query(P, sql, params)).toThrow(/DML queries are not allowed in the free tier/);
  });
});
