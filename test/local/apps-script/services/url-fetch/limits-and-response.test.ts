import { describe, expect, it } from 'vitest';
import { createUrlFetchApp, LocalNetwork, URL_FETCH_LIMITS } from '../../../../../local/apps-script/services/url-fetch';
import { createHttpResponse } from '../../../../../local/apps-script/services/url-fetch/response';
import { createTestPlatform } from './fake-platform';

function setup(body = 'ok', headers: Record<string, string> = {}) {
  const network = new LocalNetwork({ mode: 'in-process', handler: () => ({ status: 200, headers, body }) });
  return createUrlFetchApp(createTestPlatform(), network);
}

describe('UrlFetch limits', () => {
  it('allows a URL of 2,082 characters and refuses 2,083', () => {
    const app = setup();
    const base = 'https://example.com/?q=';
    expect(app.fetch(base + 'a'.repeat(URL_FETCH_LIMITS.urlLength - base.length)).getResponseCode()).toBe(200);
    expect(() => app.fetch(base + 'a'.repeat(URL_FETCH_LIMITS.urlLength - base.length + 1))).toThrow('Limit exceeded: URLFetch URL Length.');
  });

  it('refuses more than 100 headers and headers over 8 KB', () => {
    const app = setup();
    const headers = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`x-h${i}`, '1']));
    expect(app.fetch('https://example.com/', { headers: headers(100) }).getResponseCode()).toBe(200);
    expect(() => app.fetch('https://example.com/', { headers: headers(101) })).toThrow('Limit exceeded: URLFetch headers.');
    expect(() => app.fetch('https://example.com/', { headers: { big: 'x'.repeat(8 * 1024) } })).toThrow('Limit exceeded: URLFetch header size.');
  });

  it('refuses payloads and responses over 50 MB', () => {
    const app = setup();
    expect(() => app.fetch('https://example.com/', { method: 'post', payload: 'x'.repeat(URL_FETCH_LIMITS.postBytes + 1) })).toThrow('Limit exceeded: URLFetch POST Size.');
    const big = setup('x'.repeat(URL_FETCH_LIMITS.responseBytes + 1));
    expect(() => big.fetch('https://example.com/')).toThrow('Limit exceeded: URLFetch response size.');
  });
});

describe('HTTPResponse', () => {
  const wire = (headers: [string, string][], body: Uint8Array) => createHttpResponse('https://example.com/files/photo.bin', { status: 200, headers, body });

  it('keeps the last value in getHeaders and arrays for repeats in getAllHeaders', () => {
    const res = wire([['Set-Cookie', 'a=1'], ['Set-Cookie', 'b=2'], ['Content-Type', 'text/plain']], new Uint8Array());
    expect(res.getHeaders()).toEqual({ 'Set-Cookie': 'b=2', 'Content-Type': 'text/plain' });
    expect(res.getAllHeaders()).toEqual({ 'Set-Cookie': ['a=1', 'b=2'], 'Content-Type': 'text/plain' });
  });

  it('returns bytes as signed numbers and decodes text in the response or given charset', () => {
    const bytes = new Uint8Array(Buffer.from('café', 'latin1'));
    const res = wire([['Content-Type', 'text/plain; charset=ISO-8859-1']], bytes);
    expect(res.getContent()).toEqual([99, 97, 102, -23]);
    expect(res.getContentText()).toBe('café');
    expect(res.getContentText('UTF-8')).toBe('caf\uFFFD');
  });

  it('gives a blob with the content type, a name from the URL and the bytes', () => {
    const res = wire([['Content-Type', 'image/png']], new Uint8Array([0x89, 0x50]));
    const blob = res.getBlob();
    expect(blob.getContentType()).toBe('image/png');
    expect(blob.getName()).toBe('photo.bin');
    expect(blob.getBytes()).toEqual([-119, 80]);
    expect(res.getAs('image/png').getBytes()).toEqual([-119, 80]);
    expect(() => res.getAs('application/pdf')).toThrow('not implemented in the local runtime: Blob.getAs(application/pdf)');
  });
});
