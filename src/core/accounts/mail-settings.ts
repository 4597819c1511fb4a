// Who hears from Sheetgram by e-mail, per person: failure e-mails (a report that keeps failing, a
// spreadsheet out of room) and sign-in e-mails (a Facebook sign-in about to expire, an account to
// reconnect, a permission to allow), each on or off, and the Weekly Digest (off unless asked for), sent
// to the person's own address or to a list of addresses they typed. Kept compactly in the person's user
// properties; absent means the defaults (failures and sign-ins on, no digest, to the person's own
// address), so nothing is stored until someone changes them.

/** What an e-mail is about: the kinds a person turns on or off, and alerts (on where the person set them on an account). */
export type MailKind = 'failure' | 'sign_in' | 'alert' | 'digest';

export interface MailSettings {
  failures: boolean;
  signIns: boolean;
  /** The Weekly Digest of each spreadsheet where the person's reports run, on Mondays. */
  digest: boolean;
  /** Where every kind goes; empty: the person's own address. */
  to: string[];
  /** Where the digest goes instead (a team, a manager); empty: where the others go. */
  digestTo: string[];
}

/** The user property holding a person's settings. */
export const MAIL_SETTINGS_KEY = 'sheetgram.mail';

/** More would spend the person's daily e-mail quota (100 recipients on gmail.com) in a few ticks. */
export const MAX_ADDRESSES = 5;

export const DEFAULT_MAIL_SETTINGS: MailSettings = { failures: true, signIns: true, digest: false, to: [], digestTo: [] };

/** One address as people type them: something@domain.tld, no spaces, no display name. */
const ADDRESS = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\.]{2,}$/;

/** The settings stored under MAIL_SETTINGS_KEY; anything unreadable counts as the defaults. */
export function parseMailSettings(raw: string | null | undefined): MailSettings {
  if (!raw) return { ...DEFAULT_MAIL_SETTINGS };
  try {
    const stored = JSON.parse(raw) as { f?: unknown; s?: unknown; d?: unknown; t?: unknown; g?: unknown };
    const list = (text: unknown) => (typeof text === 'string' ? text.split(',').filter((a) => ADDRESS.test(a)) : []);
    return { failures: stored.f !== 0, signIns: stored.s !== 0, digest: stored.d === 1, to: list(stored.t), digestTo: list(stored.g) };
  } catch {
    return { ...DEFAULT_MAIL_SETTINGS };
  }
}

/** The compact form: only what differs from the defaults ({"f":0,"d":1,"t":"a@b.co","g":"team@b.co"}); null for the defaults (delete the property). */
export function serializeMailSettings(settings: MailSettings): string | null {
  const stored: { f?: 0; s?: 0; d?: 1; t?: string; g?: string } = {};
  if (!settings.failures) stored.f = 0;
  if (!settings.signIns) stored.s = 0;
  if (settings.digest) stored.d = 1;
  if (settings.to.length) stored.t = settings.to.join(',');
  if (settings.digestTo.length) stored.g = settings.digestTo.join(',');
  return Object.keys(stored).length ? JSON.stringify(stored) : null;
}

/** Addresses typed in one box, split on commas, semicolons, spaces or new lines. */
export function splitAddresses(text: string): string[] {
  return text.split(/[\s,;]+/).map((a) => a.trim()).filter(Boolean);
}

/**
 * What the sidebar sent, checked: the switches are booleans (the digest's may be absent: off), `to` is
 * 'me' or a list of addresses (text or an array), `digestTo` absent, empty or such a list. A person's
 * sentence when it is not valid.
 */
export function checkMailSettings(input: unknown): MailSettings | string {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return 'Choose which e-mails Sheetgram sends.';
  const raw = input as { failures?: unknown; signIns?: unknown; digest?: unknown; to?: unknown; digestTo?: unknown };
  if (typeof raw.failures !== 'boolean' || typeof raw.signIns !== 'boolean' || (raw.digest !== undefined && typeof raw.digest !== 'boolean')) return 'Tick or untick each kind of e-mail.';
  const kinds = { failures: raw.failures, signIns: raw.signIns, digest: raw.digest === true };
  const digestTo = raw.digestTo === undefined ? [] : addressList(raw.digestTo, 'the Weekly Digest');
  if (typeof digestTo === 'string') return `${DIGEST_ADDRESSES_REFUSED}${digestTo}`;
  if (raw.to === 'me' || raw.to === undefined) return { ...kinds, to: [], digestTo };
  const to = addressList(raw.to, "Sheetgram's e-mails");
  if (typeof to === 'string') return to;
  if (!to.length) return 'Type at least one address, or choose your own address.';
  return { ...kinds, to, digestTo };
}

