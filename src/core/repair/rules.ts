// Which reports can fill or repair their history, how far back Instagram keeps what they read, and the
// check of a date range a person asks for. A table, one line per report: account insights re-read days,
// the post reports re-read the posts published on those days. Where the reference is unsure how long
// Meta keeps account metrics (90 days documented, 2 years claimed), the range may reach the longer one,
// and days Instagram no longer has keep the values the tab holds (see plans.ts).
import { addDays, calendarDateIn, daysBetween, isoDate, parseIsoDate, PACIFIC, type CalendarDate } from '../reports/dates';
import type { ReportConfiguration, ReportId } from '../reports/types';
import { dayText, daysText } from '../text/days';

export { dayText, daysText };

export interface RepairRule {
  /** days: rows are days (Account Insights); posts: rows are posts published on those days. */
  reads: 'days' | 'posts';
  /** How many days back (today or yesterday included) Instagram keeps it; null: as far as the posts go. */
  keepsDays: number | null;
  /** The last day a repair may ask for: yesterday for insight days (a day is complete after midnight), else today. */
  latest: 'yesterday' | 'today';
  /** What Instagram keeps, for the form and the docs. */
  keeps: string;
}

/** Meta's longest stated retention of insights (media: documented; account: claimed, reference §5). */
export const TWO_YEARS_DAYS = 730;
/** New followers (follower_count) exist only for the last 30 days (reference §5.2). */
export const NEW_FOLLOWERS_DAYS = 30;

export const REPAIRABLE: Partial<Record<ReportId, RepairRule>> = {
  account_insights: {
    reads: 'days', keepsDays: TWO_YEARS_DAYS, latest: 'yesterday',
    keeps: 'Instagram keeps account insights for up to 2 years (its documentation promises 90 days) and new followers for 30 days: '
      + 'a value it no longer gives keeps what your tab holds.',
  },
  media_insights: {
    reads: 'posts', keepsDays: TWO_YEARS_DAYS, latest: 'today',
    keeps: 'Instagram keeps post insights for 2 years, and none for posts from before the account became a business or creator account: '
      + 'their rows keep what they hold.',
  },
  recent_media: {
    reads: 'posts', keepsDays: null, latest: 'today',
    keeps: 'Instagram lists every post (its 10,000 newest), so any days can be read again.',
  },
};

/** Suggested range: the last 30 days. */
export const DEFAULT_REPAIR_DAYS = 30;

export interface RepairDays {
  /** 'yyyy-mm-dd', both included. */
  from: string;
  to: string;
}

/** The rule for a configuration; null when it cannot repair (another report, or Append: its rows are per run). */
export function repairRuleOf(config: Pick<ReportConfiguration, 'reportId' | 'mode'>): RepairRule | null {
  return config.mode === 'append' ? null : REPAIRABLE[config.reportId] ?? null;
}

export interface RepairBounds {
  /** The first and last day the form accepts (earliest null: no limit), and the suggested range. */
  earliest: string | null;
  latest: string;
  from: string;
  to: string;
}

/** Insight days are Meta's, which end at midnight Pacific unless the report says otherwise. */
function today(rule: RepairRule, config: Pick<ReportConfiguration, 'settings'>, now: number, timeZone: string): CalendarDate {
  return calendarDateIn(now, rule.reads === 'days' ? config.settings?.insightDayTimeZone ?? PACIFIC : timeZone);
}

export function repairBounds(rule: RepairRule, config: Pick<ReportConfiguration, 'settings'>, now: number, timeZone: string): RepairBounds {
  const last = addDays(today(rule, config, now, timeZone), rule.latest === 'yesterday' ? -1 : 0);
  const earliest = rule.keepsDays === null ? null : addDays(last, -(rule.keepsDays - 1));
  return { earliest: earliest && isoDate(earliest), latest: isoDate(last), from: isoDate(addDays(last, -(DEFAULT_REPAIR_DAYS - 1))), to: isoDate(last) };
}

/** A refused range, naming the date field it is about (the sidebar shows it there). */
export class RepairInputError extends Error {
  // By this name the sidebar's error table knows a refused input (core/sidebar/errors.ts).
  override readonly name = 'InputError';
  constructor(message: string, readonly field: 'from' | 'to') {
    super(message);
  }
}


function dateOf(value: unknown): CalendarDate | null {
  const day = typeof value === 'string' ? parseIsoDate(value) : null;
  // 2026-02-31 is not a day: it must read back as itself.
  return day && isoDate(addDays(day, 0)) === isoDate(day) ? day : null;
}

/** The range asked for, checked against what Instagram keeps; refused at the field it is about. */
export function checkRepairDays(rule: RepairRule, bounds: RepairBounds, input: { from?: unknown; to?: unknown }): RepairDays {
  const from = dateOf(input.from);
  const to = dateOf(input.to);
  if (!from) throw new RepairInputError('Choose the first day to read again.', 'from');
  if (!to) throw new RepairInputError('Choose the last day to read again.', 'to');
  const latest = parseIsoDate(bounds.latest) as CalendarDate;
  if (daysBetween(from, to) < 0) throw new RepairInputError(`The last day comes before the first: choose ${dayText(from)} or later.`, 'to');
  if (daysBetween(to, latest) < 0) {
    throw new RepairInputError(rule.latest === 'yesterday'
      ? `Instagram completes a day's insights after midnight: choose ${dayText(latest)} (yesterday) or earlier.`
      : `Choose ${dayText(latest)} (today) or earlier.`, 'to');
  }
  if (bounds.earliest && daysBetween(parseIsoDate(bounds.earliest) as CalendarDate, from) < 0) {
    const earliest = dayText(parseIsoDate(bounds.earliest) as CalendarDate);
    throw new RepairInputError(rule.reads === 'days'
      ? `Instagram keeps account insights for 2 years at most, so it has nothing before ${earliest}: choose ${earliest} or later.`
      : `Instagram keeps post insights for 2 years, so it has none before ${earliest}: choose ${earliest} or later (User's Recent Media re-reads older posts without their insights).`, 'from');
  }
  return { from: isoDate(from), to: isoDate(to) };
}

/** What a repair will do, in the words the form's confirmation and the card use. */
export function repairPromise(rule: RepairRule, days: RepairDays, username: string): string {
  return rule.reads === 'days'
    ? `Re-reads ${daysText(days)} for @${username}: rows of those days are replaced, nothing else changes.`
    : `Re-reads the posts @${username} published ${daysText(days)}: their rows are replaced, nothing else changes.`;
}

const READS_TEXT: Record<RepairRule['reads'], string> = { days: 'its rows of those days', posts: 'the posts published on those days' };

/** The table in docs/reports.md, made from REPAIRABLE so it cannot drift. */
export function renderRepairTable(titleOf: (id: ReportId) => string): string {
  const lines = ['| Report | A repair re-reads | First day | Last day | What Instagram keeps |', '|---|---|---|---|---|'];
  for (const [id, rule] of Object.entries(REPAIRABLE) as [ReportId, RepairRule][]) {
    const first = rule.keepsDays === null ? 'any' : `${rule.keepsDays} days back (${Math.round(rule.keepsDays / 365)} years)`;
    lines.push(`| ${titleOf(id)} | ${READS_TEXT[rule.reads]} | ${first} | ${rule.latest} | ${rule.keeps} |`);
  }
  return lines.join('\n');
}
