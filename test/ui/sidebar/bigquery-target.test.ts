// The editor's own checks of a BigQuery dataset, before anything is sent: the shapes Google accepts, and a
// sentence that says what to type when it is not one, for the two things people paste instead of an id.
import { describe, expect, it } from 'vitest';
import { BIGQUERY_LOCATIONS, datasetIdProblem, projectIdProblem } from '../../../src/ui/sidebar/bigquery-target';
import { BIGQUERY_LOCATIONS as SERVER_LOCATIONS } from '../../../src/core/bigquery/target';

describe('a Google Cloud project id', () => {
  it('accepts 6 to 30 lowercase letters, digits and hyphens starting with a letter, and domain-scoped ids', () => {
    for (const id of ['acme-marketing', 'abcdef', 'a'.repeat(30), 'shop-2024-data', 'example.com:analytics', 'corp.example.co.uk:my-project', '  acme-marketing  ']) {
      expect(projectIdProblem(id), id).toBeNull();
    }
  });

  it('asks for one when none is typed', () => {
    expect(projectIdProblem('  ')).toBe('Type the id of your Google Cloud project, as the Cloud console\'s dashboard shows it (such as acme-marketing).');
  });

  it('says so when the project\'s number or its name is typed instead', () => {
    expect(projectIdProblem('123456789012')).toBe('"123456789012" is the project\'s number: type its id instead, shown beside it on the Cloud console (such as acme-marketing).');
    expect(projectIdProblem('Acme Marketing')).toBe('"Acme Marketing" looks like the project\'s name: type its id instead, in lowercase letters, digits and hyphens (such as acme-marketing).');
  });

  it('refuses what is too short, too long, starts with a digit, ends with a hyphen or holds other characters', () => {
    for (const id of ['acme', 'a'.repeat(31), '1acme-data', 'acme-data-', 'acme_data', 'acme.data', ':acme-data', 'example:acme-data']) {
      expect(projectIdProblem(id), id).toMatch(/is not a Google Cloud project id: ids have 6 to 30 lowercase letters, digits and hyphens, start with a letter and do not end with a hyphen\.$/);
    }
  });

  it('cuts a long paste in its sentence', () => {
    expect(projectIdProblem(`x${'_'.repeat(200)}`)).toMatch(/^"x_{39}…" is not/);
  });
});

describe('a dataset name', () => {
  it('accepts letters, digits and underscores up to 1,024 characters', () => {
    for (const id of ['sheetgram', 'Instagram_Data', '_2026', 'a'.repeat(1024)]) expect(datasetIdProblem(id), id).toBeNull();
  });

  it('says what to change', () => {
    expect(datasetIdProblem('')).toBe('Type a dataset name, such as sheetgram.');
    expect(datasetIdProblem('a'.repeat(1025))).toBe('A dataset name has at most 1,024 characters; this one has 1,025.');
    expect(datasetIdProblem('instagram-data')).toBe('A dataset name may only hold letters, digits and underscores (such as sheetgram or instagram_data). Use underscores instead of hyphens.');
    expect(datasetIdProblem('instagram data')).toBe('A dataset name may only hold letters, digits and underscores (such as sheetgram or instagram_data). Use underscores instead of spaces.');
    expect(datasetIdProblem('données')).toBe('A dataset name may only hold letters, digits and underscores (such as sheetgram or instagram_data).');
  });
});

describe('the locations', () => {
  it('are those the server accepts, US first', () => {
    expect(BIGQUERY_LOCATIONS.map((l) => l.value)).toEqual([...SERVER_LOCATIONS]);
    expect(BIGQUERY_LOCATIONS[0].value).toBe('US');
  });
});
