// Scenario entry points: the types, the built-in scenarios, and reading a scenario file (JSON).
import { readFileSync } from 'node:fs';
import type { Scenario } from './types';

export type * from './types';
export { defaultScenario, largeScenario, TRICKY_CAPTIONS } from './default';
export { agencyScenario, AGENCY_FACEBOOK_USER } from './agency';

/** Reads a scenario JSON file; checks the few fields every scenario needs. */
export function loadScenario(path: string): Scenario {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as Scenario;
  for (const key of ['seed', 'start', 'apps', 'accounts'] as const) {
    if (parsed[key] === undefined) throw new Error(`scenario ${path}: missing "${key}"`);
  }
  return parsed;
}
