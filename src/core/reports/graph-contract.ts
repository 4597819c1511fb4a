// The slice of the Graph client (src/core/graph) that reports depend on, declared structurally so the
// reports compile and test on their own. The real GraphReader and GraphApiError satisfy these shapes.

export type GraphErrorKind =
  | 'auth' | 'permission' | 'rate_limit' | 'transient' | 'invalid' | 'not_found'
  | 'skip_item' | 'unsupported_metric' | 'network' | 'malformed';

export interface GraphError extends Error {
  readonly name: 'GraphApiError';
  readonly kind: GraphErrorKind;
  readonly code?: number;
  readonly subcode?: number;
  readonly retryable: boolean;
  readonly userMessage: string;
}

export interface GraphPage<T> {
  items: T[];
  next: string | null;
  after: string | null;
}

export interface GraphRequest {
  path: string;
  params?: Record<string, string>;
}

export type GraphResult<T> = { ok: true; value: T } | { ok: false; error: GraphError };

export interface GraphReader {
  get<T = any>(path: string, params?: Record<string, string>): T;
  page<T = any>(path: string, params?: Record<string, string>, from?: { next?: string; after?: string }): GraphPage<T>;
  getMany<T = any>(requests: GraphRequest[]): GraphResult<T>[];
  readonly callsUsed: number;
}

/** By shape, not instanceof: errors may come from another realm (the Apps Script bundle). */
export function isGraphError(e: unknown): e is GraphError {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'GraphApiError'
    && typeof (e as { kind?: unknown }).kind === 'string';
}
