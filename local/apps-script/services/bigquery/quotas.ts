// BigQuery's per-table quotas on the runtime's virtual clock. BigQuery replenishes daily quotas "at
// regular intervals throughout the day" (quotas page), so a day here is a sliding 24 hours; rate
// limits are sliding 10-second windows. Counters are keyed by table name: dropping and re-creating a
// table does not reset them (quotas page, "All tables").
import { BQ_ERRORS } from './errors';
import { DAY, type BigQuerySettings } from './settings';

class SlidingCounter {
  private uses = new Map<string, { at: number; n: number }[]>();

  constructor(private readonly windowMs: number) {}

  used(key: string, now: number): number {
    const list = this.prune(key, now);
    return list.reduce((sum, u) => sum + u.n, 0);
  }

  add(key: string, now: number, n = 1): void {
    this.prune(key, now).push({ at: now, n });
  }

  private prune(key: string, now: number) {
    const list = (this.uses.get(key) ?? []).filter((u) => u.at > now - this.windowMs && u.at <= now);
    this.uses.set(key, list);
    return list;
  }
}

export class TableQuotas {
  private readonly operations = new SlidingCounter(DAY);
  private readonly partitions = new SlidingCounter(DAY);
  private readonly updates = new SlidingCounter(10_000);

  constructor(private readonly settings: BigQuerySettings) {}

  /** A load job, or a query job writing a destination: one table operation (failed ones count too). */
  takeOperation(table: string, now: number): void {
    if (this.operations.used(table, now) >= this.settings.limits.tableOperationsPerDay) throw BQ_ERRORS.tableOperations();
    this.operations.add(table, now);
  }

  /** Partitions a load or query job writes (DML does not count). */
  takePartitions(table: string, now: number, n: number): void {
    if (n <= 0) return;
    if (this.partitions.used(table, now) + n > this.settings.limits.partitionModificationsPerDay) throw BQ_ERRORS.partitionModifications();
    this.partitions.add(table, now, n);
  }

  /**
   * A table metadata update (tables.insert/patch, a job writing the table): refused past the rate.
   * DML counts toward the rate without being subject to it (`subject` false).
   */
  takeUpdate(table: string, now: number, partitioned: boolean, subject = true): void {
    const limit = partitioned ? this.settings.limits.partitionedTableUpdatesPer10s : this.settings.limits.tableUpdatesPer10s;
    if (subject && this.updates.used(table, now) >= limit) throw BQ_ERRORS.tableUpdateRate(partitioned);
    this.updates.add(table, now);
  }

  /** What tests read: operations and partition modifications in the last 24 hours. */
  usage(table: string, now: number): { operations: number; partitionModifications: number } {
    return { operations: this.operations.used(table, now), partitionModifications: this.partitions.used(table, now) };
  }
}
