// The in-memory BigQuery the other tests stand on: it records every call, refuses what BigQuery refuses,
// fails when told to, and throws on anything it does not implement (rather than pretending).
import { describe, expect, it } from 'vitest';
import { BigQueryFailure } from '../../../src/core/bigquery/errors';
import type { Column } from '../../../src/core/bigquery/port';
import { tableSpecOf } from '../../../src/core/bigquery/schema';
import { getReport } from '../../../src/core/reports/registry';
import { FakeBigQuery, NO_SCOPE_MESSAGE, SANDBOX_DML_MESSAGE, SANDBOX_EXPIRY_MS } from './fake-port';

const P = 'acme-marketing';
const COLUMNS: Column[] = [
  { name: 'account_id', type: 'STRING', mode: 'REQUIRED' }, { name: 'snapshot_date', type: 'DATE', mode: 'REQUIRED' },
  { name: 'n', type: 'INT64', mode: 'NULLABLE' }, { name: 'at', type: 'TIMESTAMP', mode: 'NULLABLE' },
];
const caught = (fn: () => unknown): BigQueryFailure => {
  try {
    fn();
  } catch (e) {
    if (e instanceof BigQueryFailure) return e;
    throw e;
  }
  throw new Error('expected a BigQueryFailure');
};

describe('FakeBigQuery', () => {
  it('records every call, the failed ones too', () => {
    const port = new FakeBigQuery([P]);
    expect(port.getDataset(P, 'x')).toBeNull();
    expect(() => port.getDataset('nope-project', 'x')).toThrow(/Not found: Project nope-project/);
    expect(port.calls.map((c) => [c.method, ...c.args])).toEqual([['getDataset', P, 'x'], ['getDataset', 'nope-project', 'x']]);
  });

  it('fails a call when told, with BigQuery\'s code, reason and message, then works again', () => {
    const port = new FakeBigQuery([P]).fail('createDataset', { code: 403, reason: 'accessDenied', message: 'Access Denied' });
    expect(caught(() => port.createDataset(P, 'd', 'US', ''))).toMatchObject({ code: 403, reason: 'accessDenied', message: 'Access Denied' });
    expect(port.createDataset(P, 'd', 'US', '')).toEqual({ location: 'US' });
    expect(caught(() => port.createDataset(P, 'd', 'US', ''))).toMatchObject({ code: 409, reason: 'duplicate' });
  });

  it('a sandbox: 60-day datasets, DML refused in BigQuery\'s words', () => {
    const port = new FakeBigQuery([P]).sandbox(P);
    expect(port.createDataset(P, 'd', 'US', '')).toEqual({ location: 'US', defaultTableExpirationMs: SANDBOX_EXPIRY_MS });
    port.createTable(P, 'd', 'competitors', tableSpecOf(getReport('competitors')));
    port.load(P, 'd', 's', '', COLUMNS, 'WRITE_TRUNCATE');
    const merge = 'MERGE `acme-marketing.d.competitors` AS target\nUSING `acme-marketing.d.s` AS source\nON FALSE\n'
      + 'WHEN NOT MATCHED BY SOURCE AND target.account_id = @account_id AND target.snapshot_date IN UNNEST(@snapshot_dates) THEN DELETE\n'
      + 'WHEN NOT MATCHED THEN INSERT (account_id, snapshot_date) VALUES (account_id, snapshot_date)';
    const refused = caught(() => port.query(P, merge, [{ name: 'account_id', type: 'STRING', value: 'a' }, { name: 'snapshot_dates', type: 'DATE', value: ['2026-07-01'] }]));
    expect(refused).toMatchObject({ code: 403, reason: 'billingNotEnabled', message: SANDBOX_DML_MESSAGE });
  });

  it('the scope not granted: every call but allowed and consentUrl is refused as Apps Script refuses it', () => {
    const port = new FakeBigQuery([P]);
    port.consented = false;
    expect(port.allowed()).toBe(false);
    expect(port.consentUrl()).toMatch(/^https:\/\/accounts\.google\.com\//);
    expect(caught(() => port.getDataset(P, 'd')).message).toBe(NO_SCOPE_MESSAGE);
  });

  it('loads check every value against its column, as BigQuery\'s JSON loader does', () => {
    const port = new FakeBigQuery([P]).addDataset(P, 'd', { location: 'US' });
    expect(port.load(P, 'd', 't', '{"account_id":"a","snapshot_date":"2026-07-01","n":3,"at":"2026-07-01T10:00:00.000Z"}', COLUMNS, 'WRITE_TRUNCATE')).toBe(1);
    expect(port.rows(P, 'd', 't')).toEqual([{ account_id: 'a', snapshot_date: '2026-07-01', n: 3, at: '2026-07-01T10:00:00.000Z' }]);
    expect(caught(() => port.load(P, 'd', 't', '{"account_id":"a","snapshot_date":"2026-07-01","n":"n/a"}', COLUMNS, 'WRITE_APPEND'))).toMatchObject({ code: 400, reason: 'invalid' });
    expect(caught(() => port.load(P, 'd', 't', '{"account_id":"a","snapshot_date":"2026-02-30"}', COLUMNS, 'WRITE_APPEND')).message).toMatch(/DATE/);
    expect(caught(() => port.load(P, 'd', 't', '{"snapshot_date":"2026-07-01"}', COLUMNS, 'WRITE_APPEND')).message).toMatch(/Missing required field: account_id/);
    expect(caught(() => port.load(P, 'd', 't', '{"account_id":"a","snapshot_date":"2026-07-01","extra":1}', COLUMNS, 'WRITE_APPEND')).message).toMatch(/No such field: extra/);
    expect(caught(() => port.load(P, 'd', 't', '{"account_id":7,"snapshot_date":"2026-07-01"}', COLUMNS, 'WRITE_APPEND')).message).toMatch(/STRING/);
    // A refused load changes nothing.
    expect(port.rows(P, 'd', 't')).toHaveLength(1);
    expect(port.load(P, 'd', 't', '{"account_id":"b","snapshot_date":"2026-07-02"}', COLUMNS, 'WRITE_APPEND')).toBe(1);
    expect(port.rows(P, 'd', 't')).toHaveLength(2);
  });

  it('tables as BigQuery takes them: at most 4 clustering fields, a DATE partition column', () => {
    const port = new FakeBigQuery([P]).addDataset(P, 'd', { location: 'US' });
    const spec = tableSpecOf(getReport('hashtags'));
    expect(() => port.createTable(P, 'd', 'a', { ...spec, clusterBy: [...spec.clusterBy, 'caption'] })).toThrow(/Too many clustering fields/);
    expect(() => port.createTable(P, 'd', 'b', { ...spec, partitionBy: 'caption' })).toThrow(/partitioning/);
    expect(() => port.createTable(P, 'd', 'c', { ...spec, columns: [...spec.columns, { name: 'my col', type: 'STRING', mode: 'NULLABLE' }] })).toThrow(/Invalid field name/);
    expect(() => port.createTable(P, 'nope', 'c', spec)).toThrow(/Not found: Dataset acme-marketing:nope/);
  });

  it('throws on a statement it does not implement, instead of pretending', () => {
    const port = new FakeBigQuery([P]).addDataset(P, 'd', { location: 'US' });
    expect(() => port.query(P, 'DELETE FROM `acme-marketing.d.t` WHERE TRUE', [])).toThrow(/not implemented/);
    expect(() => port.query(P, 'SELECT 1', [])).toThrow(/not implemented/);
    expect(() => port.query(P, 'SELECT a FROM `acme-marketing.d.t` WHERE snapshot_date = @snapshot_date AND account_id != @account_id\nUNION ALL\nSELECT a FROM `acme-marketing.d.s` WHERE snapshot_date = @snapshot_date', [])).toThrow(/only the partition rewrite/);
  });
});
