// Jobs through the BigQuery global: load jobs (type rules, atomic failures, partition decorators),
// query jobs (results in REST form, paging, polling on the virtual clock, destination partitions,
// Sheetgram's MERGE), the sandbox refusing DML, and the per-table quotas.
import { describe, expect, it } from 'vitest';
import { blob, load, makeTable, ndjson, param, PROJECT, queryJob, setup, waitForJob } from './support';

const T = `\`${PROJECT}.ig.profile\``;
const rows = (s: ReturnType<typeof setup>, where = '') =>
  s.state.query(`SELECT account_id, CAST(snapshot_date AS STRING) AS day, followers FROM ${T} ${where} ORDER BY account_id, day`);

describe('load jobs', () => {
  it('are RUNNING when inserted and DONE once virtual time has passed, as scripts poll them', () => {
    const s = setup();
    makeTable(s);
    const job = s.call((bq) =>
      bq.Jobs.insert(
        { configuration: { load: { destinationTable: { projectId: PROJECT, datasetId: 'ig', tableId: 'profile' }, sourceFormat: 'NEWLINE_DELIMITED_JSON' } } },
        PROJECT,
        blob(ndjson([{ account_id: 'a', snapshot_date: '2026-01-04', followers: 10 }])),
      ),
    );
    expect(job.status).toEqual({ state: 'RUNNING' });
    expect(job.jobReference).toMatchObject({ projectId: PROJECT, location: 'US' });
    expect(job.jobReference.jobId).toMatch(/^job_[A-Za-z0-9_-]{28}$/);
    const again = s.call((bq) => bq.Jobs.get(PROJECT, job.jobReference.jobId));
    expect(again.status.state).toBe('RUNNING');
    expect(rows(s)).toEqual([]);
    const done = s.call((bq) => waitForJob(bq, s.platform, again));
    expect(done.status).toEqual({ state: 'DONE' });
    expect(done.statistics.load).toMatchObject({ outputRows: '1', badRecords: '0', inputFiles: '1' });
    expect(Number(done.statistics.endTime) - Number(done.statistics.startTime)).toBeGreaterThanOrEqual(1500);
    expect(rows(s)).toEqual([{ account_id: 'a', day: '2026-01-04', followers: 10 }]);
  });

  it('a bad row fails the whole job in BigQuery\'s words, and nothing is loaded', () => {
    const s = setup();
    makeTable(s);
    const job = load(s, 'profile', [
      { account_id: 'a', snapshot_date: '2026-01-04', followers: 10 },
      { account_id: 'b', snapshot_date: '2026-01-04', followers: 'abc' },
      { account_id: 'c', snapshot_date: '2026-01-04', followers: 3 },
    ]);
    expect(job.status.errorResult).toEqual({
      reason: 'invalid',
      message:
        'Error while reading data, error message: JSON table encountered too many errors, giving up. Rows: 2; errors: 1. Please look into the errors[] collection for more details.',
    });
    expect(job.status.errors.at(-1).message).toBe(
      'Error while reading data, error message: JSON parsing error in row starting at position 63: Could not convert value \'string_value: "abc"\' to integer. Field: followers; Value: abc',
    );
    expect(rows(s)).toEqual([]);
  });

  it('with maxBadRecords the good rows load and the bad ones are reported in status.errors', () => {
    const s = setup();
    makeTable(s);
    const job = load(s, 'profile', [{ account_id: 'a', snapshot_date: '2026-01-04', extra: 1 }, { snapshot_date: '2026-01-04' }], { maxBadRecords: 1, ignoreUnknownValues: true });
    expect(job.status.errorResult).toBeUndefined();
    expect(job.status.errors[0].message).toMatch(/Missing required field: account_id\.$/);
    expect(job.statistics.load).toMatchObject({ outputRows: '1', badRecords: '1' });
    expect(rows(s)).toEqual([{ account_id: 'a', day: '2026-01-04', followers: null }]);
  });

  it('a partition decorator with WRITE_TRUNCATE replaces that day only; rows of another day fail the job', () => {
    const s = setup();
    makeTable(s);
    load(s, 'profile', [
      { account_id: 'a', snapshot_date: '2026-01-03', followers: 1 },
      { account_id: 'a', snapshot_date: '2026-01-04', followers: 2 },
      { account_id: 'b', snapshot_date: '2026-01-04', followers: 3 },
    ]);
    const replaced = load(s, 'profile$20260104', [{ account_id: 'a', snapshot_date: '2026-01-04', followers: 20 }], { writeDisposition: 'WRITE_TRUNCATE' });
    expect(replaced.status.errorResult).toBeUndefined();
    expect(rows(s)).toEqual([
      { account_id: 'a', day: '2026-01-03', followers: 1 },
      { account_id: 'a', day: '2026-01-04', followers: 20 },
    ]);
    const wrong = load(s, 'profile$20260104', [{ account_id: 'a', snapshot_date: '2026-01-05' }], { writeDisposition: 'WRITE_TRUNCATE' });
    expect(wrong.status.errorResult.message).toBe('Some rows belong to different partitions rather than destination partition 20260104');
    expect(rows(s)).toHaveLength(2);
  });

  it('creates the table from the job\'s schema; without one it fails; CREATE_NEVER needs the table; WRITE_EMPTY needs it empty', () => {
    const s = setup();
    makeTable(s);
    const schema = { fields: [{ name: 'account_id', type: 'STRING', mode: 'REQUIRED' }, { name: 'n', type: 'INT64' }] };
    const created = load(s, 'staging', [{ account_id: 'a', n: '5' }], { schema, writeDisposition: 'WRITE_TRUNCATE' });
    expect(created.status.errorResult).toBeUndefined();
    expect(s.state.query(`SELECT * FROM \`${PROJECT}.ig.staging\``)).toEqual([{ account_id: 'a', n: 5 }]);
    expect(load(s, 'other', [{ a: 1 }]).status.errorResult.message).toBe('No schema specified on job or table.');
    expect(load(s, 'other', [{ a: 1 }], { schema, createDisposition: 'CREATE_NEVER' }).status.errorResult.message).toBe(`Not found: Table ${PROJECT}:ig.other`);
    expect(load(s, 'staging', [{ account_id: 'b' }], { writeDisposition: 'WRITE_EMPTY' }).status.errorResult).toEqual({ reason: 'duplicate', message: `Already Exists: Table ${PROJECT}:ig.staging` });
    expect(load(s, 'staging', [{ account_id: 'b', n: 1, more: 'x' }], { schema: { fields: [...schema.fields, { name: 'more', type: 'STRING' }] } }).status.errorResult.message).toBe(
      `Provided Schema does not match Table ${PROJECT}:ig.staging. Cannot add fields (field: more)`,
    );
  });

  it('refuses, as request errors, what the local runtime cannot load: other formats (CSV is the API\'s default), Cloud Storage, no data', () => {
    const s = setup();
    makeTable(s);
    const insert = (load: object, media?: unknown) =>
      s.error((bq) => bq.Jobs.insert({ configuration: { load: { destinationTable: { projectId: PROJECT, datasetId: 'ig', tableId: 'profile' }, ...load } } }, PROJECT, media)).message;
    expect(insert({}, blob('{}'))).toMatch(/sourceFormat CSV \(the API's default when sourceFormat is not set\)/);
    expect(insert({ sourceFormat: 'PARQUET' }, blob('{}'))).toMatch(/sourceFormat PARQUET/);
    expect(insert({ sourceFormat: 'NEWLINE_DELIMITED_JSON', sourceUris: ['gs://b/f.json'] })).toMatch(/Cloud Storage/);
    expect(insert({ sourceFormat: 'NEWLINE_DELIMITED_JSON' })).toMatch(/must specify at least one source URI/);
    expect(insert({ sourceFormat: 'NEWLINE_DELIMITED_JSON', writeDispositon: 'WRITE_APPEND' }, blob('{}'))).toMatch(
      /Invalid JSON payload received. Unknown name "writeDispositon" at 'job.configuration.load': Cannot find field./,
    );
  });

  it('a load larger than the upload limit is refused', () => {
    const s = setup({ limits: { mediaUploadBytes: 100 } });
    makeTable(s);
    const e = s.error((bq) =>
      bq.Jobs.insert({ configuration: { load: { destinationTable: { projectId: PROJECT, datasetId: 'ig', tableId: 'profile' }, sourceFormat: 'NEWLINE_DELIMITED_JSON' } } }, PROJECT, blob('x'.repeat(101))),
    );
    expect(e.message).toMatch(/Request payload size exceeds the limit: 100 bytes/);
  });
});

describe('queries', () => {
  function seeded() {
    const s = setup();
    makeTable(s);
    load(s, 'profile', [
      { account_id: 'a', snapshot_date: '2026-01-03', followers: 1, rate: 0.5, verified: true, seen_at: '2025-12-03T08:00:00Z' },
      { account_id: 'a', snapshot_date: '2026-01-04', followers: 2 },
      { account_id: 'b', snapshot_date: '2026-01-04', followers: 3 },
      { account_id: 'c', snapshot_date: '2026-01-03', followers: 4 },
    ]);
    return s;
  }

  it('Jobs.query answers in REST form: legacy type names, every value a string, NULL as null', () => {
    const s = seeded();
    const r = s.call((bq) =>
      bq.Jobs.query(
        {
          query: `SELECT account_id, followers, rate, verified, seen_at, snapshot_date, COUNT(*) OVER () AS n, NULL AS nothing FROM ${T} WHERE account_id IN UNNEST(@ids) ORDER BY snapshot_date, account_id`,
          useLegacySql: false,
          parameterMode: 'NAMED',
          queryParameters: [param('ids', 'STRING', ['a'])],
        },
        PROJECT,
      ),
    );
    expect(r).toMatchObject({ kind: 'bigquery#queryResponse', jobComplete: true, totalRows: '2', cacheHit: false });
    expect(r.schema.fields.map((f: any) => f.type)).toEqual(['STRING', 'INTEGER', 'FLOAT', 'BOOLEAN', 'TIMESTAMP', 'DATE', 'INTEGER', 'INTEGER']);
    expect(r.rows[0]).toEqual({ f: [{ v: 'a' }, { v: '1' }, { v: '0.5' }, { v: 'true' }, { v: '1.7647488E9' }, { v: '2026-01-03' }, { v: '2' }, { v: null }] });
    expect(r.rows[1].f.slice(0, 4)).toEqual([{ v: 'a' }, { v: '2' }, { v: null }, { v: null }]);
  });

  it('names unnamed columns f0_, f1_ as BigQuery does, and refuses duplicate names', () => {
    const s = seeded();
    const r = s.call((bq) => bq.Jobs.query({ query: `SELECT COUNT(*), account_id, MAX(followers) FROM ${T} GROUP BY account_id ORDER BY 2`, useLegacySql: false }, PROJECT));
    expect(r.schema.fields.map((f: any) => f.name)).toEqual(['f0_', 'account_id', 'f1_']);
    const e = s.error((bq) => bq.Jobs.query({ query: `SELECT account_id, account_id FROM ${T}`, useLegacySql: false }, PROJECT));
    expect(e.message).toMatch(/Duplicate column names in the result are not supported. Found duplicate\(s\): account_id/);
  });

  it('pages results with maxResults and pageToken, or startIndex', () => {
    const s = seeded();
    const first = s.call((bq) => bq.Jobs.query({ query: `SELECT account_id, snapshot_date FROM ${T} ORDER BY 1, 2`, useLegacySql: false, maxResults: 3 }, PROJECT));
    expect(first.rows).toHaveLength(3);
    expect(first.totalRows).toBe('4');
    const { jobId, location } = first.jobReference;
    const rest = s.call((bq) => bq.Jobs.getQueryResults(PROJECT, jobId, { location, pageToken: first.pageToken }));
    expect(rest).toMatchObject({ kind: 'bigquery#getQueryResultsResponse', jobComplete: true, totalRows: '4' });
    expect(rest.rows.map((r: any) => r.f[0].v)).toEqual(['c']);
    expect(rest.pageToken).toBeUndefined();
    const fromTwo = s.call((bq) => bq.Jobs.getQueryResults(PROJECT, jobId, { startIndex: '2', maxResults: 1 }));
    expect(fromTwo.rows.map((r: any) => r.f.map((c: any) => c.v).join(' '))).toEqual(['b 2026-01-04']);
  });

  it('a query longer than timeoutMs answers jobComplete: false; getQueryResults waits on the virtual clock', () => {
    const s = setup({ times: { queryBaseMs: 30_000 } });
    makeTable(s);
    const start = s.platform.clock.now();
    const r = s.call((bq) => bq.Jobs.query({ query: `SELECT COUNT(*) AS n FROM ${T}`, useLegacySql: false, timeoutMs: 1000 }, PROJECT));
    expect(r).toEqual({ kind: 'bigquery#queryResponse', jobReference: r.jobReference, jobComplete: false });
    expect(s.platform.clock.now() - start).toBe(1000);
    const pending = s.call((bq) => bq.Jobs.getQueryResults(PROJECT, r.jobReference.jobId, { timeoutMs: 10_000 }));
    expect(pending.jobComplete).toBe(false);
    const done = s.call((bq) => bq.Jobs.getQueryResults(PROJECT, r.jobReference.jobId, { timeoutMs: 60_000 }));
    expect(done.jobComplete).toBe(true);
    expect(done.rows).toEqual([{ f: [{ v: '0' }] }]);
    expect(s.platform.clock.now() - start).toBe(30_000);
  });

  it('Jobs.query throws the query\'s error; Jobs.insert makes a job that is DONE with it', () => {
    const s = seeded();
    const syntax = s.error((bq) => bq.Jobs.query({ query: `SELECT account_id FROM ${T} WHERE`, useLegacySql: false }, PROJECT));
    expect(syntax.details).toMatchObject({ code: 400, errors: [{ reason: 'invalidQuery', domain: 'global' }] });
    expect(syntax.message).toMatch(/^API call to bigquery.jobs.query failed with error: Syntax error: /);
    const missing = s.error((bq) => bq.Jobs.query({ query: `SELECT 1 FROM \`${PROJECT}.ig.nope\``, useLegacySql: false }, PROJECT));
    expect(missing.message).toBe(`API call to bigquery.jobs.query failed with error: Not found: Table ${PROJECT}:ig.nope was not found in location US`);
    expect(missing.details.code).toBe(404);
    const unknown = s.error((bq) => bq.Jobs.query({ query: `SELECT nope FROM ${T}`, useLegacySql: false }, PROJECT));
    expect(unknown.message).toMatch(/Unrecognized name: nope at \[1:8\]$/);
    const job = s.call((bq) => bq.Jobs.insert({ configuration: { query: { query: `SELECT nope FROM ${T}`, useLegacySql: false } } }, PROJECT));
    expect(job.status).toEqual({ state: 'DONE', errorResult: { reason: 'invalidQuery', message: 'Unrecognized name: nope at [1:8]' }, errors: [{ reason: 'invalidQuery', message: 'Unrecognized name: nope at [1:8]' }] });
  });

  it('refuses legacy SQL (the API\'s default when useLegacySql is not false) and unknown request fields', () => {
    const s = seeded();
    expect(s.error((bq) => bq.Jobs.query({ query: 'SELECT 1' }, PROJECT)).message).toMatch(/legacy SQL \(set useLegacySql: false/);
    expect(s.error((bq) => bq.Jobs.query({ query: 'SELECT 1', useLegacySQL: false }, PROJECT)).message).toMatch(/Unknown name "useLegacySQL" at 'query_request'/);
    expect(s.error((bq) => bq.Jobs.query({ query: 'SELECT @n', useLegacySql: false, parameterMode: 'NAMED', queryParameters: [{ name: 'n', parameterType: { type: 'INT64' }, parameterValue: { value: 5 } }] }, PROJECT)).message).toMatch(
      /Invalid value at 'query_request.query_parameters\[0\].parameter_value.value' \(TYPE_STRING\), 5/,
    );
  });

  it('finds a job outside the US and EU only with its location', () => {
    const s = setup();
    s.call((bq) => bq.Datasets.insert({ datasetReference: { datasetId: 'tokyo' }, location: 'asia-northeast1' }, PROJECT));
    s.call((bq) => bq.Tables.insert({ tableReference: { tableId: 't' }, schema: { fields: [{ name: 'a', type: 'STRING' }] } }, PROJECT, 'tokyo'));
    const job = queryJob(s, { query: `SELECT a FROM \`${PROJECT}.tokyo.t\`` });
    expect(job.jobReference.location).toBe('asia-northeast1');
    const e = s.error((bq) => bq.Jobs.get(PROJECT, job.jobReference.jobId));
    expect(e.message).toBe(`API call to bigquery.jobs.get failed with error: Not found: Job ${PROJECT}:${job.jobReference.jobId}`);
    expect(s.call((bq) => bq.Jobs.get(PROJECT, job.jobReference.jobId, { location: 'asia-northeast1' })).status.state).toBe('DONE');
  });
});

describe('Sheetgram\'s statements', () => {
  function withStaging() {
    const s = setup();
    makeTable(s);
    makeTable(s, '_sheetgram_staging_c1');
    load(s, 'profile', [
      { account_id: 'a', snapshot_date: '2026-01-02', followers: 1 },
      { account_id: 'a', snapshot_date: '2026-01-03', followers: 2 },
      { account_id: 'a', snapshot_date: '2026-01-04', followers: 3 },
      { account_id: 'b', snapshot_date: '2026-01-03', followers: 4 },
    ]);
    load(s, '_sheetgram_staging_c1', [
      { account_id: 'a', snapshot_date: '2026-01-03', followers: 20 },
      { account_id: 'a', snapshot_date: '2026-01-04', followers: 30 },
    ]);
    return s;
  }

  const MERGE =
    `MERGE ${T} AS target USING \`${PROJECT}.ig._sheetgram_staging_c1\` AS source ON FALSE ` +
    'WHEN NOT MATCHED BY SOURCE AND target.account_id = @account_id AND target.snapshot_date IN UNNEST(@snapshot_dates) THEN DELETE ' +
    'WHEN NOT MATCHED THEN INSERT (account_id, snapshot_date, followers) VALUES (account_id, snapshot_date, followers)';
  const MERGE_PARAMS = [param('account_id', 'STRING', 'a'), param('snapshot_dates', 'DATE', ['2026-01-03', '2026-01-04'])];

  it('the MERGE replaces one account\'s days and leaves other accounts and days as they were', () => {
    const s = withStaging();
    const job = queryJob(s, { query: MERGE, parameterMode: 'NAMED', queryParameters: MERGE_PARAMS });
    expect(job.status).toEqual({ state: 'DONE' });
    expect(job.statistics.query).toMatchObject({ statementType: 'MERGE', numDmlAffectedRows: '4' });
    expect(rows(s)).toEqual([
      { account_id: 'a', day: '2026-01-02', followers: 1 },
      { account_id: 'a', day: '2026-01-03', followers: 20 },
      { account_id: 'a', day: '2026-01-04', followers: 30 },
      { account_id: 'b', day: '2026-01-03', followers: 4 },
    ]);
  });

  it('in the sandbox the MERGE is refused for billing, by Jobs.query and as a job\'s errorResult', () => {
    const s = setup({ projects: [{ projectId: PROJECT, billing: false }] });
    makeTable(s);
    makeTable(s, '_sheetgram_staging_c1');
    const message = 'Billing has not been enabled for this project. Enable billing at https://console.cloud.google.com/billing. DML queries are not allowed in the free tier. Set up a billing account to remove this restriction.';
    const e = s.error((bq) => bq.Jobs.query({ query: MERGE, useLegacySql: false, parameterMode: 'NAMED', queryParameters: MERGE_PARAMS }, PROJECT));
    expect(e.details).toMatchObject({ code: 403, message, errors: [{ reason: 'billingNotEnabled' }] });
    const job = queryJob(s, { query: MERGE, parameterMode: 'NAMED', queryParameters: MERGE_PARAMS });
    expect(job.status.errorResult).toEqual({ reason: 'billingNotEnabled', message });
  });

  it('the partition rebuild writes exactly one day through the decorator; a row of another day fails the job', () => {
    const s = withStaging();
    const rebuild = (day: string, sql?: string) =>
      queryJob(s, {
        query:
          sql ??
          `SELECT account_id, snapshot_date, followers FROM ${T} WHERE snapshot_date = @snapshot_date AND account_id != @account_id ` +
            `UNION ALL SELECT account_id, snapshot_date, followers FROM \`${PROJECT}.ig._sheetgram_staging_c1\` WHERE snapshot_date = @snapshot_date`,
        parameterMode: 'NAMED',
        queryParameters: [param('snapshot_date', 'DATE', day), param('account_id', 'STRING', 'a')],
        destinationTable: { projectId: PROJECT, datasetId: 'ig', tableId: `profile$${day.replace(/-/g, '')}` },
        writeDisposition: 'WRITE_TRUNCATE',
        createDisposition: 'CREATE_NEVER',
      });
    expect(rebuild('2026-01-03').status).toEqual({ state: 'DONE' });
    expect(rows(s)).toEqual([
      { account_id: 'a', day: '2026-01-02', followers: 1 },
      { account_id: 'a', day: '2026-01-03', followers: 20 },
      { account_id: 'a', day: '2026-01-04', followers: 3 },
      { account_id: 'b', day: '2026-01-03', followers: 4 },
    ]);
    const wrong = rebuild('2026-01-04', `SELECT account_id, snapshot_date, followers FROM ${T} WHERE account_id = @account_id AND snapshot_date >= @snapshot_date - 1`);
    expect(wrong.status.errorResult).toEqual({ reason: 'invalid', message: 'Some rows belong to different partitions rather than destination partition 20260104' });
    expect(rows(s)).toHaveLength(4);
  });

  it('DML with a destination table is refused as BigQuery does', () => {
    const s = withStaging();
    const job = queryJob(s, { query: `DELETE ${T} WHERE account_id = 'b'`, destinationTable: { projectId: PROJECT, datasetId: 'ig', tableId: 'profile' } });
    expect(job.status.errorResult).toEqual({ reason: 'invalid', message: 'Cannot set destination table in jobs with DML statements' });
  });
});

describe('quotas', () => {
  it('1,500 table operations a day per table (set to 2 here): the third load fails, a day later it runs', () => {
    const s = setup({ limits: { tableOperationsPerDay: 2 } });
    makeTable(s);
    const one = [{ account_id: 'a', snapshot_date: '2026-01-04' }];
    expect(load(s, 'profile', one).status.errorResult).toBeUndefined();
    // A failed load counts too.
    expect(load(s, 'profile', [{ nope: 1 }]).status.errorResult).toBeDefined();
    const third = load(s, 'profile', one);
    expect(third.status.errorResult).toEqual({
      reason: 'quotaExceeded',
      message: 'Quota exceeded: Your table exceeded quota for imports or query appends per table. For more information, see https://cloud.google.com/bigquery/docs/troubleshoot-quotas',
    });
    s.platform.clock.advance(86_400_000);
    expect(load(s, 'profile', one).status.errorResult).toBeUndefined();
  });

  it('partition modifications a day, and partitions a job may write', () => {
    const s = setup({ limits: { partitionModificationsPerDay: 3, partitionsPerJob: 2 } });
    makeTable(s);
    const days = (...d: string[]) => d.map((day) => ({ account_id: 'a', snapshot_date: day }));
    expect(load(s, 'profile', days('2026-01-01', '2026-01-02', '2026-01-03')).status.errorResult.message).toBe(
      'Too many partitions produced by load job, allowed 2, load job produces at least 3 partitions',
    );
    expect(load(s, 'profile', days('2026-01-01', '2026-01-02')).status.errorResult).toBeUndefined();
    expect(load(s, 'profile', days('2026-01-01', '2026-01-02')).status.errorResult.message).toMatch(/^Quota exceeded: Your table exceeded quota for Number of partition modifications/);
    expect(s.state.quotas.usage(`${PROJECT}:ig.profile`, s.platform.clock.now())).toEqual({ operations: 3, partitionModifications: 2 });
  });

  it('partitions a table may have (10,000; set to 2 here)', () => {
    const s = setup({ limits: { partitionsPerTable: 2 } });
    makeTable(s);
    expect(load(s, 'profile', [{ account_id: 'a', snapshot_date: '2026-01-01' }, { account_id: 'a', snapshot_date: '2026-01-02' }]).status.errorResult).toBeUndefined();
    const third = load(s, 'profile', [{ account_id: 'a', snapshot_date: '2026-01-03' }]);
    expect(third.status.errorResult.message).toMatch(/at most 2 partitions/);
    expect(s.state.tables()[0].numRows).toBe(2);
  });
});
