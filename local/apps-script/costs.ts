// What service calls cost in virtual time: the one table of figures, and the model that charges the
// runtime's virtual clock on every counted service call (LocalPlatform.enter) and at the start of
// every execution. Without it a run of thousands of Sheets and Properties calls took 0 ms, and the
// 6-minute, 30-second and daily trigger-runtime limits were reached only through network latency.
//
// Google publishes no per-call times. The defaults come from the public measurements collected in
// /work/shared/reference/apps-script.md §7.1 (each figure names its source); figures no
// measurement backs are marked `guess: true`. docs/local-platform.md lists them all.
import { CallCounter } from './platform';

export interface CallCost {
  /** Virtual milliseconds per call. */
  perCall: number;
  /** Virtual milliseconds per unit (see `unit`). */
  perUnit: number;
  /** What perUnit counts. */
  unit: string;
  /** Where the figures come from. */
  source: string;
  /** True when no public measurement backs the figures. */
  guess: boolean;
}

export type CostName =
  | 'startup'
  | 'sheetsRead'
  | 'sheetsLookup'
  | 'sheetsWrite'
  | 'sheetsFlush'
  | 'propertiesGet'
  | 'propertiesSet'
  | 'cacheGet'
  | 'cachePut'
  | 'cacheRemove'
  | 'lockAcquire'
  | 'lockRelease'
  | 'urlFetch'
  | 'chartsRender';

export type CostTable = Record<CostName, CallCost>;

// How the Sheets figures were derived (reference §7 and §7.1), with W = write call, w = per written
// cell, F = flush call, f = per pending cell, L = a lookup call such as Range.offset:
//   (1) one setValues of 4,000 cells takes < 50 ms without flush:   W + 4000w ≈ 45
//   (2) the same with a flush() takes 610 ms:                       W + 4000w + F + 4000f ≈ 610
//   (3) setValues of a 10-cell row + flush(), 400 rows: ~12 s:      400 (W + 10w + F + 10f) ≈ 12,000
//   (4) Google's best-practice example, a 100 x 100 loop of offset().setBackground() with a
//       flush() per row: ~70 s:                                     10,000 (L + W + w) + 100 (F + 100f) ≈ 70,000
// With W = 5 and w = 0.01: f ≈ 0.135, F ≈ 23.5, L ≈ 1.6.
export const DEFAULT_COSTS: CostTable = {
  startup: {
    perCall: 150,
    perUnit: 250,
    unit: 'library in the manifest',
    source:
      'guess: no public measurement. Every execution (custom functions included) loads the script and its libraries, which "add latency" (reference §7.1, Custom functions guide, Editor add-on best practices)',
    guess: true,
  },
  sheetsRead: {
    perCall: 10,
    perUnit: 0.002,
    unit: 'cell read',
    source: 'guess: every getValues is a round trip to the Sheets backend (Apps Script best practices), but no public time per read',
    guess: true,
  },
  sheetsLookup: {
    perCall: 1.5,
    perUnit: 0,
    unit: '-',
    source: "derived from Google's best-practice example (100 x 100 offset().setBackground() loop, ~70 s), see (4) above",
    guess: false,
  },
  sheetsWrite: {
    perCall: 5,
    perUnit: 0.01,
    unit: 'cell written',
    source: 'derived: one setValues of 4,000 cells < 50 ms without flush (community experiment) and the ~70 s best-practice example, see (1) and (4) above',
    guess: false,
  },
  sheetsFlush: {
    perCall: 23.5,
    perUnit: 0.135,
    unit: 'cell written since the last flush or read',
    source: 'derived: 4,000 cells 610 ms with flush vs < 50 ms without; flush() per row of 400 rows ~12 s (community experiment), see (2) and (3) above',
    guess: false,
  },
  propertiesGet: {
    perCall: 32,
    perUnit: 0,
    unit: '-',
    source: 'ziritione.org "Google Apps Script APIs performance" (100 runs): getProperty min 20, avg 30-34, max 84 ms. getProperties and getKeys: guess, same as getProperty',
    guess: false,
  },
  propertiesSet: {
    perCall: 63,
    perUnit: 0,
    unit: '-',
    source: 'ziritione.org (100 runs): setProperty min 43, avg 62-64, max 204-231 ms. setProperties, deleteProperty, deleteAllProperties: guess, same as setProperty',
    guess: false,
  },
  cacheGet: {
    perCall: 3.5,
    perUnit: 0,
    unit: '-',
    source: 'ziritione.org: CacheService get avg 3-4 ms. getAll: guess, same as get',
    guess: false,
  },
  cachePut: {
    perCall: 92,
    perUnit: 0,
    unit: '-',
    source: 'ziritione.org: CacheService put avg ~92 ms (justin.poehnelt.com "Storage Wars" measured ~63 ms for a 100-byte write + read). putAll: guess, same as put',
    guess: false,
  },
  cacheRemove: {
    perCall: 92,
    perUnit: 0,
    unit: '-',
    source: 'guess: a write to the cache, like put',
    guess: true,
  },
  lockAcquire: {
    perCall: 50,
    perUnit: 0,
    unit: '-',
    source: 'guess: no public measurement of tryLock/waitLock when the lock is free (waiting for a held lock is modelled separately)',
    guess: true,
  },
  lockRelease: {
    perCall: 20,
    perUnit: 0,
    unit: '-',
    source: 'guess: no public measurement of releaseLock',
    guess: true,
  },
  urlFetch: {
    perCall: 50,
    perUnit: 5,
    unit: 'request (fetchAll sends several)',
    source: "guess: Apps Script's own overhead per fetch, on top of the network latency the LocalNetwork adds; no public measurement",
    guess: true,
  },
  chartsRender: {
    perCall: 300,
    perUnit: 0,
    unit: '-',
    source: 'guess: Chart.getAs / getBlob renders the chart to an image on Google\'s servers; no public measurement',
    guess: true,
  },
};

