// How each Graph error is understood, as data: Meta's code and subcode (and, where one code means
// several things, its message) decide the kind, whether a retry can help, and the words a person reads.
// First matching row wins. Reference: instagram-platform.md §9.2, §5.1.
import type { GraphErrorKind } from './errors';

export interface ErrorRule {
  code?: number | [number, number];
  subcode?: number;
  /** Tested against Meta's message when one code covers different situations. */
  message?: RegExp;
  kind: GraphErrorKind;
  retryable: boolean;
  userMessage: string;
  /**
   * An answer that often means something else (reference §9.4): asked again this many times, at least
   * waitMs apart, before it is believed.
   */
  doubt?: ErrorDoubt;
  /** Instagram wants a smaller request: fewer items per page, shorter nested lists, fewer metrics. */
  askLess?: boolean;
}

export interface ErrorDoubt {
  retries: number;
  waitMs: number;
}

const RECONNECT = 'Instagram no longer accepts this account\'s sign-in. Reconnect the account in the Sheetgram sidebar.';
const RATE_LIMIT = 'Instagram\'s request limit for this account was reached. Sheetgram will continue when Instagram allows it again.';
const PERMISSION = 'Instagram refused this request: a permission is missing. Reconnect the account and allow every permission Sheetgram asks for.';

export const ERROR_RULES: readonly ErrorRule[] = [
  { code: 10, message: /not enough viewers/i, kind: 'skip_item', retryable: false, userMessage: 'Instagram shows no insights for items seen by fewer than 5 people.' },
  { subcode: 2108006, kind: 'skip_item', retryable: false, userMessage: 'Insights are not available for posts published before this account became a business account.' },
  // "Object does not exist" also comes back under load and clears on a retry (§9.4): asked again before a post or its insights is dropped.
  { code: 100, subcode: 33, kind: 'not_found', retryable: true, doubt: { retries: 2, waitMs: 5_000 }, userMessage: 'Instagram could not find this item, or this account may not read it.' },
  { code: 100, message: /metric.*(no longer supported|not supported|must be one of)|does not support the \w+ metric/i, kind: 'unsupported_metric', retryable: false, userMessage: 'Instagram does not offer this metric for this item.' },
  { code: 100, kind: 'invalid', retryable: false, userMessage: 'Instagram did not accept this request.' },
  // HTTP 500 that fails again until the request asks for less (§9.4): not retried as it is; the plans shrink it.
  { code: 1, message: /reduce the amount of data/i, kind: 'invalid', retryable: false, askLess: true, userMessage: 'Instagram asked Sheetgram to ask for less data at a time.' },
  { code: 1, kind: 'transient', retryable: true, userMessage: 'Instagram had a temporary problem. Sheetgram will try again.' },
  { code: 2, kind: 'transient', retryable: true, userMessage: 'Instagram was temporarily unavailable. Sheetgram will try again.' },
  { code: 4, kind: 'rate_limit', retryable: true, userMessage: 'This Meta app reached Instagram\'s request limit. Sheetgram will continue when Instagram allows it again.' },
  { code: 17, kind: 'rate_limit', retryable: true, userMessage: RATE_LIMIT },
  { code: 32, kind: 'rate_limit', retryable: true, userMessage: RATE_LIMIT },
  { code: 341, kind: 'rate_limit', retryable: true, userMessage: RATE_LIMIT },
  { code: 613, kind: 'rate_limit', retryable: true, userMessage: RATE_LIMIT },
  { code: 80002, kind: 'rate_limit', retryable: true, userMessage: RATE_LIMIT },
  { code: 368, kind: 'rate_limit', retryable: true, userMessage: 'Instagram has temporarily blocked requests from this app. Sheetgram will wait before trying again.' },
  { code: 190, subcode: 459, kind: 'auth', retryable: false, userMessage: 'Instagram needs you to log in on instagram.com or facebook.com and confirm your account, then reconnect it in Sheetgram.' },
  { code: 190, subcode: 464, kind: 'auth', retryable: false, userMessage: 'Your Facebook account is not confirmed yet. Confirm it, then reconnect the account in Sheetgram.' },
  { code: 190, kind: 'auth', retryable: false, userMessage: RECONNECT },
  { code: 102, kind: 'auth', retryable: false, userMessage: RECONNECT },
  { code: 24, subcode: 2207008, kind: 'transient', retryable: true, userMessage: 'Instagram was not ready with this item yet. Sheetgram will try again.' },
  { code: 24, kind: 'not_found', retryable: false, userMessage: 'Instagram could not find this item.' },
  // A restricted (paused) account: only the person can lift it on Instagram; its reports wait like on a missing permission.
  { code: 25, subcode: 2207050, kind: 'permission', retryable: false, userMessage: 'Instagram has restricted this account. Log in on instagram.com and do what it asks, then reconnect the account or save the report again.' },
  { code: 3, kind: 'permission', retryable: false, userMessage: PERMISSION },
  { code: 10, kind: 'permission', retryable: false, userMessage: PERMISSION },
  { code: [200, 299], kind: 'permission', retryable: false, userMessage: PERMISSION },
];

/** When Meta sent an error we have no row for. */
export const UNKNOWN_ERROR: Omit<ErrorRule, 'code'> = { kind: 'invalid', retryable: false, userMessage: 'Instagram did not accept this request.' };
export const TRANSIENT_HINT: Omit<ErrorRule, 'code'> = { kind: 'transient', retryable: true, userMessage: 'Instagram had a temporary problem. Sheetgram will try again.' };

/** Failures that carry no Graph error: by what happened on the way. */
export const WAYSIDE_RULES = {
  serverError: { kind: 'transient', retryable: true, userMessage: 'Instagram was temporarily unavailable. Sheetgram will try again.' },
  tooManyRequests: { kind: 'rate_limit', retryable: true, userMessage: RATE_LIMIT },
  malformed: { kind: 'malformed', retryable: true, userMessage: 'Instagram sent an answer Sheetgram could not read. Sheetgram will try again.' },
  network: { kind: 'network', retryable: true, userMessage: 'Sheetgram could not reach Instagram. It will try again.' },
  oauth: { kind: 'auth', retryable: false, userMessage: 'Instagram did not accept the sign-in. Connect the account again.' },
  oauthRateLimit: { kind: 'rate_limit', retryable: true, userMessage: RATE_LIMIT },
} as const satisfies Record<string, Omit<ErrorRule, 'code'>>;

function codeMatches(rule: ErrorRule, code: number | undefined): boolean {
  if (rule.code === undefined) return true;
  if (code === undefined) return false;
  return Array.isArray(rule.code) ? code >= rule.code[0] && code <= rule.code[1] : code === rule.code;
}

export function findRule(code: number | undefined, subcode: number | undefined, message: string): ErrorRule | undefined {
  return ERROR_RULES.find((rule) => codeMatches(rule, code)
    && (rule.subcode === undefined || rule.subcode === subcode)
    && (rule.message === undefined || rule.message.test(message)));
}
