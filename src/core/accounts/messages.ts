// What a person reads when connecting fails, keyed by what went wrong. Plain words for a social media
// manager; never a token, never a raw error code alone. "Try again" names the button the person used in
// the sidebar: Get sign-in link for a new account, Reconnect or Add permission next to a connected one.

export type ConnectProblem =
  | 'consent_denied'
  | 'missing_permissions'
  | 'personal_account'
  | 'no_linked_page'
  | 'code_used'
  | 'state_invalid'
  | 'setup_missing'
  | 'setup_wrong'
  | 'instagram_error';

/** The sidebar's button that starts a sign-in, and the account it was next to (for a reconnect). */
export interface ConnectAttempt {
  button: 'Get sign-in link' | 'Reconnect' | 'Add permission';
  /** "@sunny.creates" when the sign-in renews a connected account. */
  account?: string;
}

/** Connecting a new account: the connect block's button. */
export const NEW_CONNECTION: ConnectAttempt = { button: 'Get sign-in link' };

/** "click Get sign-in link", "click Reconnect next to @sunny.creates". */
export function clickText(attempt: ConnectAttempt): string {
  return attempt.account ? `click ${attempt.button} next to ${attempt.account}` : `click ${attempt.button}`;
}

export const CONNECT_MESSAGES: Record<ConnectProblem, (detail: string, attempt: ConnectAttempt) => string> = {
  consent_denied: (_detail, attempt) =>
    `You chose not to allow Sheetgram. ${attempt.account ? `${attempt.account} stays as it was.` : 'Nothing was connected.'} Open the sidebar and ${clickText(attempt)} to try again.`,
  missing_permissions: (missing, attempt) =>
    `Instagram did not grant every permission Sheetgram asked for (missing: ${missing}). Open the sidebar, ${clickText(attempt)} again and leave all permissions ticked.`,
  personal_account: () =>
    'This is a personal Instagram account. Sheetgram works with professional accounts: switch to a Business or Creator account in Instagram (Settings > Account type and tools), then connect again.',
  no_linked_page: (hint) =>
    `None of the Facebook Pages you allowed is linked to an Instagram professional account. Link the account to a Page (Meta Business Suite > Settings > Instagram), or connect with Instagram Login instead.${hint ? ` ${hint}` : ''}`,
  code_used: (_detail, attempt) =>
    `This sign-in link was already used or has expired. Open the sidebar and ${clickText(attempt)} again.`,
  state_invalid: (_detail, attempt) =>
    `This sign-in did not start from this spreadsheet, or it took longer than an hour. Open the sidebar and ${clickText(attempt)} again.`,
  setup_missing: (names) =>
    `Sheetgram is not set up yet: whoever deployed it must set these Script Properties: ${names} (see docs/deploy.md).`,
  setup_wrong: (what) =>
    `Instagram did not accept Sheetgram's app settings (${what}). Whoever deployed Sheetgram should check them against the Meta app (see docs/deploy.md).`,
  instagram_error: (detail, attempt) => `Instagram refused the connection: ${detail}. Open the sidebar and ${clickText(attempt)} to try again.`,
};

/** Something went wrong that Sheetgram has no words for. */
export function unexpectedConnectText(attempt: ConnectAttempt = NEW_CONNECTION): string {
  return `Something went wrong while connecting. Open the sidebar and ${clickText(attempt)} to try again.`;
}

export class ConnectError extends Error {
  override readonly name = 'ConnectError';
  constructor(readonly problem: ConnectProblem, readonly detail = '') {
    super(CONNECT_MESSAGES[problem](detail, NEW_CONNECTION));
  }

  /** The message for the sign-in the person started (its button, its account). */
  messageFor(attempt: ConnectAttempt): string {
    return CONNECT_MESSAGES[this.problem](this.detail, attempt);
  }
}