/**
 * The runtime's cost setting: true (default) for DEFAULT_COSTS, false for the old 0-ms calls, or
 * figures to change (the rest stay the defaults).
 */
export type CostSettings = boolean | { [K in CostName]?: Partial<Pick<CallCost, 'perCall' | 'perUnit'>> };

export function resolveCosts(settings: CostSettings | undefined): CostTable | null {
  if (settings === false) return null;
  if (settings === undefined || settings === true) return DEFAULT_COSTS;
  const table = { ...DEFAULT_COSTS };
  for (const [name, change] of Object.entries(settings) as [CostName, Partial<CallCost>][]) {
    if (!(name in DEFAULT_COSTS)) throw new Error(`costs: unknown figure "${name}"; known: ${Object.keys(DEFAULT_COSTS).join(', ')}`);
    table[name] = { ...DEFAULT_COSTS[name], ...change, source: 'set by the test or tool that created the runtime', guess: DEFAULT_COSTS[name].guess };
  }
  return table;
}

/** What a service call tells the platform about itself, beyond its name. */
export interface CallDetail {
  /** Spreadsheet calls: 'free' (menus, flush), 'read' or 'write'. */
  access?: 'free' | 'read' | 'write';
  /** Spreadsheet calls: cells whose data the call reads or writes (a read that sets it commits pending writes). */
  cells?: number;
  /** Other calls: units of the figure (requests of a fetchAll). */
  units?: number;
}

/** Only these classes cost Sheets time; builders, menus and chart objects are local objects. */
const SHEETS_CLASSES = new Set(['SpreadsheetApp', 'Spreadsheet', 'Sheet', 'Range']);

