// The permissions each login flow asks for. Base scopes always (a sign-in without them is refused);
// portfolio scopes always asked but not required; the rest only when a chosen report needs them (the
// registry says which), so people are not asked for more than they use.
import type { LoginFlow } from './types';

export const BASE_SCOPES: Record<LoginFlow, string[]> = {
  instagram: ['instagram_business_basic', 'instagram_business_manage_insights'],
  facebook: ['instagram_basic', 'instagram_manage_insights', 'pages_show_list', 'pages_read_engagement'],
};

/**
 * Asked on every Facebook Login, granted or not: a Page owned through a business portfolio is missing
 * from /me/accounts without business_management, and its insights need ads_read (or ads_management)
 * when the person's Page role comes through the portfolio (reference §1.2). Sheetgram only reads.
 * Someone whose Pages are their own may decline them and still connect.
 */
export const PORTFOLIO_SCOPES: Record<LoginFlow, string[]> = {
  instagram: [],
  facebook: ['business_management', 'ads_read'],
};

/** Either of these reads insights of a Page whose role comes through a business portfolio. */
export const PORTFOLIO_INSIGHTS_SCOPES = ['ads_read', 'ads_management'];

/** The union of the base scopes, the portfolio scopes and those the chosen reports need, in a stable order. */
export function scopesFor(flow: LoginFlow, extra: string[]): string[] {
  return [...new Set([...BASE_SCOPES[flow], ...PORTFOLIO_SCOPES[flow], ...extra])];
}

/** Scopes asked for but not granted. */
export function missingScopes(asked: string[], granted: string[]): string[] {
  const have = new Set(granted);
  return asked.filter((s) => !have.has(s));
}
