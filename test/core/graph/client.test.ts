import { describe, expect, it } from 'vitest';
import { createGraphClient, type GraphClientOptions } from '../../../src/core/graph/client';
import { META_HOSTS } from '../../../src/core/config/platform';
import { eachPage, readAll } from '../../../src/core/graph/paging';
import type { GraphApiError } from '../../../src/core/graph/errors';
import { FakeClock, MemoryStore } from '../../support/memory-ports';
import { MemoryLock } from '../quota/memory-lock';
import { graphError, json, ScriptedTransport, type Scripted } from './scripted-transport';

const TOKEN = 'IGAAclientToken0123456789';
const IG = 'https://graph.instagram.com/v27.0';
const FB = 'https://graph.facebook.com/v27.0';

function client(script: Scripted[], options: Partial<GraphClientOptions> = {}) {
  const transport = new ScriptedTransport(script);
  const clock = new FakeClock(Date.UTC(2026, 10, 2));
  const store = new MemoryStore();
  const graph = createGraphClient({
    transport, clock, store, lock: new MemoryLock(), host: 'instagram', hosts: META_HOSTS, token: TOKEN,
    account: '17841400000000001', appId: 'app', random: () => 0.5, ...options,
  });
  return { graph, transport, clock, store };
}

function caught(fn: () => unknown): GraphApiError {
  try {
    fn();
  } catch (e) {
    return e as GraphApiError;
  }
  throw new Error('expected a throw');
}

describe('get', () => {
  it('builds the versioned URL, encodes params, appends the token and keeps ids exact', () => {
    const { graph, transport } = client([{ status: 200, headers: {}, body: '{"id":17841405793187218,"username":"a b"}' }]);
    const me = graph.get('/me', { fields: 'id,insights.metric(reach,views){values}', q: 'a&b' });
    expect(me).toEqual({ id: '17841405793187218', username: 'a b' });
    expect(transport.urls[0]).toBe(`${IG}/me?fields=id,insights.metric(reach,views)%7Bvalues%7D&q=a%26b&access_token=${TOKEN}`);
    expect(graph.callsUsed).toBe(1);
  });

  it('throws a classified, redacted GraphApiError', () => {
    const { graph } = client([graphError(190, `Invalid token ${TOKEN}`, { error_subcode: 460 })]);
    const error = caught(() => graph.get('me'));
    expect(error).toMatchObject({ name: 'GraphApiError', kind: 'auth', subcode: 460 });
    expect(JSON.stringify([error.message, error.request, error.userMessage, error.stack])).not.toContain(TOKEN);
  });

  it('retries a transient failure and counts both calls', () => {
    const { graph, clock } = client([graphError(1, 'unknown', {}, 500), json({ id: '1' })]);
    expect(graph.get('1')).toEqual({ id: '1' });
    expect(graph.callsUsed).toBe(2);
    expect(clock.sleeps).toEqual([500]);
  });

  it('pauses the account on a rate limit, so the next call is refused without reaching Meta', () => {
    const { graph, transport } = client([graphError(17, 'User request limit reached')]);
    expect(caught(() => graph.get('1')).kind).toBe('rate_limit');
    expect(caught(() => graph.get('2'))).toMatchObject({ name: 'QuotaExhaustedError', reason: 'paused' });
    expect(transport.requests).toHaveLength(1);
  });

  it('stops on Instagram\'s daily limit (80002) with a refusal that names it, paused until Meta\'s estimate', () => {
    const { graph, transport, clock } = client([graphError(80002, 'too many calls', {}, 400, {
      'x-business-use-case-usage': JSON.stringify({ 1784: [{ type: 'instagram', call_count: 100, total_cputime: 30, total_time: 40, estimated_time_to_regain_access: 42 }] }),
    })]);
    const start = clock.now();
    expect(caught(() => graph.get('1'))).toMatchObject({ name: 'QuotaExhaustedError', reason: 'paused_daily', resumeAt: start + 42 * 60_000 });
    expect(caught(() => graph.get('2'))).toMatchObject({ name: 'QuotaExhaustedError', reason: 'paused_daily', resumeAt: start + 42 * 60_000 });
    expect(transport.requests).toHaveLength(1);
  });

  it('refuses a URL longer than UrlFetch allows', () => {
    const { graph, transport } = client([]);
    expect(caught(() => graph.get('me', { fields: 'x'.repeat(2100) })).kind).toBe('invalid');
    expect(transport.requests).toHaveLength(0);
  });
});

