import { describe, expect, it } from 'vitest';
import { createThrottle, quotaKeys, type ThrottleOptions } from '../../../src/core/quota/throttle';
import { isQuotaExhaustedError } from '../../../src/core/quota/quota-exhausted';
import { FakeClock, MemoryStore } from '../../support/memory-ports';
import { MemoryLock } from './memory-lock';
import { refusal } from './refusal';

const ACCOUNT = '17841405793187218';
const START = Date.UTC(2026, 10, 2, 9, 0, 0);

function shared() {
  return { store: new MemoryStore(), lock: new MemoryLock(), clock: new FakeClock(START) };
}

function throttle(env: ReturnType<typeof shared>, settings: ThrottleOptions['settings'] = {}) {
  return createThrottle({ ...env, account: ACCOUNT, appId: 'app1', settings });
}


describe('throttle', () => {
  it('never lets two executions sharing the store exceed the limit together', () => {
    const env = shared();
    const a = throttle(env, { callsPerHour: 120, blockSize: 25, returnAtLeast: 1 });
    const b = throttle(env, { callsPerHour: 120, blockSize: 25, returnAtLeast: 1 });
    let made = 0;
    let refusedA = false;
    let refusedB = false;
    for (let i = 0; i < 200 && !(refusedA && refusedB); i++) {
      for (const [t, which] of [[a, 'a'], [b, 'b']] as const) {
        if ((which === 'a' && refusedA) || (which === 'b' && refusedB)) continue;
        try {
          t.take(1);
          made++;
        } catch (e) {
          if (!isQuotaExhaustedError(e)) throw e;
          if (which === 'a') refusedA = true;
          else refusedB = true;
        }
      }
      env.clock.sleep(1_000);
    }
    expect(refusedA && refusedB).toBe(true);
    expect(made).toBeLessThanOrEqual(120);
    // Unused permits come back, so nothing is lost either.
    a.release();
    b.release();
    expect(made).toBeGreaterThanOrEqual(120 - 2 * 25);
  });

  it('reserves in blocks: 50 calls cost at most 2 property writes', () => {
    const env = shared();
    const t = throttle(env);
    for (let i = 0; i < 50; i++) {
      t.take(1);
      env.clock.sleep(500);
    }
    t.release();
    expect(env.store.writes).toBeLessThanOrEqual(2);
  });

  it('gives unused permits back at the end of the run', () => {
    const env = shared();
    const t = throttle(env);
    for (let i = 0; i < 10; i++) t.take(1);
    expect(t.held).toBe(90);
    t.release();
    const stored = JSON.parse(env.store.data.get(quotaKeys(ACCOUNT, 'app1').account)!);
    expect(stored.b.reduce((s: number, [, n]: [number, number]) => s + n, 0)).toBe(10);
  });

  it('gives back even a few unused permits by default, so the counters hold only calls made', () => {
    const env = shared();
    const t = throttle(env);
    for (let i = 0; i < 99; i++) t.take(1);
    t.release();
    const stored = JSON.parse(env.store.data.get(quotaKeys(ACCOUNT, 'app1').account)!);
    expect(stored.b.reduce((s: number, [, n]: [number, number]) => s + n, 0)).toBe(99);
    expect(stored.h).toBeUndefined();
  });

  it('gives a few unused permits back to the account\'s counter alone: the shared counters keep them counted', () => {
    const env = shared();
    const t = throttle(env);
    for (let i = 0; i < 60; i++) t.take(1);
    const writes = env.store.writes;
    t.release();
    expect(env.store.writes).toBe(writes + 1);
    const sum = (key: string) => JSON.parse(env.store.data.get(key)!).b.reduce((s: number, [, n]: [number, number]) => s + n, 0);
    const keys = quotaKeys(ACCOUNT, 'app1');
    expect(sum(keys.account)).toBe(60);
    // Fewer than returnAtLeast (50): the app's hour and UrlFetch's day keep the 40 until their window passes.
    expect(sum(keys.app)).toBe(100);
    expect(sum(keys.urlfetch)).toBe(100);
  });

  it('refuses with the time the window frees up, and allows calls again after an hour', () => {
    const env = shared();
    const t = throttle(env, { callsPerHour: 30, blockSize: 10 });
    for (let i = 0; i < 30; i++) t.take(1);
    const refused = refusal(() => t.take(1));
    expect(refused).toMatchObject({ name: 'QuotaExhaustedError', account: ACCOUNT, reason: 'account_hourly' });
    // The account's hourly share is per clock hour: it frees when the next hour starts.
    expect(refused.resumeAt).toBe(START + 3_600_000);
    env.clock.ms = refused.resumeAt;
    expect(() => t.take(1)).not.toThrow();
  });

  it('takes a batch\'s calls at once, even beyond one block', () => {
    const env = shared();
    const t = throttle(env, { callsPerHour: 100 });
    t.take(50);
    t.take(50);
    expect(() => t.take(1)).toThrow(expect.objectContaining({ reason: 'account_hourly' }));
  });

  it('lowers the hour\'s and the day\'s limits at once when the Business Use Case header reports near 100%', () => {
    const env = shared();
    const t = throttle(env);
    for (let i = 0; i < 20; i++) t.take(1);
    // X-Business-Use-Case-Usage is the account's share of its rolling 24 hours (reference §8.2).
    t.observe({ 'x-business-use-case-usage': JSON.stringify({ [ACCOUNT]: [{ type: 'instagram', call_count: 95, total_cputime: 10, total_time: 10, estimated_time_to_regain_access: 0 }] }) });
    expect(t.held).toBe(0);
    const refused = refusal(() => t.take(1));
    expect(refused.reason).toBe('account_hourly');
    // 20 counted at 95 %: both limits are 18 for the next ten minutes.
    const stored = JSON.parse(env.store.data.get(quotaKeys(ACCOUNT, 'app1').account)!);
    expect(stored).toMatchObject({ l: 18, dl: 18, lu: START + 600_000, dlu: START + 600_000 });
    expect(refused.resumeAt).toBe(START + 600_000);
    // Another execution sees the lowered limit too.
    expect(() => throttle(env).take(1)).toThrow(expect.objectContaining({ name: 'QuotaExhaustedError' }));
  });

  it('does not lower the limit for moderate usage', () => {
    const env = shared();
    const t = throttle(env);
    t.take(1);
    t.observe({ 'x-app-usage': JSON.stringify({ call_count: 40, total_time: 20, total_cputime: 10 }) });
    for (let i = 0; i < 40; i++) t.take(1);
  });

  it('lowers the app limit from X-App-Usage', () => {
    const env = shared();
    const t = throttle(env);
    t.take(1);
    t.observe({ 'x-app-usage': JSON.stringify({ call_count: 20, total_time: 99, total_cputime: 10 }) });
    expect(refusal(() => t.take(1)).reason).toBe('app_hourly');
  });

  it('pauses the account for Meta\'s estimate, persists the pause, and honours it in other executions', () => {
    const env = shared();
    const t = throttle(env);
    t.take(1);
    t.observe({ 'x-business-use-case-usage': JSON.stringify({ x: [{ type: 'instagram', call_count: 100, total_cputime: 5, total_time: 5, estimated_time_to_regain_access: 12 }] }) });
    const refused = refusal(() => t.take(1));
    // A time to regain access in the Business Use Case header: Instagram's daily limit.
    expect(refused).toMatchObject({ reason: 'paused_daily', resumeAt: START + 12 * 60_000 });
    expect(refused.message).toMatch(/^Instagram's daily limit for this account is reached/);
    const other = throttle(env);
    expect(refusal(() => other.take(1)).resumeAt).toBe(START + 12 * 60_000);
    env.clock.ms = START + 12 * 60_000 + 1;
    expect(() => throttle(env).take(1)).not.toThrow();
  });

  it('a pause ends on time', () => {
    const env = shared();
    const t = throttle(env);
    t.pause('account', START + 60_000);
    expect(refusal(() => t.take(1)).reason).toBe('paused');
    env.clock.ms = START + 60_001;
    expect(() => t.take(1)).not.toThrow();
  });

  it('tracks the UrlFetch daily quota per user', () => {
    const env = shared();
    const t = throttle(env, { urlFetchPerDay: 40, blockSize: 10 });
    for (let i = 0; i < 40; i++) {
      t.take(1);
      env.clock.sleep(30_000);
    }
    const refused = refusal(() => t.take(1));
    expect(refused.reason).toBe('urlfetch_daily');
    expect(refused.resumeAt).toBeGreaterThan(START + 24 * 3_600_000);
  });

  it('keeps each stored value small and drops expired buckets', () => {
    const env = shared();
    const t = throttle(env, { callsPerHour: 100_000, dailyCallsFloor: 10_000_000, urlFetchPerDay: 1_000_000 });
    for (let i = 0; i < 3 * 24 * 60; i++) {
      t.take(25);
      env.clock.sleep(60_000);
    }
    for (const value of env.store.data.values()) expect(value.length).toBeLessThan(9 * 1024);
    const account = JSON.parse(env.store.data.get(quotaKeys(ACCOUNT, 'app1').account)!);
    expect(account.b.length).toBeLessThanOrEqual(70);
    expect(account.d.length).toBeLessThanOrEqual(27);
  });

  it('refuses rather than waits on when the quota lock cannot be had in three tries', () => {
    const env = shared();
    env.lock.refuse = true;
    expect(refusal(() => throttle(env).take(1)).reason).toBe('busy');
    expect(env.lock.held).toBe(false);
    expect(env.lock.attempts).toBe(3);
  });
});
