// CacheService: expiry on the virtual clock, limits, batch calls, separate caches.
import { describe, expect, it } from 'vitest';
import { CacheState, createCacheService } from '../../../../local/apps-script/services/cache';
import { EDITOR, newPlatform, runAs } from '../support';

function setup() {
  const platform = newPlatform();
  return { platform, service: createCacheService(platform, new CacheState()) };
}

describe('CacheService', () => {
  it('expires entries after 600 s by default and after the given seconds', () => {
    const { platform, service } = setup();
    const get = (key: string) => runAs(platform, () => service.getScriptCache().get(key));
    runAs(platform, () => {
      service.getScriptCache().put('default', 'a');
      service.getScriptCache().put('short', 'b', 5);
    });
    expect(get('short')).toBe('b');
    platform.clock.advance(5000);
    expect(get('short')).toBeNull();
    platform.clock.advance(594_999);
    expect(get('default')).toBe('a');
    platform.clock.advance(1);
    expect(get('default')).toBeNull();
  });

  it('refuses long keys, large values and expiries outside 1..21600 s', () => {
    const { platform, service } = setup();
    runAs(platform, () => {
      const cache = service.getUserCache();
      expect(() => cache.put('k'.repeat(251), 'v')).toThrow(/key/);
      cache.put('k'.repeat(250), 'v');
      expect(() => cache.put('big', 'x'.repeat(100 * 1024 + 1))).toThrow(/value/);
      expect(() => cache.put('long', 'v', 21_601)).toThrow(/expirationInSeconds/);
      expect(() => cache.put('zero', 'v', 0)).toThrow(/expirationInSeconds/);
      cache.put('max', 'v', 21_600);
    });
  });

  it('batches with putAll/getAll/removeAll and keeps user caches apart', () => {
    const { platform, service } = setup();
    runAs(platform, () => {
      const cache = service.getUserCache();
      cache.putAll({ a: '1', b: '2', c: '3' }, 60);
      expect(cache.getAll(['a', 'b', 'z'])).toEqual({ a: '1', b: '2' });
      cache.removeAll(['a', 'b']);
      expect(cache.getAll(['a', 'b', 'c'])).toEqual({ c: '3' });
    });
    expect(runAs(platform, () => service.getUserCache().get('c'), { user: EDITOR })).toBeNull();
    expect(runAs(platform, () => service.getDocumentCache()!.get('c'))).toBeNull();
  });

  it('evicts beyond 1,000 items', () => {
    const { platform, service } = setup();
    runAs(platform, () => {
      const cache = service.getScriptCache();
      cache.put('first', 'x', 10);
      const many: Record<string, string> = {};
      for (let i = 0; i < 1000; i++) many[`k${i}`] = 'v';
      cache.putAll(many, 600);
      expect(cache.get('first')).toBeNull();
      expect(cache.get('k999')).toBe('v');
    });
  });
});
