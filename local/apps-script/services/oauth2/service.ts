// One OAuth2 service as the apps-script-oauth2 library's public API documents it (reference §5.2):
// setters, the authorization URL with a state token, the callback exchange through UrlFetchApp,
// expiry and refresh under an optional lock, and errors kept for getLastError.
import { createHash, randomBytes } from 'node:crypto';
import { guarded } from '../../platform';
import { Storage, STORAGE_PREFIX, type CacheStore, type PropertyStore } from './storage';
import { canRefresh, isExpired, TOKEN_FORMAT, tokenFromResponse, type Token } from './token';

export interface OAuth2Globals {
  ScriptApp: any;
  UrlFetchApp: any;
  Utilities: any;
  PropertiesService: any;
  CacheService: any;
  LockService: any;
  Session?: any;
  /** The runtime's virtual clock; the library reads `new Date()` in Google. Defaults to the real clock. */
  clock?: { now(): number };
}

export const LOCK_TIMEOUT_MS = 30_000;
export const STATE_TOKEN_TIMEOUT_SECONDS = 3600;

export function redirectUriFor(scriptId: string): string {
  return `https://script.google.com/macros/d/${encodeURIComponent(scriptId)}/usercallback`;
}

function required(fields: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(fields)) if (!value) throw new Error(`${name} is required.`);
}

function withQuery(base: string, params: Record<string, string>): string {
  const query = Object.entries(params)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
  return base + (base.includes('?') ? '&' : '?') + query;
}

