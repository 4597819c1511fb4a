// Plans about the account itself: the profile snapshot, daily account insights, audience
// demographics and online followers. Each is one page: a handful of calls.
import { addDays, calendarDateIn, insightDay, isoDate, midnightIn, parseIsoDate, PACIFIC, type CalendarDate } from '../dates';
import { firstRunHistory, FOLLOWER_SOURCES } from '../follower-history';
import { isGraphError } from '../graph-contract';
import { accountMetricsFor, answeredKey, DEMOGRAPHIC_AUDIENCES, DEMOGRAPHIC_BREAKDOWNS, type AccountMetric } from '../metrics';
import type { SourceRecord } from '../types';
import { isTooMuchData } from './ask-less';
import { droppedNote, withFieldFallback } from './graph-fields';
import { getManyConfirmed, isMetricRefusal, readItemInsights, rejectedMetric, type InsightOutcome } from './insights';
import { emptyPage, type PlanContext, type PlanPage, type RequestPlan } from './plan';

const PROFILE_FIELDS = ['id', 'username', 'name', 'biography', 'website', 'profile_picture_url', 'followers_count', 'follows_count', 'media_count', 'account_type'];

export const userInformationPlan: RequestPlan = (ctx) => {
  const wanted = ['id', ...ctx.fields.map((f) => f.from ?? f.id).filter((f) => PROFILE_FIELDS.includes(f) && f !== 'id')];
  const { value, dropped } = withFieldFallback(ctx, wanted, (fields) => ctx.reader.get<SourceRecord>(ctx.config.accountId, { fields: fields.join(',') }));
  const profile = { ...value, source: FOLLOWER_SOURCES.measured };
  // A first run also adds the past days' followers, rebuilt from Meta's daily follows and unfollows.
  const history = firstRunHistory(ctx, profile);
  return { ...emptyPage(), records: [...history.records, profile], notes: [...droppedNote(dropped), ...history.notes] };
};

/** Account insights are kept 30 days at most per request and per metric (follower_count). */
const MAX_DAYS = 30;
/** Meta may revise the last two days; they are marked provisional and read again next run. */
export const PROVISIONAL_DAYS = 2;

function bucketZone(ctx: PlanContext): string {
  return ctx.config.settings.insightDayTimeZone ?? PACIFIC;
}

/** The days to read: since the last run (re-reading its provisional days), up to yesterday. */
export function insightDays(ctx: PlanContext): { first: CalendarDate; last: CalendarDate } {
  // A repair asks for its own days (at most 30 at a time: core/repair/plans.ts splits longer ranges).
  if (ctx.repair) return { first: parseIsoDate(ctx.repair.from) as CalendarDate, last: parseIsoDate(ctx.repair.to) as CalendarDate };
  const last = addDays(calendarDateIn(ctx.now, bucketZone(ctx)), -1);
  const earliest = addDays(last, -(MAX_DAYS - 1));
  const previous = ctx.state.lastInsightDay ? parseIsoDate(ctx.state.lastInsightDay) : null;
  let first = previous ? addDays(previous, -(PROVISIONAL_DAYS - 1)) : earliest;
  if (isoDate(first) < isoDate(earliest)) first = earliest;
  if (isoDate(first) > isoDate(last)) first = last;
  return { first, last };
}

const seconds = (ms: number) => String(Math.floor(ms / 1000));

