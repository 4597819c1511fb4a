// The person's daily trigger runtime as Sheetgram counts it: per clock hour, for 24 hours after the hour
// ends, in one small user property; what a tick may still spend; when enough is free again.
import { describe, expect, it } from 'vitest';
import { TRIGGER_TIME_KEY, TriggerTimeLedger } from '../../../src/core/schedule/trigger-time';
import { FakeClock, MemoryStore } from '../../support/memory-ports';
import { MemoryLock } from '../quota/memory-lock';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const START = Date.parse('2026-07-15T12:00:00Z');

function ledger(minutesPerDay = 90) {
  const clock = new FakeClock(START);
  const store = new MemoryStore();
  const lock = new MemoryLock();
  const make = () => new TriggerTimeLedger(store, clock, { minutesPerDay });
  return { clock, store, lock, make };
}

describe('the trigger-time ledger', () => {
  it('counts each tick in its hour until 24 hours after that hour ends', () => {
    const { clock, lock, make } = ledger();
    make().record(START + 10 * MINUTE, 5 * MINUTE, lock);
    clock.ms = START + 2 * HOUR;
    make().record(clock.ms, 2 * MINUTE, lock);
    expect(make().usedAt(clock.ms)).toBe(7 * MINUTE);
    // The first hour (12:00-13:00) stops counting at 13:00 the next day, not at 12:10.
    expect(make().usedAt(START + 24 * HOUR + 30 * MINUTE)).toBe(7 * MINUTE);
    expect(make().usedAt(START + 25 * HOUR)).toBe(2 * MINUTE);
    expect(make().usedAt(START + 27 * HOUR)).toBe(0);
  });

  it('keeps one small property, dropping hours that no longer count', () => {
    const { clock, store, lock, make } = ledger();
    for (let h = 0; h < 72; h++) {
      clock.ms = START + h * HOUR;
      make().record(clock.ms, 5 * MINUTE + 1, lock);
    }
    const saved = JSON.parse(store.data.get(TRIGGER_TIME_KEY)!) as Record<string, number>;
    expect(Object.keys(saved).length).toBeLessThanOrEqual(25);
    expect(store.data.get(TRIGGER_TIME_KEY)!.length).toBeLessThan(500);
    // Seconds are rounded up: never less than the time taken.
    expect(Object.values(saved).every((s) => s === 301)).toBe(true);
  });

  it('gives a tick what is left of 90% of the day, and continuing pulls three quarters of that', () => {
    const { clock, lock, make } = ledger(90);
    make().record(START - HOUR, 30 * MINUTE, lock);
    const budget = make().budget(clock.ms);
    expect(budget.scheduledMs).toBe(81 * MINUTE - 30 * MINUTE);
    expect(budget.continuingMs).toBe(60.75 * MINUTE - 30 * MINUTE);
    // The running execution's own time counts too.
    clock.ms += 2 * MINUTE;
    expect(make().budget(START).scheduledMs).toBe(49 * MINUTE);
  });

  it('says when enough of the day is free again', () => {
    const { clock, lock, make } = ledger(90);
    make().record(START - 5 * HOUR, 40 * MINUTE, lock);
    make().record(START - 2 * HOUR, 40 * MINUTE, lock);
    const l = make();
    // 80 of 81 minutes used: a minute and a half more fits once the older hour leaves the count.
    expect(l.availableAt(81 * MINUTE, 1.5 * MINUTE)).toBe(START - 4 * HOUR + 24 * HOUR);
    expect(l.availableAt(81 * MINUTE, 30_000)).toBe(clock.ms);
  });

  it('records nothing (and does not fail) when the person\'s lock is busy', () => {
    const { store, lock, make } = ledger();
    lock.refuse = true;
    make().record(START, 5 * MINUTE, lock);
    expect(store.data.has(TRIGGER_TIME_KEY)).toBe(false);
  });

  it('reads a damaged property as nothing used', () => {
    const { store, make } = ledger();
    store.data.set(TRIGGER_TIME_KEY, '{not json');
    expect(make().usedAt(START)).toBe(0);
    store.data.set(TRIGGER_TIME_KEY, JSON.stringify({ 490000: 'x', abc: 5 }));
    expect(make().usedAt(START)).toBe(0);
  });
});