describe('paging', () => {
  const page = (ids: string[], after: string | null) => json({
    data: ids.map((id) => ({ id })),
    paging: after ? { cursors: { after }, next: `${IG}/1/media?limit=2&after=${after}&access_token=${TOKEN}` } : { cursors: {} },
  });

  it('follows next to the end, through an empty page that carries next, and never keeps the token', () => {
    const { graph, transport } = client([page(['a', 'b'], 'c1'), page([], 'c2'), page(['c'], null)]);
    const seen: (string | null)[] = [];
    const result = eachPage<{ id: string }>(graph, '1/media', { limit: '2' }, (p) => {
      seen.push(p.next);
    });
    expect(result).toMatchObject({ pages: 3, stoppedBy: 'end' });
    expect(seen[0]).toBe(`${IG}/1/media?limit=2&after=c1`);
    expect(transport.urls[1]).toBe(`${IG}/1/media?limit=2&after=c1&access_token=${TOKEN}`);
    expect(transport.urls[2]).toContain('after=c2');
  });

  it('stops on a repeated cursor', () => {
    const { graph, transport } = client([page(['a'], 'c1'), page(['b'], 'c2'), page(['b'], 'c2'), page(['x'], null)]);
    const items = readAll<{ id: string }>(graph, '1/media');
    expect(items.map((i) => i.id)).toEqual(['a', 'b', 'b']);
    expect(transport.requests).toHaveLength(3);
  });

  it('stops at the page cap and says where to continue', () => {
    const { graph } = client([page(['a'], 'c1'), page(['b'], 'c2'), page(['c'], 'c3')]);
    const result = eachPage(graph, '1/media', {}, () => undefined, { maxPages: 2 });
    expect(result).toEqual({ pages: 2, stoppedBy: 'page_cap', resumeFrom: { after: 'c2' } });
  });

  it('continues from a saved next URL on our own host, without a stale token', () => {
    const local = { ...META_HOSTS, instagramGraph: 'http://127.0.0.1:4010/graph.instagram.com' };
    const { graph, transport } = client([page(['z'], null)], { hosts: local });
    graph.page('1/media', {}, { next: `https://graph.instagram.com/v27.0/1/media?after=c9&access_token=OLDTOKEN123` });
    expect(transport.urls[0]).toBe(`http://127.0.0.1:4010/graph.instagram.com/v27.0/1/media?after=c9&access_token=${TOKEN}`);
  });

  it('rejects a page without a data list as malformed', () => {
    const { graph } = client([1, 2, 3, 4].map(() => json({ paging: {} })));
    expect(caught(() => graph.page('1/media')).kind).toBe('malformed');
  });
});

