// LockService locks as the core's Lock.
import type { Lock } from '../../core/ports';

export function serviceLock(lock: GoogleAppsScript.Lock.Lock): Lock {
  return {
    tryLock: (timeoutMs) => lock.tryLock(timeoutMs),
    release: () => {
      try {
        // Sheets writes made under the lock must land before another execution reads them.
        SpreadsheetApp.flush();
      } finally {
        // Released even when the flush fails (a full spreadsheet, the time limit): others must not wait for a dead holder.
        lock.releaseLock();
      }
    },
  };
}
