// One counted window, as stored in a property: call counts per time bucket, plus a pause and a lowered
// limit. Pure functions over a small JSON value; expired buckets are dropped on every read, so the
// value stays well under the 9 KB a property may hold (at most window/bucket + a few entries).

export interface MeterSpec {
  /** Property key, e.g. "sheetgram.quota.account.1784...". */
  key: string;
  /** Calls allowed per window; null: counted, not limited. */
  limit: number | null;
  windowMs: number;
  bucketMs: number;
}

export interface MeterState {
  /** [bucket index (epoch ms / bucketMs), calls] oldest first. */
  b: [number, number][];
  /** Paused until (epoch ms). */
  p?: number;
  /** Lowered limit, and until when it holds (epoch ms). */
  l?: number;
  lu?: number;
}

export function emptyMeter(): MeterState {
  return { b: [] };
}

/** A stored value, tolerant of garbage (a hand-edited or truncated property starts afresh). */
export function parseMeter(raw: string | null): MeterState {
  if (!raw) return emptyMeter();
  try {
    const value = JSON.parse(raw) as Partial<MeterState>;
    const buckets = Array.isArray(value.b) ? value.b.filter((e) => Array.isArray(e) && e.length === 2 && e.every(Number.isFinite)) : [];
    return { ...value, b: buckets as [number, number][] };
  } catch {
    return emptyMeter();
  }
}

/** Calls in a bucket count until the bucket's end plus the window: never earlier than Meta forgets them. */
function bucketExpiresAt(spec: MeterSpec, index: number): number {
  return (index + 1) * spec.bucketMs + spec.windowMs;
}

/** The state without expired buckets, pause or lowering. */
export function prune(spec: MeterSpec, state: MeterState, now: number): MeterState {
  const next: MeterState = { b: state.b.filter(([index, calls]) => calls > 0 && bucketExpiresAt(spec, index) > now) };
  if (state.p !== undefined && state.p > now) next.p = state.p;
  if (state.l !== undefined && state.lu !== undefined && state.lu > now) {
    next.l = state.l;
    next.lu = state.lu;
  }
  return next;
}

export function used(state: MeterState): number {
  return state.b.reduce((sum, [, calls]) => sum + calls, 0);
}

export function effectiveLimit(spec: MeterSpec, state: MeterState, now: number): number {
  const base = spec.limit ?? Infinity;
  return state.l !== undefined && state.lu !== undefined && state.lu > now ? Math.min(base, state.l) : base;
}

export function bucketOf(spec: MeterSpec, time: number): number {
  return Math.floor(time / spec.bucketMs);
}

/** Adds (or, with a negative count, returns) calls to a bucket; never below zero. */
export function addCalls(state: MeterState, index: number, calls: number): void {
  const entry = state.b.find(([i]) => i === index);
  if (entry) entry[1] = Math.max(0, entry[1] + calls);
  else if (calls > 0) {
    state.b.push([index, calls]);
    state.b.sort((a, b) => a[0] - b[0]);
  }
}

/** When `needed` more calls fit under `limit`, as old buckets expire. */
export function freeAt(spec: MeterSpec, state: MeterState, limit: number, needed: number, now: number): number {
  let total = used(state);
  for (const [index, calls] of state.b) {
    if (total + needed <= limit) break;
    total -= calls;
    if (total + needed <= limit) return bucketExpiresAt(spec, index);
  }
  return total + needed <= limit ? now : Number.POSITIVE_INFINITY;
}
