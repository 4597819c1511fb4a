// Account insights: /{ig-user-id}/insights with the metric table (periods, metric types, breakdowns),
// the 30-day range cap, Pacific-midnight day buckets, follower_count/online_followers limits and
// the demographics with their timeframes (reference §5.2).
import { accountDaily, splitTotal } from '../world/insights';
import { unit } from '../world/random';
import { DAY, formatTimestamp, pacificDay, pacificDayEnd } from '../world/time';
import type { WorldAccount } from '../world';
import { readableAccount, requireInsights, timeParam, type GraphContext } from './context';
import { failures } from './failures';
import { linkWith } from './paging';
import { commaList } from './select';

type MetricType = 'time_series' | 'total_value';
interface AccountMetric {
  periods: string[];
  types: MetricType[];
  breakdowns: string[];
  title: string;
  /** Not returned for accounts under 100 followers. */
  needs100Followers?: boolean;
  /** Only the last 30 days exist. */
  last30Days?: boolean;
  demographic?: boolean;
  /** Accepted by the API but with no data for Instagram accounts (Threads metrics). */
  noData?: boolean;
}

const TOTAL = ['total_value'] as MetricType[];
const DAYP = ['day'];
const MPT = ['media_product_type'];
const DEMO_BREAKDOWNS = ['age', 'city', 'country', 'gender'];

/** In the order Meta lists them in "metric[N] must be one of the following values". */
const METRICS: Record<string, AccountMetric> = {
  reach: { periods: ['day', 'week', 'days_28'], types: ['time_series', 'total_value'], breakdowns: ['media_product_type', 'follow_type'], title: 'Accounts reached' },
  follower_count: { periods: DAYP, types: ['time_series'], breakdowns: [], title: 'Follower count', needs100Followers: true, last30Days: true },
  website_clicks: { periods: DAYP, types: TOTAL, breakdowns: [], title: 'Website clicks' },
  profile_views: { periods: DAYP, types: TOTAL, breakdowns: [], title: 'Profile views' },
  online_followers: { periods: ['lifetime'], types: ['time_series'], breakdowns: [], title: 'Online followers', needs100Followers: true, last30Days: true },
  accounts_engaged: { periods: DAYP, types: TOTAL, breakdowns: [], title: 'Accounts engaged' },
  total_interactions: { periods: DAYP, types: TOTAL, breakdowns: MPT, title: 'Content interactions' },
  likes: { periods: DAYP, types: TOTAL, breakdowns: MPT, title: 'Likes' },
  comments: { periods: DAYP, types: TOTAL, breakdowns: MPT, title: 'Comments' },
  shares: { periods: DAYP, types: TOTAL, breakdowns: MPT, title: 'Shares' },
  saves: { periods: DAYP, types: TOTAL, breakdowns: MPT, title: 'Saves' },
  replies: { periods: DAYP, types: TOTAL, breakdowns: [], title: 'Replies' },
  engaged_audience_demographics: { periods: ['lifetime'], types: TOTAL, breakdowns: DEMO_BREAKDOWNS, title: 'Engaged audience demographics', demographic: true },
  reached_audience_demographics: { periods: ['lifetime'], types: TOTAL, breakdowns: DEMO_BREAKDOWNS, title: 'Reached audience demographics', demographic: true },
  follower_demographics: { periods: ['lifetime'], types: TOTAL, breakdowns: DEMO_BREAKDOWNS, title: 'Follower demographics', demographic: true, needs100Followers: true },
  follows_and_unfollows: { periods: DAYP, types: TOTAL, breakdowns: ['follow_type'], title: 'Follows and unfollows', needs100Followers: true },
  profile_links_taps: { periods: DAYP, types: TOTAL, breakdowns: ['contact_button_type'], title: 'Profile links taps' },
  views: { periods: DAYP, types: TOTAL, breakdowns: ['follower_type', 'follow_type', 'media_product_type'], title: 'Views' },
  threads_likes: { periods: DAYP, types: TOTAL, breakdowns: [], title: 'Threads likes', noData: true },
  threads_replies: { periods: DAYP, types: TOTAL, breakdowns: [], title: 'Threads replies', noData: true },
  reposts: { periods: DAYP, types: TOTAL, breakdowns: [], title: 'Reposts' },
  quotes: { periods: DAYP, types: TOTAL, breakdowns: [], title: 'Quotes', noData: true },
  threads_followers: { periods: DAYP, types: TOTAL, breakdowns: [], title: 'Threads followers', noData: true },
  threads_follower_demographics: { periods: ['lifetime'], types: TOTAL, breakdowns: DEMO_BREAKDOWNS, title: 'Threads follower demographics', noData: true },
  content_views: { periods: DAYP, types: TOTAL, breakdowns: [], title: 'Content views' },
  threads_views: { periods: DAYP, types: TOTAL, breakdowns: [], title: 'Threads views', noData: true },
  threads_clicks: { periods: DAYP, types: TOTAL, breakdowns: [], title: 'Threads clicks', noData: true },
  threads_reposts: { periods: DAYP, types: TOTAL, breakdowns: [], title: 'Threads reposts', noData: true },
};

