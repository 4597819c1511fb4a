// Meta's permissions in a person's words, for the sentences that say a report needs one the account did
// not grant. A permission id (instagram_business_manage_comments) never reaches a person.

const WORDS: Record<string, string> = {
  instagram_business_basic: 'read the profile and posts',
  instagram_basic: 'read the profile and posts',
  instagram_business_manage_insights: 'read insights',
  instagram_manage_insights: 'read insights',
  instagram_business_manage_comments: 'read comments',
  instagram_manage_comments: 'read comments',
  pages_show_list: 'see the Facebook Pages you manage',
  pages_read_engagement: 'read the linked Facebook Page',
  business_management: 'reach Pages owned through a business portfolio',
  ads_read: 'read insights of Pages owned through a business portfolio',
  ads_management: 'read insights of Pages owned through a business portfolio',
};

/** Permissions that the sidebar's "Also allow reading comments" box asks for. */
const COMMENT_PERMISSIONS = new Set(['instagram_business_manage_comments', 'instagram_manage_comments']);

/** "read comments", "read comments and read insights"; an unknown id becomes "use a permission Meta asks for". */
export function permissionText(scopes: readonly string[]): string {
  const words = [...new Set(scopes.map((s) => WORDS[s] ?? 'use a permission Meta asks for'))];
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** What to do about missing permissions: the account's Add permission button (it asks for what the reports need). */
export function permissionAdvice(scopes: readonly string[], username: string): string {
  return scopes.length && scopes.every((s) => COMMENT_PERMISSIONS.has(s))
    ? `Click Add permission next to @${username}, and allow reading comments.`
    : `Click Add permission next to @${username}, and allow everything Meta asks for.`;
}
