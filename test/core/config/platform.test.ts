import { describe, expect, it } from 'vitest';
import { META_HOSTS, resolveHosts } from '../../../src/core/config/platform';

describe('resolveHosts', () => {
  it('uses Meta hosts when nothing is overridden', () => {
    expect(resolveHosts(() => null)).toEqual(META_HOSTS);
  });

  it('takes an override from its Script Property and drops trailing slashes', () => {
    const hosts = resolveHosts((k) => (k === 'SHEETGRAM_HOST_INSTAGRAM_GRAPH' ? 'http://127.0.0.1:4010/ig/' : null));
    expect(hosts.instagramGraph).toBe('http://127.0.0.1:4010/ig');
    expect(hosts.facebookGraph).toBe(META_HOSTS.facebookGraph);
  });
});
