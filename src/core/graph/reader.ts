// What the reports need from the Graph client: reads of nodes and edges, one page at a time, and many
// independent reads at once. Reports depend on this interface only.
import type { GraphApiError } from './errors';

export interface GraphPage<T> {
  items: T[];
  /** Full next URL (Graph's paging.next, without the access token) or null at the end. */
  next: string | null;
  /** After-cursor, for checkpoints. */
  after: string | null;
}

export interface GraphRequest {
  path: string;
  params?: Record<string, string>;
}

export type GraphResult<T> = { ok: true; value: T } | { ok: false; error: GraphApiError };

export interface GraphReader {
  /** GET a node or edge; params exclude the token. Throws GraphApiError. */
  get<T = any>(path: string, params?: Record<string, string>): T;
  /** The first page of an edge, or the page at a saved `next` URL / `after` cursor. */
  page<T = any>(path: string, params?: Record<string, string>, from?: { next?: string; after?: string }): GraphPage<T>;
  /** Independent GETs in as few round trips as possible (batch where the host supports it, else fetchAll); results in order. */
  getMany<T = any>(requests: GraphRequest[]): GraphResult<T>[];
  /** Calls made so far (what Meta counts: each HTTP request and each operation in a batch). */
  readonly callsUsed: number;
}