const BREAKDOWN_VALUES: Record<string, string[]> = {
  media_product_type: ['POST', 'CAROUSEL_CONTAINER', 'REEL', 'STORY'],
  follow_type: ['FOLLOWER', 'NON_FOLLOWER', 'UNKNOWN'],
  follower_type: ['FOLLOWER', 'NON_FOLLOWER', 'UNKNOWN'],
  contact_button_type: ['BOOK_NOW', 'CALL', 'DIRECTION', 'EMAIL', 'INSTANT_EXPERIENCE', 'TEXT', 'UNDEFINED'],
  age: ['13-17', '18-24', '25-34', '35-44', '45-54', '55-64', '65+'],
  gender: ['F', 'M', 'U'],
};
const AGE_WEIGHTS: Record<string, number> = { '13-17': 0.3, '18-24': 3, '25-34': 4, '35-44': 2, '45-54': 1, '55-64': 0.5, '65+': 0.2 };
const DEFAULT_COUNTRIES: Record<string, number> = { US: 30, GB: 8, BR: 7, IN: 7, DE: 5, FR: 4, ES: 4, IT: 3, CA: 3, MX: 3, PT: 2, NL: 2, AU: 2, JP: 2 };
const DEFAULT_CITIES: Record<string, number> = { 'London, England': 5, 'New York, New York': 5, 'Los Angeles, California': 4, 'São Paulo, São Paulo (state)': 4,
  'Lisbon, Lisbon District': 3, 'Berlin, Berlin': 3, 'Paris, Île-de-France': 3, 'Madrid, Comunidad de Madrid': 2, 'Mumbai, Maharashtra': 2, 'Toronto, Ontario': 2 };

const TIMEFRAMES: Record<string, number> = { this_week: 7, this_month: 30, last_14_days: 14, last_30_days: 30, last_90_days: 90, prev_month: 30 };
/** v20 (2024-08-19, all versions): only these remain for engaged/reached audience demographics. */
const AUDIENCE_TIMEFRAMES = ['this_week', 'this_month'];
const MAX_RANGE_S = 2_592_000;
const TOP_VALUES = 45;

const MUST_BE_ONE_OF = Object.keys(METRICS).join(', ');

function invalid(ctx: GraphContext, message: string): never {
  return failures.invalidParameter(ctx.call.host, message);
}

/** Pacific days whose bucket ends in (since, until] and is complete at `now`. */
function daysIn(sinceMs: number, untilMs: number, nowMs: number): number[] {
  const days: number[] = [];
  for (let d = pacificDay(sinceMs) - 1; pacificDayEnd(d) <= Math.min(untilMs, nowMs); d++) {
    if (pacificDayEnd(d) > sinceMs) days.push(d);
  }
  return days;
}

/** follower_count is the follows alone, as Meta counts it: unfollows are not in it, so its days do not add up to followers_count. */
function followsAndUnfollows(ctx: GraphContext, a: WorldAccount, day: number): { follows: number; unfollows: number } {
  return ctx.world.followsAndUnfollows(a.igUserId, day);
}

function dailyValue(ctx: GraphContext, a: WorldAccount, metric: string, day: number): number {
  const followers = ctx.world.followersAt(a.igUserId, pacificDayEnd(day));
  if (metric === 'follower_count') return followsAndUnfollows(ctx, a, day).follows;
  if (metric === 'follows_and_unfollows') {
    const { follows, unfollows } = followsAndUnfollows(ctx, a, day);
    return follows + unfollows;
  }
  return accountDaily(ctx.world.seed, a.igUserId, metric, day, followers);
}

/**
 * A total split by a breakdown: follows_and_unfollows by follow_type is FOLLOWER (followed) and
 * NON_FOLLOWER (unfollowed or left); other splits are drawn from the seed.
 */
