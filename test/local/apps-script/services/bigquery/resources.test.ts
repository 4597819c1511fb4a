// Datasets and tables through the BigQuery global: resources as the API returns them, BigQuery's
// errors as Apps Script throws them (GoogleJsonResponseException with details), projects' settings
// (API off, no access, sandbox), schema patches, views, listings, limits and the sandbox's expiry.
import { describe, expect, it } from 'vitest';
import { GOOGLE_ERRORS } from '../../../../../local/apps-script/platform';
import { EDITOR } from '../../support';
import { load, makeTable, PROJECT, SCHEMA, setup } from './support';

const DAY = 86_400_000;

describe('datasets', () => {
  it('inserts and gets a dataset; a second insert is 409 in Apps Script\'s GoogleJsonResponseException shape', () => {
    const s = setup();
    const made = s.call((bq) => bq.Datasets.insert({ datasetReference: { projectId: PROJECT, datasetId: 'ig' }, location: 'eu' }, PROJECT));
    expect(made).toMatchObject({ kind: 'bigquery#dataset', id: `${PROJECT}:ig`, datasetReference: { projectId: PROJECT, datasetId: 'ig' }, location: 'EU' });
    expect(made.defaultTableExpirationMs).toBeUndefined();
    expect(s.call((bq) => bq.Datasets.get(PROJECT, 'ig')).location).toBe('EU');
    const e = s.error((bq) => bq.Datasets.insert({ datasetReference: { projectId: PROJECT, datasetId: 'ig' } }, PROJECT));
    expect(e.name).toBe('GoogleJsonResponseException');
    expect(e.message).toBe(`API call to bigquery.datasets.insert failed with error: Already Exists: Dataset ${PROJECT}:ig`);
    expect(e.details).toEqual({ code: 409, message: `Already Exists: Dataset ${PROJECT}:ig`, errors: [{ message: `Already Exists: Dataset ${PROJECT}:ig`, domain: 'global', reason: 'duplicate' }] });
  });

  it('answers 404 for a missing dataset and 400 for an id BigQuery would refuse', () => {
    const s = setup();
    expect(s.error((bq) => bq.Datasets.get(PROJECT, 'nope')).message).toBe(`API call to bigquery.datasets.get failed with error: Not found: Dataset ${PROJECT}:nope`);
    const bad = s.error((bq) => bq.Datasets.insert({ datasetReference: { datasetId: 'my-data' } }, PROJECT));
    expect(bad.details.code).toBe(400);
    expect(bad.message).toMatch(/Invalid dataset ID "my-data"/);
  });

  it('in a sandbox project (no billing) every new dataset gets 60-day table and partition expirations', () => {
    const s = setup({ projects: [{ projectId: 'free-tier-1', billing: false }] });
    const made = s.call((bq) => bq.Datasets.insert({ datasetReference: { datasetId: 'ig' } }, 'free-tier-1'));
    expect(made.defaultTableExpirationMs).toBe(String(60 * DAY));
    expect(made.defaultPartitionExpirationMs).toBe(String(60 * DAY));
  });
});

