// The BigQuery part of what the sidebar sends on Save (src/core/configurations/input.ts): where the rows
// go and the dataset, checked whatever the browser sent; each refusal names the field it is about.
import { describe, expect, it } from 'vitest';
import type { ConnectedAccount } from '../../../src/core/accounts/types';
import { configurationFromInput, InputError, type ConfigurationInput } from '../../../src/core/configurations/input';

const IG: ConnectedAccount = {
  id: '17841400000000001', username: 'sunny', accountType: 'Media_Creator', flow: 'instagram', scopes: ['instagram_business_basic', 'instagram_business_manage_insights'],
  connectedAt: 0, tokenIssuedAt: 0, tokenExpiresAt: null,
};
const input = (extra: Partial<ConfigurationInput> = {}): ConfigurationInput => ({
  accountId: IG.id, reportId: 'recent_media', fields: ['caption', 'id'], tabName: 'Posts', mode: 'update', schedule: { kind: 'daily', hour: 6 }, ...extra,
});
const ctx = (existing = null as ReturnType<typeof configurationFromInput> | null) => ({ account: IG, existing, owner: 'u1', now: 1000, newId: () => 'c1' });
const refusedAt = (value: unknown): { field: string | undefined; message: string } => {
  try {
    configurationFromInput(value, ctx());
  } catch (e) {
    if (e instanceof InputError) return { field: e.field, message: e.message };
    throw e;
  }
  throw new Error('expected an InputError');
};

describe('where the rows go', () => {
  it('is the spreadsheet alone when not said, or said so', () => {
    for (const extra of [{}, { destination: 'sheet' as const }, { destination: 'sheet' as const, bigquery: { projectId: 'acme-marketing', datasetId: 'x', location: 'US' } }]) {
      const c = configurationFromInput(input(extra), ctx());
      expect(c.destination).toBeUndefined();
      expect(c.bigquery).toBeUndefined();
    }
  });

  it('is the spreadsheet and BigQuery with a checked target, trimmed and with its defaults', () => {
    const c = configurationFromInput(input({ destination: 'sheet_and_bigquery', bigquery: { projectId: ' acme-marketing ', datasetId: '', location: '' } }), ctx());
    expect(c.destination).toBe('sheet_and_bigquery');
    expect(c.bigquery).toEqual({ projectId: 'acme-marketing', datasetId: 'sheetgram', location: 'US' });
    const domain = configurationFromInput(input({ destination: 'sheet_and_bigquery', bigquery: { projectId: 'example.com:acme-proj', datasetId: 'instagram_data', location: 'EU' } }), ctx());
    expect(domain.bigquery).toEqual({ projectId: 'example.com:acme-proj', datasetId: 'instagram_data', location: 'EU' });
  });

  it('drops the target when the person goes back to the spreadsheet alone', () => {
    const first = configurationFromInput(input({ destination: 'sheet_and_bigquery', bigquery: { projectId: 'acme-marketing', datasetId: 'sheetgram', location: 'US' } }), ctx());
    const back = configurationFromInput(input({ id: 'c1', destination: 'sheet' }), ctx(first));
    expect(back.destination).toBeUndefined();
    expect(back.bigquery).toBeUndefined();
  });

  it('is BigQuery only for an Append report, with its target', () => {
    const c = configurationFromInput(input({ mode: 'append', destination: 'bigquery', bigquery: { projectId: 'acme-marketing', datasetId: 'instagram', location: 'EU' } }), ctx());
    expect(c.destination).toBe('bigquery');
    expect(c.bigquery).toEqual({ projectId: 'acme-marketing', datasetId: 'instagram', location: 'EU' });
    expect(c.mode).toBe('append');
  });

  it('going from the spreadsheet and BigQuery to BigQuery only keeps the tab and what the runs read', () => {
    const target = { projectId: 'acme-marketing', datasetId: 'sheetgram', location: 'US' };
    const first = { ...configurationFromInput(input({ mode: 'append', destination: 'sheet_and_bigquery', bigquery: target }), ctx()), state: { lastRunDate: '2026-07-01' } };
    const only = configurationFromInput(input({ id: 'c1', mode: 'append', destination: 'bigquery', bigquery: target }), ctx(first));
    expect(only.tab).toEqual(first.tab);
    expect(only.state?.lastRunDate).toBe('2026-07-01');
  });

  it('turning BigQuery on keeps what the runs read before (the tab is the same)', () => {
    const first = { ...configurationFromInput(input(), ctx()), state: { highWaterMark: '2026-07-01T00:00:00+0000' } };
    const on = configurationFromInput(input({ id: 'c1', destination: 'sheet_and_bigquery', bigquery: { projectId: 'acme-marketing', datasetId: 'sheetgram', location: 'US' } }), ctx(first));
    expect(on.state?.highWaterMark).toBe('2026-07-01T00:00:00+0000');
  });
});

