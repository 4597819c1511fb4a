// How a failure reaches the sidebar: an Error whose message is "[sheetgram:<kind>] <sentence>", the
// kinds the sidebar knows how to explain, with every secret removed. The table maps what went wrong
// to the kind; the sentence is the failure's own plain words.
import { isGraphApiError, type GraphErrorKind } from '../graph/errors';
import { redact } from '../graph/redact';
import { isQuotaExhaustedError } from '../quota/quota-exhausted';

export type SidebarErrorKind =
  | 'reconnect_needed' | 'rate_limited' | 'permission_missing' | 'setup_missing' | 'not_found' | 'busy' | 'invalid_input' | 'instagram_unavailable';

/** A failure Sheetgram raises on purpose, already in plain words. */
export class SidebarError extends Error {
  override readonly name = 'SidebarError';
  constructor(readonly kind: SidebarErrorKind, message: string) {
    super(message);
  }
}

const GRAPH_KINDS: Record<GraphErrorKind, SidebarErrorKind | null> = {
  auth: 'reconnect_needed', permission: 'permission_missing', rate_limit: 'rate_limited', transient: 'instagram_unavailable',
  network: 'instagram_unavailable', malformed: 'instagram_unavailable', not_found: 'not_found', invalid: null,
  skip_item: null, unsupported_metric: null,
};

/** Named errors from elsewhere in the core, by their literal name. */
const NAMED_KINDS: Record<string, SidebarErrorKind> = { InputError: 'invalid_input', ConnectError: 'invalid_input' };

/** What a field tag may hold (rpc.ts InputField): an input key, or settings.<id>. */
const FIELD = /^[A-Za-z]+(?:\.[A-Za-z]+)?$/;

/** The Error to throw back to google.script.run. */
export function toSidebarError(e: unknown, secrets: readonly string[] = []): Error {
  const name = (e as { name?: unknown } | null)?.name;
  let kind: SidebarErrorKind | null = null;
  let message = e instanceof Error || (typeof e === 'object' && e !== null && 'message' in e) ? String((e as { message: unknown }).message) : String(e);
  if (e instanceof SidebarError) kind = e.kind;
  else if (isGraphApiError(e)) {
    kind = GRAPH_KINDS[e.kind];
    message = e.userMessage;
  } else if (isQuotaExhaustedError(e)) kind = 'rate_limited';
  else if (name === 'ConnectError' && (e as { problem?: unknown }).problem === 'setup_missing') kind = 'setup_missing';
  else if (typeof name === 'string' && NAMED_KINDS[name]) kind = NAMED_KINDS[name];
  const text = redact(message, secrets);
  // A refused input names the field it is about (InputError.field), so the editor can show it there.
  const field = kind === 'invalid_input' ? (e as { field?: unknown } | null)?.field : undefined;
  const fieldTag = typeof field === 'string' && FIELD.test(field) ? `[field:${field}] ` : '';
  return new Error(kind ? `[sheetgram:${kind}] ${fieldTag}${text}` : text);
}
