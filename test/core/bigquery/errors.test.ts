// BigQuery's refusals in the person's words: each kind, whether the next run simply tries again, and
// which field of the form it is about.
import { describe, expect, it } from 'vitest';
import { BigQueryFailure, explainFailure, type FailureKind } from '../../../src/core/bigquery/errors';
import { NO_SCOPE_MESSAGE, SANDBOX_DML_MESSAGE } from './fake-port';

const WHERE = { projectId: 'acme-marketing', datasetId: 'sheetgram' };
const failure = (code: number, reason: string, message: string) => new BigQueryFailure(message, code, reason);

/** What BigQuery (through Apps Script's advanced service) answers, and what the person reads. */
const CASES: { what: string; error: unknown; kind: FailureKind; text: string | RegExp; field?: 'projectId' | 'datasetId'; retry: boolean }[] = [
  {
    what: 'two loads merging into one day at once', kind: 'unavailable', retry: true, text: 'BigQuery was busy with another load into the same table.',
    error: failure(400, 'invalidQuery', 'Could not serialize access to table acme-marketing:sheetgram.user_information due to concurrent update'),
  },
  {
    what: 'the BigQuery scope left unticked (Apps Script gives no reason)', error: failure(0, '', NO_SCOPE_MESSAGE), kind: 'consent', retry: false,
    text: 'You have not allowed Sheetgram to use BigQuery. Click "Allow Sheetgram to use BigQuery", tick BigQuery on Google\'s page, then check again.',
  },
  {
    what: 'consent, as export says it', error: failure(403, 'consent', 'BigQuery was not allowed'), kind: 'consent', retry: false,
    text: /^You have not allowed Sheetgram to use BigQuery\./,
  },
  {
    what: 'the API turned off', kind: 'api_disabled', field: 'projectId', retry: false,
    error: failure(403, 'accessNotConfigured', 'BigQuery API has not been used in project 123456789 before or it is disabled. Enable it by visiting https://console.developers.google.com/apis/api/bigquery.googleapis.com/overview?project=123456789 then retry.'),
    text: 'The BigQuery API is turned off in project acme-marketing. Turn it on at https://console.cloud.google.com/apis/library/bigquery.googleapis.com?project=acme-marketing, wait a minute, then check again.',
  },
  {
    what: 'the API turned off, without a reason', kind: 'api_disabled', field: 'projectId', retry: false,
    error: failure(403, '', 'BigQuery API has not been used in project 123456789 before or it is disabled.'), text: /^The BigQuery API is turned off in project acme-marketing\./,
  },
  {
    what: 'DML in a sandbox', error: failure(403, 'billingNotEnabled', SANDBOX_DML_MESSAGE), kind: 'no_dml', retry: true,
    text: 'Project acme-marketing is a BigQuery sandbox (no billing account).',
  },
  {
    what: 'DML in a sandbox, the message alone (a failed job gives no code)', error: failure(0, '', SANDBOX_DML_MESSAGE), kind: 'no_dml', retry: true,
    text: 'Project acme-marketing is a BigQuery sandbox (no billing account).',
  },
  {
    what: 'a project that does not exist', error: failure(404, 'notFound', 'Not found: Project acme-marketing'), kind: 'no_project', field: 'projectId', retry: false,
    text: 'Google Cloud has no project "acme-marketing" that your Google account can see. Check the project id on the Cloud console\'s dashboard.',
  },
  {
    what: 'no role in the project', kind: 'no_access', field: 'projectId', retry: false,
    error: failure(403, 'accessDenied', 'Access Denied: Project acme-marketing: User does not have bigquery.jobs.create permission in project acme-marketing.'),
    text: 'Your Google account may not use BigQuery in project acme-marketing. Ask the project\'s owner for the roles BigQuery Data Editor and BigQuery Job User (or BigQuery User), then check again.',
  },
  {
    what: 'no role, without a reason', kind: 'no_access', field: 'projectId', retry: false,
    error: failure(403, '', 'Access Denied: Dataset acme-marketing:sheetgram: Permission bigquery.tables.create denied on dataset acme-marketing:sheetgram'),
    text: /^Your Google account may not use BigQuery in project acme-marketing\./,
  },
  {
    what: 'a quota', kind: 'quota', retry: true,
    error: failure(403, 'quotaExceeded', 'Quota exceeded: Your table exceeded quota for imports or query appends per table.'),
    text: 'BigQuery\'s limit was reached: Quota exceeded: Your table exceeded quota for imports or query appends per table.', // the card adds when it is tried again (status-view)
  },
  {
    what: 'a rate limit', kind: 'quota', retry: true,
    error: failure(403, 'rateLimitExceeded', 'Exceeded rate limits: too many table update operations for this table.'), text: /^BigQuery's limit was reached: Exceeded rate limits/,
  },
  {
    what: 'rows BigQuery refuses', kind: 'invalid', retry: false,
    error: failure(400, 'invalid', 'Error while reading data, error message: JSON parsing error in row: No such field: extra.'),
    text: 'BigQuery refused the rows: Error while reading data, error message: JSON parsing error in row: No such field: extra.',
  },
  {
    what: 'a statement BigQuery refuses', kind: 'invalid', retry: false,
    error: failure(400, 'invalidQuery', 'Query error: Unrecognized name: nope at [1:8]'), text: 'BigQuery refused the rows: Query error: Unrecognized name: nope at [1:8]',
  },
  {
    what: 'a backend error', error: failure(503, 'backendError', 'Backend error. Job aborted.'), kind: 'unavailable', retry: true,
    text: 'BigQuery did not answer in time.',
  },
  { what: 'an internal error', error: failure(500, 'internalError', 'An internal error occurred.'), kind: 'unavailable', retry: true, text: /did not answer in time/ },
  { what: 'a job still running at the deadline', error: failure(0, 'timeout', 'BigQuery job j1 was still running when the script\'s time ran out.'), kind: 'unavailable', retry: true, text: /did not answer in time/ },
  { what: 'anything else from BigQuery', error: failure(409, 'duplicate', 'Already Exists: Table acme-marketing:sheetgram.x'), kind: 'other', retry: true, text: /Already Exists: Table acme-marketing:sheetgram\.x/ },
  { what: 'an error that is not BigQuery\'s', error: new Error('Exceeded maximum execution time'), kind: 'other', retry: true, text: /Exceeded maximum execution time/ },
  { what: 'a thrown string', error: 'boom', kind: 'other', retry: true, text: /boom/ },
];

