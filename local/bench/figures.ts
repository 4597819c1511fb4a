// The figures the bench reports for a stretch of virtual time, and how two stretches add up.
import type { TabWrites } from './metered-workbook';

export interface Figures {
  /** API calls as Meta counts them (batch operations one each), from the simulator's request log. */
  metaCalls: number;
  metaByEndpoint: Record<string, number>;
  /** Calls Meta answered with an error status. */
  metaErrors: number;
  /** HTTP requests sent (UrlFetch requests; a fetchAll of n counts n). */
  httpRequests: number;
  /** Network round trips (a fetchAll is one). */
  roundTrips: number;
  /** Range.setValues + Range.setValue + Sheet.appendRow. */
  rangeWrites: number;
  rangeWritesByTab: Record<string, TabWrites>;
  rowsWritten: number;
  /** Properties.setProperty + setProperties + deleteProperty (+ deleteAllProperties). */
  propertyWrites: number;
  /** The same writes by the keys they changed (diagnostic). */
  propertyWritesByKey: Record<string, number>;
  propertyReads: number;
  lockCalls: number;
  executions: number;
  failedExecutions: number;
  executionErrors: string[];
  /** Sum of the executions' durations on the virtual clock. */
  virtualMs: number;
  /** Real time the local platform took for these executions. */
  wallMs: number;
  /** Virtual time (epoch ms) the first execution started; null when none ran. */
  firstExecutionAt: number | null;
  serviceCalls: Record<string, number>;
}

export function emptyFigures(): Figures {
  return {
    metaCalls: 0, metaByEndpoint: {}, metaErrors: 0, httpRequests: 0, roundTrips: 0, rangeWrites: 0, rangeWritesByTab: {}, rowsWritten: 0,
    propertyWrites: 0, propertyWritesByKey: {}, propertyReads: 0, lockCalls: 0, executions: 0, failedExecutions: 0, executionErrors: [],
    virtualMs: 0, wallMs: 0, firstExecutionAt: null, serviceCalls: {},
  };
}

function addRecords(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
  return out;
}

function addTabs(a: Record<string, TabWrites>, b: Record<string, TabWrites>): Record<string, TabWrites> {
  const out: Record<string, TabWrites> = Object.fromEntries(Object.entries(a).map(([k, t]) => [k, { ...t }]));
  for (const [k, t] of Object.entries(b)) {
    const o = out[k] ?? { name: t.name, writes: 0, rows: 0, cells: 0 };
    out[k] = { name: t.name, writes: o.writes + t.writes, rows: o.rows + t.rows, cells: o.cells + t.cells };
  }
  return out;
}

export function addFigures(a: Figures, b: Figures): Figures {
  return {
    metaCalls: a.metaCalls + b.metaCalls,
    metaByEndpoint: addRecords(a.metaByEndpoint, b.metaByEndpoint),
    metaErrors: a.metaErrors + b.metaErrors,
    httpRequests: a.httpRequests + b.httpRequests,
    roundTrips: a.roundTrips + b.roundTrips,
    rangeWrites: a.rangeWrites + b.rangeWrites,
    rangeWritesByTab: addTabs(a.rangeWritesByTab, b.rangeWritesByTab),
    rowsWritten: a.rowsWritten + b.rowsWritten,
    propertyWrites: a.propertyWrites + b.propertyWrites,
    propertyWritesByKey: addRecords(a.propertyWritesByKey, b.propertyWritesByKey),
    propertyReads: a.propertyReads + b.propertyReads,
    lockCalls: a.lockCalls + b.lockCalls,
    executions: a.executions + b.executions,
    failedExecutions: a.failedExecutions + b.failedExecutions,
    executionErrors: [...a.executionErrors, ...b.executionErrors],
    virtualMs: a.virtualMs + b.virtualMs,
    wallMs: a.wallMs + b.wallMs,
    firstExecutionAt: a.firstExecutionAt === null ? b.firstExecutionAt : b.firstExecutionAt === null ? a.firstExecutionAt : Math.min(a.firstExecutionAt, b.firstExecutionAt),
    serviceCalls: addRecords(a.serviceCalls, b.serviceCalls),
  };
}

export const sumFigures = (list: readonly Figures[]): Figures => list.reduce(addFigures, emptyFigures());
