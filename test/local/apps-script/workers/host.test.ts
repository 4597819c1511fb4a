// Concurrent executions in worker threads against the main thread's shared services: locks that
// really block, lock timeouts with Google's message, and per-execution virtual time lines.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createRuntime } from '../../../../local/apps-script/runtime';

const BASIC = fileURLToPath(new URL('../fixtures/basic', import.meta.url));
const START = Date.parse('2026-01-05T09:00:00Z');
// These tests are about time lines and locks: without the cost model, so that each execution's time
// is only its own sleeps and waits (the start-up and call figures of costs.ts would add to each; the
// cost model's own concurrent test is in test/local/apps-script/costs.test.ts).
const runtime = () => createRuntime({ bundleDir: BASIC, start: START, users: [{ email: 'a@example.com' }, { email: 'b@example.com' }], costs: false });

describe('callConcurrently', () => {
  it('runs functions in workers and returns their values', async () => {
    const rt = runtime();
    const results = await rt.callConcurrently([
      { fn: 'add', args: [1, 2] },
      { fn: 'whoAmI', user: 'b@example.com' },
    ]);
    expect(results.map((r) => r.value)).toEqual([3, ['b@example.com', 'b@example.com']]);
    expect(rt.executions).toHaveLength(2);
  });

  it('serialises read-modify-write under the script lock: no update is lost', async () => {
    const rt = runtime();
    const results = await rt.callConcurrently([1, 2, 3].map(() => ({ fn: 'incrementUnderLock', args: [1000] })));
    expect(results.every((r) => r.outcome === 'completed')).toBe(true);
    expect(results.map((r) => r.value).sort()).toEqual([1, 2, 3]);
    expect(rt.call('readScriptProperty', ['counter'])).toBe('3');
    // Each waited for the one before: their own time lines end one hold apart.
    expect(results.map((r) => r.end - START).sort((a, b) => a - b)).toEqual([1000, 2000, 3000]);
  });

  it('really blocks a second execution while the first holds the lock', async () => {
    const rt = runtime();
    const results = await rt.callConcurrently([
      { fn: 'busyUnderLock', args: [4000] },
      { fn: 'busyUnderLock', args: [4000], user: 'b@example.com' },
    ]);
    // The error, if any, is part of what is compared, so a failure says why.
    expect(results.map((r) => r.error ?? r.value)).toEqual(['done', 'done']);
    expect(results[0].lockWaits + results[1].lockWaits).toBe(1);
  });

  it('times a waiter out with Google\'s message when the holder keeps the lock too long', async () => {
    const rt = runtime();
    const results = await rt.callConcurrently([
      { fn: 'holdLock', args: [20_000] },
      { fn: 'holdLock', args: [20_000], user: 'b@example.com' },
    ]);
    expect(results.map((r) => r.outcome).sort()).toEqual(['completed', 'failed']);
    const failed = results.find((r) => r.outcome === 'failed')!;
    expect(failed.error).toBe('Lock timeout: another process was holding the lock for too long.');
    expect(failed.end - START).toBe(1000);
    expect(rt.executions.filter((e) => e.outcome === 'failed')).toHaveLength(1);
  });

  it('does not add concurrent sleeps up twice on the shared clock', async () => {
    const rt = runtime();
    await rt.callConcurrently([
      { fn: 'sleepSeconds', args: [60] },
      { fn: 'sleepSeconds', args: [90] },
    ]);
    expect(rt.clock.now() - START).toBe(90_000);
  });

  it('enforces the time limit per execution', async () => {
    const rt = runtime();
    const results = await rt.callConcurrently([{ fn: 'sleepSeconds', args: [7 * 60] }, { fn: 'nowIso' }]);
    expect(results[0]).toMatchObject({ outcome: 'failed', error: 'Exceeded maximum execution time' });
    expect(results[1]).toMatchObject({ outcome: 'completed', value: '2026-01-05T09:00:00.000Z' });
  });

  it('lets locks taken in workers be released when the execution ends', async () => {
    const rt = runtime();
    const results = await rt.callConcurrently([{ fn: 'tryLockFor', args: [10] }]);
    expect(results[0].value).toBe(true);
    expect(rt.call('tryLockFor', [10])).toBe(true);
  });
});
