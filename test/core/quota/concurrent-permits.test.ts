// Executions running at once share one account's limits through the counters: together they never go
// over a limit, whatever the interleaving, and one that is refused says "used up" only when the calls
// were made; while others still hold the last permits it says so instead, and it may go on once they give them back.
import { describe, expect, it } from 'vitest';
import { isQuotaExhaustedError, type QuotaReason } from '../../../src/core/quota/quota-exhausted';
import { DEFAULT_THROTTLE_SETTINGS, type ThrottleSettings } from '../../../src/core/quota/settings';
import { createThrottle, type Throttle } from '../../../src/core/quota/throttle';
import { FakeClock, MemoryStore } from '../../support/memory-ports';
import { MemoryLock } from './memory-lock';

const ACCOUNT = '17841405793187218';
const START = Date.UTC(2026, 10, 2, 9, 0, 0);
const HOUR = 3_600_000;

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Execution {
  name: string;
  throttle: Throttle;
  /** Calls it still wants to make. */
  wants: number;
}

interface Refusal {
  at: number;
  needed: number;
  reason: QuotaReason;
  /** Other executions running at that moment. */
  othersRunning: number;
}

function callsBetween(calls: number[], from: number, to: number): number {
  return calls.filter((t) => t > from && t <= to).length;
}

/** Calls in the clock hour of `t` (the account's hourly share is per clock hour). */
function callsInHourOf(calls: number[], t: number): number {
  const start = Math.floor(t / HOUR) * HOUR;
  return calls.filter((c) => c >= start && c < start + HOUR).length;
}

/**
 * Executions (an hourly trigger's, several Run now's) start at random moments, each wanting some calls,
 * taking them one at a time or as a batch, interleaved at random on one clock; each stops when refused
 * or done, and gives back what it did not use.
 */
function simulate(seed: number, settings: Partial<ThrottleSettings>, options: { executions: number; hours: number; maxWant: number; startChance: number }) {
  const rnd = random(seed);
  const env = { store: new MemoryStore(), lock: new MemoryLock(), clock: new FakeClock(START) };
  const calls: number[] = [];
  const refusals: Refusal[] = [];
  const running: Execution[] = [];
  let started = 0;
  const end = START + options.hours * HOUR;
  while (env.clock.now() < end) {
    // Now and then a trigger tick or a Run now starts, often several together.
    if (rnd() < options.startChance && started < options.executions) {
      const together = 1 + Math.floor(rnd() * 4);
      for (let i = 0; i < together; i++) {
        started++;
        running.push({
          name: `e${started}`, wants: 1 + Math.floor(rnd() * options.maxWant),
          throttle: createThrottle({ ...env, account: ACCOUNT, appId: 'app', settings, holder: `e${started}` }),
        });
      }
    }
    if (running.length) {
      const e = running[Math.floor(rnd() * running.length)];
      const batch = rnd() < 0.1 ? Math.min(e.wants, 1 + Math.floor(rnd() * 5)) : 1;
      try {
        e.throttle.take(batch);
        for (let i = 0; i < batch; i++) calls.push(env.clock.now());
        e.wants -= batch;
      } catch (error) {
        if (!isQuotaExhaustedError(error)) throw error;
        refusals.push({ at: env.clock.now(), needed: batch, reason: error.reason, othersRunning: running.length - 1 });
        e.wants = 0;
      }
      if (e.wants <= 0) {
        e.throttle.release();
        running.splice(running.indexOf(e), 1);
      }
    }
    env.clock.sleep(Math.floor(rnd() * 20_000));
  }
  for (const e of running) e.throttle.release();
  return { calls, refusals, env };
}

