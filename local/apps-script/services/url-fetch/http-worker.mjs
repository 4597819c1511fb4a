// @ts-check
// Worker thread of the HTTP transport: sends each batch of requests over real HTTP(S), all at once,
// and wakes the blocked caller through a shared signal when every answer (or failure) is in.
// Plain JavaScript so that Node can start it without a TypeScript loader.
import http from 'node:http';
import https from 'node:https';
import { workerData } from 'node:worker_threads';

/** @type {{ port: import('node:worker_threads').MessagePort, signal: Int32Array, maxResponseBytes: number }} */
const { port, signal, maxResponseBytes } = workerData;

/**
 * @param {{ method: string, url: string, headers: Record<string, string>, body: Uint8Array, timeoutMs: number, validateHttpsCertificates: boolean }} req
 * @returns {Promise<{ ok: true, response: { status: number, headers: [string, string][], body: Uint8Array } } | { ok: false, code: string }>}
 */
function send(req) {
  return new Promise((resolve) => {
    const url = new URL(req.url);
    const client = url.protocol === 'https:' ? https : http;
    const headers = { ...req.headers };
    if (req.body.byteLength > 0 || req.method !== 'GET') headers['Content-Length'] = String(req.body.byteLength);
    let settled = false;
    /** @param {any} outcome */
    const finish = (outcome) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    let request;
    try {
      request = client.request(url, { method: req.method, headers, rejectUnauthorized: req.validateHttpsCertificates, agent: false }, (res) => {
        /** @type {Buffer[]} */
        const chunks = [];
        let size = 0;
        res.on('data', (chunk) => {
          size += chunk.length;
          if (size > maxResponseBytes) {
            finish({ ok: false, code: 'RESPONSE_TOO_LARGE' });
            res.destroy();
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => {
          /** @type {[string, string][]} */
          const pairs = [];
          for (let i = 0; i < res.rawHeaders.length; i += 2) pairs.push([res.rawHeaders[i], res.rawHeaders[i + 1]]);
          finish({ ok: true, response: { status: res.statusCode ?? 0, headers: pairs, body: new Uint8Array(Buffer.concat(chunks)) } });
        });
        res.on('error', (/** @type {any} */ error) => finish({ ok: false, code: error.code ?? 'ECONNRESET' }));
      });
    } catch (/** @type {any} */ error) {
      finish({ ok: false, code: error.code ?? 'EINVAL' });
      return;
    }
    request.setTimeout(req.timeoutMs, () => {
      finish({ ok: false, code: 'ETIMEDOUT' });
      request.destroy();
    });
    request.on('error', (/** @type {any} */ error) => finish({ ok: false, code: error.code ?? 'ECONNRESET' }));
    request.end(Buffer.from(req.body));
  });
}

port.on('message', async (/** @type {{ id: number, requests: any[] }} */ message) => {
  const outcomes = await Promise.all(message.requests.map(send));
  port.postMessage({ id: message.id, outcomes });
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});
