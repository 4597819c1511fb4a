// Scopes granted per user and the scope gate: a gated service throws Google's message for a user who
// did not grant its scope, in FULL mode only, and works once the scope is granted.
import { describe, expect, it } from 'vitest';
import { gateService, gateServices, ScopeGrants } from '../../../../../local/apps-script/services/script-app/scopes';
import { EDITOR, newPlatform, OWNER, runAs } from '../../support';

const BIGQUERY = 'https://www.googleapis.com/auth/bigquery';
const FETCH = 'https://www.googleapis.com/auth/script.external_request';
const SHEETS = 'https://www.googleapis.com/auth/spreadsheets.currentonly';

/** A stand-in advanced service: a namespace whose setter returns itself, a builder, a frozen enum. */
function fakeBigQuery() {
  const calls: string[] = [];
  const builder = {
    parts: [] as string[],
    add(part: string) {
      this.parts.push(part);
      return this;
    },
  };
  return {
    calls,
    service: {
      Jobs: {
        location: 'US',
        query: (projectId: string) => (calls.push(`query ${projectId}`), { jobComplete: true }),
        at(location: string) {
          this.location = location;
          return this;
        },
      },
      newBuilder: () => builder,
      Kind: Object.freeze({ TABLE: 'TABLE' }),
    },
  };
}

describe('ScopeGrants', () => {
  it("grants every manifest scope by default; a withheld one is missing until granted again", () => {
    const grants = new ScopeGrants([SHEETS, FETCH, BIGQUERY]);
    expect(grants.granted(OWNER.id)).toEqual([SHEETS, FETCH, BIGQUERY]);
    grants.withhold(OWNER.id, [BIGQUERY]);
    expect(grants.granted(OWNER.id)).toEqual([SHEETS, FETCH]);
    expect(grants.missing(OWNER.id, [SHEETS, BIGQUERY])).toEqual([BIGQUERY]);
    expect(grants.granted(EDITOR.id)).toEqual([SHEETS, FETCH, BIGQUERY]);
    grants.grant(OWNER.id, [BIGQUERY]);
    expect(grants.has(OWNER.id, BIGQUERY)).toBe(true);
  });

  it('grants nothing the manifest does not request, and refuses to withhold it (a typo)', () => {
    const grants = new ScopeGrants([SHEETS]);
    expect(grants.has(OWNER.id, BIGQUERY)).toBe(false);
    expect(() => grants.withhold(OWNER.id, [BIGQUERY])).toThrow(/not among the manifest's oauthScopes/);
    expect(() => grants.grant(OWNER.id, [BIGQUERY])).toThrow(/not among the manifest's oauthScopes/);
  });

  it('without oauthScopes in the manifest, every scope counts as requested and granted unless withheld', () => {
    const grants = new ScopeGrants(undefined);
    expect(grants.has(OWNER.id, BIGQUERY)).toBe(true);
    expect(grants.granted(OWNER.id)).toEqual([]);
    grants.withhold(OWNER.id, [BIGQUERY]);
    expect(grants.has(OWNER.id, BIGQUERY)).toBe(false);
    grants.grant(OWNER.id);
    expect(grants.has(OWNER.id, BIGQUERY)).toBe(true);
  });
});

describe('the scope gate', () => {
  function setup(declared: string[] = [SHEETS, BIGQUERY]) {
    const platform = newPlatform();
    const grants = new ScopeGrants(declared);
    const { service, calls } = fakeBigQuery();
    const BigQuery = gateService('BigQuery', service, BIGQUERY, platform, grants);
    return { platform, grants, BigQuery, calls };
  }

  it("throws Google's message for a user without the scope, and works after granting it", () => {
    const { platform, grants, BigQuery, calls } = setup();
    grants.withhold(OWNER.id, [BIGQUERY]);
    expect(() => runAs(platform, () => BigQuery.Jobs.query('p-1'))).toThrow(
      'You do not have permission to call BigQuery.Jobs.query. Required permissions: https://www.googleapis.com/auth/bigquery',
    );
    expect(() => runAs(platform, () => BigQuery.newBuilder())).toThrow('You do not have permission to call BigQuery.newBuilder.');
    expect(calls).toEqual([]);
    grants.grant(OWNER.id, [BIGQUERY]);
    expect(runAs(platform, () => BigQuery.Jobs.query('p-1'))).toEqual({ jobComplete: true });
    expect(calls).toEqual(['query p-1']);
  });

  it('keeps users apart: one without the scope does not stop another', () => {
    const { platform, grants, BigQuery } = setup();
    grants.withhold(EDITOR.id, [BIGQUERY]);
    expect(runAs(platform, () => BigQuery.Jobs.query('p-1'))).toEqual({ jobComplete: true });
    expect(() => runAs(platform, () => BigQuery.Jobs.query('p-1'), { user: EDITOR })).toThrow(/You do not have permission to call BigQuery.Jobs.query/);
  });

  it('uses the manifest wording when the manifest does not request the scope at all', () => {
    const { platform, BigQuery } = setup([SHEETS]);
    expect(() => runAs(platform, () => BigQuery.Jobs.query('p-1'))).toThrow(
      'Specified permissions are not sufficient to call BigQuery.Jobs.query. Required permissions: https://www.googleapis.com/auth/bigquery',
    );
  });

  it('checks only in FULL mode, the one that runs with the user\'s grants', () => {
    const { platform, grants, BigQuery } = setup();
    grants.withhold(OWNER.id, [BIGQUERY]);
    expect(runAs(platform, () => BigQuery.Jobs.query('p-1'), { authMode: 'CUSTOM_FUNCTION' })).toEqual({ jobComplete: true });
  });

  it('passes values, enums, results and chains through; a method returning its namespace stays gated', () => {
    const { platform, grants, BigQuery } = setup();
    // Results of a gated call are the caller's to use (a builder, a response): not gated again.
    expect(runAs(platform, () => BigQuery.newBuilder().add('a').add('b').parts)).toEqual(['a', 'b']);
    expect(BigQuery.Kind.TABLE).toBe('TABLE');
    expect(Object.keys(BigQuery)).toEqual(['Jobs', 'newBuilder', 'Kind']);
    expect('Jobs' in BigQuery && BigQuery.Jobs === BigQuery.Jobs && BigQuery.Jobs.query === BigQuery.Jobs.query).toBe(true);
    const jobs = runAs(platform, () => BigQuery.Jobs.at('EU'));
    expect(jobs).toBe(BigQuery.Jobs);
    expect(jobs.location).toBe('EU');
    grants.withhold(OWNER.id, [BIGQUERY]);
    expect(() => runAs(platform, () => jobs.query('p-1'))).toThrow(/BigQuery.Jobs.query/);
  });

  it('gates the services a table names, in place and once', () => {
    const platform = newPlatform();
    const grants = new ScopeGrants([SHEETS]);
    const { service } = fakeBigQuery();
    const other = { ping: () => 'pong' };
    const services: Record<string, unknown> = { BigQuery: service, Other: other };
    gateServices(services, platform, grants);
    const gated = services.BigQuery;
    expect(gated).not.toBe(service);
    expect(services.Other).toBe(other);
    gateServices(services, platform, grants);
    expect(services.BigQuery).toBe(gated);
    expect(() => runAs(platform, () => (gated as typeof service).Jobs.query('p'))).toThrow(/Specified permissions are not sufficient to call BigQuery.Jobs.query/);
    expect(runAs(platform, () => (services.Other as typeof other).ping())).toBe('pong');
  });
});
