// LockService: script, user and document locks shared by every execution of a runtime. Locks are
// owned by an execution and released when it ends. In concurrent runs a contended lock really
// blocks: acquire() throws LockWait and the worker host retries the call once the lock is released.
import { enterService, GOOGLE_ERRORS, guarded, type Execution, type Platform } from '../platform';

/** Thrown by LockTable.acquire in concurrent mode when the caller must wait for another execution. */
export class LockWait {
  constructor(
    readonly key: string,
    readonly timeoutMs: number,
  ) {}
}

export class LockTable {
  private holders = new Map<string, Execution>();
  /** When and by whom each lock was last released: in concurrent runs time lines differ, and an
   * execution whose own time is earlier must still wait until then. */
  private releasedAt = new Map<string, { time: number; by: Execution }>();
  /** Executions whose pending wait timed out: their retried acquire returns false at once. */
  private timedOut = new Set<Execution>();
  private releaseListeners: ((key: string) => void)[] = [];
  /** Set by the concurrent runner: contention throws LockWait instead of failing at once. */
  blocking = false;

  holder(key: string): Execution | undefined {
    return this.holders.get(key);
  }

  /**
   * Takes the lock for execution. Single-threaded, nothing else can release a held lock while we
   * wait, so contention costs the timeout on the clock and fails.
   */
  acquire(key: string, execution: Execution, timeoutMs: number, clock: { now(): number; advance(ms: number): void }): boolean {
    const holder = this.holders.get(key);
    if (holder === execution) return true;
    if (!holder) {
      const last = this.releasedAt.get(key);
      const busyFor = last && last.by !== execution ? last.time - clock.now() : 0;
      if (busyFor > timeoutMs) {
        clock.advance(timeoutMs);
        return false;
      }
      if (busyFor > 0) clock.advance(busyFor);
      this.holders.set(key, execution);
      return true;
    }
    if (this.timedOut.delete(execution)) return false;
    if (this.blocking) throw new LockWait(key, timeoutMs);
    clock.advance(timeoutMs);
    return false;
  }

  /** The concurrent runner decided that execution's wait ran out. */
  markTimedOut(execution: Execution): void {
    this.timedOut.add(execution);
  }

  /** `now` is the releasing execution's time. */
  release(key: string, execution: Execution, now: number): void {
    if (this.holders.get(key) !== execution) return;
    this.holders.delete(key);
    this.releasedAt.set(key, { time: now, by: execution });
    for (const l of this.releaseListeners) l(key);
  }

  releaseAll(execution: Execution, now: number): void {
    for (const [key, holder] of [...this.holders]) if (holder === execution) this.release(key, execution, now);
    this.timedOut.delete(execution);
  }

  /** Returns a function that removes the listener. */
  onRelease(listener: (key: string) => void): () => void {
    this.releaseListeners.push(listener);
    return () => {
      this.releaseListeners = this.releaseListeners.filter((l) => l !== listener);
    };
  }
}

export function createLockService(platform: Platform, table: LockTable): GoogleAppsScript.Lock.LockService {
  function createLock(key: string): GoogleAppsScript.Lock.Lock {
    const owner = platform.current();
    const lock = {
      tryLock: (timeoutInMillis: number) => acquire('tryLock', timeoutInMillis),
      waitLock(timeoutInMillis: number) {
        if (!acquire('waitLock', timeoutInMillis)) throw new Error(GOOGLE_ERRORS.lockTimeout);
      },
      hasLock: () => (enterService(platform, 'Lock', 'hasLock'), table.holder(key) === owner),
      releaseLock: () => (enterService(platform, 'Lock', 'releaseLock'), table.release(key, owner, platform.clock.now())),
    };
    function acquire(method: string, timeoutInMillis: number): boolean {
      enterService(platform, 'Lock', method);
      const ms = Math.max(0, Number(timeoutInMillis) || 0);
      return table.acquire(key, owner, ms, platform.clock);
    }
    return guarded('Lock', lock) as unknown as GoogleAppsScript.Lock.Lock;
  }

  const service = {
    getScriptLock: () => (enterService(platform, 'LockService', 'getScriptLock'), createLock('script')),
    getUserLock: () => createLock(`user:${enterService(platform, 'LockService', 'getUserLock').user.id}`),
    getDocumentLock() {
      const execution = enterService(platform, 'LockService', 'getDocumentLock');
      return createLock(execution.documentId === undefined ? 'document' : `document:${execution.documentId}`);
    },
  };
  return guarded('LockService', service) as unknown as GoogleAppsScript.Lock.LockService;
}
