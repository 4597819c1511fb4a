import { describe, expect, it } from 'vitest';
import { createUrlFetchApp, LocalNetwork, type HandlerRequest, type HandlerResponse } from '../../../../../local/apps-script/services/url-fetch';
import { ALICE, BOB, createTestPlatform, START } from './fake-platform';

type Reply = Partial<HandlerResponse> | ((req: HandlerRequest) => Partial<HandlerResponse>);

function setup(reply: Reply = {}, options: Partial<ConstructorParameters<typeof LocalNetwork>[0]> = {}) {
  const seen: HandlerRequest[] = [];
  const network = new LocalNetwork({
    mode: 'in-process',
    handler: (req) => {
      seen.push(req);
      const r = typeof reply === 'function' ? reply(req) : reply;
      return { status: r.status ?? 200, headers: r.headers ?? { 'Content-Type': 'application/json' }, body: r.body ?? '{"ok":true}' };
    },
    ...options,
  });
  const platform = createTestPlatform();
  const app = createUrlFetchApp(platform, network);
  return { app, network, platform, seen };
}

describe('UrlFetchApp.fetch on the in-process network', () => {
  it('sends a GET with the virtual time header and returns the answer', () => {
    const { app, seen } = setup({ body: '{"id":"1"}' });
    const res = app.fetch('https://graph.instagram.com/v22.0/me?fields=id');
    expect(res.getResponseCode()).toBe(200);
    expect(JSON.parse(res.getContentText())).toEqual({ id: '1' });
    expect(seen[0].method).toBe('GET');
    expect(seen[0].url).toBe('https://graph.instagram.com/v22.0/me?fields=id');
    expect(seen[0].headers['x-sheetgram-virtual-time']).toBe(String(START));
  });

  it('form-encodes an object payload with the default content type', () => {
    const { app, seen } = setup();
    app.fetch('https://api.instagram.com/oauth/access_token', { method: 'post', payload: { code: 'a b&c', client_id: 42 } });
    expect(seen[0].method).toBe('POST');
    expect(seen[0].headers['Content-Type']).toBe('application/x-www-form-urlencoded');
    expect(new URLSearchParams(seen[0].body).get('code')).toBe('a b&c');
    expect(new URLSearchParams(seen[0].body).get('client_id')).toBe('42');
  });

  it('sends a string payload with the given content type, and accepts upper-case methods', () => {
    const { app, seen } = setup();
    app.fetch('https://example.com/x', { method: 'PUT' as never, contentType: 'application/json', payload: '{"a":1}' });
    expect(seen[0].method).toBe('PUT');
    expect(seen[0].headers['Content-Type']).toBe('application/json');
    expect(seen[0].body).toBe('{"a":1}');
  });

  it('accepts signed byte arrays and blobs as payloads', () => {
    const { app, seen } = setup();
    const bytes = [...Buffer.from('héllo')].map((b) => (b > 127 ? b - 256 : b));
    app.fetch('https://example.com/bytes', { method: 'post', payload: bytes });
    app.fetch('https://example.com/blob', { method: 'post', payload: { getBytes: () => bytes } as never });
    expect(seen[0].body).toBe('héllo');
    expect(seen[1].body).toBe('héllo');
  });

  it('sends an object with a blob value as multipart/form-data', () => {
    const { app, seen } = setup();
    const blob = { getBytes: () => [...Buffer.from('PNG')], getContentType: () => 'image/png', getName: () => 'a.png' };
    app.fetch('https://example.com/upload', { method: 'post', payload: { caption: 'hi', file: blob } as never });
    expect(seen[0].headers['Content-Type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(seen[0].body).toContain('name="caption"\r\n\r\nhi\r\n');
    expect(seen[0].body).toContain('filename="a.png"\r\nContent-Type: image/png\r\n\r\nPNG\r\n');
  });

  it('escapes characters that cannot stand in a URL unless escaping is false', () => {
    const { app, seen } = setup();
    app.fetch('https://example.com/a b?q=é|x&already=%20');
    expect(seen[0].url).toBe('https://example.com/a%20b?q=%C3%A9%7Cx&already=%20');
    const request = app.getRequest('https://example.com/a|b', { escaping: false });
    expect(request.url).toBe('https://example.com/a|b');
  });

  it('getRequest describes the request without sending it', () => {
    const { app, seen, network } = setup();
    const request = app.getRequest('https://example.com/x', { method: 'post', payload: { a: '1' }, headers: { Accept: 'application/json' } });
    expect(request).toMatchObject({
      url: 'https://example.com/x',
      method: 'post',
      contentType: 'application/x-www-form-urlencoded',
      payload: 'a=1',
      headers: { Accept: 'application/json' },
      followRedirects: true,
      validateHttpsCertificates: true,
    });
    expect(request.headers).not.toHaveProperty('x-sheetgram-virtual-time');
    expect(seen).toHaveLength(0);
    expect(network.stats.calls).toBe(0);
  });

  it('throws Google\'s truncated error for status >= 400, naming only the origin', () => {
    const body = JSON.stringify({ error: { message: 'Invalid OAuth access token.', code: 190, pad: 'x'.repeat(2000) } });
    const { app } = setup({ status: 400, body });
    let message = '';
    try {
      app.fetch('https://graph.instagram.com/v22.0/me?access_token=SECRET');
    } catch (e) {
      message = (e as Error).message;
      expect((e as Error).name).toBe('Exception');
    }
    expect(message).toMatch(/^Request failed for https:\/\/graph\.instagram\.com returned code 400\. Truncated server response: \{"error":\{"message":"Invalid OAuth access token\./);
    expect(message).toMatch(/ \(use muteHttpExceptions option to examine full response\)$/);
    expect(message).not.toContain('SECRET');
    expect(message.length).toBeLessThan(body.length);
  });

  it('returns the full response for status >= 400 with muteHttpExceptions', () => {
    const { app } = setup({ status: 500, body: '{"error":{"code":2}}' });
    const res = app.fetch('https://graph.instagram.com/x', { muteHttpExceptions: true });
    expect(res.getResponseCode()).toBe(500);
    expect(res.getContentText()).toBe('{"error":{"code":2}}');
  });

  it('follows redirects by default, turning POST into GET on 302/303', () => {
    const { app, seen } = setup((req) =>
      req.url.endsWith('/start') ? { status: 302, headers: { Location: '/final?x=1' }, body: '' } : { body: 'done' },
    );
    const res = app.fetch('https://example.com/start', { method: 'post', payload: 'a=1' });
    expect(res.getContentText()).toBe('done');
    expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual(['POST https://example.com/start', 'GET https://example.com/final?x=1']);
  });

  it('keeps the method and body on 307, and returns the 3xx when followRedirects is false', () => {
    const { app, seen } = setup((req) => (req.url.endsWith('/start') ? { status: 307, headers: { Location: 'https://example.com/next' }, body: '' } : { body: 'ok' }));
    app.fetch('https://example.com/start', { method: 'post', payload: 'a=1' });
    expect(seen[1]).toMatchObject({ method: 'POST', url: 'https://example.com/next', body: 'a=1' });
    const res = app.fetch('https://example.com/start', { followRedirects: false });
    expect(res.getResponseCode()).toBe(307);
    expect(res.getHeaders()).toMatchObject({ Location: 'https://example.com/next' });
  });

  it('gives up on a redirect loop', () => {
    const { app } = setup({ status: 301, headers: { Location: '/loop' }, body: '' });
    expect(() => app.fetch('https://example.com/loop')).toThrow('Too many redirects: https://example.com/loop');
  });

  it('turns a simulated connection failure into Google\'s message', () => {
    const { app, network } = setup(() => {
      throw Object.assign(new Error('refused'), { code: 'ECONNREFUSED' });
    });
    expect(() => app.fetch('https://graph.instagram.com/me')).toThrow('Address unavailable: https://graph.instagram.com/me');
    expect(network.log[0]).toMatchObject({ status: null, failure: 'ECONNREFUSED' });
    const reset = setup(() => {
      throw Object.assign(new Error('reset'), { code: 'ENOTFOUND' });
    });
    expect(() => reset.app.fetch('https://nowhere.example/')).toThrow('DNS error: https://nowhere.example/');
  });

  it('lets a handler bug surface as it is', () => {
    const { app } = setup(() => {
      throw new TypeError('handler bug');
    });
    expect(() => app.fetch('https://example.com/')).toThrow('handler bug');
  });

  it('rejects malformed URLs and methods', () => {
    const { app } = setup();
    expect(() => app.fetch('not a url')).toThrow('Invalid argument: not%20a%20url');
    expect(() => app.fetch('ftp://example.com/')).toThrow('Invalid argument');
    expect(() => app.fetch('https://example.com/', { method: 'head' as never })).toThrow('Invalid argument: method head');
  });
});

describe('UrlFetchApp.fetchAll on the in-process network', () => {
  it('answers in order, counts each request as a call and the batch as one round trip', () => {
    const { app, network, platform } = setup((req) => ({ body: new URL(req.url).pathname }), { latencyMs: 120 });
    const res = app.fetchAll(['https://example.com/a', { url: 'https://example.com/b', method: 'post', payload: 'x' }, 'https://example.com/c']);
    expect(res.map((r) => r.getContentText())).toEqual(['/a', '/b', '/c']);
    expect(network.stats).toEqual({ calls: 3, roundTrips: 1 });
    expect(platform.clock.now()).toBe(START + 120);
    expect(new Set(network.log.map((e) => e.roundTrip))).toEqual(new Set([1]));
  });

  it('throws for the first failing request unless muted', () => {
    const { app } = setup((req) => (req.url.endsWith('/bad') ? { status: 404, body: 'nope' } : { body: 'ok' }));
    expect(() => app.fetchAll(['https://example.com/ok', 'https://example.com/bad'])).toThrow(/^Request failed for https:\/\/example\.com returned code 404/);
    const res = app.fetchAll([{ url: 'https://example.com/bad', muteHttpExceptions: true }]);
    expect(res[0].getResponseCode()).toBe(404);
  });

  it('follows the redirects of a batch together, one round trip per hop', () => {
    const { app, network } = setup((req) => (req.url.endsWith('/moved') ? { status: 301, headers: { Location: '/new' }, body: '' } : { body: new URL(req.url).pathname }));
    const res = app.fetchAll(['https://example.com/a', 'https://example.com/moved', 'https://example.com/c']);
    expect(res.map((r) => r.getContentText())).toEqual(['/a', '/new', '/c']);
    expect(network.stats).toEqual({ calls: 3, roundTrips: 2 });
  });

  it('returns an empty list for no requests without a round trip', () => {
    const { app, network } = setup();
    expect(app.fetchAll([])).toEqual([]);
    expect(network.stats.roundTrips).toBe(0);
  });
});

describe('latency, the log and the virtual clock', () => {
  it('adds the latency per round trip and logs each request with tokens redacted', () => {
    const { app, network, platform } = setup({}, { latencyMs: 250 });
    app.fetch('https://graph.instagram.com/me?fields=id&access_token=IGQVJ-secret');
    app.fetch('https://api.instagram.com/oauth/access_token', { method: 'post', payload: { client_secret: 's3cret' } });
    expect(platform.clock.now()).toBe(START + 500);
    expect(network.log).toEqual([
      { url: 'https://graph.instagram.com/me?fields=id&access_token=REDACTED', method: 'GET', status: 200, user: ALICE.email, time: START, roundTrip: 1 },
      { url: 'https://api.instagram.com/oauth/access_token', method: 'POST', status: 200, user: ALICE.email, time: START + 250, roundTrip: 2 },
    ]);
    expect(JSON.stringify(network.log)).not.toContain('IGQVJ-secret');
  });

  it('times out when the latency exceeds timeoutSeconds, after waiting the timeout', () => {
    const { app, platform, seen } = setup({}, { latencyMs: 5_000 });
    expect(() => app.fetch('https://example.com/slow', { timeoutSeconds: 2 } as never)).toThrow('Timeout: https://example.com/slow');
    expect(platform.clock.now()).toBe(START + 2_000);
    expect(seen).toHaveLength(0);
  });

  it('counts calls on the platform counters', () => {
    const { app, platform } = setup();
    app.fetch('https://example.com/');
    app.fetchAll(['https://example.com/', 'https://example.com/']);
    expect(platform.counters.get('UrlFetchApp', 'fetch')).toBe(1);
    expect(platform.counters.get('UrlFetchApp', 'fetchAll')).toBe(1);
  });
});

describe('auth modes', () => {
  it.each(['NONE', 'LIMITED'] as const)('refuses to fetch in %s', (mode) => {
    const { app, platform, seen } = setup();
    platform.run({ authMode: mode });
    expect(() => app.fetch('https://example.com/')).toThrow(
      'You do not have permission to call UrlFetchApp.fetch. Required permissions: https://www.googleapis.com/auth/script.external_request',
    );
    expect(() => app.fetchAll(['https://example.com/'])).toThrow('You do not have permission to call UrlFetchApp.fetchAll.');
    expect(seen).toHaveLength(0);
  });

  it('fetches in CUSTOM_FUNCTION mode', () => {
    const { app, platform } = setup();
    platform.run({ authMode: 'CUSTOM_FUNCTION' });
    expect(app.fetch('https://example.com/').getResponseCode()).toBe(200);
  });
});

describe('the daily quota', () => {
  it('refuses the request past the quota, per user, and resets 24 hours after the first request', () => {
    const { app, network, platform, seen } = setup({}, { dailyQuota: 3 });
    app.fetch('https://example.com/1');
    platform.clock.advance(60_000);
    app.fetchAll(['https://example.com/2', 'https://example.com/3']);
    expect(() => app.fetch('https://example.com/4')).toThrow('Service invoked too many times for one day: urlfetch.');
    expect(seen).toHaveLength(3);
    platform.run({ user: BOB });
    expect(app.fetch('https://example.com/bob').getResponseCode()).toBe(200);
    platform.run({ user: ALICE });
    platform.clock.set(START + 24 * 3600_000 - 1);
    expect(() => app.fetch('https://example.com/5')).toThrow('Service invoked too many times');
    platform.clock.set(START + 24 * 3600_000);
    expect(app.fetch('https://example.com/6').getResponseCode()).toBe(200);
    expect(network.quotaRemaining(ALICE.id, platform.clock.now())).toBe(2);
  });

  it('refuses a whole fetchAll that would pass the quota', () => {
    const { app, seen } = setup({}, { dailyQuota: 2 });
    expect(() => app.fetchAll(['https://example.com/1', 'https://example.com/2', 'https://example.com/3'])).toThrow('Service invoked too many times for one day: urlfetch.');
    expect(seen).toHaveLength(0);
  });
});

describe('the urlFetchWhitelist', () => {
  const allowlist = ['https://graph.instagram.com/', 'https://api.instagram.com/oauth/', 'https://*.cdninstagram.com/'];

  it('allows URLs under a prefix, subdomains of a wildcard, and refuses the rest without showing the query', () => {
    const { app, seen } = setup({}, { allowlist });
    app.fetch('https://graph.instagram.com/v22.0/me');
    app.fetch('https://api.instagram.com/oauth/access_token');
    app.fetch('https://scontent.cdninstagram.com/v/pic.jpg');
    expect(seen).toHaveLength(3);
    expect(() => app.fetch('https://api.instagram.com/other?access_token=T0K')).toThrow(
      'Request to https://api.instagram.com/other is not allowed by the urlFetchWhitelist in appsscript.json.',
    );
    expect(() => app.fetch('http://graph.instagram.com/v22.0/me')).toThrow('not allowed by the urlFetchWhitelist');
    expect(() => app.fetch('https://evil.example/graph.instagram.com/')).toThrow('not allowed by the urlFetchWhitelist');
    expect(seen).toHaveLength(3);
  });

  it('checks every redirect hop', () => {
    const { app } = setup((req) => (req.url.includes('graph') ? { status: 302, headers: { Location: 'https://evil.example/x' }, body: '' } : { body: 'stolen' }), { allowlist });
    expect(() => app.fetch('https://graph.instagram.com/me')).toThrow('Request to https://evil.example/x is not allowed');
  });
});

describe('the service surface', () => {
  it('throws for members the local runtime does not implement', () => {
    const { app } = setup();
    expect(() => (app as unknown as Record<string, unknown>).fetchSomething).toThrow('not implemented in the local runtime: UrlFetchApp.fetchSomething');
    const res = app.fetch('https://example.com/');
    expect(() => (res as unknown as Record<string, unknown>).getStatus).toThrow('not implemented in the local runtime: HTTPResponse.getStatus');
  });

  it('returns a new response object per call', () => {
    const { app } = setup();
    const a = app.fetch('https://example.com/');
    const b = app.fetch('https://example.com/');
    expect(a).not.toBe(b);
    expect(a.getHeaders()).not.toBe(a.getHeaders());
  });
});
