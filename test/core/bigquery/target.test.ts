// The project, dataset and location a person types for BigQuery: what is taken, what is refused, and
// the field each refusal is about.
import { describe, expect, it } from 'vitest';
import { BIGQUERY_LOCATIONS, checkTarget, DEFAULT_DATASET, tablePath } from '../../../src/core/bigquery/target';

const refusal = (value: unknown) => {
  const checked = checkTarget(value);
  if (!('message' in checked)) throw new Error(`expected a refusal, got ${JSON.stringify(checked)}`);
  return checked;
};

describe('project ids', () => {
  it.each([
    'acme-marketing', 'example.com:acme-proj', 'abcdef', 'a12345', 'acme-marketing-2026', `a${'b'.repeat(28)}c`, 'my.company.co.uk:reports-proj',
  ])('takes %s', (projectId) => {
    expect(checkTarget({ projectId, datasetId: 'sheetgram', location: 'US' })).toEqual({ projectId, datasetId: 'sheetgram', location: 'US' });
  });

  it.each([
    ['Acme', 'capitals'], ['ACME-MARKETING', 'capitals'], ['ab', 'too short'], ['abcde', 'five characters'], [`a${'b'.repeat(29)}c`, '31 characters'],
    ['1abc-def', 'starts with a digit'], ['-abc-def', 'starts with a hyphen'], ['abc-', 'ends with a hyphen'], ['acme-marketing-', 'ends with a hyphen'],
    ['acme marketing', 'a space'], ['acme_marketing', 'an underscore'], ['acme-marketing.sheetgram', 'a dataset in it'],
    ['example.com:', 'a domain without project'], [':acme-proj', 'a colon without domain'], ['123456789012', 'a project number'],
  ])('refuses %s (%s), saying what ids look like', (projectId) => {
    const r = refusal({ projectId, datasetId: 'sheetgram', location: 'US' });
    expect(r.field).toBe('projectId');
    expect(r.message).toBe(`"${projectId}" is not a Google Cloud project id: ids have 6 to 30 lowercase letters, digits and hyphens, and start with a letter.`);
  });

  it('asks for one when there is none', () => {
    for (const value of [{}, { projectId: '   ' }, { projectId: 42 }, null, undefined, 'acme-marketing', []]) {
      const r = refusal(value);
      expect(r.field).toBe('projectId');
      expect(r.message).toMatch(/^Type the id of your Google Cloud project/);
    }
  });

  it('trims what was typed around it', () => {
    expect(checkTarget({ projectId: '  acme-marketing ', datasetId: ' instagram_data ', location: ' EU ' })).toEqual({ projectId: 'acme-marketing', datasetId: 'instagram_data', location: 'EU' });
  });
});

describe('dataset ids', () => {
  it.each(['sheetgram', 'instagram_data', 'Instagram2026', '_private', '2026_data', 'a'.repeat(1024)])('takes %s', (datasetId) => {
    expect(checkTarget({ projectId: 'acme-marketing', datasetId, location: 'US' })).toMatchObject({ datasetId });
  });

  it.each(['my-data', 'my data', 'données', 'acme.sheetgram', 'a'.repeat(1025), 'sheetgram;drop'])('refuses %s', (datasetId) => {
    const r = refusal({ projectId: 'acme-marketing', datasetId, location: 'US' });
    expect(r.field).toBe('datasetId');
    expect(r.message).toBe('A dataset name may only hold letters, digits and underscores (such as sheetgram or instagram_data).');
  });

  it(`is "${DEFAULT_DATASET}" when left empty, and the location US`, () => {
    expect(checkTarget({ projectId: 'acme-marketing' })).toEqual({ projectId: 'acme-marketing', datasetId: 'sheetgram', location: 'US' });
    expect(checkTarget({ projectId: 'acme-marketing', datasetId: '  ', location: '' })).toEqual({ projectId: 'acme-marketing', datasetId: 'sheetgram', location: 'US' });
  });
});

describe('locations', () => {
  it('takes every location the sidebar lists', () => {
    for (const location of BIGQUERY_LOCATIONS) expect(checkTarget({ projectId: 'acme-marketing', location })).toMatchObject({ location });
  });

  it.each(['Mars', 'europe-north9', 'us-central1; DROP'])('refuses %s, listing the choices', (location) => {
    const r = refusal({ projectId: 'acme-marketing', location });
    expect(r.field).toBe('location');
    expect(r.message).toBe(`Choose a location from the list (${BIGQUERY_LOCATIONS.join(', ')}).`);
  });

  it('checks the project first, then the dataset, then the location', () => {
    expect(refusal({ projectId: 'Acme', datasetId: 'my-data', location: 'Mars' }).field).toBe('projectId');
    expect(refusal({ projectId: 'acme-marketing', datasetId: 'my-data', location: 'Mars' }).field).toBe('datasetId');
  });
});

describe('tablePath', () => {
  it('is project.dataset.table', () => {
    expect(tablePath({ projectId: 'acme-marketing', datasetId: 'sheetgram', location: 'US' }, 'user_information')).toBe('acme-marketing.sheetgram.user_information');
    expect(tablePath({ projectId: 'example.com:acme-proj', datasetId: 'ig', location: 'EU' }, 'recent_media')).toBe('example.com:acme-proj.ig.recent_media');
  });
});
