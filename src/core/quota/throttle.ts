// Every call to Meta takes a permit here. Counts live in a KeyValueStore (PropertiesService), one small
// value per counter, changed only under the Lock so executions running at once never exceed a limit together:
// - per Instagram account: a rolling 24 hours against Meta's Business Use Case budget (4,800 x the
//   account's impressions; from its views or reach, or a floor) and the clock hour against an hourly
//   share of that day, so one busy hour cannot spend the day (clock hours, so each hourly tick finds a
//   fresh share rather than the last tick's calls still inside a rolling hour);
// - per person and Meta app: a rolling hour for Business Discovery and hashtag calls (Platform limits);
// - per Meta app: a rolling hour (counted, limited only when set); per user: UrlFetch's day.
// Permits are reserved in blocks (smaller as a limit nears, so executions share what is left), recorded
// in the counter with their holder, and the unused ones given back at the end: 50 calls cost 2 writes.
// Permits held are never stranded while executions run together: one that finds the others hold the calls
// left records that it waits, and waits for them (within its run's time and their leases); a holder whose
// run ends gives its unused permits back at once when others hold or wait for permits (else it keeps them
// for its execution's next run). Only when the holders keep them past the wait is it refused, and then it
// says that others are using them, not "used up".
import type { Clock, KeyValueStore, Lock } from '../ports';
import { accountBudget, betterFigure, type AccountBudget, type BudgetBasis } from './budget';
import {
  addCalls, bucketExpiresAt, bucketOf, bucketsBetween, CLOCK_HOUR_WINDOW, DAY_WINDOW, freeAt, heldByOthers, HOUR_WINDOW, parseCounter, pruneCounter, setHold, setWant, used,
  wantedByOthers,
  type AudienceFigure, type Buckets, type CounterState, type PauseCause, type WindowSpec,
} from './meter';
import { isQuotaExhaustedError, QuotaExhaustedError, type QuotaReason } from './quota-exhausted';
import { DEFAULT_THROTTLE_SETTINGS, type ThrottleSettings } from './settings';
import { readUsageHeaders } from './usage-headers';

export type MeterName = 'account' | 'platform' | 'app' | 'urlfetch';
/** Which of Meta's limits a call counts against: the account's Business Use Case day, or the Platform hour. */
export type CallKind = 'buc' | 'platform';
export type PauseScope = 'account' | 'platform' | 'app';

export interface ThrottleOptions {
  store: KeyValueStore;
  lock: Lock;
  clock: Clock;
  /** Instagram account id. */
  account: string;
  /** Meta app id (Instagram App ID on Instagram Login). */
  appId: string;
  /** Whose UrlFetch quota: any stable id of the Google user (default "user", for a per-user store). */
  userKey?: string;
  settings?: Partial<ThrottleSettings>;
  /** Names this execution's reservations in the counters (default: a random id). */
  holder?: string;
}

export interface Throttle {
  readonly account: string;
  /**
   * Takes permits for `calls` calls, `platformCalls` of them Business Discovery or hashtag calls; or throws
   * QuotaExhaustedError. When other executions hold the calls left, waits for them a while (settings.heldWaitMs),
   * never past `deadline` (epoch ms; the run's).
   */
  take(calls: number, platformCalls?: number, deadline?: number): void;
  /** Reads Meta's usage headers: lowers a limit near 100 %, pauses when Meta says how long. Absent headers are normal. */
  observe(headers: Record<string, string>, platformCall?: boolean): void;
  /** Stops calls for this account, the Platform-limited calls or the whole app until `until`; stored, so other executions see it. */
  pause(scope: PauseScope, until: number, cause?: PauseCause): void;
  /** Until when this execution knows the scope is paused (0: not paused). */
  pausedUntil(scope: PauseScope): number;
  /** Adds calls already made outside the throttle (connecting an account): counted, never refused. */
  count(calls: number): void;
  /** The account's latest day of views or reach, seen in an answer: its day's budget follows from it. */
  noteAudience(figure: AudienceFigure): void;
  /**
   * A run that used this throttle ended, and the execution may go on with other work: the permits it did not
   * use go back at once when other executions hold or wait for permits of the account; else they are kept
   * for the execution's next run (no write).
   */
  idle(): void;
  /** Gives back the permits this execution reserved and did not use, and stores a noted figure. Call at the end. */
  release(): void;
  /** Permits reserved and not yet used. */
  readonly held: number;
}

