// The real World & Graph half and the built-in scenarios, used when createSimulator() is not given others.
import { worldGraph } from '../graph/route';
import type { GraphBackend, PlatformScenario } from '../platform-types';
import { defaultScenario, largeScenario } from '../scenario';

export function defaultGraphBackend(): GraphBackend<unknown> {
  return worldGraph as GraphBackend<unknown>;
}

/** Names accepted by reset('name'), `npm run sim --scenario NAME` and spawnSimulator. */
export function defaultScenarios(): Record<string, () => PlatformScenario> {
  return {
    default: defaultScenario,
    large: () => largeScenario({ media: 10_000 }),
  };
}