/** How a refusal of the digest's own addresses starts, so the sidebar marks that box. */
export const DIGEST_ADDRESSES_REFUSED = 'For the Weekly Digest: ';

/** Typed addresses, checked and without repeats; a sentence naming what they are for when they are not valid. */
function addressList(value: unknown, forWhat: string): string[] | string {
  const typed = typeof value === 'string' ? splitAddresses(value)
    : Array.isArray(value) && value.every((a) => typeof a === 'string') ? (value as string[]).flatMap(splitAddresses) : null;
  if (typed === null) return `Type the addresses to send ${forWhat} to.`;
  const list = [...new Map(typed.map((a) => [a.toLowerCase(), a])).values()];
  const wrong = list.filter((a) => !ADDRESS.test(a));
  if (wrong.length) return `${wrong.length === 1 ? 'This is not an e-mail address' : 'These are not e-mail addresses'}: ${wrong.slice(0, 3).join(', ')}. Type addresses like name@example.com, separated by commas.`;
  if (list.length > MAX_ADDRESSES) return `Type at most ${MAX_ADDRESSES} addresses: every address counts toward Google's daily e-mail limit.`;
  return list;
}

/** Who gets an e-mail of this kind: nobody when the person turned the kind off. */
export function recipientsOf(settings: MailSettings, kind: MailKind, ownAddress: string): string[] {
  // Alerts are asked for account by account: where they are set, they go.
  const on = { failure: settings.failures, sign_in: settings.signIns, digest: settings.digest, alert: true }[kind];
  if (!on) return [];
  if (kind === 'digest' && settings.digestTo.length) return settings.digestTo;
  if (settings.to.length) return settings.to;
  return ownAddress ? [ownAddress] : [];
}

/** The last lines of every e-mail: why the reader gets it and where to change that. */
export function mailFooter(kind: MailKind): string {
  if (kind === 'digest') return '\n--\nThis is Sheetgram\'s Weekly Digest, which you asked for under E-mails in the sidebar (Extensions > Sheetgram > Open sidebar, then E-mails). Untick it there to stop it. The "Weekly Digest" tab of the spreadsheet has the same figures.\n';
  if (kind === 'alert') return '\n--\nThis is one of Sheetgram\'s alerts, set on the account in the sidebar (Extensions > Sheetgram > Open sidebar, then Alerts on the account). To send them to other addresses: E-mails in the sidebar.\n';
  const what = kind === 'failure' ? 'failure e-mails (reports that keep failing, a spreadsheet out of room)' : 'sign-in e-mails (sign-ins that expire or stop working)';
  return `\n--\nThis is one of Sheetgram's ${what}. To turn them off or send them to other addresses: Extensions > Sheetgram > Open sidebar, then E-mails.\n`;
}

/** What the sidebar says about the person's e-mails, in a sentence or two. */
export function mailSummary(settings: MailSettings, ownAddress: string): string {
  const to = settings.to.length ? settings.to.join(', ') : ownAddress || 'your address';
  const kinds = kindsSummary(settings, to);
  if (!settings.digest) return kinds;
  const digestTo = settings.digestTo.length ? settings.digestTo.join(', ') : to;
  return `${kinds} The Weekly Digest goes to ${digestTo} on Mondays, for each spreadsheet where your reports run.`;
}

function kindsSummary(settings: MailSettings, to: string): string {
  if (settings.failures && settings.signIns) return `Sheetgram e-mails ${to} when a report keeps failing and when a sign-in is about to expire or stops working.`;
  if (settings.failures) return `Sheetgram e-mails ${to} when a report keeps failing. Sign-in e-mails are off: check the accounts here for sign-ins that expire.`;
  if (settings.signIns) return `Sheetgram e-mails ${to} when a sign-in is about to expire or stops working. Failure e-mails are off: check the reports here for failures.`;
  return `Sheetgram sends no ${settings.digest ? 'failure or sign-in ' : ''}e-mails: check the accounts and reports here for sign-ins that expire and reports that fail.`;
}
