// Turns a failed server call into a sentence a person can act on. Sheetgram's own failures carry a
// `[sheetgram:<kind>]` tag (see rpc.ts); Apps Script's own failures are recognised by their wording.
import type { SidebarErrorKind } from '../../contract/sidebar';

const KIND_SENTENCES: Record<SidebarErrorKind, string> = {
  reconnect_needed: 'Instagram no longer accepts this account\'s sign-in. Click Reconnect next to the account and sign in again; your tabs and reports stay.',
  // Meta's limit for the account: per hour or per rolling day, whichever Meta's answer (given before this) names.
  rate_limited: 'Meta\'s limit of calls for this account is reached (hourly or daily, as Meta\'s answer says). Sheetgram carries on by itself when Meta allows calls again; nothing is lost.',
  permission_missing: 'This account did not grant the permission this report needs. Click Add permission next to the account and allow it.',
  setup_missing: 'Sheetgram is not set up yet: whoever installed it must finish the setup (docs/deploy.md).',
  not_found: 'That item no longer exists; the sidebar has been refreshed.',
  busy: 'Sheetgram is already working on this spreadsheet. Try again in a minute.',
  invalid_input: 'Some of the choices cannot be saved. Check the highlighted fields.',
  instagram_unavailable: 'Instagram is not answering right now. Try again in a few minutes.',
};

/** Apps Script's own failures, matched on their message, first match wins. */
const PLATFORM_FAILURES: Array<[RegExp, string]> = [
  [/authorization is required|permissions are not sufficient/i, 'Google asks you to allow Sheetgram again: close this sidebar, open it from Extensions > Sheetgram and accept.'],
  [/exceeded maximum execution time/i, 'Google stopped the work after six minutes. Sheetgram continues where it stopped on the next hourly run.'],
  [/service invoked too many times for one day: urlfetch/i, 'Google\'s daily limit of calls to other services (UrlFetch) for your Google account is used up. Sheetgram continues tomorrow, around this time.'],
  [/service invoked too many times|bandwidth quota exceeded|too many simultaneous/i, 'Google\'s daily limit for this account is reached. Sheetgram tries again tomorrow.'],
  [/exceeded the property storage quota/i, 'This spreadsheet\'s storage for add-ons (Google\'s 500 KB of document properties) is full. Delete Sheetgram reports you no longer need, then try again.'],
  [/networkerror|connection failure|failed to fetch/i, 'The connection to Google dropped. Check your internet connection and try again.'],
  [/lock timeout|could not obtain lock/i, KIND_SENTENCES.busy],
];

const TAG = /\[sheetgram:([a-z_]+)\]\s*/;
/** Right after the kind, a refused input may name its field (rpc.ts InputField). */
const FIELD_TAG = /^\[field:([A-Za-z]+(?:\.[A-Za-z]+)?)\]\s*/;

/** A sentence that already is what the alert should say, such as the editor's summary of marked fields. */
export class AlertSentence extends Error {
  override readonly name = 'AlertSentence';
}

// Defence in depth: the server never sends tokens, but a raw message must not show one even by mistake.
export function redactTokens(text: string): string {
  return text
    .replace(/access_token=[^&\s"']+/gi, 'access_token=[hidden]')
    .replace(/\b(?:EAA|IG[A-Za-z]{2})[A-Za-z0-9_-]{20,}/g, '[hidden]');
}

/** The tagged kind, the field it names if any, and the server's sentence after the tags, when the failure is one of Sheetgram's own. */
function tagged(raw: string): { kind: SidebarErrorKind; field: string | null; detail: string } | null {
  const match = TAG.exec(raw);
  if (!match || !(match[1] in KIND_SENTENCES)) return null;
  const rest = raw.slice(match.index + match[0].length).trim();
  const field = FIELD_TAG.exec(rest);
  return { kind: match[1] as SidebarErrorKind, field: field?.[1] ?? null, detail: redactTokens(field ? rest.slice(field[0].length).trim() : rest) };
}

export function errorKind(error: unknown): SidebarErrorKind | null {
  return tagged(messageOf(error))?.kind ?? null;
}

/** The input field a refused save is about ("settings.competitors"), or null. */
export function errorField(error: unknown): string | null {
  return tagged(messageOf(error))?.field ?? null;
}

/** The server's own sentence alone, for beside a field; describeError when there is none. */
export function errorDetail(error: unknown): string {
  return tagged(messageOf(error))?.detail || describeError(error);
}

/** One or two sentences for the error region: the server's detail when it adds any, then the kind's advice. */
export function describeError(error: unknown): string {
  if (error instanceof AlertSentence) return error.message;
  const raw = messageOf(error);
  const own = tagged(raw);
  if (own) {
    const advice = KIND_SENTENCES[own.kind];
    return own.detail && own.detail !== advice ? `${own.detail} ${advice}` : advice;
  }
  const known = PLATFORM_FAILURES.find(([pattern]) => pattern.test(raw));
  if (known) return known[1];
  const plain = redactTokens(raw.replace(/^(?:Error|Exception|ScriptError):\s*/i, '').trim());
  return plain ? `Something went wrong: ${plain}` : 'Something went wrong. Try again.';
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  if (error && typeof error === 'object' && 'message' in error) return String((error as { message: unknown }).message);
  return '';
}
