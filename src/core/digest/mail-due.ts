// When a person's digest e-mail goes: once per Monday and spreadsheet, after that Monday's runs of the
// digest's reports (so "followers gained" has Monday's count), or from 23:00 whatever ran. A digest held
// back (Google's e-mail quota spent) goes on Tuesday; later it is stale and waits for the next Monday.
import { calendarDateIn, daysBetween, isoDate, midnightIn } from '../reports/dates';
import type { ReportConfiguration } from '../reports/types';
import { wallHourIn } from '../schedule/schedule';
import { DIGEST_REPORTS } from './build';
import { digestWeeks } from './weeks';

/** The hour of Monday after which the digest goes even if a report has not run yet (a stopped trigger, a failing report). */
export const LAST_HOUR = 23;
/** Days after the Monday a held-back digest may still go. */
const LATE_DAYS = 1;

/** The document property holding the Monday (YYYY-MM-DD) a person's digest e-mail last went for. */
export const digestMailedKey = (userKey: string) => `sheetgram.digest.mailed.${userKey}`;

export interface DigestMailInputs {
  now: number;
  timeZone: string;
  /** Every configuration of the document with when it last ran. */
  configurations: { config: ReportConfiguration; lastRunAt?: number }[];
  /** The Monday the person's digest e-mail last went for ('' never). */
  mailedFor: string;
}

/** The Monday (YYYY-MM-DD) whose digest is due now, or null. */
export function digestMailDue(inputs: DigestMailInputs): string | null {
  const digestConfigs = inputs.configurations.filter(({ config }) => DIGEST_REPORTS.includes(config.reportId));
  if (!digestConfigs.length) return null;
  const today = calendarDateIn(inputs.now, inputs.timeZone);
  const { monday } = digestWeeks(today);
  const mondayText = isoDate(monday);
  if (inputs.mailedFor === mondayText || daysBetween(monday, today) > LATE_DAYS) return null;
  if (daysBetween(monday, today) > 0 || inputs.now >= wallHourIn(monday, LAST_HOUR, inputs.timeZone)) return mondayText;
  // On the Monday itself: every scheduled report the digest reads has run since midnight.
  const since = midnightIn(monday, inputs.timeZone);
  const waiting = digestConfigs.some(({ config, lastRunAt }) => config.schedule.kind !== 'off' && (lastRunAt ?? 0) < since);
  return waiting ? null : mondayText;
}
