// A minimal Platform for SpreadsheetApp tests: a virtual clock, call counters and a settable
// execution (user, auth mode, kind, and whether it has a UI, as a time-driven trigger has not).
import { CallCounter, VirtualClock, type AuthModeName, type Execution, type ExecutionKind, type LocalUser, type Platform } from '../../../../../local/apps-script/platform';
import { createSpreadsheetApp, Workbook } from '../../../../../local/apps-script/services/spreadsheet';

export const ALICE: LocalUser = { email: 'alice@example.com', id: 'alice' };
export const BOB: LocalUser = { email: 'bob@example.com', id: 'bob' };
export const START = Date.parse('2026-01-05T14:00:00Z');

export interface TestPlatform extends Platform {
  run(options?: { user?: LocalUser; authMode?: AuthModeName; kind?: ExecutionKind; hasUi?: boolean }): void;
}

export function createTestPlatform(): TestPlatform {
  const clock = new VirtualClock(START);
  const counters = new CallCounter();
  let execution: Execution & { hasUi?: boolean } = { user: ALICE, owner: ALICE, authMode: 'FULL', kind: 'script', startedAt: START, limitMs: 360_000, dead: false };
  return {
    clock,
    counters,
    current: () => execution,
    enter(service, method) {
      counters.add(service, method);
      return execution;
    },
    run({ user = ALICE, authMode = 'FULL', kind, hasUi } = {}) {
      const k = kind ?? (authMode === 'CUSTOM_FUNCTION' ? 'custom-function' : 'script');
      execution = { user, owner: ALICE, authMode, kind: k, startedAt: clock.now(), limitMs: k === 'script' ? 360_000 : 30_000, dead: false, hasUi };
    },
  };
}

/** A fresh workbook (New York time, like many users) and a FULL-mode SpreadsheetApp over it. */
export function setup(options: { timeZone?: string } = {}) {
  const platform = createTestPlatform();
  const workbook = new Workbook({ name: 'Insights', id: 'doc-1', timeZone: options.timeZone ?? 'America/New_York', clock: platform.clock });
  const app = createSpreadsheetApp(platform, workbook);
  const ss = app.getActiveSpreadsheet();
  const sheet = ss.getSheets()[0];
  return { platform, workbook, app, ss, sheet, reopen: () => createSpreadsheetApp(platform, workbook) };
}
