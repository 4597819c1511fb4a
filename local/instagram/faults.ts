// Faults a scenario or a test turns on: transient errors, latency, malformed bodies, truncated pages,
// expired cursors and tokens revoked mid-run. Every decision is drawn from the seed and the call's
// ordinal, so the same scenario and request sequence fail in the same places.
import { PLATFORM_ERRORS, type GraphErrorSpec } from './errors';
import type { FaultSettings } from './handler';
import { unitDraw } from './tokens/random';

export class Faults {
  private settings: FaultSettings;
  private calls = 0;
  private readonly callsByAccount = new Map<string, number>();

  constructor(private readonly seed: number, initial: FaultSettings = {}) {
    this.settings = structuredClone(initial);
  }

  current(): FaultSettings {
    return structuredClone(this.settings);
  }

  set(patch: FaultSettings): void {
    this.settings = { ...this.settings, ...structuredClone(patch) };
  }

  /** Starts one Graph call; returns its ordinal, used by the other decisions. */
  begin(): number {
    this.calls += 1;
    return this.calls;
  }

  /** Counts a call for an account; true when this call is the last before its tokens get revoked. */
  countForRevocation(igUserId: string | undefined): boolean {
    if (!igUserId) return false;
    const made = (this.callsByAccount.get(igUserId) ?? 0) + 1;
    this.callsByAccount.set(igUserId, made);
    const plan = this.settings.revokeTokenOf ?? [];
    const due = plan.find((p) => p.igUserId === igUserId && made >= p.atCall);
    if (!due) return false;
    this.settings.revokeTokenOf = plan.filter((p) => p !== due);
    return true;
  }

  /** A transient error (code 1 / HTTP 500 or code 2 / HTTP 503) instead of the answer, at the set rate. */
  transient(n: number): GraphErrorSpec | undefined {
    if (!(unitDraw(this.seed, 'transient', n) < (this.settings.transientRate ?? 0))) return undefined;
    return unitDraw(this.seed, 'transient-kind', n) < 0.5 ? PLATFORM_ERRORS.unknownError() : PLATFORM_ERRORS.serviceError();
  }

  /** An expired-cursor error for a request that pages with a cursor, when that fault is on. */
  expiredCursor(query: Record<string, string>): GraphErrorSpec | undefined {
    if (!this.settings.expireCursors) return undefined;
    if (query.after !== undefined) return PLATFORM_ERRORS.cursorExpired('After');
    if (query.before !== undefined) return PLATFORM_ERRORS.cursorExpired('Before');
    return undefined;
  }

  /** Drops items from a list page that has a next link (the next link still works). */
  truncate(n: number, body: unknown): unknown {
    if (!(unitDraw(this.seed, 'truncate', n) < (this.settings.truncatedPageRate ?? 0))) return body;
    const page = body as { data?: unknown[]; paging?: { next?: string } } | null;
    if (!page || !Array.isArray(page.data) || page.data.length < 2 || !page.paging?.next) return body;
    return { ...page, data: page.data.slice(0, Math.ceil(page.data.length / 2)) };
  }

  /** Cuts a JSON body off in the middle, at the set rate. */
  malform(n: number, body: string): string {
    if (!(unitDraw(this.seed, 'malformed', n) < (this.settings.malformedRate ?? 0))) return body;
    return body.slice(0, Math.max(1, Math.floor(body.length / 2)));
  }

  latencyMs(): number {
    return this.settings.latencyMs ?? 0;
  }
}