describe('projects: missing, API off, no access', () => {
  it('a project that does not exist is 404 "Not found: Project p"', () => {
    const s = setup();
    expect(s.error((bq) => bq.Datasets.get('nobody-here', 'ig')).message).toBe('API call to bigquery.datasets.get failed with error: Not found: Project nobody-here');
  });

  it('a project with the API disabled answers accessNotConfigured with its number', () => {
    const s = setup({ projects: [{ projectId: 'off-project', projectNumber: 123456789012, apiEnabled: false }] });
    const e = s.error((bq) => bq.Jobs.query({ query: 'SELECT 1', useLegacySql: false }, 'off-project'));
    expect(e.details.code).toBe(403);
    expect(e.details.errors[0].reason).toBe('accessNotConfigured');
    expect(e.message).toBe(
      'API call to bigquery.jobs.query failed with error: BigQuery API has not been used in project 123456789012 before or it is disabled. Enable it by visiting https://console.developers.google.com/apis/api/bigquery.googleapis.com/overview?project=123456789012 then retry. If you enabled this API recently, wait a few minutes for the action to propagate to our systems and retry.',
    );
  });

  it('a user without access is refused with the permission the method needs', () => {
    const s = setup({ projects: [{ projectId: 'private-1', users: ['owner@example.com'] }] });
    s.call((bq) => bq.Datasets.insert({ datasetReference: { datasetId: 'ig' } }, 'private-1'));
    const jobs = s.error((bq) => bq.Jobs.query({ query: 'SELECT 1', useLegacySql: false }, 'private-1'), { user: EDITOR });
    expect(jobs.message).toBe('API call to bigquery.jobs.query failed with error: Access Denied: Project private-1: User does not have bigquery.jobs.create permission in project private-1.');
    expect(jobs.details.errors[0].reason).toBe('accessDenied');
    const table = s.error((bq) => bq.Tables.get('private-1', 'ig', 't'), { user: EDITOR });
    expect(table.message).toBe('API call to bigquery.tables.get failed with error: Access Denied: Table private-1:ig.t: Permission bigquery.tables.get denied on table private-1:ig.t (or it may not exist).');
    const dataset = s.error((bq) => bq.Datasets.get('private-1', 'ig'), { user: EDITOR });
    expect(dataset.message).toMatch(/Access Denied: Dataset private-1:ig: Permission bigquery.datasets.get denied on dataset private-1:ig/);
  });
});