interface LimitDef {
  meter: MeterName;
  window: 'b' | 'd';
  spec: WindowSpec;
  reason: QuotaReason;
}

const SPEC: Record<MeterName, WindowSpec> = { account: CLOCK_HOUR_WINDOW, platform: HOUR_WINDOW, app: HOUR_WINDOW, urlfetch: DAY_WINDOW };

const LIMITS: Record<CallKind, LimitDef[]> = {
  buc: [
    { meter: 'account', window: 'b', spec: CLOCK_HOUR_WINDOW, reason: 'account_hourly' },
    { meter: 'account', window: 'd', spec: DAY_WINDOW, reason: 'account_daily' },
    { meter: 'app', window: 'b', spec: HOUR_WINDOW, reason: 'app_hourly' },
    { meter: 'urlfetch', window: 'b', spec: DAY_WINDOW, reason: 'urlfetch_daily' },
  ],
  platform: [
    { meter: 'platform', window: 'b', spec: HOUR_WINDOW, reason: 'platform_hourly' },
    { meter: 'app', window: 'b', spec: HOUR_WINDOW, reason: 'app_hourly' },
    { meter: 'urlfetch', window: 'b', spec: DAY_WINDOW, reason: 'urlfetch_daily' },
  ],
};
const METERS: Record<CallKind, MeterName[]> = { buc: ['account', 'app', 'urlfetch'], platform: ['platform', 'app', 'urlfetch'] };
/** The counter where a kind's holds are recorded (its own limits). */
const PRIMARY: Record<CallKind, MeterName> = { buc: 'account', platform: 'platform' };
const KINDS: CallKind[] = ['buc', 'platform'];

/** The call kinds whose limits a meter takes part in. */
function kindsOf(meter: MeterName): CallKind[] {
  return KINDS.filter((k) => METERS[k].includes(meter));
}

interface Hold {
  left: number;
  /** What the counter records this execution as holding (others read it until the hold is given back). */
  recorded: number;
  leaseEnd: number;
  /** Where the reservation was counted, to give the unused permits back there. */
  added: { meter: MeterName; window: 'b' | 'd'; index: number; fixed: boolean }[];
  granted: number;
  /** Permits used per clock hour (a reservation near an hour's end is counted in the next hour too, until given back). */
  taken: Map<number, number>;
}

type Meters = Partial<Record<MeterName, CounterState>>;

export function quotaKeys(account: string, appId: string, userKey = 'user'): Record<MeterName, string> {
  return {
    account: `sheetgram.quota.account.${account}`,
    platform: `sheetgram.quota.platform.${appId}`,
    app: `sheetgram.quota.app.${appId}`,
    urlfetch: `sheetgram.quota.urlfetch.${userKey}`,
  };
}

function bucketsOf(state: CounterState, window: 'b' | 'd'): Buckets {
  if (window === 'b') return state.b;
  if (!state.d) state.d = [];
  return state.d;
}

function loweredOf(state: CounterState, window: 'b' | 'd', now: number): { limit?: number; until?: number } {
  const [limit, until] = window === 'b' ? [state.l, state.lu] : [state.dl, state.dlu];
  return limit !== undefined && until !== undefined && until > now ? { limit, until } : {};
}

