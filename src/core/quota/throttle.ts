// Every call to Meta takes a permit here. Counts live in a KeyValueStore (PropertiesService), one small
// value per window: per Instagram account and per Meta app (rolling hour) and per user for UrlFetch
// (rolling day), changed only under the Lock so concurrent executions never exceed a limit together.
// Permits are reserved in blocks and many unused ones given back, so 50 calls cost at most 2 property writes.
import type { Clock, KeyValueStore, Lock } from '../ports';
import { addCalls, bucketOf, effectiveLimit, freeAt, parseMeter, prune, used, type MeterSpec, type MeterState } from './meter';
import { QuotaExhaustedError, type QuotaReason } from './quota-exhausted';
import { DEFAULT_THROTTLE_SETTINGS, type ThrottleSettings } from './settings';
import { readUsageHeaders } from './usage-headers';

export type MeterName = 'account' | 'app' | 'urlfetch';

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
}

export interface Throttle {
  /** Takes permits for `calls` calls, or throws QuotaExhaustedError. */
  take(calls: number): void;
  /** Reads Meta's usage headers: lowers the limit near 100 %, pauses when Meta says how long. */
  observe(headers: Record<string, string>): void;
  /** Stops calls for this account (or the whole app) until `until`; stored, so other executions see it. */
  pause(scope: 'account' | 'app', until: number): void;
  /** Gives back the permits this execution reserved and did not use, when they are worth a write. Call at the end. */
  release(): void;
  /** Permits reserved and not yet used. */
  readonly held: number;
}

const REASON: Record<MeterName, QuotaReason> = { account: 'account_hourly', app: 'app_hourly', urlfetch: 'urlfetch_daily' };
const HOUR = 3_600_000;

interface Hold {
  left: number;
  leaseEnd: number;
  /** Bucket each meter's reservation was counted in. */
  buckets: Record<MeterName, number>;
}

export function quotaKeys(account: string, appId: string, userKey = 'user'): Record<MeterName, string> {
  return {
    account: `sheetgram.quota.account.${account}`,
    app: `sheetgram.quota.app.${appId}`,
    urlfetch: `sheetgram.quota.urlfetch.${userKey}`,
  };
}

function hourlySpec(key: string, limit: number | null): MeterSpec {
  return { key, limit, windowMs: HOUR, bucketMs: 60_000 };
}

/** The calls counted in the rolling hour for an account and the limit in force, from the stored meter. */
export function accountUsage(read: (key: string) => string | null, account: string, appId: string, callsPerHour: number, now: number): { used: number; limit: number } {
  const spec = hourlySpec(quotaKeys(account, appId).account, callsPerHour);
  const meter = prune(spec, parseMeter(read(spec.key)), now);
  return { used: used(meter), limit: effectiveLimit(spec, meter, now) };
}

