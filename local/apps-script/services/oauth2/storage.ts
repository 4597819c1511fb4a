// Token storage as the apps-script-oauth2 library documents it (reference §5.3): keys
// "oauth2.<service>" for the token and "oauth2.<service>.<key>" for other values, looked up in
// memory, then the cache (6-hour TTL), then the property store; a miss is cached as "__NULL__".

export const STORAGE_PREFIX = 'oauth2.';
export const CACHE_TTL_SECONDS = 21_600;
export const NULL_SENTINEL = '__NULL__';

export interface PropertyStore {
  getProperty(key: string): string | null;
  setProperty(key: string, value: string): unknown;
  deleteProperty(key: string): unknown;
  getKeys(): string[];
}

export interface CacheStore {
  get(key: string): string | null;
  put(key: string, value: string, ttlSeconds?: number): unknown;
  remove(key: string): unknown;
}

export class Storage {
  private memory = new Map<string, string>();

  constructor(
    private readonly prefix: string,
    private readonly properties: PropertyStore | undefined,
    private readonly cache: CacheStore | undefined,
  ) {}

  /** key null (or empty) is the token itself. */
  getValue(key: string | null, skipMemoryCheck?: boolean): unknown {
    const fullKey = this.fullKey(key);
    if (!skipMemoryCheck && this.memory.has(fullKey)) return this.parse(this.memory.get(fullKey)!);
    const cached = this.cache?.get(fullKey);
    if (cached !== null && cached !== undefined) {
      this.memory.set(fullKey, cached);
      return this.parse(cached);
    }
    const stored = this.requireProperties().getProperty(fullKey);
    const raw = stored ?? NULL_SENTINEL;
    this.cache?.put(fullKey, raw, CACHE_TTL_SECONDS);
    this.memory.set(fullKey, raw);
    return this.parse(raw);
  }

  setValue(key: string | null, value: unknown): void {
    const fullKey = this.fullKey(key);
    const raw = JSON.stringify(value);
    this.requireProperties().setProperty(fullKey, raw);
    this.cache?.put(fullKey, raw, CACHE_TTL_SECONDS);
    this.memory.set(fullKey, raw);
  }

  removeValue(key: string | null): void {
    const fullKey = this.fullKey(key);
    this.requireProperties().deleteProperty(fullKey);
    this.cache?.remove(fullKey);
    this.memory.delete(fullKey);
  }

  /** Removes the token and every value under this service's prefix. */
  reset(): void {
    const keys = this.requireProperties()
      .getKeys()
      .filter((k) => k === this.prefix || k.startsWith(`${this.prefix}.`));
    for (const key of keys) {
      this.requireProperties().deleteProperty(key);
      this.cache?.remove(key);
    }
    this.memory.clear();
  }

  private fullKey(key: string | null): string {
    return key ? `${this.prefix}.${key}` : this.prefix;
  }

  private parse(raw: string): unknown {
    return raw === NULL_SENTINEL ? null : JSON.parse(raw);
  }

  private requireProperties(): PropertyStore {
    if (!this.properties) throw new Error('Property store is required.');
    return this.properties;
  }
}
