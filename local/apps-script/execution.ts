// One run of a script function in the local runtime: who runs it, in which auth mode, under which
// time limit, and what happened. LocalPlatform is the Platform every service asks "who is running?".
import { CostModel, DEFAULT_COSTS, type CallDetail } from './costs';
import { CallCounter, GOOGLE_ERRORS, VirtualClock, type AuthModeName, type Execution, type ExecutionKind, type LocalUser, type Platform } from './platform';
import { QuotaBook } from './quotas';

/** Google's limits on the virtual clock (reference §1.2). */
export const EXECUTION_LIMITS_MS: Record<ExecutionKind, number> = {
  script: 6 * 60_000,
  'custom-function': 30_000,
  'simple-trigger': 30_000,
};

export interface LocalExecution extends Execution {
  readonly id: number;
  readonly functionName: string;
}

/** One line of rt.executions. */
export interface ExecutionRecord {
  id: number;
  function: string;
  user: string;
  mode: AuthModeName;
  kind: ExecutionKind;
  start: number;
  duration: number;
  outcome: 'completed' | 'failed';
  error?: string;
}

export interface ExecutionSpec {
  functionName: string;
  user: LocalUser;
  owner: LocalUser;
  authMode: AuthModeName;
  kind: ExecutionKind;
  hasUi?: boolean;
  /** The document it runs in, when not the runtime's first one. */
  documentId?: string;
  /** A trigger's run: counts toward the owner's daily trigger runtime. */
  trigger?: boolean;
}

export interface LocalPlatformOptions {
  /** What calls cost in virtual time; null for nothing (every call 0 ms). Default: DEFAULT_COSTS, no library. */
  costs?: CostModel | null;
  /** Daily quotas and the simultaneous-executions limit. Default: consumer figures. */
  quotas?: QuotaBook;
}

/** The Platform of one runtime: a clock, counters, costs, quotas and the execution that is running now. */
export class LocalPlatform implements Platform {
  readonly clock: VirtualClock;
  readonly counters = new CallCounter();
  readonly costs: CostModel | null;
  readonly quotas: QuotaBook;
  private active: LocalExecution | undefined;
  private nextId = 1;
  /** Executions running now, per user id (nested runs and concurrent runs). */
  private running = new Map<string, number>();
  private started = new WeakSet<LocalExecution>();
  /** Called when an execution ends, whatever the outcome (locks are released here). */
  private endListeners: ((execution: LocalExecution) => void)[] = [];

  constructor(clock: VirtualClock, options: LocalPlatformOptions = {}) {
    this.clock = clock;
    this.costs = options.costs === undefined ? new CostModel(DEFAULT_COSTS) : options.costs;
    this.quotas = options.quotas ?? new QuotaBook(clock);
  }

  current(): LocalExecution {
    if (!this.active) throw new Error('No Apps Script execution is running: call the service from inside rt.call().');
    return this.active;
  }

  enter(service: string, method: string, detail?: CallDetail): LocalExecution {
    const execution = this.current();
    this.counters.add(service, method);
    assertAlive(execution, this.clock.now());
    const ms = this.costs ? this.costs.call(execution, service, method, detail) : 0;
    if (ms > 0) {
      this.clock.advance(ms);
      // The call that crosses the limit is the one Google kills.
      assertAlive(execution, this.clock.now());
    }
    return execution;
  }

  /** Charges more units of a call already entered (fetchAll's requests); may end the execution. */
  chargeUnits(service: string, method: string, units: number): void {
    const execution = this.current();
    const ms = this.costs ? this.costs.units(execution, service, method, units) : 0;
    if (ms > 0) {
      this.clock.advance(ms);
      assertAlive(execution, this.clock.now());
    }
  }

  /** Executions of this user running now. */
  runningFor(userId: string): number {
    return this.running.get(userId) ?? 0;
  }

