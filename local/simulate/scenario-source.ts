// Where the simulated world comes from: a scenario file or one of the built-in scenarios.
import { basename } from 'node:path';
import { defaultScenario, largeScenario, loadScenario, type Scenario } from '../instagram/scenario';

export const LARGE_DEFAULT_MEDIA = 10_000;

export function resolveScenario(source: string, media?: number): { name: string; scenario: Scenario } {
  if (source === 'default') return { name: 'default', scenario: defaultScenario() };
  if (source === 'large') {
    const count = media ?? LARGE_DEFAULT_MEDIA;
    return { name: `large (${count} posts)`, scenario: largeScenario({ media: count }) };
  }
  return { name: basename(source), scenario: loadScenario(source) };
}
