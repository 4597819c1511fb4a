// A 60-day simulation over real HTTP finishes and reads the simulator's whole log. The runtime runs
// the simulated days synchronously, so the main thread's idle keep-alive connection to the simulator
// sits unread for as long as that takes; the simulator used to close it after Node's default 5 s and
// the log read then failed with "fetch failed" (other side closed). One cheap report keeps the real
// time short; the last day holds the thread longer than those 5 s, as a long run does.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../../local/instagram/scenario';
import { startStack } from '../../local/platform/stack';
import { readRequestLog, simulateOnStack } from '../../local/simulate/simulate';

/** Blocks this thread, as the synchronous runtime does (no event loop turn in between). */
const block = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

describe('a long simulation over HTTP', () => {
  it('runs 60 days and reads the request log afterwards', async () => {
    const scenario = defaultScenario();
    const out = mkdtempSync(join(tmpdir(), 'sheetgram-long-http-'));
    const stack = await startStack({ scenario, transport: 'http' });
    try {
      const { summary } = await simulateOnStack(stack, {
        scenario, scenarioName: 'default', days: 60, out, transport: 'http',
        config: [{ account: 'sunny.creates', report: 'user_information' }],
        onDay: (day, days) => {
          if (day === days) block(5_500);
        },
      });
      expect(summary.ok).toBe(true);
      expect(summary.simulated.days).toBe(60);
      expect(summary.executions.failed).toBe(0);
      expect(summary.executions.byFunction.runScheduledReports.count).toBeGreaterThanOrEqual(60 * 24);
      // The log read in pages is the simulator's whole log, and the summary counted from it.
      const log = await readRequestLog(stack, 50);
      const counts = (await stack.control('counts')) as Record<string, number>;
      expect(log).toHaveLength(Object.values(counts).reduce((a, b) => a + b, 0));
      expect(summary.meta.logEntries).toBe(log.length);
      expect(summary.meta.calls).toBeGreaterThanOrEqual(60);
    } finally {
      await stack.close();
    }
  }, 60_000);
});
