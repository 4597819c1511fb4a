// The local stand-in for the apps-script-oauth2 library (global OAuth2). In Google the real library
// runs; here the runtime injects this one, written from the library's documented API and behaviour.
import { guarded } from '../../platform';
import { createService, redirectUriFor, type OAuth2Globals } from './service';
import { STORAGE_PREFIX } from './storage';
import { TOKEN_FORMAT } from './token';

export type { OAuth2Globals } from './service';
export { STORAGE_PREFIX, NULL_SENTINEL, CACHE_TTL_SECONDS } from './storage';
export { TOKEN_FORMAT } from './token';

export function createOAuth2Library(globals: OAuth2Globals): GoogleAppsScriptOAuth2.OAuth2 {
  const library = {
    TOKEN_FORMAT,
    createService: (name: string) => createService(name, globals),
    getRedirectUri: (scriptId?: string) => redirectUriFor(scriptId ?? globals.ScriptApp.getScriptId()),
    /** Takes a property store (the @types say PropertiesService; the library uses a store). */
    getServiceNames(propertyStore: { getKeys(): string[] }) {
      const names = propertyStore
        .getKeys()
        .filter((key) => key.startsWith(STORAGE_PREFIX))
        .map((key) => key.slice(STORAGE_PREFIX.length).split('.')[0])
        .filter(Boolean);
      return [...new Set(names)];
    },
  };
  return guarded('OAuth2', library) as unknown as GoogleAppsScriptOAuth2.OAuth2;
}