describe('getMany', () => {
  function batchAnswer(request: { body?: unknown }, override: (i: number) => unknown = () => undefined) {
    const ops = JSON.parse((request.body as Record<string, string>).batch) as { relative_url: string }[];
    return json(ops.map((op, i) => override(i) !== undefined ? override(i) : { code: 200, headers: [], body: JSON.stringify({ id: op.relative_url.split('?')[0] }) }));
  }

  it('splits 120 requests into 3 batches on graph.facebook.com and counts every operation', () => {
    const { graph, transport } = client([(r) => batchAnswer(r), (r) => batchAnswer(r), (r) => batchAnswer(r)], { host: 'facebook' });
    const requests = Array.from({ length: 120 }, (_, i) => ({ path: `${1000 + i}/insights`, params: { metric: 'reach' } }));
    const results = graph.getMany(requests);
    expect(transport.requests).toHaveLength(3);
    expect(transport.requests.map((r) => JSON.parse((r.body as Record<string, string>).batch).length)).toEqual([50, 50, 20]);
    expect(transport.requests[0]).toMatchObject({ method: 'POST', url: FB });
    expect(transport.urls.join()).not.toContain(TOKEN);
    expect(JSON.parse((transport.requests[0].body as Record<string, string>).batch)[0]).toEqual({ method: 'GET', relative_url: '1000/insights?metric=reach' });
    expect(results.map((r) => r.ok && r.value.id)).toEqual(requests.map((r) => r.path));
    expect(graph.callsUsed).toBe(120);
  });

  it('maps per-operation errors and retries operations Meta left unfinished', () => {
    const notEnoughViewers = { code: 400, headers: [], body: JSON.stringify({ error: { code: 10, message: '(#10) Not enough viewers for the media to show insights' } }) };
    const denied = { code: 403, headers: [], body: JSON.stringify({ error: { code: 200, message: '(#200) Permissions error' } }) };
    const { graph, transport } = client([
      (r) => batchAnswer(r, (i) => (i === 1 ? notEnoughViewers : i === 2 ? denied : i === 3 ? null : undefined)),
      (r) => batchAnswer(r),
    ], { host: 'facebook' });
    const results = graph.getMany(['a', 'b', 'c', 'd'].map((path) => ({ path })));
    expect(results.map((r) => (r.ok ? 'ok' : r.error.kind))).toEqual(['ok', 'skip_item', 'permission', 'ok']);
    expect(JSON.parse((transport.requests[1].body as Record<string, string>).batch)).toEqual([{ method: 'GET', relative_url: 'd' }]);
    expect(results[3]).toEqual({ ok: true, value: { id: 'd' } });
    expect(graph.callsUsed).toBe(5);
  });

  it('gives a transient error for an operation still unfinished after the retry rounds', () => {
    const { graph } = client([(r) => batchAnswer(r, () => null), (r) => batchAnswer(r, () => null), (r) => batchAnswer(r, () => null)], { host: 'facebook' });
    expect(graph.getMany([{ path: 'a' }])[0]).toMatchObject({ ok: false, error: { kind: 'transient' } });
  });

  it('throws when the batch itself fails (an expired token)', () => {
    const { graph } = client([graphError(190, 'expired')], { host: 'facebook' });
    expect(caught(() => graph.getMany([{ path: 'a' }])).kind).toBe('auth');
  });

  it('uses fetchAll on graph.instagram.com by default, each request with the token', () => {
    const { graph, transport } = client([json({ id: 'a' }), graphError(100, 'bad', { error_subcode: 33 }), json({ id: 'c' })]);
    const results = graph.getMany([{ path: 'a' }, { path: 'b' }, { path: 'c' }]);
    expect(transport.sendAllSizes).toEqual([3]);
    expect(transport.urls[0]).toBe(`${IG}/a?access_token=${TOKEN}`);
    expect(results.map((r) => (r.ok ? r.value.id : r.error.kind))).toEqual(['a', 'not_found', 'c']);
    expect(graph.callsUsed).toBe(3);
  });

  it('uses the batch endpoint on graph.instagram.com when the setting allows it', () => {
    const { graph, transport } = client([(r) => batchAnswer(r)], { settings: { batchOnInstagram: true } });
    graph.getMany([{ path: 'a' }, { path: 'b' }]);
    expect(transport.requests[0]).toMatchObject({ method: 'POST', url: IG });
  });
});

describe('quota', () => {
  it('two clients sharing the store, calls interleaved, never exceed the hourly limit together', () => {
    const store = new MemoryStore();
    const lock = new MemoryLock();
    const clock = new FakeClock(Date.UTC(2026, 10, 2));
    const transport = new ScriptedTransport(Array.from({ length: 200 }, () => json({ id: '1' })));
    const make = () => createGraphClient({
      transport, clock, store, lock, host: 'instagram', hosts: META_HOSTS, token: TOKEN, account: '1784', appId: 'app', random: () => 0, settings: { callsPerHour: 60 },
    });
    const clients = [make(), make()];
    const refused = new Set<number>();
    for (let i = 0; refused.size < 2 && i < 200; i++) {
      const which = i % 2;
      if (refused.has(which)) continue;
      try {
        clients[which].get('1');
      } catch (e) {
        expect(e).toMatchObject({ name: 'QuotaExhaustedError' });
        refused.add(which);
      }
    }
    expect(transport.requests.length).toBeLessThanOrEqual(60);
    expect(clients[0].callsUsed + clients[1].callsUsed).toBe(transport.requests.length);
  });

  it('waits out a rate limit when the caller\'s policy agrees, then continues', () => {
    const { graph, clock } = client([graphError(17, 'user limit'), json({ id: '1' })], {
      onRateLimit: () => true, settings: { rateLimitPauseMs: 120_000 },
    });
    expect(graph.get('1')).toEqual({ id: '1' });
    expect(clock.sleeps).toEqual([120_000]);
  });


  it('50 calls write the quota properties at most twice, and release returns nothing when all were used', () => {
    const script = Array.from({ length: 50 }, (_, i) => json({ id: String(i) }));
    const { graph, store } = client(script);
    for (let i = 0; i < 50; i++) graph.get(String(i));
    graph.release();
    expect(store.writes).toBeLessThanOrEqual(2);
  });
});
