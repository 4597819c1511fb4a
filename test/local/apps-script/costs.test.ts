// The cost model: what service calls and start-ups cost on the virtual clock (local/apps-script/costs.ts),
// that its derived figures reproduce the public measurements they come from, and that the limits
// (6 minutes, 30 seconds) are now reached through service calls alone. A fresh runtime per test.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_COSTS, type CostName } from '../../../local/apps-script/costs';
import { createRuntime, type RuntimeOptions } from '../../../local/apps-script/runtime';
import { LocalNetwork } from '../../../local/apps-script/services/url-fetch';

const LIMITS = fileURLToPath(new URL('./fixtures/limits', import.meta.url));
const BASIC = fileURLToPath(new URL('./fixtures/basic', import.meta.url));
const START = Date.parse('2026-01-05T09:00:00Z');
const C = DEFAULT_COSTS;
/** The limits fixture's manifest names one library: every execution loads it. */
const STARTUP = C.startup.perCall + C.startup.perUnit;

function runtime(options: Partial<RuntimeOptions> = {}) {
  return createRuntime({ bundleDir: LIMITS, start: START, ...options });
}
const lastDuration = (rt: ReturnType<typeof runtime>) => rt.executions[rt.executions.length - 1].duration;

describe('the cost table', () => {
  it('names a source for every figure and marks exactly the unmeasured ones as guesses', () => {
    for (const [name, cost] of Object.entries(C)) {
      expect(cost.source, name).not.toBe('');
      expect(cost.source.startsWith('guess'), name).toBe(cost.guess);
    }
    const guesses = (Object.keys(C) as CostName[]).filter((n) => C[n].guess).sort();
    expect(guesses).toEqual(['cacheRemove', 'chartsRender', 'lockAcquire', 'lockRelease', 'sheetsRead', 'startup', 'urlFetch']);
  });

  it('is listed figure by figure in docs/local-platform.md, guesses marked', () => {
    const doc = readFileSync(fileURLToPath(new URL('../../../docs/local-platform.md', import.meta.url)), 'utf8');
    for (const [name, cost] of Object.entries(C)) {
      const row = doc.split('\n').find((line) => line.startsWith(`| \`${name}\` |`));
      expect(row, name).toBeDefined();
      const cells = row!.split('|').map((c) => c.trim());
      expect(cells[2], name).toBe(`${cost.perCall} ms`);
      expect(cells[3], name).toBe(cost.perUnit ? `${cost.perUnit} ms` : '–');
      expect(cells[5].startsWith('**guess**'), name).toBe(cost.guess);
    }
  });

  it('reproduces the public Sheets measurements its figures were derived from (reference §7.1)', () => {
    const write = (cells: number) => C.sheetsWrite.perCall + C.sheetsWrite.perUnit * cells;
    const flush = (cells: number) => C.sheetsFlush.perCall + C.sheetsFlush.perUnit * cells;
    // One setValues of 4,000 cells: < 50 ms without flush, 610 ms with one.
    expect(write(4000)).toBeLessThan(50);
    expect(write(4000) + flush(4000)).toBeGreaterThan(610 * 0.95);
    expect(write(4000) + flush(4000)).toBeLessThan(610 * 1.05);
    // A 10-cell row written and flushed 400 times: ~12 s in all.
    expect(400 * (write(10) + flush(10))).toBeGreaterThan(12_000 * 0.85);
    expect(400 * (write(10) + flush(10))).toBeLessThan(12_000 * 1.15);
    // Google's best-practice example: 100 x 100 cells, offset().setBackground() each, a flush per row: ~70 s.
    const loop = 10_000 * (C.sheetsLookup.perCall + write(1)) + 100 * flush(100);
    expect(loop).toBeGreaterThan(70_000 * 0.95);
    expect(loop).toBeLessThan(70_000 * 1.05);
  });
});

describe('start-up', () => {
  it('costs every execution the script load plus each library of the manifest, custom functions included', () => {
    const rt = runtime();
    rt.call('nothing');
    expect(lastDuration(rt)).toBe(STARTUP);
    rt.callCustomFunction('IG_READ', [0]);
    expect(lastDuration(rt)).toBe(STARTUP);
    expect(rt.costs!.spent.get('Script', 'startup')).toBe(2 * STARTUP);
  });

  it('costs only the script load without libraries in the manifest', () => {
    const rt = createRuntime({ bundleDir: BASIC, start: START });
    rt.call('add', [1, 2]);
    expect(lastDuration(rt)).toBe(C.startup.perCall);
  });

  it('is paid by time-driven trigger runs too, and by each concurrent run on its own time line', async () => {
    const rt = runtime();
    rt.call('createDocumentTrigger');
    rt.advance(3_600_000 + 60_000);
    const tick = rt.executions.find((e) => e.function === 'documentTick')!;
    expect(tick.duration).toBe(STARTUP + C.propertiesGet.perCall + C.propertiesSet.perCall);
    const results = await runtime().callConcurrently([{ fn: 'nothing' }, { fn: 'nothing' }]);
    expect(results.map((r) => r.end - r.start)).toEqual([STARTUP, STARTUP]);
  });
});

