// One run of a configuration at a time. LockService has no named locks, so a short-held lock guards
// a lease in a property: whoever holds an unexpired lease runs the configuration, others leave it
// (or wait a little). A lease expires by itself, so a run killed by the time limit frees it too.
import type { Clock, KeyValueStore, Lock } from '../ports';

const LEASE = 'sheetgram.running.';
/** The lock is held only to read and write one property, so waiting this long means something is stuck. */
const LOCK_WAIT_MS = 30_000;

interface Lease {
  holder: string;
  until: number;
}

export class RunLeases {
  constructor(
    private readonly store: KeyValueStore,
    private readonly lock: Lock,
    private readonly clock: Clock,
  ) {}

  /** Takes the configuration until `until`; false when another execution holds it (or the lock is busy). */
  claim(configId: string, holder: string, until: number): boolean {
    if (!this.lock.tryLock(LOCK_WAIT_MS)) return false;
    try {
      const current = this.read(configId);
      if (current && current.holder !== holder && current.until > this.clock.now()) return false;
      this.store.set(LEASE + configId, JSON.stringify({ holder, until } satisfies Lease));
      return true;
    } finally {
      this.lock.release();
    }
  }

  release(configId: string, holder: string): void {
    if (!this.lock.tryLock(LOCK_WAIT_MS)) return;
    try {
      if (this.read(configId)?.holder === holder) this.store.delete(LEASE + configId);
    } finally {
      this.lock.release();
    }
  }

  /** Until when another execution holds it, or null. */
  heldUntil(configId: string): number | null {
    const lease = this.read(configId);
    return lease && lease.until > this.clock.now() ? lease.until : null;
  }

  private read(configId: string): Lease | null {
    const raw = this.store.get(LEASE + configId);
    if (!raw) return null;
    try {
      return JSON.parse(raw) as Lease;
    } catch {
      return null;
    }
  }
}
