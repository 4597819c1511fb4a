// Measures a stretch of virtual time on a stack: marks where every source stands (service counters,
// network, the simulator's request log, executions, per-tab writes, property keys, the real clock),
// then reports the difference. Setup done before the mark is not counted.
import { performance } from 'node:perf_hooks';
import type { RequestLogEntry } from '../instagram/handler';
import type { Stack } from '../platform/stack';
import { summarizeMetaCalls } from '../simulate/meta-calls';
import { countsBetween, groupTotal } from '../simulate/service-calls';
import type { Figures } from './figures';
import { writesBetween, type MeteredWorkbook, type WriteTally } from './metered-workbook';
import { PropertyTrace } from './property-trace';

export interface Mark {
  counters: Record<string, number>;
  network: { calls: number; roundTrips: number };
  lastSeq: number;
  executions: number;
  writes: WriteTally;
  properties: Record<string, number>;
  wall: number;
}

export class Meter {
  private readonly trace: PropertyTrace;

  constructor(
    readonly stack: Stack,
    readonly workbook: MeteredWorkbook,
  ) {
    if (stack.rt.workbook !== workbook) throw new Error('Meter: start the stack with this MeteredWorkbook (runtime.workbook)');
    this.trace = new PropertyTrace(stack.rt.properties);
  }

  private async log(): Promise<RequestLogEntry[]> {
    return (await this.stack.control('log')) as RequestLogEntry[];
  }

  async mark(): Promise<Mark> {
    const log = await this.log();
    return {
      counters: this.stack.rt.counters.snapshot(),
      network: { ...this.stack.network.stats },
      lastSeq: log.length ? log[log.length - 1].seq : 0,
      executions: this.stack.rt.executions.length,
      writes: this.workbook.writes(),
      properties: this.trace.snapshot().byKey,
      wall: performance.now(),
    };
  }

  /** What happened since the mark. The real time counts up to this call, minus the log read. */
  async since(mark: Mark): Promise<Figures> {
    const wall = performance.now() - mark.wall;
    const { rt, network } = this.stack;
    const counts = countsBetween(mark.counters, rt.counters.snapshot());
    const entries = (await this.log()).filter((e) => e.seq > mark.lastSeq);
    const meta = summarizeMetaCalls(entries);
    const executions = rt.executions.slice(mark.executions);
    const tabs = writesBetween(mark.writes, this.workbook.writes());
    return {
      metaCalls: meta.calls,
      metaByEndpoint: meta.byEndpoint,
      metaErrors: meta.failedCalls,
      httpRequests: network.stats.calls - mark.network.calls,
      roundTrips: network.stats.roundTrips - mark.network.roundTrips,
      rangeWrites: groupTotal(counts, 'rangeWrites'),
      rangeWritesByTab: tabs,
      rowsWritten: Object.values(tabs).reduce((s, t) => s + t.rows, 0),
      propertyWrites: groupTotal(counts, 'propertyWrites'),
      propertyWritesByKey: countsBetween(mark.properties, this.trace.snapshot().byKey),
      propertyReads: groupTotal(counts, 'propertyReads'),
      lockCalls: groupTotal(counts, 'lock'),
      executions: executions.length,
      failedExecutions: executions.filter((e) => e.outcome === 'failed').length,
      executionErrors: executions.filter((e) => e.error).map((e) => `${e.function}: ${e.error}`),
      virtualMs: executions.reduce((s, e) => s + e.duration, 0),
      wallMs: wall,
      firstExecutionAt: executions.length ? executions[0].start : null,
      serviceCalls: counts,
    };
  }
}
