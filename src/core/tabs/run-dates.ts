// The run dates a tab already holds for one account: what a rebuild of past days must leave alone, so
// that no account ever has two rows for a date (whatever the order the person sorted the rows into).
import { calendarDateIn, isoDate, parseIsoDate } from '../reports/dates';
import type { CellValue, TabPort } from './tab-port';
import type { TabTarget } from './columns';
import { headerKey, cellText } from './cell-text';

function dayOf(value: CellValue, timeZone: string): string | null {
  if (value instanceof Date) return isoDate(calendarDateIn(value.getTime(), timeZone));
  const day = typeof value === 'string' ? parseIsoDate(value.replace(/^'/, '')) : null;
  return day ? isoDate(day) : null;
}

/**
 * YYYY-MM-DD of every row of the account (by Account ID); in a tab without that column every row counts,
 * which can only leave a date out, never add a second row for it.
 */
export function runDatesOf(port: TabPort, target: TabTarget, accountId: string, headers: { runDate: string; accountId: string }, timeZone: string): Set<string> {
  const out = new Set<string>();
  const tab = port.findTab(target.sheetId, target.name);
  if (!tab) return out;
  const header = port.readHeader(tab).map(headerKey);
  const dateAt = header.indexOf(headerKey(headers.runDate)) + 1;
  const ownerAt = header.indexOf(headerKey(headers.accountId)) + 1;
  const last = port.lastRow(tab);
  if (!dateAt || last < 2) return out;
  const rows = port.readColumns(tab, ownerAt ? [dateAt, ownerAt] : [dateAt], 2, last);
  for (const [date, owner] of rows) {
    if (ownerAt && cellText(owner) !== accountId) continue;
    const day = dayOf(date, timeZone);
    if (day) out.add(day);
  }
  return out;
}
