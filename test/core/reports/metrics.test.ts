// The metrics table: stable columns across renames, per product type, per version and login flow.
import { describe, expect, it } from 'vitest';
import { accountMetricsFor, apiMajor, commonMediaMetrics, insightProductType, mediaMetricsFor, metricForColumn } from '../../../src/core/reports/metrics';

describe('media metrics table', () => {
  it('feeds the stable "views" column from views now and from impressions or plays before v22', () => {
    expect(metricForColumn('views', 'FEED', 27, 'facebook')).toBe('views');
    expect(metricForColumn('views', 'FEED', 21, 'facebook')).toBe('impressions');
    expect(metricForColumn('views', 'REELS', 21, 'facebook')).toBe('plays');
  });

  it('picks metrics by product type', () => {
    const fields = ['reach', 'follows', 'reels_avg_watch_time_ms', 'replies'];
    expect([...mediaMetricsFor(fields, 'FEED', 27, 'facebook').values()]).toEqual(['reach', 'follows']);
    expect([...mediaMetricsFor(fields, 'REELS', 27, 'facebook').values()]).toEqual(['reach', 'ig_reels_avg_watch_time']);
    expect([...mediaMetricsFor(fields, 'STORY', 27, 'facebook').values()]).toEqual(['reach', 'follows', 'replies']);
  });

  it('finds what feed and reels share, to nest on a mixed page', () => {
    expect([...commonMediaMetrics(['views', 'reach', 'saved', 'follows', 'reels_skip_rate'], ['FEED', 'REELS'], 27, 'facebook').values()]).toEqual(['views', 'reach', 'saved']);
  });

  it('respects login flows and maps product types', () => {
    expect(metricForColumn('link_clicks', 'STORY', 27, 'instagram')).toBeNull();
    expect(metricForColumn('link_clicks', 'STORY', 27, 'facebook')).toBe('link_clicks');
    expect(insightProductType('CAROUSEL_ALBUM')).toBe('FEED');
    expect(insightProductType('AD')).toBe('FEED');
    expect(insightProductType('REELS')).toBe('REELS');
  });
});

describe('account metrics', () => {
  it('knows how each is asked and drops views before v22', () => {
    const m = accountMetricsFor(['reach', 'new_followers', 'views'], 27);
    expect(m.map((x) => [x.metric, x.metricType])).toEqual([['reach', 'time_series'], ['follower_count', 'time_series'], ['views', 'total_value']]);
    expect(accountMetricsFor(['views'], 21)).toEqual([]);
    expect(apiMajor('v27.0')).toBe(27);
  });
});