describe('tables', () => {
  it('inserts a partitioned, clustered table; Tables.get answers with the API\'s type names and counts', () => {
    const s = setup();
    makeTable(s);
    const t = s.call((bq) => bq.Tables.get(PROJECT, 'ig', 'profile'));
    expect(t).toMatchObject({
      kind: 'bigquery#table',
      id: `${PROJECT}:ig.profile`,
      tableReference: { projectId: PROJECT, datasetId: 'ig', tableId: 'profile' },
      timePartitioning: { type: 'DAY', field: 'snapshot_date' },
      clustering: { fields: ['account_id'] },
      numRows: '0',
      type: 'TABLE',
    });
    expect(t.schema.fields.map((f: any) => `${f.name}:${f.type}:${f.mode}`)).toEqual([
      'account_id:STRING:REQUIRED',
      'snapshot_date:DATE:REQUIRED',
      'followers:INTEGER:NULLABLE',
      'rate:FLOAT:NULLABLE',
      'verified:BOOLEAN:NULLABLE',
      'seen_at:TIMESTAMP:NULLABLE',
    ]);
    expect(s.error((bq) => bq.Tables.get(PROJECT, 'ig', 'nope')).message).toBe(`API call to bigquery.tables.get failed with error: Not found: Table ${PROJECT}:ig.nope`);
    expect(s.error(() => makeTable(s)).message).toMatch(`Already Exists: Table ${PROJECT}:ig.profile`);
  });

  it('refuses what BigQuery refuses: 5 clustering fields, partitioning on a STRING, a bad column name, a missing dataset', () => {
    const s = setup();
    makeTable(s, 'first');
    const insert = (resource: object, dataset = 'ig') => s.error((bq) => bq.Tables.insert({ tableReference: { tableId: 'x' }, schema: SCHEMA, ...resource }, PROJECT, dataset)).message;
    expect(insert({ clustering: { fields: ['account_id', 'snapshot_date', 'followers', 'verified', 'seen_at'] } })).toMatch(/Too many clustering fields: 5, only 4 are allowed/);
    expect(insert({ timePartitioning: { type: 'DAY', field: 'account_id' } })).toMatch(/can only be of type TIMESTAMP, DATE or DATETIME. The type found is: STRING/);
    expect(insert({ schema: { fields: [{ name: 'bad-name', type: 'STRING' }] } })).toMatch(/Invalid field name "bad-name"/);
    expect(insert({ schema: { fields: [{ name: 'a', type: 'STRUCTURE' }] } })).toMatch(/Invalid value for type: STRUCTURE is not a valid value/);
    expect(insert({}, 'nope')).toMatch(`Not found: Dataset ${PROJECT}:nope`);
    const badId = s.error((bq) => bq.Tables.insert({ tableReference: { tableId: 'a$b' }, schema: SCHEMA }, PROJECT, 'ig'));
    expect(badId.message).toMatch(/Invalid table ID "a\$b"/);
    expect(s.error((bq) => bq.Tables.insert({ tableReference: { tableId: 'é'.repeat(513) }, schema: SCHEMA }, PROJECT, 'ig')).details.code).toBe(400);
    expect(s.call((bq) => bq.Tables.insert({ tableReference: { tableId: 'données 2026' }, schema: SCHEMA }, PROJECT, 'ig')).id).toBe(`${PROJECT}:ig.données 2026`);
  });

  it('an expirationTime makes the table go at that time, with or without billing', () => {
    const s = setup();
    makeTable(s);
    const at = s.platform.clock.now() + 3_600_000;
    s.call((bq) => bq.Tables.patch({ expirationTime: String(at) }, PROJECT, 'ig', 'profile'));
    s.platform.clock.advance(3_599_999);
    expect(s.state.tables()).toHaveLength(1);
    s.platform.clock.advance(1);
    expect(s.state.tables()).toEqual([]);
  });

  it('patch adds NULLABLE columns at the end; every other change is refused in BigQuery\'s words', () => {
    const s = setup();
    makeTable(s);
    const patch = (fields: object[]) => s.call((bq) => bq.Tables.patch({ schema: { fields } }, PROJECT, 'ig', 'profile'));
    const refusal = (fields: object[]) => s.error((bq) => bq.Tables.patch({ schema: { fields } }, PROJECT, 'ig', 'profile')).message.replace(/^.*failed with error: /, '');
    const base = SCHEMA.fields;
    const mismatch = `Provided Schema does not match Table ${PROJECT}:ig.profile.`;
    expect(refusal(base.slice(1))).toBe(`${mismatch} Field account_id is missing in new schema`);
    expect(refusal([base[0], { ...base[1], type: 'STRING' }, ...base.slice(2)])).toBe(`${mismatch} Field snapshot_date has changed type from DATE to STRING`);
    expect(refusal([...base, { name: 'reach', type: 'INT64', mode: 'REQUIRED' }])).toBe(`${mismatch} Cannot add required fields to an existing schema. (field: reach)`);
    expect(refusal([{ name: 'reach', type: 'INT64' }, ...base])).toMatch(/changed position/);
    // Six updates within 10 seconds: the patches above did not apply, but each counted toward the rate.
    s.platform.clock.advance(10_001);
    const patched = patch([...base, { name: 'reach', type: 'INT64' }]);
    expect(patched.schema.fields.at(-1)).toEqual({ name: 'reach', type: 'INTEGER', mode: 'NULLABLE' });
    load(s, 'profile', [{ account_id: 'a', snapshot_date: '2026-01-01', reach: 9 }]);
    expect(s.state.query(`SELECT reach FROM \`${PROJECT}.ig.profile\``)).toEqual([{ reach: 9 }]);
  });

  it('limits table metadata updates to 5 per 10 seconds on a table (50 when partitioned)', () => {
    const s = setup();
    s.call((bq) => {
      bq.Datasets.insert({ datasetReference: { datasetId: 'ig' } }, PROJECT);
      bq.Tables.insert({ tableReference: { tableId: 'plain' }, schema: SCHEMA }, PROJECT, 'ig');
      for (let i = 0; i < 4; i++) bq.Tables.patch({ description: `v${i}` }, PROJECT, 'ig', 'plain');
    });
    const e = s.error((bq) => bq.Tables.patch({ description: 'too fast' }, PROJECT, 'ig', 'plain'));
    expect(e.details.errors[0].reason).toBe('rateLimitExceeded');
    expect(e.message).toMatch(/Exceeded rate limits: too many table update operations for this table/);
    s.platform.clock.advance(10_001);
    expect(s.call((bq) => bq.Tables.patch({ description: 'later' }, PROJECT, 'ig', 'plain')).description).toBe('later');
  });

  it('lists tables a page at a time and removes them', () => {
    const s = setup();
    for (const id of ['c', 'a', 'b']) makeTable(s, id);
    const first = s.call((bq) => bq.Tables.list(PROJECT, 'ig', { maxResults: 2 }));
    expect(first.tables.map((t: any) => t.tableReference.tableId)).toEqual(['a', 'b']);
    expect(first.totalItems).toBe(3);
    const second = s.call((bq) => bq.Tables.list(PROJECT, 'ig', { maxResults: 2, pageToken: first.nextPageToken }));
    expect(second.tables.map((t: any) => `${t.tableReference.tableId}:${t.type}`)).toEqual(['c:TABLE']);
    expect(second.nextPageToken).toBeUndefined();
    expect(s.call((bq) => bq.Tables.remove(PROJECT, 'ig', 'a'))).toBeUndefined();
    expect(s.error((bq) => bq.Tables.remove(PROJECT, 'ig', 'a')).message).toMatch(`Not found: Table ${PROJECT}:ig.a`);
    expect(s.state.tables().map((t) => t.tableId).sort()).toEqual(['b', 'c']);
  });
});