function splitOf(ctx: GraphContext, a: WorldAccount, metric: string, breakdown: string, value: number, days: number[], sinceMs: number): Record<string, number> {
  if (metric === 'follows_and_unfollows' && breakdown === 'follow_type') {
    const sum = days.reduce((acc, d) => {
      const day = followsAndUnfollows(ctx, a, d);
      return { FOLLOWER: acc.FOLLOWER + day.follows, NON_FOLLOWER: acc.NON_FOLLOWER + day.unfollows, UNKNOWN: 0 };
    }, { FOLLOWER: 0, NON_FOLLOWER: 0, UNKNOWN: 0 });
    return sum;
  }
  return splitTotal(ctx.world.seed, `${a.igUserId}/${metric}/${breakdown}/${sinceMs}`, value, BREAKDOWN_VALUES[breakdown]);
}

/** A rolling-window value (week, days_28) for the window ending with `day`. */
function windowValue(ctx: GraphContext, a: WorldAccount, metric: string, day: number, period: string): number {
  const span = period === 'week' ? 7 : period === 'days_28' ? 28 : 1;
  let sum = 0;
  for (let d = day - span + 1; d <= day; d++) sum += dailyValue(ctx, a, metric, d);
  return span === 1 ? sum : Math.round(sum * 0.7);
}

function onlineFollowers(ctx: GraphContext, a: WorldAccount, day: number): Record<string, number> {
  const followers = ctx.world.followersAt(a.igUserId, pacificDayEnd(day));
  const out: Record<string, number> = {};
  for (let h = 0; h < 24; h++) {
    const curve = 0.25 + 0.2 * Math.sin(((h - 8) / 24) * 2 * Math.PI);
    out[String(h)] = Math.round(followers * curve * (0.9 + 0.2 * unit(ctx.world.seed, 'online', a.igUserId, day, h)));
  }
  return out;
}

function demographicResults(ctx: GraphContext, a: WorldAccount, metric: string, breakdowns: string[], base: number, timeframe: string) {
  const audience = a.scenario.audience ?? {};
  const valuesOf = (b: string): [string[], Record<string, number> | undefined] => {
    if (b === 'country') { const w = audience.countries ?? DEFAULT_COUNTRIES; return [Object.keys(w), w]; }
    if (b === 'city') { const w = audience.cities ?? DEFAULT_CITIES; return [Object.keys(w), w]; }
    if (b === 'gender') { const f = audience.female ?? 0.55; return [BREAKDOWN_VALUES.gender, { F: f * 9, M: (1 - f) * 9, U: 1 }]; }
    return [BREAKDOWN_VALUES.age, AGE_WEIGHTS];
  };
  // Only people with known demographics count, so results add up to less than the base.
  let combos: { keys: string[]; weight: number }[] = [{ keys: [], weight: 1 }];
  for (const b of breakdowns) {
    const [values, weights] = valuesOf(b);
    const split = splitTotal(ctx.world.seed, `${a.igUserId}/${metric}/${b}`, 1_000_000, values, weights);
    combos = combos.flatMap((c) => values.map((v) => ({ keys: [...c.keys, v], weight: (c.weight * split[v]) / 1_000_000 })));
  }
  const known = Math.round(base * 0.88);
  const withTimeframe = metric !== 'follower_demographics';
  return combos
    .map((c) => ({ dimension_values: withTimeframe ? [timeframe.toUpperCase(), ...c.keys] : c.keys, value: Math.round(known * c.weight) }))
    .filter((r) => r.value > 0)
    .sort((x, y) => y.value - x.value)
    .slice(0, TOP_VALUES);
}

