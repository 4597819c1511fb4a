// The BigQuery advanced service in the runtime: a global only when the bundle's manifest enables it
// (under its userSymbol), seeded projects, one BigQuery shared by every execution and document, and
// rt.bigquery to read tables back. A fresh runtime (and DuckDB database) per test.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createRuntime } from '../../../local/apps-script/runtime';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const START = Date.parse('2026-01-05T09:00:00Z');
const PROJECT = 'acme-marketing';

describe('the BigQuery advanced service in the runtime', () => {
  it('is a global only when appsscript.json enables it', () => {
    expect(createRuntime({ bundleDir: fixture('bigquery-off'), start: START }).call('hasBigQuery')).toBe(false);
    expect(createRuntime({ bundleDir: fixture('bigquery'), start: START }).call('hasBigQuery')).toBe(true);
  });

  it('takes the name the manifest gives it (userSymbol)', () => {
    const rt = createRuntime({ bundleDir: fixture('bigquery-symbol'), start: START, bigquery: { projects: [{ projectId: PROJECT }] } });
    expect(rt.call('globals')).toEqual({ BigQuery: false, BQ: true });
    expect(rt.call('datasetLocation', [PROJECT])).toBe('EU');
  });

  it('loads with a polled job on the virtual clock and queries; rt.bigquery reads the table back', () => {
    const rt = createRuntime({ bundleDir: fixture('bigquery'), start: START, bigquery: { projects: [{ projectId: PROJECT }] } });
    rt.call('setUp', [PROJECT]);
    const before = rt.clock.now();
    expect(rt.call('loadRows', [PROJECT, '{"a":"x","n":2}\n{"a":"y","n":"40"}'])).toBe('2');
    // The job takes 1.5 s of virtual time at least, on top of each call's cost.
    expect(rt.clock.now() - before).toBeGreaterThanOrEqual(1500);
    expect(rt.call('total', [PROJECT])).toBe('42');
    expect(rt.bigquery.query(`SELECT a, n FROM \`${PROJECT}.ig.t\` ORDER BY a`)).toEqual([
      { a: 'x', n: 2 },
      { a: 'y', n: 40 },
    ]);
    expect(rt.bigquery.tables()).toEqual([{ projectId: PROJECT, datasetId: 'ig', tableId: 't', type: 'TABLE', numRows: 2, name: `${PROJECT}:ig.t` }]);
    expect(rt.costs!.spent.get('BigQuery')).toBeGreaterThan(0);
  });

  it('is shared by the executions of every document of the runtime', () => {
    const rt = createRuntime({ bundleDir: fixture('bigquery'), start: START, bigquery: { projects: [{ projectId: PROJECT }] } });
    rt.call('setUp', [PROJECT]);
    const other = rt.addDocument();
    rt.call('loadRows', [PROJECT, '{"a":"x","n":5}'], { document: other.id });
    expect(rt.call('total', [PROJECT])).toBe('5');
  });

  it('throws GoogleJsonResponseException into the script, and knows only seeded projects (rt.bigquery.addProject adds one)', () => {
    const rt = createRuntime({ bundleDir: fixture('bigquery'), start: START });
    expect(() => rt.call('setUp', [PROJECT])).toThrow(`API call to bigquery.datasets.insert failed with error: Not found: Project ${PROJECT}`);
    rt.bigquery.addProject({ projectId: PROJECT });
    rt.call('setUp', [PROJECT]);
    expect(rt.call('errorOf', [PROJECT])).toEqual({
      name: 'GoogleJsonResponseException',
      message: `API call to bigquery.tables.get failed with error: Not found: Table ${PROJECT}:ig.nope`,
      code: 404,
      reason: 'notFound',
    });
  });
});
