// A new account's followers for the 30 days before its first User's Information run (Append mode),
// rebuilt so that "Followers over time" has a month of history from day one. The profile gives only
// today's followers_count; Meta keeps each day's follows and unfollows (follows_and_unfollows by
// follow_type) and new followers (follower_count, which leaves unfollows out). The followers at the end
// of one of Meta's days are today's count less the net change (follows - unfollows) of every later day.
// A day whose unfollows Meta does not give makes the days before it an estimate, and the Source
// column says which rows are read, rebuilt or estimated.
import { addDays, calendarDateIn, insightDay, isoDate, midnightIn, PACIFIC, parseIsoDate, type CalendarDate } from './dates';
import { dayText } from '../text/days';
import { isGraphError, type GraphReader } from './graph-contract';
import { answeredKey } from './metrics';
import { isQuotaExhaustedError } from '../quota/quota-exhausted';
import { insightValues } from './plans/insights';
import { chosen, type PlanContext } from './plans/plan';
import type { SourceRecord } from './types';

/** What the Source column says of a row, in a person's words. */
export const FOLLOWER_SOURCES = {
  measured: 'Read from Instagram',
  rebuilt: 'Rebuilt from follows and unfollows',
  estimate: 'Estimate: new followers only',
} as const;

/** Record key for a row's own run date (the rebuilt days); the runner stamps every other row with the run's. */
export const OWN_RUN_DATE = '$run_date';

/** How many days before the first run are rebuilt: what Meta keeps of follower_count. */
export const HISTORY_DAYS = 30;
/** Meta gives none of these metrics for smaller accounts (reference §5.2, thresholds). */
export const MIN_FOLLOWERS = 100;

/** One of Meta's daily buckets: the Pacific day, when it ends, and what Meta gave for it. */
export interface MetaDay {
  day: CalendarDate;
  endMs: number;
  /** New followers that day (follows_and_unfollows FOLLOWER, else follower_count); absent: Meta gave nothing. */
  follows?: number;
  /** Accounts that unfollowed that day (follows_and_unfollows NON_FOLLOWER); absent: not given. */
  unfollows?: number;
}

export interface RebuiltDay {
  runDate: CalendarDate;
  followers: number;
  source: string;
}

export interface Rebuild {
  /** Oldest first. */
  days: RebuiltDay[];
  /** Days whose unfollows Meta did not give (their follows alone were taken). */
  estimatedDays: string[];
  /** The latest day Meta gave nothing for: the days before it could not be rebuilt. */
  stoppedAt?: string;
}

/**
 * The followers at the end of each of Meta's days, walking back from today's count. A row is labelled
 * with the spreadsheet's date on which the day ended (Meta's midnight, Pacific), the date a run at that
 * moment would have written; only wanted dates are kept, and of two days that end on one date, the later.
 */
export function rebuildFollowers(input: { followersNow: number; nowMs: number; days: MetaDay[]; wanted: ReadonlySet<string>; timeZone: string }): Rebuild {
  const out: Rebuild = { days: [], estimatedDays: [] };
  const byDate = new Map<string, RebuiltDay>();
  let followers = input.followersNow;
  let exact = true;
  const newestFirst = [...input.days].sort((a, b) => b.endMs - a.endMs);
  for (const [i, d] of newestFirst.entries()) {
    const runDate = calendarDateIn(d.endMs, input.timeZone);
    const label = isoDate(runDate);
    if (d.endMs <= input.nowMs && input.wanted.has(label) && !byDate.has(label)) {
      byDate.set(label, { runDate, followers, source: exact ? FOLLOWER_SOURCES.rebuilt : FOLLOWER_SOURCES.estimate });
    }
    // Back over this day to the end of the one before (none before the oldest: its own figures are not needed).
    if (i === newestFirst.length - 1) break;
    if (d.follows === undefined) {
      out.stoppedAt = isoDate(d.day);
      break;
    }
    if (d.unfollows === undefined) {
      exact = false;
      out.estimatedDays.push(isoDate(d.day));
    }
    followers -= d.follows - (d.unfollows ?? 0);
  }
  out.days = [...byDate.values()].sort((a, b) => isoDate(a.runDate).localeCompare(isoDate(b.runDate)));
  return out;
}

