// What a person reads when connecting fails, keyed by what went wrong. Plain words for a social media
// manager; never a token, never a raw error code alone.

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

export const CONNECT_MESSAGES: Record<ConnectProblem, (detail: string) => string> = {
  consent_denied: () =>
    'You chose not to allow Sheetgram. Nothing was connected. Open the sidebar and click Connect to try again.',
  missing_permissions: (missing) =>
    `Instagram did not grant every permission Sheetgram asked for (missing: ${missing}). Click Connect again and leave all permissions ticked.`,
  personal_account: () =>
    'This is a personal Instagram account. Sheetgram works with professional accounts: switch to a Business or Creator account in Instagram (Settings > Account type and tools), then connect again.',
  no_linked_page: (hint) =>
    `None of the Facebook Pages you allowed is linked to an Instagram professional account. Link the account to a Page (Meta Business Suite > Settings > Instagram), or connect with Instagram Login instead.${hint ? ` ${hint}` : ''}`,
  code_used: () =>
    'This sign-in link was already used or has expired. Open the sidebar and click Connect again.',
  state_invalid: () =>
    'This sign-in did not start from this spreadsheet, or it took longer than an hour. Open the sidebar and click Connect again.',
  setup_missing: (names) =>
    `Sheetgram is not set up yet: whoever deployed it must set these Script Properties: ${names} (see docs/deploy.md).`,
  setup_wrong: (what) =>
    `Instagram did not accept Sheetgram's app settings (${what}). Whoever deployed Sheetgram should check them against the Meta app (see docs/deploy.md).`,
  instagram_error: (detail) => `Instagram refused the connection: ${detail}. Click Connect to try again.`,
};

export class ConnectError extends Error {
  override readonly name = 'ConnectError';
  constructor(readonly problem: ConnectProblem, detail = '') {
    super(CONNECT_MESSAGES[problem](detail));
  }
}
