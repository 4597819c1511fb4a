// Field lists for Graph requests, and the one retry for fields Meta documents unclearly: on Instagram
// Login some fields may be refused (one bad field fails the whole call), so the call is made again without them.
import { isGraphError, type GraphPage, type GraphReader } from '../graph-contract';
import type { PlanContext } from './plan';

/** Fields whose availability on graph.instagram.com is uncertain (reference: "could not be verified"). */
export const UNCERTAIN_ON_INSTAGRAM_LOGIN = ['caption', 'media_product_type', 'biography', 'website'];

export interface FieldFallback<T> {
  value: T;
  /** Fields left out because the host refused them. */
  dropped: string[];
}

function refusedField(e: unknown): boolean {
  // "Reduce the amount of data" is kind invalid too, but a smaller request is its answer, not fewer fields.
  return isGraphError(e) && e.kind === 'invalid' && !e.askLess;
}

/** Calls with all fields; if Instagram Login refuses, calls once more without the uncertain ones. */
export function withFieldFallback<T>(ctx: PlanContext, fields: string[], call: (fields: string[]) => T): FieldFallback<T> {
  try {
    return { value: call(fields), dropped: [] };
  } catch (e) {
    const uncertain = fields.filter((f) => UNCERTAIN_ON_INSTAGRAM_LOGIN.includes(f));
    if (ctx.flow !== 'instagram' || !uncertain.length || !refusedField(e)) throw e;
    return { value: call(fields.filter((f) => !uncertain.includes(f))), dropped: uncertain };
  }
}

export function droppedNote(dropped: string[]): string[] {
  return dropped.length ? [`Instagram Login did not accept the field(s) ${dropped.join(', ')}; those columns stay empty.`] : [];
}

/** A page from a saved position: the after-cursor when there is one, else the next URL. */
export function pageFrom<T>(reader: GraphReader, path: string, params: Record<string, string>, next: unknown, after: unknown): GraphPage<T> {
  const from = typeof after === 'string' ? { after } : typeof next === 'string' ? { next } : undefined;
  return reader.page<T>(path, params, from);
}

/** Graph's next URLs carry the access token: never keep it in a checkpoint. */
export function withoutCredentials(url: string | null): string | null {
  if (url === null) return null;
  const [base, query = ''] = url.split('?', 2);
  const kept = query.split('&').filter((p) => p !== '' && !/^(access_token|appsecret_proof)=/.test(p));
  return kept.length ? `${base}?${kept.join('&')}` : base;
}

/** Where to continue after a page, safe to save. */
export function cursorAfter(page: GraphPage<unknown>): { next: string | null; after: string | null } {
  return { next: withoutCredentials(page.next), after: page.after };
}
