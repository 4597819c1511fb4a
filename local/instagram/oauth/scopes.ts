// The permissions each login flow knows (reference §1.1 and §1.2). A scope outside its flow's list makes
// the consent page fail with "Invalid Scopes", as Instagram and Facebook do.

export const FLOW_SCOPES: Record<'instagram' | 'facebook', readonly string[]> = {
  instagram: [
    'instagram_business_basic',
    'instagram_business_manage_insights',
    'instagram_business_manage_comments',
    'instagram_business_content_publish',
    'instagram_business_manage_messages',
  ],
  facebook: [
    'public_profile',
    'email',
    'instagram_basic',
    'instagram_manage_insights',
    'instagram_manage_comments',
    'instagram_content_publish',
    'instagram_manage_messages',
    'pages_show_list',
    'pages_read_engagement',
    'business_management',
    'ads_management',
    'ads_read',
  ],
};

/** Scope lists come comma-separated or space-separated (reference §1.1). */
export function parseScopes(raw: string | undefined): string[] {
  return (raw ?? '').split(/[\s,]+/).filter((s) => s !== '');
}

export function invalidScopes(flow: 'instagram' | 'facebook', scopes: string[]): string[] {
  return scopes.filter((s) => !FLOW_SCOPES[flow].includes(s));
}

/** What the person approves: the requested scopes, narrowed to what the scenario says they grant. */
export function grantedScopes(requested: string[], grantable: string[] | undefined): string[] {
  return grantable ? requested.filter((s) => grantable.includes(s)) : [...requested];
}
