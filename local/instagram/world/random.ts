// Deterministic randomness for the World: a hash of (seed, keys) gives the same number on every run,
// so any item (a day, a post, a comment) can be generated on its own without replaying a sequence.

/** 32-bit FNV-1a over a string. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32 step: a small, well-mixed PRNG. */
function mix(state: number): number {
  let t = (state + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** A number in [0, 1) fixed by the seed and the keys. */
export function unit(seed: number, ...keys: (string | number)[]): number {
  return mix(fnv1a(`${seed}|${keys.join('|')}`));
}

/** An integer in [min, max] fixed by the seed and the keys. */
export function intBetween(min: number, max: number, seed: number, ...keys: (string | number)[]): number {
  return min + Math.floor(unit(seed, ...keys) * (max - min + 1));
}

/** A sequence generator for places where items are generated in order (e.g. a post's comments). */
export class Sequence {
  private state: number;
  constructor(seed: number, ...keys: (string | number)[]) {
    this.state = fnv1a(`${seed}|${keys.join('|')}`);
  }
  next(): number {
    this.state = (this.state + 0x9e3779b9) | 0;
    return mix(this.state);
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
}

/** Picks a key by relative weights, using u in [0, 1). */
export function weighted<K extends string>(weights: Partial<Record<K, number>>, u: number): K {
  const entries = Object.entries(weights) as [K, number][];
  const total = entries.reduce((s, [, w]) => s + Math.max(0, w), 0);
  let x = u * total;
  for (const [k, w] of entries) {
    x -= Math.max(0, w);
    if (x < 0) return k;
  }
  return entries[entries.length - 1][0];
}
