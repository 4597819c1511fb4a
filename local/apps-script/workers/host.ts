// Concurrent executions: each runs in its own worker thread with its own copy of the bundle, while
// every service and its state (properties, cache, locks, workbook, triggers, network) stays here.
// Workers block on each service call until this thread answers, so a contended lock really waits.
//
// Virtual time rule: every execution has its own time line, starting together at the clock's
// current time and moved only by its own sleeps, waits and network latency; the shared clock reads
// the latest of them. A lock waiter resumes at the later of its own time and the release time, and
// times out when the holder's time passes its deadline (or when every execution left is waiting).
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { AuthModeName, ExecutionKind, LocalUser } from '../platform';
import { limitErrorOf, messageOf, type ExecutionRecord, type LocalExecution, type LocalPlatform } from '../execution';
import { LockWait, type LockTable } from '../services/lock';
import { HandleTable, decode, encode, type Wire } from './wire';

export interface ConcurrentCall {
  fn: string;
  args?: unknown[];
  /** Email; default the document owner. */
  user?: string;
  authMode?: AuthModeName;
  kind?: ExecutionKind;
  /** Id of the document it runs in; default the runtime's first. */
  document?: string;
}

export interface ConcurrentResult {
  fn: string;
  user: string;
  outcome: 'completed' | 'failed';
  value?: unknown;
  error?: string;
  /** The execution's own virtual time line. */
  start: number;
  end: number;
  /** How often it really blocked on a lock another running execution held. */
  lockWaits: number;
}

export interface HostEnvironment {
  platform: LocalPlatform;
  locks: LockTable;
  bundleDir: string;
  services: Record<string, unknown>;
  owner: LocalUser;
  userByEmail(email: string | undefined): LocalUser;
  /** The documentId executions in that document carry (undefined for the first). */
  documentIdOf(document: string | undefined): string | undefined;
  record(record: ExecutionRecord): void;
}

type Request =
  | { op: 'get'; id: number; prop: string }
  | { op: 'set'; id: number; prop: string; value: Wire }
  | { op: 'call'; id: number; prop: string; args: Wire[] }
  | { op: 'apply'; id: number; args: Wire[] }
  | { op: 'result'; value?: Wire; error?: string };

interface Running {
  call: ConcurrentCall;
  execution: LocalExecution;
  time: number;
  port: MessagePort;
  flag: Int32Array;
  waiting?: { request: Request; key: string; deadline: number };
  lockWaits: number;
  result?: ConcurrentResult;
}

