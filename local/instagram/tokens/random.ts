// Deterministic randomness for the Platform half: same seed and same sequence of draws, same values.
// Used for token and code strings and for fault decisions, never Math.random.

/** FNV-1a over a string: a stable 32-bit hash used to derive independent streams from one seed. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A uniform number in [0, 1) for (seed, stream, n): the n-th draw of a named stream. */
export function unitDraw(seed: number, stream: string, n: number): number {
  let t = (hash32(`${seed}:${stream}:${n}`) + 0x6d2b79f5) >>> 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `length` characters of [A-Za-z0-9] drawn from (seed, stream). */
export function randomChars(seed: number, stream: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += ALPHABET[Math.floor(unitDraw(seed, stream, i) * ALPHABET.length)];
  return out;
}