const BY_METHOD: Record<string, Record<string, CostName>> = {
  Properties: {
    getProperty: 'propertiesGet', getProperties: 'propertiesGet', getKeys: 'propertiesGet',
    setProperty: 'propertiesSet', setProperties: 'propertiesSet', deleteProperty: 'propertiesSet', deleteAllProperties: 'propertiesSet',
  },
  Cache: { get: 'cacheGet', getAll: 'cacheGet', put: 'cachePut', putAll: 'cachePut', remove: 'cacheRemove', removeAll: 'cacheRemove' },
  Lock: { tryLock: 'lockAcquire', waitLock: 'lockAcquire', releaseLock: 'lockRelease' },
  UrlFetchApp: { fetch: 'urlFetch', fetchAll: 'urlFetch' },
  // Building a standalone chart is local (0 ms); every rendering of one costs.
  Chart: { getAs: 'chartsRender', getBlob: 'chartsRender' },
};

interface ExecutionCosts {
  /** Cells written since the last flush or data read (Sheets buffers writes). */
  pending: number;
  /** Fractions of a millisecond not yet put on the clock (the clock counts whole ms). */
  carry: number;
}

/** Charges one runtime's calls; figures from a CostTable, time spent recorded per Service.method. */
export class CostModel {
  /** Virtual ms charged, by "Service.method" ("Script.startup" for start-ups). */
  readonly spent = new CallCounter();
  private readonly perExecution = new WeakMap<object, ExecutionCosts>();

  constructor(
    readonly table: CostTable,
    /** Libraries in the manifest (dependencies.libraries): each loads at every start-up. */
    readonly libraries = 0,
  ) {}

  /** Whole virtual ms to put on the clock at the start of an execution. */
  startup(execution: object): number {
    const { perCall, perUnit } = this.table.startup;
    return this.whole(execution, 'Script', 'startup', perCall + perUnit * this.libraries);
  }

  /** Whole virtual ms one call costs (0 for calls the table has no figure for). */
  call(execution: object, service: string, method: string, detail: CallDetail = {}): number {
    return this.whole(execution, service, method, this.exactCost(execution, service, method, detail));
  }

  private exactCost(execution: object, service: string, method: string, detail: CallDetail): number {
    const t = this.table;
    if (SHEETS_CLASSES.has(service) && detail.access !== undefined) {
      const state = this.stateOf(execution);
      const commit = () => {
        const ms = state.pending > 0 || method === 'flush' ? t.sheetsFlush.perCall + t.sheetsFlush.perUnit * state.pending : 0;
        state.pending = 0;
        return ms;
      };
      if (service === 'SpreadsheetApp' && method === 'flush') return commit();
      if (detail.access === 'free') return 0;
      if (detail.access === 'write') {
        const cells = detail.cells ?? 0;
        state.pending += cells;
        return t.sheetsWrite.perCall + t.sheetsWrite.perUnit * cells;
      }
      // Reading data first commits pending writes (best practices: alternating reads and writes is slow).
      if (detail.cells !== undefined) return commit() + t.sheetsRead.perCall + t.sheetsRead.perUnit * detail.cells;
      return t.sheetsLookup.perCall;
    }
    const name = BY_METHOD[service]?.[method];
    if (!name) return 0;
    const units = name === 'urlFetch' ? (detail.units ?? 1) : (detail.units ?? 0);
    return t[name].perCall + t[name].perUnit * units;
  }

  /** Extra units of a call already charged per call (fetchAll learns its size after entering). */
  units(execution: object, service: string, method: string, units: number): number {
    const name = BY_METHOD[service]?.[method];
    if (!name || units <= 0) return 0;
    return this.whole(execution, service, method, this.table[name].perUnit * units);
  }

  private whole(execution: object, service: string, method: string, exact: number): number {
    if (exact <= 0) return 0;
    const state = this.stateOf(execution);
    const total = exact + state.carry;
    const ms = Math.floor(total);
    state.carry = total - ms;
    if (ms > 0) this.spent.add(service, method, ms);
    return ms;
  }

  private stateOf(execution: object): ExecutionCosts {
    let state = this.perExecution.get(execution);
    if (!state) this.perExecution.set(execution, (state = { pending: 0, carry: 0 }));
    return state;
  }
}
