// One run of a configuration at a time: a lease another execution holds is respected until it
// expires, its holder may renew it, and only the holder releases it.
import { describe, expect, it } from 'vitest';
import { RunLeases } from '../../../src/core/configurations/leases';
import { FakeClock, MemoryStore } from '../../support/memory-ports';
import { MemoryLock } from '../quota/memory-lock';

const START = Date.UTC(2026, 6, 10, 6, 0);

describe('RunLeases', () => {
  it('lets one holder run a configuration until its lease ends', () => {
    const clock = new FakeClock(START);
    const leases = new RunLeases(new MemoryStore(), new MemoryLock(), clock);
    expect(leases.claim('c1', 'exec-a', START + 60_000)).toBe(true);
    expect(leases.claim('c1', 'exec-b', START + 60_000)).toBe(false);
    expect(leases.claim('c2', 'exec-b', START + 60_000)).toBe(true);
    expect(leases.claim('c1', 'exec-a', START + 120_000)).toBe(true);
    expect(leases.heldUntil('c1')).toBe(START + 120_000);
    leases.release('c1', 'exec-b');
    expect(leases.heldUntil('c1')).toBe(START + 120_000);
    leases.release('c1', 'exec-a');
    expect(leases.heldUntil('c1')).toBeNull();
    expect(leases.claim('c1', 'exec-b', START + 60_000)).toBe(true);
  });

  it('frees a lease by itself once it ends, as after a run killed by the time limit', () => {
    const clock = new FakeClock(START);
    const leases = new RunLeases(new MemoryStore(), new MemoryLock(), clock);
    leases.claim('c1', 'exec-a', START + 60_000);
    clock.ms = START + 60_001;
    expect(leases.heldUntil('c1')).toBeNull();
    expect(leases.claim('c1', 'exec-b', START + 120_000)).toBe(true);
  });

  it('refuses when the lock cannot be had, rather than risk two runs', () => {
    const clock = new FakeClock(START);
    const lock = new MemoryLock();
    const leases = new RunLeases(new MemoryStore(), lock, clock);
    expect(lock.tryLock(0)).toBe(true);
    expect(leases.claim('c1', 'exec-a', START + 60_000)).toBe(false);
  });
});