function baseLimit(def: LimitDef, budget: AccountBudget | null, settings: ThrottleSettings): number {
  switch (def.meter) {
    case 'account':
      return def.window === 'b' ? budget?.hour ?? settings.callsPerHour : budget?.day ?? settings.dailyCallsFloor;
    case 'platform':
      return settings.platformCallsPerHour;
    case 'app':
      return settings.appCallsPerHour ?? Number.POSITIVE_INFINITY;
    case 'urlfetch':
      return settings.urlFetchPerDay;
  }
}

export interface AccountUsage {
  /** Calls counted in the rolling hour, and the hourly limit in force. */
  used: number;
  limit: number;
  /** Calls counted in the rolling 24 hours, and the day's budget in force (lowered when Meta's headers said so). */
  day: { used: number; limit: number; basis: BudgetBasis; figure?: AudienceFigure };
  /** Epoch ms the account's calls are paused until, when they are. */
  pausedUntil?: number;
}

/** An account's hour and day as stored, for the sidebar. `settings`: the throttle settings in force (or just the hourly ceiling). */
export function accountUsage(read: (key: string) => string | null, account: string, appId: string, settings: Partial<ThrottleSettings> | number, now: number): AccountUsage {
  const s: ThrottleSettings = { ...DEFAULT_THROTTLE_SETTINGS, ...(typeof settings === 'number' ? { callsPerHour: settings } : settings) };
  const state = pruneCounter(CLOCK_HOUR_WINDOW, parseCounter(read(quotaKeys(account, appId).account)), now);
  const budget = accountBudget(state.f, s);
  const hourLowered = loweredOf(state, 'b', now).limit;
  const dayLowered = loweredOf(state, 'd', now).limit;
  const usage: AccountUsage = {
    used: state.b.find(([i]) => i === bucketOf(CLOCK_HOUR_WINDOW, now))?.[1] ?? 0,
    limit: Math.min(budget.hour, hourLowered ?? Infinity),
    day: { used: used(state.d ?? []), limit: Math.min(budget.day, dayLowered ?? Infinity), basis: budget.basis },
  };
  if (budget.figure) usage.day.figure = budget.figure;
  if (state.p !== undefined) usage.pausedUntil = state.p;
  return usage;
}

function randomHolder(now: number): string {
  return `${now.toString(36)}${Math.floor(Math.random() * 36 ** 6).toString(36)}`;
}

