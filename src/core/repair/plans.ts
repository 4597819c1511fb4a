// The request plans of a repair: the report's own plans, asked for the repair's days only (PlanContext.repair).
// Account insights go a week per page, so a long range is checkpointed often and resumes where it
// stopped; a day Instagram gives nothing for is left out (its row keeps what it holds), and the last
// two days stay provisional as in a scheduled run. Posts are listed by the days they were published.
import { addDays, calendarDateIn, daysBetween, isoDate, midnightIn, parseGraphTimestamp, parseIsoDate, PACIFIC, type CalendarDate } from '../reports/dates';
import { PLANS } from '../reports/plans';
import { PROVISIONAL_DAYS } from '../reports/plans/account';
import type { PlanContext, PlanCursor, PlanPage, RequestPlan } from '../reports/plans/plan';
import type { ReportId, SourceRecord } from '../reports/types';
import { daysText, NEW_FOLLOWERS_DAYS, type RepairDays } from './rules';

/** Days of account insights per page: about 15 calls, so an execution checkpoints several times. */
export const REPAIR_WEEK_DAYS = 7;

const day = (iso: string) => parseIsoDate(iso) as CalendarDate;

/** Columns of an account insights record that are not metrics. */
const NOT_METRICS = new Set(['date', 'provisional']);

function hasMetrics(record: SourceRecord): boolean {
  return Object.entries(record).some(([k, v]) => !NOT_METRICS.has(k) && v !== undefined && v !== null && v !== '');
}

/** A week of days per page; the cursor carries the next week and the days Instagram gave nothing for. */
const accountInsightsRepair: RequestPlan = (ctx, cursor) => {
  const days = ctx.repair as RepairDays;
  const from = typeof cursor?.next === 'string' ? cursor.next : days.from;
  const to = isoDate(addDays(day(from), REPAIR_WEEK_DAYS - 1)) < days.to ? isoDate(addDays(day(from), REPAIR_WEEK_DAYS - 1)) : days.to;
  const page = PLANS.account_insights({ ...ctx, repair: { from, to } }, null);
  // Provisional as the scheduled run has it: the last two days before today (Meta may still revise them).
  const zone = ctx.config.settings.insightDayTimeZone ?? PACIFIC;
  const yesterday = addDays(calendarDateIn(ctx.now, zone), -1);
  const firstProvisional = isoDate(addDays(yesterday, -(PROVISIONAL_DAYS - 1)));
  const kept = page.records.filter(hasMetrics).map((r) => ({ ...r, provisional: isoDate(r.date as CalendarDate) >= firstProvisional }));
  const given = new Set(page.records.filter(hasMetrics).map((r) => isoDate(r.date as CalendarDate)));
  let empty = Number(cursor?.empty ?? 0);
  let emptyFrom = typeof cursor?.emptyFrom === 'string' ? cursor.emptyFrom : null;
  let emptyTo = typeof cursor?.emptyTo === 'string' ? cursor.emptyTo : null;
  for (let d = day(from); isoDate(d) <= to; d = addDays(d, 1)) {
    if (given.has(isoDate(d))) continue;
    empty++;
    emptyFrom ??= isoDate(d);
    emptyTo = isoDate(d);
  }
  const done = to >= days.to;
  const next: PlanCursor | null = done ? null : { next: isoDate(addDays(day(to), 1)), empty, emptyFrom, emptyTo };
  const notes = [...page.notes];
  if (done) notes.push(...accountInsightsNotes(ctx, days, yesterday, empty, emptyFrom, emptyTo));
  return { records: kept, cursor: next, skipped: page.skipped, notes };
};

/** What a person should know about days Instagram no longer gives, said once at the end. */
function accountInsightsNotes(ctx: PlanContext, days: RepairDays, yesterday: CalendarDate, empty: number, emptyFrom: string | null, emptyTo: string | null): string[] {
  const notes: string[] = [];
  if (empty && emptyFrom && emptyTo) {
    notes.push(`Instagram gave nothing for ${empty} ${empty === 1 ? 'day' : 'days'} (${daysText({ from: emptyFrom, to: emptyTo })}): `
      + 'it may no longer keep them (its documentation promises 90 days), so their rows were left as they were.');
  }
  const oldest = daysBetween(day(days.from), yesterday);
  if (ctx.fields.some((f) => f.id === 'new_followers') && oldest >= NEW_FOLLOWERS_DAYS) {
    notes.push(`Instagram gives new followers for the last ${NEW_FOLLOWERS_DAYS} days only: older days keep the New followers your tab holds.`);
  }
  return notes;
}

/** The report's own posts plan, listing the repair's days only; posts outside them are never rows. */
function postsRepair(reportId: 'media_insights' | 'recent_media'): RequestPlan {
  return (ctx, cursor) => {
    const days = ctx.repair as RepairDays;
    const since = midnightIn(day(days.from), ctx.timeZone);
    const until = midnightIn(addDays(day(days.to), 1), ctx.timeZone);
    const page: PlanPage = PLANS[reportId](ctx, cursor);
    // The edge's since/until already asks for these days; what Instagram sends beyond them is not written.
    const inRange = (r: SourceRecord) => {
      const at = parseGraphTimestamp(r.timestamp)?.getTime();
      return at !== undefined && at >= since && at < until;
    };
    const { highWaterMark: _ignored, ...rest } = page;
    return { ...rest, records: page.records.filter(inRange) };
  };
}

export const REPAIR_PLANS: Partial<Record<ReportId, RequestPlan>> = {
  account_insights: accountInsightsRepair,
  media_insights: postsRepair('media_insights'),
  recent_media: postsRepair('recent_media'),
};