describe('executions running at once', () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`never exceed the hourly limit together, and say "used up" only when it is (seed ${seed})`, () => {
      const limit = 20;
      const { calls, refusals } = simulate(seed, { callsPerHour: limit }, { executions: 200, hours: 8, maxWant: 25, startChance: 0.012 });
      expect(calls.length).toBeGreaterThan(limit * 2);
      // Never more than the limit in any clock hour.
      for (const t of calls) expect(callsInHourOf(calls, t)).toBeLessThanOrEqual(limit);
      // "Used up": the calls were made in this hour (or, in its last minutes, reserved for the next one too).
      const usedUp = refusals.filter((r) => r.reason === 'account_hourly');
      expect(usedUp.length).toBeGreaterThan(0);
      const edge = DEFAULT_THROTTLE_SETTINGS.leaseMs + DEFAULT_THROTTLE_SETTINGS.callMarginMs;
      for (const r of usedUp) {
        const nearNext = Math.floor((r.at + edge) / HOUR) > Math.floor(r.at / HOUR);
        if (!nearNext) expect(callsInHourOf(calls, r.at) + r.needed).toBeGreaterThan(limit);
      }
      // "Held" only while other executions run.
      for (const r of refusals.filter((x) => x.reason === 'held')) expect(r.othersRunning).toBeGreaterThan(0);
      expect(refusals.every((r) => ['account_hourly', 'held'].includes(r.reason))).toBe(true);
    });
  }

  it('never exceed the day\'s budget together either', () => {
    const day = 480;
    const { calls } = simulate(7, { dailyCallsFloor: day, daySpreadHours: 4 }, { executions: 400, hours: 30, maxWant: 40, startChance: 0.03 });
    for (const t of calls) expect(callsBetween(calls, t - 24 * HOUR, t)).toBeLessThanOrEqual(day);
    expect(callsBetween(calls, START, START + 24 * HOUR)).toBeGreaterThan(day / 2);
  });

  it('a fourth execution, while three others hold most of a 200 limit after 64 calls, hears that they hold it, not "used up"', () => {
    const env = { store: new MemoryStore(), lock: new MemoryLock(), clock: new FakeClock(START) };
    const make = (name: string) => createThrottle({ ...env, account: ACCOUNT, appId: 'app', settings: { callsPerHour: 200 }, holder: name });
    const [trigger, runA, runB] = [make('trigger'), make('runA'), make('runB')];
    // Each reserves half of what is left: 100, 50, 25 (and more as they go on).
    for (let i = 0; i < 30; i++) trigger.take(1);
    for (let i = 0; i < 20; i++) runA.take(1);
    for (let i = 0; i < 14; i++) runB.take(1);
    const runC = make('runC');
    let made = 0;
    let refusedWith: QuotaReason | null = null;
    let resumeAt = 0;
    for (;;) {
      try {
        runC.take(1);
        made++;
      } catch (e) {
        if (!isQuotaExhaustedError(e)) throw e;
        refusedWith = e.reason;
        resumeAt = e.resumeAt;
        break;
      }
    }
    // Run C got a share of what was free, then was told the rest is held, and when it frees at the latest.
    expect(made).toBeGreaterThan(0);
    expect(64 + made).toBeLessThan(200);
    expect(refusedWith).toBe('held');
    expect(resumeAt).toBeLessThanOrEqual(START + DEFAULT_THROTTLE_SETTINGS.leaseMs);
    // The others finish and give back what they did not use: Run C goes on to the real limit, then "used up".
    trigger.release();
    runA.release();
    runB.release();
    let more = 0;
    for (;;) {
      try {
        runC.take(1);
        more++;
      } catch (e) {
        if (!isQuotaExhaustedError(e)) throw e;
        expect(e.reason).toBe('account_hourly');
        break;
      }
    }
    expect(64 + made + more).toBe(200);
  });

  it('give each later execution a share while there is room: blocks shrink to half of what is left', () => {
    const env = { store: new MemoryStore(), lock: new MemoryLock(), clock: new FakeClock(START) };
    const holders = ['a', 'b', 'c', 'd', 'e'].map((name) => createThrottle({ ...env, account: ACCOUNT, appId: 'app', settings: { callsPerHour: 20 }, holder: name }));
    for (const t of holders) t.take(1);
    expect(holders.map((t) => t.held)).toEqual([9, 4, 2, 0, 0]);
  });
});
