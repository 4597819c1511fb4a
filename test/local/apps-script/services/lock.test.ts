// LockService in single-threaded runs: ownership, release at the end of an execution, and the
// timeout against a lock another execution still holds.
import { describe, expect, it } from 'vitest';
import { createLockService, LockTable } from '../../../../local/apps-script/services/lock';
import { EDITOR, newPlatform, run, runAs } from '../support';
import { runExecution } from '../../../../local/apps-script/execution';

function setup() {
  const platform = newPlatform();
  const table = new LockTable();
  platform.onExecutionEnd((e) => table.releaseAll(e, platform.clock.now()));
  return { platform, table, service: createLockService(platform, table) };
}

describe('LockService', () => {
  it('acquires, reports and releases a lock; getting one does not acquire it', () => {
    const { platform, service } = setup();
    runAs(platform, () => {
      const lock = service.getScriptLock();
      expect(lock.hasLock()).toBe(false);
      expect(lock.tryLock(100)).toBe(true);
      expect(lock.hasLock()).toBe(true);
      lock.releaseLock();
      expect(lock.hasLock()).toBe(false);
    });
  });

  it('is released when the execution ends', () => {
    const { platform, table, service } = setup();
    run(platform, () => service.getUserLock().waitLock(100));
    expect(table.holder('user:owner@example.com')).toBeUndefined();
  });

  it('times out against a lock held by another running execution, on the virtual clock', () => {
    const { platform, service } = setup();
    const holder = platform.createExecution({ functionName: 'holder', user: EDITOR, owner: EDITOR, authMode: 'FULL', kind: 'script' });
    // runExecution catches what its body throws into the record: the checks run inside, the record is checked outside.
    const { record } = runExecution(platform, holder, () => {
      service.getDocumentLock().waitLock(10);
      // A second execution starts while the first still holds the lock (as a nested run).
      const before = platform.clock.now();
      expect(runAs(platform, () => service.getDocumentLock().tryLock(5000))).toBe(false);
      expect(platform.clock.now() - before).toBe(5000);
      expect(() => runAs(platform, () => service.getDocumentLock().waitLock(100))).toThrow('Lock timeout: another process was holding the lock for too long.');
    });
    expect(record.error).toBeUndefined();
    expect(record.outcome).toBe('completed');
  });

  it('is refused in NONE mode', () => {
    const { platform, service } = setup();
    expect(() => runAs(platform, () => service.getScriptLock(), { authMode: 'NONE' })).toThrow(/permission to call LockService/);
  });
});
