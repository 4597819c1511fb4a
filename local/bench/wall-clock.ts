// The local runtime's own real cost per 1,000 rows written: a probe bundle writes synthetic rows
// (text, numbers, dates, booleans) with one setValues and with one appendRow per row, timed on the
// real clock. Reported, never asserted: it tells a slow fake apart from a slow add-on.
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { createRuntime } from '../apps-script/runtime';
import { Workbook } from '../apps-script/services/spreadsheet';
import { BENCH_TIME_ZONE } from './stack';

export const PROBE_BUNDLE_DIR = fileURLToPath(new URL('./probe', import.meta.url));

export interface WallClockProbe {
  method: 'setValues (one block)' | 'appendRow (one per row)';
  rows: number;
  columns: number;
  wallMs: number;
  msPer1000Rows: number;
}

function time(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

export function probeWallClock(options: { blockRows?: number; appendRows?: number; columns?: number } = {}): WallClockProbe[] {
  const columns = options.columns ?? 12;
  const blockRows = options.blockRows ?? 10_000;
  const appendRows = options.appendRows ?? 2_000;
  const rt = createRuntime({ bundleDir: PROBE_BUNDLE_DIR, timeZone: BENCH_TIME_ZONE, workbook: new Workbook({ timeZone: BENCH_TIME_ZONE }) });
  // Warm the bundle and the runtime once, so the first timing is not the JIT's.
  rt.call('probeSetValues', ['warm-up', 100, columns]);
  const block = time(() => rt.call('probeSetValues', ['block', blockRows, columns]));
  const append = time(() => rt.call('probeAppendRows', ['append', appendRows, columns]));
  return [
    { method: 'setValues (one block)', rows: blockRows, columns, wallMs: block, msPer1000Rows: (block / blockRows) * 1000 },
    { method: 'appendRow (one per row)', rows: appendRows, columns, wallMs: append, msPer1000Rows: (append / appendRows) * 1000 },
  ];
}
