// Permits that running executions hold are never stranded: the hourly tick and three Run now start together,
// the profile run needs one of the five permits it reserved, and the two long runs, finding that the profile
// run holds the calls left, used to stop at once ("Other Sheetgram runs ... are using the calls left"); the
// profile run then gave its four back into an hour nobody was left to use. Now a run that finds the others
// hold the calls left waits for them (they use them or give them back), and a run that ends gives its unused
// permits back at once when others hold or wait for permits of the account.
import { describe, expect, it } from 'vitest';
import { isQuotaExhaustedError, type QuotaReason } from '../../../src/core/quota/quota-exhausted';
import { parseCounter, wantedByOthers } from '../../../src/core/quota/meter';
import { DEFAULT_THROTTLE_SETTINGS } from '../../../src/core/quota/settings';
import { accountUsage, createThrottle, quotaKeys, type Throttle } from '../../../src/core/quota/throttle';
import { FakeClock, MemoryStore } from '../../support/memory-ports';
import { MemoryLock } from './memory-lock';

const ACCOUNT = '17841405793187218';
const START = Date.UTC(2026, 10, 2, 12, 0, 0);
const LIMIT = 20;

/**
 * One clock for executions running at once: each one's next step is an event, and an execution that sleeps
 * (waiting inside the throttle) lets the others' events due meanwhile happen, in time order.
 */
class SharedClock extends FakeClock {
  private events: { at: number; seq: number; fn: () => void }[] = [];
  private seq = 0;

  at(time: number, fn: () => void): void {
    this.events.push({ at: time, seq: this.seq++, fn });
    this.events.sort((a, b) => a.at - b.at || a.seq - b.seq);
  }

  override sleep(ms: number): void {
    this.sleeps.push(ms);
    const until = this.ms + ms;
    while (this.events.length && this.events[0].at <= until) this.fire();
    this.ms = Math.max(this.ms, until);
  }

  /** Runs every event, the ones they schedule included. */
  runAll(): void {
    while (this.events.length) this.fire();
  }

  private fire(): void {
    const event = this.events.shift()!;
    this.ms = Math.max(this.ms, event.at);
    event.fn();
  }
}

interface Run {
  name: string;
  throttle: Throttle;
  /** Calls the run would make. */
  wants: number;
  made: number;
  refused?: { reason: QuotaReason; at: number; madeInHour: number };
  /** After its last call: writing rows and logs, until the execution ends and releases its throttle. */
  tailMs: number;
  /** The execution goes on with other work after this run (the hourly tick): idle() at the run's end, release later. */
  laterWorkMs?: number;
}

function setUp() {
  const clock = new SharedClock(START);
  const env = { store: new MemoryStore(), lock: new MemoryLock(), clock };
  const make = (holder: string) => createThrottle({ ...env, account: ACCOUNT, appId: 'app', settings: { callsPerHour: LIMIT }, holder });
  const calls: number[] = [];
  // Connecting the account read its profile in this hour: Meta counts it, and so does Sheetgram.
  make('connect').count(1);
  calls.push(START);
  const runs: Run[] = [];

  function start(run: Omit<Run, 'made' | 'throttle'>, at: number): Run {
    const r: Run = { ...run, made: 0, throttle: make(run.name) };
    runs.push(r);
    const end = () => {
      if (r.laterWorkMs === undefined) {
        clock.at(clock.now() + r.tailMs, () => r.throttle.release());
        return;
      }
      // The run is over (its graph client released); the execution goes on, and releases at its end.
      clock.at(clock.now() + r.tailMs, () => {
        r.throttle.idle();
        clock.at(clock.now() + (r.laterWorkMs as number), () => r.throttle.release());
      });
    };
    const step = () => {
      try {
        r.throttle.take(1);
      } catch (e) {
        if (!isQuotaExhaustedError(e)) throw e;
        r.refused = { reason: e.reason, at: clock.now(), madeInHour: calls.length };
        end();
        return;
      }
      calls.push(clock.now());
      r.made++;
      if (r.made < r.wants) clock.at(clock.now() + 300, step);
      else end();
    };
    clock.at(at, step);
    return r;
  }
  return { clock, env, runs, calls, start };
}

function expectNoneStranded(s: ReturnType<typeof setUp>) {
  const { env, runs, calls } = s;
  // Never over the limit, and the hour's calls were all made: no permit was left to nobody.
  expect(calls.length).toBe(LIMIT);
  // Everything given back: the counter holds exactly the calls made, and nobody's hold or wait.
  const counter = JSON.parse(env.store.data.get(quotaKeys(ACCOUNT, 'app').account)!);
  expect(counter.h).toBeUndefined();
  expect(counter.w).toBeUndefined();
  expect(accountUsage((k) => env.store.data.get(k) ?? null, ACCOUNT, 'app', LIMIT, START + 60 * 60_000 - 1).used).toBe(LIMIT);
  // Whoever stopped for the limit says "used up", and only once the 20 calls were made.
  for (const r of runs.filter((x) => x.wants > x.made)) {
    expect(r.refused?.reason, r.name).toBe('account_hourly');
    expect(r.refused?.madeInHour, r.name).toBe(LIMIT);
  }
}