export function createThrottle(options: ThrottleOptions): Throttle {
  const settings: ThrottleSettings = { ...DEFAULT_THROTTLE_SETTINGS, ...options.settings };
  const { store, lock, clock, account } = options;
  const keys = quotaKeys(account, options.appId, options.userKey);
  const specs: Record<MeterName, MeterSpec> = {
    account: hourlySpec(keys.account, settings.callsPerHour),
    app: hourlySpec(keys.app, settings.appCallsPerHour),
    urlfetch: { key: keys.urlfetch, limit: settings.urlFetchPerDay, windowMs: 24 * HOUR, bucketMs: HOUR },
  };
  const names = Object.keys(specs) as MeterName[];
  let hold: Hold | null = null;
  /** What this execution already knows of pauses and lowerings, to spare reads and writes. */
  const knownPause: Record<'account' | 'app', number> = { account: 0, app: 0 };
  const knownLowered: Record<'account' | 'app', number> = { account: 0, app: 0 };

  /** Reads every meter under the lock, lets `change` edit them, writes them in one setAll if asked. */
  function update<T>(change: (meters: Record<MeterName, MeterState>, now: number) => { result: T; write: boolean }): T {
    if (!lock.tryLock(settings.lockTimeoutMs)) throw new QuotaExhaustedError(account, clock.now() + 60_000, 'busy');
    try {
      const now = clock.now();
      const meters = {} as Record<MeterName, MeterState>;
      for (const name of names) meters[name] = prune(specs[name], parseMeter(store.get(specs[name].key)), now);
      const { result, write } = change(meters, now);
      if (write) {
        const values: Record<string, string> = {};
        for (const name of names) values[specs[name].key] = JSON.stringify(meters[name]);
        store.setAll(values);
      }
      return result;
    } finally {
      lock.release();
    }
  }

  /** Gives the current hold's unused permits back into `meters`; true when there were any. */
  function returnHold(meters: Record<MeterName, MeterState>): boolean {
    const unused = hold?.left ?? 0;
    if (hold && unused > 0) for (const name of names) addCalls(meters[name], hold.buckets[name], -unused);
    hold = null;
    return unused > 0;
  }

  function refusal(meters: Record<MeterName, MeterState>, needed: number, now: number): QuotaExhaustedError | null {
    for (const scope of ['account', 'app'] as const) {
      const pausedUntil = meters[scope].p ?? 0;
      knownPause[scope] = pausedUntil;
      if (pausedUntil > now) return new QuotaExhaustedError(account, pausedUntil, 'paused');
    }
    for (const name of names) {
      const spec = specs[name];
      const limit = effectiveLimit(spec, meters[name], now);
      if (used(meters[name]) + needed <= limit) continue;
      let resumeAt = freeAt(spec, meters[name], limit, needed, now);
      const loweredUntil = meters[name].lu;
      if (limit < (spec.limit ?? Infinity) && loweredUntil !== undefined) {
        resumeAt = Math.min(resumeAt, Math.max(loweredUntil, freeAt(spec, meters[name], spec.limit ?? Infinity, needed, now)));
      }
      return new QuotaExhaustedError(account, resumeAt, REASON[name]);
    }
    return null;
  }

  function reserve(calls: number): void {
    const failure = update((meters, now) => {
      const returned = returnHold(meters);
      const refused = refusal(meters, calls, now);
      if (refused) return { result: refused, write: returned };
      const room = Math.min(...names.map((n) => effectiveLimit(specs[n], meters[n], now) - used(meters[n])));
      const granted = Math.max(calls, Math.min(settings.blockSize, room));
      const leaseEnd = now + settings.leaseMs;
      const buckets = {} as Record<MeterName, number>;
      for (const name of names) {
        buckets[name] = bucketOf(specs[name], leaseEnd);
        addCalls(meters[name], buckets[name], granted);
      }
      hold = { left: granted - calls, leaseEnd, buckets };
      return { result: null, write: true };
    });
    if (failure) throw failure;
  }

  function take(calls: number): void {
    if (calls <= 0) return;
    const now = clock.now();
    const paused = Math.max(knownPause.account, knownPause.app);
    if (paused > now) throw new QuotaExhaustedError(account, paused, 'paused');
    if (hold && hold.left >= calls && now <= hold.leaseEnd) {
      hold.left -= calls;
      return;
    }
    reserve(calls);
  }

  function lower(scope: 'account' | 'app', percent: number): void {
    const now = clock.now();
    if (knownLowered[scope] > now + settings.loweredForMs / 2 && !hold?.left) return;
    update((meters) => {
      returnHold(meters);
      // Meta's count includes calls we never saw; scale what we counted to the ceiling, never above it.
      const counted = used(meters[scope]);
      const lowered = Math.floor((counted * settings.usageCeilingPercent) / Math.max(percent, 1));
      meters[scope].l = Math.min(lowered, meters[scope].l ?? Infinity);
      meters[scope].lu = now + settings.loweredForMs;
      knownLowered[scope] = meters[scope].lu ?? 0;
      return { result: undefined, write: true };
    });
  }

  function pause(scope: 'account' | 'app', until: number): void {
    if (knownPause[scope] >= until) return;
    update((meters) => {
      returnHold(meters);
      meters[scope].p = Math.max(meters[scope].p ?? 0, until);
      knownPause[scope] = meters[scope].p ?? 0;
      return { result: undefined, write: true };
    });
  }

  return {
    take,
    pause,
    observe(headers) {
      const usage = readUsageHeaders(headers);
      if (usage.regainAccessMinutes) pause('account', clock.now() + usage.regainAccessMinutes * 60_000);
      if ((usage.accountPercent ?? 0) >= settings.usageCeilingPercent) lower('account', usage.accountPercent ?? 100);
      if ((usage.appPercent ?? 0) >= settings.usageCeilingPercent) lower('app', usage.appPercent ?? 100);
    },
    release() {
      if (!hold || hold.left < Math.max(1, settings.returnAtLeast)) {
        hold = null;
        return;
      }
      update((meters) => ({ result: undefined, write: returnHold(meters) }));
    },
    get held() {
      return hold && clock.now() <= hold.leaseEnd ? hold.left : 0;
    },
  };
}
