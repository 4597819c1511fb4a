// The in-process transport: calls a handler function synchronously, fast and deterministic. A handler
// simulates a network failure by throwing an error whose `code` is a Node error code (ECONNRESET...).
import { decode, utf8 } from './bytes';
import { NETWORK_FAILURES } from './messages';
import type { Transport, WireOutcome, WireRequest } from './transport';

export interface HandlerRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface HandlerResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type Handler = (req: HandlerRequest) => HandlerResponse;

export class InProcessTransport implements Transport {
  constructor(private readonly handler: Handler) {}

  exchange(requests: WireRequest[]): WireOutcome[] {
    return requests.map((req) => this.one(req));
  }

  close(): void {}

  private one(req: WireRequest): WireOutcome {
    let answer: HandlerResponse;
    try {
      answer = this.handler({ method: req.method, url: req.url, headers: { ...req.headers }, body: decode(req.body) });
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'string' && code in NETWORK_FAILURES) return { ok: false, code };
      throw error;
    }
    return {
      ok: true,
      response: { status: answer.status, headers: Object.entries(answer.headers ?? {}), body: utf8(answer.body ?? '') },
    };
  }
}
