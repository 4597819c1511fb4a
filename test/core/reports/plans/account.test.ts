// Account plans: insight days from Pacific end_time across DST, provisional days, refused metrics, demographics, online followers.
import { describe, expect, it } from 'vitest';
import { accountInsightsPlan, demographicsPlan, onlineFollowersPlan, userInformationPlan } from '../../../../src/core/reports/plans/account';
import { toRow } from '../../../../src/core/reports/rows';
import { graphError } from '../../run/fake-graph';
import { planContext, ScriptedReader } from './scripted-reader';

const ACCOUNT = '17841400000000001';

describe('Account Insights', () => {
  // 3 Nov 2026, 12:00 Pacific: US summer time ended on 1 Nov (a 25-hour day).
  const now = Date.parse('2026-11-03T20:00:00Z');
  const series = {
    data: [
      { name: 'reach', period: 'day', values: [
        { value: 10, end_time: '2026-10-31T07:00:00+0000' }, { value: 11, end_time: '2026-11-01T07:00:00+0000' },
        { value: 12, end_time: '2026-11-02T08:00:00+0000' }, { value: 0, end_time: '2026-11-03T08:00:00+0000' }] },
    ],
  };
  const reader = () => new ScriptedReader((path, params) => {
    if (params.metric_type === 'time_series') return series;
    if (params.metric.includes('views')) throw graphError('unsupported_metric', '(#100) metric[0] must be one of the following values: reach, ...', 100);
    return { data: params.metric.split(',').map((name) => ({ name, total_value: { value: Number(params.since) % 7 } })) };
  });

  it('dates each Pacific day by end_time minus one day, shown as that date in the spreadsheet time zone, across DST', () => {
    const r = reader();
    const ctx = planContext('account_insights', r, now, { state: { lastInsightDay: '2026-10-31' } }, 'Asia/Tokyo');
    const page = accountInsightsPlan(ctx, null);
    const dates = page.records.map((x) => x.date);
    expect(dates).toEqual([{ year: 2026, month: 10, day: 30 }, { year: 2026, month: 10, day: 31 }, { year: 2026, month: 11, day: 1 }, { year: 2026, month: 11, day: 2 }]);
    expect(page.records.map((x) => x.reach)).toEqual([10, 11, 12, 0]);
    expect(page.records.map((x) => x.provisional)).toEqual([false, false, true, true]);
    const row = toRow(page.records[2], ctx.fields, 'Asia/Tokyo');
    expect(row[ctx.fields.findIndex((f) => f.id === 'date')]).toEqual(new Date('2026-10-31T15:00:00Z')); // 1 Nov 00:00 in Tokyo
    // The time-series call spans Pacific midnights: 30 Oct 00:00 PDT to 3 Nov 00:00 PST.
    const ts = r.requests.find((q) => q.params.metric_type === 'time_series')!;
    expect(ts.params.since).toBe(String(Date.parse('2026-10-30T07:00:00Z') / 1000));
    expect(ts.params.until).toBe(String(Date.parse('2026-11-03T08:00:00Z') / 1000));
    expect(page.state).toEqual({ lastInsightDay: '2026-11-02' });
  });

  it('drops a refused total-value metric for each day, keeps the others, and notes it once', () => {
    const ctx = planContext('account_insights', reader(), now, { state: { lastInsightDay: '2026-11-01' } });
    const page = accountInsightsPlan(ctx, null);
    expect(page.records.map((x) => x.date)).toEqual([{ year: 2026, month: 10, day: 31 }, { year: 2026, month: 11, day: 1 }, { year: 2026, month: 11, day: 2 }]);
    expect(page.records[0].views).toBeUndefined();
    expect(typeof page.records[0].likes).toBe('number');
    expect(page.notes.filter((n) => n.includes('"views"'))).toHaveLength(1);
  });

  it('reads 30 days on a first run', () => {
    const ctx = planContext('account_insights', reader(), now);
    expect(accountInsightsPlan(ctx, null).records).toHaveLength(30);
  });
});

describe("User's Information", () => {
  it('retries without fields Instagram Login refuses and says which', () => {
    const r = new ScriptedReader((_p, params) => {
      if (params.fields.includes('biography')) throw graphError('invalid', '(#100) Tried accessing nonexisting field (biography)', 100);
      return { id: ACCOUNT, username: 'dino', followers_count: 5 };
    });
    const ctx = planContext('user_information', r, Date.now(), { loginFlow: 'instagram' });
    const page = userInformationPlan(ctx, null);
    expect(page.records[0]).toMatchObject({ username: 'dino', followers_count: 5 });
    expect(page.notes[0]).toMatch(/biography, website/);
    expect(r.callsUsed).toBe(2);
  });
});

describe('Audience Demographics', () => {
  it('flattens breakdowns, skipping the timeframe dimension, and skips what is refused', () => {
    const r = new ScriptedReader((_p, params) => {
      if (params.metric === 'engaged_audience_demographics') throw graphError('invalid', 'Not enough engagement', 100);
      return { data: [{ total_value: { breakdowns: [{ dimension_keys: ['timeframe', params.breakdown], results: [{ dimension_values: ['THIS_MONTH', `${params.breakdown}-a`], value: 7 }] }] } }] };
    });
    const page = demographicsPlan(planContext('audience_demographics', r, Date.now()), null);
    expect(r.callsUsed).toBe(12);
    expect(page.records).toHaveLength(8);
    expect(page.records[0]).toEqual({ audience: 'Followers', breakdown: 'age', value: 'age-a', count: 7, timeframe: 'this_month' });
    expect(page.skipped.map((s) => s.id)).toContain('Engaged by city');
  });
});

describe('Online Followers', () => {
  it('gives one row per Pacific day and hour', () => {
    const r = new ScriptedReader(() => ({ data: [{ name: 'online_followers', values: [{ value: { 0: 5, 13: 9 }, end_time: '2026-07-11T07:00:00+0000' }] }] }));
    const page = onlineFollowersPlan(planContext('online_followers', r, Date.parse('2026-07-12T12:00:00Z')), null);
    expect(page.records).toEqual([
      { date: { year: 2026, month: 7, day: 10 }, hour: 0, local_time: new Date('2026-07-10T07:00:00Z'), followers_online: 5 },
      { date: { year: 2026, month: 7, day: 10 }, hour: 13, local_time: new Date('2026-07-10T20:00:00Z'), followers_online: 9 },
    ]);
  });
});
