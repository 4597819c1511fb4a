// How values cross between the main thread and an execution worker: primitives as they are; Dates,
// arrays and plain data objects tagged; any object with behaviour (a service, a Range, a template)
// stays in the main thread and travels as a handle id. workers/execution-worker.mjs mirrors this.

export type Wire =
  | string
  | number
  | boolean
  | null
  | undefined
  | { t: 'date'; v: number }
  | { t: 'array'; v: Wire[] }
  | { t: 'object'; v: Record<string, Wire> }
  | { t: 'handle'; id: number };

export class HandleTable {
  private byId = new Map<number, object>();
  private ids = new Map<object, number>();
  private next = 1;

  idOf(value: object): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.next++;
      this.ids.set(value, id);
      this.byId.set(id, value);
    }
    return id;
  }

  get(id: number): any {
    const value = this.byId.get(id);
    if (value === undefined) throw new Error(`Unknown handle ${id} in a concurrent run`);
    return value;
  }
}

const isDate = (v: object) => Object.prototype.toString.call(v) === '[object Date]';

/** Plain data: an object literal (any realm) whose members are all data too. */
function isPlainData(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  if (proto !== null && Object.getPrototypeOf(proto) !== null) return false;
  if (proto !== null && proto.constructor?.name !== 'Object') return false;
  return Object.getOwnPropertyNames(value).every((k) => typeof (value as Record<string, unknown>)[k] !== 'function');
}

export function encode(value: unknown, handles: HandleTable): Wire {
  if (value === null || value === undefined || typeof value !== 'object') {
    if (typeof value === 'function') return { t: 'handle', id: handles.idOf(value) };
    if (typeof value === 'bigint' || typeof value === 'symbol') return String(value);
    return value as Wire;
  }
  if (isDate(value)) return { t: 'date', v: (value as Date).getTime() };
  if (Array.isArray(value)) return { t: 'array', v: value.map((v) => encode(v, handles)) };
  if (isPlainData(value)) return { t: 'object', v: Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v, handles)])) };
  return { t: 'handle', id: handles.idOf(value) };
}

export function decode(wire: Wire, handles: HandleTable): any {
  if (wire === null || typeof wire !== 'object') return wire;
  switch (wire.t) {
    case 'date':
      return new Date(wire.v);
    case 'array':
      return wire.v.map((v) => decode(v, handles));
    case 'object':
      return Object.fromEntries(Object.entries(wire.v).map(([k, v]) => [k, decode(v, handles)]));
    case 'handle':
      return handles.get(wire.id);
  }
}
