// The simulator's public face: createSimulator(), a pure request handler (request in, response out)
// with control methods for tests and tools, and the types (from platform-types.ts) its users need.
import type { Simulator, SimulatorOptions } from './platform-types';
import { SimulatorCore } from './handler/simulator';

export type * from './platform-types';

export function createSimulator(options: SimulatorOptions): Simulator {
  return new SimulatorCore(options);
}