  /**
   * Starts an execution on the clock: refuses a user's 31st simultaneous run and a trigger run once
   * the day's trigger runtime is used up (Google's messages), then charges the start-up.
   */
  start(execution: LocalExecution, chargeStartup = true): void {
    const userId = execution.user.id;
    if (this.runningFor(userId) >= this.quotas.simultaneousExecutions) throw new Error(GOOGLE_ERRORS.tooManySimultaneous);
    if (execution.trigger && this.quotas.counter('triggerRuntime').remaining(userId, this.clock.now()) <= 0) throw new Error(GOOGLE_ERRORS.computerTime);
    this.running.set(userId, this.runningFor(userId) + 1);
    this.started.add(execution);
    const ms = this.costs && chargeStartup ? this.costs.startup(execution) : 0;
    if (ms > 0) this.clock.advance(ms);
  }

  onExecutionEnd(listener: (execution: LocalExecution) => void): void {
    this.endListeners.push(listener);
  }

  createExecution(spec: ExecutionSpec, startedAt = this.clock.now()): LocalExecution {
    const execution: LocalExecution = { ...spec, id: this.nextId++, startedAt, limitMs: EXECUTION_LIMITS_MS[spec.kind], dead: false };
    if (spec.trigger) {
      // A trigger run stops where the day's trigger runtime runs out, with Google's message for it.
      const left = this.quotas.counter('triggerRuntime').remaining(spec.user.id, startedAt);
      if (left < execution.limitMs) Object.assign(execution, { limitMs: left, limitError: GOOGLE_ERRORS.computerTime });
    }
    return execution;
  }

  /** Makes `execution` the running one for the duration of fn (nested uses restore the previous). */
  within<T>(execution: LocalExecution, fn: () => T): T {
    const previous = this.active;
    this.active = execution;
    try {
      return fn();
    } finally {
      this.active = previous;
    }
  }

  /** Ends an execution: releases what it held, counts a trigger's runtime. */
  finish(execution: LocalExecution): void {
    for (const l of this.endListeners) l(execution);
    if (!this.started.delete(execution)) return;
    const userId = execution.user.id;
    this.running.set(userId, this.runningFor(userId) - 1);
    if (execution.trigger) {
      const duration = Math.min(this.clock.now() - execution.startedAt, execution.limitMs);
      this.quotas.counter('triggerRuntime').add(userId, execution.startedAt, Math.max(0, duration));
    }
  }
}

/** The error an execution that passed its limit fails with. */
export function limitErrorOf(execution: Execution): string {
  return execution.limitError ?? GOOGLE_ERRORS.timeLimit;
}

/** Throws Google's time-limit error once the limit has passed, and for ever after in that execution. */
export function assertAlive(execution: Execution, now: number): void {
  if (!execution.dead && now - execution.startedAt > execution.limitMs) execution.dead = true;
  if (execution.dead) throw new Error(limitErrorOf(execution));
}

/** The message of anything thrown, across realms (vm contexts, workers). */
export function messageOf(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error) return String((error as { message: unknown }).message);
  return String(error);
}

/**
 * Runs body as one execution and records it. A run that passed its time limit fails with Google's
 * message even if the code caught the error. Returns the record and the value (undefined on failure).
 */
export function runExecution(
  platform: LocalPlatform,
  execution: LocalExecution,
  body: () => unknown,
  options: { chargeStartup?: boolean } = {},
): { record: ExecutionRecord; value: unknown } {
  let value: unknown;
  let error: string | undefined;
  try {
    platform.start(execution, options.chargeStartup ?? true);
    value = platform.within(execution, body);
  } catch (e) {
    error = messageOf(e);
  }
  const end = platform.clock.now();
  if (execution.dead || end - execution.startedAt > execution.limitMs) {
    execution.dead = true;
    error = limitErrorOf(execution);
  }
  platform.finish(execution);
  const record: ExecutionRecord = {
    id: execution.id,
    function: execution.functionName,
    user: execution.user.email,
    mode: execution.authMode,
    kind: execution.kind,
    start: execution.startedAt,
    duration: end - execution.startedAt,
    outcome: error === undefined ? 'completed' : 'failed',
    ...(error === undefined ? {} : { error }),
  };
  return { record, value: error === undefined ? value : undefined };
}
