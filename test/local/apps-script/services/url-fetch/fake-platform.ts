// A minimal Platform for UrlFetchApp tests: one execution at a time, a virtual clock, call counters.
// The real runtime (another part of local/apps-script) builds richer executions.
import { CallCounter, VirtualClock, type AuthModeName, type Execution, type LocalUser, type Platform } from '../../../../../local/apps-script/platform';

export interface TestPlatform extends Platform {
  run(options: { user?: LocalUser; authMode?: AuthModeName }): void;
}

export const ALICE: LocalUser = { email: 'alice@example.com', id: 'alice' };
export const BOB: LocalUser = { email: 'bob@example.com', id: 'bob' };
export const START = Date.parse('2026-01-05T09:00:00Z');

export function createTestPlatform(): TestPlatform {
  const clock = new VirtualClock(START);
  const counters = new CallCounter();
  let execution: Execution = { user: ALICE, owner: ALICE, authMode: 'FULL', kind: 'script', startedAt: START, limitMs: 360_000, dead: false };
  return {
    clock,
    counters,
    current: () => execution,
    enter(service, method) {
      counters.add(service, method);
      return execution;
    },
    run({ user = ALICE, authMode = 'FULL' }) {
      execution = { user, owner: ALICE, authMode, kind: authMode === 'CUSTOM_FUNCTION' ? 'custom-function' : 'script', startedAt: clock.now(), limitMs: 360_000, dead: false };
    },
  };
}