describe('executions running at once strand no permits', () => {
  it('the profile run holds the calls left while the long runs need them: they wait, and get them when it ends', () => {
    const s = setUp();
    // The order the hourly tick and three Run now reached the counters in: posts reserves 10 of the 19 left,
    // the profile run 5 (it needs 1), insights 2.
    s.start({ name: 'posts', wants: 500, tailMs: 1_000 }, START);
    s.start({ name: 'profile', wants: 1, tailMs: 10_000 }, START + 10);
    s.start({ name: 'insights', wants: 500, tailMs: 1_000 }, START + 20);
    s.clock.runAll();
    expect(s.runs.map((r) => [r.name, r.made])).toEqual([['posts', expect.any(Number)], ['profile', 1], ['insights', expect.any(Number)]]);
    expectNoneStranded(s);
    // They waited for the profile run, not longer.
    expect(Math.max(...s.runs.map((r) => r.refused?.at ?? 0))).toBeLessThan(START + 15_000);
  });

  it('a run that ends while its execution goes on gives its unused permits back at once to the runs waiting for them', () => {
    const s = setUp();
    // The hourly tick runs the profile report first (10 of the 19 left, 1 used), then other accounts for three minutes.
    s.start({ name: 'tick', wants: 1, tailMs: 2_000, laterWorkMs: 180_000 }, START);
    s.start({ name: 'posts', wants: 500, tailMs: 1_000 }, START + 10);
    s.start({ name: 'insights', wants: 500, tailMs: 1_000 }, START + 20);
    s.clock.runAll();
    expectNoneStranded(s);
    // The long runs were done well before the tick's execution ended.
    expect(Math.max(...s.runs.filter((r) => r.name !== 'tick').map((r) => r.refused?.at ?? 0))).toBeLessThan(START + 30_000);
  });

  it('a run that ends alone keeps its permits for the execution\'s next run, without a write', () => {
    const env = { store: new MemoryStore(), lock: new MemoryLock(), clock: new FakeClock(START) };
    const t = createThrottle({ ...env, account: ACCOUNT, appId: 'app', settings: { callsPerHour: LIMIT } });
    t.take(1);
    const writes = env.store.writes;
    t.idle();
    expect(env.store.writes).toBe(writes);
    expect(t.held).toBe(9);
    t.take(1);
    expect(env.store.writes).toBe(writes);
  });

  it('holders that keep the calls left (a run killed by the time limit) are waited for a while at most, then named', () => {
    const env = { store: new MemoryStore(), lock: new MemoryLock(), clock: new FakeClock(START) };
    const make = (holder: string) => createThrottle({ ...env, account: ACCOUNT, appId: 'app', settings: { callsPerHour: LIMIT }, holder });
    const gone = make('gone');
    gone.take(1);
    gone.take(1);
    const other = make('other');
    let made = 0;
    let refused: { reason: QuotaReason; resumeAt: number; at: number } | null = null;
    while (!refused) {
      try {
        other.take(1);
        made++;
      } catch (e) {
        if (!isQuotaExhaustedError(e)) throw e;
        refused = { reason: e.reason, resumeAt: e.resumeAt, at: env.clock.now() };
      }
    }
    // Its share of what was free, then a wait for the holder (heldWaitMs), then refused until the holder's lease ends.
    expect(2 + made).toBeLessThanOrEqual(LIMIT);
    expect(refused.reason).toBe('held');
    expect(refused.at - START).toBeLessThanOrEqual(DEFAULT_THROTTLE_SETTINGS.heldWaitMs);
    expect(refused.at - START).toBeGreaterThanOrEqual(DEFAULT_THROTTLE_SETTINGS.heldWaitMs - DEFAULT_THROTTLE_SETTINGS.heldPollMs);
    expect(refused.resumeAt).toBe(START + DEFAULT_THROTTLE_SETTINGS.leaseMs);
    // Nobody waits any more, as far as the counter says.
    const counter = parseCounter(env.store.data.get(quotaKeys(ACCOUNT, 'app').account) ?? null);
    expect(wantedByOthers(counter, 'gone', env.clock.now())).toBe(false);
  });

  it('never waits past the run\'s deadline, nor at all in a custom function', () => {
    const env = { store: new MemoryStore(), lock: new MemoryLock(), clock: new FakeClock(START) };
    const make = (holder: string, settings = {}) => createThrottle({ ...env, account: ACCOUNT, appId: 'app', settings: { callsPerHour: LIMIT, ...settings }, holder });
    make('holder').take(1);
    const run = make('run');
    const deadline = START + 5_000;
    const refusedAt = () => {
      for (;;) {
        try {
          run.take(1, 0, deadline);
        } catch (e) {
          if (!isQuotaExhaustedError(e)) throw e;
          return { reason: e.reason, at: env.clock.now() };
        }
      }
    };
    expect(refusedAt()).toEqual({ reason: 'held', at: deadline });
    const cell = make('cell', { heldWaitMs: 0 });
    const before = env.clock.now();
    expect(() => cell.take(1)).toThrow(/Other Sheetgram runs/);
    expect(env.clock.now()).toBe(before);
  });
});
