// Counted windows as stored in properties: call counts per time bucket, plus pauses, lowered limits, the
// permits running executions hold and the executions waiting for them, and (for an account) the views or
// reach its day's budget comes from.
// Pure functions over small JSON values; expired entries are dropped on every read, so a value stays well
// under the 9 KB a property may hold (an account: at most 62 minute buckets and 26 hour buckets).

export type Buckets = [number, number][];

export interface WindowSpec {
  windowMs: number;
  bucketMs: number;
  /** A fixed window (a clock hour): a bucket counts until its own end, not a window after it. */
  fixed?: boolean;
}

const HOUR = 3_600_000;
/** A rolling hour in minute buckets (Meta's Platform limits). */
export const HOUR_WINDOW: WindowSpec = { windowMs: HOUR, bucketMs: 60_000 };
/**
 * The clock hour: an account's own hourly share of its day. Clock hours, not a rolling hour, so that the
 * hourly trigger finds a fresh share at each tick instead of the last tick's calls still counted.
 */
export const CLOCK_HOUR_WINDOW: WindowSpec = { windowMs: HOUR, bucketMs: HOUR, fixed: true };
/** A rolling 24 hours in hour buckets (Meta's Business Use Case limit). */
export const DAY_WINDOW: WindowSpec = { windowMs: 24 * HOUR, bucketMs: HOUR };

/** Why calls are paused: Meta's Business Use Case (daily) limit, or another of Meta's rate limits. */
export type PauseCause = 'daily' | 'meta';

/** The figure an account's day budget comes from: its latest day of views (or reach) as Instagram reported it. */
export interface AudienceFigure {
  /** The number. */
  n: number;
  /** Which metric. */
  m: 'views' | 'reach';
  /** End of the day it counts (epoch ms). */
  d: number;
}

/** [holder, permits it held unused when it last wrote, when its lease ends (epoch ms)]. */
export type HoldEntry = [string, number, number];

/** [execution waiting for permits others hold, until when it waits (epoch ms)]. */
export type WantEntry = [string, number];

export interface CounterState {
  /** The primary window: [bucket index (epoch ms / bucketMs), calls] oldest first. */
  b: Buckets;
  /** An account's rolling 24 hours. */
  d?: Buckets;
  /** Paused until (epoch ms), and why. */
  p?: number;
  pr?: PauseCause;
  /** Lowered limit of `b`, and until when it holds (epoch ms). */
  l?: number;
  lu?: number;
  /** Lowered limit of `d`, and until when. */
  dl?: number;
  dlu?: number;
  /** Permits reserved by running executions and not yet given back. */
  h?: HoldEntry[];
  /** Executions waiting for permits others hold: a holder whose run ends gives its unused ones back at once. */
  w?: WantEntry[];
  /** An account's latest views or reach. */
  f?: AudienceFigure;
}

export function emptyCounter(): CounterState {
  return { b: [] };
}

function bucketsOf(value: unknown): Buckets {
  return Array.isArray(value) ? value.filter((e) => Array.isArray(e) && e.length === 2 && e.every(Number.isFinite)) as Buckets : [];
}

function figureOf(value: unknown): AudienceFigure | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const f = value as Partial<AudienceFigure>;
  return Number.isFinite(f.n) && Number.isFinite(f.d) && (f.m === 'views' || f.m === 'reach') ? { n: f.n as number, m: f.m, d: f.d as number } : undefined;
}

function holdsOf(value: unknown): HoldEntry[] {
  return Array.isArray(value)
    ? value.filter((e) => Array.isArray(e) && e.length === 3 && typeof e[0] === 'string' && Number.isFinite(e[1]) && Number.isFinite(e[2])) as HoldEntry[]
    : [];
}

