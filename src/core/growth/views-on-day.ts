// "Views on day 1, 3, 7 and 30" beside each post in Media Insights: read from the Post Growth tab, which
// keeps each post's lifetime views day by day. On the day itself the run's own figure is the one Post
// Growth is about to keep. No call of its own; one read of the tab per execution, when first asked.
import { VIEWS_ON_DAYS } from '../reports/catalog/own-account';
import { ACCOUNT_ID_FIELD } from '../reports/catalog/common-fields';
import { calendarDateIn, daysBetween, parseGraphTimestamp, type CalendarDate } from '../reports/dates';
import type { SourceRecord } from '../reports/types';
import type { TabPort } from '../tabs/tab-port';
import { DAYS_SINCE_POSTING, POST_GROWTH_TAB } from './post-growth';
import { headerKey, cellText } from '../tabs/cell-text';

const MEDIA_ID = 'Media ID';
const VIEWS = 'Views';


/** Views by media id and day since posting, of one account's rows in the Post Growth tab. */
export function growthViews(tab: TabPort, accountId: string): Map<string, Map<number, unknown>> {
  const byPost = new Map<string, Map<number, unknown>>();
  const ref = tab.findTab(null, POST_GROWTH_TAB);
  if (!ref) return byPost;
  const header = tab.readHeader(ref).map(headerKey);
  const columns = [ACCOUNT_ID_FIELD.header, MEDIA_ID, DAYS_SINCE_POSTING.header, VIEWS].map((h) => header.indexOf(headerKey(h)) + 1);
  const last = tab.lastRow(ref);
  if (columns.some((c) => c < 1) || last < 2) return byPost;
  for (const [account, media, day, views] of tab.readColumns(ref, columns, 2, last)) {
    if (cellText(account) !== accountId || typeof day !== 'number' || views === '' || views === undefined) continue;
    const days = byPost.get(cellText(media)) ?? new Map<number, unknown>();
    days.set(day, views);
    byPost.set(cellText(media), days);
  }
  return byPost;
}

export interface ViewsOnDayInput {
  accountId: string;
  runDay: CalendarDate;
  timeZone: string;
  /** Days after posting Post Growth keeps (growthDays): later days are never filled. */
  growthDays: number;
}

/** For a post's record: its views on each of the days, where known. Reads the tab once, at the first post. */
export function viewsOnDay(tab: TabPort, input: ViewsOnDayInput): (record: SourceRecord) => Record<number, unknown> {
  let kept: Map<string, Map<number, unknown>> | null = null;
  return (record) => {
    const out: Record<number, unknown> = {};
    const posted = record.timestamp instanceof Date ? record.timestamp : parseGraphTimestamp(record.timestamp);
    if (!posted || input.growthDays <= 0) return out;
    const age = daysBetween(calendarDateIn(posted.getTime(), input.timeZone), input.runDay);
    for (const n of VIEWS_ON_DAYS) {
      if (n > input.growthDays || n > age) continue;
      // Today's figure is the one Post Growth keeps after this run.
      if (n === age) out[n] = record.views;
      else out[n] = (kept ??= growthViews(tab, input.accountId)).get(cellText(record.id))?.get(n);
    }
    return out;
  };
}
