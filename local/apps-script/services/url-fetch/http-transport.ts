// The HTTP transport: real HTTP from a worker thread, while the calling thread (the Apps Script
// execution, which is synchronous like Google's) blocks on Atomics.wait until the batch is answered.
// The server must live in another thread or process, never in the blocked one.
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { URL_FETCH_LIMITS } from './limits';
import type { Transport, WireOutcome, WireRequest } from './transport';

export interface HttpTransportOptions {
  /**
   * Send every request to this server instead (e.g. the simulator at http://127.0.0.1:4010), keeping
   * path and query, with the original host in the Host header.
   */
  upstream?: string;
}

/** Extra real time the caller waits beyond the longest request timeout before giving up on the worker. */
const WORKER_GRACE_MS = 5_000;

export class HttpTransport implements Transport {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  private batch = 0;

  constructor(private readonly options: HttpTransportOptions = {}) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(new URL('./http-worker.mjs', import.meta.url), {
      workerData: { port: port2, signal: this.signal, maxResponseBytes: URL_FETCH_LIMITS.responseBytes },
      transferList: [port2],
    });
    this.worker.unref();
  }

  exchange(requests: WireRequest[]): WireOutcome[] {
    const id = ++this.batch;
    Atomics.store(this.signal, 0, 0);
    this.port.postMessage({ id, requests: requests.map((req) => this.route(req)) });
    const deadline = performance.now() + Math.max(...requests.map((r) => r.timeoutMs)) + WORKER_GRACE_MS;
    for (;;) {
      const remaining = deadline - performance.now();
      if (remaining <= 0) return requests.map(() => ({ ok: false, code: 'ETIMEDOUT' }));
      Atomics.wait(this.signal, 0, 0, remaining);
      Atomics.store(this.signal, 0, 0);
      // A batch that timed out earlier may still answer late: skip its message.
      for (let msg = receiveMessageOnPort(this.port); msg; msg = receiveMessageOnPort(this.port)) {
        const answer = msg.message as { id: number; outcomes: WireOutcome[] };
        if (answer.id === id) return answer.outcomes;
      }
    }
  }

  close(): void {
    this.port.close();
    void this.worker.terminate();
  }

  private route(req: WireRequest): WireRequest {
    if (!this.options.upstream) return req;
    const original = new URL(req.url);
    const target = new URL(original.pathname + original.search, this.options.upstream);
    return { ...req, url: target.toString(), headers: { ...req.headers, Host: original.host } };
  }
}