describe('explainFailure', () => {
  for (const c of CASES) {
    it(`${c.what}: ${c.kind}, ${c.retry ? 'tried again by itself' : 'waits for the person'}`, () => {
      const view = explainFailure(c.error, WHERE);
      expect(view.kind).toBe(c.kind);
      expect(view.retry).toBe(c.retry);
      expect(view.field).toBe(c.field);
      if (typeof c.text === 'string') expect(view.text).toBe(c.text);
      else expect(view.text).toMatch(c.text);
    });
  }

  it('every kind is covered above', () => {
    const kinds: FailureKind[] = ['consent', 'api_disabled', 'no_project', 'no_access', 'no_dml', 'quota', 'invalid', 'unavailable', 'other'];
    expect(new Set(CASES.map((c) => c.kind))).toEqual(new Set(kinds));
  });

  it('names the project the person typed, never a project number', () => {
    const view = explainFailure(failure(403, 'accessNotConfigured', 'BigQuery API has not been used in project 123456789 before or it is disabled.'), { projectId: 'example.com:acme-proj', datasetId: 'x' });
    expect(view.text).toContain('project example.com:acme-proj');
    expect(view.text).not.toContain('123456789');
  });

  it('a BigQueryFailure keeps BigQuery\'s code and reason', () => {
    const f = failure(403, 'billingNotEnabled', SANDBOX_DML_MESSAGE);
    expect(f).toBeInstanceOf(Error);
    expect(f).toMatchObject({ name: 'BigQueryFailure', code: 403, reason: 'billingNotEnabled', message: SANDBOX_DML_MESSAGE });
  });
});