/** GET /{ig-user-id}/insights */
export function accountInsights(ctx: GraphContext, igUserId: string) {
  const account = readableAccount(ctx, igUserId);
  requireInsights(ctx, account.igUserId);
  const q = ctx.call.query;
  const metrics = commaList(q.metric);
  if (metrics.length === 0) invalid(ctx, '(#100) The parameter metric is required');
  metrics.forEach((m, i) => {
    if (m === 'impressions') invalid(ctx, '(#100) Starting from version 22 and above, the impressions metric is no longer supported for the queried user.');
    if (!METRICS[m]) invalid(ctx, `(#100) metric[${i}] must be one of the following values: ${MUST_BE_ONE_OF}`);
  });
  const period = q.period;
  if (!period) invalid(ctx, '(#100) The parameter period is required');
  const metricType: MetricType = q.metric_type === 'total_value' ? 'total_value' : 'time_series';
  if (q.metric_type && q.metric_type !== 'total_value' && q.metric_type !== 'time_series' && q.metric_type !== 'default') {
    invalid(ctx, '(#100) metric_type must be one of the following values: default, time_series, total_value');
  }
  const needTotal = metrics.filter((m) => !METRICS[m].types.includes(metricType) && metricType === 'time_series');
  if (needTotal.length) invalid(ctx, `(#100) The following metrics (${needTotal.join(', ')}) should be specified with parameter metric_type=total_value`);
  const needSeries = metrics.filter((m) => !METRICS[m].types.includes(metricType));
  if (needSeries.length) invalid(ctx, `(#100) The following metrics (${needSeries.join(', ')}) should be specified with parameter metric_type=time_series`);
  for (const m of metrics) {
    if (!METRICS[m].periods.includes(period)) invalid(ctx, `(#100) Incompatible metric (${m}) with period (${period})`);
  }
  const breakdowns = commaList(q.breakdown);
  if (breakdowns.length && metricType !== 'total_value') invalid(ctx, '(#100) breakdown is only supported with metric_type=total_value');
  for (const m of metrics) for (const b of breakdowns) if (!METRICS[m].breakdowns.includes(b)) failures.unknownError();

  const demographic = metrics.filter((m) => METRICS[m].demographic);
  if (demographic.length) {
    const timeframe = q.timeframe;
    if (!timeframe || TIMEFRAMES[timeframe] === undefined) invalid(ctx, `(#100) timeframe must be one of the following values: ${Object.keys(TIMEFRAMES).join(', ')}`);
    for (const m of demographic) {
      if (m !== 'follower_demographics' && !AUDIENCE_TIMEFRAMES.includes(timeframe)) {
        invalid(ctx, `(#100) timeframe must be one of the following values: ${AUDIENCE_TIMEFRAMES.join(', ')}`);
      }
    }
    if (!breakdowns.length) invalid(ctx, '(#100) breakdown is required for demographic metrics');
  }

  const untilMs = timeParam(ctx, 'until') ?? ctx.now;
  const sinceMs = timeParam(ctx, 'since') ?? untilMs - DAY;
  if (!demographic.length && (untilMs - sinceMs) / 1000 > MAX_RANGE_S) invalid(ctx, '(#100) There cannot be more than 30 days (2592000 s) between since and until');
  if (sinceMs > untilMs) invalid(ctx, '(#100) since must be earlier than until');

  const followersNow = ctx.world.followersAt(account.igUserId, ctx.now);
  const days = daysIn(sinceMs, untilMs, ctx.now);
  const data: unknown[] = [];
  for (const m of metrics) {
    const rule = METRICS[m];
    if (rule.noData || (rule.needs100Followers && followersNow < 100)) continue;
    const entry: Record<string, unknown> = { name: m, period, title: rule.title, description: rule.title };
    if (rule.demographic) {
      const span = TIMEFRAMES[q.timeframe] * DAY;
      const tfDays = daysIn(ctx.now - span, ctx.now, ctx.now);
      const base = m === 'follower_demographics' ? followersNow
        : tfDays.reduce((s, d) => s + dailyValue(ctx, account, m === 'engaged_audience_demographics' ? 'accounts_engaged' : 'reach', d), 0);
      if (m === 'engaged_audience_demographics' && base < 100) continue;
      entry.total_value = { breakdowns: [{ dimension_keys: m === 'follower_demographics' ? breakdowns : ['timeframe', ...breakdowns], results: demographicResults(ctx, account, m, breakdowns, base, q.timeframe) }] };
    } else {
      const usable = rule.last30Days ? days.filter((d) => pacificDayEnd(d) > ctx.now - 30 * DAY) : days;
      if (metricType === 'time_series') {
        if (!usable.length) continue;
        entry.values = usable.map((d) => ({
          value: m === 'online_followers' ? onlineFollowers(ctx, account, d) : windowValue(ctx, account, m, d, period),
          end_time: formatTimestamp(pacificDayEnd(d)),
        }));
      } else {
        const sum = usable.reduce((s, d) => s + dailyValue(ctx, account, m, d), 0);
        const value = m === 'reach' && usable.length > 1 ? Math.round(sum * 0.7) : sum;
        const total: Record<string, unknown> = { value };
        if (breakdowns.length) {
          total.breakdowns = breakdowns.map((b) => {
            const split = splitOf(ctx, account, m, b, value, usable, sinceMs);
            return { dimension_keys: [b], results: BREAKDOWN_VALUES[b].filter((v) => split[v] > 0).map((v) => ({ dimension_values: [v], value: split[v] })) };
          });
        }
        entry.total_value = total;
      }
    }
    entry.id = `${account.igUserId}/insights/${m}/${period}`;
    data.push(entry);
  }
  const body: Record<string, unknown> = { data };
  if (!demographic.length && data.length) {
    const width = Math.round((untilMs - sinceMs) / 1000);
    const since = Math.round(sinceMs / 1000);
    const until = Math.round(untilMs / 1000);
    body.paging = {
      previous: linkWith(ctx, { since: String(since - width), until: String(since) }),
      next: linkWith(ctx, { since: String(until), until: String(until + width) }),
    };
  }
  return body;
}