export const accountInsightsPlan: RequestPlan = (ctx) => {
  const zone = bucketZone(ctx);
  const { first, last } = insightDays(ctx);
  const metrics = accountMetricsFor(ctx.fields.map((f) => f.id), ctx.apiMajor);
  const notes: string[] = [];
  const rows = new Map<string, SourceRecord>();
  const row = (day: CalendarDate) => {
    const key = isoDate(day);
    if (!rows.has(key)) rows.set(key, { date: day, provisional: isoDate(day) >= isoDate(addDays(last, -(PROVISIONAL_DAYS - 1))) });
    return rows.get(key) as SourceRecord;
  };
  for (let d = first; isoDate(d) <= isoDate(last); d = addDays(d, 1)) row(d);
  const plainMetrics = metrics.filter((m) => !m.breakdown);
  const fieldOf = new Map(plainMetrics.map((m) => [m.metric, m.field]));
  const days = [...rows.values()].map((r) => r.date as CalendarDate);
  const dayWindow = (day: CalendarDate) => ({ since: seconds(midnightIn(day, zone)), until: seconds(midnightIn(addDays(day, 1), zone)) });
  const skipped: PlanPage['skipped'] = [];
  const put = (outcome: InsightOutcome, column: (key: string) => string | undefined) => {
    notes.push(...dedupeNotes(outcome.notes));
    skipped.push(...outcome.skipped);
    for (const [day, values] of outcome.values) {
      const r = rows.get(day);
      if (!r) continue;
      for (const [key, value] of values) {
        const field = column(key);
        if (field) r[field] = value;
      }
    }
  };

  // Time-series metrics: one call for the whole range (a refused metric is dropped and the call repeated).
  let series = plainMetrics.filter((m) => m.metricType === 'time_series').map((m) => m.metric);
  while (series.length) {
    try {
      const body = ctx.reader.get<{ data?: { name: string; values?: { value: unknown; end_time: string }[] }[] }>(`${ctx.config.accountId}/insights`, {
        metric: series.join(','), period: 'day', metric_type: 'time_series',
        since: seconds(midnightIn(first, zone)), until: seconds(midnightIn(addDays(last, 1), zone)),
      });
      for (const entry of body.data ?? []) {
        for (const v of entry.values ?? []) {
          const day = insightDay(v.end_time, zone);
          if (day && rows.has(isoDate(day))) row(day)[fieldOf.get(entry.name) ?? entry.name] = v.value;
        }
      }
      break;
    } catch (e) {
      if (isTooMuchData(e)) {
        // Too much at once: one day per call instead (fewer metrics per call if a day is still too much).
        notes.push('Instagram asked for less data at a time ("reduce the amount of data"): Sheetgram read the daily series one day at a time.');
        const asked = series;
        put(readItemInsights(ctx.reader, days.map((day) => ({
          id: isoDate(day), metrics: asked,
          request: (m: string[]) => ({ path: `${ctx.config.accountId}/insights`, params: { metric: m.join(','), period: 'day', metric_type: 'time_series', ...dayWindow(day) } }),
        }))), (key) => fieldOf.get(key));
        break;
      }
      if (!isGraphError(e) || !isMetricRefusal(e)) throw e;
      const refused = rejectedMetric(e, series) ?? series[0];
      notes.push(`Instagram refused the account metric "${refused}"; that column stays empty.`);
      series = series.filter((m) => m !== refused);
    }
  }

  // Total-value metrics: one total per call, so one call per day, sent together.
  const totals = plainMetrics.filter((m) => m.metricType === 'total_value').map((m) => m.metric);
  put(readItemInsights(ctx.reader, totals.length ? days.map((day) => ({
    id: isoDate(day), metrics: totals,
    request: (asked: string[]) => ({ path: `${ctx.config.accountId}/insights`, params: { metric: asked.join(','), period: 'day', metric_type: 'total_value', ...dayWindow(day) } }),
  })) : []), (key) => fieldOf.get(key));

  // Parts of a breakdown (follows and unfollows by follow_type): one call per day and breakdown, on their own.
  const parts = metrics.filter((m) => m.breakdown);
  const byBreakdown = new Map<string, AccountMetric[]>();
  for (const m of parts) byBreakdown.set(`${m.metric}|${m.breakdown?.dimension}`, [...(byBreakdown.get(`${m.metric}|${m.breakdown?.dimension}`) ?? []), m]);
  for (const group of byBreakdown.values()) {
    const { metric, breakdown } = group[0] as AccountMetric & { breakdown: { dimension: string; value: string } };
    const answered = `$answered ${metric}`;
    const columnOf = new Map<string, string>([...group.map((m): [string, string] => [`${metric}.${m.breakdown?.value.toLowerCase()}`, m.field]), [answeredKey(metric, breakdown.dimension), answered]]);
    put(readItemInsights(ctx.reader, days.map((day) => ({
      id: isoDate(day), metrics: [metric],
      request: (asked: string[]) => ({ path: `${ctx.config.accountId}/insights`, params: {
        metric: asked.join(','), period: 'day', metric_type: 'total_value', breakdown: breakdown.dimension, ...dayWindow(day),
      } }),
    }))), (key) => columnOf.get(key));
    // An answered breakdown without a part (nobody unfollowed) is 0; a day Meta gave nothing for stays empty.
    for (const r of rows.values()) {
      if (r[answered] === undefined) continue;
      delete r[answered];
      for (const m of group) if (r[m.field] === undefined) r[m.field] = 0;
    }
  }
  return { records: [...rows.values()], cursor: null, skipped, notes: [...new Set(notes)], state: { lastInsightDay: isoDate(last) } };
};

