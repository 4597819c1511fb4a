// The views beside each table: the latest snapshot per key for every report, and for post reports how
// each post grew by days since posting.
import { describe, expect, it } from 'vitest';
import { reportColumns } from '../../../src/core/bigquery/schema';
import { viewsOf } from '../../../src/core/bigquery/views';
import { getReport, REPORTS } from '../../../src/core/reports/registry';

const DATASET = 'acme-marketing.sheetgram';
const ZONE = 'Asia/Tokyo';

describe('the latest view', () => {
  it('is there for every report, over its table, one row per account and key', () => {
    for (const report of REPORTS) {
      const [latest] = viewsOf(report, DATASET, ZONE);
      expect(latest.id).toBe(`${report.id}_latest`);
      expect(latest.query).toContain(`FROM \`${DATASET}.${report.id}\``);
      expect(latest.query).toMatch(/QUALIFY ROW_NUMBER\(\) OVER \(PARTITION BY .+ ORDER BY snapshot_date DESC\) = 1$/);
    }
    expect(viewsOf(getReport('user_information'), DATASET, ZONE)[0].query).toContain('PARTITION BY account_id ORDER BY');
    expect(viewsOf(getReport('recent_media'), DATASET, ZONE)[0].query).toContain('PARTITION BY account_id, id ORDER BY');
    expect(viewsOf(getReport('online_followers'), DATASET, ZONE)[0].query).toContain('PARTITION BY account_id, date, hour ORDER BY');
  });

  it('says what a row is', () => {
    expect(viewsOf(getReport('recent_media'), DATASET, ZONE)[0].description).toBe('User\'s Recent Media: the latest snapshot of each id of each account.');
    expect(viewsOf(getReport('online_followers'), DATASET, ZONE)[0].description).toBe('Online Followers: the latest snapshot of each date, hour of each account.');
  });

  it('says "each account" once for a report keyed by the account alone', () => {
    expect(viewsOf(getReport('user_information'), DATASET, ZONE)[0].description).toBe('User\'s Information: the latest snapshot of each account.');
  });
});

describe('the growth view', () => {
  const growing = (id: string) => viewsOf(getReport(id), DATASET, ZONE).some((v) => v.id === `${id}_growth`);

  it('is there for the reports whose rows are the account\'s posts, as docs/bigquery.md lists them', () => {
    // Not Hashtags: its rows repeat a post once per hashtag and list, and the growth view (which has
    // neither column) would show each post's day several times over, indistinguishable.
    expect(REPORTS.filter((r) => growing(r.id)).map((r) => r.id).sort()).toEqual(['media_insights', 'recent_media', 'stories', 'tagged_media']);
  });

  it('is not there for reports whose rows are not posts', () => {
    for (const id of ['user_information', 'account_insights', 'audience_demographics', 'comments', 'online_followers', 'competitors']) expect(growing(id), id).toBe(false);
  });

  it('gives each post\'s figures by days since posting, numbers only', () => {
    const report = getReport('media_insights');
    const growth = viewsOf(report, DATASET, ZONE).find((v) => v.id === 'media_insights_growth')!;
    expect(growth.query).toContain('id AS media_id, timestamp AS posted_at, snapshot_date');
    expect(growth.query).toContain("DATE_DIFF(snapshot_date, DATE(timestamp, 'Asia/Tokyo'), DAY) AS days_since_posting");
    expect(growth.query).toContain(`FROM \`${DATASET}.media_insights\``);
    expect(growth.query).toContain('WHERE timestamp IS NOT NULL');
    const numeric = reportColumns(report).filter((c) => c.type === 'INT64' || c.type === 'FLOAT64').map((c) => c.name);
    expect(numeric).toContain('views');
    expect(growth.query).toContain(`days_since_posting, ${numeric.join(', ')}`);
    expect(growth.query).not.toContain('caption');
    expect(growth.query).not.toContain('permalink,');
  });
});
