// The stack every bench run uses: the simulator in-process (fast, same answers as over HTTP), a
// virtual latency per round trip, and a workbook that attributes writes to tabs.
import type { Scenario } from '../instagram/scenario';
import { startStack, type Stack, type StackOptions } from '../platform/stack';
import { Meter } from './meter';
import { MeteredWorkbook } from './metered-workbook';

export const DEFAULT_LATENCY_MS = 150;
export const BENCH_TIME_ZONE = 'Europe/Lisbon';
export const HOUR_MS = 3_600_000;

export interface BenchStack {
  stack: Stack;
  meter: Meter;
}

export async function startBenchStack(scenario: Scenario, options: Partial<StackOptions> & { latencyMs?: number } = {}): Promise<BenchStack> {
  const workbook = new MeteredWorkbook({ timeZone: BENCH_TIME_ZONE, name: 'Sheetgram bench' });
  const stack = await startStack({
    scenario, transport: 'in-process', timeZone: BENCH_TIME_ZONE, ...options,
    latencyMs: options.latencyMs ?? DEFAULT_LATENCY_MS,
    runtime: { ...options.runtime, workbook },
  });
  return { stack, meter: new Meter(stack, workbook) };
}
