// What each alert looks for, as data: a check per setting, over the tabs the runs keep. Each alert has an
// id that stays the same across ticks (the day, the post), so it is e-mailed once, and only for recent
// days: an alert about last month helps nobody.
import { FOLLOWER_SOURCES } from '../reports/follower-history';
import { addDays, calendarDateIn, daysBetween, isoDate, type CalendarDate } from '../reports/dates';
import { dayOfCell } from '../digest/posts';
import { column, type Table } from '../functions/tables';
import type { AlertSettings } from './settings';
import { cellText } from '../tabs/cell-text';

export interface Alert {
  id: string;
  text: string;
}

export interface AlertContext {
  username: string;
  accountId: string;
  settings: AlertSettings;
  /** The account's rows of User's Information, or null. */
  profile: Table | null;
  /** The Post Growth tab (every account's rows), or null. */
  growth: Table | null;
  timeZone: string;
  today: CalendarDate;
}

/** Days back (today included) an alert is still worth an e-mail. */
export const RECENT_DAYS = 7;
/** The post's age its figures are compared at: the run of the day after posting (its first day). */
export const FIRST_DAY = 1;
/** Earlier posts the median is taken over, and how many it needs at least. */
export const MEDIAN_OF = 10;
export const MEDIAN_AT_LEAST = 3;

const recent = (ctx: AlertContext, day: CalendarDate) => {
  const back = daysBetween(day, ctx.today);
  return back >= 0 && back < RECENT_DAYS;
};

/** Measured follower counts by day (the rebuilt days before a first run are estimates: never alerted on). */
function followersByDay(ctx: AlertContext): Map<string, number> {
  const byDay = new Map<string, number>();
  const t = ctx.profile;
  if (!t) return byDay;
  const [runDate, followers, source] = [column(t, 'Run date'), column(t, 'Followers'), column(t, 'Source')];
  if (runDate < 0 || followers < 0) return byDay;
  for (const row of t.rows) {
    const day = dayOfCell(row[runDate], ctx.timeZone);
    const measured = source < 0 || ['', FOLLOWER_SOURCES.measured].includes(cellText(row[source]));
    if (day && measured && typeof row[followers] === 'number') byDay.set(isoDate(day), row[followers] as number);
  }
  return byDay;
}

function followerDrops(ctx: AlertContext): Alert[] {
  const limit = ctx.settings.followerDrop!;
  const byDay = followersByDay(ctx);
  const alerts: Alert[] = [];
  for (let back = 0; back < RECENT_DAYS; back++) {
    const day = addDays(ctx.today, -back);
    const [now, before] = [byDay.get(isoDate(day)), byDay.get(isoDate(addDays(day, -1)))];
    if (now === undefined || before === undefined || before - now <= limit) continue;
    alerts.push({
      id: `followers:${isoDate(day)}`,
      text: `@${ctx.username} lost ${before - now} followers from ${isoDate(addDays(day, -1))} to ${isoDate(day)} (${before} to ${now}); the alert is for more than ${limit} in a day.`,
    });
  }
  return alerts;
}

interface FirstDay {
  id: string;
  posted: number;
  views: number;
  runDay: CalendarDate;
  link: string;
}

function weakPosts(ctx: AlertContext): Alert[] {
  const percent = ctx.settings.postBelowPercent!;
  const t = ctx.growth;
  if (!t) return [];
  const at = (h: string) => column(t, h);
  const [account, media, posted, age, views, runDate, link] = ['Account ID', 'Media ID', 'Posted at', 'Days since posting', 'Views', 'Run date', 'Permalink'].map(at);
  if ([account, media, posted, age, views, runDate].some((i) => i < 0)) return [];
  const firstDays: FirstDay[] = [];
  for (const row of t.rows) {
    const day = dayOfCell(row[runDate], ctx.timeZone);
    if (cellText(row[account]) !== ctx.accountId || row[age] !== FIRST_DAY || typeof row[views] !== 'number' || !(row[posted] instanceof Date) || !day) continue;
    firstDays.push({ id: cellText(row[media]), posted: (row[posted] as Date).getTime(), views: row[views] as number, runDay: day, link: link >= 0 ? cellText(row[link]) : '' });
  }
  firstDays.sort((a, b) => a.posted - b.posted);
  const alerts: Alert[] = [];
  firstDays.forEach((post, i) => {
    if (!recent(ctx, post.runDay)) return;
    const earlier = firstDays.slice(Math.max(0, i - MEDIAN_OF), i).map((p) => p.views).sort((a, b) => a - b);
    if (earlier.length < MEDIAN_AT_LEAST) return;
    const mid = Math.floor(earlier.length / 2);
    const median = earlier.length % 2 ? earlier[mid] : (earlier[mid - 1] + earlier[mid]) / 2;
    if (median <= 0 || post.views >= (median * percent) / 100) return;
    // Floored: a post just under the threshold never reads as at it.
    const share = Math.floor((post.views / median) * 100);
    alerts.push({
      id: `post:${post.id}`,
      text: `@${ctx.username}'s post of ${isoDate(calendarDateIn(post.posted, ctx.timeZone))} had ${post.views} views on its first day, ${share}% of the median of the ${earlier.length} posts before it at that age (${median})${post.link ? `: ${post.link}` : ''}; the alert is for below ${percent}%.`,
    });
  });
  return alerts;
}

/** One check per setting: on when the setting is set. */
export const ALERT_CHECKS: { setting: keyof Omit<AlertSettings, 'by'>; find: (ctx: AlertContext) => Alert[] }[] = [
  { setting: 'followerDrop', find: followerDrops },
  { setting: 'postBelowPercent', find: weakPosts },
];

export function alertsOf(ctx: AlertContext): Alert[] {
  return ALERT_CHECKS.filter((c) => ctx.settings[c.setting] !== undefined).flatMap((c) => c.find(ctx));
}
