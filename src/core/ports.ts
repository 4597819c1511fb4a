// The small interfaces through which the pure core reaches the outside world. src/gas implements
// them over Apps Script services; tests implement them in memory.

/** One HTTP exchange. Headers are lower-case on responses. */
export interface HttpRequest {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  /** Form fields (sent application/x-www-form-urlencoded) or a raw string body. */
  body?: Record<string, string> | string;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Sends requests; never throws for an HTTP status, only for a network failure. */
export interface Transport {
  send(request: HttpRequest): HttpResponse;
  /** Independent requests at once (UrlFetchApp.fetchAll); same order as given. */
  sendAll(requests: HttpRequest[]): HttpResponse[];
}

/** A string key/value store: PropertiesService in Apps Script. Missing keys read as null. */
export interface KeyValueStore {
  get(key: string): string | null;
  getAll(): Record<string, string>;
  set(key: string, value: string): void;
  setAll(values: Record<string, string>): void;
  delete(key: string): void;
}

/** A short-lived cache: CacheService in Apps Script. Entries may vanish early. */
export interface Cache {
  get(key: string): string | null;
  put(key: string, value: string, ttlSeconds: number): void;
  remove(key: string): void;
}

/** A mutual-exclusion lock: LockService in Apps Script. */
export interface Lock {
  /** Waits up to timeoutMs; true when acquired. */
  tryLock(timeoutMs: number): boolean;
  release(): void;
}

/** Time, injected so tests and the local runtime control it. */
export interface Clock {
  now(): number;
  sleep(ms: number): void;
}

/** Where diagnostics go. Messages must never contain a token. */
export interface Log {
  info(message: string): void;
  warn(message: string): void;
}