/** Meta's days to read: every complete day after the oldest one whose end falls on a wanted date. */
export function metaDaysFor(nowMs: number, wanted: ReadonlySet<string>, timeZone: string): { oldest: CalendarDate; later: CalendarDate[] } | null {
  if (!wanted.size) return null;
  const oldestWanted = [...wanted].sort()[0];
  const days: CalendarDate[] = [];
  // The latest complete day is yesterday in Pacific time: it ended at today's Pacific midnight.
  for (let day = addDays(calendarDateIn(nowMs, PACIFIC), -1); ; day = addDays(day, -1)) {
    const label = isoDate(calendarDateIn(midnightIn(addDays(day, 1), PACIFIC), timeZone));
    if (label < oldestWanted) break;
    days.unshift(day);
  }
  const at = days.findIndex((d) => wanted.has(isoDate(calendarDateIn(midnightIn(addDays(d, 1), PACIFIC), timeZone))));
  return at < 0 ? null : { oldest: days[at], later: days.slice(at + 1) };
}

/** The dates a first run fills: the HISTORY_DAYS dates before its run date that the tab lacks for the account. */
export function wantedDates(runDate: CalendarDate, inTab: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (let i = 1; i <= HISTORY_DAYS; i++) {
    const d = isoDate(addDays(runDate, -i));
    if (!inTab.has(d)) out.add(d);
  }
  return out;
}

const seconds = (ms: number) => String(Math.floor(ms / 1000));
/** Meta's widest since-until range for account insights (reference §5.2). */
const MAX_RANGE_MS = 2_592_000_000;

/** Why a first run has no rebuilt history, said once in the run's notes: reason -> sentence. */
export const NO_HISTORY: Record<'few_followers' | 'permission' | 'no_data' | 'error', (who: string, detail: string) => string> = {
  few_followers: (who, detail) => `No follower history before today for ${who}: Instagram gives the daily follows only for accounts with ${MIN_FOLLOWERS} followers or more (${detail} now). The followers chart starts with today's row.`,
  permission: (who) => `No follower history before today for ${who}: the account did not allow Sheetgram to read its insights, which hold the daily follows. The followers chart starts with today's row; reconnect the account and allow insights for the other insight reports.`,
  no_data: (who) => `No follower history before today for ${who}: Instagram gave no daily follows for the past days. The followers chart starts with today's row.`,
  error: (who, detail) => `No follower history before today for ${who}: Instagram did not give the daily follows (${detail}). The followers chart starts with today's row.`,
};

export interface HistoryInput {
  reader: GraphReader;
  accountId: string;
  username: string;
  /** followers_count read by this run. */
  followersNow: unknown;
  nowMs: number;
  /** This run's date (spreadsheet time zone). */
  runDate: CalendarDate;
  timeZone: string;
  /** Dates (YYYY-MM-DD) the tab already has a row of this account for. */
  inTab: ReadonlySet<string>;
}

/**
 * The rebuilt rows (records with their own run date, Followers and Source, nothing else) and the notes
 * of a first run. Costs one call for follower_count and one per day for follows_and_unfollows (Meta
 * gives it as one total per call), sent together; none when nothing is wanted or the account is small.
 * Never throws: a failure is a note, and the run's own row is written as always.
 */
export function followerHistory(input: HistoryInput): { records: SourceRecord[]; notes: string[] } {
  const who = `@${input.username}`;
  const wanted = wantedDates(input.runDate, input.inTab);
  const plan = metaDaysFor(input.nowMs, wanted, input.timeZone);
  if (!plan || typeof input.followersNow !== 'number') return { records: [], notes: [] };
  const none = (why: keyof typeof NO_HISTORY, detail = '') => ({ records: [], notes: [NO_HISTORY[why](who, detail)] });
  if (input.followersNow < MIN_FOLLOWERS) return none('few_followers', input.followersNow.toLocaleString('en-US'));

  const days: MetaDay[] = [plan.oldest, ...plan.later].map((day) => ({ day, endMs: midnightIn(addDays(day, 1), PACIFIC) }));
  const later = days.slice(1);
  if (later.length) {
    const read = readDays(input.reader, input.accountId, later);
    if (typeof read === 'string') return read === 'permission' ? none('permission') : read === 'no_data' ? none('no_data') : none('error', read);
  }
  const rebuilt = rebuildFollowers({ followersNow: input.followersNow, nowMs: input.nowMs, days, wanted, timeZone: input.timeZone });
  const records = rebuilt.days.map((d): SourceRecord => ({ [OWN_RUN_DATE]: d.runDate, followers_count: d.followers, source: d.source }));
  if (!records.length) return none('no_data');
  const notes = [`Added ${who}'s followers for ${records.length} ${records.length === 1 ? 'day' : 'days'} before today, rebuilt from Instagram's daily follows and unfollows (see the Source column).`];
  if (rebuilt.estimatedDays.length) {
    notes.push(`Instagram did not give the unfollows of ${rebuilt.estimatedDays.length} ${rebuilt.estimatedDays.length === 1 ? 'day' : 'days'} (latest ${dayText(parseIsoDate(rebuilt.estimatedDays[0]) as CalendarDate)}): the days before are estimates from new followers only, marked "${FOLLOWER_SOURCES.estimate}".`);
  }
  if (rebuilt.stoppedAt) notes.push(`Instagram gave no figures for ${dayText(parseIsoDate(rebuilt.stoppedAt) as CalendarDate)}, so the days before it were not rebuilt.`);
  return { records, notes };
}

