// The rows BigQuery gets: one account's rows of the tab, as they stand after a run. A tab keyed by run
// date (Append) gives a snapshot per run date; any other tab is a snapshot of the run's day. Reading the
// tab (not the run's pages) makes a retry, a turned-on destination and a resumed run all the same thing:
// load what the tab holds that BigQuery lacks.
import { ACCOUNT_FIELD, ACCOUNT_ID_FIELD, RUN_DATE_FIELD } from '../reports/catalog/common-fields';
import type { ReportDefinition } from '../reports/types';
import type { CellValue, TabPort, TabRef } from '../tabs/tab-port';
import { ACCOUNT_ID_COLUMN, LOADED_BY_COLUMN, reportColumns, SNAPSHOT_COLUMN } from './schema';
import { jsonValue, type JsonValue } from './values';
import { headerKey } from '../tabs/cell-text';

export type JsonRow = Record<string, JsonValue>;

export interface TabSnapshots {
  /** Rows by snapshot day (YYYY-MM-DD), oldest day first. */
  days: [string, JsonRow[]][];
  /** Cells that were not of their column's type (typed over by hand) and went as NULL. */
  misfits: number;
}

/**
 * The account's rows of the tab. byRunDate: the tab has a Run date column that keys its rows (Append);
 * then only days from `since` on are read. Otherwise every row is a snapshot of `today`.
 */
export function readSnapshots(port: TabPort, tab: TabRef, report: ReportDefinition, opts: {
  accountId: string; byRunDate: boolean; since?: string; today: string; timeZone: string;
  /** The loading report, as LOADED_BY_COLUMN holds it. */
  loadedBy?: string;
}): TabSnapshots {
  const header = port.readHeader(tab).map(headerKey);
  const at = (h: string) => header.indexOf(headerKey(h)) + 1;
  const idAt = at(ACCOUNT_ID_FIELD.header);
  const dateAt = opts.byRunDate ? at(RUN_DATE_FIELD.header) : 0;
  const last = port.lastRow(tab);
  if (last < 2) return { days: [], misfits: 0 };
  // Without them no row can be told apart by account or day: loading "nothing" would read as success.
  const missing = [!idAt && ACCOUNT_ID_FIELD.header, opts.byRunDate && !dateAt && RUN_DATE_FIELD.header].filter(Boolean);
  if (missing.length) {
    throw new Error(`The tab "${tab.name}" has no ${missing.map((h) => `"${h}"`).join(' or ')} column (renamed or deleted?), so nothing was loaded. `
      + 'Give the column its name back, or run the report to add it again.');
  }

  const columns = reportColumns(report).filter((c) => c.field && at(c.field.header));
  const sheetColumns = [idAt, at(ACCOUNT_FIELD.header), dateAt, ...columns.map((c) => at(c.field!.header))];
  const read = sheetColumns.map((c) => c || idAt);
  const cells = port.readColumns(tab, read, 2, last);
  const days = new Map<string, JsonRow[]>();
  let misfits = 0;
  for (const row of cells) {
    const id = jsonValue(row[0], 'STRING', opts.timeZone).value;
    if (id !== opts.accountId) continue;
    let day = opts.today;
    if (opts.byRunDate) {
      const runDate = jsonValue(row[2], 'DATE', opts.timeZone).value;
      if (typeof runDate !== 'string' || (opts.since && runDate < opts.since)) continue;
      day = runDate;
    }
    const out: JsonRow = {
      [ACCOUNT_ID_COLUMN]: opts.accountId, account: sheetColumns[1] ? jsonValue(row[1], 'STRING', opts.timeZone).value : null, [SNAPSHOT_COLUMN]: day,
      [LOADED_BY_COLUMN]: opts.loadedBy ?? null,
    };
    columns.forEach((c, i) => {
      const cell: CellValue | undefined = row[3 + i];
      const { value, fits } = jsonValue(cell, c.type, opts.timeZone);
      if (!fits) misfits++;
      out[c.name] = value;
    });
    const list = days.get(day) ?? [];
    list.push(out);
    days.set(day, list);
  }
  return { days: [...days].sort((a, b) => (a[0] < b[0] ? -1 : 1)), misfits };
}
