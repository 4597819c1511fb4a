// Counting changes of a BigQuery table against its daily limit: a rolling 24 hours by hour, Sheetgram's
// share, when a change is free again, and the count shared by executions through the store.
import { describe, expect, it } from 'vitest';
import { CountedTableChanges, SHEETGRAM_TABLE_CHANGES, TABLE_CHANGES_PER_DAY } from '../../../src/core/bigquery/table-changes';
import { FakeClock, MemoryStore } from '../../support/memory-ports';
import { MemoryLock } from '../quota/memory-lock';

const HOUR = 3_600_000;
const START = Date.parse('2026-07-03T08:20:00Z');
const TABLE = 'free-tier-proj.sheetgram.user_information';

function counter(share = 3) {
  const store = new MemoryStore();
  const lock = new MemoryLock();
  const clock = new FakeClock(START);
  return { store, lock, clock, changes: new CountedTableChanges(store, lock, clock, share) };
}

describe('CountedTableChanges', () => {
  it('leaves part of BigQuery\'s limit to other writers', () => {
    expect(SHEETGRAM_TABLE_CHANGES).toBeLessThan(TABLE_CHANGES_PER_DAY);
  });

  it('allows its share, then says when the oldest hour\'s changes are free again', () => {
    const { changes, clock } = counter();
    expect(changes.take(TABLE)).toEqual({ ok: true });
    clock.ms += 2 * HOUR;
    expect(changes.take(TABLE)).toEqual({ ok: true });
    expect(changes.take(TABLE)).toEqual({ ok: true });
    // The first change was made in the hour from 08:00: free again at 08:00 the next day.
    expect(changes.take(TABLE)).toEqual({ ok: false, used: 3, freeAt: Date.parse('2026-07-04T08:00:00Z') });
    expect(changes.used(TABLE)).toBe(3);
  });

  it('refills as hours leave the rolling 24 hours', () => {
    const { changes, clock } = counter();
    for (let i = 0; i < 3; i++) changes.take(TABLE);
    expect(changes.take(TABLE).ok).toBe(false);
    clock.ms = Date.parse('2026-07-04T08:00:00Z');
    expect(changes.used(TABLE)).toBe(0);
    expect(changes.take(TABLE)).toEqual({ ok: true });
  });

  it('counts each table apart, and executions share the count through the store', () => {
    const { store, lock, clock, changes } = counter();
    for (let i = 0; i < 3; i++) changes.take(TABLE);
    expect(changes.take('free-tier-proj.sheetgram.recent_media')).toEqual({ ok: true });
    const another = new CountedTableChanges(store, lock, clock, 3);
    expect(another.take(TABLE).ok).toBe(false);
    expect(lock.held).toBe(false);
  });

  it('a busy lock lets the change through uncounted (BigQuery still enforces its limit)', () => {
    const { changes, lock } = counter();
    lock.refuse = true;
    expect(changes.take(TABLE)).toEqual({ ok: true });
    lock.refuse = false;
    expect(changes.used(TABLE)).toBe(0);
  });

  it('a damaged entry counts as none', () => {
    const { changes, store } = counter();
    store.set(`bigquery.changes.${TABLE}`, '{not json');
    expect(changes.take(TABLE)).toEqual({ ok: true });
    expect(changes.used(TABLE)).toBe(1);
  });
});
