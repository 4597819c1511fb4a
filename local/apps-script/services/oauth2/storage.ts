// Token storage as library version 43 (src/Storage.js) does it: keys "oauth2.<service>" for the token
// and "oauth2.<service>.<key>" for other values, looked up in memory, then the cache (6-hour TTL),
// then the property store (optional). A miss is remembered as the string "__NULL__": in memory as is,
// in the cache JSON-encoded ('"__NULL__"'), so a property written outside the library stays unseen
// until the cache entry expires.

export const STORAGE_PREFIX = 'oauth2.';
export const CACHE_TTL_SECONDS = 21_600;
export const CACHE_NULL_VALUE = '__NULL__';

export interface PropertyStore {
  getProperty(key: string): string | null;
  setProperty(key: string, value: string): unknown;
  deleteProperty(key: string): unknown;
  getProperties(): Record<string, string>;
}

export interface CacheStore {
  get(key: string): string | null;
  put(key: string, value: string, ttlSeconds?: number): unknown;
  remove(key: string): unknown;
}

export class Storage {
  /** Parsed values by prefixed key: getValue hands out the same object each time, as the library does. */
  private memory = new Map<string, unknown>();

  constructor(
    private readonly prefix: string,
    private readonly properties: PropertyStore | undefined,
    private readonly cache: CacheStore | undefined,
  ) {}

  /** key null (or empty) is the token itself. Falsy values are never memory or cache hits (truthiness checks). */
  getValue(key: string | null, skipMemoryCheck?: boolean): unknown {
    const prefixedKey = this.prefixedKey(key);
    if (!skipMemoryCheck) {
      const value = this.memory.get(prefixedKey);
      if (value) return value === CACHE_NULL_VALUE ? null : value;
    }
    const cached = this.cache?.get(prefixedKey);
    if (cached) {
      const value = JSON.parse(cached);
      this.memory.set(prefixedKey, value);
      return value === CACHE_NULL_VALUE ? null : value;
    }
    const stored = this.properties?.getProperty(prefixedKey);
    if (stored) {
      this.cache?.put(prefixedKey, stored, CACHE_TTL_SECONDS);
      const value = JSON.parse(stored);
      this.memory.set(prefixedKey, value);
      return value;
    }
    this.memory.set(prefixedKey, CACHE_NULL_VALUE);
    this.cache?.put(prefixedKey, JSON.stringify(CACHE_NULL_VALUE), CACHE_TTL_SECONDS);
    return null;
  }

  setValue(key: string | null, value: unknown): void {
    const prefixedKey = this.prefixedKey(key);
    const json = JSON.stringify(value);
    this.properties?.setProperty(prefixedKey, json);
    this.cache?.put(prefixedKey, json, CACHE_TTL_SECONDS);
    this.memory.set(prefixedKey, value);
  }

  removeValue(key: string | null): void {
    this.removePrefixed(this.prefixedKey(key));
  }

  /**
   * Removes the token and every value under this service's prefix found in the property store (only
   * the memory's keys without one); cached misses of absent keys stay, as in the library.
   */
  reset(): void {
    const prefix = this.prefixedKey(null);
    let keys = [...this.memory.keys()];
    if (this.properties) keys = Object.keys(this.properties.getProperties()).filter((k) => k === prefix || k.startsWith(`${prefix}.`));
    for (const key of keys) this.removePrefixed(key);
  }

  private removePrefixed(prefixedKey: string): void {
    this.properties?.deleteProperty(prefixedKey);
    this.cache?.remove(prefixedKey);
    this.memory.delete(prefixedKey);
  }

  private prefixedKey(key: string | null): string {
    return key ? `${this.prefix}.${key}` : this.prefix;
  }
}
