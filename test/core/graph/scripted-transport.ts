// A Transport for tests: pops scripted responses (or failures) in order and records every request.
import type { HttpRequest, HttpResponse, Transport } from '../../../src/core/ports';

export type Scripted = HttpResponse | { throws: string } | ((request: HttpRequest) => HttpResponse);

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): HttpResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

export function graphError(code: number, message: string, extra: Record<string, unknown> = {}, status = 400, headers: Record<string, string> = {}): HttpResponse {
  return json({ error: { message, type: 'OAuthException', code, fbtrace_id: 'TRACE1', ...extra } }, status, headers);
}

export class ScriptedTransport implements Transport {
  readonly requests: HttpRequest[] = [];
  readonly sendAllSizes: number[] = [];
  constructor(private readonly script: Scripted[] = []) {}

  push(...responses: Scripted[]): this {
    this.script.push(...responses);
    return this;
  }

  send(request: HttpRequest): HttpResponse {
    this.requests.push(request);
    const next = this.script.shift();
    if (next === undefined) throw new Error(`ScriptedTransport: no response left for ${request.method} ${request.url}`);
    if (typeof next === 'function') return next(request);
    if ('throws' in next) throw new Error(next.throws);
    return next;
  }

  sendAll(requests: HttpRequest[]): HttpResponse[] {
    this.sendAllSizes.push(requests.length);
    return requests.map((r) => this.send(r));
  }

  get urls(): string[] {
    return this.requests.map((r) => r.url);
  }
}