export function createService(name: string, g: OAuth2Globals): GoogleAppsScriptOAuth2.OAuth2Service {
  const nowSeconds = () => Math.floor((g.clock ? g.clock.now() : Date.now()) / 1000);
  const s = {
    authorizationBaseUrl: '',
    tokenUrl: '',
    refreshUrl: '',
    clientId: '',
    clientSecret: '',
    callbackFunction: '',
    redirectUri: '',
    propertyStore: undefined as PropertyStore | undefined,
    cache: undefined as CacheStore | undefined,
    lock: undefined as GoogleAppsScript.Lock.Lock | undefined,
    params: {} as Record<string, string>,
    tokenFormat: TOKEN_FORMAT.JSON as string,
    tokenHeaders: {} as Record<string, string>,
    tokenMethod: 'post',
    tokenPayloadHandler: undefined as ((payload: Record<string, string>) => object) | undefined,
    grantType: '',
    codeVerifier: '',
    codeChallengeMethod: 'S256',
    privateKey: '',
    lastError: undefined as unknown,
  };
  let storage: Storage | undefined;
  const getStorage = () => (storage ??= new Storage(STORAGE_PREFIX + name, s.propertyStore, s.cache));

  const lockable = <T>(fn: () => T): T => {
    if (!s.lock || s.lock.hasLock()) return fn();
    s.lock.waitLock(LOCK_TIMEOUT_MS);
    try {
      return fn();
    } finally {
      s.lock.releaseLock();
    }
  };

  const fetchToken = (payload: Record<string, string>, url = s.tokenUrl): Token => {
    const body = s.tokenPayloadHandler ? s.tokenPayloadHandler(payload) : payload;
    const headers: Record<string, string> = { Accept: s.tokenFormat, ...s.tokenHeaders };
    if (s.grantType === 'client_credentials' && s.clientId && s.clientSecret && !headers.Authorization) {
      headers.Authorization = `Basic ${Buffer.from(`${s.clientId}:${s.clientSecret}`).toString('base64')}`;
    }
    const response = g.UrlFetchApp.fetch(url, { method: s.tokenMethod, headers, payload: body, muteHttpExceptions: true });
    return tokenFromResponse(response, s.tokenFormat);
  };

  const saveToken = (token: Token): void => {
    token.granted_time = nowSeconds();
    getStorage().setValue(null, token);
  };

  const exchangeGrant = (): void => {
    required({ 'Grant Type': s.grantType, 'Token URL': s.tokenUrl });
    const payload: Record<string, string> = { grant_type: s.grantType, ...s.params };
    if (s.grantType !== 'client_credentials') Object.assign(payload, { client_id: s.clientId, client_secret: s.clientSecret });
    saveToken(fetchToken(payload));
  };

  const service = {
    setAuthorizationBaseUrl: (v: string) => set('authorizationBaseUrl', v),
    setTokenUrl: (v: string) => set('tokenUrl', v),
    setRefreshUrl: (v: string) => set('refreshUrl', v),
    setClientId: (v: string) => set('clientId', v),
    setClientSecret: (v: string) => set('clientSecret', v),
    setCallbackFunction: (v: string) => set('callbackFunction', v),
    setRedirectUri: (v: string) => set('redirectUri', v),
    setPropertyStore: (v: PropertyStore) => set('propertyStore', v),
    setCache: (v: CacheStore) => set('cache', v),
    setLock: (v: GoogleAppsScript.Lock.Lock) => set('lock', v),
    setTokenFormat: (v: string) => set('tokenFormat', v),
    setTokenHeaders: (v: Record<string, string>) => set('tokenHeaders', v),
    setTokenMethod: (v: string) => set('tokenMethod', v),
    setTokenPayloadHandler: (v: (payload: Record<string, string>) => object) => set('tokenPayloadHandler', v),
    setGrantType: (v: string) => set('grantType', v),
    setCodeVerififer: (v: string) => set('codeVerifier', v),
    setCodeChallengeMethod: (v: string) => set('codeChallengeMethod', v),
    setPrivateKey: (v: string) => set('privateKey', v),
    generateCodeVerifier: () => set('codeVerifier', randomBytes(48).toString('base64url')),
    setScope(scope: string | readonly string[], separator = ' ') {
      s.params.scope = Array.isArray(scope) ? scope.join(separator) : String(scope);
      return self;
    },
    setParam(key: string, value: string) {
      s.params[key] = value;
      return self;
    },

    getRedirectUri: () => s.redirectUri || redirectUriFor(g.ScriptApp.getScriptId()),

    getAuthorizationUrl(extra?: Record<string, string>) {
      required({ 'Client ID': s.clientId, 'Callback function name': s.callbackFunction, 'Authorization base URL': s.authorizationBaseUrl });
      let builder = g.ScriptApp.newStateToken().withMethod(s.callbackFunction).withArgument('serviceName', name).withTimeout(STATE_TOKEN_TIMEOUT_SECONDS);
      for (const [key, value] of Object.entries(extra ?? {})) builder = builder.withArgument(key, value);
      const params: Record<string, string> = { client_id: s.clientId, response_type: 'code', redirect_uri: service.getRedirectUri() };
      if (s.codeVerifier) {
        builder = builder.withArgument('codeVerifier_', s.codeVerifier);
        params.code_challenge = s.codeChallengeMethod === 'plain' ? s.codeVerifier : createHash('sha256').update(s.codeVerifier).digest('base64url');
        params.code_challenge_method = s.codeChallengeMethod;
      }
      params.state = builder.createToken();
      return withQuery(s.authorizationBaseUrl, { ...params, ...s.params });
    },

    handleCallback(request: { parameter: Record<string, string> }) {
      const { code, error } = request.parameter;
      if (error) {
        if (error === 'access_denied') return false;
        throw new Error(`Error authorizing token: ${error}`);
      }
      required({ 'Client ID': s.clientId, 'Token URL': s.tokenUrl });
      const payload: Record<string, string> = {
        code,
        client_id: s.clientId,
        client_secret: s.clientSecret,
        redirect_uri: service.getRedirectUri(),
        grant_type: 'authorization_code',
      };
      if (request.parameter.codeVerifier_) payload.code_verifier = request.parameter.codeVerifier_;
      saveToken(fetchToken(payload));
      return true;
    },

    hasAccess() {
      const token = service.getToken() as Token | null;
      if (token && !isExpired(token, nowSeconds())) return true;
      return lockable(() => {
        const fresh = service.getToken(true) as Token | null;
        if (fresh && !isExpired(fresh, nowSeconds())) return true;
        try {
          if (fresh && canRefresh(fresh, nowSeconds())) service.refresh();
          else if (s.privateKey) throw new Error('not implemented in the local runtime: OAuth2 service-account (JWT) flow');
          else if (s.grantType && s.grantType !== 'authorization_code') exchangeGrant();
          else return false;
        } catch (e) {
          s.lastError = e;
          return false;
        }
        return true;
      });
    },

    getAccessToken() {
      if (!service.hasAccess()) throw new Error('Access not granted or expired.');
      return (service.getToken() as Token).access_token;
    },

    getIdToken() {
      if (!service.hasAccess()) throw new Error('Access not granted or expired.');
      return (service.getToken() as Token).id_token;
    },

    getToken: (skipMemoryCheck?: boolean) => getStorage().getValue(null, skipMemoryCheck) as object | null,

    refresh() {
      required({ 'Client ID': s.clientId, 'Token URL': s.tokenUrl });
      lockable(() => {
        const token = service.getToken() as Token | null;
        if (!token || !token.refresh_token) throw new Error('Offline access is required.');
        const payload = { refresh_token: token.refresh_token, client_id: s.clientId, client_secret: s.clientSecret, grant_type: 'refresh_token' };
        const next = fetchToken(payload, s.refreshUrl || s.tokenUrl);
        if (!next.refresh_token) next.refresh_token = token.refresh_token;
        saveToken(next);
      });
    },

    reset: () => getStorage().reset(),
    getLastError: () => s.lastError,
    getStorage: () => guarded('Storage', getStorage()),
  };

  function set<K extends keyof typeof s>(key: K, value: (typeof s)[K]) {
    s[key] = value;
    return self;
  }
  const self = guarded('OAuth2Service', service) as unknown as GoogleAppsScriptOAuth2.OAuth2Service;
  return self;
}
