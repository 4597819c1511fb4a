// A report's BigQuery table, typed from the registry: column names and types, partitioning, clustering.
import { describe, expect, it } from 'vitest';
import {
  ACCOUNT_ID_COLUMN, columnName, reportColumns, SNAPSHOT_COLUMN, stagingTableIdOf, tableIdOf, tableSpecOf,
} from '../../../src/core/bigquery/schema';
import { getReport, REPORTS } from '../../../src/core/reports/registry';
import type { FieldType, ReportDefinition } from '../../../src/core/reports/types';

const typeOf = (reportId: string, column: string) => reportColumns(getReport(reportId)).find((c) => c.name === column)?.type;

/** GoogleSQL's reserved keywords: a column named so would need backticks in every statement and view. */
const RESERVED = new Set(`ALL AND ANY ARRAY AS ASC ASSERT_ROWS_MODIFIED AT BETWEEN BY CASE CAST COLLATE CONTAINS CREATE CROSS CUBE CURRENT DEFAULT
DEFINE DESC DISTINCT ELSE END ENUM ESCAPE EXCEPT EXCLUDE EXISTS EXTRACT FALSE FETCH FOLLOWING FOR FROM FULL GROUP GROUPING GROUPS HASH HAVING IF
IGNORE IN INNER INTERSECT INTERVAL INTO IS JOIN LATERAL LEFT LIKE LIMIT LOOKUP MERGE NATURAL NEW NO NOT NULL NULLS OF ON OR ORDER OUTER OVER
PARTITION PRECEDING PROTO QUALIFY RANGE RECURSIVE RESPECT RIGHT ROLLUP ROWS SELECT SET SOME STRUCT TABLESAMPLE THEN TO TREAT TRUE UNBOUNDED UNION
UNNEST USING WHEN WHERE WINDOW WITH WITHIN`.split(/\s+/));

describe('columns', () => {
  it('start with the account, its username and the snapshot day, both keys REQUIRED', () => {
    for (const report of REPORTS) {
      expect(reportColumns(report).slice(0, 3).map(({ name, type, mode }) => ({ name, type, mode }))).toEqual([
        { name: 'account_id', type: 'STRING', mode: 'REQUIRED' },
        { name: 'account', type: 'STRING', mode: 'NULLABLE' },
        { name: 'snapshot_date', type: 'DATE', mode: 'REQUIRED' },
      ]);
    }
  });

  it('are typed by field type: ids and text STRING, counts INT64, rates FLOAT64, datetimes TIMESTAMP, dates DATE', () => {
    expect(typeOf('recent_media', 'id')).toBe('STRING');
    expect(typeOf('recent_media', 'caption')).toBe('STRING');
    expect(typeOf('recent_media', 'permalink')).toBe('STRING');
    expect(typeOf('recent_media', 'like_count')).toBe('INT64');
    expect(typeOf('recent_media', 'timestamp')).toBe('TIMESTAMP');
    expect(typeOf('recent_media', 'is_comment_enabled')).toBe('BOOL');
    expect(typeOf('media_insights', 'reels_skip_rate')).toBe('FLOAT64');
    expect(typeOf('media_insights', 'reels_avg_watch_time_ms')).toBe('INT64');
    expect(typeOf('competitors', 'recent_likes_avg')).toBe('FLOAT64');
    expect(typeOf('competitors', 'latest_post_at')).toBe('TIMESTAMP');
    expect(typeOf('account_insights', 'date')).toBe('DATE');
    expect(typeOf('account_insights', 'provisional')).toBe('BOOL');
    expect(typeOf('user_information', 'followers_count')).toBe('INT64');
    expect(typeOf('online_followers', 'local_time')).toBe('TIMESTAMP');
    // Every field type has a column type.
    const expected: Record<FieldType, string> = {
      text: 'STRING', id: 'STRING', url: 'STRING', integer: 'INT64', duration_ms: 'INT64', number: 'FLOAT64', percent: 'FLOAT64', date: 'DATE', datetime: 'TIMESTAMP', boolean: 'BOOL',
    };
    for (const report of REPORTS) {
      for (const c of reportColumns(report)) if (c.field) expect(c.type).toBe(expected[c.field.type]);
    }
  });

  it('are every field of the report, whatever a configuration chose, named by field id, once each', () => {
    for (const report of REPORTS) {
      const names = reportColumns(report).map((c) => c.name);
      expect(new Set(names).size).toBe(names.length);
      for (const f of report.fields) expect(names).toContain(columnName(f.id));
      expect(reportColumns(report).filter((c) => c.field).every((c) => c.mode === 'NULLABLE' && c.description === c.field!.header)).toBe(true);
    }
  });

  it('are names BigQuery takes unquoted: letters, digits, underscores, no reserved keyword', () => {
    for (const report of REPORTS) {
      for (const c of reportColumns(report)) {
        expect(c.name, `${report.id}.${c.name}`).toMatch(/^[A-Za-z_][A-Za-z0-9_]{0,299}$/);
        expect(RESERVED.has(c.name.toUpperCase()), `${report.id}.${c.name} is a reserved keyword`).toBe(false);
      }
    }
  });

  it('columnName makes any field id a column name', () => {
    expect(columnName('followers_count')).toBe('followers_count');
    expect(columnName('profile-activity.bio link')).toBe('profile_activity_bio_link');
    expect(columnName('7day_reach')).toBe('_7day_reach');
  });

  it('a field named like Sheetgram\'s own columns is not a second column', () => {
    const report: ReportDefinition = {
      ...getReport('user_information'), id: 'user_information',
      fields: [{ id: 'account', header: 'Account', type: 'text', description: '', default: true }, ...getReport('user_information').fields],
    };
    expect(reportColumns(report).filter((c) => c.name === 'account')).toHaveLength(1);
  });
});

