// Google gives each person's triggers a daily total runtime (90 minutes on a consumer account, 6 hours on
// Workspace; reference §1.1), counted across every script and spreadsheet, 24 hours after first use.
// When it is used up Google refuses to start the person's triggers at all, and a run in progress is
// killed where it stands. So Sheetgram keeps its own account of the time its hourly ticks took, in the
// person's user properties (shared by every spreadsheet where they run Sheetgram), and stops before
// the allowance: a heavy first pull is read over several days instead of being cut off.
//
// The account is kept per clock hour (at most 25 entries, one small property): an hour's time counts
// until 24 hours after that hour ends, never less than Google counts it.
import type { Clock, KeyValueStore, Lock } from '../ports';

export const TRIGGER_TIME_KEY = 'sheetgram.triggerTime';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface TriggerTimeSettings {
  /** Google's daily trigger runtime for the person: 90 (consumer, the default) or 360 (Workspace). */
  minutesPerDay: number;
}

export const DEFAULT_TRIGGER_MINUTES_PER_DAY = 90;

/**
 * Sheetgram's share of the day: Google also counts each execution's start-up, which a script cannot
 * time, and the person may run other scripts on triggers.
 */
export const SHEETGRAM_SHARE = 0.9;
/**
 * Runs that continue a pull begun earlier (first pulls of long histories) may use this much of the
 * share: the rest stays for the day's scheduled reports, so they still run on time.
 */
export const CONTINUING_SHARE = 0.75;

/** Hour index (hours since the epoch) -> seconds of trigger time started in that hour. */
type Entries = Record<string, number>;

export interface TriggerTimeBudget {
  /** Time that any scheduled run of this tick may use, in ms from now. */
  scheduledMs: number;
  /** Time that a run continuing an earlier pull may use, in ms from now. */
  continuingMs: number;
}

export class TriggerTimeLedger {
  constructor(
    private readonly store: KeyValueStore,
    private readonly clock: Clock,
    readonly settings: TriggerTimeSettings = { minutesPerDay: DEFAULT_TRIGGER_MINUTES_PER_DAY },
  ) {}

  private entries?: Entries;

  private read(): Entries {
    if (!this.entries) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(this.store.get(TRIGGER_TIME_KEY) ?? '{}');
      } catch {
        parsed = {};
      }
      const entries: Entries = {};
      if (parsed && typeof parsed === 'object') {
        for (const [hour, seconds] of Object.entries(parsed)) if (Number.isFinite(Number(hour)) && typeof seconds === 'number' && seconds > 0) entries[hour] = seconds;
      }
      this.entries = entries;
    }
    return this.entries;
  }

  /** When an hour's time stops counting. */
  private static expiry(hour: number): number {
    return (hour + 1) * HOUR + DAY;
  }

  /** Trigger time counted at `at` (ms), plus `extraMs` for the execution running now. */
  usedAt(at: number, extraMs = 0): number {
    let used = extraMs;
    for (const [hour, seconds] of Object.entries(this.read())) if (TriggerTimeLedger.expiry(Number(hour)) > at) used += seconds * 1000;
    return used;
  }

  /** Sheetgram's allowance for the day, and the part of it that continuing pulls may use. */
  limits(): { dayMs: number; continuingMs: number } {
    const dayMs = this.settings.minutesPerDay * MINUTE * SHEETGRAM_SHARE;
    return { dayMs, continuingMs: dayMs * CONTINUING_SHARE };
  }

  /** What the tick that started at `startedAt` may still spend, having used `elapsedMs` so far. */
  budget(startedAt: number): TriggerTimeBudget {
    const now = this.clock.now();
    const used = this.usedAt(now, now - startedAt);
    const { dayMs, continuingMs } = this.limits();
    return { scheduledMs: Math.max(0, dayMs - used), continuingMs: Math.max(0, continuingMs - used) };
  }

  /**
   * The earliest time (ms) at which `needMs` more fits under `limitMs`, counting the running execution's
   * `extraMs` in its own hour. Old hours leave the count one by one.
   */
  availableAt(limitMs: number, needMs: number, extraMs = 0): number {
    const now = this.clock.now();
    const currentHour = Math.floor(now / HOUR);
    const hours = new Map(Object.entries(this.read()).map(([h, s]) => [Number(h), s * 1000]));
    hours.set(currentHour, (hours.get(currentHour) ?? 0) + extraMs);
    const live = [...hours].filter(([hour]) => TriggerTimeLedger.expiry(hour) > now).sort((a, b) => a[0] - b[0]);
    let used = live.reduce((sum, [, ms]) => sum + ms, 0);
    if (used + needMs <= limitMs) return now;
    for (const [hour, ms] of live) {
      used -= ms;
      if (used + needMs <= limitMs) return TriggerTimeLedger.expiry(hour);
    }
    return TriggerTimeLedger.expiry(currentHour);
  }

  /**
   * Adds a tick's time to its hour and drops hours that no longer count: one read and one write of
   * the person's properties, under their lock (ticks of several spreadsheets may end together). Best
   * effort: without the lock the time goes uncounted rather than the tick failing.
   */
  record(startedAt: number, durationMs: number, lock: Lock): void {
    if (durationMs <= 0) return;
    if (!lock.tryLock(5_000)) return;
    try {
      this.entries = undefined;
      const now = this.clock.now();
      const entries = this.read();
      const hour = String(Math.floor(startedAt / HOUR));
      entries[hour] = Math.ceil((entries[hour] ?? 0) + durationMs / 1000);
      for (const key of Object.keys(entries)) if (TriggerTimeLedger.expiry(Number(key)) <= now) delete entries[key];
      this.store.set(TRIGGER_TIME_KEY, JSON.stringify(entries));
    } finally {
      lock.release();
    }
  }
}