function wantsOf(value: unknown): WantEntry[] {
  return Array.isArray(value)
    ? value.filter((e) => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string' && Number.isFinite(e[1])) as WantEntry[]
    : [];
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** A stored value, tolerant of garbage (a hand-edited or truncated property starts afresh). */
export function parseCounter(raw: string | null): CounterState {
  if (!raw) return emptyCounter();
  let value: Record<string, unknown>;
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return emptyCounter();
    value = parsed as Record<string, unknown>;
  } catch {
    return emptyCounter();
  }
  const state: CounterState = { b: bucketsOf(value.b) };
  if (value.d !== undefined) state.d = bucketsOf(value.d);
  for (const key of ['p', 'l', 'lu', 'dl', 'dlu'] as const) {
    const n = num(value[key]);
    if (n !== undefined) state[key] = n;
  }
  if (value.pr === 'daily' || value.pr === 'meta') state.pr = value.pr;
  const holds = holdsOf(value.h);
  if (holds.length) state.h = holds;
  const wants = wantsOf(value.w);
  if (wants.length) state.w = wants;
  const figure = figureOf(value.f);
  if (figure) state.f = figure;
  return state;
}

/**
 * Calls in a bucket count until the bucket's end plus the window (never earlier than Meta forgets them),
 * in a fixed window until the bucket's end.
 */
export function bucketExpiresAt(spec: WindowSpec, index: number): number {
  return (index + 1) * spec.bucketMs + (spec.fixed ? 0 : spec.windowMs);
}

export function pruneBuckets(spec: WindowSpec, buckets: Buckets, now: number): Buckets {
  const kept: Buckets = [];
  for (const [index, calls] of buckets) {
    // A rolling hour's minute bucket stored by an earlier version where clock hours are kept now: counted
    // in the current hour while it would still have counted.
    if (spec.fixed && index * spec.bucketMs > now + spec.windowMs) {
      if ((index + 1) * 60_000 + HOUR > now) addCalls(kept, bucketOf(spec, now), calls);
      continue;
    }
    if (calls > 0 && bucketExpiresAt(spec, index) > now) addCalls(kept, index, calls);
  }
  return kept;
}

/** The buckets a call made between `from` and `to` may fall in: the one of `to` for a rolling window, each one touched for a fixed one. */
export function bucketsBetween(spec: WindowSpec, from: number, to: number): number[] {
  if (!spec.fixed) return [bucketOf(spec, to)];
  const out: number[] = [];
  for (let i = bucketOf(spec, from); i <= bucketOf(spec, to); i++) out.push(i);
  return out;
}

/** The state without expired buckets, pauses, lowerings or holds. `spec`: the spec of `b`; `day`: the spec of `d`, when the state has one. */
export function pruneCounter(spec: WindowSpec, state: CounterState, now: number, day: WindowSpec = DAY_WINDOW): CounterState {
  const next: CounterState = { b: pruneBuckets(spec, state.b, now) };
  if (state.d) next.d = pruneBuckets(day, state.d, now);
  if (state.p !== undefined && state.p > now) {
    next.p = state.p;
    if (state.pr) next.pr = state.pr;
  }
  if (state.l !== undefined && state.lu !== undefined && state.lu > now) {
    next.l = state.l;
    next.lu = state.lu;
  }
  if (state.dl !== undefined && state.dlu !== undefined && state.dlu > now) {
    next.dl = state.dl;
    next.dlu = state.dlu;
  }
  const holds = (state.h ?? []).filter(([, left, leaseEnd]) => left > 0 && leaseEnd > now);
  if (holds.length) next.h = holds.map((h) => [...h] as HoldEntry);
  const wants = (state.w ?? []).filter(([, until]) => until > now);
  if (wants.length) next.w = wants.map((w) => [...w] as WantEntry);
  if (state.f) next.f = { ...state.f };
  return next;
}

export function used(buckets: Buckets): number {
  return buckets.reduce((sum, [, calls]) => sum + calls, 0);
}

export function bucketOf(spec: WindowSpec, time: number): number {
  return Math.floor(time / spec.bucketMs);
}

/** Adds (or, with a negative count, returns) calls to a bucket; never below zero. */
export function addCalls(buckets: Buckets, index: number, calls: number): void {
  const entry = buckets.find(([i]) => i === index);
  if (entry) entry[1] = Math.max(0, entry[1] + calls);
  else if (calls > 0) {
    buckets.push([index, calls]);
    buckets.sort((a, b) => a[0] - b[0]);
  }
}

/** When `needed` more calls fit under `limit`, as old buckets expire. */
export function freeAt(spec: WindowSpec, buckets: Buckets, limit: number, needed: number, now: number): number {
  let total = used(buckets);
  if (total + needed <= limit) return now;
  for (const [index, calls] of buckets) {
    total -= calls;
    if (total + needed <= limit) return bucketExpiresAt(spec, index);
  }
  return Number.POSITIVE_INFINITY;
}

/** Permits other executions hold unused (as far as the store knows), and the earliest end of their leases. */
export function heldByOthers(state: CounterState, holder: string, now: number): { permits: number; until: number } {
  let permits = 0;
  let until = Number.POSITIVE_INFINITY;
  for (const [who, left, leaseEnd] of state.h ?? []) {
    if (who === holder || left <= 0 || leaseEnd <= now) continue;
    permits += left;
    until = Math.min(until, leaseEnd);
  }
  return { permits, until };
}

/** Whether other executions wait for permits now (see WantEntry). */
export function wantedByOthers(state: CounterState, holder: string, now: number): boolean {
  return (state.w ?? []).some(([who, until]) => who !== holder && until > now);
}

/** Records (or, with 0, removes) that this execution waits for permits others hold, until `until`. */
export function setWant(state: CounterState, holder: string, until: number): void {
  const wants = state.w ?? [];
  const own = wants.find(([who]) => who === holder);
  // In place, so that looking again while waiting changes (and writes) nothing.
  if (own && until > 0) own[1] = until;
  const next = until > 0 ? (own ? wants : [...wants, [holder, until] as WantEntry]) : wants.filter(([who]) => who !== holder);
  if (next.length) state.w = next;
  else delete state.w;
}

/** Records (or, with 0, removes) this holder's unused permits. */
export function setHold(state: CounterState, holder: string, left: number, leaseEnd: number): void {
  const others = (state.h ?? []).filter(([who]) => who !== holder);
  if (left > 0) others.push([holder, left, leaseEnd]);
  if (others.length) state.h = others;
  else delete state.h;
}
