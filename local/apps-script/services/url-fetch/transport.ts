// What a transport moves: one batch of requests out, one outcome per request back (an answer or a
// network failure code). fetch sends a batch of one; fetchAll sends all its requests at once.

export interface WireRequest {
  /** Upper-case, as on the wire. */
  method: string;
  url: string;
  headers: Record<string, string>;
  body: Uint8Array;
  timeoutMs: number;
  validateHttpsCertificates: boolean;
}

export interface WireResponse {
  status: number;
  /** In arrival order; a header may repeat (Set-Cookie). */
  headers: [string, string][];
  body: Uint8Array;
}

export type WireOutcome = { ok: true; response: WireResponse } | { ok: false; code: string };

export interface Transport {
  exchange(requests: WireRequest[]): WireOutcome[];
  close(): void;
}