describe('the table', () => {
  it('is named by report id, partitioned by snapshot day', () => {
    for (const report of REPORTS) {
      expect(tableIdOf(report)).toBe(report.id);
      const spec = tableSpecOf(report);
      expect(spec.partitionBy).toBe(SNAPSHOT_COLUMN);
      expect(spec.columns.map((c) => c.name)).toEqual(reportColumns(report).map((c) => c.name));
      expect(spec.columns.some((c) => 'field' in c)).toBe(false);
      expect(spec.expiresAt).toBeUndefined();
      expect(spec.description).toContain(report.title);
    }
  });

  it('is clustered by account, then the report\'s key, at most 4 fields, each a column', () => {
    for (const report of REPORTS) {
      const spec = tableSpecOf(report);
      expect(spec.clusterBy[0]).toBe(ACCOUNT_ID_COLUMN);
      expect(spec.clusterBy.length).toBeLessThanOrEqual(4);
      for (const c of spec.clusterBy) expect(spec.columns.map((x) => x.name)).toContain(c);
    }
    expect(tableSpecOf(getReport('user_information')).clusterBy).toEqual(['account_id']);
    expect(tableSpecOf(getReport('recent_media')).clusterBy).toEqual(['account_id', 'id']);
    expect(tableSpecOf(getReport('online_followers')).clusterBy).toEqual(['account_id', 'date', 'hour']);
    expect(tableSpecOf(getReport('hashtags')).clusterBy).toEqual(['account_id', 'hashtag', 'list', 'id']);
  });

  it('keeps 4 clustering fields of a key longer than BigQuery allows', () => {
    const base = getReport('audience_demographics');
    const report: ReportDefinition = { ...base, fields: [...base.fields, { id: 'region', header: 'Region', type: 'text', description: '', default: true }], keyColumns: [...base.keyColumns, 'region'] };
    expect(tableSpecOf(report).clusterBy).toEqual(['account_id', 'audience', 'breakdown', 'value']);
  });

  it('says its key in words', () => {
    expect(tableSpecOf(getReport('recent_media')).description).toBe('Sheetgram: User\'s Recent Media. One row per account, snapshot day and id.');
    expect(tableSpecOf(getReport('user_information')).description).toBe('Sheetgram: User\'s Information. One row per account, snapshot day.');
  });
});

describe('staging tables', () => {
  it('are one per configuration, named so BigQuery takes them', () => {
    expect(stagingTableIdOf('c1')).toBe('_sheetgram_staging_c1');
    expect(stagingTableIdOf('3f2a-b9.x')).toBe('_sheetgram_staging_3f2a_b9_x');
    expect(stagingTableIdOf('a-b')).not.toBe(stagingTableIdOf('a-c'));
  });
});
