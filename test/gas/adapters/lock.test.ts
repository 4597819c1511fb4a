// The lock adapter flushes Sheets before it releases (writes made under the lock must land first). When
// that flush fails, the lock must still be released: another execution takes it at once, not when the
// failed holder's execution ends. The holder here keeps running, so only the adapter can free the lock.
import { afterEach, describe, expect, it } from 'vitest';
import { serviceLock } from '../../../src/gas/adapters/lock';
import { runExecution } from '../../../local/apps-script/execution';
import { guarded } from '../../../local/apps-script/platform';
import { createLockService, LockTable } from '../../../local/apps-script/services/lock';
import { EDITOR, newPlatform, OWNER, runAs } from '../../local/apps-script/support';

const FLUSH_FAILED = 'Service Spreadsheets failed while accessing document with id doc-1.';
const globals = globalThis as { SpreadsheetApp?: unknown };

function setup(flush: () => void) {
  const platform = newPlatform();
  const table = new LockTable();
  platform.onExecutionEnd((e) => table.releaseAll(e, platform.clock.now()));
  // The adapter names the global, as in Apps Script; only flush exists, anything else throws.
  globals.SpreadsheetApp = guarded('SpreadsheetApp', { flush });
  return { platform, table, LockService: createLockService(platform, table) };
}

afterEach(() => {
  delete globals.SpreadsheetApp;
});

describe('serviceLock', () => {
  it('releases the lock when the flush before the release throws, and passes the failure on', () => {
    const key = 'document';
    let heldDuringFlush: unknown;
    const { platform, table, LockService } = setup(() => {
      heldDuringFlush = table.holder(key);
      throw new Error(FLUSH_FAILED);
    });
    const holder = platform.createExecution({ functionName: 'holder', user: OWNER, owner: OWNER, authMode: 'FULL', kind: 'script' });
    const { record, value } = runExecution(platform, holder, () => {
      const lock = serviceLock(LockService.getDocumentLock());
      const took = lock.tryLock(1_000);
      let failure = '';
      try {
        lock.release();
      } catch (e) {
        failure = (e as Error).message;
      }
      const afterFailure = table.holder(key);
      // Another person's execution, while the holder still runs: it gets the lock without waiting.
      const before = platform.clock.now();
      const other = runAs(platform, () => serviceLock(LockService.getDocumentLock()).tryLock(5_000), { user: EDITOR });
      return { took, failure, afterFailure, other, waited: platform.clock.now() - before };
    });
    expect(record.outcome).toBe('completed');
    expect(heldDuringFlush).toBe(holder);
    expect(value).toEqual({ took: true, failure: FLUSH_FAILED, afterFailure: undefined, other: true, waited: 0 });
  });

  it('flushes under the lock and releases it when the flush succeeds', () => {
    let heldDuringFlush: unknown;
    const { platform, table, LockService } = setup(() => {
      heldDuringFlush = table.holder(`user:${OWNER.id}`);
    });
    const { record, value } = runExecution(platform, platform.createExecution({ functionName: 'holder', user: OWNER, owner: OWNER, authMode: 'FULL', kind: 'script' }), () => {
      const lock = serviceLock(LockService.getUserLock());
      const took = lock.tryLock(1_000);
      lock.release();
      return { took, after: table.holder(`user:${OWNER.id}`) };
    });
    expect(record.outcome).toBe('completed');
    expect(heldDuringFlush).toBeDefined();
    expect(value).toEqual({ took: true, after: undefined });
  });
});
