// When a person's digest e-mail goes: once per Monday and spreadsheet, after that Monday's runs of the
// digest's reports have written their rows (so "followers gained" has Monday's count), or from 23:00
// whatever ran (a report whose owner's trigger stopped says nothing of it). A digest held
// back (Google's e-mail quota spent) goes on Tuesday; later it is stale and waits for the next Monday.
import { calendarDateIn, daysBetween, isoDate, midnightIn } from '../reports/dates';
import type { ConfigurationStatus } from '../configurations/status';
import type { ReportConfiguration } from '../reports/types';
import { wallHourIn } from '../schedule/schedule';
import { DIGEST_REPORTS } from './build';
import { digestWeeks } from './weeks';

/** The hour of Monday after which the digest goes even if a report has not run yet (a stopped trigger, a failing report). */
export const LAST_HOUR = 23;
/** Days after the Monday a held-back digest may still go. */
const LATE_DAYS = 1;

/**
 * The person's user property holding the Monday (YYYY-MM-DD) the spreadsheet's digest e-mail last went
 * for: theirs, and apart from the document's store, which may be full.
 */
export const digestMailedKey = (spreadsheetId: string) => `sheetgram.digest.mailed.${spreadsheetId}`;

export interface DigestMailInputs {
  now: number;
  timeZone: string;
  /** Every configuration of the document, how its runs stand, and whether a run of it is unfinished: read only on Mondays and Tuesdays. */
  configurations(): { config: ReportConfiguration; status: ConfigurationStatus; unfinished: boolean }[];
  /** The Monday the person's digest e-mail last went for ('' never). */
  mailedFor: string;
}

/**
 * Whether a report keeps the digest waiting on its Monday: it may still write that day's rows. Not once
 * it wrote them (ok or partial since midnight), nor when it cannot run again that day: unscheduled,
 * waiting for the person, paused past the last hour, or failed today with no retry before it.
 */
function mayStillWrite(item: ReturnType<DigestMailInputs['configurations']>[number], since: number, lastHour: number): boolean {
  const { config, status, unfinished } = item;
  if (config.schedule.kind === 'off' || status.waiting || status.stoppedReason) return false;
  const before = (t: number | undefined) => t !== undefined && t < lastHour;
  if (status.resumeAt !== undefined && !before(status.resumeAt)) return false;
  if (unfinished) return true;
  if ((status.lastRunAt ?? 0) < since) return true;
  const outcome = status.lastRun?.status;
  if (outcome === 'ok' || outcome === 'partial') return false;
  return before(status.retryAt) || before(status.resumeAt);
}

/** The Monday (YYYY-MM-DD) whose digest is due now, or null. */
export function digestMailDue(inputs: DigestMailInputs): string | null {
  const today = calendarDateIn(inputs.now, inputs.timeZone);
  const { monday } = digestWeeks(today);
  const mondayText = isoDate(monday);
  if (inputs.mailedFor === mondayText || daysBetween(monday, today) > LATE_DAYS) return null;
  const digestConfigs = inputs.configurations().filter(({ config }) => DIGEST_REPORTS.includes(config.reportId));
  if (!digestConfigs.length) return null;
  const lastHour = wallHourIn(monday, LAST_HOUR, inputs.timeZone);
  if (daysBetween(monday, today) > 0 || inputs.now >= lastHour) return mondayText;
  const since = midnightIn(monday, inputs.timeZone);
  return digestConfigs.some((item) => mayStillWrite(item, since, lastHour)) ? null : mondayText;
}