describe('views', () => {
  const VIEW =
    `SELECT account_id, followers, DATE_DIFF(CURRENT_DATE(), snapshot_date, DAY) AS age FROM \`${PROJECT}.ig.profile\` ` +
    'WHERE followers IS NOT NULL QUALIFY ROW_NUMBER() OVER (PARTITION BY account_id ORDER BY snapshot_date DESC) = 1';

  it('a view over GoogleSQL with QUALIFY and DATE_DIFF reads the virtual clock when queried; patch changes its query', () => {
    const s = setup();
    makeTable(s);
    load(s, 'profile', [
      { account_id: 'a', snapshot_date: '2026-01-01', followers: 10 },
      { account_id: 'a', snapshot_date: '2026-01-03', followers: 12 },
      { account_id: 'b', snapshot_date: '2026-01-02', followers: 5 },
    ]);
    const view = s.call((bq) => bq.Tables.insert({ tableReference: { tableId: 'latest' }, view: { query: VIEW, useLegacySql: false } }, PROJECT, 'ig'));
    expect(view).toMatchObject({ type: 'VIEW', view: { query: VIEW, useLegacySql: false } });
    expect(view.schema.fields).toEqual([
      { name: 'account_id', type: 'STRING', mode: 'NULLABLE' },
      { name: 'followers', type: 'INTEGER', mode: 'NULLABLE' },
      { name: 'age', type: 'INTEGER', mode: 'NULLABLE' },
    ]);
    const read = () => s.state.query(`SELECT * FROM \`${PROJECT}.ig.latest\` ORDER BY account_id`);
    // The clock starts on 2026-01-05.
    expect(read()).toEqual([
      { account_id: 'a', followers: 12, age: 2 },
      { account_id: 'b', followers: 5, age: 3 },
    ]);
    s.platform.clock.advance(10 * DAY);
    expect(read().map((r) => r.age)).toEqual([12, 13]);
    s.call((bq) => bq.Tables.patch({ view: { query: `SELECT account_id FROM \`${PROJECT}.ig.profile\` WHERE followers > 6`, useLegacySql: false } }, PROJECT, 'ig', 'latest'));
    expect(s.state.query(`SELECT * FROM \`${PROJECT}.ig.latest\``)).toEqual([{ account_id: 'a' }, { account_id: 'a' }]);
  });

  it('refuses a legacy SQL view (the API\'s default) and a view over a column that does not exist', () => {
    const s = setup();
    makeTable(s);
    const legacy = s.error((bq) => bq.Tables.insert({ tableReference: { tableId: 'v' }, view: { query: VIEW } }, PROJECT, 'ig'));
    expect(legacy.message).toMatch(/legacy SQL views \(set view.useLegacySql: false/);
    const bad = s.error((bq) => bq.Tables.insert({ tableReference: { tableId: 'v' }, view: { query: `SELECT nope FROM \`${PROJECT}.ig.profile\``, useLegacySql: false } }, PROJECT, 'ig'));
    expect(bad.message).toBe('API call to bigquery.tables.insert failed with error: Unrecognized name: nope at [1:8]');
    expect(bad.details.errors[0].reason).toBe('invalidQuery');
  });
});

describe('the sandbox\'s 60 days', () => {
  it('tables disappear 60 days after they were made, partitions 60 days after their day', () => {
    const s = setup({ projects: [{ projectId: PROJECT, billing: false }] });
    makeTable(s);
    const t = s.call((bq) => bq.Tables.get(PROJECT, 'ig', 'profile'));
    expect(Number(t.expirationTime)).toBe(s.platform.clock.now() + 60 * DAY);
    expect(t.timePartitioning.expirationMs).toBe(String(60 * DAY));
    // Today is 2026-01-05: the 2025-11-01 partition is already past 60 days, the others are not.
    load(s, 'profile', [
      { account_id: 'a', snapshot_date: '2025-11-01' },
      { account_id: 'a', snapshot_date: '2025-12-01' },
      { account_id: 'a', snapshot_date: '2026-01-04' },
    ]);
    const days = () => s.state.query(`SELECT CAST(snapshot_date AS STRING) AS d FROM \`${PROJECT}.ig.profile\` ORDER BY d`).map((r) => r.d);
    expect(days()).toEqual(['2025-12-01', '2026-01-04']);
    s.platform.clock.advance(30 * DAY);
    expect(days()).toEqual(['2026-01-04']);
    s.platform.clock.advance(30 * DAY);
    expect(s.error((bq) => bq.Tables.get(PROJECT, 'ig', 'profile')).details.code).toBe(404);
    expect(s.state.tables()).toEqual([]);
  });
});

describe('the service itself', () => {
  it('throws naming any method the local runtime does not have', () => {
    const s = setup();
    expect(s.error((bq) => bq.Jobs.cancel(PROJECT, 'x')).message).toBe(GOOGLE_ERRORS.notImplemented('BigQuery.Jobs.cancel'));
    expect(s.error((bq) => bq.Tabledata.insertAll({}, PROJECT, 'd', 't')).message).toBe(GOOGLE_ERRORS.notImplemented('BigQuery.Tabledata'));
    expect(s.call((bq) => bq.newTableReference())).toEqual({});
  });

  it('needs FULL authorization: a custom function cannot call it', () => {
    const s = setup();
    expect(() => s.call((bq) => bq.Datasets.get(PROJECT, 'ig'), { authMode: 'CUSTOM_FUNCTION' })).toThrow(GOOGLE_ERRORS.permission('BigQuery.Datasets.get'));
  });

  it('charges each API call virtual time when the runtime charges costs', () => {
    const s = setup({ costs: true });
    const before = s.platform.clock.now();
    s.call((bq) => bq.Datasets.insert({ datasetReference: { datasetId: 'ig' } }, PROJECT));
    expect(s.platform.costs!.spent.get('BigQuery', 'Datasets.insert')).toBe(200);
    expect(s.platform.clock.now() - before).toBeGreaterThanOrEqual(200);
  });
});
