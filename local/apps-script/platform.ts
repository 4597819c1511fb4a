// Shared plumbing of the local Apps Script runtime: the virtual clock, the execution in progress
// (who runs, in which auth mode, since when), and the call counters every service reports to.
// Each service fake is created per execution from a Platform and the service's persistent state.

export type AuthModeName = 'NONE' | 'LIMITED' | 'CUSTOM_FUNCTION' | 'FULL';
export type ExecutionKind = 'script' | 'custom-function' | 'simple-trigger';

export interface LocalUser {
  email: string;
  /** Stable id used to key per-user state (user properties, user cache, user locks, triggers). */
  id: string;
}

/** Virtual time in epoch milliseconds. Nothing in the runtime reads the real clock. */
export class VirtualClock {
  private ms: number;
  /** Every Utilities.sleep, recorded so tests can assert backoff without waiting. */
  readonly sleeps: number[] = [];
  private listeners: ((now: number) => void)[] = [];

  constructor(startMs: number) {
    this.ms = startMs;
  }

  now(): number {
    return this.ms;
  }

  set(ms: number): void {
    if (ms < this.ms) throw new Error(`VirtualClock: cannot go back from ${new Date(this.ms).toISOString()} to ${new Date(ms).toISOString()}`);
    this.ms = ms;
    for (const l of this.listeners) l(this.ms);
  }

  advance(ms: number): void {
    if (ms < 0) throw new Error('VirtualClock: cannot advance by a negative amount');
    this.set(this.ms + ms);
  }

  sleep(ms: number): void {
    this.sleeps.push(ms);
    this.advance(ms);
  }

  onChange(listener: (now: number) => void): void {
    this.listeners.push(listener);
  }
}

/** Counts service calls by "Service.method", for tests and benchmarks. */
export class CallCounter {
  private counts = new Map<string, number>();

  add(service: string, method: string, n = 1): void {
    const key = `${service}.${method}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + n);
  }

  get(service: string, method?: string): number {
    if (method) return this.counts.get(`${service}.${method}`) ?? 0;
    let total = 0;
    for (const [k, v] of this.counts) if (k.startsWith(`${service}.`)) total += v;
    return total;
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)));
  }

  reset(): void {
    this.counts.clear();
  }
}

/** Google's messages, verbatim where the reference gives them. */
export const GOOGLE_ERRORS = {
  timeLimit: 'Exceeded maximum execution time',
  permission: (service: string) => `You do not have permission to call ${service}.`,
  notImplemented: (member: string) => `not implemented in the local runtime: ${member}`,
};

/** The execution in progress. Services consult it on every call. */
export interface Execution {
  readonly user: LocalUser;
  /** Owner of the document: custom functions read the owner's user properties. */
  readonly owner: LocalUser;
  readonly authMode: AuthModeName;
  readonly kind: ExecutionKind;
  readonly startedAt: number;
  /** 6 minutes for scripts, 30 seconds for custom functions and simple triggers. */
  readonly limitMs: number;
  /** Set once the time limit passed; every later service call throws again (Google kills the run). */
  dead: boolean;
}

export interface Platform {
  readonly clock: VirtualClock;
  readonly counters: CallCounter;
  /** The execution in progress; throws when no execution runs. */
  current(): Execution;
  /**
   * Called at the start of every service call: counts it, and enforces the execution's time limit
   * on the virtual clock with Google's message.
   */
  enter(service: string, method: string): Execution;
}

/** Wraps a service object so that any member we did not implement throws instead of passing silently. */
export function guarded<T extends object>(name: string, target: T): T {
  return new Proxy(target, {
    get(obj, prop, receiver) {
      if (typeof prop === 'symbol' || prop in obj) return Reflect.get(obj, prop, receiver);
      if (prop === 'then' || prop === 'toJSON' || prop === 'constructor' || prop === 'asymmetricMatch' || prop === 'nodeType') return undefined;
      throw new Error(GOOGLE_ERRORS.notImplemented(`${name}.${String(prop)}`));
    },
  });
}
