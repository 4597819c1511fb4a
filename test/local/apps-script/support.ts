// Shared helpers for the runtime's service tests: a fresh platform per test and a way to run code
// as one execution (user, auth mode, kind) without loading a bundle.
import { CostModel, DEFAULT_COSTS } from '../../../local/apps-script/costs';
import { LocalPlatform, runExecution, type ExecutionRecord } from '../../../local/apps-script/execution';
import { VirtualClock, type AuthModeName, type ExecutionKind, type LocalUser } from '../../../local/apps-script/platform';

export const START = Date.parse('2026-01-05T09:00:00Z');
export const OWNER: LocalUser = { email: 'owner@example.com', id: 'owner@example.com' };
export const EDITOR: LocalUser = { email: 'editor@example.com', id: 'editor@example.com' };

/**
 * These service tests check each service's own behaviour on the clock (expiry, sleeps, lock waits),
 * so they run without the cost model: with it every call and start-up would add its figure
 * (costs.test.ts tests those). `costs: true` turns the default figures on.
 */
export function newPlatform(start = START, options: { costs?: boolean } = {}): LocalPlatform {
  return new LocalPlatform(new VirtualClock(start), { costs: options.costs ? new CostModel(DEFAULT_COSTS) : null });
}

export interface RunAs {
  user?: LocalUser;
  authMode?: AuthModeName;
  kind?: ExecutionKind;
}

/** Runs fn as one execution; returns its value, or throws with the failure's message. */
export function runAs<T>(platform: LocalPlatform, fn: () => T, as: RunAs = {}): T {
  const { value, record } = run(platform, fn, as);
  if (record.outcome === 'failed') throw new Error(record.error);
  return value as T;
}

export function run(platform: LocalPlatform, fn: () => unknown, as: RunAs = {}): { value: unknown; record: ExecutionRecord } {
  const authMode = as.authMode ?? 'FULL';
  const kind = as.kind ?? (authMode === 'CUSTOM_FUNCTION' ? 'custom-function' : 'script');
  const execution = platform.createExecution({ functionName: 'test', user: as.user ?? OWNER, owner: OWNER, authMode, kind });
  return runExecution(platform, execution, fn);
}