describe('refusals name the field', () => {
  it.each([
    ['a destination the sidebar does not offer', { destination: 'warehouse' }, 'destination', 'Choose where the rows go: this spreadsheet, this spreadsheet and BigQuery, or BigQuery only.'],
    ['a destination that is not text', { destination: 1 }, 'destination', 'Choose where the rows go: this spreadsheet, this spreadsheet and BigQuery, or BigQuery only.'],
    ['BigQuery only for an Update report', { destination: 'bigquery', bigquery: { projectId: 'acme-marketing' } }, 'destination', /^"BigQuery only" keeps the history in BigQuery .* needs Append/],
    ['BigQuery only for a Replace report', { mode: 'replace', destination: 'bigquery', bigquery: { projectId: 'acme-marketing' } }, 'destination', /choose "This spreadsheet and BigQuery" for those\.$/],
    ['BigQuery only without a target', { mode: 'append', destination: 'bigquery' }, 'bigquery.projectId', /^Type the id of your Google Cloud project/],
    ['BigQuery without a target', { destination: 'sheet_and_bigquery' }, 'bigquery.projectId', /^Type the id of your Google Cloud project/],
    ['a target that is not an object', { destination: 'sheet_and_bigquery', bigquery: 'acme-marketing' }, 'bigquery.projectId', /^Type the id of your Google Cloud project/],
    ['a project id with capitals', { destination: 'sheet_and_bigquery', bigquery: { projectId: 'Acme', datasetId: 'sheetgram', location: 'US' } }, 'bigquery.projectId', /^"Acme" is not a Google Cloud project id/],
    ['a project id too short', { destination: 'sheet_and_bigquery', bigquery: { projectId: 'ab' } }, 'bigquery.projectId', /^"ab" is not a Google Cloud project id/],
    ['a project id starting with a digit', { destination: 'sheet_and_bigquery', bigquery: { projectId: '1abc-def' } }, 'bigquery.projectId', /is not a Google Cloud project id/],
    ['a project id ending with a hyphen', { destination: 'sheet_and_bigquery', bigquery: { projectId: 'abc-' } }, 'bigquery.projectId', /is not a Google Cloud project id/],
    ['a dataset with a hyphen', { destination: 'sheet_and_bigquery', bigquery: { projectId: 'acme-marketing', datasetId: 'my-data' } }, 'bigquery.datasetId', /^A dataset name may only hold letters, digits and underscores/],
    ['a location not offered', { destination: 'sheet_and_bigquery', bigquery: { projectId: 'acme-marketing', location: 'Mars' } }, 'bigquery.location', /^Choose a location from the list/],
  ])('%s', (_what, extra, field, message) => {
    const refused = refusedAt({ ...input(), ...extra });
    expect(refused.field).toBe(field);
    if (typeof message === 'string') expect(refused.message).toBe(message);
    else expect(refused.message).toMatch(message);
  });

  it('a target sent with the spreadsheet alone is not checked (nothing to fix)', () => {
    expect(() => configurationFromInput({ ...input(), destination: 'sheet', bigquery: { projectId: 'Acme' } }, ctx())).not.toThrow();
  });
});
