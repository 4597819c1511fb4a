// "BigQuery only": once BigQuery has an account's days, their rows leave the tab, so the spreadsheet
// keeps the newest days and whatever BigQuery still lacks, not the history. Only rows of the account and
// of days before the last one loaded go (a load never reads them again, so a day left half removed is
// never loaded over BigQuery's whole copy); rows of other accounts sharing the tab, the person's own rows
// (no account) and the run's own day stay.
import { ACCOUNT_ID_FIELD, RUN_DATE_FIELD } from '../reports/catalog/common-fields';
import type { TabPort, TabRef } from '../tabs/tab-port';
import { jsonValue } from './values';
import { headerKey } from '../tabs/cell-text';

/** Time one removal may take (a Sheets call); none is started with less left. */
export const TRIM_RESERVE_MS = 5_000;

/**
 * Deletes the account's rows whose Run date is before `before` (YYYY-MM-DD), bottom up so the rows above
 * keep their numbers, one call per run of adjacent rows. Stops when `timeLeft` says so: what stays is
 * removed next time (it is not loaded again). Returns the rows removed.
 */
export function removeLoadedRows(port: TabPort, tab: TabRef, accountId: string, before: string, timeZone: string, timeLeft: () => boolean): number {
  const header = port.readHeader(tab).map(headerKey);
  const idAt = header.indexOf(headerKey(ACCOUNT_ID_FIELD.header)) + 1;
  const dateAt = header.indexOf(headerKey(RUN_DATE_FIELD.header)) + 1;
  const last = port.lastRow(tab);
  // Without both columns no row can be told to be the account's of a loaded day: none goes.
  if (!idAt || !dateAt || last < 2) return 0;
  const rows: number[] = [];
  port.readColumns(tab, [idAt, dateAt], 2, last).forEach(([id, date], i) => {
    if (jsonValue(id, 'STRING', timeZone).value !== accountId) return;
    const day = jsonValue(date, 'DATE', timeZone).value;
    if (typeof day === 'string' && day < before) rows.push(i + 2);
  });
  let removed = 0;
  for (let end = rows.length - 1; end >= 0 && timeLeft();) {
    let start = end;
    while (start > 0 && rows[start - 1] === rows[start] - 1) start--;
    removed += removeRun(port, tab, rows[start], end - start + 1);
    end = start - 1;
  }
  return removed;
}

/**
 * Sheets refuses to delete every row below a frozen header ("not possible to delete all non-frozen
 * rows"): when the run reaches the grid's end from row 2, its last row is emptied instead.
 */
function removeRun(port: TabPort, tab: TabRef, startRow: number, count: number): number {
  const grid = port.gridOf(tab);
  if (startRow === 2 && startRow + count - 1 >= grid.rows) {
    if (count > 1) port.deleteRows(tab, startRow, count - 1);
    const columns = Array.from({ length: grid.columns }, (_, i) => i + 1);
    port.writeRows(tab, 2, columns, [columns.map(() => '')]);
    return count;
  }
  port.deleteRows(tab, startRow, count);
  return count;
}