export function runConcurrently(env: HostEnvironment, calls: ConcurrentCall[]): Promise<ConcurrentResult[]> {
  const { platform, locks } = env;
  const clock = platform.clock;
  const handles = new HandleTable();
  const roots = Object.fromEntries(Object.entries(env.services).map(([name, service]) => [name, handles.idOf(service as object)]));
  const start = clock.now();
  const releases: { key: string; time: number }[] = [];
  const stopListening = locks.onRelease((key) => releases.push({ key, time: clock.now() }));
  const runs: Running[] = [];
  const byExecution = new Map<LocalExecution, Running>();
  locks.blocking = true;

  function perform(request: Request): Wire {
    if (request.op === 'get') {
      const member = handles.get(request.id)[request.prop];
      return typeof member === 'function' ? ({ t: 'function' } as unknown as Wire) : encode(member, handles);
    }
    if (request.op === 'set') {
      handles.get(request.id)[request.prop] = decode(request.value, handles);
      return undefined;
    }
    if (request.op === 'apply') return encode(handles.get(request.id)(...request.args.map((a) => decode(a, handles))), handles);
    if (request.op === 'call') {
      const target = handles.get(request.id);
      return encode(target[request.prop](...request.args.map((a) => decode(a, handles))), handles);
    }
    throw new Error('unexpected request');
  }

  function reply(run: Running, message: { value?: Wire; error?: string }): void {
    run.port.postMessage({ ...message, time: run.time });
    Atomics.store(run.flag, 0, 1);
    Atomics.notify(run.flag, 0);
  }

  /** Runs one request on the execution's own time line; a contended lock parks it instead. */
  function handle(run: Running, request: Request, deadline?: number): void {
    let value: Wire;
    let failure: unknown;
    let parked: LockWait | undefined;
    run.time = clock.runAt(run.time, () =>
      platform.within(run.execution, () => {
        try {
          value = perform(request);
        } catch (e) {
          if (e instanceof LockWait) parked = e;
          else failure = e;
        }
      }),
    );
    if (parked) {
      if (deadline === undefined) run.lockWaits++;
      run.waiting = { request, key: parked.key, deadline: deadline ?? run.time + parked.timeoutMs };
      return;
    }
    reply(run, failure === undefined ? { value: value! } : { error: messageOf(failure) });
  }

  function resume(run: Running, at: number, timedOut: boolean): void {
    const waiting = run.waiting!;
    run.waiting = undefined;
    run.time = Math.max(run.time, at);
    if (timedOut) locks.markTimedOut(run.execution);
    handle(run, waiting.request, waiting.deadline);
  }

  /** Wakes waiters after releases and timeouts until nothing changes. */
  function settle(): void {
    for (let changed = true; changed; ) {
      changed = false;
      const release = releases.shift();
      if (release) {
        changed = true;
        for (const run of runs.filter((r) => r.waiting?.key === release.key)) {
          if (!run.waiting || locks.holder(release.key)) continue;
          const { deadline } = run.waiting;
          resume(run, release.time <= deadline ? release.time : deadline, release.time > deadline);
        }
        continue;
      }
      for (const run of runs) {
        if (!run.waiting) continue;
        const holder = locks.holder(run.waiting.key);
        const holderRun = holder ? byExecution.get(holder as LocalExecution) : undefined;
        if (holderRun && holderRun.time > run.waiting.deadline) {
          resume(run, run.waiting.deadline, true);
          changed = true;
        }
      }
      const active = runs.filter((r) => !r.result);
      if (!changed && active.length > 0 && active.every((r) => r.waiting)) {
        // Everyone left is waiting: nothing can release, so the earliest deadline runs out.
        const first = active.reduce((a, b) => (a.waiting!.deadline <= b.waiting!.deadline ? a : b));
        resume(first, first.waiting!.deadline, true);
        changed = true;
      }
    }
  }

  return new Promise((resolveAll) => {
    let remaining = calls.length;
    if (remaining === 0) resolveAll([]);
    const finish = (run: Running, value: unknown, error: string | undefined) => {
      clock.runAt(run.time, () => platform.finish(run.execution));
      const dead = run.execution.dead || run.time - run.execution.startedAt > run.execution.limitMs;
      const failure = dead ? limitErrorOf(run.execution) : error;
      run.result = {
        fn: run.call.fn,
        user: run.execution.user.email,
        outcome: failure === undefined ? 'completed' : 'failed',
        ...(failure === undefined ? { value } : { error: failure }),
        start: run.execution.startedAt,
        end: run.time,
        lockWaits: run.lockWaits,
      };
      env.record({
        id: run.execution.id,
        function: run.call.fn,
        user: run.execution.user.email,
        mode: run.execution.authMode,
        kind: run.execution.kind,
        start: run.execution.startedAt,
        duration: run.time - run.execution.startedAt,
        outcome: run.result.outcome,
        ...(failure === undefined ? {} : { error: failure }),
      });
      settle();
      if (--remaining === 0) {
        stopListening();
        locks.blocking = false;
        resolveAll(runs.map((r) => r.result!));
      }
    };

    for (const call of calls) {
      const user = env.userByEmail(call.user);
      const kind = call.kind ?? 'script';
      const execution = platform.createExecution(
        { functionName: call.fn, user, owner: env.owner, authMode: call.authMode ?? 'FULL', kind, documentId: env.documentIdOf(call.document) },
        start,
      );
      const signal = new SharedArrayBuffer(4);
      const channel = new MessageChannel();
      const run: Running = { call, execution, time: start, port: channel.port1, flag: new Int32Array(signal), lockWaits: 0 };
      runs.push(run);
      byExecution.set(execution, run);
      // All start together: a user's 31st is refused at once; the others pay their start-up.
      let refused: string | undefined;
      run.time = clock.runAt(run.time, () => {
        try {
          platform.start(execution);
        } catch (e) {
          refused = messageOf(e);
        }
      });
      if (refused !== undefined) {
        channel.port1.close();
        channel.port2.close();
        finish(run, undefined, refused);
        continue;
      }
      const worker = new Worker(new URL('./execution-worker.mjs', import.meta.url), {
        workerData: { bundleDir: env.bundleDir, signal, port: channel.port2, roots, functionName: call.fn, args: (call.args ?? []).map((a) => encode(a, handles)), startedAt: start },
        transferList: [channel.port2],
      });
      channel.port1.on('message', (request: Request) => {
        if (request.op === 'result') {
          channel.port1.close();
          finish(run, request.error === undefined ? decode(request.value, handles) : undefined, request.error);
          return;
        }
        handle(run, request);
        settle();
      });
      worker.on('error', (error) => {
        if (!run.result) finish(run, undefined, messageOf(error));
      });
    }
  });
}
