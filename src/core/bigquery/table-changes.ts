// BigQuery's fixed limit on changes to one table: load jobs and query jobs that write a table count
// (failed ones too), DML statements do not, and the allowance refills over a rolling 24 hours. A
// report's table is changed by Sheetgram's partition rewrites (a sandbox, where MERGE is refused): one
// per account and day, so a first load of long histories for many accounts can reach it. Counted here
// as Meta's calls are, in the spreadsheet's properties by hour, so a load stops before BigQuery
// refuses (a refused job counts as well). Loads into a report's own staging table, a few a day, cannot
// come near the limit and are not counted. Other spreadsheets writing the same table are not seen:
// part of the limit is left to them.
import type { Clock, KeyValueStore, Lock } from '../ports';

/** BigQuery's "table modifications per day" (quotas page; fixed, cannot be raised). */
export const TABLE_CHANGES_PER_DAY = 1_500;
/** What Sheetgram allows itself of it: the rest is left to other writers (another spreadsheet, a person's own jobs). */
export const SHEETGRAM_TABLE_CHANGES = 1_400;

const WINDOW_MS = 24 * 3_600_000;
const HOUR_MS = 3_600_000;
const KEY = 'bigquery.changes.';
const LOCK_WAIT_MS = 5_000;

export type TakeResult = { ok: true } | { ok: false; used: number; freeAt: number };

export interface TableChanges {
  /** Counts one change of the table, or says it would go past Sheetgram's share and when one is free again. */
  take(table: string): TakeResult;
}

/** Changes by hour (epoch ms of the hour's start) within the last 24 hours. */
type Hours = [number, number][];

export class CountedTableChanges implements TableChanges {
  constructor(
    private readonly store: KeyValueStore,
    private readonly lock: Lock,
    private readonly clock: Clock,
    private readonly share = SHEETGRAM_TABLE_CHANGES,
  ) {}

  take(table: string): TakeResult {
    // A busy lock must not hold a load up: BigQuery still enforces its limit, and says so.
    if (!this.lock.tryLock(LOCK_WAIT_MS)) return { ok: true };
    try {
      const now = this.clock.now();
      const hours = this.read(table).filter(([hour]) => hour + WINDOW_MS > now);
      const used = hours.reduce((n, [, count]) => n + count, 0);
      if (used >= this.share) {
        // The oldest hour leaves the window first; its changes are free again then.
        return { ok: false, used, freeAt: hours[0][0] + WINDOW_MS };
      }
      const hour = now - (now % HOUR_MS);
      const last = hours[hours.length - 1];
      if (last && last[0] === hour) last[1]++;
      else hours.push([hour, 1]);
      this.store.set(KEY + table, JSON.stringify(hours));
      return { ok: true };
    } finally {
      this.lock.release();
    }
  }

  /** Changes made in the last 24 hours (for the bench and tests). */
  used(table: string): number {
    const now = this.clock.now();
    return this.read(table).filter(([hour]) => hour + WINDOW_MS > now).reduce((n, [, count]) => n + count, 0);
  }

  private read(table: string): Hours {
    try {
      const parsed: unknown = JSON.parse(this.store.get(KEY + table) ?? '[]');
      return Array.isArray(parsed) ? parsed.filter((h): h is [number, number] => Array.isArray(h) && typeof h[0] === 'number' && typeof h[1] === 'number') : [];
    } catch {
      return [];
    }
  }
}
