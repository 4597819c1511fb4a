// CacheService: script, per-user and document caches of strings that expire on the virtual clock,
// with Google's key, value and expiry limits and the 1,000-item cap (oldest-expiring evicted first).
import { enterService, GOOGLE_ERRORS, guarded, type Platform } from '../platform';

/** The Cache class reference (reference §1.4, ✅). */
export const CACHE_LIMITS = {
  keyChars: 250,
  valueBytes: 100 * 1024,
  defaultSeconds: 600,
  minSeconds: 1,
  maxSeconds: 21_600,
  /** "The cap for cached items is 1,000": over it, items are evicted (no error). */
  items: 1000,
};

interface Entry {
  value: string;
  expiresAt: number;
}

type CacheName = 'script' | 'user' | 'document';

export class CacheState {
  readonly script = new Map<string, Entry>();
  /** The document cache of the runtime's first document. */
  readonly document = new Map<string, Entry>();
  private readonly otherDocuments = new Map<string, Map<string, Entry>>();
  private readonly users = new Map<string, Map<string, Entry>>();

  /** The document cache of a document (undefined: the runtime's first document). */
  documentCache(documentId: string | undefined): Map<string, Entry> {
    if (documentId === undefined) return this.document;
    let cache = this.otherDocuments.get(documentId);
    if (!cache) this.otherDocuments.set(documentId, (cache = new Map()));
    return cache;
  }

  user(userId: string): Map<string, Entry> {
    let cache = this.users.get(userId);
    if (!cache) {
      cache = new Map();
      this.users.set(userId, cache);
    }
    return cache;
  }
}

function checkKey(key: string): string {
  const text = String(key);
  if (text.length > CACHE_LIMITS.keyChars) throw new Error(GOOGLE_ERRORS.cacheKeyTooLong(text));
  return text;
}

function checkValue(value: unknown): string {
  const text = String(value);
  if (Buffer.byteLength(text, 'utf8') > CACHE_LIMITS.valueBytes) throw new Error(GOOGLE_ERRORS.cacheValueTooLarge);
  return text;
}

function checkSeconds(seconds: number | undefined): number {
  if (seconds === undefined) return CACHE_LIMITS.defaultSeconds;
  if (!(seconds >= CACHE_LIMITS.minSeconds && seconds <= CACHE_LIMITS.maxSeconds)) throw new Error(GOOGLE_ERRORS.cacheExpiration(seconds));
  return seconds;
}

export function createCacheService(platform: Platform, state: CacheState): GoogleAppsScript.Cache.CacheService {
  function createCache(name: CacheName): GoogleAppsScript.Cache.Cache {
    const entries = (method: string): Map<string, Entry> => {
      const execution = enterService(platform, 'Cache', method);
      const map = name === 'script' ? state.script : name === 'document' ? state.documentCache(execution.documentId) : state.user(execution.user.id);
      const now = platform.clock.now();
      for (const [k, e] of map) if (e.expiresAt <= now) map.delete(k);
      return map;
    };
    const store = (map: Map<string, Entry>, items: [string, string][], seconds: number) => {
      const expiresAt = platform.clock.now() + seconds * 1000;
      for (const [k, v] of items) {
        map.delete(k);
        map.set(k, { value: v, expiresAt });
      }
      // Over the cap, Google evicts; here the entries closest to expiry go first (deterministic).
      while (map.size > CACHE_LIMITS.items) {
        let victim: string | undefined;
        let earliest = Infinity;
        for (const [k, e] of map) if (e.expiresAt < earliest) [victim, earliest] = [k, e.expiresAt];
        map.delete(victim as string);
      }
    };
    const cache = {
      get: (key: string) => entries('get').get(checkKey(key))?.value ?? null,
      getAll(keys: string[]) {
        const map = entries('getAll');
        const found: Record<string, string> = {};
        for (const key of keys) {
          const entry = map.get(checkKey(key));
          if (entry) found[key] = entry.value;
        }
        return found;
      },
      put(key: string, value: unknown, seconds?: number) {
        const map = entries('put');
        store(map, [[checkKey(key), checkValue(value)]], checkSeconds(seconds));
      },
      putAll(values: Record<string, unknown>, seconds?: number) {
        const map = entries('putAll');
        const items = Object.entries(values ?? {}).map(([k, v]): [string, string] => [checkKey(k), checkValue(v)]);
        store(map, items, checkSeconds(seconds));
      },
      remove: (key: string) => void entries('remove').delete(checkKey(key)),
      removeAll(keys: string[]) {
        const map = entries('removeAll');
        for (const key of keys) map.delete(checkKey(key));
      },
    };
    return guarded('Cache', cache) as unknown as GoogleAppsScript.Cache.Cache;
  }

  const service = {
    getScriptCache: () => (enterService(platform, 'CacheService', 'getScriptCache'), createCache('script')),
    getUserCache: () => (enterService(platform, 'CacheService', 'getUserCache'), createCache('user')),
    getDocumentCache: () => (enterService(platform, 'CacheService', 'getDocumentCache'), createCache('document')),
  };
  return guarded('CacheService', service) as unknown as GoogleAppsScript.Cache.CacheService;
}
