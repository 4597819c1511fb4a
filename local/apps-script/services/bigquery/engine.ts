// The SQL engine, synchronously: DuckDB runs in a worker thread (engine-worker.mjs) and each call
// here blocks on Atomics.wait until the worker answers, as Apps Script's calls block. One worker
// serves the whole process (starting DuckDB takes a while); each runtime gets its own in-memory
// database in it, so state never leaks between runtimes. The worker is unref'd: it never keeps Node
// alive, and a database whose owner is garbage-collected is closed.
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';

/** A query parameter as bound: text (or a list of texts); the SQL casts it to its type. */
export interface EngineParam {
  list: boolean;
  value: string | null | (string | null)[];
}

export type EngineStep =
  | { sql: string; params?: Record<string, EngineParam>; read?: boolean }
  | { append: { table: string; rows: (string | null)[][] } };

export interface EngineResult {
  columns: { name: string; type: string }[];
  rows: unknown[][];
  changed: number | null;
}

export class EngineError extends Error {
  constructor(
    message: string,
    /** Index of the step that failed (-1: before any). */
    readonly step: number,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

/** Real time to wait for DuckDB before giving up: statements here are small. */
const ANSWER_TIMEOUT_MS = 120_000;

class EngineWorker {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  private next = 0;

  constructor() {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(new URL('./engine-worker.mjs', import.meta.url), { workerData: { port: port2, signal: this.signal }, transferList: [port2] });
    this.worker.unref();
    // Without this an unanswered port would keep the event loop busy.
    (this.port as unknown as { unref?: () => void }).unref?.();
  }

  request(message: Record<string, unknown>): any {
    const id = ++this.next;
    Atomics.store(this.signal, 0, 0);
    this.port.postMessage({ id, ...message });
    const deadline = performance.now() + ANSWER_TIMEOUT_MS;
    for (;;) {
      for (let msg = receiveMessageOnPort(this.port); msg; msg = receiveMessageOnPort(this.port)) {
        const answer = msg.message as { id: number };
        if (answer.id === id) return answer;
      }
      const remaining = deadline - performance.now();
      if (remaining <= 0) throw new Error('The local BigQuery engine (DuckDB worker) did not answer in time');
      Atomics.wait(this.signal, 0, 0, remaining);
      Atomics.store(this.signal, 0, 0);
    }
  }

  post(message: Record<string, unknown>): void {
    this.port.postMessage({ id: 0, noReply: true, ...message });
  }
}

let shared: EngineWorker | undefined;
const worker = () => (shared ??= new EngineWorker());

let databases = 0;
const closer = new FinalizationRegistry<number>((db) => shared?.post({ op: 'close', db }));

/** One in-memory DuckDB database, opened on first use. */
export class Database {
  private id: number | undefined;

  /** Runs steps in order (in one transaction when asked); `now` (a TIMESTAMPTZ literal) sets bq_now. */
  run(steps: EngineStep[], options: { transaction?: boolean; now?: string } = {}): EngineResult[] {
    const db = this.open();
    const answer = worker().request({ op: 'run', db, steps, transaction: options.transaction ?? false, now: options.now });
    if (!answer.ok) throw new EngineError(answer.error, answer.step);
    return answer.results as EngineResult[];
  }

  /** One statement, its rows read. */
  read(sql: string, now?: string): EngineResult {
    return this.run([{ sql, read: true }], { now })[0];
  }

  close(): void {
    if (this.id === undefined) return;
    closer.unregister(this);
    worker().request({ op: 'close', db: this.id });
    this.id = undefined;
  }

  private open(): number {
    if (this.id !== undefined) return this.id;
    const id = ++databases;
    const answer = worker().request({ op: 'open', db: id });
    if (!answer.ok) throw new EngineError(answer.error, -1);
    this.id = id;
    closer.register(this, id, this);
    return id;
  }
}
