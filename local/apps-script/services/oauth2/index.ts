// The local stand-in for the apps-script-oauth2 library (global OAuth2) at the version the manifest
// names (43 = release 1.43.0). In Google the real library runs; here the runtime injects this one,
// written from that release's source and documented behaviour.
import { guarded } from '../../platform';
import { createService, redirectUriFor, type OAuth2Globals } from './service';
import { STORAGE_PREFIX } from './storage';
import { TOKEN_FORMAT } from './token';

export type { OAuth2Globals } from './service';
export { STORAGE_PREFIX, CACHE_NULL_VALUE, CACHE_TTL_SECONDS } from './storage';
export { TOKEN_FORMAT } from './token';

export function createOAuth2Library(globals: OAuth2Globals): GoogleAppsScriptOAuth2.OAuth2 {
  const library = {
    TOKEN_FORMAT,
    createService: (name: string) => createService(name, globals),
    getRedirectUri: (scriptId?: string) => redirectUriFor(scriptId || globals.ScriptApp.getScriptId()),
    /** Takes a property store (the @types say PropertiesService; the library reads its getProperties()). */
    getServiceNames(propertyStore: { getProperties(): Record<string, string> }) {
      const names = Object.keys(propertyStore.getProperties())
        .filter((key) => key.startsWith(STORAGE_PREFIX) && key.split('.')[1])
        .map((key) => key.split('.')[1]);
      return [...new Set(names)];
    },
  };
  return guarded('OAuth2', library) as unknown as GoogleAppsScriptOAuth2.OAuth2;
}