/** follows and unfollows per day, in place; or why there are none ('permission', 'no_data', or Meta's words). */
function readDays(reader: GraphReader, accountId: string, days: MetaDay[]): string | null {
  const path = `${accountId}/insights`;
  const window = (d: MetaDay) => ({ since: seconds(midnightIn(d.day, PACIFIC)), until: seconds(d.endMs) });
  // follower_count: new followers per day, one call for the whole range; two when the range is longer than
  // Meta's 30 days (2,592,000 s), which 30 days are when they take in the autumn's 25-hour day.
  const ranges = days[days.length - 1].endMs - midnightIn(days[0].day, PACIFIC) > MAX_RANGE_MS
    ? [days.slice(0, Math.ceil(days.length / 2)), days.slice(Math.ceil(days.length / 2))] : [days];
  const newFollowers = new Map<string, number>();
  for (const range of ranges) {
    let series: { data?: { name?: string; values?: { value?: unknown; end_time: string }[] }[] };
    try {
      series = reader.get(path, { metric: 'follower_count', period: 'day', metric_type: 'time_series', since: window(range[0]).since, until: seconds(range[range.length - 1].endMs) });
    } catch (e) {
      if (isGraphError(e) && e.kind === 'permission') return 'permission';
      // Meta's words (tokens never in them), or Sheetgram's own limit; anything else is not shown as is.
      return isGraphError(e) ? e.userMessage : isQuotaExhaustedError(e) ? e.message : 'an unexpected error';
    }
    for (const v of series.data?.find((m) => m.name === 'follower_count')?.values ?? []) {
      const day = insightDay(v.end_time, PACIFIC);
      if (day && typeof v.value === 'number') newFollowers.set(isoDate(day), v.value);
    }
  }
  if (!newFollowers.size) return 'no_data';
  // Unfollows: one total per call, so one call per day, sent together; a day that fails stays an estimate.
  const answers = reader.getMany(days.map((d) => ({ path, params: { metric: 'follows_and_unfollows', period: 'day', metric_type: 'total_value', breakdown: 'follow_type', ...window(d) } })));
  days.forEach((d, i) => {
    d.follows = newFollowers.get(isoDate(d.day));
    const answer = answers[i];
    if (!answer.ok) return;
    const values = insightValues(answer.value);
    if (!values.has(answeredKey('follows_and_unfollows', 'follow_type'))) return;
    // An answered breakdown without a part (nobody unfollowed that day) is 0.
    d.follows = numberOr(values.get('follows_and_unfollows.follower'), 0);
    d.unfollows = numberOr(values.get('follows_and_unfollows.non_follower'), 0);
  });
  return null;
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}

/**
 * A User's Information run's rebuilt days: only the first run of a configuration in Append mode (the
 * mode that keeps a row per day) that writes Followers and Source (the column that marks the rows).
 */
export function firstRunHistory(ctx: PlanContext, profile: SourceRecord): { records: SourceRecord[]; notes: string[] } {
  // A repair (ctx.repair) reads only the days it was asked for: it never rebuilds.
  const applies = ctx.config.mode === 'append' && !ctx.state.lastRunDate && !ctx.repair && ctx.tabRunDates && chosen(ctx, 'followers_count') && chosen(ctx, 'source');
  if (!applies || !ctx.tabRunDates) return { records: [], notes: [] };
  return followerHistory({
    reader: ctx.reader, accountId: ctx.config.accountId, username: ctx.config.accountUsername ?? ctx.config.accountId,
    followersNow: profile.followers_count, nowMs: ctx.now, runDate: calendarDateIn(ctx.now, ctx.timeZone), timeZone: ctx.timeZone,
    inTab: ctx.tabRunDates(),
  });
}
