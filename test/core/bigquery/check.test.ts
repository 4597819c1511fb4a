// "Check access": what the person reads after typing a project and dataset, found by doing what a load
// does first (read the dataset, make it when missing).
import { describe, expect, it } from 'vitest';
import { checkBigQueryAccess } from '../../../src/core/bigquery/check';
import { FakeBigQuery, SANDBOX_EXPIRY_MS } from './fake-port';

const P = 'acme-marketing';
const SANDBOX_NOTE = 'This project has no billing account (a BigQuery sandbox): BigQuery deletes its tables\' rows after 60 days, so keep the tab as your archive or add billing to keep them.';

describe('checkBigQueryAccess', () => {
  it('makes a missing dataset in the location chosen, and says so', () => {
    const port = new FakeBigQuery([P]);
    const check = checkBigQueryAccess(port, { projectId: P, datasetId: 'instagram_data', location: 'EU' });
    expect(check).toEqual({ ok: true, message: 'Sheetgram made the dataset acme-marketing.instagram_data (EU); each report gets its table there after its next run.' });
    expect(port.dataset(P, 'instagram_data')).toMatchObject({ location: 'EU', description: 'Instagram data loaded by Sheetgram.' });
    expect(port.callsOf('createDataset')).toHaveLength(1);
  });

  it('takes the default dataset and location when left empty', () => {
    const port = new FakeBigQuery([P]);
    expect(checkBigQueryAccess(port, { projectId: P }).message).toBe('Sheetgram made the dataset acme-marketing.sheetgram (US); each report gets its table there after its next run.');
  });

  it('uses an existing dataset as it is, saying where it is when that is not the location chosen', () => {
    const port = new FakeBigQuery([P]).addDataset(P, 'sheetgram', { location: 'US' });
    expect(checkBigQueryAccess(port, { projectId: P, datasetId: 'sheetgram', location: 'EU' })).toEqual({
      ok: true,
      message: 'The dataset acme-marketing.sheetgram is ready (US); each report gets its table there after its next run. It is in US, not EU: BigQuery keeps a dataset where it was made, and Sheetgram uses it there.',
    });
    expect(port.callsOf('createDataset')).toHaveLength(0);
    // The same location, however it is spelled, is no news.
    const same = new FakeBigQuery([P]).addDataset(P, 'sheetgram', { location: 'europe-west1' });
    expect(checkBigQueryAccess(same, { projectId: P, location: 'europe-west1' }).message).toBe('The dataset acme-marketing.sheetgram is ready (europe-west1); each report gets its table there after its next run.');
  });

  it('a sandbox: the new dataset\'s 60-day expiry says so', () => {
    const port = new FakeBigQuery([P]).sandbox(P);
    const check = checkBigQueryAccess(port, { projectId: P, location: 'US' });
    expect(check).toEqual({ ok: true, sandbox: true, message: `Sheetgram made the dataset acme-marketing.sheetgram (US); each report gets its table there after its next run. ${SANDBOX_NOTE}` });
  });

  it('an existing dataset with a 60-day default expiry is a sandbox too; a longer one is not', () => {
    const sandbox = new FakeBigQuery([P]).addDataset(P, 'sheetgram', { location: 'US', defaultTableExpirationMs: SANDBOX_EXPIRY_MS });
    expect(checkBigQueryAccess(sandbox, { projectId: P }).sandbox).toBe(true);
    const year = new FakeBigQuery([P]).addDataset(P, 'sheetgram', { location: 'US', defaultTableExpirationMs: 365 * 86_400_000 });
    expect(checkBigQueryAccess(year, { projectId: P })).toEqual({ ok: true, message: 'The dataset acme-marketing.sheetgram is ready (US); each report gets its table there after its next run.' });
  });

  it('BigQuery not allowed: where to allow it, and nothing asked of BigQuery', () => {
    const port = new FakeBigQuery([P]);
    port.consented = false;
    expect(checkBigQueryAccess(port, { projectId: P })).toEqual({
      ok: false, consentUrl: port.consentLink,
      message: 'You have not allowed Sheetgram to use BigQuery yet. Click "Allow Sheetgram to use BigQuery", tick BigQuery on Google\'s page, then check again.',
    });
    expect(port.calls.map((c) => c.method)).toEqual(['allowed', 'consentUrl']);
  });

  it('a consent refusal from BigQuery itself also gives the link', () => {
    const port = new FakeBigQuery([P]).fail('getDataset', { code: 403, reason: '', message: 'Specified permissions are not sufficient to call BigQuery.Datasets.get. Required permissions: https://www.googleapis.com/auth/bigquery' });
    const check = checkBigQueryAccess(port, { projectId: P });
    expect(check).toMatchObject({ ok: false, consentUrl: port.consentLink });
    expect(check.message).toMatch(/^You have not allowed Sheetgram to use BigQuery\./);
  });

  it('a project Google Cloud does not have: beside the project field', () => {
    const port = new FakeBigQuery(['someone-else']);
    expect(checkBigQueryAccess(port, { projectId: P })).toEqual({
      ok: false, field: 'projectId', message: 'Google Cloud has no project "acme-marketing" that your Google account can see. Check the project id on the Cloud console\'s dashboard.',
    });
  });

  it('the API turned off, or no role: beside the project field', () => {
    const off = new FakeBigQuery([P]).fail('getDataset', { code: 403, reason: 'accessNotConfigured', message: 'BigQuery API has not been used in project 1234 before or it is disabled.' });
    expect(checkBigQueryAccess(off, { projectId: P })).toMatchObject({ ok: false, field: 'projectId', message: expect.stringMatching(/^The BigQuery API is turned off in project acme-marketing\./) });
    const denied = new FakeBigQuery([P]).fail('createDataset', { code: 403, reason: 'accessDenied', message: 'Access Denied: Project acme-marketing: User does not have bigquery.datasets.create permission in project acme-marketing.' });
    expect(checkBigQueryAccess(denied, { projectId: P })).toMatchObject({ ok: false, field: 'projectId', message: expect.stringMatching(/^Your Google account may not use BigQuery in project acme-marketing\./) });
    expect(checkBigQueryAccess(denied, { projectId: P }).consentUrl).toBeUndefined();
  });

  it('what was typed wrong is said before BigQuery is asked', () => {
    const port = new FakeBigQuery([P]);
    expect(checkBigQueryAccess(port, { projectId: 'Acme', location: 'US' })).toMatchObject({ ok: false, field: 'projectId' });
    expect(checkBigQueryAccess(port, { projectId: P, datasetId: 'my-data' })).toMatchObject({ ok: false, field: 'datasetId' });
    expect(checkBigQueryAccess(port, { projectId: P, location: 'Mars' })).toMatchObject({ ok: false, field: 'location' });
    expect(checkBigQueryAccess(port, null)).toMatchObject({ ok: false, field: 'projectId' });
    expect(port.calls).toEqual([]);
  });
});
