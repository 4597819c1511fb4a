import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUrlFetchApp, LocalNetwork } from '../../../../../local/apps-script/services/url-fetch';
import { createTestPlatform, START } from './fake-platform';

let server: ChildProcess;
let base = '';
let secureBase = '';
const networks: LocalNetwork[] = [];

beforeAll(async () => {
  server = spawn(process.execPath, [fileURLToPath(new URL('./test-server.mjs', import.meta.url))], { stdio: ['ignore', 'pipe', 'inherit'] });
  const ports = await new Promise<string>((resolve) => server.stdout!.once('data', (d: Buffer) => resolve(d.toString().trim())));
  const [port, securePort] = ports.split(' ');
  base = `http://127.0.0.1:${port}`;
  secureBase = `https://127.0.0.1:${securePort}`;
});

afterAll(() => {
  for (const n of networks) n.close();
  server.kill();
});

function setup(options: Partial<ConstructorParameters<typeof LocalNetwork>[0]> = {}) {
  const network = new LocalNetwork({ mode: 'http', ...options });
  networks.push(network);
  const platform = createTestPlatform();
  return { app: createUrlFetchApp(platform, network), network, platform };
}

async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('UrlFetchApp over real HTTP', () => {
  it('sends method, headers, payload and the virtual time, and blocks until the answer', () => {
    const { app } = setup();
    const res = app.fetch(`${base}/echo?x=1`, { method: 'post', payload: { a: 'b c' }, headers: { 'X-Test': 'yes' } });
    const echo = JSON.parse(res.getContentText());
    expect(echo).toMatchObject({ method: 'POST', url: '/echo?x=1', body: 'a=b+c' });
    expect(echo.headers).toMatchObject({ 'x-test': 'yes', 'content-type': 'application/x-www-form-urlencoded', 'x-sheetgram-virtual-time': String(START) });
  });

  it('runs fetchAll requests concurrently', () => {
    const { app, network } = setup();
    const n = 5;
    const started = performance.now();
    const res = app.fetchAll(Array.from({ length: n }, (_, i) => `${base}/delay?ms=200&i=${i}`));
    const elapsed = performance.now() - started;
    expect(res.map((r) => JSON.parse(r.getContentText()).path)).toEqual(Array.from({ length: n }, (_, i) => `?ms=200&i=${i}`));
    expect(elapsed).toBeGreaterThanOrEqual(190);
    expect(elapsed).toBeLessThan(n * 200 * 0.6);
    expect(network.stats).toEqual({ calls: n, roundTrips: 1 });
  });

  it('keeps repeated headers and follows redirects', () => {
    const { app } = setup();
    expect(app.fetch(`${base}/cookies`).getAllHeaders()).toMatchObject({ 'Set-Cookie': ['a=1', 'b=2'] });
    expect(JSON.parse(app.fetch(`${base}/redirect`).getContentText()).url).toBe('/echo?from=redirect');
    expect(app.fetch(`${base}/redirect`, { followRedirects: false }).getResponseCode()).toBe(302);
  });

  it('throws Google\'s error for status >= 400 with the origin', () => {
    const { app } = setup();
    expect(() => app.fetch(`${base}/error`)).toThrow(`Request failed for ${base} returned code 400. Truncated server response: {"error":{"message":"bad","code":100}} (use muteHttpExceptions option to examine full response)`);
  });

  it('reports a refused connection and a reset like Google', async () => {
    const { app, network } = setup();
    const url = `http://127.0.0.1:${await closedPort()}/x`;
    expect(() => app.fetch(url)).toThrow(`Address unavailable: ${url}`);
    expect(() => app.fetch(`${base}/reset`)).toThrow(`Unexpected error: ${base}/reset`);
    expect(network.log.map((e) => e.failure)).toEqual(['ECONNREFUSED', 'ECONNRESET']);
  });

  it('times out after timeoutSeconds of real time', () => {
    const { app } = setup();
    expect(() => app.fetch(`${base}/delay?ms=3000`, { timeoutSeconds: 0.3 } as never)).toThrow(`Timeout: ${base}/delay?ms=3000`);
  });

  it('routes real hosts to an upstream server with the original Host header', () => {
    const { app, network } = setup({ upstream: base, allowlist: ['https://graph.instagram.com/'] });
    const echo = JSON.parse(app.fetch('https://graph.instagram.com/v22.0/me?access_token=TOKEN').getContentText());
    expect(echo).toMatchObject({ url: '/v22.0/me?access_token=TOKEN' });
    expect(echo.headers.host).toBe('graph.instagram.com');
    expect(network.log[0].url).toBe('https://graph.instagram.com/v22.0/me?access_token=REDACTED');
  });

  it('refuses a self-signed certificate unless validateHttpsCertificates is false', () => {
    const { app } = setup();
    expect(() => app.fetch(`${secureBase}/echo`)).toThrow(`SSL Error: ${secureBase}/echo`);
    const echo = JSON.parse(app.fetch(`${secureBase}/echo`, { validateHttpsCertificates: false }).getContentText());
    expect(echo.url).toBe('/echo');
  });
});
