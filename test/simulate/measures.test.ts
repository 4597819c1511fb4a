// The small measuring pieces summary.json is built from.
import { describe, expect, it } from 'vitest';
import type { RequestLogEntry } from '../../local/instagram/handler';
import { kindOf, peakInWindow, summarizeMetaCalls } from '../../local/simulate/meta-calls';
import { skippedIn } from '../../local/simulate/run-log';
import { countsBetween, groupTotals } from '../../local/simulate/service-calls';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-07-10T12:00:00Z');

function entry(over: Partial<RequestLogEntry>): RequestLogEntry {
  return { seq: 1, method: 'GET', host: 'graph.instagram.com', path: '/v27.0/x', query: {}, status: 200, endpoint: '/{ig-user-id}', time: new Date(T0).toISOString(), ...over };
}

describe('calls to Meta', () => {
  it('counts a window of exactly one hour, not more', () => {
    expect(peakInWindow([T0, T0 + HOUR - 1, T0 + HOUR, T0 + 2 * HOUR])).toEqual({ peak: 2, start: T0 });
    expect(peakInWindow([T0 + 5, T0, T0 + 10]).peak).toBe(3);
    expect(peakInWindow([])).toEqual({ peak: 0, start: null });
  });

  it('tells calls, batch envelopes and sign-in pages apart', () => {
    const log = [
      entry({ host: 'www.instagram.com', endpoint: '/oauth/authorize' }),
      entry({ host: 'graph.facebook.com', method: 'POST', endpoint: '/ (batch)' }),
      entry({ host: 'graph.facebook.com', inBatch: true, account: '1', username: 'a', endpoint: '/{ig-user-id}/insights' }),
      entry({ host: 'graph.facebook.com', inBatch: true, account: '1', username: 'a', endpoint: '/{ig-user-id}/insights', status: 400 }),
      entry({ endpoint: '/access_token' }),
    ];
    expect(log.map(kindOf)).toEqual(['page', 'batch', 'call', 'call', 'call']);
    const s = summarizeMetaCalls(log);
    expect(s).toMatchObject({ calls: 3, httpRequests: 2, batchRequests: 1, batchedCalls: 2, browserPages: 1, failedCalls: 1, unattributed: 1 });
    expect(s.byEndpoint).toEqual({ 'GET graph.facebook.com /{ig-user-id}/insights': 2, 'GET graph.instagram.com /access_token': 1 });
    expect(s.byAccount.a).toMatchObject({ igUserId: '1', calls: 2, peakRollingHour: 2 });
  });
});

describe('the log tab and the counters', () => {
  it('reads each skipped reason of a run message', () => {
    const message = 'Added 1 row, updated 2 rows. 3 items skipped: Too few viewers. 1,204 items skipped: Posted before the account became a business account: Instagram has no insights for it. Posts from 2024 and older were...';
    expect(skippedIn(message)).toEqual([
      { count: 3, reason: 'Too few viewers.' },
      { count: 1204, reason: 'Posted before the account became a business account: Instagram has no insights for it.' },
    ]);
    expect(skippedIn('Added 3 rows.')).toEqual([]);
  });

  it('groups service calls and takes differences', () => {
    const before = { 'Range.setValues': 2, 'Properties.getProperty': 5 };
    const after = { 'Range.setValues': 5, 'Sheet.appendRow': 1, 'Properties.getProperty': 5, 'Properties.deleteProperty': 2, 'Lock.tryLock': 3, 'LockService.getDocumentLock': 1 };
    const d = countsBetween(before, after);
    expect(d).toEqual({ 'Range.setValues': 3, 'Sheet.appendRow': 1, 'Properties.deleteProperty': 2, 'Lock.tryLock': 3, 'LockService.getDocumentLock': 1 });
    expect(groupTotals(d)).toMatchObject({ rangeWrites: 4, propertyWrites: 2, propertyReads: 0, lock: 4, cache: 0 });
  });
});
