// In-memory ports for core tests: a key/value store that counts reads and writes, and a fake clock
// that records sleeps instead of waiting.
import type { Clock, KeyValueStore, Log } from '../../src/core/ports';

export class MemoryStore implements KeyValueStore {
  readonly data = new Map<string, string>();
  reads = 0;
  writes = 0;

  get(key: string): string | null {
    this.reads++;
    return this.data.get(key) ?? null;
  }
  getAll(): Record<string, string> {
    this.reads++;
    return Object.fromEntries(this.data);
  }
  set(key: string, value: string): void {
    this.writes++;
    this.data.set(key, value);
  }
  setAll(values: Record<string, string>): void {
    this.writes++;
    for (const [k, v] of Object.entries(values)) this.data.set(k, v);
  }
  delete(key: string): void {
    this.writes++;
    this.data.delete(key);
  }
}

export class FakeClock implements Clock {
  readonly sleeps: number[] = [];
  constructor(public ms: number) {}
  now(): number {
    return this.ms;
  }
  sleep(ms: number): void {
    this.sleeps.push(ms);
    this.ms += ms;
  }
}

/** A log that keeps its lines ("info: ..." / "warn: ...") for a test to read. */
export class ListLog implements Log {
  readonly lines: string[] = [];
  info(message: string): void {
    this.lines.push(`info: ${message}`);
  }
  warn(message: string): void {
    this.lines.push(`warn: ${message}`);
  }
}
