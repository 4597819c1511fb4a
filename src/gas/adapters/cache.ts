// CacheService caches as the core's Cache (entries may vanish early; callers treat a miss as normal).
import type { Cache } from '../../core/ports';

const MAX_TTL_SECONDS = 21_600;

export function scriptCache(cache: GoogleAppsScript.Cache.Cache): Cache {
  return {
    get: (key) => cache.get(key),
    put: (key, value, ttlSeconds) => cache.put(key, value, Math.max(1, Math.min(MAX_TTL_SECONDS, Math.round(ttlSeconds)))),
    remove: (key) => cache.remove(key),
  };
}
