// One run of a script function in the local runtime: who runs it, in which auth mode, under which
// time limit, and what happened. LocalPlatform is the Platform every service asks "who is running?".
import { CallCounter, GOOGLE_ERRORS, VirtualClock, type AuthModeName, type Execution, type ExecutionKind, type LocalUser, type Platform } from './platform';

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
}

/** The Platform of one runtime: a clock, counters and the execution that is running now. */
export class LocalPlatform implements Platform {
  readonly clock: VirtualClock;
  readonly counters = new CallCounter();
  private active: LocalExecution | undefined;
  private nextId = 1;
  /** Called when an execution ends, whatever the outcome (locks are released here). */
  private endListeners: ((execution: LocalExecution) => void)[] = [];

  constructor(clock: VirtualClock) {
    this.clock = clock;
  }

  current(): LocalExecution {
    if (!this.active) throw new Error('No Apps Script execution is running: call the service from inside rt.call().');
    return this.active;
  }

  enter(service: string, method: string): LocalExecution {
    const execution = this.current();
    this.counters.add(service, method);
    assertAlive(execution, this.clock.now());
    return execution;
  }

  onExecutionEnd(listener: (execution: LocalExecution) => void): void {
    this.endListeners.push(listener);
  }

  createExecution(spec: ExecutionSpec, startedAt = this.clock.now()): LocalExecution {
    return { ...spec, id: this.nextId++, startedAt, limitMs: EXECUTION_LIMITS_MS[spec.kind], dead: false };
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

  /** Ends an execution: releases what it held. */
  finish(execution: LocalExecution): void {
    for (const l of this.endListeners) l(execution);
  }
}

/** Throws Google's time-limit error once the limit has passed, and for ever after in that execution. */
export function assertAlive(execution: Execution, now: number): void {
  if (!execution.dead && now - execution.startedAt > execution.limitMs) execution.dead = true;
  if (execution.dead) throw new Error(GOOGLE_ERRORS.timeLimit);
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
export function runExecution(platform: LocalPlatform, execution: LocalExecution, body: () => unknown): { record: ExecutionRecord; value: unknown } {
  let value: unknown;
  let error: string | undefined;
  try {
    value = platform.within(execution, body);
  } catch (e) {
    error = messageOf(e);
  }
  const end = platform.clock.now();
  if (execution.dead || end - execution.startedAt > execution.limitMs) {
    execution.dead = true;
    error = GOOGLE_ERRORS.timeLimit;
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
