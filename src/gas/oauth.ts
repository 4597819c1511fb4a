// The apps-script-oauth2 services, one per login flow: the authorization URL (with Apps Script's state
// token and the /usercallback redirect URI) and the code exchange in the callback. The library keeps
// the short-lived token in the user's properties only until it is traded for a long-lived one.
import type { LoginFlow } from '../core/accounts/types';
import type { AppCredentials } from '../core/config/app-settings';
import type { PlatformHosts } from '../core/config/platform';
import { GRAPH_API_VERSION } from '../core/config/platform';

export const CALLBACK_FUNCTION = 'authCallback';
const SERVICE_NAME: Record<LoginFlow, string> = { instagram: 'sheetgram-instagram', facebook: 'sheetgram-facebook' };

export function flowOfService(name: unknown): LoginFlow | null {
  return name === SERVICE_NAME.instagram ? 'instagram' : name === SERVICE_NAME.facebook ? 'facebook' : null;
}

/**
 * `configId`: Facebook Login for Business's configuration. When set, the dialog gets config_id instead of
 * scope (the configuration in Meta's dashboard holds the permissions); a Business app refuses the
 * dialog without one.
 */
export function oauthService(flow: LoginFlow, credentials: AppCredentials, hosts: PlatformHosts, scopes: string[] = [], configId: string | null = null): GoogleAppsScriptOAuth2.OAuth2Service {
  const service = OAuth2.createService(SERVICE_NAME[flow])
    .setClientId(credentials.clientId)
    .setClientSecret(credentials.clientSecret)
    .setCallbackFunction(CALLBACK_FUNCTION)
    .setPropertyStore(PropertiesService.getUserProperties())
    .setLock(LockService.getUserLock());
  if (flow === 'facebook' && configId) service.setParam('config_id', configId);
  else service.setScope(scopes, ',');
  if (flow === 'instagram') {
    return service
      .setAuthorizationBaseUrl(`${hosts.instagramAuthorize}/oauth/authorize`)
      .setTokenUrl(`${hosts.instagramApi}/oauth/access_token`)
      // Log in again even when the browser is signed in to Instagram as another account.
      .setParam('force_reauth', 'true');
  }
  return service
    .setAuthorizationBaseUrl(`${hosts.facebookDialog}/${GRAPH_API_VERSION}/dialog/oauth`)
    .setTokenUrl(`${hosts.facebookGraph}/${GRAPH_API_VERSION}/oauth/access_token`)
    // Ask again for permissions declined last time.
    .setParam('auth_type', 'rerequest');
}
