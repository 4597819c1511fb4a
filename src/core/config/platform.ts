// Where Sheetgram finds Instagram: one Graph API version and one set of hosts for the whole add-on.
// Production uses Meta's hosts; the local platform (and only it) overrides them through Script Properties.

export const GRAPH_API_VERSION = 'v27.0';

export interface PlatformHosts {
  /** Instagram Login authorize page, opened in the user's browser (never fetched). */
  instagramAuthorize: string;
  /** Instagram Login code exchange (api.instagram.com). */
  instagramApi: string;
  /** Instagram Login data, token exchange and refresh (graph.instagram.com). */
  instagramGraph: string;
  /** Facebook Login dialog, opened in the user's browser (never fetched). */
  facebookDialog: string;
  /** Facebook Login data and token exchange (graph.facebook.com). */
  facebookGraph: string;
}

export const META_HOSTS: PlatformHosts = {
  instagramAuthorize: 'https://www.instagram.com',
  instagramApi: 'https://api.instagram.com',
  instagramGraph: 'https://graph.instagram.com',
  facebookDialog: 'https://www.facebook.com',
  facebookGraph: 'https://graph.facebook.com',
};

/** Script Property names that override a host, e.g. SHEETGRAM_HOST_INSTAGRAM_GRAPH=http://127.0.0.1:4010/graph.instagram.com */
export const HOST_PROPERTY: Record<keyof PlatformHosts, string> = {
  instagramAuthorize: 'SHEETGRAM_HOST_INSTAGRAM_AUTHORIZE',
  instagramApi: 'SHEETGRAM_HOST_INSTAGRAM_API',
  instagramGraph: 'SHEETGRAM_HOST_INSTAGRAM_GRAPH',
  facebookDialog: 'SHEETGRAM_HOST_FACEBOOK_DIALOG',
  facebookGraph: 'SHEETGRAM_HOST_FACEBOOK_GRAPH',
};

export function resolveHosts(read: (key: string) => string | null): PlatformHosts {
  const hosts = { ...META_HOSTS };
  for (const key of Object.keys(HOST_PROPERTY) as (keyof PlatformHosts)[]) {
    const override = read(HOST_PROPERTY[key]);
    if (override) hosts[key] = override.replace(/\/+$/, '');
  }
  return hosts;
}