/** "2026-07-01: Instagram refused X" for 30 days reads better once. */
function dedupeNotes(notes: string[]): string[] {
  return [...new Set(notes.map((n) => n.replace(/^\d{4}-\d{2}-\d{2}: /, '')))];
}

interface Breakdowns {
  total_value?: { breakdowns?: { dimension_keys?: string[]; results?: { dimension_values?: string[]; value?: unknown }[] }[] };
}

export const demographicsPlan: RequestPlan = (ctx) => {
  const timeframe = ctx.config.settings.timeframe ?? 'this_month';
  const asks = DEMOGRAPHIC_AUDIENCES.flatMap((a) => DEMOGRAPHIC_BREAKDOWNS.map((b) => ({ ...a, breakdown: b })));
  const results = getManyConfirmed<{ data?: Breakdowns[] }>(ctx.reader, asks.map((a) => ({
    path: `${ctx.config.accountId}/insights`,
    params: { metric: a.metric, period: 'lifetime', metric_type: 'total_value', timeframe, breakdown: a.breakdown },
  })));
  const page = emptyPage();
  results.forEach((result, i) => {
    const ask = asks[i];
    if (!result.ok) {
      if (['auth', 'rate_limit', 'network', 'transient'].includes(result.error.kind)) throw result.error;
      page.skipped.push({ id: `${ask.audience} by ${ask.breakdown}`, reason: result.error.userMessage });
      return;
    }
    const data = result.value.data ?? [];
    if (!data.length) page.notes.push(`${ask.audience} by ${ask.breakdown}: no data (Meta gives none under 100 followers or engagements).`);
    for (const breakdown of data[0]?.total_value?.breakdowns ?? []) {
      const at = Math.max(0, (breakdown.dimension_keys ?? []).indexOf(ask.breakdown));
      for (const r of breakdown.results ?? []) {
        page.records.push({ audience: ask.audience, breakdown: ask.breakdown, value: r.dimension_values?.[at] ?? '', count: r.value, timeframe });
      }
    }
  });
  return page;
};

export const onlineFollowersPlan: RequestPlan = (ctx) => {
  const zone = bucketZone(ctx);
  const { first, last } = insightDays(ctx);
  const body = ctx.reader.get<{ data?: { values?: { value?: Record<string, unknown>; end_time: string }[] }[] }>(`${ctx.config.accountId}/insights`, {
    metric: 'online_followers', period: 'lifetime', metric_type: 'time_series',
    since: seconds(midnightIn(first, zone)), until: seconds(midnightIn(addDays(last, 1), zone)),
  });
  const page = emptyPage();
  for (const v of body.data?.[0]?.values ?? []) {
    const day = insightDay(v.end_time, zone);
    if (!day || !v.value || typeof v.value !== 'object') continue;
    for (const [hour, followers] of Object.entries(v.value)) {
      const h = Number(hour);
      page.records.push({ date: day, hour: h, local_time: new Date(midnightIn(day, zone) + h * 3_600_000), followers_online: followers });
    }
  }
  if (!page.records.length) page.notes.push('No online-follower data: Meta gives it only for accounts with 100 followers or more, for the last 30 days.');
  page.state = { lastInsightDay: isoDate(last) };
  return page;
};
