// Alerts, per account and off by default: e-mail when the followers drop by more than a number in a day,
// or when a post's first day falls below a share of the median of the account's last posts at the same
// age. Kept in the document's properties (the accounts' data is this spreadsheet's), with the person who
// set them: their hourly runs send the alerts, to their e-mail addresses.

export interface AlertSettings {
  /** Followers lost from one day's snapshot to the next that makes an alert; absent: off. */
  followerDrop?: number;
  /** A post's views on its first day below this percent of the median of the last posts; absent: off. */
  postBelowPercent?: number;
  /** The Sheetgram user key of the person who set them: their runs send the e-mails. */
  by: string;
}

export const ALERTS_PREFIX = 'sheetgram.alerts.';
const MAX_DROP = 10_000_000;

const inRange = (n: unknown, min: number, max: number): n is number => typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max;
export const alertsKey = (accountId: string) => `${ALERTS_PREFIX}${accountId}`;

export function parseAlertSettings(raw: string | null | undefined): AlertSettings | null {
  if (!raw) return null;
  try {
    const stored = JSON.parse(raw) as { d?: unknown; p?: unknown; by?: unknown };
    if (typeof stored.by !== 'string' || !stored.by) return null;
    const settings: AlertSettings = { by: stored.by };
    if (inRange(stored.d, 1, MAX_DROP)) settings.followerDrop = stored.d;
    if (inRange(stored.p, 1, 100)) settings.postBelowPercent = stored.p;
    return settings.followerDrop !== undefined || settings.postBelowPercent !== undefined ? settings : null;
  } catch {
    return null;
  }
}

/** The compact form; null when both are off (delete the property). */
export function serializeAlertSettings(settings: AlertSettings): string | null {
  if (settings.followerDrop === undefined && settings.postBelowPercent === undefined) return null;
  return JSON.stringify({ ...(settings.followerDrop !== undefined ? { d: settings.followerDrop } : {}), ...(settings.postBelowPercent !== undefined ? { p: settings.postBelowPercent } : {}), by: settings.by });
}

export interface AlertInput {
  followerDrop?: unknown;
  postBelowPercent?: unknown;
}

/** A box left empty is off; otherwise a whole number in range, or the person's sentence. */
function wholeNumber(value: unknown, min: number, max: number, wrong: string): number | undefined | string {
  if (value === undefined || value === null || String(value).trim() === '') return undefined;
  // Digits only: Number() would also take "0x32" or "1e1".
  const text = String(value).trim();
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  return inRange(n, min, max) ? n : wrong;
}

/** What the sidebar sent, checked: the settings to keep, or a person's sentence. */
export function checkAlertInput(input: AlertInput, by: string): AlertSettings | string {
  const drop = wholeNumber(input.followerDrop, 1, MAX_DROP, 'Type the followers lost in a day as a whole number such as 50, or leave it empty for no alert.');
  if (typeof drop === 'string') return drop;
  const below = wholeNumber(input.postBelowPercent, 1, 100, 'Type the share as a whole percent from 1 to 100 such as 50, or leave it empty for no alert.');
  if (typeof below === 'string') return below;
  return { ...(drop !== undefined ? { followerDrop: drop } : {}), ...(below !== undefined ? { postBelowPercent: below } : {}), by };
}
