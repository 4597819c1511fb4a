// LockService locks as the core's Lock.
import type { Lock } from '../../core/ports';

export function serviceLock(lock: GoogleAppsScript.Lock.Lock): Lock {
  return {
    tryLock: (timeoutMs) => lock.tryLock(timeoutMs),
    release: () => {
      // Sheets writes made under the lock must land before another execution reads them.
      SpreadsheetApp.flush();
      lock.releaseLock();
    },
  };
}
