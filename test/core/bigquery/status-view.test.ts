// The card's BigQuery sentence for each state: waiting for the first load, loaded, partly loaded, failed.
import { describe, expect, it } from 'vitest';
import type { BigQueryLoadState } from '../../../src/core/bigquery/export';
import { bigqueryStatusView } from '../../../src/core/bigquery/status-view';
import type { ConfigurationStatus } from '../../../src/core/configurations/status';
import { configOf, SUNNY, TZ } from './sheet';

const NOW = Date.parse('2026-07-03T08:30:00Z'); // 10:30 in Berlin
const TABLE = 'acme-marketing.sheetgram.competitors';
const config = configOf('competitors', SUNNY);
const view = (bigquery?: BigQueryLoadState, now = NOW) => bigqueryStatusView(config, { failures: 0, ...(bigquery ? { bigquery } : {}) } as ConfigurationStatus, now, TZ);

describe('bigqueryStatusView', () => {
  it('before the first load: where the rows go', () => {
    expect(view()).toEqual({ state: 'pending', table: TABLE, text: `BigQuery: the rows go to ${TABLE} after the next run.` });
    expect(view({ table: TABLE })).toEqual({ state: 'pending', table: TABLE, text: `BigQuery: the rows go to ${TABLE} after the next run.` });
  });

  it('after the person chose another dataset: the new table, not how the old one went', () => {
    const old: BigQueryLoadState = { table: 'acme-marketing.old_dataset.competitors', lastLoadAt: NOW - 60_000, rows: 10, days: 1, error: 'x' };
    expect(view(old)).toEqual({ state: 'pending', table: TABLE, text: `BigQuery: the rows go to ${TABLE} after the next run.` });
  });

  it('loaded today: rows, days, the time and the table', () => {
    expect(view({ table: TABLE, lastLoadAt: Date.parse('2026-07-03T07:05:00Z'), rows: 1234, days: 3, lastDay: '2026-07-03' })).toEqual({
      state: 'ok', table: TABLE, text: `BigQuery: 1,234 rows of 3 days loaded today at 09:05 into ${TABLE}.`,
    });
  });

  it('loaded on another day: the date', () => {
    expect(view({ table: TABLE, lastLoadAt: Date.parse('2026-07-01T07:05:00Z'), rows: 1, days: 1 }).text).toBe(`BigQuery: 1 row of 1 day loaded on 2026-07-01 09:05 into ${TABLE}.`);
  });

  it('nothing new to load still says when it looked', () => {
    expect(view({ table: TABLE, lastLoadAt: Date.parse('2026-07-03T07:05:00Z'), rows: 0, days: 0 }).text).toBe(`BigQuery: 0 rows of 0 days loaded today at 09:05 into ${TABLE}.`);
  });

  it('partly loaded: the rest follows at the next hourly run', () => {
    expect(view({ table: TABLE, lastLoadAt: Date.parse('2026-07-03T07:05:00Z'), rows: 20_000, days: 12, pending: true })).toEqual({
      state: 'pending', table: TABLE, text: `BigQuery: 20,000 rows of 12 days loaded today at 09:05 into ${TABLE}. The rest follows at the next hourly run.`,
    });
  });

  it('a sandbox says its tables expire', () => {
    expect(view({ table: TABLE, lastLoadAt: Date.parse('2026-07-03T07:05:00Z'), rows: 2, days: 1, noDml: true }).text)
      .toBe(`BigQuery: 2 rows of 1 day loaded today at 09:05 into ${TABLE}. This project is a BigQuery sandbox: its tables expire after 60 days.`);
    expect(view({ table: TABLE, lastLoadAt: Date.parse('2026-07-03T07:05:00Z'), rows: 2, days: 1, noDml: true, pending: true }).text)
      .toMatch(/The rest follows at the next hourly run\. This project is a BigQuery sandbox: its tables expire after 60 days\.$/);
  });

  it('failed, and Sheetgram tries again by itself', () => {
    expect(view({ table: TABLE, lastLoadAt: Date.parse('2026-07-02T07:05:00Z'), error: 'BigQuery did not answer in time. Sheetgram loads the rows at the next run.' })).toEqual({
      state: 'failed', table: TABLE,
      text: 'BigQuery: BigQuery did not answer in time. Sheetgram loads the rows at the next run. Sheetgram tries again at the next hourly run; the tab is not affected.',
    });
  });

  it('failed again and again: when the next try is, once it is more than an hour away', () => {
    const failed = { table: TABLE, error: 'BigQuery did not answer in time.', failures: 3 };
    expect(view({ ...failed, retryAt: NOW + 55 * 60_000 }).text).toContain('Sheetgram tries again at the next hourly run;');
    expect(view({ ...failed, retryAt: NOW + 235 * 60_000 }).text).toBe('BigQuery: BigQuery did not answer in time. Sheetgram tries again around 14:25; the tab is not affected.');
  });

  it('failed, and only the person can fix it', () => {
    const error = 'Your Google account may not use BigQuery in project acme-marketing. Ask the project\'s owner for the roles BigQuery Data Editor and BigQuery Job User (or BigQuery User), then check again.';
    expect(view({ table: TABLE, error, needsPerson: true })).toEqual({
      state: 'failed', table: TABLE, text: `BigQuery: ${error} Sheetgram tries again at the report's next run (or click Run now once that is done); the tab is not affected.`,
    });
  });
});

describe('bigqueryStatusView, BigQuery only', () => {
  const only = configOf('competitors', SUNNY, { mode: 'append', destination: 'bigquery' });
  const onlyView = (bigquery: BigQueryLoadState) => bigqueryStatusView(only, { failures: 0, bigquery } as ConfigurationStatus, NOW, TZ);
  const loaded = { table: TABLE, lastLoadAt: Date.parse('2026-07-03T07:05:00Z'), rows: 6, days: 3 };

  it('says the tab keeps the newest day, and how many rows moved out', () => {
    expect(onlyView({ ...loaded, removed: 4 }).text).toBe(`BigQuery: 6 rows of 3 days loaded today at 09:05 into ${TABLE}. The tab keeps the newest day (4 rows of earlier days moved out).`);
    expect(onlyView({ ...loaded, removed: 0 }).text).toBe(`BigQuery: 6 rows of 3 days loaded today at 09:05 into ${TABLE}. The tab keeps the newest day.`);
  });

  it('rows that expire in BigQuery stay in the tab, and the card says why', () => {
    expect(onlyView({ ...loaded, expires: true, noDml: true }).text).toBe(`BigQuery: 6 rows of 3 days loaded today at 09:05 into ${TABLE}. `
      + 'The table\'s rows expire by themselves (as in a BigQuery sandbox), so the tab keeps every row: remove the expiry to move them out (see the BigQuery guide). '
      + 'This project is a BigQuery sandbox: its tables expire after 60 days.');
  });

  it('a failure: the tab keeps its rows until BigQuery has them', () => {
    expect(onlyView({ ...loaded, error: 'BigQuery did not answer in time.' }).text).toBe('BigQuery: BigQuery did not answer in time. Sheetgram tries again at the next hourly run; the tab keeps its rows until BigQuery has them.');
  });
});
