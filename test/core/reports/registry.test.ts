// The registry: all 11 reports complete, modes and flows, derived headers and the docs tables.
import { describe, expect, it } from 'vitest';
import { defaultFields, fieldsToWrite, getReport, keyHeaders, renderReportsTable, REPORTS } from '../../../src/core/reports/registry';
import { PLANS } from '../../../src/core/reports/plans';

describe('the report registry', () => {
  it('has the 11 reports of the issue, each complete', () => {
    expect(REPORTS.map((r) => r.title)).toEqual([
      "User's Information", "User's Recent Media", 'Media Insights', 'Account Insights', 'Audience Demographics', 'Stories',
      'Comments', 'Online Followers', 'Tagged and mentioned media', 'Competitors', 'Hashtags',
    ]);
    for (const r of REPORTS) {
      expect(r.fields.length, r.id).toBeGreaterThan(2);
      for (const k of r.keyColumns) expect(r.fields.map((f) => f.id), `${r.id} key ${k}`).toContain(k);
      expect(['append', 'replace', 'update']).toContain(r.defaultMode);
      expect(r.loginFlows.length, r.id).toBeGreaterThan(0);
      expect(r.description.length, r.id).toBeGreaterThan(10);
      expect(r.description, r.id).not.toContain('\n');
      // Account and Account ID are every report's own columns: no report field may take their headers.
      const written = fieldsToWrite(r, r.fields.map((f) => f.id), 'append', r.loginFlows[0]).map((f) => f.header);
      expect(new Set(written).size, `${r.id} headers unique: ${written.join(', ')}`).toBe(written.length);
      expect(keyHeaders(r, 'update')[0], r.id).toBe('Account ID');
      expect(PLANS[r.id], r.id).toBeTypeOf('function');
    }
  });

  it('defaults to Append for snapshots and Update for posts and insights', () => {
    expect(getReport('user_information').defaultMode).toBe('append');
    expect(getReport('audience_demographics').defaultMode).toBe('append');
    expect(getReport('recent_media').defaultMode).toBe('update');
    expect(getReport('media_insights').defaultMode).toBe('update');
  });

  it('keeps Facebook-Login-only reports off Instagram Login', () => {
    for (const id of ['tagged_media', 'competitors', 'hashtags']) expect(getReport(id).loginFlows).toEqual(['facebook']);
  });

  it('always writes the account and the key columns, and stamps Append rows with the run date', () => {
    const r = getReport('recent_media');
    const fields = fieldsToWrite(r, ['caption'], 'append', 'facebook');
    expect(fields.map((f) => f.header)).toEqual(['Run date', 'Account', 'Account ID', 'Media ID', 'Caption']);
    expect(keyHeaders(r, 'append')).toEqual(['Run date', 'Account ID', 'Media ID']);
    expect(keyHeaders(r, 'update')).toEqual(['Account ID', 'Media ID']);
    expect(keyHeaders(getReport('account_insights'), 'update')).toEqual(['Account ID', 'Date']);
    expect(keyHeaders(getReport('user_information'), 'update')).toEqual(['Account ID']);
    expect(fieldsToWrite(getReport('user_information'), defaultFields(getReport('user_information')), 'update', 'facebook').map((f) => f.id)).not.toContain('account_type');
  });

  it('renders the docs table with one line per report', () => {
    const table = renderReportsTable().split('\n');
    expect(table).toHaveLength(2 + REPORTS.length);
    expect(table[2]).toMatch(/^\| User's Information \|.*\*\*Followers\*\*.*\| Run date \+ Account ID \| Append \| Instagram Login, Facebook Login \| Daily \|$/);
    expect(table.find((l) => l.startsWith('| Hashtags'))).toMatch(/\| Facebook Login \|/);
  });
});

describe('retired data table', () => {
  it('names what the old connector gave that the API no longer does', async () => {
    const { renderRetiredTable, RETIRED_DATA } = await import('../../../src/core/reports/retired');
    const table = renderRetiredTable();
    expect(table.split('\n')).toHaveLength(2 + RETIRED_DATA.length);
    for (const what of ['accounts a user follows', 'liked', 'influence', 'Topics of interest']) expect(table).toContain(what);
  });
});
