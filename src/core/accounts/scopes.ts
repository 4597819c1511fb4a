// The permissions each login flow asks for. Base scopes always; the rest only when a chosen report
// needs them (the registry says which), so people are not asked for more than they use.
import type { LoginFlow } from './types';

export const BASE_SCOPES: Record<LoginFlow, string[]> = {
  instagram: ['instagram_business_basic', 'instagram_business_manage_insights'],
  facebook: ['instagram_basic', 'instagram_manage_insights', 'pages_show_list', 'pages_read_engagement'],
};

/** The union of the base scopes and those the chosen reports need, in a stable order. */
export function scopesFor(flow: LoginFlow, extra: string[]): string[] {
  return [...new Set([...BASE_SCOPES[flow], ...extra])];
}

/** Scopes asked for but not granted. */
export function missingScopes(asked: string[], granted: string[]): string[] {
  const have = new Set(granted);
  return asked.filter((s) => !have.has(s));
}
