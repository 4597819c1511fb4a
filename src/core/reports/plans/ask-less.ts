// Instagram's HTTP 500 "Please reduce the amount of data you're asking for" (reference §9.4): the same
// request fails again until it asks for less. Plans halve their page size (and nested limits) and ask
// again, down to a floor; what still fails at the floor is skipped on its own, with a log line.
import { isGraphError } from '../graph-contract';

/** The smallest page or nested list a plan shrinks to before it gives up on that request. */
export const ASK_LESS_FLOOR = 5;

export interface Shrunk<T> {
  value: T;
  /** The size that worked. */
  size: number;
  /** Whether Instagram asked for less at least once. */
  shrunk: boolean;
}

export function isTooMuchData(e: unknown): boolean {
  return isGraphError(e) && e.askLess === true;
}

/** The next smaller size after `size`, or null at the floor. */
export function smaller(size: number, floor = ASK_LESS_FLOOR): number | null {
  return size <= floor ? null : Math.max(floor, Math.floor(size / 2));
}

/**
 * Calls `call(size)`; each time Instagram says "reduce the amount of data", halves the size (never
 * below `floor`) and calls again. A refusal at the floor, and every other error, is thrown.
 */
export function shrinking<T>(size: number, call: (size: number) => T, floor = ASK_LESS_FLOOR): Shrunk<T> {
  let current = size;
  for (;;) {
    try {
      return { value: call(current), size: current, shrunk: current !== size };
    } catch (e) {
      const next = isTooMuchData(e) ? smaller(current, floor) : null;
      if (next === null) throw e;
      current = next;
    }
  }
}

/** The note a run writes once when it went on with smaller pages. */
export function smallerPagesNote(what: string, size: number): string {
  return `Instagram asked for less data at a time ("reduce the amount of data"): Sheetgram read ${what} ${size} at a time from there on.`;
}
