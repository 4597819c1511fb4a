// Twenty accounts in one configuration, measured with the bench's own code: every account's every report
// finishes, and each account costs exactly the Meta calls of the same reports saved for it alone.
import { beforeAll, describe, expect, it } from 'vitest';
import { benchAccounts, type AccountsBench } from '../../local/bench/accounts';
import { ACCOUNTS_BENCH } from '../../local/bench/run-bench';

let group: AccountsBench;
let alone: AccountsBench;

beforeAll(async () => {
  group = await benchAccounts({ ...ACCOUNTS_BENCH, way: 'one configuration' });
  alone = await benchAccounts({ ...ACCOUNTS_BENCH, way: 'one per account' });
}, 120_000);

describe(`${ACCOUNTS_BENCH.clients} accounts`, () => {
  it('saved once for all accounts keeps a configuration per account, and every run finishes', () => {
    expect(group.configurations).toBe(alone.configurations);
    for (const bench of [group, alone]) {
      for (const phase of [bench.full, bench.incremental]) {
        expect(phase.complete, bench.way).toBe(true);
        expect(phase.figures.failedExecutions, bench.way).toBe(0);
      }
    }
  });

  it('costs each account the calls of its own reports, in the first pull and the next day', () => {
    for (const phase of ['full', 'incremental'] as const) {
      expect(Object.keys(group[phase].callsByAccount)).toHaveLength(ACCOUNTS_BENCH.clients);
      expect(group[phase].callsByAccount, phase).toEqual(alone[phase].callsByAccount);
      // Not vacuous: every account was really read.
      expect(Math.min(...Object.values(group[phase].callsByAccount)), phase).toBeGreaterThan(0);
    }
  });
});