describe('service calls', () => {
  it('charges properties reads and writes their measured averages', () => {
    const rt = runtime();
    rt.call('readProperty', [10]);
    expect(lastDuration(rt)).toBe(STARTUP + 10 * C.propertiesGet.perCall);
    rt.call('writeProperty', [10]);
    expect(lastDuration(rt)).toBe(STARTUP + 10 * C.propertiesSet.perCall);
    expect(rt.costs!.spent.get('Properties', 'getProperty')).toBe(10 * C.propertiesGet.perCall);
  });

  it('charges cache and lock calls, keeping fractions of a millisecond for the next call', () => {
    const rt = runtime();
    rt.call('cacheCalls');
    // put 92 + get 3.5 + remove 92 = 187.5: the clock counts whole ms, the half waits for the next call.
    expect(lastDuration(rt)).toBe(STARTUP + 187);
    rt.call('lockCalls');
    expect(lastDuration(rt)).toBe(STARTUP + C.lockAcquire.perCall + C.lockRelease.perCall);
  });

  it('charges a write per call and cell, and a flush for the cells written since the last one', () => {
    const rt = runtime();
    const [write, flush] = rt.call('writeCells', [400, 10, true]) as number[];
    // Three lookups (1.5 ms each) leave half a millisecond over: 45 + 0.5 and 563.5 + 0.5.
    expect(write).toBe(45);
    expect(flush).toBe(564);
    expect(write + flush).toBeGreaterThan(600);
    const [writeOnly, noFlush] = runtime().call('writeCells', [400, 10, false]) as number[];
    expect([writeOnly, noFlush]).toEqual([45, 0]);
  });

  it('makes a read after writes pay for committing them first', () => {
    const rt = runtime();
    const [first, second] = rt.call('writeThenRead', [100, 10]) as number[];
    const read = C.sheetsRead.perCall + C.sheetsRead.perUnit * 1000;
    expect(first).toBe(Math.floor(C.sheetsFlush.perCall + C.sheetsFlush.perUnit * 1000 + read + 0.5));
    expect(second).toBe(read);
  });

  it('adds UrlFetch overhead on top of the network latency, per request in a fetchAll', () => {
    const network = new LocalNetwork({ mode: 'in-process', latencyMs: 100, handler: () => ({ status: 200, headers: {}, body: 'ok' }) });
    const rt = runtime({ network });
    rt.call('fetchMany', ['https://graph.instagram.com/me', 3]);
    expect(lastDuration(rt)).toBe(STARTUP + 3 * (C.urlFetch.perCall + C.urlFetch.perUnit + 100));
    rt.call('fetchAllOf', ['https://graph.instagram.com/me', 10]);
    expect(lastDuration(rt)).toBe(STARTUP + C.urlFetch.perCall + 10 * C.urlFetch.perUnit + 100);
  });

  it('takes figures from the runtime option, and nothing when turned off', () => {
    const changed = runtime({ costs: { propertiesGet: { perCall: 100 } } });
    changed.call('readProperty', [10]);
    expect(lastDuration(changed)).toBe(STARTUP + 1000);
    expect(changed.costs!.table.propertiesSet).toEqual(C.propertiesSet);
    const off = runtime({ costs: false });
    off.call('readProperty', [10]);
    off.call('writeCells', [400, 10, true]);
    expect(off.executions.map((e) => e.duration)).toEqual([0, 0]);
    expect(off.costs).toBeNull();
    expect(() => runtime({ costs: { nonsense: { perCall: 1 } } as never })).toThrow(/unknown figure "nonsense"/);
  });
});

describe('limits reached through service calls alone', () => {
  it('ends a script at 6 minutes of properties reads with Google\'s message', () => {
    const rt = runtime();
    expect(() => rt.call('readProperty', [12_000])).toThrow('Exceeded maximum execution time');
    const calls = rt.counters.get('Properties', 'getProperty');
    // Killed by the read that crossed 6 minutes: no read after it.
    expect(calls).toBe(Math.floor((360_000 - STARTUP) / C.propertiesGet.perCall) + 1);
    expect(runtime({ costs: false }).call('readProperty', [12_000])).toBe(12_000);
  });

  it('ends a custom function at 30 seconds of reads, and lets one under it finish', () => {
    const rt = runtime();
    expect(() => rt.callCustomFunction('IG_READ', [1000])).toThrow('Exceeded maximum execution time');
    expect(rt.callCustomFunction('IG_READ', [900])).toBe(900);
    expect(lastDuration(rt)).toBe(STARTUP + 900 * C.propertiesGet.perCall);
  });
});