export function createThrottle(options: ThrottleOptions): Throttle {
  const settings: ThrottleSettings = { ...DEFAULT_THROTTLE_SETTINGS, ...options.settings };
  const { store, lock, clock, account } = options;
  const keys = quotaKeys(account, options.appId, options.userKey);
  const holder = options.holder ?? randomHolder(clock.now());
  const holds: Partial<Record<CallKind, Hold>> = {};
  /** What this execution already knows of pauses and lowerings, to spare reads and writes. */
  const knownPause: Record<MeterName, { until: number; cause?: PauseCause }> = {
    account: { until: 0 }, platform: { until: 0 }, app: { until: 0 }, urlfetch: { until: 0 },
  };
  const knownLowered = new Map<string, number>();
  let pendingFigure: AudienceFigure | null = null;

  /** Reads the named counters under the lock, lets `change` edit them, writes the changed ones in one setAll. */
  function update<T>(names: MeterName[], change: (meters: Meters, now: number) => T): T {
    // The counters are held for a few property reads and writes at a time: a wait that runs out is retried.
    let locked = false;
    for (let attempt = 0; attempt < Math.max(1, settings.lockAttempts) && !locked; attempt++) locked = lock.tryLock(settings.lockTimeoutMs);
    if (!locked) throw new QuotaExhaustedError(account, clock.now() + 60_000, 'busy');
    try {
      const now = clock.now();
      const meters: Meters = {};
      const before: Partial<Record<MeterName, string>> = {};
      for (const name of names) {
        const state = pruneCounter(SPEC[name], parseCounter(store.get(keys[name])), now);
        meters[name] = state;
        before[name] = JSON.stringify(state);
      }
      if (pendingFigure && meters.account) {
        meters.account.f = betterFigure(meters.account.f, pendingFigure);
        pendingFigure = null;
      }
      const result = change(meters, now);
      const values: Record<string, string> = {};
      for (const name of names) {
        const after = JSON.stringify(meters[name]);
        if (after !== before[name]) values[keys[name]] = after;
      }
      if (Object.keys(values).length) store.setAll(values);
      return result;
    } finally {
      lock.release();
    }
  }

  function union(...lists: MeterName[][]): MeterName[] {
    return [...new Set(lists.flat())];
  }

  /**
   * Gives a kind's unused permits back into `meters` and forgets the hold (its record included). `ownOnly`:
   * only into the kind's own counter (the account's, or the Platform hour), leaving the shared app and
   * UrlFetch counters a little over-counted for a smaller write.
   */
  function returnHold(kind: CallKind, meters: Meters, ownOnly = false): void {
    const hold = holds[kind];
    if (!hold) return;
    for (const a of hold.added) {
      const state = meters[a.meter];
      if (!state || (ownOnly && a.meter !== PRIMARY[kind])) continue;
      // A clock hour keeps the calls made in it; a rolling window's one bucket keeps all that were made.
      const back = a.fixed ? hold.granted - (hold.taken.get(a.index) ?? 0) : hold.left;
      if (back > 0) addCalls(bucketsOf(state, a.window), a.index, -back);
    }
    const primary = meters[PRIMARY[kind]];
    if (primary) setHold(primary, holder, 0, 0);
    delete holds[kind];
  }

  function budgetOf(meters: Meters): AccountBudget | null {
    return meters.account ? accountBudget(meters.account.f, settings) : null;
  }

  function limitOf(def: LimitDef, state: CounterState, budget: AccountBudget | null, now: number): { limit: number; base: number; until?: number } {
    const base = baseLimit(def, budget, settings);
    const lowered = loweredOf(state, def.window, now);
    return { limit: Math.min(base, lowered.limit ?? Infinity), base, until: lowered.until };
  }

  /** Buckets a reservation made now may be counted in: for a clock hour, this hour and (near its end) the next. */
  function touched(def: LimitDef, now: number): number[] {
    return bucketsBetween(def.spec, now, now + settings.leaseMs + settings.callMarginMs);
  }

  /** Calls counted against a limit: a rolling window's sum; for clock hours, the fullest hour a reservation would touch. */
  function windowUse(def: LimitDef, buckets: Buckets, now: number): number {
    if (!def.spec.fixed) return used(buckets);
    return Math.max(0, ...touched(def, now).map((i) => buckets.find(([b]) => b === i)?.[1] ?? 0));
  }

  /** When `needed` more calls fit under `limit`. */
  function windowFreeAt(def: LimitDef, buckets: Buckets, limit: number, needed: number, now: number): number {
    if (!def.spec.fixed) return freeAt(def.spec, buckets, limit, needed, now);
    if (needed > limit) return Number.POSITIVE_INFINITY;
    let at = now;
    for (const i of touched(def, now)) {
      if ((buckets.find(([b]) => b === i)?.[1] ?? 0) + needed > limit) at = Math.max(at, bucketExpiresAt(def.spec, i));
    }
    return at;
  }

  function refusal(kind: CallKind, meters: Meters, needed: number, now: number): QuotaExhaustedError | null {
    for (const name of METERS[kind]) {
      const state = meters[name] as CounterState;
      knownPause[name] = { until: state.p ?? 0, cause: state.pr };
      if (state.p !== undefined && state.p > now) return new QuotaExhaustedError(account, state.p, state.pr === 'daily' ? 'paused_daily' : 'paused');
    }
    const budget = budgetOf(meters);
    for (const def of LIMITS[kind]) {
      const state = meters[def.meter] as CounterState;
      const buckets = bucketsOf(state, def.window);
      const { limit, base, until } = limitOf(def, state, budget, now);
      const counted = windowUse(def, buckets, now);
      if (counted + needed <= limit) continue;
      // The calls left may be reserved by executions still running: that is not "used up".
      if (def.meter === PRIMARY[kind]) {
        const others = heldByOthers(state, holder, now);
        if (others.permits > 0 && counted - others.permits + needed <= limit) return new QuotaExhaustedError(account, others.until, 'held');
      }
      let resumeAt = windowFreeAt(def, buckets, limit, needed, now);
      if (limit < base && until !== undefined) resumeAt = Math.min(resumeAt, Math.max(until, windowFreeAt(def, buckets, base, needed, now)));
      if (!Number.isFinite(resumeAt)) resumeAt = now + def.spec.windowMs;
      return new QuotaExhaustedError(account, resumeAt, def.reason);
    }
    return null;
  }

  /**
   * Reserves a block under the lock. Refused because other executions hold the calls left: says so in the
   * counter (a holder whose run ends then gives its unused permits back at once) and waits for them until
   * `waitUntil` or their leases end, reading the counter every heldPollMs without the lock, and looking
   * again under it once its calls or holds changed (not for other executions' waits).
   */
  function reserve(kind: CallKind, calls: number, deadline?: number): void {
    const waitUntil = Math.min(clock.now() + Math.max(0, settings.heldWaitMs), deadline ?? Number.POSITIVE_INFINITY);
    const key = keys[PRIMARY[kind]];
    const calledOrHeld = () => {
      const { w: _waits, ...rest } = parseCounter(store.get(key));
      return JSON.stringify(rest);
    };
    for (;;) {
      const outcome = reserveOnce(kind, calls, waitUntil);
      if (outcome === null) return;
      if (outcome.lookAgainAt <= clock.now()) throw outcome.refused;
      const seen = calledOrHeld();
      let changed = false;
      while (!changed && clock.now() < outcome.lookAgainAt) {
        clock.sleep(Math.min(Math.max(1, settings.heldPollMs), outcome.lookAgainAt - clock.now()));
        changed = calledOrHeld() !== seen;
      }
      // Nothing changed until the wait's end: refused as before (the recorded wait ends by itself now).
      if (!changed && outcome.lookAgainAt >= waitUntil) throw outcome.refused;
    }
  }

  /** One look under the lock: null when reserved; else the refusal, and until when to wait for the holders (now: not at all). */
  function reserveOnce(kind: CallKind, calls: number, waitUntil: number): { refused: QuotaExhaustedError; lookAgainAt: number } | null {
    return update(METERS[kind], (meters, now) => {
      returnHold(kind, meters);
      const primary = meters[PRIMARY[kind]] as CounterState;
      const refused = refusal(kind, meters, calls, now);
      if (refused) {
        // Held by executions still running: wait for them (until their leases end at the latest) while this one may, and say so.
        const lookAgainAt = refused.reason === 'held' && waitUntil > now ? Math.min(waitUntil, refused.resumeAt) : now;
        setWant(primary, holder, lookAgainAt > now ? waitUntil : 0);
        return { refused, lookAgainAt };
      }
      setWant(primary, holder, 0);
      const budget = budgetOf(meters);
      let room = Number.POSITIVE_INFINITY;
      for (const def of LIMITS[kind]) {
        const state = meters[def.meter] as CounterState;
        room = Math.min(room, limitOf(def, state, budget, now).limit - windowUse(def, bucketsOf(state, def.window), now));
      }
      // Half of what is left at most: another execution starting now still finds permits.
      const granted = Math.max(calls, Math.min(settings.blockSize, Math.ceil(room / 2)));
      const leaseEnd = now + settings.leaseMs;
      const countedAt = leaseEnd + settings.callMarginMs;
      const added = LIMITS[kind].flatMap((def) => bucketsBetween(def.spec, now, countedAt).map((index) => ({ meter: def.meter, window: def.window, index, fixed: def.spec.fixed === true })));
      for (const a of added) addCalls(bucketsOf(meters[a.meter] as CounterState, a.window), a.index, granted);
      holds[kind] = { left: granted - calls, recorded: granted - calls, leaseEnd, added, granted, taken: new Map([[bucketOf(CLOCK_HOUR_WINDOW, now), calls]]) };
      setHold(primary, holder, granted - calls, leaseEnd);
      return null;
    });
  }

  function takeKind(kind: CallKind, calls: number, deadline?: number): void {
    const now = clock.now();
    for (const name of METERS[kind]) {
      const known = knownPause[name];
      if (known.until > now) throw new QuotaExhaustedError(account, known.until, known.cause === 'daily' ? 'paused_daily' : 'paused');
    }
    const hold = holds[kind];
    if (hold && hold.left >= calls && now <= hold.leaseEnd) {
      hold.left -= calls;
      const hour = bucketOf(CLOCK_HOUR_WINDOW, now);
      hold.taken.set(hour, (hold.taken.get(hour) ?? 0) + calls);
      return;
    }
    reserve(kind, calls, deadline);
  }

  function take(calls: number, platformCalls = 0, deadline?: number): void {
    if (calls <= 0) return;
    const platform = Math.min(calls, Math.max(0, platformCalls));
    const taken: [CallKind, number][] = [];
    try {
      if (calls - platform > 0) {
        takeKind('buc', calls - platform, deadline);
        taken.push(['buc', calls - platform]);
      }
      if (platform > 0) takeKind('platform', platform, deadline);
    } catch (e) {
      // The part already taken is not used: it stays held for the next call.
      for (const [kind, n] of taken) {
        const hold = holds[kind];
        if (!hold) continue;
        hold.left += n;
        const hour = bucketOf(CLOCK_HOUR_WINDOW, clock.now());
        hold.taken.set(hour, Math.max(0, (hold.taken.get(hour) ?? 0) - n));
      }
      throw e;
    }
  }

  /** Kinds whose holds a change of `meter` must give back first, so it takes effect at once. */
  function heldKinds(meter: MeterName): CallKind[] {
    return kindsOf(meter).filter((k) => holds[k]);
  }

  /** Lowers the limits of a counter's windows to what was counted in them, scaled to the ceiling, for a while. */
  function lower(meter: MeterName, windows: ('b' | 'd')[], percent: number): void {
    const now = clock.now();
    const key = `${meter}.${windows.join('')}`;
    const kinds = heldKinds(meter);
    if ((knownLowered.get(key) ?? 0) > now + settings.loweredForMs / 2 && !kinds.some((k) => holds[k]?.left)) return;
    update(union([meter], ...kinds.map((k) => METERS[k])), (meters) => {
      for (const k of kinds) returnHold(k, meters);
      const state = meters[meter] as CounterState;
      for (const window of windows) {
        // Meta's count includes calls we never saw; scale what we counted to the ceiling, never above it.
        const def = LIMITS.buc.find((d) => d.meter === meter && d.window === window) ?? LIMITS.platform.find((d) => d.meter === meter && d.window === window);
        const buckets = bucketsOf(state, window);
        const counted = def ? windowUse(def, buckets, now) : used(buckets);
        const lowered = Math.floor((counted * settings.usageCeilingPercent) / Math.max(percent, 1));
        if (window === 'b') {
          state.l = Math.min(lowered, state.l ?? Infinity);
          state.lu = now + settings.loweredForMs;
        } else {
          state.dl = Math.min(lowered, state.dl ?? Infinity);
          state.dlu = now + settings.loweredForMs;
        }
      }
      knownLowered.set(key, now + settings.loweredForMs);
    });
  }

  /**
   * The own counter (the account's, or the Platform hour) always gets the kinds' unused permits back, and
   * loses the record of the holds: it then holds the calls made, so "used up" is said only when it is, and
   * no other execution takes used permits for held ones. The shared app and UrlFetch counters get them back
   * only when there are enough to be worth naming in the write. A noted figure is stored with them.
   */
  function giveBack(kinds: CallKind[]): void {
    if (!kinds.length && !pendingFigure) return;
    const shared = kinds.filter((k) => (holds[k] as Hold).left >= Math.max(1, settings.returnAtLeast));
    const names = union(kinds.map((k) => PRIMARY[k]), ...shared.map((k) => METERS[k]), pendingFigure ? ['account'] : []);
    update(names, (meters) => {
      for (const k of kinds) returnHold(k, meters, !shared.includes(k));
    });
  }

  function pause(scope: PauseScope, until: number, cause: PauseCause = 'meta'): void {
    if (knownPause[scope].until >= until) return;
    const kinds = heldKinds(scope);
    update(union([scope], ...kinds.map((k) => METERS[k])), (meters) => {
      for (const k of kinds) returnHold(k, meters);
      const state = meters[scope] as CounterState;
      if ((state.p ?? 0) < until) {
        state.p = until;
        state.pr = cause;
      }
      knownPause[scope] = { until: state.p ?? 0, cause: state.pr };
    });
  }

  return {
    account,
    take,
    pause,
    pausedUntil(scope) {
      const known = knownPause[scope];
      return known.until > clock.now() ? known.until : 0;
    },
    observe(headers, platformCall = false) {
      const usage = readUsageHeaders(headers, account);
      if (usage.regainAccessMinutes) pause('account', clock.now() + usage.regainAccessMinutes * 60_000, 'daily');
      // X-Business-Use-Case-Usage: the account's share of its rolling 24 hours. Near 100 %, the day is capped
      // at what was counted, and so is the hour: no more calls for a while, whichever figure Meta's count is near.
      if ((usage.accountPercent ?? 0) >= settings.usageCeilingPercent) lower('account', ['b', 'd'], usage.accountPercent ?? 100);
      // X-App-Usage: Platform rate limits, an hour.
      if ((usage.appPercent ?? 0) >= settings.usageCeilingPercent) lower(platformCall ? 'platform' : 'app', ['b'], usage.appPercent ?? 100);
    },
    count(calls) {
      if (calls <= 0) return;
      update(METERS.buc, (meters, now) => {
        for (const def of LIMITS.buc) {
          addCalls(bucketsOf(meters[def.meter] as CounterState, def.window), bucketOf(def.spec, def.spec.fixed ? now : now + settings.callMarginMs), calls);
        }
      });
    },
    noteAudience(figure) {
      pendingFigure = betterFigure(pendingFigure ?? undefined, figure);
    },
    idle() {
      // Only a hold that others could be waiting for: unused permits, or a record of some.
      const kept = KINDS.filter((k) => {
        const hold = holds[k];
        return hold !== undefined && (hold.left > 0 || hold.recorded > 0);
      });
      if (!kept.length) return;
      // One read, no lock, no write when this execution runs alone: does anybody else hold or wait for permits?
      const now = clock.now();
      const contended = kept.filter((k) => {
        const state = pruneCounter(SPEC[PRIMARY[k]], parseCounter(store.get(keys[PRIMARY[k]])), now);
        return wantedByOthers(state, holder, now) || heldByOthers(state, holder, now).permits > 0;
      });
      if (!contended.length) return;
      try {
        giveBack(contended);
      } catch (e) {
        // The counters are busy: the permits stay held, and go back at the execution's end (release).
        if (!isQuotaExhaustedError(e)) throw e;
      }
    },
    release() {
      // A hold spanning two clock hours is counted in both: the next one gets back what was not used in it.
      const returning = KINDS.filter((k) => {
        const hold = holds[k];
        return hold !== undefined && (hold.left > 0 || hold.recorded > 0 || hold.added.filter((a) => a.fixed).length > 1);
      });
      for (const k of KINDS) if (!returning.includes(k)) delete holds[k];
      giveBack(returning);
    },
    get held() {
      const now = clock.now();
      return KINDS.reduce((sum, k) => sum + (holds[k] && now <= (holds[k] as Hold).leaseEnd ? (holds[k] as Hold).left : 0), 0);
    },
  };
}
